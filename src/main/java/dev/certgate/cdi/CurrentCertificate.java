package dev.certgate.cdi;

import dev.certgate.ClientCertificate;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Holds the accepted certificate of the current request for CDI, so resources can
 * {@code @Inject ClientCertificate}. Where CDI has the request itself ({@code RequestCertificate}:
 * the servlet request on Jakarta EE servers, the JAX-RS request context in embedded Jersey with
 * {@code jersey-cdi-rs-inject}) it reads the request property {@link ClientCertificate#PROPERTY}
 * that the JAX-RS guard and the Jakarta Security mechanism set when they accept a certificate;
 * elsewhere (Weld SE and Jersey without that module) they fill it through {@link CdiBridge}. The
 * value is {@code null} on a request neither accepted one for. Applications should inject
 * {@link ClientCertificate}, not this class.
 */
@RequestScoped
public class CurrentCertificate {

    private ClientCertificate certificate;
    // where CDI has the request itself, the certificate is read from its property: nothing was set
    private RequestCertificate request;
    private boolean looked;

    /** Called by certgate's adapters when they accept a certificate (where CDI has no request of its own). */
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
            request = RequestCertificate.find(CDI.current());
        }
        // read on every injection: a bean created before the guard ran sees null, a later one the certificate
        return request == null ? null : request.certificate();
    }
}
