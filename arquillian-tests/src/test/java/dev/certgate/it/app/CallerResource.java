package dev.certgate.it.app;

import dev.certgate.ClientCertificate;
import dev.certgate.jaxrs.RequireClientCert;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * Every endpoint answers with {@link Caller#json}: the container's caller, its roles, the JAX-RS principal,
 * and the certificate certgate published (the request property JAX-RS servers keep as a servlet attribute).
 */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CallerResource {

    @Inject
    SecurityContext security;

    @Inject
    Decisions decisions;

    /** What {@code @Inject ClientCertificate} gives this request (the resource is request scoped). */
    @Inject
    ClientCertificate injected;

    /** Unguarded: only the mechanism (when enabled) names the caller. */
    @GET
    @Path("whoami")
    public String whoami(@Context jakarta.ws.rs.core.SecurityContext jaxrs, @Context HttpServletRequest request) {
        return Caller.json(security, jaxrs, request.getAttribute(ClientCertificate.PROPERTY));
    }

    /** certgate's JAX-RS filter, default policy. */
    @GET
    @Path("guarded")
    @RequireClientCert
    public String guarded(@Context jakarta.ws.rs.core.SecurityContext jaxrs, @Context HttpServletRequest request) {
        return Caller.json(security, jaxrs, request.getAttribute(ClientCertificate.PROPERTY));
    }

    /** The payments policy of the demo's microprofile-config.properties: svc-a only. */
    @POST
    @Path("payments/charge")
    @RequireClientCert("payments")
    public String charge(@Context jakarta.ws.rs.core.SecurityContext jaxrs, @Context HttpServletRequest request) {
        return Caller.json(security, jaxrs, request.getAttribute(ClientCertificate.PROPERTY));
    }

    /** The container's own role check, fed by the mechanism's groups (certgate.roles.admin). */
    @GET
    @Path("admin")
    @RolesAllowed("admin")
    public String admin(@Context jakarta.ws.rs.core.SecurityContext jaxrs, @Context HttpServletRequest request) {
        return Caller.json(security, jaxrs, request.getAttribute(ClientCertificate.PROPERTY));
    }

    /**
     * The decisions certgate made since the last call (on other requests). Two decisions on one
     * {@code ClientCertificate} instance (the cache off) were made on one resolution, by one resolver:
     * the mechanism and the JAX-RS filters share the application's runtime.
     */
    @GET
    @Path("decisions")
    public String decisions() {
        return decisions.drainExcept("/api/decisions");
    }

    /** The container's role check alone (no certgate guard): the certificate CDI injects, when the mechanism logged the caller in. */
    @GET
    @Path("admin/fingerprint")
    @RolesAllowed("admin")
    public String adminFingerprint() {
        return injectedFingerprint();
    }

    /** Unguarded: the injected certificate when the mechanism logged the caller in, {@code null} otherwise. */
    @GET
    @Path("fingerprint")
    public String fingerprint() {
        return injectedFingerprint();
    }

    /** certgate's JAX-RS filter: the certificate it accepted, injected. */
    @GET
    @Path("guarded/fingerprint")
    @RequireClientCert
    public String guardedFingerprint() {
        return injectedFingerprint();
    }

    private String injectedFingerprint() {
        return "{\"fingerprint\":" + (injected == null ? "null" : "\"" + injected.fingerprint256() + "\"") + "}";
    }
}
