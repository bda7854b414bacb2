package dev.certgate.bench;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateSource;
import dev.certgate.jaxrs.CertgateFeature;
import dev.certgate.jaxrs.RequireClientCert;
import dev.certgate.source.TrustedProxies;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole request through Jersey's server runtime, in memory, to a guarded and to an otherwise
 * identical unguarded resource, for a repeated caller: {@code path=native}, the certificate the
 * container hands over (request property {@code jakarta.servlet.request.X509Certificate});
 * {@code path=xfcc}, an Envoy element with every detail (By, Hash, Cert, Subject, URI) from a
 * trusted proxy, the header a new string each request as a server parses it. Both resources get
 * the same request. The ratio guarded / public is the guard's cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JaxrsFilterBenchmark {

    @Path("/")
    public static class Ping {
        @GET
        @Path("public")
        public String open() {
            return "pong";
        }

        @GET
        @Path("guarded")
        @RequireClientCert
        public String guarded() {
            return "pong";
        }

        @GET
        @Path("filtered")
        public String filtered() {
            return "pong";
        }
    }

    /**
     * What any per-method filter costs in Jersey, whatever it does: a filter that does nothing,
     * bound to {@code /filtered} the way certgate binds its own (a {@code DynamicFeature}
     * registering an instance at {@code Priorities.AUTHENTICATION}). guarded / filtered is
     * certgate's own share of guarded / public.
     */
    public static final class NoopFeature implements jakarta.ws.rs.container.DynamicFeature {
        @Override
        public void configure(jakarta.ws.rs.container.ResourceInfo info, jakarta.ws.rs.core.FeatureContext context) {
            if (info.getResourceMethod().getName().equals("filtered")) {
                context.register((jakarta.ws.rs.container.ContainerRequestFilter) request -> { },
                        jakarta.ws.rs.Priorities.AUTHENTICATION);
            }
        }
    }

    @Param({"native", "xfcc"})
    public String path;

    private ApplicationHandler handler;
    private boolean xfcc;
    private X509Certificate[] chain;
    private String header;
    private final URI base = URI.create("http://localhost/");
    private final URI publicUri = URI.create("http://localhost/public");
    private final URI guardedUri = URI.create("http://localhost/guarded");
    private final URI filteredUri = URI.create("http://localhost/filtered");

    @Setup(Level.Trial)
    public void start() {
        xfcc = path.equals("xfcc");
        CertgateSettings settings = xfcc
                ? new CertgateSettings(List.of(CertificateSource.XFCC), TrustedProxies.parse(List.of("127.0.0.1/32")),
                        CertgateSettings.DEFAULTS.defaultPolicy(), java.util.Map.of(), CertgateSettings.DEFAULTS.identity(),
                        CertgateSettings.DEFAULTS.tokenBinding(), CertgateSettings.DEFAULT_MAX_HEADER_BYTES)
                : CertgateSettings.DEFAULTS;
        handler = new ApplicationHandler(new ResourceConfig(Ping.class).register(new CertgateFeature(settings))
                .register(new NoopFeature()));
        BenchPki.Forwarded caller = BenchPki.forwarded(1).get(0);
        chain = new X509Certificate[] {caller.certificate()};
        header = caller.xfccCert();
        if (call(guardedUri).getStatus() != 200 || call(publicUri).getStatus() != 200 || call(filteredUri).getStatus() != 200) {
            throw new IllegalStateException("the benchmark's requests do not succeed");
        }
    }

    private ContainerResponse call(URI uri) {
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

    @Benchmark
    public ContainerResponse publicPing() {
        return call(publicUri);
    }

    @Benchmark
    public ContainerResponse guardedPing() {
        return call(guardedUri);
    }

    /** The same request through a no-op filter bound like certgate's: Jersey's own price of a per-method filter. */
    @Benchmark
    public ContainerResponse filteredPing() {
        return call(filteredUri);
    }
}
