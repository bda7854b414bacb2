package dev.certgate.demo;

import dev.certgate.jaxrs.CertgateFeature;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * The embedded server's part of certgate's contract: puts the socket peer's address on every
 * request as {@link CertgateFeature#PEER_ADDRESS_PROPERTY} (Jersey's Grizzly container shows
 * request attributes as request properties), for the header sources' trusted-proxy check. It
 * comes from the connection, never from a header.
 *
 * <p>It also answers 400 to a request target Jersey's container cannot turn into a URI (a bad
 * percent-escape such as {@code /%zz}, RFC 3986 §2.1), which would otherwise be a 500.
 */
final class PeerAddressHandler extends HttpHandler {

    private final HttpHandler jersey;

    PeerAddressHandler(HttpHandler jersey) {
        super(jersey.getName());
        this.jersey = jersey;
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        String address = request.getRemoteAddr();
        // getByName(null or "") would answer the loopback address: better no peer than a wrong one
        if (address != null && !address.isEmpty()) {
            try {
                request.setAttribute(CertgateFeature.PEER_ADDRESS_PROPERTY, InetAddress.getByName(address));
            } catch (UnknownHostException e) {
                // unset: header sources then trust nobody
            }
        }
        try {
            jersey.service(request, response);
        } catch (IllegalArgumentException e) {
            if (!(e.getCause() instanceof URISyntaxException) || response.isCommitted()) {
                throw e;
            }
            response.setStatus(400);
            response.setContentType("text/plain");
            response.getWriter().write("Bad Request");
        }
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
