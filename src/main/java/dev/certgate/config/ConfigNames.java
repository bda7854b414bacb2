package dev.certgate.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code certgate.*} property names a configuration holds: which named policies and roles it
 * declares, and whether any name is unknown. A misspelled key is an error, never ignored: a typo
 * in an allow-list key would otherwise leave a policy wider than its author meant.
 *
 * <p>Both spellings are understood: dotted keys ({@code certgate.policy.payments.allow.sans}) and
 * environment variables as MicroProfile Config maps them
 * ({@code CERTGATE_POLICY_PAYMENTS_ALLOW_SANS}). A policy or role name seen only in an
 * environment variable is lower-cased, since the variable cannot say which case was meant.
 * {@code certgate.demo.*} belongs to the embedded demo and is skipped.
 */
final class ConfigNames {

    private static final String ENV_PREFIX = "CERTGATE_";

    private final Set<String> policies = new TreeSet<>();
    private final Set<String> roles = new TreeSet<>();

    private ConfigNames() {
    }

    /**
     * @throws CertgateConfigException naming the first unknown key, with the closest known one
     */
    static ConfigNames scan(Iterable<String> propertyNames) {
        ConfigNames names = new ConfigNames();
        for (String name : propertyNames) {
            if (name.startsWith(ConfigKeys.PREFIX)) {
                names.dotted(name);
            } else if (name.startsWith(ENV_PREFIX)) {
                names.environment(name);
            }
        }
        return names;
    }

    Set<String> policies() {
        return policies;
    }

    Set<String> roles() {
        return roles;
    }

    private void dotted(String key) {
        if (key.startsWith(ConfigKeys.DEMO_PREFIX) || ConfigKeys.GLOBAL_KEYS.contains(key)
                || ConfigKeys.POLICY_KEYS.stream().anyMatch(k -> key.equals(ConfigKeys.defaultPolicyKey(k)))) {
            return;
        }
        if (key.startsWith(ConfigKeys.POLICY_PREFIX)) {
            policies.add(owner(key, ConfigKeys.POLICY_PREFIX, ConfigKeys.POLICY_KEYS, "."));
        } else if (key.startsWith(ConfigKeys.ROLES_PREFIX)) {
            roles.add(owner(key, ConfigKeys.ROLES_PREFIX, ConfigKeys.MATCHER_KEYS, "."));
        } else {
            throw unknown(key, knownKeys());
        }
    }

    private void environment(String variable) {
        if (variable.startsWith(ConfigKeys.environmentName(ConfigKeys.DEMO_PREFIX))
                || knownKeys().stream().anyMatch(k -> variable.equals(ConfigKeys.environmentName(k)))) {
            return;
        }
        String policyPrefix = ConfigKeys.environmentName(ConfigKeys.POLICY_PREFIX);
        String rolesPrefix = ConfigKeys.environmentName(ConfigKeys.ROLES_PREFIX);
        if (variable.startsWith(policyPrefix)) {
            policies.add(owner(variable, policyPrefix, environmentNames(ConfigKeys.POLICY_KEYS), "_")
                    .toLowerCase(Locale.ROOT));
        } else if (variable.startsWith(rolesPrefix)) {
            roles.add(owner(variable, rolesPrefix, environmentNames(ConfigKeys.MATCHER_KEYS), "_")
                    .toLowerCase(Locale.ROOT));
        } else {
            throw unknown(variable, knownKeys().stream().map(ConfigKeys::environmentName).toList());
        }
    }

    /** The NAME in {@code PREFIX NAME SEPARATOR KEY}, where KEY is one of {@code keys}. */
    private static String owner(String key, String prefix, List<String> keys, String separator) {
        String rest = key.substring(prefix.length());
        for (String suffix : keys) {
            String tail = separator + suffix;
            if (rest.endsWith(tail) && rest.length() > tail.length()) {
                return rest.substring(0, rest.length() - tail.length());
            }
        }
        String example = prefix + "NAME" + separator;
        throw new CertgateConfigException(key, "unknown key; expected " + example + "<one of "
                + String.join(", ", keys) + ">");
    }

    private static List<String> knownKeys() {
        List<String> known = new ArrayList<>(ConfigKeys.GLOBAL_KEYS);
        ConfigKeys.POLICY_KEYS.forEach(k -> known.add(ConfigKeys.defaultPolicyKey(k)));
        return known;
    }

    private static List<String> environmentNames(List<String> keys) {
        return keys.stream().map(ConfigKeys::environmentName).toList();
    }

    private static CertgateConfigException unknown(String key, List<String> known) {
        String closest = null;
        int best = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(key, candidate);
            if (distance < best) {
                best = distance;
                closest = candidate;
            }
        }
        String hint = closest != null && best <= Math.max(3, key.length() / 4) ? "; did you mean " + closest + "?" : "";
        return new CertgateConfigException(key, "unknown key" + hint);
    }

    /** Levenshtein distance, for "did you mean". */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
