package dev.certgate.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo as {@code mvn -Pdemo} runs it: {@link DemoServer#main} in a JVM of its own, on this
 * test run's class path, configured only by its command line ({@code -Dkey=value}) and its
 * environment (no inherited {@code CERTGATE_*} or {@code MP_JWT_*} variable). Its output is kept.
 */
final class DemoProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile(
            "certgate demo listening on https://127\\.0\\.0\\.1:(\\d+) .* and http://127\\.0\\.0\\.1:(\\d+)");
    private static final Duration START = Duration.ofSeconds(90);

    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();

    private DemoProcess(Process process) {
        this.process = process;
        drain(process.getInputStream(), out);
        drain(process.getErrorStream(), err);
    }

    /** Starts the demo with {@code properties} as {@code -D} options (ephemeral ports unless given) and {@code environment}. */
    static DemoProcess start(Path pkiDir, Map<String, String> properties, Map<String, String> environment)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Dcertgate.demo.https-port=0");
        command.add("-Dcertgate.demo.http-port=0");
        command.add("-Dcertgate.demo.pki-dir=" + pkiDir);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add(DemoServer.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("CERTGATE_") || name.startsWith("MP_JWT_"));
        builder.environment().putAll(environment);
        return new DemoProcess(builder.start());
    }

    private static void drain(java.io.InputStream stream, StringBuffer into) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    into.append(line).append('\n');
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "demo-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits for the banner; fails with the process's output when it exits or takes too long. */
    DemoProcess awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (LISTENING.matcher(out).find() && out.indexOf("Stop with Ctrl-C.") >= 0) {
                return this;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the demo exited with " + process.exitValue() + ":\n" + out + err);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the demo did not print its banner within " + START + ":\n" + out + err);
    }

    /** Waits for the process to end on its own (failing at once should it start listening) and answers its exit code. */
    int awaitExit() throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (!process.waitFor(50, TimeUnit.MILLISECONDS)) {
            if (LISTENING.matcher(out).find()) {
                throw new AssertionError("the demo started instead of stopping:\n" + out + err);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the demo did not stop within " + START + ":\n" + out + err);
            }
        }
        Thread.sleep(200); // the last lines of output
        return process.exitValue();
    }

    /** Asks it to stop as Ctrl-C does (SIGTERM runs the same shutdown hook) and answers its exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(START.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the demo did not stop within " + START + ":\n" + out + err);
        }
        return process.exitValue();
    }

    int httpsPort() {
        return port(1);
    }

    int httpPort() {
        return port(2);
    }

    private int port(int group) {
        Matcher listening = LISTENING.matcher(out);
        if (!listening.find()) {
            throw new IllegalStateException("not listening yet");
        }
        return Integer.parseInt(listening.group(group));
    }

    String stdout() {
        return out.toString();
    }

    String stderr() {
        return err.toString();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
