package dev.certgate.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import dev.certgate.testing.TestPki;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code @Inject ClientCertificate} both ways, on Weld SE: published into the request-scoped
 * holder where CDI has no servlet request (embedded Jersey), and read from the servlet request's
 * attribute where it has one (every Jakarta EE server; here a request-scoped
 * {@code HttpServletRequest} bean stands in for the built-in one), with nothing published.
 */
class CurrentCertificateTest {

    private static final ClientCertificate SVC_A =
            CertificateNormalizer.normalize(TestPki.SVC_A.chain(), CertificateSource.NATIVE, true);

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
            Map<String, Object> attributes = new HashMap<>();
            return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getAttribute" -> attributes.get((String) args[0]);
                        case "setAttribute" -> attributes.put((String) args[0], args[1]);
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "request";
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    private void start(Class<?>... beans) {
        weld = new Weld("current-" + System.nanoTime()).disableDiscovery().addBeanClasses(CurrentCertificate.class)
                .addBeanClasses(beans).initialize();
    }

    private static ClientCertificate injected() {
        return CDI.current().select(ClientCertificate.class).get();
    }

    @Test
    void publishWhenNoServletRequestBeanThenTheHolderCarriesTheCertificateForThisRequestOnly() {
        start();
        CdiBridge bridge = CdiBridge.lookup();
        RequestContextController request = CDI.current().select(RequestContextController.class).get();

        assertThat(bridge).isNotSameAs(CdiBridge.NONE);
        assertThat(bridge.readsFrom()).isNull();
        request.activate();
        try {
            assertThat(injected()).isNull();
            bridge.publish(SVC_A);
            assertThat(injected()).isSameAs(SVC_A);
        } finally {
            request.deactivate();
        }
        request.activate();
        try {
            assertThat(injected()).isNull(); // the next request starts empty
        } finally {
            request.deactivate();
        }
    }

    @Test
    void injectWhenServletRequestBeanThenTheAttributeIsReadAndNothingIsPublished() {
        start(ServletRequests.class);
        CdiBridge bridge = CdiBridge.lookup();
        RequestContextController request = CDI.current().select(RequestContextController.class).get();

        assertThat(bridge.readsFrom()).isInstanceOf(ServletAttributes.class);
        request.activate();
        try {
            HttpServletRequest servlet = CDI.current().select(HttpServletRequest.class).get();
            assertThat(injected()).isNull(); // a bean made before the guard accepted: nothing yet
            servlet.setAttribute(ClientCertificate.PROPERTY, SVC_A); // what the guard's request property is there
            bridge.publish(SVC_A);
            assertThat(injected()).isSameAs(SVC_A);
        } finally {
            request.deactivate();
        }
        request.activate();
        try {
            assertThat(injected()).isNull(); // another request, its own attributes
        } finally {
            request.deactivate();
        }
    }

    @Test
    void injectWhenTheAttributeIsNotACertificateThenNull() {
        start(ServletRequests.class);
        RequestContextController request = CDI.current().select(RequestContextController.class).get();
        request.activate();
        try {
            CDI.current().select(HttpServletRequest.class).get().setAttribute(ClientCertificate.PROPERTY, "CN=svc-a");

            assertThat(injected()).isNull();
        } finally {
            request.deactivate();
        }
    }
}
