package dev.certgate.bench;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateAuthenticator;
import dev.certgate.CertificateSource;
import dev.certgate.Decision;
import dev.certgate.TokenBinding;
import dev.certgate.identity.IdentityMapper;
import dev.certgate.policy.CertificatePolicy;
import dev.certgate.source.CertificateCache.CacheSettings;
import dev.certgate.source.CertificateReader;
import dev.certgate.source.CertificateReaders;
import dev.certgate.source.CertificateResolver;
import dev.certgate.source.HeaderNames;
import dev.certgate.source.Resolution;
import dev.certgate.source.TrustedProxies;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * A forwarded-certificate header from a trusted proxy → {@link Resolution} (the normalized
 * certificate) and → {@link Decision} (resolved, decided by the default policy, caller named), in
 * each format a proxy sends:
 * <ul>
 *   <li>{@code xfcc-hash}: Envoy element without the certificate (By, Hash, Subject, URI, DNS);</li>
 *   <li>{@code xfcc-cert}: Envoy/Istio element with every detail (By, Hash, Cert, Subject, URI);</li>
 *   <li>{@code pem}: nginx {@code $ssl_client_escaped_cert} (URL-encoded PEM) with {@code X-SSL-Client-Verify};</li>
 *   <li>{@code rfc9440}: {@code Client-Cert}, an sf-binary DER.</li>
 * </ul>
 * {@code repeatedCaller*}: the same caller again, with the default cache; the header arrives as a
 * new string equal to the cached one, as a server parses it for every request. {@code newCaller*}:
 * {@value BenchPki#DISTINCT} distinct certificates in turn, caching off, so every call parses
 * (compare {@code newCaller} on {@code pem} with {@link JdkParseBenchmark}). {@code floodDecision}:
 * the same stream through a full 1,024-entry cache, every call a miss, an insertion and now and
 * then an eviction.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ForwardedHeaderBenchmark {

    @Param({"xfcc-hash", "xfcc-cert", "pem", "rfc9440"})
    public String format;

    private CertificatePolicy policy;
    private CertificateReader warmReader;
    private CertificateAuthenticator warm;
    private BenchRequest repeated;

    /** How each format reaches the application. */
    enum Format {
        XFCC_HASH(CertificateSource.XFCC, "x-forwarded-client-cert", BenchPki.Forwarded::xfccHash),
        XFCC_CERT(CertificateSource.XFCC, "x-forwarded-client-cert", BenchPki.Forwarded::xfccCert),
        PEM(CertificateSource.HEADERS, "X-SSL-Client-Cert", BenchPki.Forwarded::escapedPem),
        RFC9440(CertificateSource.CLIENT_CERT, "Client-Cert", BenchPki.Forwarded::clientCert);

        final CertificateSource source;
        final String header;
        final Function<BenchPki.Forwarded, String> value;

        Format(CertificateSource source, String header, Function<BenchPki.Forwarded, String> value) {
            this.source = source;
            this.header = header;
            this.value = value;
        }

        static Format of(String name) {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }

        BenchRequest request(BenchPki.Forwarded certificate) {
            BenchRequest request = new BenchRequest().header(header, BenchPki.copy(value.apply(certificate)));
            return this == PEM ? request.header("X-SSL-Client-Verify", "SUCCESS") : request;
        }

        /** This format's source alone, from a trusted proxy on 127.0.0.1. */
        CertificateResolver resolver(CacheSettings cache) {
            CertgateSettings settings = new CertgateSettings(List.of(source), TrustedProxies.parse(List.of("127.0.0.1/32")),
                    CertificatePolicy.DEFAULT, Map.of(), IdentityMapper.DEFAULT, TokenBinding.WHEN_PRESENT,
                    CertgateSettings.DEFAULT_MAX_HEADER_BYTES, HeaderNames.DEFAULTS, cache);
            return CertificateReaders.resolver(settings);
        }
    }

    static CertificateAuthenticator authenticator(CertificateResolver resolver) {
        return new CertificateAuthenticator(resolver, IdentityMapper.DEFAULT, Clock.systemUTC());
    }

    @Setup(Level.Trial)
    public void setUp() {
        Format f = Format.of(format);
        policy = CertificatePolicy.DEFAULT;
        BenchPki.Forwarded caller = BenchPki.forwarded(1).get(0);
        CertificateResolver resolver = f.resolver(CacheSettings.DEFAULTS);
        warm = authenticator(resolver);
        warmReader = resolver.readers().get(0);
        // the first request fills the cache; the measured ones carry equal, not identical, strings
        expectAccepted(warm.authenticate(f.request(caller), policy));
        repeated = f.request(caller);
    }

    static void expectAccepted(Decision decision) {
        if (!(decision instanceof Decision.Accepted)) {
            throw new IllegalStateException("the benchmark's request is not accepted: " + decision);
        }
    }

    /** {@value BenchPki#DISTINCT} distinct callers, minted once per fork, only for the benchmarks that use them. */
    @State(Scope.Thread)
    public static class NewCallers {
        BenchRequest[] requests;
        CertificateReader cold;
        CertificateAuthenticator coldAuthenticator;
        CertificateAuthenticator flood;
        int next;

        @Setup(Level.Trial)
        public void mint(ForwardedHeaderBenchmark benchmark) {
            Format f = Format.of(benchmark.format);
            requests = BenchPki.forwarded(BenchPki.DISTINCT).stream().map(f::request).toArray(BenchRequest[]::new);
            CertificateResolver uncached = f.resolver(CacheSettings.OFF);
            coldAuthenticator = authenticator(uncached);
            cold = uncached.readers().get(0);
            flood = authenticator(f.resolver(new CacheSettings(1024, Duration.ofMinutes(10))));
            for (BenchRequest request : requests) {
                expectAccepted(coldAuthenticator.authenticate(request, CertificatePolicy.DEFAULT));
            }
        }

        BenchRequest next() {
            return requests[next++ & (BenchPki.DISTINCT - 1)];
        }
    }

    @Benchmark
    public Resolution repeatedCaller() {
        return warmReader.read(repeated);
    }

    @Benchmark
    public Decision repeatedCallerDecision() {
        return warm.authenticate(repeated, policy);
    }

    @Benchmark
    public Resolution newCaller(NewCallers callers) {
        return callers.cold.read(callers.next());
    }

    @Benchmark
    public Decision newCallerDecision(NewCallers callers) {
        return callers.coldAuthenticator.authenticate(callers.next(), policy);
    }

    @Benchmark
    public Decision floodDecision(NewCallers callers) {
        return callers.flood.authenticate(callers.next(), policy);
    }
}
