package dev.certgate.it.app;

import dev.certgate.ClientCertificate;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import java.security.Principal;
import java.util.List;
import java.util.stream.Collectors;

/** Who the container and JAX-RS think the caller is, as JSON (hand-written: no JSON-B differences between servers). */
public final class Caller {

    /** The roles the tests know; the response lists those the container grants. */
    static final List<String> ROLES = List.of("admin", "ops");

    private Caller() {
    }

    static String json(SecurityContext container, jakarta.ws.rs.core.SecurityContext jaxrs, Object certificate) {
        Principal caller = container.getCallerPrincipal();
        Principal user = jaxrs.getUserPrincipal();
        String roles = ROLES.stream().filter(container::isCallerInRole).map(Caller::quote).collect(Collectors.joining(","));
        boolean mechanism = !CDI.current().select(HttpAuthenticationMechanism.class).isUnsatisfied();
        return "{\"principal\":" + (caller == null ? "null" : quote(caller.getName()))
                + ",\"roles\":[" + roles + "]"
                + ",\"jaxrsPrincipal\":" + (user == null ? "null" : quote(user.getName()))
                + ",\"certificate\":" + (certificate instanceof ClientCertificate c ? quote(c.subjectCN()) : "null")
                + ",\"mechanism\":" + mechanism + "}";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
