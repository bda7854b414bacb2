package dev.certgate.soak;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One persistent HTTP/1.1 connection over a socket the caller makes (plain, TLS, bound to a chosen
 * local address), writing requests byte for byte as given, so a test can send what no HTTP client
 * library would: a header twice, a 40 KiB header, a broken header line. Not thread-safe: one per
 * worker and target.
 */
final class RawConnection implements Closeable {

    /** Opens a fresh socket to the target. */
    @FunctionalInterface
    interface Dialer {
        Socket dial() throws IOException;
    }

    /** Status and body of one response. */
    record Response(int status, String body) {
    }

    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_BODY = 1024 * 1024;

    private final Dialer dialer;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int served;
    private long reconnects;

    RawConnection(Dialer dialer) {
        this.dialer = dialer;
    }

    /**
     * Sends {@code request} (a complete HTTP/1.1 request) and reads the response. A connection the
     * server closed while idle is redialled once, before any byte of a response was read; any other
     * failure is thrown.
     */
    Response exchange(byte[] request) throws IOException {
        boolean reused = socket != null;
        try {
            return attempt(request);
        } catch (StaleConnection stale) {
            if (!reused) {
                throw new IOException("connection closed before a response", stale);
            }
            close();
            reconnects++;
            return attempt(request);
        }
    }

    /** Closes the connection, so the next exchange dials (and, over TLS, handshakes) anew. */
    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing: nothing left to do
            }
        }
        socket = null;
        served = 0;
    }

    long reconnects() {
        return reconnects;
    }

    private Response attempt(byte[] request) throws IOException {
        if (socket == null) {
            socket = dialer.dial();
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }
        try {
            out.write(request);
            out.flush();
        } catch (IOException e) {
            throw served > 0 ? new StaleConnection(e) : e;
        }
        int first;
        try {
            first = in.read();
        } catch (java.net.SocketException e) {
            if (served > 0) {
                throw new StaleConnection(e); // reset while idle
            }
            throw e;
        }
        if (first < 0) {
            if (served > 0) {
                throw new StaleConnection(null);
            }
            close();
            throw new IOException("connection closed before a response");
        }
        String head = head(first);
        Response response = response(head);
        served++;
        if (head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close")) {
            close();
        }
        return response;
    }

    private String head(int first) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        head.write(first);
        int matched = first == '\r' ? 1 : 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() > MAX_HEAD) {
                throw new IOException("truncated response head");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private Response response(String head) throws IOException {
        if (!head.startsWith("HTTP/1.1 ") || head.length() < 12) {
            throw new IOException("not an HTTP/1.1 response: " + head.lines().findFirst().orElse(""));
        }
        int status = Integer.parseInt(head.substring(9, 12));
        String lower = head.toLowerCase(Locale.ROOT);
        byte[] body;
        if (lower.contains("\r\ntransfer-encoding: chunked")) {
            body = chunked();
        } else {
            int at = lower.indexOf("\r\ncontent-length:");
            int length = 0;
            if (at >= 0) {
                int end = lower.indexOf("\r\n", at + 2);
                length = Integer.parseInt(head.substring(at + 17, end).trim());
            }
            if (length > MAX_BODY) {
                throw new IOException("body of " + length + " bytes");
            }
            body = in.readNBytes(length);
            if (body.length < length) {
                throw new IOException("truncated body");
            }
        }
        return new Response(status, new String(body, StandardCharsets.UTF_8));
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int semicolon = size.indexOf(';');
            int length = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (length == 0) {
                while (!line().isEmpty()) {
                    // trailers: none expected, skipped
                }
                return body.toByteArray();
            }
            if (body.size() + length > MAX_BODY) {
                throw new IOException("chunked body too large");
            }
            body.write(in.readNBytes(length));
            line();
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0 || line.length() > 1024) {
                throw new IOException("truncated chunk");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** The server had closed a kept-alive connection: safe to redial, nothing was processed. */
    private static final class StaleConnection extends IOException {
        private static final long serialVersionUID = 1L;

        StaleConnection(IOException cause) {
            super("stale keep-alive connection", cause);
        }
    }
}
