package dev.certgate.source;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strict RFC 3986 percent-decoding of forwarded certificates (Envoy's {@code Cert}/{@code Chain},
 * nginx's {@code $ssl_client_escaped_cert}, Traefik, AWS ALB). Unlike form decoding, {@code +}
 * stays {@code +}: it is a base64 character in PEM, never a space. A {@code %} not followed by
 * two hex digits is malformed, and so is any byte sequence that is not UTF-8. {@link #decodeQuery}
 * is the form variant, for values escaped as a URL query (Go's {@code url.QueryEscape}), where
 * {@code +} stands for a space.
 *
 * <p>The text is copied to bytes in bulk and decoded in place. PEM certificates are not decoded
 * here: {@link PemText} percent-decodes them as it reads their blocks.
 */
final class PercentDecoding {

    private PercentDecoding() {
    }

    static String decode(String text) throws MalformedHeaderException {
        return decode(text, false);
    }

    /** As {@link #decode}, but {@code +} decodes to a space (a query component, as Traefik's {@code -Info} header). */
    static String decodeQuery(String text) throws MalformedHeaderException {
        return decode(text, true);
    }

    private static String decode(String text, boolean plusIsSpace) throws MalformedHeaderException {
        if (text.indexOf('%') < 0 && !(plusIsSpace && text.indexOf('+') >= 0)) {
            return text;
        }
        byte[] bytes = decodeBytes(text, plusIsSpace);
        boolean ascii = true;
        for (byte b : bytes) {
            ascii &= b >= 0;
        }
        if (ascii) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedHeaderException("percent-escapes that are not UTF-8");
        }
    }

    private static byte[] decodeBytes(String text, boolean plusIsSpace) throws MalformedHeaderException {
        // ASCII stays itself; anything else becomes '?', told apart from a real '?' below
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        int length = bytes.length;
        int n = 0;
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b == '%') {
                if (i + 2 >= length) {
                    throw new MalformedHeaderException("truncated percent-escape at " + i);
                }
                int high = hexDigit(bytes[i + 1]);
                int low = hexDigit(bytes[i + 2]);
                if (high < 0 || low < 0) {
                    throw new MalformedHeaderException("bad percent-escape at " + i);
                }
                bytes[n++] = (byte) (high << 4 | low);
                i += 2;
            } else if (b == '+' && plusIsSpace) {
                bytes[n++] = ' ';
            } else {
                if (b == '?' && text.charAt(i) != '?') {
                    throw new MalformedHeaderException("non-ASCII character at " + i);
                }
                bytes[n++] = b;
            }
        }
        return n == length ? bytes : Arrays.copyOf(bytes, n);
    }

    /** The value of an ASCII hex digit, either case; -1 for anything else (no other script's digits). */
    static int hexDigit(int c) {
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
