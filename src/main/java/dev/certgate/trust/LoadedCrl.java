package dev.certgate.trust;

import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.security.auth.x500.X500Principal;

/**
 * One CRL read from one file, with what has been learned about it: which issuer keys its
 * signature verifies with (each key is tried once), and whether its staleness was reported.
 */
final class LoadedCrl {

    private final X509CRL crl;
    private final Path file;
    private final Map<PublicKey, Boolean> verifies = new ConcurrentHashMap<>();
    private final AtomicBoolean staleReported = new AtomicBoolean();

    LoadedCrl(X509CRL crl, Path file) {
        this.crl = crl;
        this.file = file;
    }

    X509CRL crl() {
        return crl;
    }

    X500Principal issuer() {
        return crl.getIssuerX500Principal();
    }

    Instant thisUpdate() {
        return crl.getThisUpdate().toInstant();
    }

    /** Whether {@code now} is past the CRL's nextUpdate (a CRL without one never is). */
    boolean staleAt(Instant now) {
        return crl.getNextUpdate() != null && now.isAfter(crl.getNextUpdate().toInstant());
    }

    /** True the first time only: report staleness once per CRL, not once per request. */
    boolean firstStaleReport() {
        return staleReported.compareAndSet(false, true);
    }

    /** Whether the CRL's signature verifies with {@code key}; computed once per key. */
    boolean verifiesWith(PublicKey key) {
        return verifies.computeIfAbsent(key, k -> {
            try {
                crl.verify(k);
                return true;
            } catch (java.security.GeneralSecurityException | RuntimeException e) {
                return false;
            }
        });
    }

    /** The keys this CRL is known to verify with. */
    java.util.List<PublicKey> verifiedKeys() {
        return verifies.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
    }

    /** {@code "the CRL of CN=x (file)"}, for messages. */
    String describe() {
        return "the CRL of " + issuer().getName() + " (" + file + ")";
    }
}
