package dev.certgate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.certgate.config.CertgateConfigException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Start-up failures the second black-box run of the demo found (no demo may be running while
 * these start one): the same port for both listeners was reported as "in use" by someone else,
 * and an {@code mp.jwt.verify.publickey.location} naming no readable file started a demo that
 * refused every token.
 */
class DemoBlackBoxStartTest {

    @TempDir
    static Path pkiDir;

    @Test
    void startWhenBothListenersNameOnePortThenStopsNamingBothKeys() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }

        Throwable failure = catchThrowable(() -> DemoServer.start(Map.of("certgate.demo.https-port", String.valueOf(port),
                "certgate.demo.http-port", String.valueOf(port), "certgate.demo.pki-dir", pkiDir.toString()),
                Map.of()).close());

        assertThat(failure).isInstanceOf(CertgateConfigException.class)
                .hasMessageContaining("certgate.demo.http-port").hasMessageNotContaining("in use");
        assertThat(((CertgateConfigException) failure).key()).isEqualTo("certgate.demo.https-port");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"missing file", "missing file as file: URI", "a folder"})
    void startWhenTokenKeyLocationIsNoReadableFileThenStopsNamingTheKey(String what) throws Exception {
        Path missing = pkiDir.resolve("no-such-key.pem");
        String value = switch (what) {
            case "missing file" -> missing.toString();
            case "missing file as file: URI" -> missing.toUri().toString();
            default -> pkiDir.toString();
        };

        Throwable failure = catchThrowable(() -> DemoServer.start(Map.of("certgate.demo.https-port", "0",
                "certgate.demo.http-port", "0", "certgate.demo.pki-dir", pkiDir.toString(),
                "mp.jwt.verify.publickey.location", value), Map.of()).close());

        assertThat(failure).isInstanceOf(CertgateConfigException.class).hasMessageContaining(value);
        assertThat(((CertgateConfigException) failure).key()).isEqualTo("mp.jwt.verify.publickey.location");
    }
}
