package dev.certgate.policy;

import dev.certgate.ClientCertificate;
import dev.certgate.RefusalReason;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The rules a certificate must satisfy, in the order they are applied: verified by the TLS
 * terminator ({@code require-verified}), usable for TLS client authentication when the
 * certificate itself is known ({@link ClientAuthUsage}), inside its validity
 * ({@code check-validity}), every set allow-list, then each custom {@link CertificateCheck}.
 * Immutable; built once at start-up.
 *
 * @param name            {@code ""} for the default policy, else the name in {@code certgate.policy.NAME}
 * @param requireVerified refuse certificates the TLS terminator did not verify
 * @param checkValidity   refuse certificates outside [notBefore, notAfter] when those are known
 * @param allow           the allow-lists
 * @param checks          custom checks, run last
 */
public record CertificatePolicy(String name, boolean requireVerified, boolean checkValidity, AllowList allow,
                                List<CertificateCheck> checks) {

    private static final System.Logger LOG = System.getLogger("dev.certgate");
    /**
     * Whether a custom check's failure was logged in full already. Keyed by the check's class (not
     * global: each application's classes are its own), and gone with it.
     */
    private static final ClassValue<AtomicBoolean> FAILURE_LOGGED = new ClassValue<>() {
        @Override
        protected AtomicBoolean computeValue(Class<?> type) {
            return new AtomicBoolean();
        }
    };

    /** The default policy of an empty configuration: any verified certificate within its validity. */
    public static final CertificatePolicy DEFAULT = new CertificatePolicy("", true, true, AllowList.ANY, List.of());

    public CertificatePolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(allow, "allow");
        checks = List.copyOf(checks);
    }

    /** This policy with {@code additional} custom checks appended. */
    public CertificatePolicy withChecks(List<? extends CertificateCheck> additional) {
        if (additional.isEmpty()) {
            return this;
        }
        List<CertificateCheck> all = new java.util.ArrayList<>(checks);
        all.addAll(additional);
        return new CertificatePolicy(name, requireVerified, checkValidity, allow, all);
    }

    /**
     * Applies the rules to {@code certificate} at {@code now}.
     *
     * @return empty when accepted, else the first rule that refused
     */
    public Optional<RefusalReason> evaluate(ClientCertificate certificate, Instant now) {
        return refusal(certificate, now).map(Refusal::reason);
    }

    /**
     * As {@link #evaluate}, with a detail for the server log: which custom check refused, and
     * whether it answered {@code false} or threw.
     *
     * @return empty when accepted, else the first rule that refused
     */
    public Optional<Refusal> refusal(ClientCertificate certificate, Instant now) {
        if (requireVerified && !certificate.verified()) {
            return Refusal.of(RefusalReason.UNVERIFIED);
        }
        if (certificate.certificate() != null && !ClientAuthUsage.permits(certificate.certificate())) {
            return Refusal.of(RefusalReason.NOT_FOR_CLIENT_AUTH);
        }
        if (checkValidity) {
            if (certificate.notAfter() != null && now.isAfter(certificate.notAfter())) {
                return Refusal.of(RefusalReason.EXPIRED);
            }
            if (certificate.notBefore() != null && now.isBefore(certificate.notBefore())) {
                return Refusal.of(RefusalReason.NOT_YET_VALID);
            }
        }
        Optional<RefusalReason> mismatch = allow.firstMismatch(certificate);
        if (mismatch.isPresent()) {
            return Refusal.of(mismatch.get());
        }
        for (int i = 0; i < checks.size(); i++) { // by index: no iterator for the usual empty list
            Optional<Refusal> refused = run(checks.get(i), certificate);
            if (refused.isPresent()) {
                return refused;
            }
        }
        return Optional.empty();
    }

    /**
     * Runs one custom check. One that throws refuses, and its failure is logged apart from the
     * audit line (which says {@code custom-check} and names the exception): with its stack trace
     * at {@code WARNING} the first time for each check class, then at {@code DEBUG}, so a broken
     * check cannot add a stack trace to every request.
     */
    private Optional<Refusal> run(CertificateCheck check, ClientCertificate certificate) {
        String type = check.getClass().getName();
        try {
            return check.test(certificate, name) ? Optional.empty()
                    : Optional.of(new Refusal(RefusalReason.CUSTOM_CHECK, type + " answered false"));
        } catch (Exception e) { // not only RuntimeException: a check may throw a checked exception sneakily
            boolean first = FAILURE_LOGGED.get(check.getClass()).compareAndSet(false, true);
            LOG.log(first ? Level.WARNING : Level.DEBUG, "certgate: custom check " + type
                    + " threw; the certificate is refused" + (first ? " (logged in full once per check class,"
                    + " then at DEBUG; every refusal is in the audit log as custom-check)" : ""), e);
            return Optional.of(new Refusal(RefusalReason.CUSTOM_CHECK, type + " threw " + e));
        }
    }

    /**
     * Why the policy refused a certificate.
     *
     * @param reason the stable code
     * @param detail for the server log only (which custom check, and how); {@code ""} when the reason says it all
     */
    public record Refusal(RefusalReason reason, String detail) {
        public Refusal {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        static Optional<Refusal> of(RefusalReason reason) {
            return Optional.of(new Refusal(reason, ""));
        }
    }
}
