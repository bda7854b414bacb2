package dev.certgate.jaxrs;

import dev.certgate.CertificateAuthenticator;
import dev.certgate.ClientCertificate;
import dev.certgate.Decision;
import dev.certgate.cdi.CdiBridge;
import dev.certgate.policy.CertificatePolicy;
import dev.certgate.source.CertificateResolver;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.System.Logger.Level;
import java.security.Principal;
import javax.security.auth.x500.X500Principal;

/**
 * Guards one resource method with one policy, resolved at deployment. Registered by
 * {@link CertgateFeature} at {@code Priorities.AUTHENTICATION}; never {@code @PreMatching}, since
 * name binding does not apply there.
 *
 * <p>Accepted: the certificate becomes the request property {@link ClientCertificate#PROPERTY}
 * and the request-scoped CDI {@code ClientCertificate}; the security context becomes the mapped
 * caller unless the request was already authenticated. Otherwise the request is aborted with the
 * problem response; the reason is never sent. The decision is audited (log line, CDI event) by
 * {@link CertificateAuthenticator}, so this class logs only what the core cannot: its own failure.
 */
final class CertificateFilter implements ContainerRequestFilter {

    private static final System.Logger LOG = System.getLogger("dev.certgate");
    private static final String JSON_WEB_TOKEN = "org.eclipse.microprofile.jwt.JsonWebToken";

    private final CertificateAuthenticator authenticator;
    private final CertificatePolicy policy;
    private final CdiBridge cdi;
    private final String resource;

    CertificateFilter(CertificateAuthenticator authenticator, CertificatePolicy policy, CdiBridge cdi, String resource) {
        this.authenticator = authenticator;
        this.policy = policy;
        this.cdi = cdi;
        this.resource = resource;
    }

    CertificatePolicy policy() {
        return policy;
    }

    @Override
    public void filter(ContainerRequestContext context) {
        Decision decision;
        try {
            // the last of certgate's checks on a request: an earlier one's resolution is used, its own not kept
            decision = authenticator.authenticate(new ContainerCertificateRequest(context), policy, resource,
                    CertificateResolver.Keep.NOT_KEPT);
        } catch (RuntimeException | StackOverflowError e) {
            // the core never throws for client input; if it ever does, fail closed, not 500
            LOG.log(Level.ERROR, "certgate: certificate check failed unexpectedly on " + resource
                    + "; answering 401", e);
            context.abortWith(ProblemResponses.unauthorized());
            return;
        }
        // the decision was audited by the authenticator (one log line and one event): nothing to log here
        if (decision instanceof Decision.Accepted accepted) {
            accept(context, accepted);
        } else if (decision instanceof Decision.Missing) {
            context.abortWith(ProblemResponses.unauthorized());
        } else {
            context.abortWith(ProblemResponses.forbidden());
        }
    }

    private void accept(ContainerRequestContext context, Decision.Accepted accepted) {
        context.setProperty(ClientCertificate.PROPERTY, accepted.certificate());
        cdi.publish(accepted.certificate());
        SecurityContext current = context.getSecurityContext();
        if (!authenticatedOtherwise(current, accepted.certificate())) {
            context.setSecurityContext(new CertificateSecurityContext(accepted.caller(), current));
        }
    }

    /**
     * Whether something else (MP JWT, a login module) already named the caller. The TLS layer's
     * own principal, the certificate subject that some containers report (Grizzly does), does not
     * count: certgate's mapped caller replaces it. An MP JWT token always counts, even one named
     * like the certificate's subject.
     */
    static boolean authenticatedOtherwise(SecurityContext current, ClientCertificate certificate) {
        Principal principal = current == null ? null : current.getUserPrincipal();
        if (principal == null || principal instanceof X500Principal
                || SecurityContext.CLIENT_CERT_AUTH.equals(current.getAuthenticationScheme())) {
            return false;
        }
        return !namesSubject(principal.getName(), certificate) || isToken(principal.getClass());
    }

    /**
     * Whether {@code type} implements MP JWT's {@code JsonWebToken}; by name, since the MP JWT API
     * may be absent from the application.
     */
    private static boolean isToken(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(JSON_WEB_TOKEN) || isToken(i)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean namesSubject(String name, ClientCertificate certificate) {
        if (name == null || name.equals(certificate.subjectDN())) {
            return true;
        }
        if (certificate.certificate() == null) {
            return false;
        }
        try {
            return new X500Principal(name).equals(certificate.certificate().getSubjectX500Principal());
        } catch (IllegalArgumentException e) {
            return false; // not a DN at all: a name given by another mechanism
        }
    }
}
