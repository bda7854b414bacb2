package dev.certgate.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import dev.certgate.testing.TestPki;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * {@code @Inject ClientCertificate} is a request's value: a bean that outlives the request would
 * keep the first request's certificate (or {@code null}) for every later one, so such an injection
 * fails the deployment (Weld SE).
 */
class CertificateInjectionCheckTest {

    /** {@code @ApplicationScoped}, given by {@link Scopes}: with the annotation, the demo tests' bean discovery would find it. */
    public static class ApplicationScopedHolder {
        @Inject
        ClientCertificate certificate;
    }

    /** {@code @Singleton}, given by {@link Scopes}. */
    public static class SingletonHolder {
        @Inject
        ClientCertificate certificate;
    }

    /** Gives the holders above their scopes in this test's container only. */
    public static class Scopes implements jakarta.enterprise.inject.spi.Extension {
        void scope(@jakarta.enterprise.event.Observes jakarta.enterprise.inject.spi.ProcessAnnotatedType<?> type) {
            Class<?> c = type.getAnnotatedType().getJavaClass();
            if (c == ApplicationScopedHolder.class) {
                type.configureAnnotatedType().add(ApplicationScoped.Literal.INSTANCE);
            } else if (c == RequestScopedFilter.class) {
                type.configureAnnotatedType().add(RequestScoped.Literal.INSTANCE);
            } else if (c == SingletonHolder.class) {
                type.configureAnnotatedType().add(new jakarta.enterprise.util.AnnotationLiteral<Singleton>() { });
            }
        }
    }

    @RequestScoped
    public static class RequestScopedHolder {
        @Inject
        ClientCertificate certificate;
    }

    @Dependent
    public static class DependentHolder {
        @Inject
        ClientCertificate certificate;
    }

    /** A JAX-RS filter: one instance per application whatever its CDI scope (no annotation: added below only). */
    public static class FilterHolder implements jakarta.ws.rs.container.ContainerRequestFilter {
        @Inject
        ClientCertificate certificate;

        @Override
        public void filter(jakarta.ws.rs.container.ContainerRequestContext request) {
        }
    }

    /** A provider by inheritance: an exception mapper's subclass. */
    public abstract static class BaseMapper implements jakarta.ws.rs.ext.ExceptionMapper<RuntimeException> {
    }

    public static class InheritedMapperHolder extends BaseMapper {
        @Inject
        ClientCertificate certificate;

        @Override
        public jakarta.ws.rs.core.Response toResponse(RuntimeException e) {
            return null;
        }
    }

    /** A servlet: the container creates one. */
    public static class ServletHolder extends jakarta.servlet.http.HttpServlet {
        @Inject
        transient ClientCertificate certificate;
    }

    /** A filter class made request scoped: a proxy, each request its own instance. */
    public static class RequestScopedFilter implements jakarta.ws.rs.container.ContainerRequestFilter {
        @Inject
        ClientCertificate certificate;

        @Override
        public void filter(jakarta.ws.rs.container.ContainerRequestContext request) {
        }
    }

    /** What an application-scoped bean should do instead: look the certificate up per request. */
    @ApplicationScoped
    public static class ApplicationScopedLookup {
        @Inject
        Instance<ClientCertificate> certificate;

        String subjectCn() {
            ClientCertificate c = certificate.get();
            return c == null ? null : c.subjectCN();
        }
    }

    private static WeldContainer start(Class<?>... beans) {
        // Weld SE without discovery loads no extension by itself: added here, found by ServiceLoader on servers
        return new Weld("certgate-injection-test-" + System.nanoTime()).disableDiscovery()
                .property(Weld.SHUTDOWN_HOOK_SYSTEM_PROPERTY, false)
                .addExtension(new CertificateInjectionCheck()).addExtension(new Scopes())
                .addBeanClass(CurrentCertificate.class).addBeanClasses(beans).initialize();
    }

    @Test
    void serviceLoaderWhenExtensionsListedThenTheCheckIsAmongThem() {
        assertThat(dev.certgate.testing.ServiceFiles.listed(jakarta.enterprise.inject.spi.Extension.class))
                .contains(CertificateInjectionCheck.class.getName());
    }

    @Test
    void deployWhenApplicationScopedBeanInjectsClientCertificateThenFailsNamingTheBeanAndTheWayOut() {
        assertThatThrownBy(() -> start(ApplicationScopedHolder.class).shutdown())
                .hasMessageContaining(ApplicationScopedHolder.class.getSimpleName())
                .hasMessageContaining("@ApplicationScoped")
                .hasMessageContaining("Instance<ClientCertificate>");
    }

    @Test
    void deployWhenSingletonBeanInjectsClientCertificateThenFails() {
        assertThatThrownBy(() -> start(SingletonHolder.class).shutdown())
                .hasMessageContaining(SingletonHolder.class.getSimpleName())
                .hasMessageContaining("@Singleton");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(classes = {FilterHolder.class, InheritedMapperHolder.class})
    void deployWhenDependentJaxrsProviderInjectsClientCertificateThenFailsNamingIt(Class<?> provider) {
        assertThatThrownBy(() -> start(provider).shutdown())
                .hasMessageContaining(provider.getSimpleName())
                .hasMessageContaining("JAX-RS provider, created once")
                .hasMessageContaining("Instance<ClientCertificate>");
    }

    @Test
    void deployWhenServletInjectsClientCertificateThenFailsNamingIt() {
        assertThatThrownBy(() -> start(ServletHolder.class).shutdown())
                .hasMessageContaining(ServletHolder.class.getSimpleName())
                .hasMessageContaining("servlet component, created once");
    }

    @Test
    void deployWhenRequestScopedProviderInjectsClientCertificateThenDeploys() {
        start(RequestScopedFilter.class).shutdown();
    }

    @Test
    void keptWhenPlainClassOrRecordThenNull() {
        assertThat(CertificateInjectionCheck.kept(DependentHolder.class)).isNull();
        assertThat(CertificateInjectionCheck.kept(ClientCertificate.class)).isNull();
        assertThat(CertificateInjectionCheck.kept(InheritedMapperHolder.class)).isEqualTo("JAX-RS provider");
    }

    @Test
    void deployWhenRequestScopedOrDependentBeanInjectsClientCertificateThenDeploys() {
        WeldContainer weld = start(RequestScopedHolder.class, DependentHolder.class, ApplicationScopedLookup.class);
        weld.shutdown();
    }

    @Test
    void getWhenApplicationScopedBeanLooksUpPerRequestThenEachRequestSeesItsOwn() {
        WeldContainer weld = start(ApplicationScopedLookup.class);
        try {
            ApplicationScopedLookup lookup = weld.select(ApplicationScopedLookup.class).get();
            RequestContextController requests = weld.select(RequestContextController.class).get();
            for (var client : java.util.Map.of("svc-a", TestPki.SVC_A, "svc-b", TestPki.SVC_B).entrySet()) {
                requests.activate();
                try {
                    weld.select(CurrentCertificate.class).get().set(
                            CertificateNormalizer.normalize(client.getValue().chainArray(), CertificateSource.NATIVE, true));
                    assertThat(lookup.subjectCn()).isEqualTo(client.getKey());
                } finally {
                    requests.deactivate();
                }
            }
            requests.activate();
            try {
                assertThat(lookup.subjectCn()).isNull();
            } finally {
                requests.deactivate();
            }
        } finally {
            weld.shutdown();
        }
    }
}
