package dev.certgate.jaxrs;

import static dev.certgate.jaxrs.CertgateFeatureTest.REFUSED;
import static dev.certgate.jaxrs.CertgateFeatureTest.REQUIRED;
import static dev.certgate.jaxrs.CertgateFeatureTest.assertProblem;
import static dev.certgate.jaxrs.CertgateFeatureTest.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateNormalizer;
import dev.certgate.demo.Pki;
import dev.certgate.testing.LogCapture;
import dev.certgate.testing.TestPki;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.glassfish.jersey.server.ContainerResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a forwarded certificate header can fail, through the whole Jersey runtime: the
 * status DESIGN.md gives it (401 for no usable certificate, 403 for a refused one), one body per
 * status that echoes nothing of the input or the reason, and the reason code in the server log.
 */
class ForwardedRefusalResponseTest {

    static final String ALL = "xfcc,client-cert,headers,traefik,aws-alb";

    static CertgateSettings forwarded(String... more) {
        List<String> keys = new ArrayList<>(List.of("certgate.sources", ALL, "certgate.trusted-proxies", "10.0.0.0/8"));
        keys.addAll(List.of(more));
        return settings(keys.toArray(String[]::new));
    }

    static String der(Pki.Issued issued) throws Exception {
        return Base64.getEncoder().encodeToString(issued.certificate().getEncoded());
    }

    static String urlPem(Pki.Issued issued) {
        return URLEncoder.encode(Pki.pem(issued.certificate()), StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Stream<Arguments> failures() throws Exception {
        String svcA = der(TestPki.SVC_A);
        String hashOfB = CertificateNormalizer.fingerprint256(TestPki.SVC_B.certificate());
        String verify = "certgate.aws-alb.mode";
        return Stream.of(
                // 401: no usable certificate
                Arguments.of("untrusted-peer", 401, forwarded(), "192.0.2.1", new String[] {"X-SSL-Client-Cert", svcA,
                        "X-SSL-Client-Verify", "SUCCESS"}),
                Arguments.of("malformed", 401, forwarded(), "10.1.1.1", new String[] {"x-forwarded-client-cert",
                        "Hash=zz;Subject=\"CN=leak-me\""}),
                Arguments.of("malformed", 401, forwarded(), "10.1.1.1", new String[] {"Client-Cert-Chain", ":" + svcA + ":"}),
                Arguments.of("malformed", 401, forwarded(), "10.1.1.1", new String[] {"X-Forwarded-Tls-Client-Cert", "leak-me%ZZ"}),
                Arguments.of("malformed", 401, forwarded(), "10.1.1.1", new String[] {"X-Forwarded-Tls-Client-Cert-Info",
                        "Subject%3D%22O%3Dleak-me%2CCN%3Devil%2CCN%3Dadmin%22"}),
                Arguments.of("malformed", 401, forwarded(), "10.1.1.1", new String[] {"X-Amzn-Mtls-Clientcert", "leak-me"}),
                Arguments.of("malformed", 401, forwarded(verify, "verify"), "10.1.1.1", new String[] {
                        "X-Amzn-Mtls-Clientcert-Subject", "CN=svc-a", "X-Amzn-Mtls-Clientcert-Validity", "leak-me"}),
                Arguments.of("oversize", 401, forwarded("certgate.max-header-bytes", "64"), "10.1.1.1",
                        new String[] {"X-Forwarded-Tls-Client-Cert", svcA}),
                // 403: refused
                Arguments.of("duplicate-header", 403, forwarded(), "10.1.1.1", new String[] {"Client-Cert", ":" + svcA + ":",
                        "Client-Cert", ":" + svcA + ":"}),
                Arguments.of("hash-mismatch", 403, forwarded(), "10.1.1.1", new String[] {"x-forwarded-client-cert",
                        "Hash=" + hashOfB + ";Cert=\"" + urlPem(TestPki.SVC_A) + "\""}),
                Arguments.of("metadata-mismatch", 403, forwarded(), "10.1.1.1", new String[] {"X-Forwarded-Tls-Client-Cert",
                        svcA, "X-Forwarded-Tls-Client-Cert-Info", "SerialNumber%3D%221%22"}),
                Arguments.of("metadata-mismatch", 403, forwarded(verify, "verify"), "10.1.1.1", new String[] {
                        "X-Amzn-Mtls-Clientcert-Leaf", urlPem(TestPki.SVC_A), "X-Amzn-Mtls-Clientcert-Subject", "CN=admin"}),
                Arguments.of("unexpected-header", 403, forwarded(), "10.1.1.1", new String[] {
                        "X-Amzn-Mtls-Clientcert-Leaf", urlPem(TestPki.SVC_A)}),
                Arguments.of("unexpected-header", 403, forwarded(verify, "verify"), "10.1.1.1", new String[] {
                        "X-Amzn-Mtls-Clientcert", urlPem(TestPki.SVC_A)}),
                Arguments.of("unverified", 403, forwarded(), "10.1.1.1", new String[] {"X-SSL-Client-Cert", svcA}),
                Arguments.of("unverified", 403, forwarded(), "10.1.1.1", new String[] {"X-Forwarded-Tls-Client-Cert", svcA}),
                Arguments.of("unverified", 403, forwarded(), "10.1.1.1", new String[] {"X-Amzn-Mtls-Clientcert", urlPem(TestPki.SVC_A)}));
    }

    @ParameterizedTest(name = "{0} {1}: {4}")
    @MethodSource("failures")
    void filterWhenForwardedHeaderFailsThenOneBodyThatSaysNothingAndReasonLogged(String reason, int status,
            CertgateSettings settings, String peer, String[] headers) throws Exception {
        InMemoryApp.Call call = CertgateFeatureTest.app(settings, Resources.Guarded.class).get("/guarded")
                .property(CertgateFeature.PEER_ADDRESS_PROPERTY, InetAddress.getByName(peer));
        java.util.Map<String, List<String>> byName = new java.util.LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            byName.computeIfAbsent(headers[i], name -> new ArrayList<>()).add(headers[i + 1]);
        }
        byName.forEach((name, values) -> call.header(name, values.toArray(String[]::new)));

        ContainerResponse response;
        List<java.util.logging.LogRecord> logged;
        try (LogCapture log = LogCapture.start()) {
            response = call.send();
            logged = log.records();
        }

        assertProblem(response, status, status == 401 ? REQUIRED : REFUSED);
        assertThat((String) response.getEntity()).doesNotContain(reason, "leak-me", "svc-a", "admin", "Amzn", "Traefik",
                "Tls", "Hash", "spiffe");
        assertThat(logged).anySatisfy(record -> assertThat(record.getMessage()).contains("reason=" + reason));
    }
}
