package dev.certgate.trust;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * OCSP over HTTP (RFC 6960 appendix A.1): one POST of {@code application/ocsp-request}, an
 * {@code application/ocsp-response} back. Bounded: {@code timeout} to connect, then
 * {@code timeout} in all to send the request and receive the whole answer, status line and header
 * fields included (a responder that drips its answer a byte at a time is cut off when it is
 * spent), at most {@link #MAX_RESPONSE_BYTES}, no
 * redirects. The JVM's proxy settings
 * apply, as to any {@link HttpURLConnection}. Every failure is an {@link IOException}: the
 * responder could not be asked.
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
            long deadline = System.nanoTime() + timeout.toNanos();
            // a read timeout bounds each read only: this bounds the status line and header fields
            // (closing the connection under the reader); the deadline, checked between reads, the body
            // (disconnecting does not end a read of it: OcspTest drips both)
            CompletableFuture<Void> answered = new CompletableFuture<>();
            answered.orTimeout(millis, TimeUnit.MILLISECONDS).whenComplete((done, late) -> {
                if (late instanceof TimeoutException) {
                    connection.disconnect();
                }
            });
            try {
                return exchange(connection, request, deadline, responder);
            } catch (IOException e) {
                throw answered.isCompletedExceptionally()
                        ? new IOException(responder + " took longer than " + timeout + " to answer", e) : e;
            } finally {
                answered.complete(null);
            }
        } finally {
            connection.disconnect();
        }
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
