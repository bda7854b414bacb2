package dev.certgate.policy;

import java.util.Locale;

/** SHA-256 fingerprints as configured: 64 hex digits, colons, spaces and case ignored. */
public final class Fingerprints {

    private Fingerprints() {
    }

    /**
     * The canonical form (64 uppercase hex digits) of a configured fingerprint.
     *
     * @throws IllegalArgumentException when it is not 64 hex digits once separators are removed
     */
    public static String canonical(String text) {
        String raw = text == null ? "" : text;
        StringBuilder out = new StringBuilder(64);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == ':' || c == ' ' || c == '\t') {
                continue;
            }
            if (Character.digit(c, 16) < 0 || c > 'f') {
                throw new IllegalArgumentException("'" + text + "' is not a SHA-256 fingerprint: only hex digits, colons and spaces are allowed");
            }
            out.append(c);
        }
        if (out.length() != 64) {
            throw new IllegalArgumentException("'" + text + "' is not a SHA-256 fingerprint: it has " + out.length()
                    + " hex digits, a SHA-256 fingerprint has 64" + (out.length() == 40 ? " (40 is SHA-1, which is not accepted)" : ""));
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }
}
