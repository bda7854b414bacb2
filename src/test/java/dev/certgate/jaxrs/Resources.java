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

    /** The guard is on a generic interface method; the implementation's parameter type is the type argument. */
    public interface GenericApi<T> {
        @GET
        @Path("{id}")
        @RequireClientCert("strict")
        String get(@jakarta.ws.rs.PathParam("id") T id);
    }

    @Path("generic-interface")
    public static class GenericImplemented implements GenericApi<String> {
        @Override
        public String get(String id) {
            return "generic " + id;
        }
    }

    /** The guard is on a generic superclass method, overridden with the type argument. */
    public abstract static class GenericBase<T extends CharSequence> {
        @GET
        @Path("{id}")
        @RequireClientCert("strict")
        public abstract String get(@jakarta.ws.rs.PathParam("id") T id);
    }

    @Path("generic-superclass")
    public static class GenericExtended extends GenericBase<String> {
        @Override
        public String get(String id) {
            return "generic " + id;
        }
    }

    /** A sub-resource: no {@code @Path} of its own, reached through the locators below. */
    public static class Account {
        @GET
        public String get() {
            return "account";
        }

        @GET
        @Path("strict")
        @RequireClientCert("strict")
        public String strict() {
            return "account strict";
        }
    }

    /** Locators: one guarded with the default policy, one unguarded, one to a further locator. */
    @Path("locators")
    public static class Locators {
        @Path("guarded")
        @RequireClientCert
        public Account guarded() {
            return new Account();
        }

        @Path("open")
        public Account open() {
            return new Account();
        }

        @Path("nested")
        @RequireClientCert("strict")
        public NestedLocator nested() {
            return new NestedLocator();
        }
    }

    /** A sub-resource that is itself a locator, unguarded: the outer locator's guard covers it. */
    public static class NestedLocator {
        @Path("account")
        public Account account() {
            return new Account();
        }
    }

    /** A class guard covers its locators too. */
    @Path("guarded-locators")
    @RequireClientCert("strict")
    public static class GuardedLocators {
        @Path("account")
        public Account account() {
            return new Account();
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
