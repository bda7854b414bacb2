package dev.certgate.jaxrs;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateSource;
import dev.certgate.cdi.CdiBridge;
import dev.certgate.bench.BenchPki;
import dev.certgate.source.TrustedProxies;
import java.net.InetAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
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
 * variance hides it in {@code JaxrsFilterBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GuardFilterBenchmark {

    @Param({"native", "xfcc"})
    public String path;

    private CertificateFilter filter;
    private boolean xfcc;
    private X509Certificate[] chain;
    private String header;
    private InetAddress proxy;
    private final URI base = URI.create("http://localhost/");
    private final URI uri = URI.create("http://localhost/guarded");

    @Setup
    public void start() throws Exception {
        xfcc = path.equals("xfcc");
        CertgateSettings settings = xfcc
                ? new CertgateSettings(List.of(CertificateSource.XFCC), TrustedProxies.parse(List.of("127.0.0.1/32")),
                        CertgateSettings.DEFAULTS.defaultPolicy(), Map.of(), CertgateSettings.DEFAULTS.identity(),
                        CertgateSettings.DEFAULTS.tokenBinding(), CertgateSettings.DEFAULT_MAX_HEADER_BYTES)
                : CertgateSettings.DEFAULTS;
        CertgateRuntime runtime = CertgateRuntime.of(settings);
        filter = new CertificateFilter(runtime.authenticator(), settings.defaultPolicy(), CdiBridge.NONE, "Ping#guarded");
        BenchPki.Forwarded caller = BenchPki.forwarded(1).get(0);
        chain = new X509Certificate[] {caller.certificate()};
        header = caller.xfccCert();
        proxy = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        ContainerRequest check = requestOnly();
        filter.filter(check);
        if (check.getProperty(dev.certgate.ClientCertificate.PROPERTY) == null) {
            throw new IllegalStateException("the guard does not accept the benchmark's request");
        }
    }

    @Benchmark
    public ContainerRequest requestOnly() {
        ContainerRequest request = new ContainerRequest(base, uri, "GET", null, new MapPropertiesDelegate(), null);
        if (xfcc) {
            request.header("x-forwarded-client-cert", BenchPki.copy(header));
            request.setProperty(CertgateFeature.PEER_ADDRESS_PROPERTY, proxy);
        } else {
            request.setProperty("jakarta.servlet.request.X509Certificate", chain);
        }
        return request;
    }

    @Benchmark
    public ContainerRequest requestAndGuard() {
        ContainerRequest request = requestOnly();
        filter.filter(request);
        return request;
    }
}
