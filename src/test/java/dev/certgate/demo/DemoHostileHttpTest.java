package dev.certgate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request lines a client can send that no HTTP client library would: written byte by byte to the
 * demo's plain port. None may answer 500 or show a stack trace.
 */
class DemoHostileHttpTest {

    @TempDir
    static Path pkiDir;

    static DemoServer demo;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoOnFreePorts.start(pkiDir, "certgate.sources", "xfcc,native", "certgate.trusted-proxies", "127.0.0.1/32");
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad percent escape in the path        | GET /whoami/%zz HTTP/1.1            | 400
            bad percent escape in the query       | GET /whoami?a=%zz HTTP/1.1          | 400
            lone percent sign                     | GET /% HTTP/1.1                     | 400
            bad escape on a public resource       | GET /public/ping?%g0 HTTP/1.1       | 400
            space-free garbage in the query       | GET /public/ping?a=<b> HTTP/1.1     | 400
            valid escape, unknown path            | GET /who%61mi2 HTTP/1.1             | 404
            valid request, guarded, no certificate| GET /guarded/ping HTTP/1.1          | 401
            """)
    void requestLineWhenHostileThenClientErrorWithoutDetail(String name, String requestLine, int status) throws Exception {
        String response = exchange(requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 " + status + " ");
        assertThat(response).doesNotContain("Exception", "at org.", "Grizzly", "<html");
        if (status == 400) {
            assertThat(response).contains("Content-Type: application/problem+json")
                    .endsWith(PeerAddressHandler.BAD_REQUEST_BODY);
        }
    }

    @ParameterizedTest(name = "{0} {1} with a body")
    @CsvSource({
        "GET, /guarded/ping, 401", "DELETE, /guarded/ping, 405", "GET, /whoami, 401",
        "GET, /public/ping, 200", "DELETE, /public/ping, 405",
    })
    void requestWhenBodyWithoutMeaningThenAnsweredAsWithoutIt(String method, String path, int status) throws Exception {
        String response = exchange(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\nConnection: close\r\n\r\na=b");

        assertThat(response).startsWith("HTTP/1.1 " + status + " ").doesNotContain("Exception", "<html");
        if (status == 401) {
            assertThat(response).contains("Content-Type: application/problem+json", "Cache-Control: no-store");
        } else if (status == 200) {
            assertThat(response).endsWith("pong");
        }
    }

    /**
     * Content-Length fields that disagree leave the body's end unknown (RFC 9112 section 6.3): the
     * server's own 400, and the connection closed, so the bytes after the shorter body are never
     * read as a request of their own (here a guarded GET, which would answer 401). Now that a GET
     * may carry a body, a GET too.
     */
    @ParameterizedTest(name = "{0} {1} Content-Length {2}")
    @CsvSource(delimiter = '|', textBlock = """
            GET  | /public/ping     | 1;2
            GET  | /guarded/ping    | 2;1
            POST | /payments/charge | 1;2
            POST | /payments/charge | 3;3;4
            POST | /payments/charge | '1, 2'
            """)
    void requestWhenContentLengthsDisagreeThen400AndNothingAfterIt(String method, String path, String values)
            throws Exception {
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String value : values.split(";")) {
            request.append("Content-Length: ").append(value).append("\r\n");
        }
        request.append("\r\nab").append("GET /guarded/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        String response = exchange(request.toString());

        assertThat(response).startsWith("HTTP/1.1 400 ").contains("Connection: close").doesNotContain("Exception");
        assertThat(response.split("HTTP/1\\.1 ", -1)).as("one response only").hasSize(2);
    }

    /**
     * A Transfer-Encoding beside a Content-Length, or one that is not exactly {@code chunked}, leaves
     * the body's end in doubt (RFC 9112 sections 6.1 and 6.3): one answer (400, or for a
     * Content-Length before the chunked coding, which Grizzly drops, the chunked request's) and the
     * connection closed, so what follows the body is never answered as a request of its own. On the
     * plain port, behind a trusted proxy that framed the body otherwise, such a request would come
     * from the proxy's address with whatever forwarded-certificate header the client wrote into it.
     */
    @ParameterizedTest(name = "{0} {1}: {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            GET  | /public/ping     | Content-Length: 5;Transfer-Encoding: chunked             | 200
            POST | /payments/charge | Content-Length: 5;Transfer-Encoding: chunked             | 401
            POST | /payments/charge | Transfer-Encoding: chunked;Content-Length: 5             | 400
            GET  | /public/ping     | Transfer-Encoding: chunked, gzip                         | 400
            GET  | /public/ping     | Transfer-Encoding: gzip, chunked                         | 400
            GET  | /public/ping     | Transfer-Encoding: xchunked                              | 400
            POST | /payments/charge | Transfer-Encoding: chunked;Transfer-Encoding: chunked    | 400
            """)
    void requestWhenTransferEncodingAmbiguousThenOneAnswerAndNothingAfterIt(String method, String path, String headers,
            int status) throws Exception {
        String request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers.replace(";", "\r\n")
                + "\r\n\r\n0\r\n\r\n" + "GET /guarded/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";

        String response = exchange(request);

        assertThat(response).startsWith("HTTP/1.1 " + status + " ").contains("Connection: close")
                .doesNotContain("Exception");
        assertThat(response.split("HTTP/1\\.1 ", -1)).as("one response only").hasSize(2);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"POST, /payments/charge, 401", "GET, /public/ping, 200"})
    void requestWhenChunkedAloneThenAnsweredAsAnyOther(String method, String path, int status) throws Exception {
        String response = exchange(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n3\r\na=b\r\n0\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 " + status + " ");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CONNECT 127.0.0.1:1 HTTP/1.1", "CONNECT /guarded/ping HTTP/1.1", "CONNECT /public/ping HTTP/1.1"})
    void connectWhenSentThen501AndTheConnectionClosedNothingMoreServed(String requestLine) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", demo.httpPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write((requestLine + "\r\nHost: 127.0.0.1\r\n\r\n"
                    + "GET /public/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            // read to the end: a connection left open (Grizzly's tunnel) times out here and fails the test
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(response).startsWith("HTTP/1.1 501 ").contains("Content-Type: application/problem+json")
                    .endsWith(PeerAddressHandler.NOT_IMPLEMENTED_BODY).doesNotContain("pong");
        }
    }

    /**
     * Trailer fields are no header fields (RFC 9110 section 6.5.1: a recipient must not merge them
     * into the header section unless the field's definition says that is safe, and no
     * forwarded-certificate header's does). Grizzly appends a chunked request's trailer section to
     * its header fields when it has arrived with them, so a client could have set a forwarded
     * certificate a trusted proxy passes trailers through unchecked (it sanitizes header fields),
     * or turned the proxy's own header into one "sent twice". The demo drops them: the request is
     * answered as if they had not been sent.
     */
    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GET  /whoami        | 0                 | no header  | 401
            GET  /whoami        | 3;abc;0           | no header  | 401
            POST /payments/charge | 0               | no header  | 401
            GET  /whoami        | 0                 | svc-b      | 200
            GET  /whoami        | 5;hello;0         | svc-b      | 200
            """)
    void requestWhenForwardedCertificateInTrailerThenNotRead(String requestLine, String chunks, String header,
            int status) throws Exception {
        String element = "Hash=" + "a".repeat(64) + ";URI=spiffe://acme/";
        StringBuilder request = new StringBuilder(requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                + "Trailer: x-forwarded-client-cert\r\n");
        if (!header.equals("no header")) {
            request.append("x-forwarded-client-cert: ").append(element).append(header).append("\r\n");
        }
        request.append("\r\n");
        for (String chunk : chunks.split(";")) {
            request.append(chunk).append("\r\n");
        }
        request.append("x-forwarded-client-cert: ").append(element).append("svc-a\r\n\r\n");

        String response = exchange(request.toString());

        assertThat(response).startsWith("HTTP/1.1 " + status + " ").doesNotContain("spiffe://acme/svc-a");
        if (status == 200) {
            assertThat(response).contains("\"principal\":\"spiffe://acme/svc-b\"");
        } else {
            assertThat(response).contains("Content-Type: application/problem+json");
        }
    }

    /**
     * An {@code Upgrade} the demo does not take up (RFC 9110 section 7.8: a server may ignore it)
     * is answered as the same request without it, over HTTP/1.1 on both ports: certgate's 401 and
     * 403 keep their {@code Content-Type} (Grizzly skips a response's content headers for a
     * request that asks to upgrade). Grizzly closes such a connection after the answer; the
     * answer says so, and nothing sent after it is served.
     */
    @ParameterizedTest(name = "Upgrade: {0}")
    @ValueSource(strings = {"h2c", "websocket", "foo"})
    void requestWhenUpgradeAskedThenAnsweredAsWithoutItAndClosed(String protocol) throws Exception {
        String upgrade = "Upgrade: " + protocol + "\r\nConnection: Upgrade, HTTP2-Settings\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n";
        String sentTwice = "x-forwarded-client-cert: Hash=" + "a".repeat(64) + "\r\n";
        String then = "GET /public/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

        String missing = exchange("GET /guarded/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n" + upgrade + "\r\n" + then);
        String refused = exchange("GET /guarded/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n" + upgrade + sentTwice + sentTwice + "\r\n");
        String open = exchange("GET /public/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n" + upgrade + "\r\n");
        String secure = exchangeTls("GET /guarded/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n" + upgrade + "\r\n");

        for (String problem : new String[] {missing, secure}) {
            assertThat(problem).startsWith("HTTP/1.1 401 ").contains("Content-Type: application/problem+json",
                    "Cache-Control: no-store", "Connection: close");
        }
        assertThat(missing.split("HTTP/1\\.1 ", -1)).as("one response only").hasSize(2);
        assertThat(refused).startsWith("HTTP/1.1 403 ").contains("Content-Type: application/problem+json", "Cache-Control: no-store");
        assertThat(open).startsWith("HTTP/1.1 200 ").contains("Content-Type: text/plain").endsWith("pong");
    }

    @ParameterizedTest(name = "Host: {0}")
    @CsvSource({"'[bad'", "'a b'", "'x%zz'", "''", "'a:x'", "'[::1]:x'", "'a:-1'", "'a:1:2'", "'a_b'", "'a:\u00ff'", "'<x>; rel\u007f:\u00ff'"})
    void hostHeaderWhenNotAHostThen400(String host) throws Exception {
        String response = exchange("GET /public/ping HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");

        assertThat(response).doesNotStartWith("HTTP/1.1 5").doesNotContain("Exception", "<html");
        assertThat(response).startsWith("HTTP/1.1 400 ").contains("Content-Type: application/problem+json")
                .endsWith(PeerAddressHandler.BAD_REQUEST_BODY);
    }

    private static String exchange(String request) throws IOException {
        return exchange(demo.httpPort(), request);
    }

    /** A request from {@code requestLine}, {@code Host}, the given header lines and {@code Connection: close}, sent to {@code port}. */
    static String send(int port, String requestLine, String... headerLines) throws IOException {
        StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        return exchange(port, request.append("Connection: close\r\n\r\n").toString());
    }

    /** Writes {@code request} as given to 127.0.0.1:{@code port} and reads the answer until close or 5 s of silence. */
    static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return exchange(socket, request);
        }
    }

    /** {@link #exchange(int, String)} over TLS to the HTTPS port, without a client certificate. */
    private static String exchangeTls(String request) throws Exception {
        javax.net.ssl.SSLContext tls = DemoClient.sslContext(pkiDir.resolve("ca.pem"), null, null);
        try (Socket socket = tls.getSocketFactory().createSocket("127.0.0.1", demo.httpsPort())) {
            return exchange(socket, request);
        }
    }

    private static String exchange(Socket socket, String request) throws IOException {
        socket.setSoTimeout(5000);
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                out.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // answered without closing: what arrived is the answer
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
