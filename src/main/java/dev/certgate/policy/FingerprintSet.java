package dev.certgate.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;

/**
 * The SHA-256 fingerprints of an allow-list (canonical: 64 uppercase hex digits), whose membership
 * test compares content only with {@link MessageDigest#isEqual}, over all 64 bytes.
 *
 * <p>An open-addressing table keyed by each entry's {@link String#hashCode}: a lookup computes the
 * candidate's hash (the same work for every 64-digit string) and compares the candidate in
 * constant time with every entry of the one run of slots it lands in, to the end of the run whether
 * or not one matched (an entry counts only when its hash is equal too). A {@code HashMap<String, ...>} would decide by
 * {@link String#equals}, which returns at the first differing byte, whenever two hashes are equal.
 * The table is at most half full, so a run stays short and the cost does not grow with the list.
 */
final class FingerprintSet {

    private final int[] hashes;
    private final byte[][] entries;
    private final int mask;
    private final int size;

    /** @param canonical distinct canonical fingerprints ({@link Fingerprints#canonical}) */
    FingerprintSet(Collection<String> canonical) {
        int capacity = Integer.highestOneBit(Math.max(1, canonical.size()) * 4 - 1); // a power of two, at least twice the size
        this.hashes = new int[capacity];
        this.entries = new byte[capacity][];
        this.mask = capacity - 1;
        int added = 0;
        for (String fingerprint : canonical) {
            int hash = fingerprint.hashCode();
            byte[] bytes = fingerprint.getBytes(StandardCharsets.US_ASCII);
            int i = spread(hash) & mask;
            boolean duplicate = false;
            for (; entries[i] != null; i = (i + 1) & mask) {
                duplicate |= hashes[i] == hash && MessageDigest.isEqual(entries[i], bytes);
            }
            if (!duplicate) {
                hashes[i] = hash;
                entries[i] = bytes;
                added++;
            }
        }
        this.size = added;
    }

    /** Whether {@code canonical} (64 uppercase hex digits) is in the set. */
    boolean contains(String canonical) {
        int hash = canonical.hashCode();
        byte[] candidate = canonical.getBytes(StandardCharsets.US_ASCII);
        boolean found = false;
        for (int i = spread(hash) & mask; entries[i] != null; i = (i + 1) & mask) {
            // no early return: the time does not say where in the run, or whether, one matched
            found |= hashes[i] == hash & MessageDigest.isEqual(entries[i], candidate);
        }
        return found;
    }

    int size() {
        return size;
    }

    /** The high bits folded into the low ones, which pick the slot (as {@code HashMap} does). */
    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
