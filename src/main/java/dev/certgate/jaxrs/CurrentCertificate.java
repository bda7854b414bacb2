package dev.certgate.jaxrs;

import dev.certgate.ClientCertificate;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Holds the accepted certificate of the current request for CDI, so resources can
 * {@code @Inject ClientCertificate}. The filter fills it; the value is {@code null} on a request
 * no guard ran for. Applications should inject {@link ClientCertificate}, not this class.
 */
@RequestScoped
public class CurrentCertificate {

    private ClientCertificate certificate;

    /** Called by certgate's filter when it accepts a certificate. */
    public void set(ClientCertificate certificate) {
        this.certificate = certificate;
    }

    /** The accepted certificate of this request, {@code null} when no guard accepted one. */
    @Produces
    @Dependent
    public ClientCertificate certificate() {
        return certificate;
    }
}
