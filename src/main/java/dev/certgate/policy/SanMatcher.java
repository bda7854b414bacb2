package dev.certgate.policy;

import dev.certgate.IpAddresses;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link SanPattern}s compiled into hash lookups: exact typed entries by {@code TYPE:value},
 * bare entries by value, DNS wildcards by suffix and URI wildcards by prefix. Matching a SAN
 * costs a few lookups whatever the size of the list.
 */
final class SanMatcher {

    private final Set<String> typed = new HashSet<>();
    private final Set<String> bare = new HashSet<>();
    private final Set<String> bareLower = new HashSet<>();
    private final Set<String> bareIps = new HashSet<>();
    private final Set<String> dnsSuffixes = new HashSet<>();
    private final Set<String> uriPrefixes = new HashSet<>();
    // the longest URI prefix: a SAN's slashes beyond it cannot end one, so they are not looked up
    private final int longestUriPrefix;
    private final List<SanPattern> patterns;

    SanMatcher(List<SanPattern> patterns) {
        this.patterns = List.copyOf(patterns);
        int longest = 0;
        for (SanPattern p : patterns) {
            switch (p.kind()) {
                case EXACT -> {
                    if (p.type() == null) {
                        bare.add(p.value());
                        bareLower.add(SanPattern.asciiLowerCase(p.value()));
                        IpAddresses.canonical(p.value()).ifPresent(bareIps::add);
                    } else {
                        typed.add(p.type() + ":" + p.value());
                    }
                }
                case DNS_WILDCARD -> dnsSuffixes.add(p.value());
                case URI_PREFIX -> {
                    uriPrefixes.add(p.value());
                    longest = Math.max(longest, p.value().length());
                }
            }
        }
        this.longestUriPrefix = longest;
    }

    boolean anyMatches(List<String> sans) {
        for (String san : sans) {
            if (matches(san)) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(String san) {
        int colon = san.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        String type = san.substring(0, colon);
        String value = san.substring(colon + 1);
        if (type.equals("IP")) {
            String ip = IpAddresses.canonical(value).orElse(value);
            return typed.contains("IP:" + ip) || bare.contains(ip) || bareIps.contains(ip);
        }
        boolean dns = type.equals("DNS");
        String lower = dns ? SanPattern.asciiLowerCase(value) : value;
        if (typed.contains(dns ? "DNS:" + lower : san)) {
            return true;
        }
        if (dns ? bareLower.contains(lower) : bare.contains(value)) {
            return true;
        }
        if (dns && !dnsSuffixes.isEmpty()) {
            int dot = lower.indexOf('.');
            if (dot > 0 && lower.indexOf('*') < 0 && dnsSuffixes.contains(lower.substring(dot))) {
                return true;
            }
        }
        if (type.equals("URI") && !uriPrefixes.isEmpty()) {
            for (int i = value.indexOf('/'); i >= 0 && i < longestUriPrefix; i = value.indexOf('/', i + 1)) {
                if (uriPrefixes.contains(value.substring(0, i + 1)) && SanPattern.isPlainSubpath(value, i + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return patterns.size() <= 5 ? patterns.toString() : patterns.size() + " patterns";
    }
}
