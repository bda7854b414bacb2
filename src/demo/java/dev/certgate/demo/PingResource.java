package dev.certgate.demo;

import dev.certgate.jaxrs.RequireClientCert;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Two identical pings, one guarded: the difference between them is what the guard costs. */
@Path("/")
@Produces(MediaType.TEXT_PLAIN)
public class PingResource {

    @GET
    @Path("public/ping")
    public String publicPing() {
        return "pong";
    }

    @GET
    @Path("guarded/ping")
    @RequireClientCert
    public String guardedPing() {
        return "pong";
    }
}
