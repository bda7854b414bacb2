package dev.certgate.binding;

import static dev.certgate.binding.TokenBindingCheckTest.boundTo;
import static dev.certgate.binding.TokenBindingCheckTest.failure;
import static dev.certgate.binding.TokenBindingCheckTest.natively;
import static dev.certgate.binding.TokenBindingCheckTest.xfccHash;
import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateAuthenticator;
import dev.certgate.CertificateSource;
import dev.certgate.TokenBinding;
import dev.certgate.demo.Pki;
import dev.certgate.identity.IdentityMapper;
import dev.certgate.policy.CertificatePolicy;
import dev.certgate.source.TrustedProxies;
import dev.certgate.testing.FakeRequest;
import dev.certgate.testing.OpensslCa;
import dev.certgate.testing.TestPki;
import dev.certgate.trust.StaleCrl;
import dev.certgate.trust.TrustSettings;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The binding's certificate passes the same re-verification as a guarded one ({@code certgate.trust.*}):
 * a certificate with no path to an anchor, a revoked one, or one that cannot be re-verified (a hash
 * only) is no usable certificate for the binding, natively and forwarded alike; a trusted one binds.
 */
class TokenBindingTrustTest {

    @TempDir
    static Path dir;

    static Pki.Issued revoked;
    static Path crl;

    @BeforeAll
    static void revokeOne() throws Exception {
        revoked = TestPki.client("CN=svc-revoked,O=Acme").uri("spiffe://acme/svc-revoked").build();
        crl = OpensslCa.of(TestPki.INTERMEDIATE, dir.resolve("issuing")).valid(TestPki.SVC_A).revoke(revoked)
                .crl("issuing.crl.pem", 24);
    }

    static TokenBindingCheck anchoredAtTheRoot(TokenBinding mode, boolean withCrl) {
        TrustSettings trust = TrustSettings.anchoredAt(List.of(TestPki.ROOT.certificate()));
        if (withCrl) {
            trust = trust.withCrls(List.of(crl), TrustSettings.DEFAULT_CRL_REFRESH, StaleCrl.REFUSE);
        }
        CertgateSettings settings = new CertgateSettings(List.of(CertificateSource.XFCC, CertificateSource.NATIVE),
                TrustedProxies.parse(List.of("10.0.0.0/8")), CertificatePolicy.DEFAULT, Map.of(), IdentityMapper.DEFAULT,
                mode, CertgateSettings.DEFAULT_MAX_HEADER_BYTES).withTrust(trust);
        return new TokenBindingCheck(mode, CertificateAuthenticator.of(settings, Clock.systemUTC()));
    }

    private final TokenBindingCheck anchored = anchoredAtTheRoot(TokenBinding.WHEN_PRESENT, false);
    private final TokenBindingCheck revoking = anchoredAtTheRoot(TokenBinding.WHEN_PRESENT, true);

    /** XFCC {@code Cert} and {@code Chain} from the trusted proxy, as Envoy forwards them for re-verification. */
    static FakeRequest forwardedWithChain(Pki.Issued client) throws Exception {
        String cert = encoded(List.of(client.certificate()));
        String chain = encoded(client.chain());
        return FakeRequest.from(InetAddress.getByName("10.1.2.3"))
                .header("x-forwarded-client-cert", "Cert=\"" + cert + "\";Chain=\"" + chain + "\"");
    }

