package dev.certgate.trust;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import javax.security.auth.x500.X500Principal;

/**
 * The CRLs of {@code certgate.trust.crls}, indexed by issuer, answering for one certificate of a
 * validated path at a time (RFC 5280 section 6.3, for complete CRLs): the CRL must come from the
 * certificate's issuer, verify with the key of the path's issuing certificate, which must be
 * allowed to sign CRLs, and must not be past its nextUpdate ({@link StaleCrl}).
 *
 * <p>The files are looked at again at most once per {@code refresh}, by whichever request comes
 * first after it (the others go on with the CRLs in hand): a file whose size, modification time
 * or identity changed is read again ({@link CrlFile#refresh()}).
 */
final class RevocationLists {

    private static final System.Logger LOG = System.getLogger("dev.certgate");
    private static final int CRL_SIGN = 6;

    /** What the CRLs say about one certificate. */
    enum Status {
        /** No CRL of its issuer is configured. */
        NOT_COVERED,
        /** Its issuer's CRL does not list it. */
        GOOD,
        /** Its issuer's CRL lists it. */
        REVOKED,
        /** Its issuer's CRL is configured but cannot answer: wrong key, stale, issuer may not sign CRLs. */
        UNUSABLE
    }

    /** A status, and for the log what it rests on. */
    record Answer(Status status, String detail) {
    }

    private final List<CrlFile> files;
    private final long refreshMillis;
    private final StaleCrl whenStale;
    private final ReentrantLock refreshing = new ReentrantLock();
    private final AtomicReference<Instant> nextCheck;
    private volatile Map<X500Principal, List<LoadedCrl>> byIssuer;

    private RevocationLists(List<CrlFile> files, Duration refresh, StaleCrl whenStale) {
        this.files = files;
        this.refreshMillis = refresh.toMillis();
        this.whenStale = whenStale;
        this.nextCheck = new AtomicReference<>(Instant.MIN); // the first request looks: start-up may have taken a while
        this.byIssuer = index(files);
    }

    /**
     * Reads every file at start-up.
     *
     * @throws IllegalArgumentException naming the first file that is missing, unreadable, not a
     *                                  complete CRL, or not signed by the anchor it names as issuer
     */
    static RevocationLists load(List<Path> paths, TrustAnchors anchors, Duration refresh, StaleCrl whenStale,
                                Instant now) {
        List<CrlFile> files = new ArrayList<>();
        for (Path path : paths) {
            CrlFile file = CrlFile.load(path, anchors);
            for (LoadedCrl crl : file.crls()) {
                if (crl.staleAt(now)) {
                    LOG.log(Level.WARNING, "certgate: " + crl.describe() + " is past its nextUpdate ("
                            + crl.crl().getNextUpdate().toInstant() + ") already at start-up");
                }
            }
            files.add(file);
        }
        return new RevocationLists(List.copyOf(files), refresh, whenStale);
    }

    /** What the CRLs say about {@code certificate}, which {@code issuer} signed, at {@code now}. */
    Answer status(X509Certificate certificate, X509Certificate issuer, Instant now) {
        refreshIfDue(now);
        List<LoadedCrl> candidates = byIssuer.get(certificate.getIssuerX500Principal());
        if (candidates == null) {
            return new Answer(Status.NOT_COVERED, "");
        }
        String name = certificate.getIssuerX500Principal().getName();
        boolean[] usage = issuer.getKeyUsage();
        if (usage != null && (usage.length <= CRL_SIGN || !usage[CRL_SIGN])) {
            return new Answer(Status.UNUSABLE, "the CA " + name + " may not sign CRLs (no cRLSign key usage)");
        }
        LoadedCrl newest = null;
        for (LoadedCrl crl : candidates) {
            boolean newer = newest == null || crl.thisUpdate().isAfter(newest.thisUpdate());
            if (newer && crl.verifiesWith(issuer.getPublicKey())) {
                newest = crl;
            }
        }
        if (newest == null) {
            return new Answer(Status.UNUSABLE, "no CRL of " + name + " verifies with the issuing CA's key");
        }
        if (newest.staleAt(now)) {
            String stale = newest.describe() + " is past its nextUpdate " + newest.crl().getNextUpdate().toInstant();
            if (whenStale == StaleCrl.REFUSE) {
                return new Answer(Status.UNUSABLE, stale);
            }
            if (newest.firstStaleReport()) {
                LOG.log(Level.WARNING, "certgate: " + stale + "; still used (certgate.trust.crls.when-stale=warn)");
            }
        }
        X509CRLEntry entry = newest.crl().getRevokedCertificate(certificate);
        if (entry != null) {
            return new Answer(Status.REVOKED, "serial " + certificate.getSerialNumber().toString(16) + " is listed in "
                    + newest.describe() + " (revoked " + entry.getRevocationDate().toInstant()
                    + (entry.getRevocationReason() == null ? "" : ", " + entry.getRevocationReason()) + ")");
        }
        return new Answer(Status.GOOD, "");
    }

    /** Looks at the files again once {@code refresh} has passed: one caller does, the others go on. */
    void refreshIfDue(Instant now) {
        Instant due = nextCheck.get();
        if (now.isBefore(due) || !refreshing.tryLock()) {
            return;
        }
        try {
            if (!nextCheck.compareAndSet(due, now.plusMillis(refreshMillis))) {
                return;
            }
            boolean changed = false;
            for (CrlFile file : files) {
                changed |= file.refresh();
            }
            if (changed) {
                byIssuer = index(files);
            }
        } finally {
            refreshing.unlock();
        }
    }

    private static Map<X500Principal, List<LoadedCrl>> index(List<CrlFile> files) {
        Map<X500Principal, List<LoadedCrl>> index = new HashMap<>();
        for (CrlFile file : files) {
            for (LoadedCrl crl : file.crls()) {
                index.computeIfAbsent(crl.issuer(), k -> new ArrayList<>()).add(crl);
            }
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(index);
    }
}
