package dev.certgate.it.app;

import dev.certgate.CertificateAuthenticationEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;

/**
 * Every decision certgate reports, as the application's CDI observer sees them: which adapter
 * decided (policy, resource) and on which {@code ClientCertificate} instance. With the certificate
 * cache off, two decisions on one instance were made on one resolution.
 */
@ApplicationScoped
public class Decisions {

    private final List<String> seen = new ArrayList<>();

    void record(@Observes CertificateAuthenticationEvent event) {
        String line = "{\"kind\":\"" + event.kind().code() + "\",\"policy\":\"" + event.policy()
                + "\",\"resource\":\"" + event.resource() + "\",\"outcome\":\"" + event.outcome().code()
                + "\",\"certificate\":" + event.certificate().map(System::identityHashCode).orElse(0) + "}";
        synchronized (seen) {
            if (seen.size() < 100) {
                seen.add(line);
            }
        }
    }

    /** The decisions since the last call, but those on requests to {@code own}, as a JSON array; forgets all. */
    String drainExcept(String own) {
        synchronized (seen) {
            List<String> others = seen.stream().filter(line -> !line.contains(own)).toList();
            seen.clear();
            return "[" + String.join(",", others) + "]";
        }
    }
}
