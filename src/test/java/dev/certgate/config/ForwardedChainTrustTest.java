package dev.certgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateAuthenticator;
import dev.certgate.Decision;
import dev.certgate.RefusalReason;
import dev.certgate.demo.Pki;
import dev.certgate.testing.FakeRequest;
import dev.certgate.testing.TestPki;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every forwarded source that carries a chain gives its intermediates to re-verification, from
 * configuration to decision: XFCC {@code Chain}, RFC 9440 {@code Client-Cert-Chain}, the AWS ALB
 * passthrough chain. Without the intermediate, or from another CA, the certificate is refused.
 */
class ForwardedChainTrustTest {

    @TempDir
    static Path dir;

    static Path anchors;

    @BeforeAll
    static void anchors() throws Exception {
        anchors = Pki.writePem(dir.resolve("anchors.pem"), TestPki.ROOT.certificate());
    }

    private static Decision authenticate(String source, List<X509Certificate> chain) throws Exception {
        CertgateSettings settings = TestConfigs.load("certgate.sources", source, "certgate.trusted-proxies", "10.0.0.0/8",
                "certgate.require-verified", "false", "certgate.trust.anchors", anchors.toString());
        FakeRequest request = FakeRequest.from(InetAddress.getByName("10.0.0.5"));
        switch (source) {
            case "xfcc" -> request.header("x-forwarded-client-cert", "Cert=\"" + envoy(List.of(chain.get(0)))
                    + "\";Chain=\"" + envoy(chain) + "\"");
            case "client-cert" -> {
                request.header("Client-Cert", sf(chain.get(0)));
                if (chain.size() > 1) {
                    request.header("Client-Cert-Chain", chain.subList(1, chain.size()).stream()
                            .map(ForwardedChainTrustTest::sf).collect(Collectors.joining(", ")));
                }
            }
            case "aws-alb" -> request.header("X-Amzn-Mtls-Clientcert", alb(chain));
            default -> throw new IllegalArgumentException(source);
        }
        return CertificateAuthenticator.of(settings, Clock.systemUTC()).authenticate(request, settings.defaultPolicy());
    }

    private static String envoy(List<X509Certificate> certificates) {
        return URLEncoder.encode(Pki.pem(certificates), StandardCharsets.US_ASCII).replace("+", "%20");
    }

    private static String sf(X509Certificate certificate) {
        try {
            return ":" + Base64.getEncoder().encodeToString(certificate.getEncoded()) + ":";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** AWS's encoding: URL-encoded PEM with {@code +=/} left as they are. */
    private static String alb(List<X509Certificate> certificates) {
        return URLEncoder.encode(Pki.pem(certificates), StandardCharsets.US_ASCII).replace("+", "%20")
                .replace("%2B", "+").replace("%3D", "=").replace("%2F", "/");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"xfcc", "client-cert", "aws-alb"})
    void authenticateWhenForwardedChainCarriesTheIntermediateThenAccepted(String source) throws Exception {
        assertThat(authenticate(source, TestPki.SVC_A.chain())).isInstanceOfSatisfying(Decision.Accepted.class,
                a -> assertThat(a.caller().name()).isEqualTo("spiffe://acme/svc-a"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"xfcc", "client-cert", "aws-alb"})
    void authenticateWhenTheIntermediateIsMissingThenUntrustedChain(String source) throws Exception {
        assertThat(authenticate(source, List.of(TestPki.SVC_A.certificate()))).isInstanceOfSatisfying(Decision.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(RefusalReason.UNTRUSTED_CHAIN));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"xfcc", "client-cert", "aws-alb"})
    void authenticateWhenAnotherCaIssuedItThenUntrustedChain(String source) throws Exception {
        assertThat(authenticate(source, TestPki.WRONG_CA.chain())).isInstanceOfSatisfying(Decision.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(RefusalReason.UNTRUSTED_CHAIN));
    }

    @Test
    void authenticateWhenXfccCarriesOnlyAHashThenNotReverifiable() throws Exception {
        CertgateSettings settings = TestConfigs.load("certgate.sources", "xfcc", "certgate.trusted-proxies", "10.0.0.0/8",
                "certgate.trust.anchors", anchors.toString());
        FakeRequest request = FakeRequest.from(InetAddress.getByName("10.0.0.5")).header("x-forwarded-client-cert",
                "Hash=" + dev.certgate.CertificateNormalizer.fingerprint256(TestPki.SVC_A.certificate())
                        + ";URI=spiffe://acme/svc-a");

        assertThat(CertificateAuthenticator.of(settings, Clock.systemUTC()).authenticate(request, settings.defaultPolicy()))
                .isInstanceOfSatisfying(Decision.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(RefusalReason.NOT_REVERIFIABLE));
    }
}
