package dev.certgate.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;

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
 *
 * <p>SmallRye Config's environment source also lists a dotted guess for each variable
 * ({@code CERTGATE_MAX_HEADER_BYTES} as {@code certgate.max.header.bytes}, since it cannot know
 * where the dashes were). Such a name, listed by the same source next to the variable it was
 * derived from, is skipped: the variable itself is checked instead.
 *
 * <p>Profiles (MicroProfile Config 3.1, "Configuration Profile"): {@code %prod.certgate.allow.sans}
 * and its variable {@code _PROD_CERTGATE_ALLOW_SANS} are checked like the key without the profile,
 * whichever profile is active, so a misspelling in any profile stops start-up. A policy or role
 * they name is declared when the active configuration sets one of its keys (its profile is
 * active, or it is set without a profile too).
 */
final class ConfigNames {

    private static final String ENV_PREFIX = "CERTGATE_";
    private static final String MP_REST_CLIENT = "/mp-rest/";
    /**
     * The variables Kubernetes sets in every pod for each Service of its namespace (SVC_SERVICE_HOST,
     * SVC_SERVICE_PORT[_NAME], and the Docker-link style SVC_PORT[_n_PROTO[_PROTO|_PORT|_ADDR]]), here
     * for a Service whose name starts with certgate.
     */
    private static final java.util.regex.Pattern SERVICE_LINK = java.util.regex.Pattern.compile(
            "CERTGATE(_[A-Z0-9_]+)?_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT(_[0-9]+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?)?)");

    private final Set<String> policies = new TreeSet<>();
    private final Set<String> roles = new TreeSet<>();
    // names only profiled keys declare: declared when the active configuration sets one of their keys
    private final Set<String> profiledPolicies = new TreeSet<>();
    private final Set<String> profiledRoles = new TreeSet<>();
    // names written as dotted keys, and names only an environment variable declared (lower-cased)
    private final Set<String> dottedNames = new HashSet<>();
    private final Set<String> environmentNames = new HashSet<>();

    private ConfigNames() {
    }

    /**
     * Scans every name of every source of {@code config}.
     *
     * @throws CertgateConfigException naming the first unknown key, with the closest known one
     */
    static ConfigNames scan(Config config) {
        ConfigNames names = new ConfigNames();
        for (ConfigSource source : config.getConfigSources()) {
            Set<String> listed = source.getPropertyNames();
            Set<String> variables = new HashSet<>();
            for (String name : listed) {
                if (name.indexOf('.') < 0) {
                    variables.add(name.toUpperCase(Locale.ROOT));
                }
            }
            for (String name : listed) {
                boolean guess = name.indexOf('.') >= 0 && unprofiled(name).startsWith(ConfigKeys.PREFIX)
                        && variables.contains(ConfigKeys.environmentName(name));
                if (!guess && names.add(name)) {
                    names.readable(source, name);
                }
            }
        }
        ConfigValues values = new ConfigValues(config);
        names.profiledPolicies.stream().filter(p -> ConfigKeys.POLICY_KEYS.stream()
                .anyMatch(k -> values.isSet(ConfigKeys.policyKey(p, k)))).forEach(names.policies::add);
        names.profiledRoles.stream().filter(r -> ConfigKeys.MATCHER_KEYS.stream()
                .anyMatch(k -> values.isSet(ConfigKeys.roleKey(r, k)))).forEach(names.roles::add);
        names.dropEnvironmentTwins();
        return names;
    }

    /**
     * Scans {@code propertyNames} as they are, with no environment-source aliases among them.
     *
     * @throws CertgateConfigException naming the first unknown key, with the closest known one
     */
    static ConfigNames scan(Iterable<String> propertyNames) {
        ConfigNames names = new ConfigNames();
        propertyNames.forEach(names::add);
        names.dropEnvironmentTwins();
        return names;
    }

    /**
     * Drops a name only an environment variable declared when a dotted key declares the same name
     * in the spelling the variable cannot carry: {@code certgate.roles.ops-team.sans} beside its
     * override {@code CERTGATE_ROLES_OPS_TEAM_SANS} is the role {@code ops-team}, not also
     * {@code ops_team}; {@code Admin} is not also {@code admin}.
     */
    private void dropEnvironmentTwins() {
        for (Set<String> declared : List.of(policies, roles)) {
            Set<String> written = new HashSet<>();
            for (String name : declared) {
                if (dottedNames.contains(name)) {
                    written.add(variableForm(name));
                }
            }
            declared.removeIf(name -> !dottedNames.contains(name) && environmentNames.contains(name)
                    && written.contains(variableForm(name)));
        }
    }