    private static String encoded(List<java.security.cert.X509Certificate> certificates) {
        return URLEncoder.encode(Pki.pem(certificates), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String detail(BindingDecision decision) {
        return ((BindingDecision.Refused) decision).detail();
    }

    @ParameterizedTest
    @EnumSource(value = TokenBinding.class, names = {"WHEN_PRESENT", "REQUIRED"})
    void checkWhenTrustedCertificateAndItsTokenThenBoundNativelyAndForwarded(TokenBinding mode) throws Exception {
        TokenBindingCheck check = anchoredAtTheRoot(mode, true);

        assertThat(check.check(boundTo(TestPki.SVC_A), natively(TestPki.SVC_A)))
                .isInstanceOf(BindingDecision.Bound.class);
        assertThat(check.check(boundTo(TestPki.SVC_A), forwardedWithChain(TestPki.SVC_A)))
                .isInstanceOf(BindingDecision.Bound.class);
    }

    @Test
    void checkWhenCertificateHasNoPathToAnAnchorThenNoCertificateThoughItsTokenMatches() throws Exception {
        // same names as svc-a, from a CA the TLS layer or a proxy may trust but the application does not
        BindingDecision nativeDecision = anchored.check(boundTo(TestPki.WRONG_CA), natively(TestPki.WRONG_CA));
        BindingDecision forwarded = anchored.check(boundTo(TestPki.WRONG_CA), forwardedWithChain(TestPki.WRONG_CA));

        assertThat(failure(nativeDecision)).isEqualTo(BindingFailure.NO_CERTIFICATE);
        assertThat(detail(nativeDecision)).contains("re-verification", "untrusted-chain");
        assertThat(failure(forwarded)).isEqualTo(BindingFailure.NO_CERTIFICATE);
        assertThat(detail(forwarded)).contains("xfcc", "untrusted-chain");
    }

    @Test
    void checkWhenCertificateRevokedThenNoCertificateNativelyAndForwarded() throws Exception {
        BindingDecision nativeDecision = revoking.check(boundTo(revoked), natively(revoked));
        BindingDecision forwarded = revoking.check(boundTo(revoked), forwardedWithChain(revoked));

        assertThat(failure(nativeDecision)).isEqualTo(BindingFailure.NO_CERTIFICATE);
        assertThat(detail(nativeDecision)).contains("revoked");
        assertThat(failure(forwarded)).isEqualTo(BindingFailure.NO_CERTIFICATE);
        assertThat(detail(forwarded)).contains("revoked");
    }

    @Test
    void checkWhenOnlyTheHashIsForwardedAndAnchorsAreSetThenNoCertificate() throws Exception {
        // a hash proves no path to an anchor: the same not-reverifiable a guard refuses it for
        FakeRequest hashOnly = FakeRequest.from(InetAddress.getByName("10.1.2.3"))
                .header("x-forwarded-client-cert", xfccHash(TestPki.SVC_A));

        BindingDecision decision = anchored.check(boundTo(TestPki.SVC_A), hashOnly);

        assertThat(failure(decision)).isEqualTo(BindingFailure.NO_CERTIFICATE);
        assertThat(detail(decision)).contains("not-reverifiable");
    }

    @Test
    void checkWhenStolenTokenWithAnUntrustedCertificateThenMismatchBeforeAnyReverification() {
        BindingDecision decision = anchored.check(boundTo(TestPki.SVC_A), natively(TestPki.WRONG_CA));

        assertThat(failure(decision)).isEqualTo(BindingFailure.MISMATCH);
        assertThat(detail(decision)).doesNotContain("re-verification");
    }

    @Test
    void checkWhenNoTrustConfiguredThenAnyCertificateCanBindAsBefore() {
        TokenBindingCheck plain = TokenBindingCheck.of(TokenBindingCheckTest.settings(TokenBinding.WHEN_PRESENT)).orElseThrow();

        assertThat(plain.check(boundTo(TestPki.WRONG_CA), natively(TestPki.WRONG_CA))).isInstanceOf(BindingDecision.Bound.class);
        assertThat(plain.check(boundTo(revoked), natively(revoked))).isInstanceOf(BindingDecision.Bound.class);
    }

    @Test
    void ofWhenSettingsHaveTrustThenTheCheckReverifiesToo() {
        CertgateSettings settings = TokenBindingCheckTest.settings(TokenBinding.REQUIRED)
                .withTrust(TrustSettings.anchoredAt(List.of(TestPki.ROOT.certificate())));

        TokenBindingCheck check = TokenBindingCheck.of(settings).orElseThrow();

        assertThat(failure(check.check(boundTo(TestPki.WRONG_CA), natively(TestPki.WRONG_CA))))
                .isEqualTo(BindingFailure.NO_CERTIFICATE);
        assertThat(check.check(boundTo(TestPki.SVC_A), natively(TestPki.SVC_A))).isInstanceOf(BindingDecision.Bound.class);
    }
}
