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
        assertThat(java.util.ServiceLoader.load(jakarta.enterprise.inject.spi.Extension.class).stream()
                .map(java.util.ServiceLoader.Provider::type)).contains(CertificateInjectionCheck.class);
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
