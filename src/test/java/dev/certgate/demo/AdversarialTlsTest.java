package dev.certgate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.certgate.demo.Pki.Issued;
import dev.certgate.testing.Forwarded;
import dev.certgate.testing.TestPki;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The part of the adversarial matrix where a real handshake or a real socket peer matters: the
 * demo on TestPki material (server and trust from {@code acme-root}), every source configured,
 * only {@code 10.0.0.0/8} trusted, so the test's own 127.0.0.1 is a stranger. Certificates the TLS
 * layer must refuse never reach certgate; forwarded headers from the socket peer are ignored.
 */
class AdversarialTlsTest {

    @TempDir
    static Path dir;

    static DemoServer demo;
    static String https;
    static String http;
    static Path ca;

    @BeforeAll
    static void start() throws Exception {
        ca = Pki.writePem(dir.resolve("ca.pem"), TestPki.ROOT.certificate());
        Path cert = Pki.writePem(dir.resolve("server.pem"), TestPki.SERVER.certificate());
        Path key = Pki.writePem(dir.resolve("server-key.pem"), TestPki.SERVER.key());
        demo = DemoServer.start(Map.of("certgate.demo.https-port", "0", "certgate.demo.http-port", "0",
                "certgate.demo.tls.cert", cert.toString(), "certgate.demo.tls.key", key.toString(),
                "certgate.demo.tls.trust", ca.toString(),
                "certgate.sources", "native,xfcc,client-cert,headers", "certgate.trusted-proxies", "10.0.0.0/8"), Map.of());
        https = "https://127.0.0.1:" + demo.httpsPort();
        http = "http://127.0.0.1:" + demo.httpPort();
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    static DemoClient presenting(Issued issued) throws Exception {
        return DemoClient.withCertificate(ca, issued.chain(), issued.key());
    }

    static Stream<Arguments> handshakeRefused() {
        return Stream.of(
                Arguments.of("tls: wrong-CA leaf with svc-a's names", TestPki.WRONG_CA),
                Arguments.of("tls: expired leaf", TestPki.EXPIRED),
                Arguments.of("tls: not-yet-valid leaf", TestPki.NOT_YET_VALID),
                Arguments.of("tls: CA-flagged leaf (keyCertSign only)", TestPki.CA_FLAGGED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handshakeRefused")
    void handshakeWhenTlsLayerMustRefuseTheLeafThenNothingIsServed(String name, Issued client) throws Exception {
        Throwable failure = catchThrowable(() -> presenting(client).get(https + "/guarded/ping"));

        assertThat(failure).isInstanceOf(java.io.IOException.class);
    }

    static Stream<Arguments> requests() {
        String xfccA = Forwarded.xfcc(TestPki.SVC_A);
        String clientCertA = Forwarded.sfBinary(TestPki.SVC_A.certificate());
        String nginxA = Forwarded.urlEncoded(Forwarded.pem(TestPki.SVC_A));
        return Stream.of(
                Arguments.of("tls: svc-a is served", TestPki.SVC_A, https + "/guarded/ping", new String[0], 200),
                Arguments.of("tls: no client certificate", null, https + "/guarded/ping", new String[0], 401),
                Arguments.of("tls: svc-b with a spoofed XFCC for svc-a on payments", TestPki.SVC_B, https + "/payments/charge",
                        new String[] {"x-forwarded-client-cert", xfccA}, 403),
                Arguments.of("tls: svc-b with a spoofed Client-Cert for svc-a on payments", TestPki.SVC_B, https + "/payments/charge",
                        new String[] {"Client-Cert", clientCertA}, 403),
                Arguments.of("http: XFCC for svc-a from a socket peer outside the trusted proxies", null, http + "/guarded/ping",
                        new String[] {"x-forwarded-client-cert", xfccA}, 401),
                Arguments.of("http: Client-Cert for svc-a from a stranger", null, http + "/guarded/ping",
                        new String[] {"Client-Cert", clientCertA}, 401),
                Arguments.of("http: nginx headers for svc-a from a stranger, with X-Forwarded-For naming a proxy", null,
                        http + "/guarded/ping", new String[] {"X-SSL-Client-Cert", nginxA, "X-SSL-Client-Verify", "SUCCESS",
                                "X-Forwarded-For", "10.1.2.3", "Forwarded", "for=10.1.2.3"}, 401));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void requestWhenOverRealSocketThenExactStatusAndOneBody(String name, Issued client, String url, String[] headers,
                                                            int status) throws Exception {
        DemoClient http = client == null ? DemoClient.anonymous(ca) : presenting(client);

        HttpResponse<String> response = url.endsWith("/charge") ? http.post(url, headers) : http.get(url, headers);

        if (status == 200) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("pong");
            return;
        }
        DemoServerTlsTest.assertProblem(response, status, status == 401 ? DemoServerTlsTest.REQUIRED : DemoServerTlsTest.REFUSED);
    }
}
