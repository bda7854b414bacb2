package dev.certgate.demo;

import static dev.certgate.demo.DemoServerTlsTest.REFUSED;
import static dev.certgate.demo.DemoServerTlsTest.REQUIRED;
import static dev.certgate.demo.DemoServerTlsTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertificateNormalizer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DESIGN.md's response and demo contracts as an outside client checks them, on one demo that
 * reads every source from 127.0.0.1 (Traefik and the ALB in their verifying modes) and verifies
 * MP JWT tokens: the claims no other demo test holds. What a black-box run found and this pins:
 * an {@code Accept} the resource cannot produce answered 406 before certgate's guard, a forwarded
 * header over about 1.5 times {@code certgate.max-header-bytes} got the server's bare 400, more
 * than 100 header fields another bare 400, and {@code /bound} called a token with only a DPoP
 * {@code jkt} "bound".
 */
class DemoContractTest {

    @TempDir
    static Path pki;

    static DemoServer demo;
    static DemoClient curl;
    static DemoClient svcA;
    static String http;
    static String https;
    static X509Certificate svcACertificate;
    static String svcADer;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoOnFreePorts.start(pki,
                "certgate.sources", "xfcc,client-cert,headers,traefik,aws-alb,native",
                "certgate.trusted-proxies", "127.0.0.1/32",
                "certgate.traefik.client-auth-type", "RequireAndVerifyClientCert",
                "certgate.aws-alb.mode", "verify",
                "mp.jwt.verify.publickey.location", pki.resolve(DemoPki.TOKEN_PUBLIC_KEY).toString(),
                "mp.jwt.verify.issuer", BearerTokens.ISSUER);
        http = "http://127.0.0.1:" + demo.httpPort();
        https = "https://127.0.0.1:" + demo.httpsPort();
        curl = DemoClient.anonymous(pki.resolve("ca.pem"));
        svcA = DemoClient.withCertificate(pki.resolve("ca.pem"), pki.resolve("svc-a.pem"), pki.resolve("svc-a-key.pem"));
        svcACertificate = DemoPki.readCertificates(pki.resolve("svc-a.pem")).get(0);
        svcADer = Base64.getEncoder().encodeToString(svcACertificate.getEncoded());
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    static Stream<Arguments> acceptsTimesGuardedResources() {
        List<Arguments> cases = new ArrayList<>();
        for (String accept : List.of("application/problem+json", "application/json", "text/html", "application/xml",
                ";;;/", "text/plain;q=abc")) {
            for (String resource : List.of("GET /guarded/ping", "GET /whoami", "POST /payments/charge", "GET /admin",
                    "GET /bound")) {
                cases.add(Arguments.of(accept, resource));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "Accept: {0}, {1}")
    @MethodSource("acceptsTimesGuardedResources")
    void guardedWhenNoCertificateWhateverTheAcceptThen401Problem(String accept, String resource) throws Exception {
        String[] request = resource.split(" ");
        HttpResponse<String> response = request[0].equals("POST") ? curl.post(http + request[1], "Accept", accept)
                : curl.get(http + request[1], "Accept", accept);

        assertProblem(response, 401, REQUIRED);
    }

    @ParameterizedTest(name = "Accept: {0}")
    @ValueSource(strings = {"application/json", "application/problem+json", "text/html"})
    void guardedPingWhenCertificateAndAnyAcceptThenPongAsTextPlain(String accept) throws Exception {
        HttpResponse<String> response = svcA.get(https + "/guarded/ping", "Accept", accept);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("pong");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
    }

    @ParameterizedTest(name = "{0}: {1} bytes")
    @CsvSource({
        "X-Forwarded-Client-Cert, 32769", "X-Forwarded-Client-Cert, 65536", "X-Forwarded-Client-Cert, 131072",
        "Client-Cert, 32769", "Client-Cert, 131072",
        "X-SSL-Client-Cert, 65536", "X-SSL-Client-S-DN, 131072",
        "X-Forwarded-Tls-Client-Cert, 65536", "X-Forwarded-Tls-Client-Cert-Info, 131072",
        "X-Amzn-Mtls-Clientcert-Leaf, 65536", "X-Amzn-Mtls-Clientcert-Subject, 131072",
    })
    void whoamiWhenForwardedHeaderOverMaxHeaderBytesThen401ProblemNotTheServersPage(String header, int bytes)
            throws Exception {
        assertProblem(curl.get(http + "/whoami", header, "A".repeat(bytes)), 401, REQUIRED);
    }

    @Test
    void whoamiWhenXfccExactlyMaxHeaderBytesThenParsed() throws Exception {
        String hash = CertificateNormalizer.fingerprint256(svcACertificate);
        String element = "Hash=" + hash + ";URI=spiffe://acme/svc-a;By=spiffe://";
        String value = element + "x".repeat(32768 - element.length());

        HttpResponse<String> response = curl.get(http + "/whoami", "X-Forwarded-Client-Cert", value);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"principal\":\"spiffe://acme/svc-a\"", "\"source\":\"xfcc\"");
    }

    @Test
    void publicPingWhen300HeaderFieldsThenServed() throws Exception {
        String[] headers = IntStream.range(0, 300).boxed().flatMap(i -> Stream.of("X-Field-" + i, "v"))
                .toArray(String[]::new);

        assertThat(curl.get(http + "/public/ping", headers).body()).isEqualTo("pong");
    }

    @Test
    void whoamiWhenForwardedHeaderSent150TimesThen403() throws Exception {
        String[] headers = IntStream.range(0, 150).boxed().flatMap(i -> Stream.of("Client-Cert", ":" + svcADer + ":"))
                .toArray(String[]::new);

        assertProblem(curl.get(http + "/whoami", headers), 403, REFUSED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"expired, -30, -1", "not yet valid, 1, 30"})
    void whoamiWhenForwardedCertificateOutsideValidityThen403SayingNothingOfIt(String what, int fromDays, int toDays)
            throws Exception {
        Instant now = Instant.now();
        Pki.Issued ca = Pki.root("CN=proxy-verified-ca").build();
        Pki.Issued client = ca.issue("CN=" + what.replace(' ', '-')).uri("spiffe://acme/svc-a")
                .validity(now.plus(Duration.ofDays(fromDays)), now.plus(Duration.ofDays(toDays))).build();
        String der = Base64.getEncoder().encodeToString(client.certificate().getEncoded());

        HttpResponse<String> response = curl.get(http + "/whoami", "Client-Cert", ":" + der + ":");

        assertProblem(response, 403, REFUSED);
        assertThat(response.body()).doesNotContain(what.replace(' ', '-'), "spiffe",
                CertificateNormalizer.fingerprint256(client.certificate()));
    }

    static Stream<Arguments> controlAndRawBytes() {
        return Stream.of(
                Arguments.of("NUL in Client-Cert", "Client-Cert: :AAAA\0BBBB:"),
                Arguments.of("bare CR in Client-Cert", "Client-Cert: :AAAA\rBBBB:"),
                Arguments.of("obs-fold in XFCC", "X-Forwarded-Client-Cert: Hash=00\r\n 11"),
                Arguments.of("NUL in XFCC", "X-Forwarded-Client-Cert: Hash=\0"),
                Arguments.of("Latin-1 bytes in the headers cert", "X-SSL-Client-Cert: \u00e9\u00ff\u00fe"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("controlAndRawBytes")
    void whoamiWhenForwardedHeaderHoldsControlOrRawBytesThen4xxProblemNever500(String what, String headerLine)
            throws Exception {
        String response = DemoHostileHttpTest.exchange(demo.httpPort(), "GET /whoami HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + headerLine + "\r\nX-SSL-Client-Verify: SUCCESS\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 4").doesNotContain("Exception", "<html");
        if (response.startsWith("HTTP/1.1 401") || response.startsWith("HTTP/1.1 403")) {
            assertThat(response).contains("Content-Type: application/problem+json", "Cache-Control: no-store");
        }
    }

    @Test
    void guardedPingWhenHeadWithoutCertificateThen401ProblemHeadersAndNoBody() throws Exception {
        String response = DemoHostileHttpTest.exchange(demo.httpPort(),
                "HEAD /guarded/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 401 ")
                .contains("Content-Type: application/problem+json", "Cache-Control: no-store")
                .endsWith("\r\n\r\n");
    }

    @Test
    void whoamiWhenHashOnlyXfccThenEveryFieldPresentWithJsonNullForTheUnknown() throws Exception {
        String hash = CertificateNormalizer.fingerprint256(svcACertificate);

        Map<String, Object> body = DemoBoundTokenTest.json(curl.get(http + "/whoami", "X-Forwarded-Client-Cert",
                "Hash=" + hash + ";URI=spiffe://acme/svc-a"));

        assertThat(body).containsOnlyKeys("principal", "roles", "source", "subjectDN", "subjectCN", "issuerDN",
                "issuerCN", "serialNumber", "fingerprint256", "subjectAltNames", "notBefore", "notAfter", "verified");
        assertThat(body).containsEntry("fingerprint256", hash).containsEntry("verified", true)
                .containsEntry("serialNumber", null).containsEntry("notAfter", null)
                .containsEntry("subjectAltNames", List.of("URI:spiffe://acme/svc-a"));
    }

    @Test
    void whoamiWhenNativeThenValidityIsIso8601AndSerialUppercaseHex() throws Exception {
        Map<String, Object> body = DemoBoundTokenTest.json(svcA.get(https + "/whoami"));

        assertThat(Instant.parse((String) body.get("notBefore"))).isEqualTo(svcACertificate.getNotBefore().toInstant());
        assertThat(Instant.parse((String) body.get("notAfter"))).isEqualTo(svcACertificate.getNotAfter().toInstant());
        assertThat((String) body.get("serialNumber")).matches("([0-9A-F]{2})+")
                .isEqualTo(CertificateNormalizer.serialHex(svcACertificate.getSerialNumber()));
    }

    @Test
    void boundWhenTokenConfirmsOnlyADpopKeyThenNotCertificateBound() throws Exception {
        String token = BearerTokens.sign(TlsMaterial.privateKey(pki.resolve(DemoPki.TOKEN_KEY)),
                BearerTokens.claims("svc-a", "\"cnf\":{\"jkt\":\"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I\"}"));

        HttpResponse<String> response = svcA.get(https + "/bound", "Authorization", "Bearer " + token);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(DemoBoundTokenTest.json(response)).containsEntry("bound", false);
    }
}
