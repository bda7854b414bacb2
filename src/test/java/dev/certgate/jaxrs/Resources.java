package dev.certgate.jaxrs;

import dev.certgate.ClientCertificate;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

/** Resources the adapter tests guard in every way an application can. */
final class Resources {

    private Resources() {
    }

    /** What a resource sees, as text: principal, role check, scheme, the certificate's CN. */
    static String seen(SecurityContext security, ContainerRequestContext request) {
        ClientCertificate certificate = (ClientCertificate) request.getProperty(ClientCertificate.PROPERTY);
        return "principal=" + (security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName())
                + " admin=" + security.isUserInRole("admin")
                + " scheme=" + security.getAuthenticationScheme()
                + " cn=" + (certificate == null ? null : certificate.subjectCN());
    }

    @Path("open")
    public static class Open {
        @GET
        public String get(@Context SecurityContext security, @Context ContainerRequestContext request) {
            return seen(security, request);
        }
    }

    /** Class-level guard with a named policy; one method overrides it with the default policy. */
    @Path("strict")
    @RequireClientCert("strict")
    public static class Strict {
        @GET
        @Path("by-class")
        public String byClass(@Context SecurityContext security, @Context ContainerRequestContext request) {
            return seen(security, request);
        }

        @GET
        @Path("by-method")
        @RequireClientCert
        public String byMethod(@Context SecurityContext security, @Context ContainerRequestContext request) {
            return seen(security, request);
        }
    }

    /** Guarded with the default policy on the method only. */
    @Path("guarded")
    public static class Guarded {
        @GET
        @RequireClientCert
        public String get(@Context SecurityContext security, @Context ContainerRequestContext request) {
            return seen(security, request);
        }

        @GET
        @Path("admin")
        @RequireClientCert
        @RolesAllowed("admin")
        public String admin() {
            return "admin";
        }

        @GET
        @Path("unguarded")
        public String unguarded() {
            return "open";
        }
    }

    /** The guard is declared on the interface the resource implements. */
    public interface StrictApi {
        @GET
        @RequireClientCert("strict")
        String get();
    }

    @Path("implemented")
    public static class Implemented implements StrictApi {
        @Override
        public String get() {
            return "implemented";
        }
    }

    /** The guard is on a superclass method; the subclass repeats the method without it. */
    public static class GuardedBase {
        @GET
        @RequireClientCert("strict")
        public String get() {
            return "base";
        }
    }

    @Path("overridden")
    public static class Overridden extends GuardedBase {
        @Override
        @GET
        public String get() {
            return "overridden";
        }
    }

    /** Names a policy nobody configured. */
    @Path("misnamed")
    public static class Misnamed {
        @GET
        @RequireClientCert("paymnets")
        public String get() {
            return "never";
        }
    }
}
