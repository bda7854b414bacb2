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
}
