package dev.certgate.demo;

import dev.certgate.ClientCertificate;
import dev.certgate.identity.CallerIdentity;
import dev.certgate.jaxrs.RequireClientCert;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Who the caller is to certgate: its name, roles, and every field of its certificate. */
@Path("/whoami")
@RequestScoped
public class WhoAmIResource {

    @Inject
    ClientCertificate certificate; // request scoped, filled by certgate's filter

    @GET
    @RequireClientCert
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> whoami(@Context SecurityContext security) {
        Principal principal = security.getUserPrincipal();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("principal", principal == null ? null : principal.getName());
        body.put("roles", principal instanceof CallerIdentity caller ? caller.roles().stream().sorted().toList() : List.of());
        body.put("source", certificate.source().configName());
        body.putAll(fields(certificate));
        return body;
    }

    /** Every {@link ClientCertificate} field under its record component name. */
    static Map<String, Object> fields(ClientCertificate c) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("subjectDN", c.subjectDN());
        fields.put("subjectCN", c.subjectCN());
        fields.put("issuerDN", c.issuerDN());
        fields.put("issuerCN", c.issuerCN());
        fields.put("serialNumber", c.serialNumber());
        fields.put("fingerprint256", c.fingerprint256());
        fields.put("subjectAltNames", c.subjectAltNames());
        fields.put("notBefore", c.notBefore() == null ? null : c.notBefore().toString());
        fields.put("notAfter", c.notAfter() == null ? null : c.notAfter().toString());
        fields.put("verified", c.verified());
        return fields;
    }
}
