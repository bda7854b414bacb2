package dev.certgate.security;

import dev.certgate.cdi.ApplicationRuntime;
import dev.certgate.config.CertgateConfigException;
import dev.certgate.config.CertgateConfigLoader;
import dev.certgate.config.ConfigKeys;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.util.AnnotationLiteral;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The opt-in: with {@code certgate.mechanism.enabled=true} in the application's MicroProfile
 * Config, adds {@link CertgateAuthenticationMechanism} and {@link CertgateIdentityStore} as
 * application-scoped beans, so the container finds a Jakarta Security mechanism and logs callers
 * in by their certificate, and offers the application's {@link ApplicationRuntime} as a bean, so
 * the mechanism and certgate's JAX-RS filters share one configuration, one authenticator and one
 * resolution per request. Without it (the default) nothing is added and the application behaves
 * exactly as without this extension.
 *
 * <p>Beside MicroProfile JWT: the mechanism is an enabled alternative ({@code @Priority}), so the
 * container resolves it rather than the MP JWT mechanism bean Payara or WildFly adds for
 * {@code @LoginConfig(authMethod = "MP-JWT")}, and hands that one every request that carries a
 * bearer token ({@link MpJwtMechanisms}).
 *
 * <p>Fails the deployment with a message naming {@code certgate.mechanism.enabled}: for a value other
 * than {@code true}/{@code false}, any bad certgate key once enabled, another mechanism that is not
 * MP JWT's (Jakarta Security 3.0 gives an application one), and MP JWT verification keys with no MP
 * JWT mechanism to hand tokens to (Open Liberty: its {@code mpJwt} cannot run beside a Jakarta
 * Security mechanism), where bearer tokens would otherwise be silently ignored.
 *
 * <p>Registered in {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}.
 */
public final class CertgateMechanismExtension implements Extension {

    private static final System.Logger LOG = System.getLogger("dev.certgate");
    /** The mechanism's alternative priority: before the application's own alternatives, above any plain bean. */
    static final int PRIORITY = 1000; // jakarta.interceptor.Interceptor.Priority.LIBRARY_BEFORE

    private boolean enabled;
    private volatile ApplicationRuntime runtime;

    void addMechanism(@Observes BeforeBeanDiscovery event) {
        Optional<Config> config = config();
        if (config.isEmpty()) {
            LOG.log(Level.DEBUG, "certgate: no MicroProfile Config; the Jakarta Security mechanism stays off");
            return;
        }
        enabled = CertgateConfigLoader.mechanismEnabled(config.get());
        if (enabled) {
            event.addAnnotatedType(CertgateAuthenticationMechanism.class, CertgateAuthenticationMechanism.class.getName())
                    .add(ApplicationScoped.Literal.INSTANCE).add(Alternative.Literal.INSTANCE).add(new PriorityLiteral(PRIORITY));
            event.addAnnotatedType(CertgateIdentityStore.class, CertgateIdentityStore.class.getName())
                    .add(ApplicationScoped.Literal.INSTANCE);
            LOG.log(Level.INFO, "certgate: Jakarta Security mechanism enabled (certgate.mechanism.enabled=true)");
        }
    }

    /** The application's runtime as a bean: the one instance {@link #validateConfiguration} built. */
    void addRuntime(@Observes AfterBeanDiscovery event) {
        if (enabled) {
            event.addBean().types(ApplicationRuntime.class, Object.class).scope(Dependent.class)
                    .beanClass(ApplicationRuntime.class).createWith(context -> runtime());
        }
    }

    /**
     * Fails the deployment, not the first request, on a bad certgate key, on another mechanism that
     * is not MP JWT's, and on MP JWT without a mechanism certgate can hand its tokens to; reads the
     * configuration once, for the whole application.
     */
    void validateConfiguration(@Observes AfterDeploymentValidation event, BeanManager beans) {
        if (!enabled) {
            return;
        }
        Config config = ConfigProvider.getConfig();
        List<Bean<?>> others = MpJwtMechanisms.others(beans);
        Optional<Bean<?>> mpJwt = MpJwtMechanisms.find(beans);
        Optional<String> jwtKey = MpJwtMechanisms.configuredKey(config);
        if (!others.isEmpty() && mpJwt.isEmpty()) {
            event.addDeploymentProblem(new CertgateConfigException(ConfigKeys.MECHANISM_ENABLED,
                    "is true, but the application has another authentication mechanism "
                            + others.stream().map(MpJwtMechanisms::name).toList()
                            + "; an application has one (Jakarta Security 3.0), and certgate shares it only with"
                            + " MicroProfile JWT's. Drop this key and keep @RequireClientCert, or drop the other mechanism"));
        } else if (mpJwt.isEmpty() && jwtKey.isPresent()) {
            event.addDeploymentProblem(new CertgateConfigException(ConfigKeys.MECHANISM_ENABLED,
                    "is true and MicroProfile JWT is configured (" + jwtKey.get() + "), but there is no MP JWT"
                            + " mechanism to hand bearer tokens to, so they would be ignored: on Payara and WildFly"
                            + " annotate the Application with @LoginConfig(authMethod = \"MP-JWT\"); Open Liberty's mpJwt"
                            + " cannot run beside a Jakarta Security mechanism, so there drop this key and keep"
                            + " @RequireClientCert (the token's caller stays, the certificate is still checked)"));
        } else if (mpJwt.isPresent()) {
            LOG.log(Level.INFO, () -> "certgate: requests with a bearer token (" + BearerTokens.of(config)
                    + ") go to MicroProfile JWT's mechanism " + MpJwtMechanisms.name(mpJwt.get()) + "; all others are logged in by certificate");
        }
        try {
            runtime = ApplicationRuntime.fromConfig(config);
        } catch (CertgateConfigException e) {
            event.addDeploymentProblem(e);
        }
    }

    /** Whether this deployment opted in. */
    public boolean enabled() {
        return enabled;
    }

    /** The application's runtime; built here when a bean asks before deployment validation did. */
    private ApplicationRuntime runtime() {
        ApplicationRuntime r = runtime;
        if (r == null) {
            synchronized (this) {
                r = runtime;
                if (r == null) {
                    r = ApplicationRuntime.fromConfig(ConfigProvider.getConfig());
                    runtime = r;
                }
            }
        }
        return r;
    }

    private static Optional<Config> config() {
        try {
            return Optional.of(ConfigProvider.getConfig());
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** {@code @Priority(value)}, for the mechanism's annotated type. */
    @SuppressWarnings("all")
    private static final class PriorityLiteral extends AnnotationLiteral<Priority> implements Priority {
        private final int value;

        PriorityLiteral(int value) {
            this.value = value;
        }

        @Override
        public int value() {
            return value;
        }
    }
}
