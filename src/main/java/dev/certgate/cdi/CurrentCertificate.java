package dev.certgate.cdi;

import dev.certgate.ClientCertificate;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Holds the accepted certificate of the current request for CDI, so resources can
 * {@code @Inject ClientCertificate}. Where CDI has the servlet request (Jakarta EE servers) it
 * reads the request attribute {@link ClientCertificate#PROPERTY} that the JAX-RS guard and the
 * Jakarta Security mechanism set when they accept a certificate; elsewhere (Weld SE, embedded
 * Jersey) they fill it through {@link CdiBridge}. The value is {@code null} on a request neither
 * accepted one for. Applications should inject
 * {@link ClientCertificate}, not this class.
 */
@RequestScoped
public class CurrentCertificate {

    private ClientCertificate certificate;
    // where CDI has the servlet request, the certificate is read from its attribute: nothing was set
    private ServletAttributes attributes;
    private boolean looked;

    /** Called by certgate's adapters when they accept a certificate (where CDI has no servlet request). */
    public void set(ClientCertificate certificate) {
        this.certificate = certificate;
    }

    /** The accepted certificate of this request, {@code null} when no adapter accepted one. */
    @Produces
    @Dependent
    public ClientCertificate certificate() {
        if (certificate != null) {
            return certificate;
        }
        if (!looked) {
            looked = true;
            attributes = ServletAttributes.lookup(CDI.current());
        }
        // read on every injection: a bean created before the guard ran sees null, a later one the certificate
        return attributes == null ? null : attributes.certificate();
    }
}
