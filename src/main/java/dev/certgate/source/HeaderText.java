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
