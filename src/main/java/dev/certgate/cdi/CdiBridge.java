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
 * come with the application's {@link ApplicationRuntime}.) Where CDI has the request itself nothing
 * needs publishing ({@code RequestCertificate}): the holder reads the request property
 * {@link ClientCertificate#PROPERTY} when a bean injects it — the servlet request's attribute on
 * Jakarta EE servers, the JAX-RS request context's property in embedded Jersey with
 * {@code jersey-cdi-rs-inject} — so an accepted request costs CDI no instance (about a microsecond
 * a request in Weld). Without a CDI container (plain Jersey) nothing is published and everything
 * else still works; without an active request context {@code @Inject ClientCertificate} stays
 * {@code null} (warned once), the request property {@link ClientCertificate#PROPERTY} still holds
 * the certificate.
 */
public final class CdiBridge {

    private static final System.Logger LOG = System.getLogger("dev.certgate");

    /** No CDI: nothing published. */
    public static final CdiBridge NONE = new CdiBridge(null, null);

    private final CurrentCertificate current; // the holder filled on every accepted request, or null
    private final RequestCertificate request; // where CDI reads the certificate itself, or null
    private volatile boolean warned;

    private CdiBridge(CurrentCertificate current, RequestCertificate request) {
        this.current = current;
        this.request = request;
    }

    /** Looks CDI up once, at deployment. */
    public static CdiBridge lookup() {
        try {
            CDI<Object> cdi = CDI.current();
            RequestCertificate request = RequestCertificate.find(cdi);
            if (request != null) {
                LOG.log(Level.DEBUG, "certgate: @Inject ClientCertificate reads " + request + "; nothing is published");
                return new CdiBridge(null, request);
            }
            Instance<CurrentCertificate> holder = cdi.select(CurrentCertificate.class);
            if (!holder.isResolvable()) {
                return NONE;
            }
            LOG.log(Level.DEBUG, "certgate: @Inject ClientCertificate is a request-scoped holder, filled on every"
                    + " accepted request");
            // a normal-scoped bean's client proxy: one for all requests, each call reaches this request's holder
            return new CdiBridge(holder.get(), null);
        } catch (IllegalStateException | LinkageError e) {
            LOG.log(Level.DEBUG, "certgate: no CDI container; @Inject ClientCertificate is unavailable");
            return NONE;
        }
    }

    /** Where {@code @Inject ClientCertificate} is read from the request itself; {@code null} where it is published. */
    RequestCertificate readsFrom() {
        return request;
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
