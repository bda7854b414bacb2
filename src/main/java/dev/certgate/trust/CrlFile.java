package dev.certgate.trust;

import java.io.ByteArrayInputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CRL;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * One file of {@code certgate.trust.crls} (PEM or DER, one CRL or several) and the CRLs last read
 * from it successfully. Only complete CRLs are accepted (RFC 5280 section 5): a delta CRL, a
 * CRL scoped by an issuing distribution point, an indirect CRL or any unknown critical extension
 * is refused, since treating a partial list as complete would pass certificates it never
 * covered. A CRL whose issuer is a trust anchor must verify with that anchor's key.
 *
 * <p>A new version of the file replaces the old one only when all of it is good and it does not
 * go back in time (each CRL's thisUpdate at least the one it replaces) or change key (it must
 * verify with a key its predecessor verified with). Otherwise the CRLs read before stay in use
 * and the refusal is logged once per version of the file.
 */
final class CrlFile {

    private static final System.Logger LOG = System.getLogger("dev.certgate");
    static final long MAX_FILE_BYTES = 256L << 20;
    private static final String DELTA_CRL_INDICATOR = "2.5.29.27";
    private static final String ISSUING_DISTRIBUTION_POINT = "2.5.29.28";

    private final Path path;
    private final TrustAnchors anchors;
    private List<LoadedCrl> crls;
    private TrustFiles.Stamp stamp;
    private TrustFiles.Stamp refused;
    private boolean unreadableReported;

    private CrlFile(Path path, TrustAnchors anchors, List<LoadedCrl> crls, TrustFiles.Stamp stamp) {
        this.path = path;
        this.anchors = anchors;
        this.crls = crls;
        this.stamp = stamp;
    }

    /**
     * Reads {@code path} at start-up.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    static CrlFile load(Path path, TrustAnchors anchors) {
        TrustFiles.Stamp stamp = TrustFiles.Stamp.of(path);
        return new CrlFile(path, anchors, parse(path, anchors), stamp);
    }

    List<LoadedCrl> crls() {
        return crls;
    }

    /** Reads the file again when it changed; whether the CRLs in use changed. Not thread-safe: one caller at a time. */
    boolean refresh() {
        TrustFiles.Stamp now = TrustFiles.Stamp.of(path);
        if (now == null) {
            if (!unreadableReported) {
                unreadableReported = true;
                LOG.log(Level.WARNING, "certgate: CRL file " + path + " cannot be read any more; the CRLs read from it"
                        + " before stay in use");
            }
            return false;
        }
        unreadableReported = false;
        if (now.equals(stamp) || now.equals(refused)) {
            return false;
        }
        try {
            List<LoadedCrl> fresh = parse(path, anchors);
            checkSuccession(fresh);
            crls = fresh;
            stamp = now;
            refused = null;
            LOG.log(Level.INFO, "certgate: CRL file " + path + " reloaded (" + fresh.size() + " CRL"
                    + (fresh.size() == 1 ? "" : "s") + ")");
            return true;
        } catch (IllegalArgumentException e) {
            refused = now;
            LOG.log(Level.WARNING, "certgate: CRL file " + path + " changed but is not used: " + e.getMessage()
                    + "; the CRLs read from it before stay in use");
            return false;
        }
    }

    private void checkSuccession(List<LoadedCrl> fresh) {
        for (LoadedCrl next : fresh) {
            for (LoadedCrl previous : crls) {
                if (!previous.issuer().equals(next.issuer())) {
                    continue;
                }
                if (next.thisUpdate().isBefore(previous.thisUpdate())) {
                    throw new IllegalArgumentException(next.describe() + " is older (thisUpdate " + next.thisUpdate()
                            + ") than the one in use (" + previous.thisUpdate() + ")");
                }
                List<PublicKey> keys = previous.verifiedKeys();
                if (!keys.isEmpty() && keys.stream().noneMatch(next::verifiesWith)) {
                    throw new IllegalArgumentException(next.describe()
                            + " does not verify with the key that signed the one in use");
                }
            }
        }
    }

    private static List<LoadedCrl> parse(Path path, TrustAnchors anchors) {
        byte[] bytes = TrustFiles.read(path, MAX_FILE_BYTES);
        Collection<? extends CRL> parsed;
        try {
            parsed = CertificateFactory.getInstance("X.509").generateCRLs(new ByteArrayInputStream(bytes));
        } catch (CRLException | CertificateException | RuntimeException e) {
            throw new IllegalArgumentException(path + " is not a CRL file (PEM or DER): " + e.getMessage(), e);
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException(path + " holds no CRL");
        }
        List<LoadedCrl> out = new ArrayList<>();
        for (CRL crl : parsed) {
            out.add(check(new LoadedCrl((X509CRL) crl, path), anchors));
        }
        return List.copyOf(out);
    }

    private static LoadedCrl check(LoadedCrl loaded, TrustAnchors anchors) {
        X509CRL crl = loaded.crl();
        Set<String> critical = crl.getCriticalExtensionOIDs() == null ? Set.of() : crl.getCriticalExtensionOIDs();
        if (critical.contains(DELTA_CRL_INDICATOR) || crl.getNonCriticalExtensionOIDs() != null
                && crl.getNonCriticalExtensionOIDs().contains(DELTA_CRL_INDICATOR)) {
            throw new IllegalArgumentException(loaded.describe() + " is a delta CRL; give complete CRLs");
        }
        if (crl.getExtensionValue(ISSUING_DISTRIBUTION_POINT) != null) {
            throw new IllegalArgumentException(loaded.describe() + " is scoped by an issuing distribution point"
                    + " (partitioned or indirect); give complete CRLs");
        }
        if (!critical.isEmpty()) {
            throw new IllegalArgumentException(loaded.describe() + " has unsupported critical extensions " + critical);
        }
        if (crl.getNextUpdate() != null && crl.getNextUpdate().before(crl.getThisUpdate())) {
            throw new IllegalArgumentException(loaded.describe() + " has its nextUpdate before its thisUpdate");
        }
        Set<? extends X509CRLEntry> entries = crl.getRevokedCertificates();
        if (entries != null) {
            for (X509CRLEntry entry : entries) {
                if (entry.hasUnsupportedCriticalExtension() || entry.getCertificateIssuer() != null) {
                    throw new IllegalArgumentException(loaded.describe() + " has an entry (serial "
                            + entry.getSerialNumber().toString(16) + ") naming another issuer or with an unsupported"
                            + " critical extension");
                }
            }
        }
        List<X509Certificate> issuers = anchors.named(loaded.issuer());
        if (!issuers.isEmpty() && issuers.stream().noneMatch(a -> loaded.verifiesWith(a.getPublicKey()))) {
            throw new IllegalArgumentException(loaded.describe() + " is not signed by the trust anchor of that name");
        }
        return loaded;
    }
}
