package dev.certgate.cdi;

import dev.certgate.ClientCertificate;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Holds the accepted certificate of the current request for CDI, so resources can
 * {@code @Inject ClientCertificate}. certgate's adapters fill it through {@link CdiBridge}: the
 * JAX-RS guard and the Jakarta Security mechanism, each when it accepts a certificate; the value is
 * {@code null} on a request neither accepted one for. Applications should inject
 * {@link ClientCertificate}, not this class.
 */
@RequestScoped
public class CurrentCertificate {

    private ClientCertificate certificate;

    /** Called by certgate's adapters when they accept a certificate. */
    public void set(ClientCertificate certificate) {
        this.certificate = certificate;
    }

    /** The accepted certificate of this request, {@code null} when no adapter accepted one. */
    @Produces
    @Dependent
    public ClientCertificate certificate() {
        return certificate;
    }
}
