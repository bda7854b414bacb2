package dev.certgate.config;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateSource;
import dev.certgate.TokenBinding;
import dev.certgate.identity.IdentityMapper;
import dev.certgate.identity.PrincipalKind;
import dev.certgate.policy.CertificatePolicy;
import dev.certgate.source.CertificateCache.CacheSettings;
import dev.certgate.source.CertificateReaders;
import dev.certgate.source.HeaderNames;
import dev.certgate.source.TrustedProxies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * Reads every {@code certgate.*} key from MicroProfile Config, once, at start-up, and turns it into
 * validated {@link CertgateSettings}. The first bad value stops start-up with a
 * {@link CertgateConfigException} naming its key: an unknown key, a malformed fingerprint, SAN or
 * CIDR, an unknown source or principal kind, a non-boolean flag, a header source without trusted
 * proxies, an allow-list set to nothing.
 */
public final class CertgateConfigLoader {

    private static final System.Logger LOG = System.getLogger("dev.certgate");

    /** Upper bound of {@code certgate.max-header-bytes}: 1 MiB. */
    static final int MAX_HEADER_BYTES_LIMIT = 1 << 20;
    /** Upper bounds of the certificate cache. */
    static final int MAX_CACHE_ENTRIES = 10_000_000;
    static final Duration MAX_CACHE_TTL = Duration.ofDays(1);

    private CertgateConfigLoader() {
    }

    /**
     * Reads and validates every certgate key.
     *
     * @throws CertgateConfigException naming the first key whose value is wrong
     */
    public static CertgateSettings load(Config config) {
        ConfigValues values = new ConfigValues(config);
        ConfigNames names = ConfigNames.scan(config);

        PolicyReader policies = new PolicyReader(values);
        CertificatePolicy defaultPolicy = policies.defaultPolicy();
        Map<String, CertificatePolicy> named = new LinkedHashMap<>();
        for (String name : names.policies()) {
            named.put(name, policies.named(name));
        }

        List<CertificateSource> sources = sources(values);
        TrustedProxies proxies = trustedProxies(values, sources);
        HeaderNames headers = ForwardedHeaders.read(values);
        IdentityMapper identity = new IdentityMapper(principal(values), policies.roles(names.roles()));
        TokenBinding tokenBinding = values.choice(ConfigKeys.TOKEN_BINDING, TokenBinding::fromConfigName,
                Arrays.stream(TokenBinding.values()).map(TokenBinding::configName).toList())
                .orElse(TokenBinding.WHEN_PRESENT);
        int maxHeaderBytes = values.integer(ConfigKeys.MAX_HEADER_BYTES, 1, MAX_HEADER_BYTES_LIMIT)
                .orElse(CertgateSettings.DEFAULT_MAX_HEADER_BYTES);

        mechanismEnabled(values);
        CertgateSettings settings = new CertgateSettings(sources, proxies, defaultPolicy, named, identity,
                tokenBinding, maxHeaderBytes, headers, cache(values), TrustReader.read(values));
        try {
            CertificateReaders.resolver(settings);
        } catch (IllegalArgumentException e) {
            throw values.error(ConfigKeys.SOURCES, e);
        }
        return settings;
    }

    /**
     * The policy {@code name}, read directly by its keys: for a name the scan of property names
     * could not find (say {@code my-policy} set only as {@code CERTGATE_POLICY_MY_POLICY_ALLOW_SANS}).
     *
     * @return empty when none of the policy's keys is set
     * @throws CertgateConfigException when one of its values is wrong
     */
    public static Optional<CertificatePolicy> namedPolicy(Config config, String name) {
        ConfigValues values = new ConfigValues(config);
        boolean declared = ConfigKeys.POLICY_KEYS.stream().anyMatch(k -> values.isSet(ConfigKeys.policyKey(name, k)));
        return declared ? Optional.of(new PolicyReader(values).named(name)) : Optional.empty();
    }

    /**
     * {@code certgate.mechanism.enabled}: whether the application opted in to certgate's Jakarta
     * Security mechanism. {@code false} when unset.
     *
     * @throws CertgateConfigException when the value is not {@code true} or {@code false}
     */
    public static boolean mechanismEnabled(Config config) {
        return mechanismEnabled(new ConfigValues(config));
    }

