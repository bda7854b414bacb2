package dev.certgate.demo;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * The demo disregards {@code Accept} (RFC 9110 section 12.5.1 lets an origin server do so): every
 * resource answers its one media type. Without this, JAX-RS would answer {@code 406} while
 * selecting the resource method, before certgate's name-bound filter could run, so a client
 * without a certificate asking for {@code application/problem+json} or {@code application/json}
 * at {@code /guarded/ping} would get a 406 instead of the contract's 401.
 */
@PreMatching
final class IgnoreAcceptFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.ACCEPT, "*/*");
    }
}
