package dev.certgate.jaxrs;

import dev.certgate.identity.CallerIdentity;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * The JAX-RS security context of a request certgate authenticated: the principal is the mapped
 * caller, roles come from {@code certgate.roles}; whether the request is secure is the
 * container's answer.
 */
final class CertificateSecurityContext implements SecurityContext {

    private final CallerIdentity caller;
    private final boolean secure;

    CertificateSecurityContext(CallerIdentity caller, SecurityContext container) {
        this.caller = caller;
        this.secure = container != null && container.isSecure();
    }

    @Override
    public Principal getUserPrincipal() {
        return caller;
    }

    @Override
    public boolean isUserInRole(String role) {
        return caller.hasRole(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return SecurityContext.CLIENT_CERT_AUTH;
    }
}
