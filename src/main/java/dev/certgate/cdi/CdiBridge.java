package dev.certgate.cdi;

import dev.certgate.ClientCertificate;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.lang.System.Logger.Level;

/**
 * Where certgate's adapters (the JAX-RS guard, the Jakarta Security mechanism) publish an accepted
 * certificate for CDI, when there is CDI: the request-scoped {@link CurrentCertificate} behind
 * {@code @Inject ClientCertificate}. (The {@code CertificateCheck} beans and the event observers
 * come with the application's {@link ApplicationRuntime}.) Where CDI has the servlet request
 * (Jakarta EE servers) nothing needs publishing: the holder reads the request attribute
 * {@link ClientCertificate#PROPERTY} when a bean injects it, so an accepted request costs CDI no
 * instance (about a microsecond a request in Weld). Without a CDI container (plain Jersey)
 * nothing is published and everything else still works; without an active request context
 * {@code @Inject ClientCertificate} stays {@code null} (warned once), the request property
 * {@link ClientCertificate#PROPERTY} still holds the certificate.
 */
public final class CdiBridge {

    private static final System.Logger LOG = System.getLogger("dev.certgate");

    /** No CDI: nothing published. */
    public static final CdiBridge NONE = new CdiBridge(null);

    /** CDI reads the servlet request's attribute itself ({@link ServletAttributes}): nothing published. */
    static final CdiBridge SERVLET_ATTRIBUTE = new CdiBridge(null);

    private final CurrentCertificate current;
    private volatile boolean warned;

    private CdiBridge(CurrentCertificate current) {
        this.current = current;
    }

    /** Looks CDI up once, at deployment. */
    public static CdiBridge lookup() {
        try {
            CDI<Object> cdi = CDI.current();
            if (ServletAttributes.lookup(cdi) != null) {
                LOG.log(Level.DEBUG, "certgate: @Inject ClientCertificate reads the servlet request attribute "
                        + ClientCertificate.PROPERTY);
                return SERVLET_ATTRIBUTE;
            }
            Instance<CurrentCertificate> holder = cdi.select(CurrentCertificate.class);
            // a normal-scoped bean's client proxy: one for all requests, each call reaches this request's holder
            return new CdiBridge(holder.isResolvable() ? holder.get() : null);
        } catch (IllegalStateException | LinkageError e) {
            LOG.log(Level.DEBUG, "certgate: no CDI container; @Inject ClientCertificate is unavailable");
            return NONE;
        }
    }

    /** Makes {@code certificate} this request's {@code @Inject ClientCertificate}; never throws for an inactive request context. */
    public void publish(ClientCertificate certificate) {
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
