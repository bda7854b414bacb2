package dev.certgate.bench;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateSource;
import dev.certgate.jaxrs.CertgateFeature;
import dev.certgate.jaxrs.RequireClientCert;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole request through Jersey's server runtime, in memory, to one endpoint deployed with
 * certgate's guard ({@code guardedPing}), without it ({@code publicPing}) and behind a no-op filter
 * bound the same way ({@code filteredPing}): the same route, the same request, so the ratio is the
 * guard's and nothing of Jersey's matching of different paths. For a repeated caller:
 * {@code path=native}, the certificate the container hands over (request property {@code jakarta.servlet.request.X509Certificate});
 * {@code path=xfcc}, an Envoy element with every detail (By, Hash, Cert, Subject, URI) from a
 * trusted proxy, the header a new string each request as a server parses it; {@code path=xfcc-cdi},
 * the same inside a running Weld SE container, as in the demo ({@link BenchCdi}): Jersey opens CDI's
 * request context for every request, and {@code @Inject ClientCertificate} reads the request
 * property through Jersey's {@code ContainerRequestContext} bean ({@code jersey-cdi-rs-inject}), so
 * the guard publishes nothing; {@code -p path=xfcc-cdi-holder} (not run by default): the same
 * without that bean, the guard filling the request-scoped holder. Both resources get the same
 * request. The ratio guarded / public is the guard's cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JaxrsFilterBenchmark {

    /** The one endpoint: deployed three times, with certgate's guard, with a no-op filter, bare. */
    @Path("/")
    public static class Ping {
        @GET
        @Path("ping")
        @RequireClientCert
        public String ping() {
            return "pong";
        }
    }

    /** For {@code xfcc-cdi}: proves at set-up that {@code @Inject ClientCertificate} sees the guard's certificate. */
    @Path("/who")
    @jakarta.enterprise.context.RequestScoped
    public static class Who {
        @jakarta.inject.Inject
        dev.certgate.ClientCertificate certificate;

        @GET
        @RequireClientCert
        public String who() {
            return certificate == null ? "none" : certificate.subjectDN();
        }
    }

    /**
     * What any per-method filter costs in Jersey, whatever it does: a filter that does nothing,
     * bound to the endpoint the way certgate binds its own (a {@code DynamicFeature} registering an
     * instance at {@code Priorities.AUTHENTICATION}). guarded / filtered is certgate's own share of
     * guarded / public.
     */
    public static final class NoopFeature implements jakarta.ws.rs.container.DynamicFeature {
        @Override
        public void configure(jakarta.ws.rs.container.ResourceInfo info, jakarta.ws.rs.core.FeatureContext context) {
            context.register((jakarta.ws.rs.container.ContainerRequestFilter) request -> { },
                    jakarta.ws.rs.Priorities.AUTHENTICATION);
        }
    }

    @Param({"native", "xfcc", "xfcc-cdi"})
    public String path;

    private ApplicationHandler guarded;
    private ApplicationHandler filtered;
    private ApplicationHandler bare;
    private org.jboss.weld.environment.se.WeldContainer weld;
    private boolean xfcc;
    private X509Certificate[] chain;
    private String header;
    private final URI base = URI.create("http://localhost/");
    private final URI ping = URI.create("http://localhost/ping");

    @Setup(Level.Trial)
    public void start() {
        xfcc = path.startsWith("xfcc");
        if (path.contains("-cdi")) {
            weld = BenchCdi.start(path, Who.class); // the demo's container; -holder: without Jersey's request context bean
        }
        CertgateSettings settings = BenchPki.settings(xfcc);
        ResourceConfig application = new ResourceConfig(Ping.class).register(new CertgateFeature(settings));
        if (weld != null) {
            application.register(Who.class);
        }
        guarded = new ApplicationHandler(application);
        filtered = new ApplicationHandler(new ResourceConfig(Ping.class).register(new NoopFeature()));
        bare = new ApplicationHandler(new ResourceConfig(Ping.class));
        BenchPki.Forwarded caller = BenchPki.forwarded(1).get(0);
        chain = new X509Certificate[] {caller.certificate()};
        header = caller.xfccCert();
        if (call(guarded, ping).getStatus() != 200 || call(bare, ping).getStatus() != 200 || call(filtered, ping).getStatus() != 200) {
            throw new IllegalStateException("the benchmark's requests do not succeed");
        }
        String subject = dev.certgate.CertificateNormalizer.normalize(chain, CertificateSource.XFCC, true).subjectDN();
        if (weld != null && !String.valueOf(call(guarded, URI.create("http://localhost/who")).getEntity()).equals(subject)) {
            throw new IllegalStateException("the guard did not fill @Inject ClientCertificate");
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (weld != null) {
            weld.shutdown();
        }
    }

    private ContainerResponse call(ApplicationHandler handler, URI uri) {
        ContainerRequest request = new ContainerRequest(base, uri, "GET", null, new MapPropertiesDelegate(), null);
        if (xfcc) {
            request.header("x-forwarded-client-cert", BenchPki.copy(header));
            request.setProperty(CertgateFeature.PEER_ADDRESS_PROPERTY, BenchRequest.PROXY);
        } else {
            request.setProperty("jakarta.servlet.request.X509Certificate", chain);
        }
        try {
            return handler.apply(request).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The endpoint deployed without any filter: the same request, the same route, no guard. */
    @Benchmark
    public ContainerResponse publicPing() {
        return call(bare, ping);
    }

    @Benchmark
    public ContainerResponse guardedPing() {
        return call(guarded, ping);
    }

    /** The endpoint behind a no-op filter bound like certgate's: Jersey's own price of a per-method filter. */
    @Benchmark
    public ContainerResponse filteredPing() {
        return call(filtered, ping);
    }
}
