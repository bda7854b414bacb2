package dev.certgate.it.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/**
 * The test application: resources and certgate's providers found by scanning. Jersey (Payara)
 * enforces {@code @RolesAllowed} only with its RolesAllowedDynamicFeature, named here; RESTEasy
 * (WildFly) with the web.xml context-param {@code resteasy.role.based.security}; Liberty always.
 */
@ApplicationPath("/api")
public class ItApplication extends Application {

    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.provider.classnames",
                "org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature");
    }
}
