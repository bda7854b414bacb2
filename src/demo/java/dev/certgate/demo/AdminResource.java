package dev.certgate.demo;

import dev.certgate.jaxrs.RequireClientCert;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;

/** Any accepted certificate, and the {@code admin} role from {@code certgate.roles.admin.*}. */
@Path("/admin")
public class AdminResource {

    @GET
    @RequireClientCert
    @RolesAllowed("admin")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> admin(@Context SecurityContext security) {
        return Map.of("admin", true, "principal", security.getUserPrincipal().getName());
    }
}
