package dev.certgate.bench;

import dev.certgate.CertificateRequest;
import dev.certgate.source.CertificateCache;
import dev.certgate.source.CertificateCache.CacheSettings;
import dev.certgate.source.NativeReader;
import dev.certgate.source.Resolution;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The native source as the filter calls it, with the default certificate cache: a keep-alive
 * client (same certificate object each request) and a stream of new callers (1,024 distinct
 * certificates through a reader that caches nothing, so every call normalizes).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NativeReaderBenchmark {

    private List<CertificateRequest> requests;
    private NativeReader warm;
    private NativeReader cold;
    private dev.certgate.CertificateAuthenticator authenticator;
    private int next;

    @Setup(Level.Trial)
    public void mint() {
        requests = BenchPki.clients(1024).stream().map(NativeReaderBenchmark::request).toList();
        warm = new NativeReader(new CertificateCache<>(CacheSettings.DEFAULTS, Clock.systemUTC()));
        authenticator = new dev.certgate.CertificateAuthenticator(new dev.certgate.source.CertificateResolver(List.of(warm)),
                dev.certgate.identity.IdentityMapper.DEFAULT, Clock.systemUTC());
        cold = new NativeReader(new CertificateCache<>(CacheSettings.OFF, Clock.systemUTC()));
    }

    @Benchmark
    public Resolution repeatedCaller() {
        return warm.read(requests.get(0));
    }

    /** Resolve, decide and identify: the whole core, for a keep-alive client. */
    @Benchmark
    public dev.certgate.Decision authenticateRepeatedCaller() {
        return authenticator.authenticate(requests.get(0), dev.certgate.policy.CertificatePolicy.DEFAULT);
    }

    @Benchmark
    public Resolution newCaller() {
        return cold.read(requests.get(next++ & 1023));
    }

    /** What a container hands over: the same array object for the life of the TLS session. */
    static CertificateRequest request(X509Certificate[] chain) {
        List<X509Certificate> list = Arrays.asList(chain);
        return new CertificateRequest() {
            @Override
            public Optional<InetAddress> peerAddress() {
                return Optional.empty();
            }

            @Override
            public List<String> headerValues(String name) {
                return List.of();
            }

            @Override
            public List<X509Certificate> nativeChain() {
                return list;
            }
        };
    }
}
