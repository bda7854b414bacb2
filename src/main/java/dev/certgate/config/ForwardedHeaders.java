package dev.certgate.config;

import dev.certgate.source.AwsAlbHeaders;
import dev.certgate.source.HeaderNames;
import dev.certgate.source.TraefikClientAuth;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the header names and modes the forwarded-certificate sources use ({@code certgate.xfcc.*},
 * {@code certgate.headers.*}, {@code certgate.traefik.*}, {@code certgate.aws-alb.*}); a malformed
 * one stops start-up even when no source uses it.
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
        Map<String, String> headers = new HashMap<>();
        return new HeaderNames(name(values, ConfigKeys.XFCC_HEADER, d.xfcc()), element,
                distinct(values, ConfigKeys.HEADERS_CERT, d.cert(), headers),
                distinct(values, ConfigKeys.HEADERS_VERIFY, d.verify(), headers),
                values.string(ConfigKeys.HEADERS_VERIFY_SUCCESS).orElse(d.verifySuccess()),
                distinct(values, ConfigKeys.HEADERS_SUBJECT_DN, d.subjectDn(), headers),
                distinct(values, ConfigKeys.HEADERS_ISSUER_DN, d.issuerDn(), headers),
                distinct(values, ConfigKeys.HEADERS_FINGERPRINT, d.fingerprint(), headers), traefik(values), awsAlb(values));
    }

    private static TraefikClientAuth traefik(ConfigValues values) {
        Optional<String> text = values.string(ConfigKeys.TRAEFIK_CLIENT_AUTH_TYPE);
        if (text.isPresent() && text.get().equalsIgnoreCase("NoClientCert")) {
            throw values.error(ConfigKeys.TRAEFIK_CLIENT_AUTH_TYPE, "'NoClientCert' makes Traefik forward no certificate;"
                    + " use the clientAuthType of the TLS options Traefik applies: "
                    + String.join(", ", TraefikClientAuth.configNames()));
        }
        return values.choice(ConfigKeys.TRAEFIK_CLIENT_AUTH_TYPE, TraefikClientAuth::fromConfigName,
                TraefikClientAuth.configNames()).orElse(TraefikClientAuth.DEFAULT);
    }

    private static AwsAlbHeaders awsAlb(ConfigValues values) {
        AwsAlbHeaders d = AwsAlbHeaders.DEFAULTS;
        Optional<String> text = values.string(ConfigKeys.AWS_ALB_MODE);
        if (text.isPresent() && text.get().equalsIgnoreCase("off")) {
            throw values.error(ConfigKeys.AWS_ALB_MODE, "'off' makes the load balancer forward no certificate;"
                    + " use the listener's mutual TLS mode: verify or passthrough");
        }
        AwsAlbHeaders.Mode mode = values.choice(ConfigKeys.AWS_ALB_MODE, AwsAlbHeaders.Mode::fromConfigName,
                List.of("verify", "passthrough")).orElse(d.mode());
        Map<String, String> seen = new HashMap<>();
        AwsAlbHeaders names = new AwsAlbHeaders(mode,
                distinct(values, ConfigKeys.AWS_ALB_CLIENTCERT_HEADER, d.clientcert(), seen),
                distinct(values, ConfigKeys.AWS_ALB_LEAF_HEADER, d.leaf(), seen),
                distinct(values, ConfigKeys.AWS_ALB_SERIAL_NUMBER_HEADER, d.serialNumber(), seen),
                distinct(values, ConfigKeys.AWS_ALB_ISSUER_HEADER, d.issuer(), seen),
                distinct(values, ConfigKeys.AWS_ALB_SUBJECT_HEADER, d.subject(), seen),
                distinct(values, ConfigKeys.AWS_ALB_VALIDITY_HEADER, d.validity(), seen));
        return names;
    }

    /**
     * A header name no other key of the same source ({@code certgate.headers.*},
     * {@code certgate.aws-alb.*-header}) uses: one header, one meaning.
     */
    private static String distinct(ConfigValues values, String key, String fallback, Map<String, String> seen) {
        String name = name(values, key, fallback);
        String other = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), key);
        if (other != null) {
            // blame the key that was set: the other one may just have its default
            boolean thisSet = values.isSet(key);
            throw values.error(thisSet ? key : other, "'" + name + "' is already the header of " + (thisSet ? other : key));
        }
        return name;
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
