package dev.certgate.trust;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * OCSP over HTTP (RFC 6960 appendix A.1): one POST of {@code application/ocsp-request}, an
 * {@code application/ocsp-response} back. Bounded: {@code timeout} to connect, then
 * {@code timeout} in all to send the request and receive the whole answer, status line and header
 * fields included (a responder that drips its answer a byte at a time is cut off when it is
 * spent), at most {@link #MAX_RESPONSE_BYTES}, no redirects. The JVM's proxy settings apply, as to
 * any {@link HttpURLConnection}. Every failure is an {@link IOException}: the responder could not
 * be asked.
 *
 * <p>A read timeout bounds each read only, and {@link HttpURLConnection} is not safe to
 * {@linkplain HttpURLConnection#disconnect() disconnect} from another thread while it reads (it can
 * throw a {@code NullPointerException} in the reader, or miss the read and let it go on). So the
 * exchange runs on a thread of its own and the caller waits for it no longer than the timeout;
 * a late exchange is then cut off from a third thread, and whatever that does to it, it happens on
 * a thread nobody waits for.
 */
final class OcspTransport {

    static final int MAX_RESPONSE_BYTES = 256 * 1024;

    private OcspTransport() {
    }

    static byte[] post(URI responder, byte[] request, Duration timeout) throws IOException {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) responder.toURL().openConnection();
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IOException("not an HTTP URL: " + responder, e);
        }
        FutureTask<byte[]> exchange;
        long deadline;
        try {
            connection.setConnectTimeout(millis);
            connection.setReadTimeout(millis);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setDoOutput(true);
            connection.setRequestMethod("POST");
            connection.setRequestProperty("Content-Type", "application/ocsp-request");
            connection.setRequestProperty("Accept", "application/ocsp-response");
            connection.setFixedLengthStreamingMode(request.length);
            connection.connect();
            deadline = System.nanoTime() + timeout.toNanos();
            exchange = new FutureTask<>(() -> {
                try {
                    return exchange(connection, request, deadline, responder);
                } finally {
                    disconnect(connection);
                }
            });
            daemon(exchange, "certgate-ocsp").start();
        } catch (IOException | RuntimeException e) {
            connection.disconnect();
            throw e;
        }
        return await(exchange, connection, deadline, timeout, responder);
    }

    private static byte[] await(FutureTask<byte[]> exchange, HttpURLConnection connection, long deadline, Duration timeout,
                                URI responder) throws IOException {
        try {
            return exchange.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            daemon(() -> disconnect(connection), "certgate-ocsp-cut").start();
            throw new IOException(responder + " took longer than " + timeout + " to answer");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException cause ? cause
                    : new IOException("the exchange with " + responder + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            daemon(() -> disconnect(connection), "certgate-ocsp-cut").start();
            throw new InterruptedIOException("interrupted while " + responder + " was asked");
        }
    }

    /** Disconnects, whatever a reader on another thread is doing: its failures are not the caller's. */
    private static void disconnect(HttpURLConnection connection) {
        try {
            connection.disconnect();
        } catch (RuntimeException racedWithTheReader) {
            // the exchange's thread is ending on its own failure
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private static byte[] exchange(HttpURLConnection connection, byte[] request, long deadline, URI responder)
            throws IOException {
        try (OutputStream out = connection.getOutputStream()) {
            out.write(request);
        }
        int code = connection.getResponseCode();
        if (code != HttpURLConnection.HTTP_OK) {
            throw new IOException("HTTP " + code + " from " + responder);
        }
        try (InputStream in = connection.getInputStream()) {
            return readBounded(in, deadline, responder);
        }
    }

    private static byte[] readBounded(InputStream in, long deadline, URI responder) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            if (out.size() > MAX_RESPONSE_BYTES) {
                throw new IOException("more than " + MAX_RESPONSE_BYTES + " bytes from " + responder);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException(responder + " took too long to answer");
            }
        }
        return out.toByteArray();
    }
}
