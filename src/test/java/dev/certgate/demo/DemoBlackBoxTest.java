package dev.certgate.demo;

import static dev.certgate.demo.DemoHostileHttpTest.exchange;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a second black-box run of the demo checked beyond {@link DemoContractTest} and
 * {@link DemoHostileHttpTest}, written byte by byte to the plain port where 127.0.0.1 is a trusted
 * proxy: path tricks and methods that must never reach a guarded resource unguarded, HTTP/1.0
 * and HTTP/0.9, and header field names that are not tokens. It found that an HTTP/0.9 request
 * line got certgate's 401 without its {@code Content-Type} (Grizzly writes no content headers for
 * 0.9), and that a field name with whitespace before its colon, which RFC 9112 section 5.1 says a
 * server must answer with 400, was served. Its start-up findings are in {@link DemoBlackBoxStartTest}.
 */
class DemoBlackBoxTest {

    @TempDir
    static Path pkiDir;

    static DemoServer demo;
    static String svcAHash;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoOnFreePorts.start(pkiDir, "certgate.sources", "xfcc,native", "certgate.trusted-proxies", "127.0.0.1/32");
        svcAHash = DemoOnFreePorts.fingerprint(pkiDir, "svc-a");
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    private static String send(String requestLine, String... headerLines) throws Exception {
        return DemoHostileHttpTest.send(demo.httpPort(), requestLine, headerLines);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/guarded%2Fping", "/guarded%2fping", "/Guarded/ping", "/GUARDED/PING", "//guarded/ping",
        "/guarded//ping", "/guarded/./ping", "/./guarded/ping", "/public/../guarded/ping", "/public/%2e%2e/guarded/ping",
        "/public/%2E%2E/guarded/ping", "/public/ping/../../guarded/ping", "/public/ping%2F..%2F..%2Fguarded%2Fping",
        "/public/ping/..;/../guarded/ping", "/%67uarded/ping", "/guarded/pin%67", "/guarded/ping%00", "/guarded/ping%20",
        "/guarded/ping/.", "/guarded/ping/", "/guarded/ping;x=1", "/guarded;x/ping", "/whoami/", "/admin/", "/bound/",
        "/%2e/guarded/ping", "/guarded/ping?/public/ping", "http://evil/guarded/ping", "/guarded/ping%3Bx"})
    void guardedWhenPathTrickWithoutCertificateThenNeverServed(String path) throws Exception {
        String response = send("GET " + path + " HTTP/1.1");

        assertThat(response).matches("(?s)HTTP/1\\.1 (400|401|404) .*").doesNotContain("pong", "principal",
                "Exception", "<html");
        if (response.startsWith("HTTP/1.1 401")) {
            assertThat(response).contains("Content-Type: application/problem+json", "Cache-Control: no-store");
        }
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
        "GET, /guarded/ping, 401", "HEAD, /guarded/ping, 401", "POST, /guarded/ping, 405", "PUT, /whoami, 405",
        "DELETE, /admin, 405", "PATCH, /bound, 405", "TRACE, /guarded/ping, 405", "FOO, /whoami, 405",
        "get, /guarded/ping, 405", "GET, /payments/charge, 405", "POST, /payments/charge, 401",
        "OPTIONS, /guarded/ping, 200", "OPTIONS, /payments/charge, 200",
    })
    void guardedWhenAnyMethodWithoutCertificateThenNeverTheResource(String method, String path, int status)
            throws Exception {
        String response = send(method + " " + path + " HTTP/1.1", "Content-Length: 0");

        assertThat(response).startsWith("HTTP/1.1 " + status + " ").doesNotContain("pong", "principal", "charged",
                "Exception");
        if (status == 401) {
            assertThat(response).contains("Content-Type: application/problem+json", "Cache-Control: no-store");
        }
        if (status == 405 || method.equals("OPTIONS")) {
            assertThat(response).containsPattern("\r\nAllow: [A-Z,]+\r\n");
        }
    }

    @Test
    void guardedWhenHttp10WithoutHostThen401ProblemAndClosed() throws Exception {
        String response = exchange(demo.httpPort(), "GET /guarded/ping HTTP/1.0\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 401 ").contains("Content-Type: application/problem+json",
                "Cache-Control: no-store", "Connection: close").endsWith("\"status\":401}");
    }

    @Test
    void guardedWhenHttp11WithoutHostThenBare400() throws Exception {
        String response = exchange(demo.httpPort(), "GET /guarded/ping HTTP/1.1\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400 ").doesNotContain("pong", "Exception");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET /guarded/ping HTTP/0.9", "GET /guarded/ping", "GET /public/ping HTTP/0.9"})
    void requestWhenHttp09ThenVersionNotSupportedNeverAHeaderlessAnswer(String requestLine) throws Exception {
        String response = exchange(demo.httpPort(), requestLine + "\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 505 ").contains("Connection: close").doesNotContain("pong",
                "client-certificate", "Exception");
    }

    @Test
    void whoamiWhenTrustedProxySendsXfccInAnyCaseThenTheClient() throws Exception {
        String response = send("GET /whoami HTTP/1.1", "x-FORWARDED-client-CERT: Hash=" + svcAHash
                + ";URI=spiffe://acme/svc-a");

        assertThat(response).startsWith("HTTP/1.1 200 ").contains("\"principal\":\"spiffe://acme/svc-a\"");
    }

    @Test
    void whoamiWhenXfccTwiceInDifferentCaseThen403() throws Exception {
        String response = send("GET /whoami HTTP/1.1", "X-Forwarded-Client-Cert: Hash=" + svcAHash,
                "x-forwarded-client-cert: Hash=" + svcAHash);

        assertThat(response).startsWith("HTTP/1.1 403 ").contains("Content-Type: application/problem+json")
                .doesNotContain(svcAHash);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            space before the colon           | 'X-Forwarded-Client-Cert : Hash=%s'
            tab before the colon             | 'X-Forwarded-Client-Cert\t: Hash=%s'
            space inside the name            | 'X-Forwarded Client-Cert: Hash=%s'
            empty name                       | ': Hash=%s'
            a line without colon before it   | 'NoColon\r\nX-Forwarded-Client-Cert: Hash=%s'
            non-token character in the name  | 'X-Forwarded-Client-Cert(x): Hash=%s'
            """)
    void whoamiWhenHeaderFieldNameIsNotATokenThen400Problem(String what, String headerLine) throws Exception {
        String response = send("GET /whoami HTTP/1.1", headerLine.formatted(svcAHash));

        assertThat(response).startsWith("HTTP/1.1 400 ").contains("Content-Type: application/problem+json")
                .endsWith(PeerAddressHandler.BAD_REQUEST_BODY).doesNotContain("principal");
    }
}
