package dev.certgate;

import dev.certgate.identity.IdentityMapper;
import dev.certgate.policy.CertificatePolicy;
import dev.certgate.source.CertificateCache.CacheSettings;
import dev.certgate.source.HeaderNames;
import dev.certgate.source.TrustedProxies;
import dev.certgate.trust.TrustSettings;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything certgate's configuration says, validated: what {@code dev.certgate.config} reads
 * from MicroProfile Config once at start-up, or what a program builds by hand.
 *
 * @param sources         {@code certgate.sources}, in order
 * @param trustedProxies  {@code certgate.trusted-proxies}
 * @param defaultPolicy   the policy of a bare {@code @RequireClientCert}
 * @param policies        the named policies, {@code certgate.policy.NAME.*}
 * @param identity        {@code certgate.principal} and {@code certgate.roles.*}
 * @param tokenBinding    {@code certgate.token-binding}
 * @param maxHeaderBytes  {@code certgate.max-header-bytes}
 * @param headers         {@code certgate.xfcc.*} and {@code certgate.headers.*}
 * @param cache           {@code certgate.cache.*}
 * @param trust           {@code certgate.trust.*}: re-verification and revocation
 */
public record CertgateSettings(List<CertificateSource> sources, TrustedProxies trustedProxies,
                               CertificatePolicy defaultPolicy, Map<String, CertificatePolicy> policies,
                               IdentityMapper identity, TokenBinding tokenBinding, int maxHeaderBytes,
                               HeaderNames headers, CacheSettings cache, TrustSettings trust) {

    /** {@code certgate.max-header-bytes} when unset. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 32768;

    /** The settings of an empty configuration: native certificates, any verified one accepted. */
    public static final CertgateSettings DEFAULTS = new CertgateSettings(List.of(CertificateSource.NATIVE),
            TrustedProxies.NONE, CertificatePolicy.DEFAULT, Map.of(), IdentityMapper.DEFAULT,
            TokenBinding.WHEN_PRESENT, DEFAULT_MAX_HEADER_BYTES, HeaderNames.DEFAULTS, CacheSettings.DEFAULTS,
            TrustSettings.NONE);

    public CertgateSettings {
        sources = List.copyOf(sources);
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        Objects.requireNonNull(defaultPolicy, "defaultPolicy");
        policies = Map.copyOf(policies);
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(tokenBinding, "tokenBinding");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(trust, "trust");
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("at least one certificate source is needed");
        }
        if (maxHeaderBytes <= 0) {
            throw new IllegalArgumentException("maxHeaderBytes must be positive");
        }
    }

    /** Settings that re-verify nothing. */
    public CertgateSettings(List<CertificateSource> sources, TrustedProxies trustedProxies,
                            CertificatePolicy defaultPolicy, Map<String, CertificatePolicy> policies,
                            IdentityMapper identity, TokenBinding tokenBinding, int maxHeaderBytes, HeaderNames headers,
                            CacheSettings cache) {
        this(sources, trustedProxies, defaultPolicy, policies, identity, tokenBinding, maxHeaderBytes, headers, cache,
                TrustSettings.NONE);
    }

    /** Settings with the default header names and cache. */
    public CertgateSettings(List<CertificateSource> sources, TrustedProxies trustedProxies,
                            CertificatePolicy defaultPolicy, Map<String, CertificatePolicy> policies,
                            IdentityMapper identity, TokenBinding tokenBinding, int maxHeaderBytes) {
        this(sources, trustedProxies, defaultPolicy, policies, identity, tokenBinding, maxHeaderBytes,
                HeaderNames.DEFAULTS, CacheSettings.DEFAULTS, TrustSettings.NONE);
    }

    /** Settings with the default cache. */
    public CertgateSettings(List<CertificateSource> sources, TrustedProxies trustedProxies,
                            CertificatePolicy defaultPolicy, Map<String, CertificatePolicy> policies,
                            IdentityMapper identity, TokenBinding tokenBinding, int maxHeaderBytes, HeaderNames headers) {
        this(sources, trustedProxies, defaultPolicy, policies, identity, tokenBinding, maxHeaderBytes, headers,
                CacheSettings.DEFAULTS, TrustSettings.NONE);
    }

    /** These settings with {@code defaultPolicy} in place of the default policy. */
    public CertgateSettings withDefaultPolicy(CertificatePolicy defaultPolicy) {
        return new CertgateSettings(sources, trustedProxies, defaultPolicy, policies, identity, tokenBinding,
                maxHeaderBytes, headers, cache, trust);
    }

    /** These settings with {@code trust} in place of the re-verification settings. */
    public CertgateSettings withTrust(TrustSettings trust) {
        return new CertgateSettings(sources, trustedProxies, defaultPolicy, policies, identity, tokenBinding,
                maxHeaderBytes, headers, cache, trust);
    }

    /** The policy {@code @RequireClientCert(name)} applies: {@code ""} is the default policy. */
    public Optional<CertificatePolicy> policy(String name) {
        return name.isEmpty() ? Optional.of(defaultPolicy) : Optional.ofNullable(policies.get(name));
    }
}
