package dev.certgate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.identity.IdentityMapper;
import dev.certgate.identity.PrincipalKind;
import dev.certgate.policy.AllowList;
import dev.certgate.policy.CertificatePolicy;
import dev.certgate.source.CertificateReader;
import dev.certgate.source.CertificateResolver;
import dev.certgate.source.NativeReader;
import dev.certgate.source.Resolution;
import dev.certgate.testing.ClientCertificates;
import dev.certgate.testing.FakeRequest;
import dev.certgate.testing.TestPki;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CertificateAuthenticatorTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Clock REAL_NOW = Clock.systemUTC();

    private static final IdentityMapper ADMIN_FOR_SVC_A = new IdentityMapper(PrincipalKind.DEFAULT_ORDER,
            Map.of("admin", AllowList.builder().sans(List.of("URI:spiffe://acme/svc-a")).build()));

    private static CertificateAuthenticator authenticator(Clock clock, CertificateReader... readers) {
        return new CertificateAuthenticator(new CertificateResolver(List.of(readers)), ADMIN_FOR_SVC_A, clock);
    }

    static CertificateReader answering(Resolution resolution) {
        return new CertificateReader() {
            @Override
            public CertificateSource source() {
                return CertificateSource.XFCC;
            }

            @Override
            public Resolution read(CertificateRequest request) {
                return resolution;
            }
        };
    }

    @Test
    void authenticateWhenNativeCertificateAcceptedThenCallerAndRoles() {
        Decision d = authenticator(REAL_NOW, new NativeReader())
                .authenticate(FakeRequest.withNativeChain(TestPki.SVC_A.chain()), CertificatePolicy.DEFAULT);

        assertThat(d).isInstanceOfSatisfying(Decision.Accepted.class, a -> {
            assertThat(a.caller().name()).isEqualTo("spiffe://acme/svc-a");
            assertThat(a.caller().roles()).containsExactly("admin");
            assertThat(a.certificate().certificate()).isSameAs(TestPki.SVC_A.certificate());
        });
    }

    @Test
    void authenticateWhenOtherServiceThenAcceptedWithoutRole() {
        Decision d = authenticator(REAL_NOW, new NativeReader())
                .authenticate(FakeRequest.withNativeChain(TestPki.SVC_B.chain()), CertificatePolicy.DEFAULT);

        assertThat(((Decision.Accepted) d).caller().roles()).isEmpty();
    }

    @Test
    void authenticateWhenNoCertificateThenMissingNoCertificate() {
        Decision d = authenticator(NOW, new NativeReader()).authenticate(FakeRequest.empty(), CertificatePolicy.DEFAULT);

        assertThat(d).isEqualTo(new Decision.Missing(MissingReason.NO_CERTIFICATE, ""));
    }

    @Test
    void authenticateWhenHeaderFromUntrustedPeerThenMissingUntrustedPeer() {
        Decision d = authenticator(NOW, answering(Resolution.Absent.UNTRUSTED), new NativeReader())
                .authenticate(FakeRequest.empty(), CertificatePolicy.DEFAULT);

        assertThat(d).isEqualTo(new Decision.Missing(MissingReason.UNTRUSTED_PEER, ""));
    }

    @Test
    void authenticateWhenMalformedThenMissingWithDetail() {
        Decision d = authenticator(NOW, answering(new Resolution.Malformed(MissingReason.OVERSIZE, "40000 bytes")))
                .authenticate(FakeRequest.empty(), CertificatePolicy.DEFAULT);

        assertThat(d).isEqualTo(new Decision.Missing(MissingReason.OVERSIZE, "40000 bytes"));
    }

    @Test
    void authenticateWhenResolutionRefusedThenRefusedWithoutCertificate() {
        Decision d = authenticator(NOW, answering(new Resolution.Refused(RefusalReason.DUPLICATE_HEADER, "twice")))
                .authenticate(FakeRequest.empty(), CertificatePolicy.DEFAULT);

        assertThat(d).isEqualTo(new Decision.Refused(RefusalReason.DUPLICATE_HEADER, null, "twice"));
    }

    @Test
    void authenticateWhenExpiredByTheClockThenRefusedExpiredWithCertificate() {
        ClientCertificate c = ClientCertificates.builder()
                .validity(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-05-31T23:59:59Z")).build();

        Decision d = authenticator(NOW, answering(new Resolution.Found(c))).authenticate(FakeRequest.empty(), CertificatePolicy.DEFAULT);

        assertThat(d).isEqualTo(new Decision.Refused(RefusalReason.EXPIRED, c, ""));
    }

    @Test
    void authenticateWhenMintedExpiredAndNotYetValidThenRefused() {
        CertificateAuthenticator auth = authenticator(REAL_NOW, new NativeReader());

        assertThat(((Decision.Refused) auth.authenticate(FakeRequest.withNativeChain(TestPki.EXPIRED.chain()),
                CertificatePolicy.DEFAULT)).reason()).isEqualTo(RefusalReason.EXPIRED);
        assertThat(((Decision.Refused) auth.authenticate(FakeRequest.withNativeChain(TestPki.NOT_YET_VALID.chain()),
                CertificatePolicy.DEFAULT)).reason()).isEqualTo(RefusalReason.NOT_YET_VALID);
    }

    @Test
    void authenticateWhenNotAllowListedThenRefusedWithReason() {
        CertificatePolicy payments = new CertificatePolicy("payments", true, true,
                AllowList.builder().sans(List.of("URI:spiffe://acme/svc-a")).build(), List.of());
        CertificateAuthenticator auth = authenticator(REAL_NOW, new NativeReader());

        assertThat(auth.authenticate(FakeRequest.withNativeChain(TestPki.SVC_A.chain()), payments)).isInstanceOf(Decision.Accepted.class);
        assertThat(((Decision.Refused) auth.authenticate(FakeRequest.withNativeChain(TestPki.SVC_B.chain()), payments)).reason())
                .isEqualTo(RefusalReason.SAN_NOT_ALLOWED);
    }

    @Test
    void decideWhenNothingNamesTheCallerThenRefusedNoCallerName() {
        CertificateAuthenticator auth = new CertificateAuthenticator(new CertificateResolver(List.of(new NativeReader())),
                new IdentityMapper(List.of(PrincipalKind.SAN_EMAIL), Map.of()), NOW);
        ClientCertificate c = ClientCertificates.builder().build();

        assertThat(auth.decide(c, CertificatePolicy.DEFAULT)).isEqualTo(new Decision.Refused(RefusalReason.NO_CALLER_NAME, c, ""));
    }

    @Test
    void decideWhenPolicyRefusesThenIdentityNotConsulted() {
        ClientCertificate unverified = ClientCertificates.builder().verified(false).build();

        Decision d = authenticator(NOW, new NativeReader()).decide(unverified, CertificatePolicy.DEFAULT);

        assertThat(d).isEqualTo(new Decision.Refused(RefusalReason.UNVERIFIED, unverified, ""));
    }
}
