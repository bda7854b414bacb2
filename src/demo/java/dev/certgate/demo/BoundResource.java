package dev.certgate.demo;

import dev.certgate.ClientCertificate;
import dev.certgate.binding.CertificateThumbprint;
import dev.certgate.binding.Confirmation;
import dev.certgate.jaxrs.ProblemResponses;
import dev.certgate.jaxrs.RequireClientCert;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A client certificate and an MP JWT bearer token together; by the time this runs certgate has
 * checked {@code certgate.token-binding} (RFC 8705 section 3) for the token and the certificate.
 * Answers the token's subject and the certificate's {@code x5t#S256} thumbprint.
 */
@Path("/bound")
@RequestScoped
public class BoundResource {

    @Inject
    ClientCertificate certificate; // request scoped, filled by certgate's filter

    @GET
    @RequireClientCert
    @Produces(MediaType.APPLICATION_JSON)
    public Response bound(@Context SecurityContext security) {
        if (!(security.getUserPrincipal() instanceof JsonWebToken token)) {
            return ProblemResponses.bearerTokenRequired();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", token.getSubject());
        body.put("thumbprint", CertificateThumbprint.of(certificate).map(CertificateThumbprint::value).orElse(null));
        body.put("source", certificate.source().configName());
        body.put("bound", certificateBound(token));
        return Response.ok(body).build();
    }

    /**
     * Whether the token claims a certificate binding: a {@code cnf} object with {@code x5t#S256}
     * (RFC 8705 section 3.1). A {@code cnf} that confirms something else (a DPoP {@code jkt}) or
     * nothing binds no certificate, as {@code certgate.token-binding} counts it.
     */
    static boolean certificateBound(JsonWebToken token) {
        return token.getClaim("cnf") instanceof Map<?, ?> cnf && cnf.containsKey(Confirmation.X5T_S256);
    }
}
