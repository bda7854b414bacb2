package dev.certgate.source;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict RFC 3986 percent-decoding of forwarded certificates (Envoy's {@code Cert}/{@code Chain},
 * nginx's {@code $ssl_client_escaped_cert}, Traefik, AWS ALB). Unlike form decoding, {@code +}
 * stays {@code +}: it is a base64 character in PEM, never a space. A {@code %} not followed by
 * two hex digits is malformed, and so is any byte sequence that is not UTF-8.
 *
 * <p>One pass into a byte array; PEM, being ASCII, then becomes a string by a plain copy.
 */
final class PercentDecoding {

    private PercentDecoding() {
    }

    static String decode(String text) throws MalformedHeaderException {
        if (text.indexOf('%') < 0) {
            return text;
        }
        int length = text.length();
        byte[] out = new byte[length];
        int n = 0;
        boolean ascii = true;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= length) {
                    throw new MalformedHeaderException("truncated percent-escape at " + i);
                }
                int high = hexDigit(text.charAt(i + 1));
                int low = hexDigit(text.charAt(i + 2));
                if (high < 0 || low < 0) {
                    throw new MalformedHeaderException("bad percent-escape at " + i);
                }
                int b = high << 4 | low;
                ascii &= b < 0x80;
                out[n++] = (byte) b;
                i += 2;
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else {
                throw new MalformedHeaderException("non-ASCII character at " + i);
            }
        }
        if (ascii) {
            return new String(out, 0, n, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedHeaderException("percent-escapes that are not UTF-8");
        }
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
