package dev.certgate.config;

import dev.certgate.policy.AllowList;
import dev.certgate.policy.CertificatePolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads policies and roles. A named policy inherits, key by key, every key it does not set from
 * the default policy: {@code certgate.policy.payments.allow.sans} alone keeps the default
 * policy's {@code require-verified}, {@code check-validity} and other allow-lists.
 */
final class PolicyReader {

    private final ConfigValues values;

    PolicyReader(ConfigValues values) {
        this.values = values;
    }

    /** The policy of a bare {@code @RequireClientCert}: {@code certgate.require-verified}, {@code certgate.allow.*}. */
    CertificatePolicy defaultPolicy() {
        return read("", ConfigKeys::defaultPolicyKey);
    }

    /** {@code certgate.policy.NAME.*} over the default policy's keys. */
    CertificatePolicy named(String name) {
        return read(name, key -> {
            String own = ConfigKeys.policyKey(name, key);
            return values.isSet(own) ? own : ConfigKeys.defaultPolicyKey(key);
        });
    }

    /** Each role's matcher, {@code certgate.roles.ROLE.*}. */
    Map<String, AllowList> roles(Set<String> names) {
        Map<String, AllowList> roles = new LinkedHashMap<>();
        for (String role : names) {
            AllowList.Builder matcher = AllowList.builder();
            boolean any = false;
            for (String key : ConfigKeys.MATCHER_KEYS) {
                any |= addList(matcher, key, ConfigKeys.roleKey(role, key));
            }
            if (!any) {
                throw new CertgateConfigException(ConfigKeys.roleKey(role, ConfigKeys.SANS),
                        "role " + role + " has no matcher; set one of " + ConfigKeys.MATCHER_KEYS);
            }
            roles.put(role, matcher.build());
        }
        return roles;
    }

    /** Reads a policy; {@code keyOf} maps a policy key to the config key that holds its value. */
    private CertificatePolicy read(String name, UnaryOperator<String> keyOf) {
        boolean requireVerified = values.bool(keyOf.apply(ConfigKeys.REQUIRE_VERIFIED)).orElse(true);
        boolean checkValidity = values.bool(keyOf.apply(ConfigKeys.CHECK_VALIDITY)).orElse(true);
        AllowList.Builder allow = AllowList.builder();
        for (String key : ConfigKeys.MATCHER_KEYS) {
            addList(allow, key, keyOf.apply(ConfigKeys.ALLOW + key));
        }
        return new CertificatePolicy(name, requireVerified, checkValidity, allow.build(), List.of());
    }

    /** Sets the {@code matcherKey} list of {@code builder} from {@code configKey}; whether it was set. */
    private boolean addList(AllowList.Builder builder, String matcherKey, String configKey) {
        Optional<List<String>> entries = values.list(configKey);
        if (entries.isEmpty()) {
            return false;
        }
        try {
            switch (matcherKey) {
                case ConfigKeys.SUBJECT_CNS -> builder.subjectCns(entries.get());
                case ConfigKeys.ISSUER_CNS -> builder.issuerCns(entries.get());
                case ConfigKeys.FINGERPRINTS -> builder.fingerprints(entries.get());
                case ConfigKeys.SANS -> builder.sans(entries.get());
                default -> throw new IllegalStateException("unknown matcher key " + matcherKey);
            }
        } catch (IllegalArgumentException e) {
            throw values.error(configKey, e);
        }
        return true;
    }
}
