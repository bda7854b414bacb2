package dev.certgate.testing;

import dev.certgate.demo.Pki;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;

/**
 * A real OCSP responder: {@code openssl ocsp -index ... -port 0} answering from an
 * {@link OpensslCa}'s database, started in the foreground, found by the port it prints, stopped by
 * its own PID. It reads the database once, at start: enter certificates first, or
 * {@link #restart()} it. OpenSSL 3.0's {@code -port} takes a number only, so it listens on the
 * wildcard address; the port is ephemeral and the process lives for one test at most.
 */
public final class OcspResponder implements AutoCloseable {

    private static final Pattern ACCEPT = Pattern.compile("ACCEPT \\S*:(\\d+)");

    private final Process process;
    private final Path log;
    private final int port;
    private final Restart again;

    private interface Restart {
        OcspResponder start(int port) throws IOException, InterruptedException;
    }

    private OcspResponder(Process process, Path log, int port, Restart again) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.again = again;
    }

    /**
     * Answers for {@code ca}, signing with {@code signer} (the CA itself, or a wrong key to
     * test forged answers), setting nextUpdate {@code nextUpdateMinutes} ahead (0: none).
     */
    public static OcspResponder start(OpensslCa ca, Pki.Issued signer, int nextUpdateMinutes)
            throws IOException, InterruptedException {
        return start(ca, signer, nextUpdateMinutes, 0);
    }

    /** Stops this responder and starts it again on the same port, reading the database anew. */
    public OcspResponder restart() throws IOException, InterruptedException {
        close();
        return again.start(port);
    }

    private static OcspResponder start(OpensslCa ca, Pki.Issued signer, int nextUpdateMinutes, int port)
            throws IOException, InterruptedException {
        Path signerPem = Pki.writePem(ca.file("signer-" + System.nanoTime() + ".pem"), signer.certificate());
        Path signerKey = Pki.writePem(ca.file("signer-key-" + System.nanoTime() + ".pem"), signer.key());
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/stdbuf"))) {
            command.addAll(List.of("/usr/bin/stdbuf", "-oL")); // one line of output per answer, as it happens
        }
        command.addAll(List.of(ca.openssl(), "ocsp", "-index", ca.file("index.txt").toString(),
                "-port", Integer.toString(port), "-rsigner", signerPem.toString(), "-rkey", signerKey.toString(),
                "-CA", ca.file("ca.pem").toString(), "-ignore_err", "-resp_text"));
        if (nextUpdateMinutes > 0) {
            command.addAll(List.of("-nmin", Integer.toString(nextUpdateMinutes)));
        }
        Path log = Files.createTempFile(ca.file(""), "ocsp", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            Matcher accept = ACCEPT.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (accept.find()) {
                return new OcspResponder(process, log, Integer.parseInt(accept.group(1)),
                        samePort -> start(ca, signer, nextUpdateMinutes, samePort));
            }
            if (!process.isAlive()) {
                Assertions.fail("openssl ocsp exited with " + process.exitValue() + ":\n" + output(log));
            }
            Thread.sleep(20);
        }
        process.destroyForcibly();
        Assertions.fail("openssl ocsp printed no port within 15 s:\n" + output(log));
        return null;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public int port() {
        return port;
    }

    /**
     * How many requests it has answered (it prints each response, {@code -resp_text}, just after
     * sending it): waits up to 5 s for at least {@code expected}, then 200 ms more for any extra.
     */
    public int answered(int expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (count() < expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
        return count();
    }

    private int count() {
        Matcher m = Pattern.compile("OCSP Response Data:").matcher(output(log));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    public String output() {
        return output(log);
    }

    private static String output(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