    private static boolean mechanismEnabled(ConfigValues values) {
        return values.bool(ConfigKeys.MECHANISM_ENABLED).orElse(false);
    }

    private static CacheSettings cache(ConfigValues values) {
        CacheSettings d = CacheSettings.DEFAULTS;
        int maxEntries = values.integer(ConfigKeys.CACHE_MAX_ENTRIES, 0, MAX_CACHE_ENTRIES).orElse(d.maxEntries());
        Duration ttl = values.duration(ConfigKeys.CACHE_TTL, "PT10M").orElse(d.ttl());
        if (ttl.isNegative() || ttl.compareTo(MAX_CACHE_TTL) > 0) {
            throw values.error(ConfigKeys.CACHE_TTL, ttl + " is out of range; use PT0S to " + MAX_CACHE_TTL);
        }
        return new CacheSettings(maxEntries, ttl);
    }

    private static List<CertificateSource> sources(ConfigValues values) {
        Optional<List<String>> entries = values.list(ConfigKeys.SOURCES);
        if (entries.isEmpty()) {
            return List.of(CertificateSource.NATIVE);
        }
        Set<CertificateSource> sources = new LinkedHashSet<>();
        for (String entry : entries.get()) {
            CertificateSource source = CertificateSource.fromConfigName(entry).orElseThrow(() -> values.error(
                    ConfigKeys.SOURCES, "'" + entry + "' is not a source; use " + String.join(", ",
                            Arrays.stream(CertificateSource.values()).map(CertificateSource::configName).toList())));
            if (!sources.add(source)) {
                throw values.error(ConfigKeys.SOURCES, "'" + entry + "' is listed twice");
            }
        }
        return new ArrayList<>(sources);
    }

    private static TrustedProxies trustedProxies(ConfigValues values, List<CertificateSource> sources) {
        TrustedProxies proxies;
        try {
            proxies = values.list(ConfigKeys.TRUSTED_PROXIES).map(TrustedProxies::parse).orElse(TrustedProxies.NONE);
        } catch (IllegalArgumentException e) {
            throw values.error(ConfigKeys.TRUSTED_PROXIES, e);
        }
        Optional<CertificateSource> forwarded = sources.stream().filter(CertificateSource::forwarded).findFirst();
        if (forwarded.isPresent() && proxies.isEmpty()) {
            throw new CertgateConfigException(ConfigKeys.TRUSTED_PROXIES, "is empty, but " + ConfigKeys.SOURCES
                    + " lists '" + forwarded.get().configName() + "', which reads headers that anyone reaching the"
                    + " application could forge; list the CIDRs of the proxies that set them");
        }
        List<String> catchAll = proxies.catchAll();
        if (forwarded.isPresent() && !catchAll.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, ConfigKeys.TRUSTED_PROXIES + " lists " + String.join(", ", catchAll)
                    + ": every peer of that address family counts as a trusted proxy, so anyone who can reach the"
                    + " application can forge the certificate headers of " + ConfigKeys.SOURCES + "; list the"
                    + " proxies' own addresses, unless nothing but the proxy can reach the application");
        }
        return proxies;
    }

    private static List<PrincipalKind> principal(ConfigValues values) {
        Optional<List<String>> entries = values.list(ConfigKeys.PRINCIPAL);
        if (entries.isEmpty()) {
            return PrincipalKind.DEFAULT_ORDER;
        }
        Set<PrincipalKind> kinds = new LinkedHashSet<>();
        for (String entry : entries.get()) {
            PrincipalKind kind = PrincipalKind.fromConfigName(entry).orElseThrow(() -> values.error(ConfigKeys.PRINCIPAL,
                    "'" + entry + "' is not a principal kind; use " + String.join(", ",
                            Arrays.stream(PrincipalKind.values()).map(PrincipalKind::configName).toList())));
            if (!kinds.add(kind)) {
                throw values.error(ConfigKeys.PRINCIPAL, "'" + entry + "' is listed twice");
            }
        }
        return new ArrayList<>(kinds);
    }
}
