package dev.certgate;

/**
 * A position in DER (X.690 section 10) with definite lengths of up to three octets, as the JDK
 * holds a certificate's parts: one object walks a whole structure by positions, so reading an
 * element allocates nothing. Every misstep is an {@link IllegalArgumentException}, which callers
 * take for "cannot be walked" and fall back on the JDK's own reading.
 */
final class DerCursor {

    private final byte[] bytes;
    int at;

    DerCursor(byte[] bytes, int at) {
        this.bytes = bytes;
        this.at = at;
    }

    /** The tag of the next element, which must start before {@code end}. */
    int tag(int end) {
        if (at >= end) {
            throw new IllegalArgumentException("no element at " + at);
        }
        return bytes[at] & 0xff;
    }

    /**
     * Moves into the next element, which must have {@code tag} and end by {@code end}: to its
     * content's start.
     *
     * @return where its content ends
     */
    int enter(int tag, int end) {
        if (tag(end) != tag || at + 2 > end) {
            throw new IllegalArgumentException("unexpected element at " + at);
        }
        int p = at + 1;
        int length = bytes[p++] & 0xff;
        if (length >= 0x80) {
            int octets = length & 0x7f;
            if (octets == 0 || octets > 3 || p + octets > end) {
                throw new IllegalArgumentException("unsupported length at " + at);
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = length << 8 | bytes[p++] & 0xff;
            }
        }
        if (length > end - p) {
            throw new IllegalArgumentException("element at " + at + " overruns its parent");
        }
        at = p;
        return p + length;
    }

    /** Moves past the next element, which must have {@code tag} and end by {@code end}. */
    void skip(int tag, int end) {
        at = enter(tag, end);
    }
}
