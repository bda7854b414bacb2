package dev.certgate.demo;

import dev.certgate.jaxrs.ProblemResponses;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * {@code @RolesAllowed} refusals answer like certgate's own: one 403 problem body, so a caller
 * cannot tell a missing role from a refused certificate.
 */
public final class ForbiddenMapper implements ExceptionMapper<ForbiddenException> {

    @Override
    public Response toResponse(ForbiddenException exception) {
        return ProblemResponses.forbidden();
    }
}
