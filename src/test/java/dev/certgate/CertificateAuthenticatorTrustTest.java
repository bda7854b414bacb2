package dev.certgate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.policy.AllowList;
import dev.certgate.policy.CertificatePolicy;
import dev.certgate.source.CertificateCache.CacheSettings;
import dev.certgate.source.TrustedProxies;
import dev.certgate.testing.FakeRequest;
import dev.certgate.testing.TestPki;
import dev.certgate.trust.TrustSettings;
import dev.certgate.trust.TrustVerifier;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where re-verification sits in the pipeline: after the policy, before the caller is named. */
class CertificateAuthenticatorTrustTest {

    private static final TrustSettings ROOT = TrustSettings.anchoredAt(List.of(TestPki.ROOT.certificate()));
    private static final CertgateSettings SETTINGS = CertgateSettings.DEFAULTS.withTrust(ROOT);

    private static Decision authenticate(CertificatePolicy policy, List<java.security.cert.X509Certificate> chain) {
        return CertificateAuthenticator.of(SETTINGS, Clock.systemUTC())
                .authenticate(FakeRequest.withNativeChain(chain), policy);
    }

    @Test
    void authenticateWhenChainLeadsToAnAnchorThenAccepted() {
        assertThat(authenticate(CertificatePolicy.DEFAULT, TestPki.SVC_A.chain())).isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void authenticateWhenChainLeadsNowhereThenRefusedUntrustedChainWithTheCertificateAndADetail() {
        Decision d = authenticate(CertificatePolicy.DEFAULT, TestPki.WRONG_CA.chain());

        assertThat(d).isInstanceOfSatisfying(Decision.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(RefusalReason.UNTRUSTED_CHAIN);
            assertThat(r.certificate().certificate()).isSameAs(TestPki.WRONG_CA.certificate());
            assertThat(r.detail()).contains("PKIX");
        });
    }

    @Test
    void authenticateWhenPolicyRefusesThenItsReasonAndNoPathIsBuilt() {
        CertificatePolicy onlySvcB = new CertificatePolicy("p", true, true,
                AllowList.builder().sans(List.of("URI:spiffe://acme/svc-b")).build(), List.of());

        assertThat(authenticate(onlySvcB, TestPki.WRONG_CA.chain()))
                .isInstanceOfSatisfying(Decision.Refused.class, r -> assertThat(r.reason()).isEqualTo(RefusalReason.SAN_NOT_ALLOWED));
    }

    @Test
    void authenticateWhenLeafExpiredThenCheckValidityNamesItElsePkixRefusesIt() {
        CertificatePolicy lenient = new CertificatePolicy("lenient", true, false, AllowList.ANY, List.of());

        assertThat(authenticate(CertificatePolicy.DEFAULT, TestPki.EXPIRED.chain()))
                .isInstanceOfSatisfying(Decision.Refused.class, r -> assertThat(r.reason()).isEqualTo(RefusalReason.EXPIRED));
        assertThat(authenticate(lenient, TestPki.EXPIRED.chain()))
                .isInstanceOfSatisfying(Decision.Refused.class, r -> assertThat(r.reason()).isEqualTo(RefusalReason.UNTRUSTED_CHAIN));
        assertThat(new CertificateAuthenticator(dev.certgate.source.CertificateReaders.resolver(CertgateSettings.DEFAULTS),
                CertgateSettings.DEFAULTS.identity(), Clock.systemUTC())
                .authenticate(FakeRequest.withNativeChain(TestPki.EXPIRED.chain()), lenient))
                .as("without anchors check-validity=false accepts, as before").isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void ofWhenSettingsHaveNoTrustThenNothingReverified() {
        CertgateSettings plain = new CertgateSettings(List.of(CertificateSource.NATIVE), TrustedProxies.NONE,
                CertificatePolicy.DEFAULT, java.util.Map.of(), CertgateSettings.DEFAULTS.identity(), TokenBinding.WHEN_PRESENT,
                CertgateSettings.DEFAULT_MAX_HEADER_BYTES);

        assertThat(plain.trust()).isEqualTo(TrustSettings.NONE);
        assertThat(CertificateAuthenticator.of(plain, Clock.systemUTC())
                .authenticate(FakeRequest.withNativeChain(TestPki.WRONG_CA.chain()), CertificatePolicy.DEFAULT))
                .isInstanceOf(Decision.Accepted.class);
        assertThat(TrustVerifier.of(ROOT, CacheSettings.OFF).enabled()).isTrue();
    }
}
