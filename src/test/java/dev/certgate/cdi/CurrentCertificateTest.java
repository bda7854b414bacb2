package dev.certgate.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import dev.certgate.testing.TestPki;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code @Inject ClientCertificate} every way, on Weld SE: published into the request-scoped
 * holder where CDI has no request of its own (embedded Jersey without {@code jersey-cdi-rs-inject}),
 * read from the servlet request's attribute where it has one (every Jakarta EE server; here a
 * request-scoped {@code HttpServletRequest} bean stands in for the built-in one), and read from the
 * JAX-RS request property where it has a {@code ContainerRequestContext} bean (embedded Jersey with
 * that module; here a {@code @Dependent} stand-in that, like Jersey's, throws outside a JAX-RS
 * request), with nothing published.
 */
class CurrentCertificateTest {

    private static final ClientCertificate SVC_A =
            CertificateNormalizer.normalize(TestPki.SVC_A.chain(), CertificateSource.NATIVE, true);
    private static final ClientCertificate SVC_B =
            CertificateNormalizer.normalize(TestPki.SVC_B.chain(), CertificateSource.NATIVE, true);

    private WeldContainer weld;

    @AfterEach
    void stop() {
        if (weld != null) {
            weld.shutdown();
        }
    }

    /** One servlet request per CDI request: attributes in a map, everything else unsupported. */
    public static class ServletRequests {
        @Produces
        @RequestScoped
        HttpServletRequest request() {
            return mapBacked(HttpServletRequest.class, "getAttribute", "setAttribute", new HashMap<>());
        }
    }

    /**
     * A {@code type} whose {@code getter} and {@code setter} read and write {@code values}, with
     * identity equality; every other method unsupported.
     */
    static <T> T mapBacked(Class<T> type, String getter, String setter, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals(getter)) {
                return values.get((String) args[0]);
            }
            if (name.equals(setter)) {
                return values.put((String) args[0], args[1]);
            }
            return switch (name) {
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "toString" -> "request";
                default -> throw new UnsupportedOperationException(name);
            };
        }));
    }

    /** The built-in bean used where there is no servlet request (a request context the application activated). */
    public static class NoServletRequests {
        @Produces
        @RequestScoped
        HttpServletRequest request() {
            return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "no request";
                        default -> throw new IllegalStateException("no servlet request on this thread");
                    });
        }
    }

    /** Per CDI request: its JAX-RS request properties, or none (a request context that is no JAX-RS request). */
    @RequestScoped
    public static class JaxrsRequest {
        private final Map<String, Object> properties = new HashMap<>();
        private boolean jaxrs = true;

        Map<String, Object> properties() {
            return properties;
        }

        boolean jaxrs() {
            return jaxrs;
        }

        void notJaxrs() {
            jaxrs = false;
        }
    }

    /** Jersey's bean as {@code jersey-cdi-rs-inject} makes it: {@code @Dependent}, looked up per call, throwing outside a request. */
    public static class JaxrsRequests {
        @Produces
        @Dependent
        ContainerRequestContext request(JaxrsRequest current) {
            if (!current.jaxrs()) {
                throw new IllegalStateException("Not inside a request scope.");
            }
            return mapBacked(ContainerRequestContext.class, "getProperty", "setProperty", current.properties());
        }
    }

    private void start(Class<?>... beans) {
        weld = new Weld("current-" + System.nanoTime()).disableDiscovery().addBeanClasses(CurrentCertificate.class)
                .addBeanClasses(beans).initialize();
    }

    /** Runs {@code work} in a CDI request of its own, as a container runs one HTTP request. */
    private static void inRequest(Runnable work) {
        RequestContextController request = CDI.current().select(RequestContextController.class).get();
        request.activate();
        try {
            work.run();
        } finally {
            request.deactivate();
        }
    }

    private static ClientCertificate injected() {
        return CDI.current().select(ClientCertificate.class).get();
    }

    /** What the guard's request property is where CDI has the request: the servlet attribute or the JAX-RS property. */
    private static void setRequestProperty(Object value) {
        var servlet = CDI.current().select(HttpServletRequest.class);
        if (servlet.isResolvable()) {
            servlet.get().setAttribute(ClientCertificate.PROPERTY, value);
        } else {
            CDI.current().select(ContainerRequestContext.class).get().setProperty(ClientCertificate.PROPERTY, value);
        }
    }

    @Test
    void publishWhenNoServletRequestBeanThenTheHolderCarriesTheCertificateForThisRequestOnly() {
        start();
        CdiBridge bridge = CdiBridge.lookup();

        assertThat(bridge).isNotSameAs(CdiBridge.NONE);
        assertThat(bridge.readsFrom()).isNull();
        inRequest(() -> {
            assertThat(injected()).isNull();
            bridge.publish(SVC_A);
            assertThat(injected()).isSameAs(SVC_A);
        });
        inRequest(() -> {
            assertThat(injected()).isNull(); // the next request starts empty
        });
    }

    /** Where CDI has the request (the servlet request; the JAX-RS request context): read per injection, nothing published. */
    @ParameterizedTest
    @ValueSource(classes = {ServletRequests.class, JaxrsRequests.class})
    void injectWhenCdiHasTheRequestThenItsPropertyIsReadPerInjectionAndNothingIsPublished(Class<?> requests) {
        start(requests, JaxrsRequest.class);
        CdiBridge bridge = CdiBridge.lookup();

        assertThat(bridge.readsFrom())
                .isInstanceOf(requests == ServletRequests.class ? ServletAttributes.class : JaxrsRequestProperties.class);
        inRequest(() -> {
            assertThat(injected()).isNull(); // a bean made before the guard accepted: nothing yet
            setRequestProperty(SVC_A); // what the guard's request property is there
            bridge.publish(SVC_B); // ignored: CDI reads the request itself
            assertThat(injected()).isSameAs(SVC_A);
        });
        inRequest(() -> {
            assertThat(injected()).isNull(); // another request, its own properties
        });
    }

    @Test
    void lookupWhenServletRequestAndContainerRequestContextBeansThenTheServletAttributeIsRead() {
        start(ServletRequests.class, JaxrsRequest.class, JaxrsRequests.class);

        assertThat(CdiBridge.lookup().readsFrom()).isInstanceOf(ServletAttributes.class);
    }

    @Test
    void injectWhenTheContainerRequestContextBeanThrowsOutsideAJaxrsRequestThenNull() {
        start(JaxrsRequest.class, JaxrsRequests.class);
        inRequest(() -> {
            CDI.current().select(JaxrsRequest.class).get().notJaxrs();

            assertThat(injected()).isNull();
        });
    }

    @Test
    void injectWhenTheServletRequestBeanThrowsOutsideAServletRequestThenNull() {
        start(NoServletRequests.class);
        inRequest(() -> {
            assertThat(CdiBridge.lookup().readsFrom()).isInstanceOf(ServletAttributes.class);
            assertThat(injected()).isNull();
        });
    }

    @ParameterizedTest
    @ValueSource(classes = {ServletRequests.class, JaxrsRequests.class})
    void injectWhenTheRequestPropertyIsNotACertificateThenNull(Class<?> requests) {
        start(requests, JaxrsRequest.class);
        inRequest(() -> {
            setRequestProperty("CN=svc-a");

            assertThat(injected()).isNull();
        });
    }
}
