package dev.certgate.jwt;

import dev.certgate.CertgateSettings;
import dev.certgate.TokenBinding;
import dev.certgate.binding.TokenBindingCheck;
import dev.certgate.cdi.ApplicationRuntime;
import dev.certgate.config.CertgateConfigException;
import dev.certgate.jaxrs.CertgateRuntime;
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
 * is left exactly as it was). Everything else comes from the application's {@link CertgateRuntime}
 * — the one {@code @RequireClientCert} uses, so the binding's certificate is resolved by the same
 * sources (one certificate cache), re-verified by the same {@code certgate.trust.*}, and audited
 * in the same trail (log line and CDI event). The runtime is given
 * ({@link #TokenBindingFeature(CertgateRuntime)}, {@link #TokenBindingFeature(CertgateSettings)}) or,
 * with {@link #TokenBindingFeature()}, the one certgate's Jakarta Security mechanism shares, else one
 * read once from MicroProfile Config; either way it is published for the application's no-argument
 * {@code CertgateFeature} ({@link CertgateRuntime#publish}).
 * A bad value fails deployment with a {@link CertgateConfigException} naming the key.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public final class TokenBindingFeature implements Feature {

    static final String JSON_WEB_TOKEN = "org.eclipse.microprofile.jwt.JsonWebToken";

    private static final System.Logger LOG = System.getLogger("dev.certgate");

    private final CertgateRuntime given;

    /** Uses the application's runtime: one published already, else one read from MicroProfile Config now. */
    public TokenBindingFeature() {
        this.given = null;
    }

    /** Uses {@code settings} as they are; no MicroProfile Config is read. */
    public TokenBindingFeature(CertgateSettings settings) {
        this(CertgateRuntime.of(settings));
    }

    /** Uses {@code runtime}; give the same one to {@code CertgateFeature}. */
    public TokenBindingFeature(CertgateRuntime runtime) {
        this.given = Objects.requireNonNull(runtime, "runtime");
    }

    @Override
    public boolean configure(FeatureContext context) {
        if (!jwtApiPresent(TokenBindingFeature.class.getClassLoader())) {
            LOG.log(Level.DEBUG, "certgate: no MicroProfile JWT API; token binding is not installed");
            return false;
        }
        Optional<CertgateRuntime> runtime = runtime(context);
        if (runtime.isEmpty()) {
            return false;
        }
        CertgateRuntime r = runtime.get();
        if (r.settings().tokenBinding() == TokenBinding.OFF) {
            return false;
        }
        TokenBindingCheck check = new TokenBindingCheck(r.settings().tokenBinding(), r.authenticator());
        TokenBindingFilter filter = new TokenBindingFilter(check);
        context.register(filter, TokenBindingFilter.PRIORITY);
        context.register(new TokenBindingFilter.Recheck(filter), TokenBindingFilter.RECHECK_PRIORITY);
        LOG.log(Level.DEBUG, () -> "certgate: token binding " + check.mode().configName() + " for every MP JWT request");
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

    /**
     * The given runtime, else the one published, else the one certgate's mechanism shares, else one
     * from MicroProfile Config; published for {@code CertgateFeature}.
     */
    private Optional<CertgateRuntime> runtime(FeatureContext context) {
        if (given != null) {
            CertgateRuntime.publish(context, given);
            return Optional.of(given);
        }
        Optional<CertgateRuntime> published = CertgateRuntime.published(context.getConfiguration())
                .or(() -> ApplicationRuntime.shared().map(CertgateRuntime::of));
        if (published.isPresent()) {
            CertgateRuntime.publish(context, published.get());
            return published;
        }
        Config config;
        try {
            config = ConfigProvider.getConfig();
        } catch (RuntimeException | LinkageError e) {
            // MP JWT needs MP Config: without it there are no JWT principals to check
            LOG.log(Level.WARNING, "certgate: no MicroProfile Config implementation; token binding is not"
                    + " installed (register new TokenBindingFeature(runtime) to install it)");
            return Optional.empty();
        }
        CertgateRuntime created = CertgateRuntime.fromConfig(config);
        CertgateRuntime.publish(context, created);
        return Optional.of(created);
    }
}
