package dev.certgate.jwt;

import dev.certgate.CertgateSettings;
import dev.certgate.binding.TokenBindingCheck;
import dev.certgate.config.CertgateConfigException;
import dev.certgate.config.CertgateConfigLoader;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Installs {@code certgate.token-binding} (RFC 8705 section 3) for every resource of the
 * application: {@link TokenBindingFilter} and its {@link TokenBindingFilter.Recheck}, as global
 * filters, so unguarded resources are covered too (a stolen token must be useless anywhere).
 * Found by scanning as a {@code @Provider}; an application listing its classes adds this class
 * next to {@code CertgateFeature}.
 *
 * <p>Installs nothing when {@code certgate.token-binding=off}, and nothing when the MicroProfile
 * JWT API is not on the application's class path (an application that cannot have MP JWT tokens
 * is left exactly as it was). The certificate comes from the resolver {@code certgate.sources}
 * describes, as for {@code @RequireClientCert}. Configuration is read once, here, from
 * MicroProfile Config ({@link #TokenBindingFeature()}) or given
 * ({@link #TokenBindingFeature(CertgateSettings)}); a bad value fails deployment with a
 * {@link CertgateConfigException} naming the key.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public final class TokenBindingFeature implements Feature {

    static final String JSON_WEB_TOKEN = "org.eclipse.microprofile.jwt.JsonWebToken";

    private static final System.Logger LOG = System.getLogger("dev.certgate");

    private final CertgateSettings given;

    /** Reads {@code certgate.*} from {@link ConfigProvider#getConfig()} when the application deploys. */
    public TokenBindingFeature() {
        this.given = null;
    }

    /** Uses {@code settings} as they are; no MicroProfile Config is read. */
    public TokenBindingFeature(CertgateSettings settings) {
        this.given = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public boolean configure(FeatureContext context) {
        if (!jwtApiPresent(TokenBindingFeature.class.getClassLoader())) {
            LOG.log(Level.DEBUG, "certgate: no MicroProfile JWT API; token binding is not installed");
            return false;
        }
        Optional<CertgateSettings> settings = given != null ? Optional.of(given) : fromConfig();
        Optional<TokenBindingCheck> check = settings.flatMap(TokenBindingCheck::of);
        if (check.isEmpty()) {
            return false;
        }
        TokenBindingFilter filter = new TokenBindingFilter(check.get());
        context.register(filter, TokenBindingFilter.PRIORITY);
        context.register(new TokenBindingFilter.Recheck(filter), TokenBindingFilter.RECHECK_PRIORITY);
        LOG.log(Level.DEBUG, () -> "certgate: token binding " + check.get().mode().configName()
                + " for every MP JWT request");
        return true;
    }

    /** Whether {@code loader} (certgate's own) can load the MP JWT {@code JsonWebToken}. */
    static boolean jwtApiPresent(ClassLoader loader) {
        try {
            Class.forName(JSON_WEB_TOKEN, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static Optional<CertgateSettings> fromConfig() {
        Config config;
        try {
            config = ConfigProvider.getConfig();
        } catch (RuntimeException | LinkageError e) {
            // MP JWT needs MP Config: without it there are no JWT principals to check
            LOG.log(Level.WARNING, "certgate: no MicroProfile Config implementation; token binding is not"
                    + " installed (register new TokenBindingFeature(settings) to install it)");
            return Optional.empty();
        }
        return Optional.of(CertgateConfigLoader.load(config));
    }
}
