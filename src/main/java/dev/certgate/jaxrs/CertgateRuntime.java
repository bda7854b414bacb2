package dev.certgate.jaxrs;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateAuthenticator;
import dev.certgate.config.CertgateConfigException;
import dev.certgate.config.CertgateConfigLoader;
import dev.certgate.config.ConfigKeys;
import dev.certgate.policy.CertificatePolicy;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.FeatureContext;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * One application's certgate, built once: its settings (MicroProfile Config read and validated
 * once), the one {@link CertificateAuthenticator} that every {@code @RequireClientCert} guard and
 * the token binding share (one resolver with its certificate caches, one re-verifier with its
 * CRLs and OCSP cache, one audit trail), and what CDI offers (the {@code CertificateCheck} beans,
 * the request-scoped {@code ClientCertificate}, the event observers).
 *
 * <p>{@link CertgateFeature} and {@code dev.certgate.jwt.TokenBindingFeature} of one application
 * use one runtime: give both the same one ({@code new CertgateFeature(runtime)},
 * {@code new TokenBindingFeature(runtime)}), or let them find it. {@code TokenBindingFeature}, a
 * {@code Feature} and so configured before any resource method, publishes the runtime it uses as
 * the application property {@value #PROPERTY} ({@link #publish}); the no-argument
 * {@code CertgateFeature}, a {@code DynamicFeature}, takes that one ({@link #published}) and builds
 * its own from MicroProfile Config only when there is none (no token binding feature, or no MP JWT
 * API). Nothing is static: every application, every test server in one JVM, has its own.
 *
 * <p>CDI is looked up once, on first use (when the first guarded method or the token binding
 * deploys), not on construction, so a runtime may be built before the CDI container is up.
 * Thread-safe.
 */
public final class CertgateRuntime {

    /** Application property holding the runtime a {@code Feature} of certgate published. */
    public static final String PROPERTY = "dev.certgate.runtime";

    private final CertgateSettings settings;
    private final Config config; // null when the settings were given: no named policy is looked up by its keys
    private final Map<String, CertificatePolicy> policies = new ConcurrentHashMap<>();
    private volatile Wiring wiring;

    private CertgateRuntime(CertgateSettings settings, Config config) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.config = config;
    }

    /** A runtime over {@code settings} as they are; no MicroProfile Config is read. */
    public static CertgateRuntime of(CertgateSettings settings) {
        return new CertgateRuntime(settings, null);
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
        return new CertgateRuntime(CertgateConfigLoader.load(config), Objects.requireNonNull(config, "config"));
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
        return settings;
    }

    /** The one authenticator of this application, telling the CDI observers of every decision. */
    public CertificateAuthenticator authenticator() {
        return wiring().authenticator;
    }

    CdiBridge cdi() {
        return wiring().cdi;
    }

    /**
     * The policy {@code @RequireClientCert(name)} on {@code resource} applies, with the CDI
     * {@code CertificateCheck} beans; built once per name.
     *
     * @throws CertgateConfigException when no such policy is configured
     */
    CertificatePolicy policy(String name, String resource) {
        return policies.computeIfAbsent(name, n -> configured(n, resource).withChecks(cdi().checks()));
    }

    private CertificatePolicy configured(String name, String resource) {
        Optional<CertificatePolicy> policy = settings.policy(name);
        if (policy.isEmpty() && config != null) {
            policy = CertgateConfigLoader.namedPolicy(config, name);
        }
        return policy.orElseThrow(() -> new CertgateConfigException(ConfigKeys.POLICY_PREFIX + name,
                "@RequireClientCert(\"" + name + "\") on " + resource + " names a policy that is not configured;"
                        + " set at least one of its keys, e.g. " + ConfigKeys.policyKey(name, "allow.sans")));
    }

    private Wiring wiring() {
        Wiring w = wiring;
        if (w == null) {
            synchronized (this) {
                w = wiring;
                if (w == null) {
                    w = new Wiring(settings);
                    wiring = w;
                }
            }
        }
        return w;
    }

    /** What needs CDI, looked up once. */
    private static final class Wiring {
        final CdiBridge cdi;
        final CertificateAuthenticator authenticator;

        Wiring(CertgateSettings settings) {
            this.cdi = CdiBridge.lookup();
            this.authenticator = CertificateAuthenticator.of(settings, Clock.systemUTC(), cdi.events());
        }
    }
}
