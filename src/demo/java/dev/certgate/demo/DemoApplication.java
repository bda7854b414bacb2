package dev.certgate.demo;

import dev.certgate.jaxrs.CertgateFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/** The demo's JAX-RS application: its resources, certgate, and {@code @RolesAllowed} support. */
final class DemoApplication extends ResourceConfig {

    DemoApplication() {
        register(PingResource.class);
        register(WhoAmIResource.class);
        register(PaymentsResource.class);
        register(AdminResource.class);
        register(new CertgateFeature()); // reads certgate.* from MicroProfile Config
        register(RolesAllowedDynamicFeature.class);
        register(ForbiddenMapper.class);
        register(new IgnoreAcceptFilter()); // certgate's 401/403 before JAX-RS content negotiation (406)
    }
}
