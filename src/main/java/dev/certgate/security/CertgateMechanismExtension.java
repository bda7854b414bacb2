package dev.certgate.security;

import dev.certgate.config.CertgateConfigException;
import dev.certgate.config.CertgateConfigLoader;
import dev.certgate.config.ConfigKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import java.lang.System.Logger.Level;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The opt-in: with {@code certgate.mechanism.enabled=true} in the application's MicroProfile
 * Config, adds {@link CertgateAuthenticationMechanism} and {@link CertgateIdentityStore} as
 * application-scoped beans, so the container finds a Jakarta Security mechanism and logs callers
 * in by their certificate. Without it (the default) nothing is added and the application behaves
 * exactly as without this extension. A value other than {@code true}/{@code false}, any bad
 * certgate key once enabled, and a second mechanism beside certgate's fail the deployment with a
 * message naming the key.
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

    /**
     * Fails the deployment, not the first request, on a bad certgate key, and when the application
     * has a second mechanism the container would resolve (Payara's MP JWT is one): Jakarta Security
     * 3.0 gives an application one, and which of two would run is left to the server.
     */
    void validateConfiguration(@Observes AfterDeploymentValidation event, BeanManager beans) {
        if (!enabled) {
            return;
        }
        List<String> others = beans.getBeans(HttpAuthenticationMechanism.class).stream()
                .map(Bean::getBeanClass).filter(type -> type != CertgateAuthenticationMechanism.class)
                .map(Class::getName).toList();
        if (!others.isEmpty()) {
            event.addDeploymentProblem(new CertgateConfigException(ConfigKeys.MECHANISM_ENABLED,
                    "is true, but the application has another authentication mechanism " + others
                            + "; an application has one (Jakarta Security 3.0). With MP JWT, drop this key and keep"
                            + " @RequireClientCert: the token's caller stays, the certificate is still checked"));
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
