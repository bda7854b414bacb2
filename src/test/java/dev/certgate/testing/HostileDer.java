package dev.certgate.testing;

/** DER that attacks parsers rather than describing a certificate. */
public final class HostileDer {

    private HostileDer() {
    }

    /**
     * {@code depth} indefinite-length SEQUENCEs inside each other, then their end-of-contents
     * octets: 4 bytes a level, so 4,000 levels are 16 KB (21 KB as base64, under the default
     * {@code certgate.max-header-bytes}).
     */
    public static byte[] nestedIndefiniteLength(int depth) {
        byte[] der = new byte[depth * 4];
        for (int i = 0; i < depth; i++) {
            der[2 * i] = 0x30;
            der[2 * i + 1] = (byte) 0x80;
        }
        return der; // the second half is already the 0x00 0x00 end-of-contents octets
    }
}
