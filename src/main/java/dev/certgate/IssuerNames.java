package dev.certgate;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
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
        return of(encoded, 0, encoded.length, () -> issuer);
    }

    /**
     * As {@link #of(X500Principal)}, for the issuer Name encoded in {@code der[from, to)}: a known
     * issuer costs a hash and a compare of those bytes, and asks nothing of the certificate.
     */
    Rendered of(byte[] der, int from, int to, Supplier<X500Principal> issuer) {
        int hash = 1;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + der[i];
        }
        int slot = (hash * 0x9E3779B9 >>> 16) & (SLOTS - 1);
        Rendered known = slots.get(slot);
        if (known != null && Arrays.equals(known.encoded(), 0, known.encoded().length, der, from, to)) {
            return known;
        }
        String dn = DistinguishedNames.rfc2253(issuer.get(), der, from, to);
        Rendered rendered = new Rendered(Arrays.copyOfRange(der, from, to), dn, DistinguishedNames.commonNameOfRendered(dn));
        slots.set(slot, rendered);
        return rendered;
    }
}
