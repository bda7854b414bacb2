package dev.certgate.config;

import java.util.List;
import java.util.Optional;

/**
 * Validates the header names and modes the forwarded-certificate sources read
 * ({@code certgate.xfcc.*}, {@code certgate.headers.*}), so a typo stops start-up even before a
 * source that uses them is switched on.
 */
final class ForwardedHeaders {

    private static final List<String> HEADER_NAME_KEYS = List.of(ConfigKeys.XFCC_HEADER, ConfigKeys.HEADERS_CERT,
            ConfigKeys.HEADERS_VERIFY, ConfigKeys.HEADERS_SUBJECT_DN, ConfigKeys.HEADERS_ISSUER_DN,
            ConfigKeys.HEADERS_FINGERPRINT);

    private ForwardedHeaders() {
    }

    static void validate(ConfigValues values) {
        for (String key : HEADER_NAME_KEYS) {
            Optional<String> name = values.string(key);
            if (name.isPresent() && !isToken(name.get())) {
                throw values.error(key, "'" + name.get() + "' is not an HTTP header name");
            }
        }
        values.choice(ConfigKeys.XFCC_ELEMENT, e -> switch (e.toLowerCase(java.util.Locale.ROOT)) {
            case "first", "last" -> Optional.of(e);
            default -> Optional.empty();
        }, List.of("first", "last"));
        values.string(ConfigKeys.HEADERS_VERIFY_SUCCESS);
    }

    /** RFC 9110 section 5.6.2 token: the characters a header field name may have. */
    static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
