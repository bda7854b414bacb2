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
 * {@code Cert} and {@code Chain}). One pass: each character is percent-decoded, the BEGIN and END
 * lines matched and the base64 gathered as it goes, without a decoded copy of the text; the
 * base64 itself is then decoded by {@link Base64#getDecoder()}, the DER parsed by the JDK.
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
    private final boolean percentEncoded;
    /** The index of the next character. */
    private int at;

    private PemText(String text, boolean percentEncoded) {
        this.text = text;
        this.percentEncoded = percentEncoded;
    }

    /**
     * Every block of {@code text}, leaf first.
     *
     * @param percentEncoded whether {@code %XX} stands for the byte XX
     * @param leadingSpace   whether whitespace may precede the first BEGIN line
     */
    static Certificates.Parsed read(String text, boolean percentEncoded, boolean leadingSpace) throws MalformedHeaderException {
        PemText in = new PemText(text, percentEncoded);
        // a block's base64 is never longer than the text it was written in
        byte[] base64 = new byte[text.length()];
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
            in.expect(b, BEGIN, "expected -----BEGIN CERTIFICATE----- at offset " + blockAt);
            int n = 0;
            for (b = in.next(); b != '-'; b = in.next()) {
                if (b < 0) {
                    throw new MalformedHeaderException("no -----END CERTIFICATE----- after offset " + blockAt);
                }
                if (!isWhitespace(b)) {
                    base64[n++] = (byte) b;
                }
            }
            // the base64 alphabet has no '-': this is the END line, or the block is malformed
            in.expect(b, END, "PEM block at offset " + blockAt + " is not base64 up to its END line");
            if (chain.size() == Certificates.MAX_CHAIN) {
                throw new MalformedHeaderException("more than " + Certificates.MAX_CHAIN + " certificates");
            }
            if (n == 0) {
                throw new MalformedHeaderException("PEM block at offset " + blockAt + " is empty");
            }
            byte[] der = decode(base64, n, blockAt);
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
            int high = hexDigit(text.charAt(at));
            int low = hexDigit(text.charAt(at + 1));
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

    /** Matches {@code line}, whose first byte {@code first} already is. */
    private void expect(int first, byte[] line, String otherwise) throws MalformedHeaderException {
        if (first != line[0]) {
            throw new MalformedHeaderException(otherwise);
        }
        for (int i = 1; i < line.length; i++) {
            if (next() != line[i]) {
                throw new MalformedHeaderException(otherwise);
            }
        }
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

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
