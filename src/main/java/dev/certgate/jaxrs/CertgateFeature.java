package dev.certgate.jaxrs;

import dev.certgate.CertgateSettings;
import dev.certgate.config.CertgateConfigException;
import dev.certgate.policy.CertificatePolicy;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.Optional;

/**
 * Registers certgate's filter on every resource method guarded by {@link RequireClientCert}, with
 * the policy the annotation names, resolved once per method at deployment. The unguarded methods
 * of a sub-resource class get {@link LocatorGuard}, which applies the guard of the locator a request
 * came through. Found by scanning as a {@code @Provider}; an application listing its classes adds
 * this class.
 *
 * <p>Everything comes from the application's {@link CertgateRuntime}, built once: given
 * ({@link #CertgateFeature(CertgateRuntime)}, {@link #CertgateFeature(CertgateSettings)}), or, with
 * {@link #CertgateFeature()}, the application's ({@link CertgateRuntime#forApplication}): the one
 * {@code TokenBindingFeature} published, else the one certgate's Jakarta Security mechanism shares,
 * else one read from MicroProfile Config on the first guarded method. Deployment fails with a
 * {@link CertgateConfigException} on any bad value and on a policy named by an annotation but not
 * configured. {@code CertificateCheck} CDI beans are added to every policy, and each decision is
 * fired to the application's {@code CertificateAuthenticationEvent} observers.
 */
@Provider
public final class CertgateFeature implements DynamicFeature {

    /**
     * Request property an embedding container sets to the socket peer's {@link java.net.InetAddress}
     * (or its literal text), for the header sources' trusted-proxy check. Never set it from a header.
     */
    public static final String PEER_ADDRESS_PROPERTY = "dev.certgate.peer-address";

    private final CertgateRuntime given;
    private volatile CertgateRuntime runtime;

    /**
     * Uses the application's runtime ({@link CertgateRuntime#forApplication}) when the first guarded
     * method deploys: the one {@code TokenBindingFeature} published, else the mechanism's, else one
     * read from {@link org.eclipse.microprofile.config.ConfigProvider#getConfig()}.
     */
    public CertgateFeature() {
        this.given = null;
    }

    /** Uses {@code settings} as they are, in a runtime of this feature's own; no MicroProfile Config is read. */
    public CertgateFeature(CertgateSettings settings) {
        this(CertgateRuntime.of(settings));
    }

    /** Uses {@code runtime}; give the same one to {@code TokenBindingFeature} to share it. */
    public CertgateFeature(CertgateRuntime runtime) {
        this.given = Objects.requireNonNull(runtime, "runtime");
    }

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        Method method = resourceInfo.getResourceMethod();
        Class<?> resourceClass = resourceInfo.getResourceClass();
        Optional<RequireClientCert> guard = GuardLookup.find(resourceClass, method);
        String resource = (resourceClass != null ? resourceClass.getName() : "?")
                + "#" + (method != null ? method.getName() : "?");
        if (guard.isEmpty()) {
            if (method != null && LocatorGuard.subResource(resourceClass)) {
                // reached through a sub-resource locator, whose own guard only the request can tell
                jakarta.ws.rs.core.Configuration configuration = context.getConfiguration();
                context.register(new LocatorGuard(resourceClass, () -> runtime(configuration), resource),
                        Priorities.AUTHENTICATION);
            }
            return;
        }
        CertgateRuntime r = runtime(context);
        CertificatePolicy policy = r.policy(guard.get().value(), resource);
        context.register(new CertificateFilter(r.authenticator(), policy, r.cdi(), resource), Priorities.AUTHENTICATION);
    }

    private CertgateRuntime runtime(FeatureContext context) {
        return runtime(context.getConfiguration());
    }

    private CertgateRuntime runtime(jakarta.ws.rs.core.Configuration configuration) {
        CertgateRuntime r = runtime;
        if (r == null) {
            synchronized (this) {
                r = runtime;
                if (r == null) {
                    r = given != null ? given : CertgateRuntime.forApplication(configuration);
                    runtime = r;
                }
            }
        }
        return r;
    }
}
