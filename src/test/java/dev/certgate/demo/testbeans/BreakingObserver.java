package dev.certgate.demo.testbeans;

import dev.certgate.CertificateAuthenticationEvent;
import dev.certgate.ClientCertificate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

/**
 * Observers with a bug, synchronous and asynchronous: they throw for every event about a
 * certificate whose subject CN is {@value #BREAKER}, and ignore all others, so only the test that
 * mints such a certificate meets them.
 */
@ApplicationScoped
public class BreakingObserver {

    public static final String BREAKER = "observer-breaker";

    void breakSync(@Observes CertificateAuthenticationEvent event) {
        if (aboutBreaker(event)) {
            throw new IllegalStateException("sync observer bug");
        }
    }

    void breakAsync(@ObservesAsync CertificateAuthenticationEvent event) {
        if (aboutBreaker(event)) {
            throw new IllegalStateException("async observer bug");
        }
    }

    private static boolean aboutBreaker(CertificateAuthenticationEvent event) {
        return event.certificate().map(ClientCertificate::subjectCN).filter(BREAKER::equals).isPresent();
    }
}
