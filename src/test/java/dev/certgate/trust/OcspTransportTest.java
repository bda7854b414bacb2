package dev.certgate.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The transport's bound under load, where a watchdog that disconnected the
 * {@link java.net.HttpURLConnection} under its reader raced with it: the reader then threw a
 * {@code NullPointerException} out of {@link OcspTransport#post} or read on for the whole drip.
 */
class OcspTransportTest {

    private static final String[] DRIPS = {
        "HTTP/1.1 200 OK\r\nContent-Type: application/ocsp-response\r\nX-Drip: ",
        "HTTP/1.1 200 OK\r\nContent-Type: application/ocsp-response\r\nContent-Length: 1000\r\n\r\n",
    };

    @Test
    void postWhenManyRespondersDripUnderLoadThenEveryCallerGetsAnIOExceptionWithinItsTimeout() throws Exception {
        int callers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(callers + 2);
        try {
            for (int i = 0; i < 2; i++) {
                pool.submit(OcspTransportTest::spin); // the load that let the reader win the race
            }
            List<Future<Duration>> calls = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                String drip = DRIPS[i % 2];
                Duration timeout = Duration.ofMillis(20 + (i % 5) * 10);
                calls.add(pool.submit(() -> postToDripper(drip, timeout)));
            }
            for (Future<Duration> call : calls) {
                assertThat(call.get()).as("a 20-60 ms timeout, not the 3 s drip").isLessThan(Duration.ofMillis(1500));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Duration postToDripper(String drip, Duration timeout) throws Exception {
        try (ServerSocket dripper = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> drip(dripper, drip));
            serving.setDaemon(true);
            serving.start();
            URI uri = URI.create("http://127.0.0.1:" + dripper.getLocalPort() + "/");
            long started = System.nanoTime();
            try {
                OcspTransport.post(uri, new byte[16], timeout);
                throw new AssertionError("a dripped answer was taken");
            } catch (IOException expected) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
        }
    }

    private static void drip(ServerSocket dripper, String before) {
        try (Socket socket = dripper.accept()) {
            socket.getInputStream().read(new byte[4096]);
            OutputStream out = socket.getOutputStream();
            out.write(before.getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 150; i++) { // a byte every 20 ms for 3 s
                out.flush();
                Thread.sleep(20);
                out.write('a');
            }
        } catch (IOException | InterruptedException over) {
            // cut off by the client, or the test is over
        }
    }

    private static void spin() {
        long sum = 0;
        while (!Thread.currentThread().isInterrupted()) {
            sum += System.nanoTime() % 7;
        }
        if (sum == 42) {
            System.out.print("");
        }
    }
}
