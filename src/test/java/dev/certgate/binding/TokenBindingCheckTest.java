package dev.certgate.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateRequest;
import dev.certgate.CertificateSource;
import dev.certgate.TokenBinding;
import dev.certgate.demo.Pki;
import dev.certgate.identity.IdentityMapper;
import dev.certgate.policy.CertificatePolicy;
import dev.certgate.source.CertificateReader;
import dev.certgate.source.CertificateResolver;
import dev.certgate.source.Resolution;
import dev.certgate.source.TrustedProxies;
import dev.certgate.testing.FakeRequest;
import dev.certgate.testing.TestPki;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 8705 section 3 decisions over real certificates, native and forwarded (XFCC Cert, XFCC
 * Hash only, RFC 9440 Client-Cert), under both checking modes.
 */
class TokenBindingCheckTest {

    private static final String PROXY = "10.1.2.3";

    static CertgateSettings settings(TokenBinding mode) {
        return new CertgateSettings(List.of(CertificateSource.XFCC, CertificateSource.CLIENT_CERT, CertificateSource.NATIVE),
                TrustedProxies.parse(List.of("10.0.0.0/8")), CertificatePolicy.DEFAULT, Map.of(), IdentityMapper.DEFAULT,
                mode, CertgateSettings.DEFAULT_MAX_HEADER_BYTES);
    }

    private final TokenBindingCheck whenPresent = TokenBindingCheck.of(settings(TokenBinding.WHEN_PRESENT)).orElseThrow();
    private final TokenBindingCheck required = TokenBindingCheck.of(settings(TokenBinding.REQUIRED)).orElseThrow();

    static Confirmation boundTo(Pki.Issued client) {
        return new Confirmation.Thumbprint(CertificateThumbprint.of(client.certificate()).value());
    }

    static FakeRequest natively(Pki.Issued client) {
        return FakeRequest.withNativeChain(client.chain());
    }

    static FakeRequest forwarded(String header, String value) throws Exception {
        return FakeRequest.from(InetAddress.getByName(PROXY)).header(header, value);
    }

    static String xfccCert(Pki.Issued client) {
        return "Cert=\"" + URLEncoder.encode(Pki.pem(client.certificate()), StandardCharsets.UTF_8).replace("+", "%20") + "\"";
    }

    static String xfccHash(Pki.Issued client) {
        return "Hash=" + CertificateNormalizer.fingerprint256(client.certificate()).toLowerCase(java.util.Locale.ROOT);
    }

    static String clientCert(Pki.Issued client) throws Exception {
        return ":" + Base64.getEncoder().encodeToString(client.certificate().getEncoded()) + ":";
    }

    static BindingFailure failure(BindingDecision decision) {
        assertThat(decision).isInstanceOf(BindingDecision.Refused.class);
        assertThat(decision.allowed()).isFalse();
        return ((BindingDecision.Refused) decision).reason();
    }

    @ParameterizedTest
    @EnumSource(value = TokenBinding.class, names = {"WHEN_PRESENT", "REQUIRED"})
    void checkWhenBoundTokenAndItsNativeCertificateThenBound(TokenBinding mode) {
        BindingDecision decision = check(mode).check(boundTo(TestPki.SVC_A), natively(TestPki.SVC_A));

        assertThat(decision).isEqualTo(new BindingDecision.Bound(CertificateThumbprint.of(TestPki.SVC_A.certificate())));
        assertThat(decision.allowed()).isTrue();
    }

    @Test
    void checkWhenBoundTokenAndItsCertificateForwardedInEachFormThenBound() throws Exception {
        Confirmation token = boundTo(TestPki.SVC_A);

        assertThat(whenPresent.check(token, forwarded("x-forwarded-client-cert", xfccCert(TestPki.SVC_A))).allowed()).isTrue();
        assertThat(whenPresent.check(token, forwarded("x-forwarded-client-cert", xfccHash(TestPki.SVC_A))).allowed()).isTrue();
        assertThat(whenPresent.check(token, forwarded("client-cert", clientCert(TestPki.SVC_A))).allowed()).isTrue();
    }

    @Test
    void checkWhenStolenTokenReplayedWithAnotherCertificateThenMismatchWhereverItComesFrom() throws Exception {
        Confirmation stolen = boundTo(TestPki.SVC_A);

        assertThat(failure(whenPresent.check(stolen, natively(TestPki.SVC_B)))).isEqualTo(BindingFailure.MISMATCH);
        assertThat(failure(whenPresent.check(stolen, forwarded("x-forwarded-client-cert", xfccCert(TestPki.SVC_B)))))
                .isEqualTo(BindingFailure.MISMATCH);
        assertThat(failure(whenPresent.check(stolen, forwarded("x-forwarded-client-cert", xfccHash(TestPki.SVC_B)))))
                .isEqualTo(BindingFailure.MISMATCH);
        assertThat(failure(whenPresent.check(stolen, forwarded("client-cert", clientCert(TestPki.SVC_B)))))
                .isEqualTo(BindingFailure.MISMATCH);
    }

    @Test
    void checkWhenSameSubjectAndKeyTypeButAnotherCertificateThenMismatch() {
        // a re-issued certificate for the same name is another certificate: the binding is to the DER
        Pki.Issued reissued = TestPki.INTERMEDIATE.issue("CN=svc-a,OU=payments,O=Acme").uri("spiffe://acme/svc-a").build();

        assertThat(failure(whenPresent.check(boundTo(TestPki.SVC_A), natively(reissued)))).isEqualTo(BindingFailure.MISMATCH);
    }

