package dev.certgate.demo.testbeans;

import dev.certgate.ClientCertificate;
import dev.certgate.policy.CertificateCheck;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A custom check as applications write them: a CDI bean, found by the JAX-RS adapter at start-up
 * and run after every configured rule. Test-only; it refuses the subject CN {@value #VETOED}.
 */
@ApplicationScoped
public class VetoedClientCheck implements CertificateCheck {

    public static final String VETOED = "svc-vetoed";

    @Override
    public boolean test(ClientCertificate certificate, String policy) {
        return !VETOED.equals(certificate.subjectCN());
    }
}
