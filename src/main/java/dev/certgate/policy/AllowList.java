package dev.certgate.policy;

import dev.certgate.ClientCertificate;
import dev.certgate.RefusalReason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The four allow-lists of a policy or a role, compiled once: subject CNs, issuer CNs, SHA-256
 * fingerprints and SANs. Every list that is set must match; within a list one entry is enough.
 * A list that is not set does not restrict. A list that is set but empty is refused at build
 * time: it could only mean "nobody", which is better said by not guarding nothing.
 *
 * <p>Exact entries are hash lookups, so the cost does not grow with the list; fingerprints are
 * compared by {@code MessageDigest.isEqual} alone ({@link FingerprintSet}).
 */
public final class AllowList {

    /** Restricts nothing. */
    public static final AllowList ANY = new Builder().build();

    private final Set<String> subjectCns;
    private final Set<String> issuerCns;
    private final FingerprintSet fingerprints;
    private final SanMatcher sans;

    private AllowList(Builder b) {
        this.subjectCns = b.subjectCns == null ? null : Set.copyOf(b.subjectCns);
        this.issuerCns = b.issuerCns == null ? null : Set.copyOf(b.issuerCns);
        this.fingerprints = b.fingerprints == null ? null : new FingerprintSet(b.fingerprints);
        this.sans = b.sans == null ? null : new SanMatcher(b.sans);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether no list is set. */
    public boolean isEmpty() {
        return subjectCns == null && issuerCns == null && fingerprints == null && sans == null;
    }

    /** Whether every set list matches {@code certificate}. */
    public boolean matches(ClientCertificate certificate) {
        return firstMismatch(certificate).isEmpty();
    }

    /** The first list that does not match, as the refusal reason it stands for. */
    public Optional<RefusalReason> firstMismatch(ClientCertificate certificate) {
        if (subjectCns != null && (certificate.subjectCN() == null || !subjectCns.contains(certificate.subjectCN()))) {
            return Optional.of(RefusalReason.SUBJECT_CN_NOT_ALLOWED);
        }
        if (issuerCns != null && (certificate.issuerCN() == null || !issuerCns.contains(certificate.issuerCN()))) {
            return Optional.of(RefusalReason.ISSUER_CN_NOT_ALLOWED);
        }
        if (fingerprints != null && !fingerprintAllowed(certificate.fingerprint256())) {
            return Optional.of(RefusalReason.FINGERPRINT_NOT_ALLOWED);
        }
        if (sans != null && !sans.anyMatches(certificate.subjectAltNames())) {
            return Optional.of(RefusalReason.SAN_NOT_ALLOWED);
        }
        return Optional.empty();
    }

    private boolean fingerprintAllowed(String fingerprint) {
        if (fingerprint == null || fingerprint.length() != 64) {
            return false;
        }
        // compared with MessageDigest.isEqual only: the cost neither grows with the list nor
        // depends on where the bytes differ
        return fingerprints.contains(fingerprint.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (subjectCns != null) parts.add("subject-cns=" + subjectCns);
        if (issuerCns != null) parts.add("issuer-cns=" + issuerCns);
        if (fingerprints != null) parts.add("fingerprints=" + fingerprints.size());
        if (sans != null) parts.add("sans=" + sans);
        return "AllowList" + parts;
    }

    /** Builds an allow-list; each setter parses and validates its entries. */
    public static final class Builder {
        private Set<String> subjectCns;
        private Set<String> issuerCns;
        private Set<String> fingerprints;
        private List<SanPattern> sans;

        private Builder() {
        }

        public Builder subjectCns(Collection<String> cns) {
            this.subjectCns = exactEntries(cns, "subject-cns");
            return this;
        }

        public Builder issuerCns(Collection<String> cns) {
            this.issuerCns = exactEntries(cns, "issuer-cns");
            return this;
        }

        /** @throws IllegalArgumentException when an entry is not a SHA-256 fingerprint */
        public Builder fingerprints(Collection<String> entries) {
            requireEntries(entries, "fingerprints");
            Set<String> out = new HashSet<>();
            for (String e : entries) {
                out.add(Fingerprints.canonical(e));
            }
            this.fingerprints = out;
            return this;
        }

        /** @throws IllegalArgumentException when an entry is not a valid SAN pattern */
        public Builder sans(Collection<String> entries) {
            requireEntries(entries, "sans");
            this.sans = entries.stream().map(SanPattern::parse).toList();
            return this;
        }

        public AllowList build() {
            return new AllowList(this);
        }

        private static Set<String> exactEntries(Collection<String> entries, String list) {
            requireEntries(entries, list);
            Set<String> out = new HashSet<>();
            for (String e : entries) {
                String trimmed = e == null ? "" : e.trim();
                if (trimmed.isEmpty()) {
                    throw new IllegalArgumentException("an entry of " + list + " is empty");
                }
                out.add(trimmed);
            }
            return out;
        }

        private static void requireEntries(Collection<String> entries, String list) {
            if (entries == null || entries.isEmpty()) {
                throw new IllegalArgumentException(list + " is set but empty, which would refuse every certificate; leave it unset or list at least one entry");
            }
        }
    }
}