    @ParameterizedTest
    @EnumSource(value = TokenBinding.class, names = {"WHEN_PRESENT", "REQUIRED"})
    void checkWhenBoundTokenAndNoCertificateThenNoCertificate(TokenBinding mode) {
        assertThat(failure(check(mode).check(boundTo(TestPki.SVC_A), FakeRequest.empty())))
                .isEqualTo(BindingFailure.NO_CERTIFICATE);
    }

    @Test
    void checkWhenBoundTokenAndItsCertificateForwardedByAnUntrustedPeerThenNoCertificate() throws Exception {
        FakeRequest spoofed = FakeRequest.from(InetAddress.getByName("192.0.2.7"))
                .header("x-forwarded-client-cert", xfccCert(TestPki.SVC_A));

        assertThat(failure(whenPresent.check(boundTo(TestPki.SVC_A), spoofed))).isEqualTo(BindingFailure.NO_CERTIFICATE);
    }

    @Test
    void checkWhenBoundTokenAndForwardedHeaderMalformedOrDuplicatedThenNoCertificate() throws Exception {
        FakeRequest duplicated = FakeRequest.from(InetAddress.getByName(PROXY))
                .header("client-cert", clientCert(TestPki.SVC_A), clientCert(TestPki.SVC_A));

        assertThat(failure(whenPresent.check(boundTo(TestPki.SVC_A), forwarded("client-cert", ":garbage:"))))
                .isEqualTo(BindingFailure.NO_CERTIFICATE);
        assertThat(failure(whenPresent.check(boundTo(TestPki.SVC_A), duplicated))).isEqualTo(BindingFailure.NO_CERTIFICATE);
    }

    @Test
    void checkWhenUnboundTokenThenUnboundUnderWhenPresentAndRefusedUnderRequired() {
        assertThat(whenPresent.check(Confirmation.ABSENT, natively(TestPki.SVC_A))).isEqualTo(new BindingDecision.Unbound());
        assertThat(whenPresent.check(Confirmation.ABSENT, natively(TestPki.SVC_A)).allowed()).isTrue();
        assertThat(failure(required.check(Confirmation.ABSENT, natively(TestPki.SVC_A)))).isEqualTo(BindingFailure.UNBOUND);
    }

    @ParameterizedTest
    @EnumSource(value = TokenBinding.class, names = {"WHEN_PRESENT", "REQUIRED"})
    void checkWhenMalformedCnfThenRefusedEvenWithAMatchingCertificate(TokenBinding mode) {
        Confirmation malformed = Confirmation.fromClaim(Map.of("x5t#S256",
                CertificateThumbprint.of(TestPki.SVC_A.certificate()).value() + "="));

        assertThat(failure(check(mode).check(malformed, natively(TestPki.SVC_A)))).isEqualTo(BindingFailure.MALFORMED_CNF);
    }

    @Test
    void checkWhenTokenUnboundOrMalformedThenNoCertificateIsResolved() {
        AtomicInteger reads = new AtomicInteger();
        CertificateReader counting = reader(CertificateSource.NATIVE, () -> {
            reads.incrementAndGet();
            return Resolution.Absent.NONE;
        });
        CertificateResolver resolver = new CertificateResolver(List.of(counting));

        new TokenBindingCheck(TokenBinding.WHEN_PRESENT, resolver).check(Confirmation.ABSENT, FakeRequest.empty());
        new TokenBindingCheck(TokenBinding.REQUIRED, resolver).check(Confirmation.ABSENT, FakeRequest.empty());
        new TokenBindingCheck(TokenBinding.REQUIRED, resolver).check(new Confirmation.Malformed("x"), FakeRequest.empty());
        assertThat(reads).hasValue(0);

        new TokenBindingCheck(TokenBinding.WHEN_PRESENT, resolver).check(boundTo(TestPki.SVC_A), FakeRequest.empty());
        assertThat(reads).hasValue(1);
    }

    @Test
    void checkWhenCertificateKnownOnlyByNameThenNoCertificate() {
        CertificateReader dnOnly = reader(CertificateSource.HEADERS, () -> new Resolution.Found(
                dev.certgate.testing.ClientCertificates.builder().fingerprint(null).source(CertificateSource.HEADERS).build()));
        TokenBindingCheck check = new TokenBindingCheck(TokenBinding.WHEN_PRESENT, new CertificateResolver(List.of(dnOnly)));

        assertThat(failure(check.check(boundTo(TestPki.SVC_A), FakeRequest.empty()))).isEqualTo(BindingFailure.NO_CERTIFICATE);
    }

    @Test
    void ofWhenOffThenNoCheck() {
        assertThat(TokenBindingCheck.of(settings(TokenBinding.OFF))).isEmpty();
        assertThatThrownBy(() -> new TokenBindingCheck(TokenBinding.OFF,
                dev.certgate.source.CertificateReaders.resolver(CertgateSettings.DEFAULTS)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A reader of {@code source} that answers {@code resolution} to every request. */
    static CertificateReader reader(CertificateSource source, java.util.function.Supplier<Resolution> resolution) {
        return new CertificateReader() {
            @Override
            public CertificateSource source() {
                return source;
            }

            @Override
            public Resolution read(CertificateRequest request) {
                return resolution.get();
            }
        };
    }

    private TokenBindingCheck check(TokenBinding mode) {
        return mode == TokenBinding.REQUIRED ? required : whenPresent;
    }
}
