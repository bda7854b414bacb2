package dev.certgate.demo;

import dev.certgate.jaxrs.RequireClientCert;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;

/** Only callers the {@code payments} policy accepts may charge. */
@Path("/payments")
public class PaymentsResource {

    @POST
    @Path("charge")
    @RequireClientCert("payments")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> charge(@Context SecurityContext security) {
        return Map.of("charged", true, "by", security.getUserPrincipal().getName());
    }
}
