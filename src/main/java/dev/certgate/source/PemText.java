package dev.certgate.source;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * {@code CERTIFICATE} blocks of PEM text (RFC 7468 §2: a BEGIN line, base64 with line breaks or
 * spaces, an END line; blocks may follow each other) read straight from a header's characters,
 * optionally percent-encoded (RFC 3986 §2.1; nginx's {@code $ssl_client_escaped_cert}, Envoy's
 * {@code Cert} and {@code Chain}). One pass: the BEGIN and END lines are matched character by
 * character, percent-decoded as they go; a block's base64 is gathered in runs, each copied whole up
 * to the next {@code %}, {@code -} or whitespace character (found by {@link String#indexOf(int, int)},
 * which the JDK vectorizes), with no per-character work and no decoded copy of the text. The base64
 * itself is then decoded by {@link Base64#getDecoder()} (which rejects anything outside its
 * alphabet), the DER parsed by the JDK.
 *
 * <p>Strict, and malformed for: a {@code %} not followed by two hex digits; a character beyond
 * ASCII, raw (it is never PEM) or in a block; leading whitespace where {@code leadingSpace} is
 * false; anything but whitespace before a BEGIN line, after an END line or between blocks; a
 * block without an END line, empty, or with anything but base64 and whitespace (space, tab, CR,
 * LF) in it; more than {@link Certificates#MAX_CHAIN} blocks; no block at all; a DER the JDK does
 * not take as exactly one certificate. {@code +} is always {@code +} (a base64 character), never
 * a space.
 */
final class PemText {

    private static final byte[] BEGIN = "-----BEGIN CERTIFICATE-----".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "-----END CERTIFICATE-----".getBytes(StandardCharsets.US_ASCII);

    private final String text;
    /**
     * The text as ISO 8859-1, where base64 runs are copied from and compacted to. Every character
     * beyond ASCII becomes a byte outside the base64 alphabet (itself, or {@code ?}), so the
     * decoder refuses it; a surrogate pair, which would become one byte, is refused up front.
     */
    private final byte[] bytes;
    private final boolean percentEncoded;
    /** The index of the next character. */
    private int at;
    /** Where the next of each character that ends a base64 run is, from some index on; -1 before the first look. */
    private int nextPercent = -1;
    private int nextDash = -1;
    private int nextSpace = -1;
    private int nextLf = -1;
    private int nextCr = -1;
    private int nextTab = -1;

    private PemText(String text, boolean percentEncoded) throws MalformedHeaderException {
        this.text = text;
        this.bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        this.percentEncoded = percentEncoded;
        if (bytes.length != text.length()) {
            throw new MalformedHeaderException("non-ASCII characters");
        }
        if (!percentEncoded) {
            nextPercent = text.length();
        }
    }

    /**
     * Every block of {@code text}, leaf first.
     *
     * @param percentEncoded whether {@code %XX} stands for the byte XX
     * @param leadingSpace   whether whitespace may precede the first BEGIN line
     */
    static Certificates.Parsed read(String text, boolean percentEncoded, boolean leadingSpace) throws MalformedHeaderException {
        PemText in = new PemText(text, percentEncoded);
        List<X509Certificate> chain = new ArrayList<>(2);
        String leafFingerprint = null;
        int b = in.next();
        if (leadingSpace) {
            b = in.skipWhitespace(b);
        } else if (b != '-') {
            throw new MalformedHeaderException("not PEM: expected -----BEGIN at offset 0");
        }
        while (b >= 0) {
            int blockAt = in.at - 1;
            if (!in.matches(b, BEGIN)) {
                throw new MalformedHeaderException("expected -----BEGIN CERTIFICATE----- at offset " + blockAt);
            }
            int n = in.gatherBase64(blockAt);
            // the base64 alphabet has no '-': this is the END line, or the block is malformed
            if (!in.matches('-', END)) {
                throw new MalformedHeaderException("PEM block at offset " + blockAt + " is not base64 up to its END line");
            }
            if (chain.size() == Certificates.MAX_CHAIN) {
                throw new MalformedHeaderException("more than " + Certificates.MAX_CHAIN + " certificates");
            }
            if (n == 0) {
                throw new MalformedHeaderException("PEM block at offset " + blockAt + " is empty");
            }
            byte[] der = decode(in.bytes, n, blockAt);
            X509Certificate certificate = Certificates.fromDer(der);
            if (chain.isEmpty()) {
                leafFingerprint = Certificates.fingerprint(certificate, der);
            }
            chain.add(certificate);
            b = in.skipWhitespace(in.next());
        }
        if (chain.isEmpty()) {
            throw new MalformedHeaderException("no certificate in PEM text");
        }
        return new Certificates.Parsed(List.copyOf(chain), leafFingerprint);
    }

    private static byte[] decode(byte[] base64, int length, int blockAt) throws MalformedHeaderException {
        try {
            ByteBuffer der = Base64.getDecoder().decode(ByteBuffer.wrap(base64, 0, length));
            byte[] array = der.array();
            return der.arrayOffset() == 0 && der.position() == 0 && der.limit() == array.length ? array
                    : Arrays.copyOfRange(array, der.arrayOffset() + der.position(), der.arrayOffset() + der.limit());
        } catch (IllegalArgumentException e) {
            throw new MalformedHeaderException("PEM block at offset " + blockAt + " is not base64", e);
        }
    }

    /**
     * Gathers a block's base64 into {@code bytes[0, n)}, from {@link #at} up to the {@code -}
     * (written as it is or percent-encoded) that begins its END line, and consumes that {@code -}.
     * Whitespace is dropped; any other byte is kept for the base64 decoder to judge.
     *
     * @return n
     */
    private int gatherBase64(int blockAt) throws MalformedHeaderException {
        int n = 0;
        for (;;) {
            int stop = nextRunEnd();
            // the copy never overtakes its source: what was gathered is never longer than what was read
            System.arraycopy(bytes, at, bytes, n, stop - at);
            n += stop - at;
            at = stop;
            if (at == text.length()) {
                throw new MalformedHeaderException("no -----END CERTIFICATE----- after offset " + blockAt);
            }
            char c = text.charAt(at);
            if (c == '-') {
                at++;
                return n;
            }
            if (c == '%') {
                int b = next();
                if (b == '-') {
                    return n;
                }
                if (!isWhitespace(b)) {
                    bytes[n++] = (byte) b;
                }
            } else {
                at++; // whitespace
            }
        }
    }

    /** The index of the first {@code %} (when percent-encoded), {@code -} or whitespace character from {@link #at} on, or the text's length. */
    private int nextRunEnd() {
        nextPercent = nextOf('%', nextPercent);
        nextDash = nextOf('-', nextDash);
        nextSpace = nextOf(' ', nextSpace);
        nextLf = nextOf('\n', nextLf);
        nextCr = nextOf('\r', nextCr);
        nextTab = nextOf('\t', nextTab);
        return Math.min(Math.min(Math.min(nextPercent, nextDash), Math.min(nextSpace, nextLf)), Math.min(nextCr, nextTab));
    }

    /** {@code known} while it is still ahead, else the next {@code c} from {@link #at} on, or the text's length. */
    private int nextOf(char c, int known) {
        if (known >= at) {
            return known;
        }
        int found = text.indexOf(c, at);
        return found < 0 ? text.length() : found;
    }

    /** The next byte the text stands for, or -1 at its end. */
    private int next() throws MalformedHeaderException {
        if (at == text.length()) {
            return -1;
        }
        char c = text.charAt(at++);
        if (c == '%' && percentEncoded) {
            if (at + 1 >= text.length()) {
                throw new MalformedHeaderException("truncated percent-escape at " + (at - 1));
            }
            int high = PercentDecoding.hexDigit(text.charAt(at));
            int low = PercentDecoding.hexDigit(text.charAt(at + 1));
            if ((high | low) < 0) {
                throw new MalformedHeaderException("bad percent-escape at " + (at - 1));
            }
            at += 2;
            return high << 4 | low;
        }
        if (c > 0x7f) {
            throw new MalformedHeaderException("non-ASCII character at " + (at - 1));
        }
        return c;
    }

    /** Whether the text goes on as {@code line}, whose first byte {@code first} already was. */
    private boolean matches(int first, byte[] line) throws MalformedHeaderException {
        if (first != line[0]) {
            return false;
        }
        for (int i = 1; i < line.length; i++) {
            if (next() != line[i]) {
                return false;
            }
        }
        return true;
    }

    /** The first byte from {@code b} on that is not whitespace, or -1. */
    private int skipWhitespace(int b) throws MalformedHeaderException {
        while (b >= 0 && isWhitespace(b)) {
            b = next();
        }
        return b;
    }

    private static boolean isWhitespace(int b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
