package dev.certgate;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last acceptances of the certificates a source's cache hands out again and again: for one
 * {@link dev.certgate.identity.IdentityMapper} the caller (name and roles) is a function of the
 * certificate alone, so a repeated caller's {@link Decision.Accepted} can be the same value as
 * last time. Only the mapping is remembered; the policy is evaluated on every request before this
 * is asked. Keyed by identity in a fixed table (a slot per identity hash), so it holds at most
 * {@value #SLOTS} decisions; lock-free, as slots hold immutable values.
 */
final class AcceptedMemo {

    static final int SLOTS = 512;

    private final AtomicReferenceArray<Decision.Accepted> slots = new AtomicReferenceArray<>(SLOTS);

    /** The acceptance remembered for this very certificate object, or {@code null}. */
    Decision.Accepted get(ClientCertificate certificate) {
        Decision.Accepted accepted = slots.get(slot(certificate));
        return accepted != null && accepted.certificate() == certificate ? accepted : null;
    }

    void put(Decision.Accepted accepted) {
        slots.set(slot(accepted.certificate()), accepted);
    }

    private static int slot(ClientCertificate certificate) {
        return System.identityHashCode(certificate) & (SLOTS - 1);
    }
}
