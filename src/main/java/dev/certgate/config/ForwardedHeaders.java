package dev.certgate.config;

import dev.certgate.source.HeaderNames;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the header names and modes the forwarded-certificate sources use ({@code certgate.xfcc.*},
 * {@code certgate.headers.*}); a malformed one stops start-up even when no source uses it.
 */
final class ForwardedHeaders {

    private ForwardedHeaders() {
    }

    /** The header names and modes, each validated; defaults where unset. */
    static HeaderNames read(ConfigValues values) {
        HeaderNames d = HeaderNames.DEFAULTS;
        HeaderNames.XfccElement element = values.choice(ConfigKeys.XFCC_ELEMENT,
                e -> switch (e.toLowerCase(Locale.ROOT)) {
                    case "first" -> Optional.of(HeaderNames.XfccElement.FIRST);
                    case "last" -> Optional.of(HeaderNames.XfccElement.LAST);
                    default -> Optional.empty();
                }, List.of("first", "last")).orElse(d.xfccElement());
        return new HeaderNames(name(values, ConfigKeys.XFCC_HEADER, d.xfcc()), element,
                name(values, ConfigKeys.HEADERS_CERT, d.cert()), name(values, ConfigKeys.HEADERS_VERIFY, d.verify()),
                values.string(ConfigKeys.HEADERS_VERIFY_SUCCESS).orElse(d.verifySuccess()),
                name(values, ConfigKeys.HEADERS_SUBJECT_DN, d.subjectDn()),
                name(values, ConfigKeys.HEADERS_ISSUER_DN, d.issuerDn()),
                name(values, ConfigKeys.HEADERS_FINGERPRINT, d.fingerprint()));
    }

    private static String name(ConfigValues values, String key, String fallback) {
        Optional<String> name = values.string(key);
        if (name.isPresent() && !isToken(name.get())) {
            throw values.error(key, "'" + name.get() + "' is not an HTTP header name");
        }
        return name.orElse(fallback);
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
