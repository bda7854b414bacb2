package dev.certgate.jaxrs;

import dev.certgate.AuthenticationListener;
import dev.certgate.ClientCertificate;
import dev.certgate.cdi.CdiEventListener;
import dev.certgate.policy.CertificateCheck;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * What the JAX-RS adapter takes from CDI, when there is CDI: the application's
 * {@link CertificateCheck} beans, the request-scoped {@link CurrentCertificate} to publish to, and
 * the {@link CdiEventListener} that fires each decision's event to the application's observers.
 * Without a CDI container (plain Jersey) all are absent and everything else still works.
 */
final class CdiBridge {

    private static final System.Logger LOG = System.getLogger("dev.certgate");

    /** No CDI: no checks, nothing published. */
    static final CdiBridge NONE = new CdiBridge(List.of(), null, AuthenticationListener.NONE);

    private final List<CertificateCheck> checks;
    private final CurrentCertificate current;
    private final AuthenticationListener events;
    private volatile boolean warned;

    private CdiBridge(List<CertificateCheck> checks, CurrentCertificate current, AuthenticationListener events) {
        this.checks = List.copyOf(checks);
        this.current = current;
        this.events = events;
    }

    /** Looks CDI up once, at deployment. */
    static CdiBridge lookup() {
        try {
            CDI<Object> cdi = CDI.current();
            List<CertificateCheck> checks = new ArrayList<>();
            cdi.select(CertificateCheck.class).forEach(checks::add);
            Instance<CurrentCertificate> holder = cdi.select(CurrentCertificate.class);
            // a normal-scoped bean's client proxy: one for all requests, each call reaches this request's holder
            return new CdiBridge(checks, holder.isResolvable() ? holder.get() : null,
                    CdiEventListener.of(cdi.getBeanManager()));
        } catch (IllegalStateException | LinkageError e) {
            LOG.log(Level.DEBUG, "certgate: no CDI container; @Inject ClientCertificate and CertificateCheck beans are unavailable");
            return NONE;
        }
    }

    List<CertificateCheck> checks() {
        return checks;
    }

    /** Fires each decision to the application's {@code CertificateAuthenticationEvent} observers. */
    AuthenticationListener events() {
        return events;
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
