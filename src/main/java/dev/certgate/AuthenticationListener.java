package dev.certgate;

/**
 * Receives one {@link CertificateAuthenticationEvent} per decision {@link CertificateAuthenticator}
 * makes, on the thread that made it, after the audit log line is written. Adapters use it to pass
 * events on (the JAX-RS adapter fires them as CDI events). A listener should return quickly; if
 * it throws, the exception is logged and the decision stands.
 */
@FunctionalInterface
public interface AuthenticationListener {

    /** Listens to nothing. */
    AuthenticationListener NONE = event -> { };

    void onDecision(CertificateAuthenticationEvent event);
}
