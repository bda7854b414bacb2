package dev.certgate.jwt;

import dev.certgate.binding.BindingDecision;
import dev.certgate.binding.Confirmation;
import dev.certgate.binding.TokenBindingCheck;
import dev.certgate.jaxrs.ContainerCertificateRequest;
import dev.certgate.jaxrs.ProblemResponses;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Checks the certificate binding of every request authenticated with an MP JWT
 * {@link JsonWebToken}; any other request passes untouched, without any certificate work.
 * A refused binding answers {@link ProblemResponses#invalidToken()} (401,
 * {@code WWW-Authenticate: Bearer error="invalid_token"}); the reason is never sent. This class
 * logs nothing about the decision: {@link TokenBindingCheck} audits it (one escaped line on
 * {@code dev.certgate.audit}, one {@code CertificateAuthenticationEvent} of kind
 * {@code token-binding}) with the resource, the peer and the token's principal name.
 *
 * <p>Where it runs. MP JWT establishes the principal before this filter on every server certgate
 * targets: Payara, Open Liberty and WildFly authenticate in the servlet layer, before JAX-RS; the
 * SmallRye JWT JAX-RS filter is {@code @PreMatching}, so before every post-matching filter. This
 * filter runs at {@link #PRIORITY}, just before the {@code @RequireClientCert} guard
 * ({@code Priorities.AUTHENTICATION}), so a bound token without its certificate is answered as a
 * token failure. An implementation that authenticates in a post-matching filter at
 * {@code AUTHENTICATION} (as some do) is covered by {@link Recheck} at {@link #RECHECK_PRIORITY},
 * before authorization: it checks any token the first pass did not see, so none goes unchecked.
 */
public final class TokenBindingFilter implements ContainerRequestFilter {

    /** Just before the {@code @RequireClientCert} guard. */
    public static final int PRIORITY = Priorities.AUTHENTICATION - 1;
    /** After every authentication filter, before authorization. */
    public static final int RECHECK_PRIORITY = Priorities.AUTHORIZATION - 1;

    /** Request property: the token whose binding was already checked on this request. */
    static final String CHECKED_PROPERTY = "dev.certgate.jwt.checked-token";

    private static final System.Logger LOG = System.getLogger("dev.certgate");

    private final TokenBindingCheck check;
    private volatile boolean tokenFailureLogged;

    /** The matched resource method, injected by the JAX-RS runtime (a proxy to each request's); for the audit. */
    @Context
    private ResourceInfo resourceInfo;

    public TokenBindingFilter(TokenBindingCheck check) {
        this.check = check;
    }

    @Override
    public void filter(ContainerRequestContext context) {
        SecurityContext security = context.getSecurityContext();
        Principal principal = security == null ? null : security.getUserPrincipal();
        if (!(principal instanceof JsonWebToken token) || context.getProperty(CHECKED_PROPERTY) == token) {
            return;
        }
        context.setProperty(CHECKED_PROPERTY, token);
        BindingDecision decision;
        try {
            decision = check.check(confirmation(token), new ContainerCertificateRequest(context), resource(context),
                    name(token));
        } catch (RuntimeException e) {
            // the core never throws for client input; if it ever does, fail closed, not 500
            LOG.log(Level.ERROR, "certgate: token binding check failed unexpectedly; answering 401", e);
            context.abortWith(ProblemResponses.invalidToken());
            return;
        }
        if (!decision.allowed()) {
            context.abortWith(ProblemResponses.invalidToken());
        }
    }

    /**
     * The token's {@code cnf}, as the core reads it. A token whose claims cannot be read (its MP JWT
     * implementation throws) cannot prove a binding: it is malformed, refused and audited as such,
     * and the implementation's failure is logged with its stack trace once, then at {@code DEBUG}.
     */
    private Confirmation confirmation(JsonWebToken token) {
        try {
            return JwtConfirmation.of(token);
        } catch (RuntimeException e) {
            tokenFailed(e);
            return new Confirmation.Malformed("the token's cnf claim could not be read: " + e.getClass().getName());
        }
    }

    private String name(JsonWebToken token) {
        try {
            return token.getName();
        } catch (RuntimeException e) {
            tokenFailed(e);
            return null;
        }
    }

    private void tokenFailed(RuntimeException e) {
        boolean first = !tokenFailureLogged;
        tokenFailureLogged = true;
        LOG.log(first ? Level.WARNING : Level.DEBUG, "certgate: the MP JWT token implementation failed; the token"
                + " is refused" + (first ? " (further failures at DEBUG)" : ""), first ? e : null);
    }

    /** {@code ResourceClass#method} when the runtime injected the matched method, else the request's method and path. */
    private String resource(ContainerRequestContext context) {
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        Class<?> resourceClass = resourceInfo == null ? null : resourceInfo.getResourceClass();
        if (method != null && resourceClass != null) {
            return resourceClass.getName() + "#" + method.getName();
        }
        return context.getMethod() + " /" + context.getUriInfo().getPath();
    }

    /** The second pass, at {@link #RECHECK_PRIORITY}: a separate class, as JAX-RS registers one instance per class. */
    public static final class Recheck implements ContainerRequestFilter {
        private final TokenBindingFilter filter;

        public Recheck(TokenBindingFilter filter) {
            this.filter = filter;
        }

        @Override
        public void filter(ContainerRequestContext context) {
            filter.filter(context);
        }
    }
}
