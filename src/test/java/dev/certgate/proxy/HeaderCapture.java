package dev.certgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.demo.DemoClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A plain HTTP upstream on a loopback port standing where the application would: it answers
 * every request {@code 200 ok}, closes the connection, and keeps the header fields it read, so a
 * test sees exactly what a proxy forwards.
 */
final class HeaderCapture implements AutoCloseable {

    private static final int MAX_HEAD = 256 * 1024;
    /** Where the names of every header some certgate source reads by default start. */
    private static final List<String> CERTIFICATE_HEADER_PREFIXES = List.of("x-ssl-client-", "x-forwarded-client-cert",
            "client-cert", "x-forwarded-tls-client-cert", "x-amzn-mtls-clientcert");
    private static final int END_OF_HEAD = '\r' << 24 | '\n' << 16 | '\r' << 8 | '\n';

    private final ServerSocket server;
    private final BlockingQueue<Map<String, String>> requests = new LinkedBlockingQueue<>();

    private HeaderCapture(ServerSocket server) {
        this.server = server;
    }

    static HeaderCapture start() throws IOException {
        HeaderCapture capture = new HeaderCapture(new ServerSocket(0, 16, InetAddress.getLoopbackAddress()));
        Thread thread = new Thread(capture::serve, "header-capture");
        thread.setDaemon(true);
        thread.start();
        return capture;
    }

    int port() {
        return server.getLocalPort();
    }

    /** The next request's header fields, names lower-cased; fails after 10 s without one. */
    Map<String, String> next() throws InterruptedException {
        Map<String, String> fields = requests.poll(10, TimeUnit.SECONDS);
        if (fields == null) {
            throw new AssertionError("no request reached the upstream within 10 s");
        }
        return fields;
    }

    /**
     * The header fields that reach the application when {@code sender} sends one GET with
     * {@code headers} through the proxy {@code starter} starts in {@code mode}, in front of a
     * capture.
     */
    static Map<String, String> forwardedBy(ProxyModes.Starter starter, String mode, DemoClient sender, String... headers)
            throws Exception {
        try (HeaderCapture upstream = start()) {
            int port = ProxyProcess.freePort();
            try (ProxyProcess proxy = starter.start(mode, port, upstream.port())) {
                sender.get("https://127.0.0.1:" + port + "/whoami", headers);
                return upstream.next();
            }
        }
    }

    /**
     * Checks the certificate headers among {@code fields} (every name some certgate source reads
     * by default) against {@code expected}: {@code name=value; ...}, {@code *} for any non-empty
     * value, {@code (none)} for no such header at all.
     */
    static void assertCertificateHeaders(Map<String, String> fields, String expected) {
        Map<String, String> forwarded = new TreeMap<>(fields);
        forwarded.keySet().removeIf(name -> CERTIFICATE_HEADER_PREFIXES.stream().noneMatch(name::startsWith));
        Map<String, String> wanted = new TreeMap<>();
        if (!expected.equals("(none)")) {
            for (String field : expected.split(";")) {
                String[] nameValue = field.strip().split("=", 2);
                wanted.put(nameValue[0], nameValue[1]);
            }
        }

        assertThat(forwarded.keySet()).as("certificate headers forwarded: %s", forwarded)
                .containsExactlyElementsOf(wanted.keySet());
        wanted.forEach((name, value) -> {
            if (value.equals("*")) {
                assertThat(forwarded.get(name)).as(name).isNotEmpty();
            } else {
                assertThat(forwarded.get(name)).as(name).isEqualTo(value);
            }
        });
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(10_000);
                requests.add(fields(head(socket.getInputStream())));
                socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                        .getBytes(StandardCharsets.US_ASCII));
            } catch (IOException closedOrBroken) {
                // closed: the loop ends; a broken exchange shows as a missing request
            }
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last = 0; // the last four bytes read
        int b;
        while (last != END_OF_HEAD && head.size() < MAX_HEAD && (b = in.read()) != -1) {
            head.write(b);
            last = last << 8 | b;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static Map<String, String> fields(String head) {
        Map<String, String> fields = new TreeMap<>();
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                fields.merge(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip(),
                        (a, b) -> a + ", " + b);
            }
        }
        return fields;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
