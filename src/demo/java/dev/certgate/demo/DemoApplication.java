package dev.certgate.demo;

import dev.certgate.jaxrs.CertgateFeature;
import dev.certgate.jaxrs.CertgateRuntime;
import dev.certgate.jwt.TokenBindingFeature;
import org.eclipse.microprofile.config.ConfigProvider;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/**
 * The demo's JAX-RS application: its resources, certgate, {@code @RolesAllowed} support, and MP
 * JWT bearer tokens with certgate's certificate binding.
 */
final class DemoApplication extends ResourceConfig {

    /** {@code certgate}: the settings the server read from MicroProfile Config, for both of certgate's features. */
    DemoApplication(CertgateRuntime certgate) {
        register(PingResource.class);
        register(WhoAmIResource.class);
        register(PaymentsResource.class);
        register(AdminResource.class);
        register(BoundResource.class);
        register(new CertgateFeature(certgate)); // @RequireClientCert
        register(BearerTokenFilter.fromConfig(ConfigProvider.getConfig())); // mp.jwt.verify.*
        register(new TokenBindingFeature(certgate)); // certgate.token-binding for every MP JWT request, same runtime
        register(RolesAllowedDynamicFeature.class);
        register(ForbiddenMapper.class);
        register(new IgnoreAcceptFilter()); // certgate's 401/403 before JAX-RS content negotiation (406)
    }
}
