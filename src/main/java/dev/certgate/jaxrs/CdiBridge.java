package dev.certgate.jaxrs;

import dev.certgate.ClientCertificate;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.lang.System.Logger.Level;

/**
 * Where the JAX-RS adapter publishes an accepted certificate for CDI, when there is CDI: the
 * request-scoped {@link CurrentCertificate} behind {@code @Inject ClientCertificate}. (The
 * {@code CertificateCheck} beans and the event observers come with the application's
 * {@code dev.certgate.cdi.ApplicationRuntime}.) Without a CDI container (plain Jersey) nothing is
 * published and everything else still works.
 */
final class CdiBridge {

    private static final System.Logger LOG = System.getLogger("dev.certgate");

    /** No CDI: nothing published. */
    static final CdiBridge NONE = new CdiBridge(null);

    private final CurrentCertificate current;
    private volatile boolean warned;

    private CdiBridge(CurrentCertificate current) {
        this.current = current;
    }

    /** Looks CDI up once, at deployment. */
    static CdiBridge lookup() {
        try {
            Instance<CurrentCertificate> holder = CDI.current().select(CurrentCertificate.class);
            // a normal-scoped bean's client proxy: one for all requests, each call reaches this request's holder
            return new CdiBridge(holder.isResolvable() ? holder.get() : null);
        } catch (IllegalStateException | LinkageError e) {
            LOG.log(Level.DEBUG, "certgate: no CDI container; @Inject ClientCertificate is unavailable");
            return NONE;
        }
    }

    void publish(ClientCertificate certificate) {
        if (current == null) {
            return;
        }
        try {
            current.set(certificate);
        } catch (ContextNotActiveException e) {
            if (!warned) {
                warned = true;
                LOG.log(Level.WARNING, "certgate: no active CDI request context; @Inject ClientCertificate"
                        + " stays null, use the request property " + ClientCertificate.PROPERTY);
            }
        }
    }
}
