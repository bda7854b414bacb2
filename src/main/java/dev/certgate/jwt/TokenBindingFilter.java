package dev.certgate.jwt;

import dev.certgate.binding.BindingDecision;
import dev.certgate.binding.TokenBindingCheck;
import dev.certgate.jaxrs.ContainerCertificateRequest;
import dev.certgate.jaxrs.ProblemResponses;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.System.Logger.Level;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Checks the certificate binding of every request authenticated with an MP JWT
 * {@link JsonWebToken}; any other request passes untouched, without any certificate work.
 * A refused binding answers {@link ProblemResponses#invalidToken()} (401,
 * {@code WWW-Authenticate: Bearer error="invalid_token"}); the reason is logged here, never sent.
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
            decision = check.check(JwtConfirmation.of(token), new ContainerCertificateRequest(context));
        } catch (RuntimeException e) {
            // the core never throws for client input; if it ever does, fail closed, not 500
            LOG.log(Level.ERROR, "certgate: token binding check failed unexpectedly; answering 401", e);
            context.abortWith(ProblemResponses.invalidToken());
            return;
        }
        if (decision instanceof BindingDecision.Refused refused) {
            LOG.log(Level.INFO, () -> "certgate: certificate-bound token refused (reason=" + refused.reason().code()
                    + ", detail=" + refused.detail() + ", mode=" + check.mode().configName()
                    + ", token subject=" + token.getSubject() + ", path=/" + context.getUriInfo().getPath() + ")");
            context.abortWith(ProblemResponses.invalidToken());
        }
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
