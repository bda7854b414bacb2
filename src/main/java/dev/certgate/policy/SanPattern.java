package dev.certgate.policy;

import dev.certgate.IpAddresses;
import dev.certgate.SubjectAltNames;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of a SAN allow-list, parsed once at start-up.
 *
 * <ul>
 *   <li>{@code TYPE:value} matches a SAN of exactly that type ({@code DNS}, {@code URI},
 *       {@code EMAIL}, {@code IP}, {@code DIRNAME}, {@code RID}, {@code OTHERNAME});
 *       {@code URI:spiffe://acme/svc-a} never matches {@code DNS:spiffe://acme/svc-a}.</li>
 *   <li>a bare value matches a SAN of any type with that value.</li>
 *   <li>{@code URI:prefix/*} matches any URI strictly below {@code prefix/}; a remainder with
 *       empty, {@code .} or {@code ..} segments (plain or percent-encoded), a percent-encoded
 *       {@code /} or {@code \}, a query or a fragment
 *       never matches, so {@code spiffe://acme/ns/../admin} is not under {@code spiffe://acme/ns/*}.</li>
 *   <li>{@code DNS:*.example.com} matches exactly one non-empty label in place of {@code *}.</li>
 * </ul>
 * DNS names compare case-insensitively, in ASCII letters only (RFC 4343 section 3: no Unicode
 * folding turns the Kelvin sign into a {@code k}); IP addresses compare in canonical form (a bare IP literal
 * too). Whitespace around a type's colon, or inside a DNS or URI value, is refused: no SAN holds it,
 * so the entry would silently match nothing.
 *
 * @param type   upper-case SAN type, or {@code null} for a bare value
 * @param value  the value to compare: lower-cased for DNS, canonical for IP; for wildcards the
 *               fixed part ({@code spiffe://acme/ns/}, {@code .example.com})
 * @param kind   exact value, URI prefix wildcard or DNS one-label wildcard
 */
public record SanPattern(String type, String value, Kind kind) {

    /** How a pattern matches. */
    public enum Kind { EXACT, URI_PREFIX, DNS_WILDCARD }

    public SanPattern {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * Parses one configured entry.
     *
     * @throws IllegalArgumentException naming what is wrong with the entry
     */
    public static SanPattern parse(String entry) {
        String text = entry == null ? "" : entry.trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a SAN entry must not be empty");
        }
        int colon = text.indexOf(':');
        if (colon > 0 && !SubjectAltNames.isType(text.substring(0, colon))
                && SubjectAltNames.isType(text.substring(0, colon).strip())) {
            throw new IllegalArgumentException("'" + text + "': whitespace before the colon; write "
                    + text.substring(0, colon).strip().toUpperCase(Locale.ROOT) + ":value");
        }
        if (colon <= 0 || !SubjectAltNames.isType(text.substring(0, colon))) {
            if (text.contains("*")) {
                throw new IllegalArgumentException("'" + text + "': wildcards need a type, as in DNS:*.example.com or URI:spiffe://acme/ns/*");
            }
            return new SanPattern(null, text, Kind.EXACT);
        }
        String type = text.substring(0, colon).toUpperCase(Locale.ROOT);
        String value = text.substring(colon + 1);
        if (value.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "': the value after " + type + ": is empty");
        }
        if (Character.isWhitespace(value.charAt(0))) {
            throw new IllegalArgumentException("'" + text + "': whitespace after " + type
                    + ": (no SAN value starts with it); write " + type + ":" + value.strip());
        }
        if ((type.equals("DNS") || type.equals("URI")) && value.chars().anyMatch(Character::isWhitespace)) {
            // RFC 5280 section 4.2.1.6: a dNSName is a host name, a uniformResourceIdentifier an RFC 3986 URI
            throw new IllegalArgumentException("'" + text + "': a " + type + " SAN holds no whitespace");
        }
        return switch (type) {
            case "DNS" -> dns(text, asciiLowerCase(value));
            case "URI" -> uri(text, value);
            case "IP" -> new SanPattern(type, IpAddresses.canonical(value).orElseThrow(
                    () -> new IllegalArgumentException("'" + text + "': not an IPv4 or IPv6 address")), Kind.EXACT);
            default -> {
                if (value.contains("*")) {
                    throw new IllegalArgumentException("'" + text + "': wildcards are allowed only as DNS:*.domain or URI:prefix/*");
                }
                yield new SanPattern(type, value, Kind.EXACT);
            }
        };
    }

    private static SanPattern dns(String text, String value) {
        if (!value.contains("*")) {
            return new SanPattern("DNS", value, Kind.EXACT);
        }
        String suffix = value.substring(1);
        if (!value.startsWith("*.") || suffix.length() < 2 || suffix.contains("*") || suffix.contains("..") || suffix.endsWith(".")) {
            throw new IllegalArgumentException("'" + text + "': a DNS wildcard is one leading label, as in DNS:*.example.com");
        }
        return new SanPattern("DNS", suffix, Kind.DNS_WILDCARD);
    }

    private static SanPattern uri(String text, String value) {
        int star = value.indexOf('*');
        if (star < 0) {
            return new SanPattern("URI", value, Kind.EXACT);
        }
        int authority = value.indexOf("://") + 3;
        if (star != value.length() - 1 || !value.endsWith("/*") || authority < 3
                || value.indexOf('/', authority) <= authority) {
            throw new IllegalArgumentException("'" + text + "': a URI wildcard is a trailing /*, as in URI:spiffe://acme/ns/*");
        }
        return new SanPattern("URI", value.substring(0, value.length() - 1), Kind.URI_PREFIX);
    }

    /** Whether this pattern matches one SAN of the given type and raw value. */
    public boolean matches(String sanType, String sanValue) {
        if (type != null && !type.equals(sanType)) {
            return false;
        }
        boolean dns = "DNS".equals(sanType);
        if ("IP".equals(sanType)) {
            sanValue = IpAddresses.canonical(sanValue).orElse(sanValue);
        }
        return switch (kind) {
            case EXACT -> dns ? asciiLowerCase(value).equals(asciiLowerCase(sanValue)) : value.equals(sanValue)
                    || (type == null && "IP".equals(sanType) && sanValue.equals(IpAddresses.canonical(value).orElse(null)));
            case URI_PREFIX -> sanValue.startsWith(value) && isPlainSubpath(sanValue, value.length());
            case DNS_WILDCARD -> {
                String lower = asciiLowerCase(sanValue);
                int dot = lower.indexOf('.');
                yield dot > 0 && lower.substring(dot).equals(value) && lower.indexOf('*') < 0;
            }
        };
    }

    /**
     * {@code text} with its ASCII letters lower-cased and every other character as it is: the
     * case-insensitivity of DNS names (RFC 4343 section 3). {@link String#toLowerCase} would fold
     * the Kelvin sign into {@code k}, and {@code equalsIgnoreCase} a dotless {@code ı} into {@code i}.
     */
    static String asciiLowerCase(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = text.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= 'A' && chars[j] <= 'Z') {
                        chars[j] = (char) (chars[j] + ('a' - 'A'));
                    }
                }
                return new String(chars);
            }
        }
        return text;
    }

    /** True when {@code uri.substring(from)} is a non-empty path with only ordinary segments. */
    static boolean isPlainSubpath(String uri, int from) {
        if (from >= uri.length()) {
            return false;
        }
        int segmentStart = from;
        for (int i = from; i <= uri.length(); i++) {
            char c = i < uri.length() ? uri.charAt(i) : '/';
            if (c == '?' || c == '#' || c == '\\') {
                return false;
            }
            if (c == '/') {
                String segment = uri.substring(segmentStart, i);
                String decoded = segment.replace("%2e", ".").replace("%2E", ".");
                if (segment.isEmpty() || decoded.equals(".") || decoded.equals("..") || hasEncodedSeparator(segment)) {
                    return false;
                }
                segmentStart = i + 1;
            }
        }
        return true;
    }

    /** An encoded {@code /} or {@code \} would split into more segments once some consumer decodes it. */
    private static boolean hasEncodedSeparator(String segment) {
        String lower = segment.toLowerCase(Locale.ROOT);
        return lower.contains("%2f") || lower.contains("%5c");
    }

    @Override
    public String toString() {
        String shown = switch (kind) {
            case EXACT -> value;
            case URI_PREFIX -> value + "*";
            case DNS_WILDCARD -> "*" + value;
        };
        return type == null ? shown : type + ":" + shown;
    }
}
