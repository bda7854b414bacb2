package dev.certgate.jaxrs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

/** One guarded method per policy of the adversarial matrix; each answers what it saw ({@link Resources#seen}). */
@Path("m")
public class MatrixResources {

    @GET
    @RequireClientCert
    public String any(@Context SecurityContext s, @Context ContainerRequestContext r) {
        return Resources.seen(s, r);
    }

    @GET
    @Path("strict")
    @RequireClientCert("strict")
    public String strict(@Context SecurityContext s, @Context ContainerRequestContext r) {
        return Resources.seen(s, r);
    }

    @GET
    @Path("issuer")
    @RequireClientCert("issuer")
    public String issuer(@Context SecurityContext s, @Context ContainerRequestContext r) {
        return Resources.seen(s, r);
    }

    @GET
    @Path("pinned")
    @RequireClientCert("pinned")
    public String pinned(@Context SecurityContext s, @Context ContainerRequestContext r) {
        return Resources.seen(s, r);
    }

    @GET
    @Path("wild")
    @RequireClientCert("wild")
    public String wild(@Context SecurityContext s, @Context ContainerRequestContext r) {
        return Resources.seen(s, r);
    }

    @GET
    @Path("ip")
    @RequireClientCert("ip")
    public String ip(@Context SecurityContext s, @Context ContainerRequestContext r) {
        return Resources.seen(s, r);
    }

    @GET
    @Path("admin-cn")
    @RequireClientCert("admin-cn")
    public String adminCn(@Context SecurityContext s, @Context ContainerRequestContext r) {
        return Resources.seen(s, r);
    }

    @GET
    @Path("svc-a-cn")
    @RequireClientCert("svc-a-cn")
    public String svcACn(@Context SecurityContext s, @Context ContainerRequestContext r) {
        return Resources.seen(s, r);
    }
}
