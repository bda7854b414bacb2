package dev.certgate.cdi;

import dev.certgate.ClientCertificate;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Where CDI can read an accepted certificate from the current request itself, so that
 * {@code @Inject ClientCertificate} needs nothing published: the request property
 * {@link ClientCertificate#PROPERTY} the JAX-RS guard and the Jakarta Security mechanism set is
 * read when a bean asks, and an accepted request creates no CDI instance of certgate's.
 */
interface RequestCertificate {

    /** The current request's accepted certificate; {@code null} when none was accepted or there is no such request. */
    ClientCertificate certificate();

    /**
     * The first place this CDI container offers: the servlet request (Jakarta EE servers,
     * {@link ServletAttributes}), then the JAX-RS request context (embedded Jersey with
     * {@code jersey-cdi-rs-inject}, {@link JaxrsRequestProperties}); {@code null} when it offers
     * neither, and the guard fills the request-scoped holder.
     */
    static RequestCertificate find(CDI<Object> cdi) {
        RequestCertificate servlet = ServletAttributes.lookup(cdi);
        return servlet != null ? servlet : JaxrsRequestProperties.lookup(cdi);
    }
}
