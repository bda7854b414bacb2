package dev.certgate.policy;

import dev.certgate.ClientCertificate;
import dev.certgate.RefusalReason;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
        if (requireVerified && !certificate.verified()) {
            return Optional.of(RefusalReason.UNVERIFIED);
        }
        if (certificate.certificate() != null && !ClientAuthUsage.permits(certificate.certificate())) {
            return Optional.of(RefusalReason.NOT_FOR_CLIENT_AUTH);
        }
        if (checkValidity) {
            if (certificate.notAfter() != null && now.isAfter(certificate.notAfter())) {
                return Optional.of(RefusalReason.EXPIRED);
            }
            if (certificate.notBefore() != null && now.isBefore(certificate.notBefore())) {
                return Optional.of(RefusalReason.NOT_YET_VALID);
            }
        }
        Optional<RefusalReason> mismatch = allow.firstMismatch(certificate);
        if (mismatch.isPresent()) {
            return mismatch;
        }
        for (CertificateCheck check : checks) {
            if (!passes(check, certificate)) {
                return Optional.of(RefusalReason.CUSTOM_CHECK);
            }
        }
        return Optional.empty();
    }

    private boolean passes(CertificateCheck check, ClientCertificate certificate) {
        try {
            return check.test(certificate, name);
        } catch (Exception e) { // not only RuntimeException: a check may throw a checked exception sneakily
            LOG.log(Level.WARNING, "certgate: custom check " + check.getClass().getName()
                    + " failed; the certificate is refused", e);
            return false;
        }
    }
}
