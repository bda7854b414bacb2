package dev.certgate.demo;

import dev.certgate.jaxrs.CertgateFeature;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.util.MimeHeaders;

/**
 * The embedded server's part of certgate's contract: puts the socket peer's address on every
 * request as {@link CertgateFeature#PEER_ADDRESS_PROPERTY} (Jersey's Grizzly container shows
 * request attributes as request properties), for the header sources' trusted-proxy check. It
 * comes from the connection, never from a header. On HTTPS it also sets
 * {@code jakarta.servlet.request.X509Certificate} from the TLS session ({@link TlsSessionChain}),
 * so the native source costs what it would on a servlet container.
 *
 * <p>It also answers 400 for a request line or {@code Host} that is not a valid URI (a bad
 * percent escape, a NUL, an empty or non-decimal-port {@code Host}): Jersey's container (or
 * Grizzly) would otherwise fail with a 500 before any application code runs. So it does for a
 * header field name that is not an RFC 9110 token (whitespace before the colon, a space inside,
 * an empty name): RFC 9112 section 5.1 says a server must, and a name a proxy would not recognize
 * must never be read as the forwarded-certificate header it resembles.
 * So it does for a body whose length is in doubt ({@link #unambiguousBodyLength}). An HTTP/0.9 request line
 * answers 505, as Grizzly answers other versions it does not speak: Grizzly writes no content
 * headers for 0.9, so certgate's 401 would lose its {@code Content-Type}. A request asking for an
 * {@code Upgrade} (h2c, websocket, ...) is answered as the same request without it, and closed;
 * a chunked request's trailer fields are never read as header fields ({@link #dropTrailerFields}).
 */
final class PeerAddressHandler extends HttpHandler {

    static final String CLIENT_CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private final HttpHandler jersey;

    PeerAddressHandler(HttpHandler jersey) {
        super(jersey.getName());
        this.jersey = jersey;
    }

    static final String BAD_REQUEST_BODY = "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400}";
    static final String NOT_IMPLEMENTED_BODY = "{\"type\":\"about:blank\",\"title\":\"Not Implemented\",\"status\":501}";

    @Override
    public void service(Request request, Response response) throws Exception {
        dropTrailerFields(request.getRequest().getHeaders());
        if (request.getProtocol() == Protocol.HTTP_0_9) {
            response.setStatus(505);
            response.setHeader("Connection", "close");
            response.setContentLength(0);
            return;
        }
        if (request.getMethod() == Method.CONNECT) {
            // Grizzly would keep the connection open after any answer to a CONNECT (a tunnel) and
            // write no Content-Length, so a client would wait for an end that never comes. The demo
            // is no proxy: 501 (RFC 9110 section 15.6.2), then close.
            response.setHeader("Connection", "close");
            problem(response, 501, NOT_IMPLEMENTED_BODY);
            response.finish();
            request.getContext().getConnection().closeSilently();
            return;
        }
        String transferEncoding = request.getHeader("Transfer-Encoding");
        if (!validUri(request) || !tokenFieldNames(request)
                || transferEncoding != null && !unambiguousBodyLength(request)) {
            problem(response, 400, BAD_REQUEST_BODY);
            return;
        }
        if (request.getRequest().isUpgrade()) {
            // The demo takes up no protocol upgrade (RFC 9110 section 7.8 lets a server ignore
            // one), but Grizzly marked the request to skip the response's content headers, which
            // would drop certgate's problem+json Content-Type; it closes the connection after the
            // answer all the same, which the answer now says.
            request.getRequest().setIgnoreContentModifiers(false);
            response.setHeader("Connection", "close");
        }
        if (transferEncoding != null) {
            // a Content-Length sent before it may have framed the body otherwise for a proxy in
            // front, and Grizzly drops that field: answer, then close (RFC 9112 section 6.1)
            response.setHeader("Connection", "close");
        }
        // the connection's own address object: no formatting, no lookup, so a request no guard
        // runs for pays nothing for it
        Object peer = request.getConnection() == null ? null : request.getConnection().getPeerAddress();
        if (peer instanceof InetSocketAddress socket && socket.getAddress() != null) {
            request.setAttribute(CertgateFeature.PEER_ADDRESS_PROPERTY, socket.getAddress());
        }
        // else unset: header sources then trust nobody
        if (request.isSecure()) {
            java.security.cert.X509Certificate[] chain = TlsSessionChain.of(request.getConnection());
            if (chain != null) {
                request.setAttribute(CLIENT_CERTIFICATES, chain);
            }
        }
        jersey.service(request, response);
    }

