package dev.certgate.servlet;

import dev.certgate.IpAddresses;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import java.io.IOException;

/**
 * Tells certgate who the direct peer is on servlet containers (Payara, Open Liberty, WildFly):
 * puts {@link ServletRequest#getRemoteAddr()} on the request as the attribute
 * {@value #PEER_ADDRESS_ATTRIBUTE}, which JAX-RS implementations show as a request property.
 * The header sources trust forwarded certificates only when that peer is in
 * {@code certgate.trusted-proxies}.
 *
 * <p>Registered by annotation scanning of the library jar. {@code getRemoteAddr()} must be the
 * socket peer: keep the container's own X-Forwarded-For rewriting off (Undertow
 * {@code proxy-address-forwarding=false}, Liberty without {@code remoteIp}, Payara without
 * {@code auth-pass-through}), or the address checked would be one a client chose.
 */
@WebFilter(filterName = "certgate-peer-address", urlPatterns = "/*", asyncSupported = true)
public final class PeerAddressFilter implements Filter {

    /** The same name as {@code CertgateFeature.PEER_ADDRESS_PROPERTY}. */
    public static final String PEER_ADDRESS_ATTRIBUTE = "dev.certgate.peer-address";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getAttribute(PEER_ADDRESS_ATTRIBUTE) == null) {
            IpAddresses.peer(request.getRemoteAddr()).ifPresent(peer -> request.setAttribute(PEER_ADDRESS_ATTRIBUTE, peer));
        }
        chain.doFilter(request, response);
    }
}
