package dev.certgate;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.security.auth.x500.X500Principal;

/**
 * The RFC 2253 form and common name of the issuers normalized lately. A deployment sees few
 * issuing CAs and every certificate repeats one of them, so rendering its DN once per CA instead
 * of once per certificate takes a tenth off a new caller's normalization. Keyed by the DN's DER
 * encoding, of which both strings are a pure function; a fixed table of {@value #SLOTS} slots
 * (a slot per encoding hash, replaced on collision), lock-free, as slots hold immutable values.
 */
final class IssuerNames {

    static final int SLOTS = 64;

    /** An issuer's DER and what it renders to. */
    record Rendered(byte[] encoded, String dn, String cn) {
    }

    private final AtomicReferenceArray<Rendered> slots = new AtomicReferenceArray<>(SLOTS);

    Rendered of(X500Principal issuer) {
        byte[] encoded = issuer.getEncoded();
        int slot = (Arrays.hashCode(encoded) * 0x9E3779B9 >>> 16) & (SLOTS - 1);
        Rendered known = slots.get(slot);
        if (known != null && Arrays.equals(known.encoded(), encoded)) {
            return known;
        }
        String dn = DistinguishedNames.rfc2253(issuer);
        Rendered rendered = new Rendered(encoded, dn, DistinguishedNames.commonNameOfRendered(dn));
        slots.set(slot, rendered);
        return rendered;
    }
}
