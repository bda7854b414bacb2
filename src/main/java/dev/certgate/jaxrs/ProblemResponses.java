package dev.certgate.jaxrs;

import dev.certgate.http.Problem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Decisions as JAX-RS responses: RFC 9457 {@code application/problem+json} answers with
 * {@code Cache-Control: no-store} — the certificate answers of {@link Problem} (shared with the
 * Jakarta Security mechanism) and the bearer-token answers. There is one body per status and kind,
 * whatever the reason, so a response never tells a client why its certificate (or its
 * certificate-bound token) was refused; the reason goes to the log.
 */
public final class ProblemResponses {

    /** RFC 9457 media type. */
    public static final String PROBLEM_JSON = Problem.MEDIA_TYPE;

    static final String REQUIRED_BODY = Problem.REQUIRED.body();
    static final String REFUSED_BODY = Problem.REFUSED.body();
    static final String INVALID_TOKEN_BODY = "{\"type\":\"urn:certgate:problem:invalid-token\","
            + "\"title\":\"Invalid token\",\"status\":401}";
    static final String TOKEN_REQUIRED_BODY = "{\"type\":\"urn:certgate:problem:bearer-token-required\","
            + "\"title\":\"Bearer token required\",\"status\":401}";

    /** RFC 6750 section 3.1: the token is invalid; certificate binding failures answer this. */
    static final String INVALID_TOKEN_CHALLENGE = "Bearer error=\"invalid_token\"";
    /** RFC 6750 section 3.1: no token was sent, so no error code. */
    static final String TOKEN_CHALLENGE = "Bearer";

    private ProblemResponses() {
    }

    /** 401: no usable client certificate (none, or a forwarded header that could not be used). */
    public static Response unauthorized() {
        return problem(Response.Status.UNAUTHORIZED, REQUIRED_BODY).build();
    }

    /**
     * 403: a certificate was presented and refused. Also what an application should answer when
     * an authenticated caller lacks a role ({@code @RolesAllowed}), so the two cannot be told apart.
     */
    public static Response forbidden() {
        return problem(Response.Status.FORBIDDEN, REFUSED_BODY).build();
    }

    /**
     * 401 with {@code WWW-Authenticate: Bearer error="invalid_token"}: a bearer token that must
     * not be used on this request, such as a certificate-bound token (RFC 8705 section 3) whose
     * binding failed for any reason (another certificate, none, a malformed {@code cnf}, an
     * unbound token where binding is required). One body, whatever the reason.
     */
    public static Response invalidToken() {
        return challenge(INVALID_TOKEN_CHALLENGE, INVALID_TOKEN_BODY);
    }

    /** 401 with {@code WWW-Authenticate: Bearer}: a resource that needs a bearer token got none. */
    public static Response bearerTokenRequired() {
        return challenge(TOKEN_CHALLENGE, TOKEN_REQUIRED_BODY);
    }

    private static Response challenge(String challenge, String body) {
        return problem(Response.Status.UNAUTHORIZED, body).header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
    }

    private static Response.ResponseBuilder problem(Response.Status status, String body) {
        return Response.status(status)
                .type(PROBLEM_JSON)
                .header(HttpHeaders.CACHE_CONTROL, Problem.CACHE_CONTROL)
                .entity(body);
    }
}
