package dev.certgate.jaxrs;

import dev.certgate.http.Problem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Decisions as JAX-RS responses: the RFC 9457 {@code application/problem+json} answers of
 * {@link Problem}, with {@code Cache-Control: no-store}. There is one body per status, whatever the reason, so a
 * response never tells a client why its certificate was refused; the reason goes to the log.
 */
public final class ProblemResponses {

    /** RFC 9457 media type. */
    public static final String PROBLEM_JSON = Problem.MEDIA_TYPE;

    static final String REQUIRED_BODY = Problem.REQUIRED.body();
    static final String REFUSED_BODY = Problem.REFUSED.body();

    private ProblemResponses() {
    }

    /** 401: no usable client certificate (none, or a forwarded header that could not be used). */
    public static Response unauthorized() {
        return problem(Response.Status.UNAUTHORIZED, REQUIRED_BODY);
    }

    /**
     * 403: a certificate was presented and refused. Also what an application should answer when
     * an authenticated caller lacks a role ({@code @RolesAllowed}), so the two cannot be told apart.
     */
    public static Response forbidden() {
        return problem(Response.Status.FORBIDDEN, REFUSED_BODY);
    }

    private static Response problem(Response.Status status, String body) {
        return Response.status(status)
                .type(PROBLEM_JSON)
                .header(HttpHeaders.CACHE_CONTROL, Problem.CACHE_CONTROL)
                .entity(body)
                .build();
    }
}
