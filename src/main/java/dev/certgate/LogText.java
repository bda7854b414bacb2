package dev.certgate;

/**
 * Makes text from a client or proxy safe to put in one log line as a {@code key=value} pair: it
 * can neither end the line nor pose as another field, and it is bounded in length.
 *
 * <ul>
 *   <li>{@code \} and {@code "} become {@code \\} and {@code \"}; CR, LF and TAB {@code \r},
 *       {@code \n}, {@code \t};</li>
 *   <li>every other control, format (bidi overrides, zero-width), line/paragraph separator,
 *       non-ASCII space, lone surrogate, private-use or unassigned code point becomes
 *       {@code \}{@code uXXXX} ({@code \}{@code UXXXXXXXX} above U+FFFF), so a log viewer shows
 *       what was sent rather than what it pretends to be (OWASP Logging Cheat Sheet, CWE-117);</li>
 *   <li>a value holding a space, {@code =} or {@code "}, or an empty one, is put in quotes;</li>
 *   <li>at most {@link #MAX_VALUE} characters are written per value (escapes count), then
 *       {@code ...}.</li>
 * </ul>
 */
final class LogText {

    /** Longest escaped value written, quotes and the truncation mark not counted. */
    static final int MAX_VALUE = 256;
    static final String TRUNCATED = "...";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private LogText() {
    }

    /** Appends {@code " key=value"} with {@code value} escaped, quoted when needed, and bounded. */
    static void field(StringBuilder line, String key, String value) {
        line.append(' ').append(key).append('=');
        int start = line.length();
        line.append('"');
        boolean quote = value.isEmpty();
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            int before = line.length();
            quote |= cp == ' ' || cp == '=' || cp == '"';
            append(line, cp);
            if (line.length() - start - 1 > MAX_VALUE) {
                line.setLength(before);
                line.append(TRUNCATED);
                quote = true;
                break;
            }
        }
        if (quote) {
            line.append('"');
        } else {
            line.deleteCharAt(start);
        }
    }

    private static void append(StringBuilder out, int cp) {
        switch (cp) {
            case '\\' -> out.append("\\\\");
            case '"' -> out.append("\\\"");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (printable(cp)) {
                    out.appendCodePoint(cp);
                } else if (cp <= 0xFFFF) {
                    hex(out.append("\\u"), cp, 4);
                } else {
                    hex(out.append("\\U"), cp, 8);
                }
            }
        }
    }

    private static boolean printable(int cp) {
        if (cp >= 0x21 && cp < 0x7F || cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> false;
            default -> true;
        };
    }

    private static void hex(StringBuilder out, int value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(HEX[(value >> shift) & 0xF]);
        }
    }
}
