package dev.certgate.policy;

import dev.certgate.ClientCertificate;

/**
 * A custom rule run after every configured rule of a policy has passed; {@code false} refuses
 * the certificate (403, reason {@code custom-check}).
 *
 * <p>In a CDI application, implement it as a bean (for example {@code @ApplicationScoped}); the
 * JAX-RS adapter finds every such bean at start-up and runs them all, in no defined order, for
 * every guarded request. Without CDI, pass checks to {@link CertificatePolicy#withChecks}.
 * A check that throws refuses too: it never turns into a 500.
 */
@FunctionalInterface
public interface CertificateCheck {

    /**
     * @param certificate the certificate that passed the policy's configured rules
     * @param policy      the policy's name; {@code ""} for the default policy
     * @return whether to accept the certificate
     */
    boolean test(ClientCertificate certificate, String policy);
}
