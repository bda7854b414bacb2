package dev.certgate.source;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Strict RFC 3986 percent-decoding of forwarded certificates (Envoy's {@code Cert}/{@code Chain},
 * nginx's {@code $ssl_client_escaped_cert}, Traefik, AWS ALB). Unlike form decoding, {@code +}
 * stays {@code +}: it is a base64 character in PEM, never a space. A {@code %} not followed by
 * two hex digits is malformed, and so is any byte sequence that is not UTF-8. {@link #decodeQuery}
 * is the form variant, for values escaped as a URL query (Go's {@code url.QueryEscape}), where
 * {@code +} stands for a space.
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
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw new MalformedHeaderException("truncated percent-escape at " + i);
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0 || text.charAt(i + 1) > 'f' || text.charAt(i + 2) > 'f') {
                    throw new MalformedHeaderException("bad percent-escape at " + i);
                }
                out.write(high << 4 | low);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else if (c < 0x80) {
                out.write(c);
            } else {
                throw new MalformedHeaderException("non-ASCII character at " + i);
            }
        }
        byte[] bytes = out.toByteArray();
        String decoded = new String(bytes, StandardCharsets.UTF_8);
        if (!java.util.Arrays.equals(decoded.getBytes(StandardCharsets.UTF_8), bytes)) {
            throw new MalformedHeaderException("percent-escapes that are not UTF-8");
        }
        return decoded;
    }
}
