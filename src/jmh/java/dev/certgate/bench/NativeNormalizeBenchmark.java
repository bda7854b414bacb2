package dev.certgate.bench;

import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import java.security.cert.X509Certificate;
import java.util.List;
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
 * Native {@link X509Certificate} → {@link ClientCertificate}: what every guarded request on a
 * server that terminates TLS itself pays. {@code newCaller} cycles through 1,024 distinct
 * certificates; {@code repeatedCaller} presents the same one, as a keep-alive client does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NativeNormalizeBenchmark {

    private List<X509Certificate[]> clients;
    private int next;

    @Setup(Level.Trial)
    public void mint() {
        clients = BenchPki.clients(1024);
    }

    @Benchmark
    public ClientCertificate newCaller() {
        X509Certificate[] chain = clients.get(next++ & 1023);
        return CertificateNormalizer.normalize(chain, CertificateSource.NATIVE, true);
    }

    @Benchmark
    public ClientCertificate repeatedCaller() {
        return CertificateNormalizer.normalize(clients.get(0), CertificateSource.NATIVE, true);
    }
}
