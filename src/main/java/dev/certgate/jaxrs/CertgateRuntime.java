package dev.certgate.jaxrs;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateAuthenticator;
import dev.certgate.cdi.ApplicationRuntime;
import dev.certgate.cdi.CdiBridge;
import dev.certgate.config.CertgateConfigException;
import dev.certgate.policy.CertificatePolicy;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.FeatureContext;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * One application's certgate for JAX-RS: its {@link ApplicationRuntime} — the settings
 * (MicroProfile Config read and validated once), the one {@link CertificateAuthenticator} that every
 * {@code @RequireClientCert} guard, the token binding and (when enabled) the Jakarta Security
 * mechanism share (one resolver with its certificate caches, one re-verifier with its CRLs and OCSP
 * cache, one audit trail), the policies with the {@code CertificateCheck} beans — and the
 * request-scoped {@code ClientCertificate} the guards publish to.
 *
 * <p>{@link CertgateFeature} and {@code dev.certgate.jwt.TokenBindingFeature} of one application
 * use one runtime: give both the same one ({@code new CertgateFeature(runtime)},
 * {@code new TokenBindingFeature(runtime)}), or let them find it ({@link #forApplication}).
 * {@code TokenBindingFeature}, a {@code Feature} and so configured before any resource method,
 * publishes the runtime it uses as the application property {@value #PROPERTY} ({@link #publish});
 * the no-argument {@code CertgateFeature}, a {@code DynamicFeature}, takes that one
 * ({@link #published}). Without a published one, both take the {@link ApplicationRuntime} that
 * certgate's Jakarta Security mechanism shares through CDI ({@code certgate.mechanism.enabled=true}),
 * so mechanism and guards resolve a request's certificate once; else they read MicroProfile Config.
 * Nothing is static: every application, every test server in one JVM, has its own.
 *
 * <p>CDI is looked up once, on first use (when the first guarded method or the token binding
 * deploys), not on construction, so a runtime may be built before the CDI container is up.
 * Thread-safe.
 */
public final class CertgateRuntime {

    /** Application property holding the runtime a {@code Feature} of certgate published. */
    public static final String PROPERTY = "dev.certgate.runtime";

    private final ApplicationRuntime shared;
    private volatile CdiBridge cdi;

    private CertgateRuntime(ApplicationRuntime shared) {
        this.shared = Objects.requireNonNull(shared, "shared");
    }

    /** A runtime over {@code settings} as they are; no MicroProfile Config is read. */
    public static CertgateRuntime of(CertgateSettings settings) {
        return new CertgateRuntime(ApplicationRuntime.of(settings));
    }

    /** A runtime over {@code shared}, the application's runtime that other adapters (the mechanism) use too. */
    public static CertgateRuntime of(ApplicationRuntime shared) {
        return new CertgateRuntime(shared);
    }

    /**
     * A runtime over {@code certgate.*} from {@link ConfigProvider#getConfig()}, read and validated now.
     *
     * @throws CertgateConfigException naming the first key whose value is wrong
     * @throws IllegalStateException   when no MicroProfile Config implementation is available
     */
    public static CertgateRuntime fromConfig() {
        Config config;
        try {
            config = ConfigProvider.getConfig();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("certgate: no MicroProfile Config implementation is available;"
                    + " add one, or register the features with CertgateRuntime.of(settings)", e);
        }
        return fromConfig(config);
    }

    /**
     * A runtime over {@code certgate.*} from {@code config}, read and validated now.
     *
     * @throws CertgateConfigException naming the first key whose value is wrong
     */
    public static CertgateRuntime fromConfig(Config config) {
        return new CertgateRuntime(ApplicationRuntime.fromConfig(config));
    }

    /**
     * The runtime of the application {@code configuration} belongs to, for a feature built without
     * one: the one a {@code Feature} published, else one over the {@link ApplicationRuntime#shared()
     * shared} runtime of certgate's mechanism, else one read from MicroProfile Config now.
     *
     * @throws CertgateConfigException naming the first key whose value is wrong
     * @throws IllegalStateException   when it must read the configuration and there is no MicroProfile Config
     */
    public static CertgateRuntime forApplication(Configuration configuration) {
        return published(configuration)
                .or(() -> ApplicationRuntime.shared().map(CertgateRuntime::of))
                .orElseGet(CertgateRuntime::fromConfig);
    }

    /**
     * Publishes {@code runtime} as the runtime of the application {@code context} configures (a
     * {@code Feature}'s context), for the application's other certgate features; a runtime
     * published before stays.
     */
    public static void publish(FeatureContext context, CertgateRuntime runtime) {
        if (published(context.getConfiguration()).isEmpty()) {
            context.property(PROPERTY, Objects.requireNonNull(runtime, "runtime"));
        }
    }

    /** The runtime a {@code Feature} published in {@code configuration}, if any. */
    public static Optional<CertgateRuntime> published(Configuration configuration) {
        Object value = configuration == null ? null : configuration.getProperty(PROPERTY);
        return value instanceof CertgateRuntime runtime ? Optional.of(runtime) : Optional.empty();
    }

    public CertgateSettings settings() {
        return shared.settings();
    }

    /** The one authenticator of this application, telling the CDI observers of every decision. */
    public CertificateAuthenticator authenticator() {
        return shared.authenticator();
    }

    /** What this runtime shares with the application's other adapters. */
    public ApplicationRuntime shared() {
        return shared;
    }

    /** Where accepted certificates are published for {@code @Inject ClientCertificate}; looked up once. */
    CdiBridge cdi() {
        CdiBridge c = cdi;
        if (c == null) {
            c = CdiBridge.lookup();
            cdi = c;
        }
        return c;
    }

    /**
     * The policy {@code @RequireClientCert(name)} on {@code resource} applies, with the CDI
     * {@code CertificateCheck} beans; built once per name.
     *
     * @throws CertgateConfigException when no such policy is configured
     */
    CertificatePolicy policy(String name, String resource) {
        return shared.policy(name, resource);
    }
}
