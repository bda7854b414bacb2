package dev.certgate.security;

import dev.certgate.config.CertgateConfigException;
import dev.certgate.config.CertgateConfigLoader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.lang.System.Logger.Level;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The opt-in: with {@code certgate.mechanism.enabled=true} in the application's MicroProfile
 * Config, adds {@link CertgateAuthenticationMechanism} and {@link CertgateIdentityStore} as
 * application-scoped beans, so the container finds a Jakarta Security mechanism and logs callers
 * in by their certificate. Without it (the default) nothing is added and the application behaves
 * exactly as without this extension. A value other than {@code true}/{@code false}, and any bad
 * certgate key once enabled, fail the deployment with a message naming the key.
 *
 * <p>Registered in {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}.
 */
public final class CertgateMechanismExtension implements Extension {

    private static final System.Logger LOG = System.getLogger("dev.certgate");

    private boolean enabled;

    void addMechanism(@Observes BeforeBeanDiscovery event) {
        Config config;
        try {
            config = ConfigProvider.getConfig();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.DEBUG, "certgate: no MicroProfile Config; the Jakarta Security mechanism stays off");
            return;
        }
        enabled = CertgateConfigLoader.mechanismEnabled(config);
        if (enabled) {
            event.addAnnotatedType(CertgateAuthenticationMechanism.class, CertgateAuthenticationMechanism.class.getName())
                    .add(ApplicationScoped.Literal.INSTANCE);
            event.addAnnotatedType(CertgateIdentityStore.class, CertgateIdentityStore.class.getName())
                    .add(ApplicationScoped.Literal.INSTANCE);
            LOG.log(Level.INFO, "certgate: Jakarta Security mechanism enabled (certgate.mechanism.enabled=true)");
        }
    }

    /** Fails the deployment, not the first request, on a bad certgate key. */
    void validateConfiguration(@Observes AfterDeploymentValidation event) {
        if (!enabled) {
            return;
        }
        try {
            CertgateConfigLoader.load(ConfigProvider.getConfig());
        } catch (CertgateConfigException e) {
            event.addDeploymentProblem(e);
        }
    }

    /** Whether this deployment opted in. */
    public boolean enabled() {
        return enabled;
    }
}
