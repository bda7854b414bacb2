package dev.certgate.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.testing.ServiceFiles;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * {@link JaxrsRequestInjection} where nothing offers CDI a {@code ContainerRequestContext} (no
 * Jersey here): its bean still deploys, and certgate falls back to the holder. With Jersey and
 * {@code jersey-cdi-rs-inject}, {@code EmbeddedJerseyInjectionTest} shows the bean it asks for.
 */
class JaxrsRequestInjectionTest {

    @Test
    void serviceLoaderWhenExtensionsListedThenItIsAmongThem() {
        assertThat(ServiceFiles.listed(Extension.class)).contains(JaxrsRequestInjection.class.getName());
    }

    @Test
    void deployWhenNothingOffersContainerRequestContextThenItsBeanDeploysAndTheHolderIsFilled() {
        try (WeldContainer weld = new Weld("jaxrs-request-injection-" + System.nanoTime()).disableDiscovery()
                .property(Weld.SHUTDOWN_HOOK_SYSTEM_PROPERTY, false).addExtension(new JaxrsRequestInjection())
                .addBeanClass(CurrentCertificate.class).initialize()) {

            assertThat(weld.select(ContainerRequestContext.class).isResolvable()).isFalse();
            assertThat(CdiBridge.lookup().readsFrom()).isNull();
            assertThat(CdiBridge.lookup()).isNotSameAs(CdiBridge.NONE);
        }
    }
}
