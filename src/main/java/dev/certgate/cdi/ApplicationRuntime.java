package dev.certgate.cdi;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateAuthenticator;
import dev.certgate.config.CertgateConfigException;
import dev.certgate.config.CertgateConfigLoader;
import dev.certgate.config.ConfigKeys;
import dev.certgate.policy.CertificateCheck;
import dev.certgate.policy.CertificatePolicy;
import jakarta.enterprise.inject.spi.CDI;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;

/**
 * What every adapter of one application shares, built once: the settings (MicroProfile Config read
 * and validated once), the one {@link CertificateAuthenticator} (one resolver with its certificate
 * cache, one re-verifier with its CRLs and OCSP cache, one audit trail), and the policies with the
 * application's {@link CertificateCheck} beans. The JAX-RS guards and the token binding reach it
 * through {@code dev.certgate.jaxrs.CertgateRuntime}; the Jakarta Security mechanism gets it as a
 * bean. With the mechanism enabled its CDI extension builds the one instance and offers it as a
 * bean ({@link #shared()}), so the mechanism and the JAX-RS filters of the application use one
 * runtime and a request's certificate is resolved once.
 *
 * <p>CDI (the checks, the event observers) is looked up once, on first use, not on construction,
 * so a runtime may be built before the CDI container is up; without CDI there are no checks and no
 * events. Nothing is static. Thread-safe.
 */
public final class ApplicationRuntime {

    private static final System.Logger LOG = System.getLogger("dev.certgate");

    private final CertgateSettings settings;
    private final Config config; // null when the settings were given: no named policy is looked up by its keys
    private final Map<String, CertificatePolicy> policies = new ConcurrentHashMap<>();
    private volatile Wiring wiring;

    private ApplicationRuntime(CertgateSettings settings, Config config) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.config = config;
    }

    /** A runtime over {@code settings} as they are; no MicroProfile Config is read. */
    public static ApplicationRuntime of(CertgateSettings settings) {
        return new ApplicationRuntime(settings, null);
    }

    /**
     * A runtime over {@code certgate.*} from {@code config}, read and validated now.
     *
     * @throws CertgateConfigException naming the first key whose value is wrong
     */
    public static ApplicationRuntime fromConfig(Config config) {
        return new ApplicationRuntime(CertgateConfigLoader.load(config), Objects.requireNonNull(config, "config"));
    }

    /** The runtime the application's CDI container offers (certgate's mechanism is enabled), if any. */
    public static Optional<ApplicationRuntime> shared() {
        try {
            var bean = CDI.current().select(ApplicationRuntime.class);
            return bean.isResolvable() ? Optional.of(bean.get()) : Optional.empty();
        } catch (IllegalStateException | LinkageError e) {
            return Optional.empty(); // no CDI container
        }
    }

    public CertgateSettings settings() {
        return settings;
    }

    /** The one authenticator of this application, telling the CDI observers of every decision. */
    public CertificateAuthenticator authenticator() {
        return wiring().authenticator;
    }

    /** The application's {@code CertificateCheck} beans; empty without CDI. */
    public List<CertificateCheck> checks() {
        return wiring().checks;
    }

    /**
     * The policy {@code @RequireClientCert(name)} on {@code resource} applies ({@code ""}: the default
     * policy), with the application's checks; built once per name.
     *
     * @throws CertgateConfigException when no such policy is configured
     */
    public CertificatePolicy policy(String name, String resource) {
        return policies.computeIfAbsent(name, n -> configured(n, resource).withChecks(checks()));
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
        final List<CertificateCheck> checks;
        final CertificateAuthenticator authenticator;

        Wiring(CertgateSettings settings) {
            this.checks = lookUpChecks();
            this.authenticator = CertificateAuthenticator.of(settings, Clock.systemUTC(), CdiEventListener.lookup());
        }

        private static List<CertificateCheck> lookUpChecks() {
            List<CertificateCheck> checks = new ArrayList<>();
            try {
                CDI.current().select(CertificateCheck.class).forEach(checks::add);
            } catch (IllegalStateException | LinkageError e) {
                LOG.log(Level.DEBUG, "certgate: no CDI container; CertificateCheck beans are unavailable");
            }
            return List.copyOf(checks);
        }
    }
}
