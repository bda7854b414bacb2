package dev.certgate.demo;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The demo disregards {@code Accept} (RFC 9110 section 12.5.1 lets an origin server do so): every
 * resource answers its one media type. Without this, JAX-RS would answer {@code 406} while
 * selecting the resource method, before certgate's name-bound filter could run, so a client
 * without a certificate asking for {@code application/problem+json} or {@code application/json}
 * at {@code /guarded/ping} would get a 406 instead of the contract's 401.
 *
 * <p>For the same reason it drops a {@code Content-Type} that is not one media type (RFC 9110
 * section 8.3: {@code ;;;}, an unterminated quoted parameter, the field sent twice): Jersey parses
 * it while selecting the method and answers a bare 400 before any guard. No demo resource reads a
 * request body, so the field means nothing to it.
 */
@PreMatching
final class IgnoreAcceptFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.ACCEPT, "*/*");
        List<String> contentType = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !oneMediaType(contentType)) {
            request.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        }
    }

    private static boolean oneMediaType(List<String> values) {
        if (values.size() != 1) {
            return false;
        }
        try {
            MediaType.valueOf(values.get(0));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
