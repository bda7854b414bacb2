package dev.certgate.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real proxy binary (nginx, HAProxy) run in the foreground from a {@code server-config/} file,
 * on a loopback port, stopped by its own PID. When the binary is missing the test is skipped
 * with a message, unless {@code CI=true}: there, missing means failing.
 */
public final class ProxyProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ProxyProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The binary's path, or the test is skipped (failed under CI). */
    public static String require(String binary) {
        return require(binary, binary);
    }

    /** As {@link #require(String)}, for a binary Debian ships in {@code debianPackage}. */
    public static String require(String binary, String debianPackage) {
        for (String dir : List.of("/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin")) {
            Path candidate = Path.of(dir, binary);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        String message = binary + " is not installed; install it (apt-get install -y " + debianPackage + ") to run this test";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message + " — CI=true, so a missing binary fails instead of skipping");
        }
        Assumptions.abort(message);
        return null;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Starts {@code command} with {@code environment} added, and waits until {@code port} accepts
     * connections. Of the {@code CERTGATE_*} variables it sees only those given: one left out
     * takes the file's default, whatever the build's own environment holds.
     */
    static ProxyProcess start(List<String> command, Map<String, String> environment, int port, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CERTGATE_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        ProxyProcess proxy = new ProxyProcess(process, log);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                Assertions.fail(command.get(0) + " exited with " + process.exitValue() + ":\n" + proxy.output());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return proxy;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        proxy.close();
        Assertions.fail(command.get(0) + " did not listen on " + port + " within 15 s:\n" + proxy.output());
        return null;
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
