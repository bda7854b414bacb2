package dev.certgate.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import dev.certgate.config.CertgateConfigLoader;
import dev.certgate.demo.Pki.Issued;
import dev.certgate.jaxrs.CertgateFeature;
import dev.certgate.jaxrs.RequireClientCert;
import dev.certgate.testing.Forwarded;
import dev.certgate.testing.TestPki;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code @Inject ClientCertificate} in embedded Jersey (Grizzly) with Weld SE, over HTTP, as the
 * demo runs. The surefire execution {@code default-test} has {@code jersey-cdi-rs-inject} on the
 * class path: CDI has Jersey's {@code ContainerRequestContext} bean and reads the request
 * property, nothing is published. The execution {@code holder-mode} runs this class again without
 * that module (system property {@value #MODE} = {@code holder}): the guard fills the request-scoped
 * holder. Both must give every concurrent request its own certificate, and {@code null} to a bean
 * created before the guard ran and outside a JAX-RS request.
 */
class EmbeddedJerseyInjectionTest {

    static final String MODE = "certgate.test.cdi-mode";
    private static final List<Issued> CLIENTS = List.of(TestPki.SVC_A, TestPki.SVC_B, TestPki.EVERY_SAN, TestPki.NO_SANS);

    private static SmallRyeConfig config;
    private static WeldContainer weld;
    private static HttpServer server;
    private static URI who;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** This class's beans only: not the tests' and the demo's, compiled into the same folder. */
    public static final class TheseBeansOnly implements Extension {
        private static final Set<Class<?>> BEANS = Set.of(Who.class, Early.class, Late.class);
        private final URL here = location(EmbeddedJerseyInjectionTest.class);

        void vetoOthers(@Observes ProcessAnnotatedType<?> type) {
            Class<?> javaClass = type.getAnnotatedType().getJavaClass();
            if (here.equals(location(javaClass)) && !BEANS.contains(javaClass)) {
                type.veto();
            }
        }

        private static URL location(Class<?> type) {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            return source == null ? null : source.getLocation();
        }
    }

    /** A request-scoped bean created before the guard: its injected certificate is null, as no guard ran yet. */
    @RequestScoped
    public static class Early {
        @Inject
        ClientCertificate certificate;

        ClientCertificate certificate() {
            return certificate;
        }
    }

    /** A request-scoped bean first used by the resource, after the guard. */
    @RequestScoped
    public static class Late {
        @Inject
        ClientCertificate certificate;

        ClientCertificate certificate() {
            return certificate;
        }
    }

    /**
     * Runs before the guard: plays the demo's peer-address handler (the test client is the trusted
     * proxy on loopback) and creates {@link Early}.
     */
    @PreMatching
    @Priority(Priorities.AUTHENTICATION)
    public static final class BeforeTheGuard implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            request.setProperty(CertgateFeature.PEER_ADDRESS_PROPERTY, InetAddress.getLoopbackAddress());
            CDI.current().select(Early.class).get().certificate();
        }
    }

    /** Answers the subject CNs it sees: early bean, own field, late bean, a lookup, and the lookup again later. */
    @Path("/who")
    @RequestScoped
    public static class Who {
        @Inject
        ClientCertificate certificate;
        @Inject
        Early early;
        @Inject
        Late late;
        @Inject
        Instance<ClientCertificate> lookup;

        @GET
        @RequireClientCert
        public String who() throws InterruptedException {
            String first = cn(lookup.get());
            Thread.sleep(1); // other requests run in between
            return String.join(" ", cn(early.certificate()), cn(certificate), cn(late.certificate()), first, cn(lookup.get()));
        }

        private static String cn(ClientCertificate certificate) {
            return certificate == null ? "none" : certificate.subjectCN();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(
                Map.of("certgate.sources", "xfcc", "certgate.trusted-proxies", "127.0.0.1/32"), "test", 100)).build();
        // as the demo does: the container's MicroProfile Config (its CDI extension asks for one), released after
        ConfigProviderResolver.instance().registerConfig(config, Thread.currentThread().getContextClassLoader());
        weld = new Weld("embedded-jersey-" + System.nanoTime()).property(Weld.SHUTDOWN_HOOK_SYSTEM_PROPERTY, false)
                .addExtension(new TheseBeansOnly()).initialize();
        CertgateSettings settings = CertgateConfigLoader.load(config);
        ResourceConfig application = new ResourceConfig(Who.class, BeforeTheGuard.class).register(new CertgateFeature(settings));
        server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), application, false);
        // no connection closed under the client after Grizzly's default 256 requests
        server.getListeners().forEach(listener -> listener.getKeepAlive().setMaxRequestsCount(-1));
        server.start();
        who = URI.create("http://127.0.0.1:" + server.getListeners().iterator().next().getPort() + "/who");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.shutdownNow();
        }
        if (weld != null) {
            weld.shutdown();
        }
        ConfigProviderResolver.instance().releaseConfig(config);
    }

    private static HttpResponse<String> get(Issued client) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(who);
        if (client != null) {
            request.header("x-forwarded-client-cert", Forwarded.xfcc(client));
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cn(Issued client) {
        return CertificateNormalizer.normalize(client.chainArray(), CertificateSource.XFCC, true).subjectCN();
    }

    @Test
    void lookupWhenTheClassPathHasJerseysModuleThenTheRequestPropertyIsReadElseTheHolderIsFilled() {
        CdiBridge bridge = CdiBridge.lookup();

        if ("holder".equals(System.getProperty(MODE))) {
            assertThat(bridge.readsFrom()).isNull();
            assertThat(bridge).isNotSameAs(CdiBridge.NONE);
        } else {
            assertThat(bridge.readsFrom()).isInstanceOf(JaxrsRequestProperties.class);
        }
    }

    @Test
    void injectWhenConcurrentRequestsWithDistinctCertificatesThenEachSeesItsOwnAndTheEarlyBeanNone() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<String>>> callers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int first = t;
                callers.add(() -> {
                    List<String> wrong = new ArrayList<>();
                    for (int i = 0; i < 40; i++) {
                        Issued client = CLIENTS.get((first + i) % CLIENTS.size());
                        String cn = cn(client);
                        HttpResponse<String> response;
                        try {
                            response = get(client);
                        } catch (java.io.IOException e) {
                            wrong.add(cn + " -> " + e);
                            continue;
                        }
                        String expected = String.join(" ", "none", cn, cn, cn, cn);
                        if (response.statusCode() != 200 || !response.body().equals(expected)) {
                            wrong.add(cn + " -> " + response.statusCode() + " " + response.body());
                        }
                    }
                    return wrong;
                });
            }
            List<String> wrong = new ArrayList<>();
            for (Future<List<String>> caller : threads.invokeAll(callers)) {
                wrong.addAll(caller.get());
            }
            assertThat(wrong).isEmpty();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void injectWhenTheGuardRefusesThenNoResourceRunsAndTheNextRequestStartsEmpty() throws Exception {
        assertThat(get(null).statusCode()).isEqualTo(401);
        assertThat(get(TestPki.SVC_B).body()).isEqualTo("none svc-b svc-b svc-b svc-b");
    }

    @Test
    void injectWhenARequestContextOutsideAJaxrsRequestThenNullNotAnException() throws Exception {
        get(TestPki.SVC_A); // the server has served a request on some thread
        RequestContextController context = weld.select(RequestContextController.class).get();
        context.activate();
        try {
            assertThat(weld.select(ClientCertificate.class).get()).isNull();
        } finally {
            context.deactivate();
        }
    }
}
