package dev.certgate.source;

/**
 * Checks on names a proxy forwards as text (DN headers, XFCC {@code Subject}, {@code URI},
 * {@code DNS}). Proxies escape control characters in these (OpenSSL's RFC 2253 output with
 * {@code ESC_CTRL}, as nginx and Envoy print DNs), so a raw one (CR, LF, NUL, ...) was not written
 * by the proxy, and could split a log line or a caller name: the value is malformed.
 */
final class HeaderText {

    private HeaderText() {
    }

    /**
     * {@code text} without leading and trailing optional whitespace, space and horizontal tab only
     * (RFC 9110, section 5.5). {@code String.trim()} would also strip NUL, CR, LF and every other
     * control character below space, turning a value a proxy never writes into one it does.
     */
    static String trimOws(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isOws(text.charAt(start))) {
            start++;
        }
        while (end > start && isOws(text.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == text.length() ? text : text.substring(start, end);
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    /** Whether {@code text} has a C0 control character or DEL. */
    static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