    /** A policy or role name as it stands in an environment variable (MP Config 3 mapping). */
    private static String variableForm(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    Set<String> policies() {
        return policies;
    }

    Set<String> roles() {
        return roles;
    }

    /**
     * Checks {@code name}; true when it is certgate's key in its environment-variable spelling.
     *
     * @throws CertgateConfigException when it is an unknown key
     */
    private boolean add(String name) {
        String key = unprofiled(name);
        boolean profiled = !key.equals(name);
        try {
            if (key.startsWith(ConfigKeys.PREFIX)) {
                dotted(key, profiled);
            } else if (key.indexOf('.') < 0 && key.toUpperCase(Locale.ROOT).startsWith(ENV_PREFIX)) {
                return environment(key.toUpperCase(Locale.ROOT), profiled);
            } else if (key.toLowerCase(Locale.ROOT).startsWith(ConfigKeys.PREFIX)) {
                // keys are case-sensitive (MicroProfile Config): Certgate.allow.sans is never read
                String lower = key.toLowerCase(Locale.ROOT);
                throw new CertgateConfigException(key, "unknown key (keys are case-sensitive)"
                        + hint(lower, candidates(lower, knownKeys(), ConfigKeys.PREFIX, ".")));
            }
            return false;
        } catch (CertgateConfigException e) {
            if (!profiled) {
                throw e;
            }
            // name the key as it was written, profile and all
            throw new CertgateConfigException(name, e.getMessage().substring(
                    ("certgate configuration: " + e.key() + ": ").length()));
        }
    }

    /**
     * Refuses {@code variable}, certgate's key in its environment-variable spelling, when
     * {@code source} would not give its value for the dotted key: MicroProfile Config maps such
     * names only in the environment source, so in a system property or a properties file
     * ({@code -DCERTGATE_ALLOW_SANS=…}) the value would be silently ignored, the allow-list with it.
     */
    private void readable(ConfigSource source, String variable) {
        // a dotted name whose environment-variable form is the variable (a profile's _ is its %)
        String dotted = (variable.startsWith("_") ? "%" + variable.substring(1) : variable).toLowerCase(Locale.ROOT).replace('_', '.');
        if (!Objects.equals(source.getValue(dotted), source.getValue(variable))) {
            throw new CertgateConfigException(variable, "is the environment-variable spelling of a certgate key, but "
                    + source.getName() + " is no environment source and would not give its value (MicroProfile Config"
                    + " maps such names only for environment variables); write " + dottedKey(variable) + " there, or set"
                    + " the variable in the environment");
        }
    }

    /** The dotted key {@code variable} stands for (a policy or role name lower-cased, as the variable would declare it). */
    private static String dottedKey(String variable) {
        String name = unprofiled(variable).toUpperCase(Locale.ROOT);
        for (String key : knownKeys()) {
            if (ConfigKeys.environmentName(key).equals(name)) {
                return key;
            }
        }
        for (String prefix : List.of(ConfigKeys.POLICY_PREFIX, ConfigKeys.ROLES_PREFIX)) {
            String start = ConfigKeys.environmentName(prefix);
            for (String key : prefix.equals(ConfigKeys.POLICY_PREFIX) ? ConfigKeys.POLICY_KEYS : ConfigKeys.MATCHER_KEYS) {
                String tail = "_" + ConfigKeys.environmentName(key);
                if (name.startsWith(start) && name.endsWith(tail) && name.length() > start.length() + tail.length()) {
                    return prefix + name.substring(start.length(), name.length() - tail.length()).toLowerCase(Locale.ROOT) + "." + key;
                }
            }
        }
        return "its dotted key";
    }

    /**
     * {@code name} without its profile: {@code %prod.certgate.x} is {@code certgate.x}, the variable
     * {@code _PROD_CERTGATE_X} is {@code CERTGATE_X}; any other name as it is.
     */
    static String unprofiled(String name) {
        if (name.startsWith("%")) {
            int dot = name.indexOf('.');
            return dot > 1 ? name.substring(dot + 1) : name;
        }
        if (name.startsWith("_") && name.indexOf('.') < 0) {
            int start = name.toUpperCase(Locale.ROOT).indexOf("_" + ENV_PREFIX, 2);
            return start > 1 ? name.substring(start + 1) : name;
        }
        return name;
    }

    private void dotted(String key, boolean profiled) {
        if (key.startsWith(ConfigKeys.DEMO_PREFIX) || knownKeys().contains(key)) {
            return;
        }
        if (key.startsWith(ConfigKeys.POLICY_PREFIX)) {
            String name = owner(key, ConfigKeys.POLICY_PREFIX, ConfigKeys.POLICY_KEYS, ".");
            dottedNames.add(name);
            (profiled ? profiledPolicies : policies).add(name);
        } else if (key.startsWith(ConfigKeys.ROLES_PREFIX)) {
            String name = role(key, ConfigKeys.ROLES_PREFIX, owner(key, ConfigKeys.ROLES_PREFIX, ConfigKeys.MATCHER_KEYS, "."),
                    ".allow");
            dottedNames.add(name);
            (profiled ? profiledRoles : roles).add(name);
        } else if (key.contains(MP_REST_CLIENT)) {
            // MicroProfile Rest Client's configKey/mp-rest/url, for a client whose configKey starts with certgate.
            return;
        } else {
            throw unknown(key, candidates(key, knownKeys(), ConfigKeys.PREFIX, "."));
        }
    }

    /** Checks {@code variable}; true when it is one of certgate's keys (not the demo's, not a service link). */
    private boolean environment(String variable, boolean profiled) {
        List<String> known = environmentNames(knownKeys());
        if (variable.startsWith(ConfigKeys.environmentName(ConfigKeys.DEMO_PREFIX))) {
            return false;
        }
        if (known.contains(variable)) {
            return true;
        }
        String policyPrefix = ConfigKeys.environmentName(ConfigKeys.POLICY_PREFIX);
        String rolesPrefix = ConfigKeys.environmentName(ConfigKeys.ROLES_PREFIX);
        if (variable.startsWith(policyPrefix)) {
            String name = owner(variable, policyPrefix, environmentNames(ConfigKeys.POLICY_KEYS), "_").toLowerCase(Locale.ROOT);
            environmentNames.add(name);
            (profiled ? profiledPolicies : policies).add(name);
        } else if (variable.startsWith(rolesPrefix)) {
            String name = role(variable, rolesPrefix, owner(variable, rolesPrefix,
                    environmentNames(ConfigKeys.MATCHER_KEYS), "_"), "_ALLOW").toLowerCase(Locale.ROOT);
            environmentNames.add(name);
            (profiled ? profiledRoles : roles).add(name);
        } else if (SERVICE_LINK.matcher(variable).matches()) {
            // Kubernetes' service links for a Service named certgate or certgate-*: not certgate's
            return false;
        } else {
            throw unknown(variable, candidates(variable, known, ENV_PREFIX, "_"));
        }
        return true;
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
        String hint = hint(key, structural(prefix, rest, keys, separator));
        String allow = ConfigKeys.ALLOW.replace(".", separator).toUpperCase(Locale.ROOT);
        for (String suffix : keys) { // a policy allow-list written without its allow. part
            if (suffix.toUpperCase(Locale.ROOT).startsWith(allow)) {
                String bare = separator + suffix.substring(allow.length());
                if (rest.endsWith(bare) && rest.length() > bare.length()) {
                    hint = "; did you mean " + key.substring(0, key.length() - bare.length()) + separator + suffix + "?";
                }
            }
        }
        throw new CertgateConfigException(key, "unknown key; expected " + prefix + "NAME" + separator + "<one of "
                + String.join(", ", keys) + ">" + hint);
    }

    /**
     * A role name; refuses {@code certgate.roles.ROLE.allow.sans}, which would otherwise quietly
     * declare a role named {@code ROLE.allow}: role matchers have no {@code allow.} part.
     */
    private static String role(String key, String prefix, String name, String marker) {
        if (name.endsWith(marker)) {
            int end = prefix.length() + name.length();
            String meant = key.substring(0, end - marker.length()) + key.substring(end);
            throw new CertgateConfigException(key, "unknown key; role matchers have no " + ConfigKeys.ALLOW
                    + " part; did you mean " + meant + "?");
        }
        return name;
    }

    /** {@code known}, plus the policy and role keys {@code key} may have meant with a misspelled middle part. */
    private static List<String> candidates(String key, List<String> known, String prefix, String separator) {
        List<String> out = new ArrayList<>(known);
        int second = key.indexOf(separator, prefix.length());
        if (second > 0) {
            String rest = key.substring(second + 1);
            boolean env = separator.equals("_");
            out.addAll(structural(env ? ConfigKeys.environmentName(ConfigKeys.POLICY_PREFIX) : ConfigKeys.POLICY_PREFIX,
                    rest, env ? environmentNames(ConfigKeys.POLICY_KEYS) : ConfigKeys.POLICY_KEYS, separator));
            out.addAll(structural(env ? ConfigKeys.environmentName(ConfigKeys.ROLES_PREFIX) : ConfigKeys.ROLES_PREFIX,
                    rest, env ? environmentNames(ConfigKeys.MATCHER_KEYS) : ConfigKeys.MATCHER_KEYS, separator));
        }
        return out;
    }

    /** Every {@code prefix NAME separator KEY} whose NAME is a leading part of {@code rest}. */
    private static List<String> structural(String prefix, String rest, List<String> keys, String separator) {
        List<String> out = new ArrayList<>();
        for (int i = rest.indexOf(separator); i > 0; i = rest.indexOf(separator, i + 1)) {
            for (String key : keys) {
                out.add(prefix + rest.substring(0, i) + separator + key);
            }
        }
        return out;
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
        return new CertgateConfigException(key, "unknown key" + hint(key, known));
    }

    /** {@code "; did you mean X?"} for the candidate closest to {@code key}, when one is close. */
    private static String hint(String key, List<String> candidates) {
        String closest = null;
        int best = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(key, candidate);
            if (distance < best) {
                best = distance;
                closest = candidate;
            }
        }
        if (closest == null || best > Math.max(3, key.length() / 4)) {
            return "";
        }
        String variable = closest;
        String dotted = knownKeys().stream().filter(k -> ConfigKeys.environmentName(k).equals(variable)).findFirst()
                .map(k -> " (" + k + ")").orElse("");
        return "; did you mean " + closest + dotted + "?";
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
