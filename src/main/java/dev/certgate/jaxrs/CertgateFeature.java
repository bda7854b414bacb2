package dev.certgate.jaxrs;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateAuthenticator;
import dev.certgate.config.CertgateConfigException;
import dev.certgate.config.CertgateConfigLoader;
import dev.certgate.config.ConfigKeys;
import dev.certgate.policy.CertificatePolicy;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Registers certgate's filter on every resource method guarded by {@link RequireClientCert}, with
 * the policy the annotation names, resolved once per method at deployment. Found by scanning as a
 * {@code @Provider}; an application listing its classes adds this class.
 *
 * <p>Configuration is read once, on the first guarded method, from MicroProfile Config
 * ({@link #CertgateFeature()}) or given ({@link #CertgateFeature(CertgateSettings)}). Deployment
 * fails with a {@link CertgateConfigException} on any bad value and on a policy named by an
 * annotation but not configured. {@code CertificateCheck} CDI beans are added to every policy,
 * and each decision is fired to the application's {@code CertificateAuthenticationEvent} observers.
 */
@Provider
public final class CertgateFeature implements DynamicFeature {

    /**
     * Request property an embedding container sets to the socket peer's {@link java.net.InetAddress}
     * (or its literal text), for the header sources' trusted-proxy check. Never set it from a header.
     */
    public static final String PEER_ADDRESS_PROPERTY = "dev.certgate.peer-address";

    private final CertgateSettings given;
    private final Map<String, CertificatePolicy> policies = new ConcurrentHashMap<>();
    private volatile Deployment deployment;

    /** Reads {@code certgate.*} from {@link ConfigProvider#getConfig()} when the first guarded method deploys. */
    public CertgateFeature() {
        this.given = null;
    }

    /** Uses {@code settings} as they are; no MicroProfile Config is read. */
    public CertgateFeature(CertgateSettings settings) {
        this.given = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        Method method = resourceInfo.getResourceMethod();
        Class<?> resourceClass = resourceInfo.getResourceClass();
        Optional<RequireClientCert> guard = GuardLookup.find(resourceClass, method);
        if (guard.isEmpty()) {
            return;
        }
        String resource = (resourceClass != null ? resourceClass.getName() : "?")
                + "#" + (method != null ? method.getName() : "?");
        Deployment d = deployment();
        CertificatePolicy policy = policies.computeIfAbsent(guard.get().value(), name -> d.policy(name, resource));
        context.register(new CertificateFilter(d.authenticator, policy, d.cdi, resource), Priorities.AUTHENTICATION);
    }

    private Deployment deployment() {
        Deployment d = deployment;
        if (d == null) {
            synchronized (this) {
                d = deployment;
                if (d == null) {
                    d = given != null ? new Deployment(given, null) : Deployment.fromConfig();
                    deployment = d;
                }
            }
        }
        return d;
    }

    /** Everything read once: settings, the authenticator, what CDI offers. */
    private static final class Deployment {
        final CertgateSettings settings;
        final Config config;
        final CertificateAuthenticator authenticator;
        final CdiBridge cdi;

        Deployment(CertgateSettings settings, Config config) {
            this.settings = settings;
            this.config = config;
            this.cdi = CdiBridge.lookup();
            this.authenticator = CertificateAuthenticator.of(settings, Clock.systemUTC(), cdi.events());
        }

        static Deployment fromConfig() {
            Config config;
            try {
                config = ConfigProvider.getConfig();
            } catch (RuntimeException | LinkageError e) {
                throw new IllegalStateException("certgate: no MicroProfile Config implementation is available;"
                        + " add one, or register new CertgateFeature(settings)", e);
            }
            return new Deployment(CertgateConfigLoader.load(config), config);
        }

        CertificatePolicy policy(String name, String resource) {
            Optional<CertificatePolicy> policy = settings.policy(name);
            if (policy.isEmpty() && config != null) {
                policy = CertgateConfigLoader.namedPolicy(config, name);
            }
            return policy.orElseThrow(() -> new CertgateConfigException(ConfigKeys.POLICY_PREFIX + name,
                    "@RequireClientCert(\"" + name + "\") on " + resource + " names a policy that is not configured;"
                            + " set at least one of its keys, e.g. " + ConfigKeys.policyKey(name, "allow.sans")))
                    .withChecks(cdi.checks());
        }
    }
}
