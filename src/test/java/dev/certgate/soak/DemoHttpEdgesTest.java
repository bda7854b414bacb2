package dev.certgate.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.demo.DemoServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests the soak sends byte for byte, checked once on their own: broken framing is a 400 without
 * a stack trace (bad request targets: {@code DemoHostileHttpTest}), and a second loopback address
 * (127.0.0.2) is a peer like any other, so the soak can spoof from an untrusted one.
 */
class DemoHttpEdgesTest {

    @TempDir
    static Path pki;

    static DemoServer demo;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.start(Map.of("certgate.demo.https-port", "0", "certgate.demo.http-port", "0",
                "certgate.demo.pki-dir", pki.toString(), "certgate.sources", "client-cert,native",
                "certgate.trusted-proxies", "127.0.0.1/32"));
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    private static RawConnection.Response send(String from, String request) throws Exception {
        try (RawConnection connection = new RawConnection(() -> {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", demo.httpPort()), 10_000);
            return socket;
        })) {
            return connection.exchange(request.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Content-Length not a number | Content-Length: abc",
        "Content-Length twice        | Content-Length: 1 / Content-Length: 2",
    })
    void requestWhenFramingIsBrokenThen400WithoutStackTrace(String name, String headers) throws Exception {
        // " / " separates header lines: a line break inside a @CsvSource value would end the CSV record there
        RawConnection.Response response = send("127.0.0.1",
                "GET /public/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers.replace(" / ", "\r\n") + "\r\n\r\nab");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("Exception", "at org.");
    }

    @ParameterizedTest(name = "from {0}: {1}")
    @CsvSource({"127.0.0.1, 403", "127.0.0.2, 401"})
    void duplicatedClientCertWhenFromTrustedOrOtherLoopbackThenDecidedByThePeer(String from, int status) throws Exception {
        String value = "Client-Cert: :" + "QUFB" + ":\r\n";

        RawConnection.Response response = send(from, "GET /guarded/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n" + value + value + "\r\n");

        // 127.0.0.2 is a loopback address too, but not in certgate.trusted-proxies: its headers are ignored
        assertThat(response.status()).isEqualTo(status);
    }
}
