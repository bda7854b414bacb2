package dev.certgate.demo;

import dev.certgate.jaxrs.CertgateFeature;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * The embedded server's part of certgate's contract: puts the socket peer's address on every
 * request as {@link CertgateFeature#PEER_ADDRESS_PROPERTY} (Jersey's Grizzly container shows
 * request attributes as request properties), for the header sources' trusted-proxy check. It
 * comes from the connection, never from a header.
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
        jersey.service(request, response);
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