    /**
     * The URIs Jersey's container builds from this request parse: its server address from scheme,
     * {@code Host} and port (with a host name: an empty {@code Host}, which HTTP/1.1 allows, or one
     * that is no host name would fail there with a 500), then path and query. Grizzly itself throws
     * for a {@code Host} port that is not decimal ({@code a:x}, {@code a:-1}, a non-ASCII byte).
     */
    static boolean validUri(Request request) {
        String query = request.getQueryString();
        try {
            String server = new URI(request.getScheme(), null, request.getServerName(), request.getServerPort(),
                    null, null, null).toString();
            new URI(server + request.getRequestURI() + (query == null ? "" : "?" + query)).parseServerAuthority();
            return true;
        } catch (URISyntaxException | RuntimeException e) {
            // Grizzly's Host parser throws assorted unchecked exceptions for hostile bytes
            // (IllegalStateException for a:x, ArrayIndexOutOfBoundsException for a byte over 0x7F after ':')
            return false;
        }
    }

    /**
     * Whether the body's end is beyond doubt (RFC 9112 sections 6.1 and 6.3), for a request that
     * sent a {@code Transfer-Encoding}: it is exactly one {@code chunked} and comes without a
     * {@code Content-Length} (Grizzly shows one sent after it, not one before it; {@link #service}
     * closes the connection after every chunked request). Grizzly reads a body chunked beside a
     * {@code Content-Length} and keeps the connection, and reads {@code chunked, gzip} or
     * {@code xchunked} as no body: the bytes after what it read would be served as a request of
     * their own, on a trusted proxy's connection one with the client's forwarded-certificate
     * header. The 400 closes the connection.
     */
    static boolean unambiguousBodyLength(Request request) {
        int codings = 0;
        for (String field : request.getHeaders("Transfer-Encoding")) {
            for (String coding : field.split(",", -1)) {
                if (++codings > 1 || !coding.trim().equalsIgnoreCase("chunked")) {
                    return false;
                }
            }
        }
        return request.getHeader("Content-Length") == null;
    }

    /**
     * Takes a chunked request's trailer fields out of its header fields, where Grizzly appends them
     * when the trailer section arrived before this handler ran (with an empty or short body). RFC
     * 9110 section 6.5.1: a recipient must not merge a trailer field into the header section unless
     * its definition says that is safe (a forwarded-certificate header's does not: a proxy
     * sanitizes header fields, not always trailers) and may discard them; no demo resource reads
     * any. One that arrives later never reaches Jersey's copy of the headers, so either way a
     * request is answered as if its trailers had not been sent.
     */
    static void dropTrailerFields(MimeHeaders fields) {
        int headerFields = fields.size() - fields.trailerSize();
        if (headerFields == fields.size()) {
            return;
        }
        String[] names = new String[headerFields];
        String[] values = new String[headerFields];
        for (int i = 0; i < headerFields; i++) {
            names[i] = fields.getName(i).toString();
            values[i] = fields.getValue(i).toString();
        }
        fields.clear();
        for (int i = 0; i < headerFields; i++) {
            fields.addValue(names[i]).setString(values[i]);
        }
    }

    /** Answers {@code status} with {@code body}, a problem document written before any application code. */
    private static void problem(Response response, int status, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** Whether every header field name is a token (RFC 9110 section 5.1). */
    static boolean tokenFieldNames(Request request) {
        for (String name : request.getHeaderNames()) {
            if (name.isEmpty()) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                if (!tokenChar(name.charAt(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code tchar} of RFC 9110 section 5.6.2. */
    private static boolean tokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    @Override
    public void start() {
        jersey.start();
    }

    @Override
    public void destroy() {
        jersey.destroy();
    }
}
