package dev.certgate.jaxrs;

import dev.certgate.CertgateSettings;
import dev.certgate.cdi.CdiBridge;
import dev.certgate.bench.BenchPki;
import java.net.InetAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ContainerRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * certgate's guard alone, on Jersey's own request object: {@code request} builds the request a
 * container hands to Jersey (the header a new string, the peer, the certificate property);
 * {@code requestAndGuard} builds the same request and runs certgate's filter on it, as Jersey
 * does for a guarded method. The difference is what the guard itself costs per request, with
 * Jersey's header map and properties but without the rest of Jersey's request processing, whose
 * variance hides it in {@code JaxrsFilterBenchmark}. {@code path=xfcc-cdi}: the same inside the
 * demo's Weld SE container ({@code BenchCdi}), each operation in its own CDI request context
 * (activated and deactivated around it, as Jersey does per request); CDI has Jersey's
 * {@code ContainerRequestContext} bean ({@code jersey-cdi-rs-inject}), so {@code @Inject
 * ClientCertificate} would read the request property and the guard publishes nothing.
 * {@code path=xfcc-cdi-holder}: the same container without that bean, as without the module: the
 * difference then includes filling and destroying the request-scoped holder.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GuardFilterBenchmark {

    @Param({"native", "xfcc", "xfcc-cdi", "xfcc-cdi-holder"})
    public String path;

    private org.jboss.weld.environment.se.WeldContainer weld;
    private jakarta.enterprise.context.control.RequestContextController requests;

    private CertificateFilter filter;
    private boolean xfcc;
    private X509Certificate[] chain;
    private String header;
    private InetAddress proxy;
    private final URI base = URI.create("http://localhost/");
    private final URI uri = URI.create("http://localhost/guarded");

    @Setup
    public void start() throws Exception {
        xfcc = path.startsWith("xfcc");
        CdiBridge cdi = CdiBridge.NONE;
        boolean holder = path.endsWith("-holder");
        if (path.contains("-cdi")) {
            weld = dev.certgate.bench.BenchCdi.start(path);
            requests = weld.select(jakarta.enterprise.context.control.RequestContextController.class).get();
            cdi = CdiBridge.lookup();
        }
        CertgateSettings settings = BenchPki.settings(xfcc);
        CertgateRuntime runtime = CertgateRuntime.of(settings);
        filter = new CertificateFilter(runtime.authenticator(), settings.defaultPolicy(), cdi, "Ping#guarded");
        BenchPki.Forwarded caller = BenchPki.forwarded(1).get(0);
        chain = new X509Certificate[] {caller.certificate()};
        header = caller.xfccCert();
        proxy = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        if (requests != null) {
            requests.activate();
        }
        ContainerRequest check = newRequest();
        filter.filter(check);
        if (check.getProperty(dev.certgate.ClientCertificate.PROPERTY) == null) {
            throw new IllegalStateException("the guard does not accept the benchmark's request");
        }
        // the holder path fills the holder; the demo's publishes nothing (outside Jersey there is no request to read)
        if (weld != null && (weld.select(dev.certgate.ClientCertificate.class).get() != null) != holder) {
            throw new IllegalStateException("path=" + path + ": the guard " + (holder ? "did not fill" : "filled")
                    + " the request-scoped holder");
        }
        if (requests != null) {
            requests.deactivate();
        }
    }

    @org.openjdk.jmh.annotations.TearDown
    public void stop() {
        if (weld != null) {
            weld.shutdown();
        }
    }

    @Benchmark
    public ContainerRequest requestOnly() {
        if (requests == null) {
            return newRequest();
        }
        requests.activate();
        try {
            return newRequest();
        } finally {
            requests.deactivate();
        }
    }

    @Benchmark
    public ContainerRequest requestAndGuard() {
        if (requests == null) {
            ContainerRequest request = newRequest();
            filter.filter(request);
            return request;
        }
        requests.activate();
        try {
            ContainerRequest request = newRequest();
            filter.filter(request);
            return request;
        } finally {
            requests.deactivate();
        }
    }

    private ContainerRequest newRequest() {
        ContainerRequest request = new ContainerRequest(base, uri, "GET", null, new MapPropertiesDelegate(), null);
        if (xfcc) {
            request.header("x-forwarded-client-cert", BenchPki.copy(header));
            request.setProperty(CertgateFeature.PEER_ADDRESS_PROPERTY, proxy);
        } else {
            request.setProperty("jakarta.servlet.request.X509Certificate", chain);
        }
        return request;
    }

}
