package dev.certgate.source;

import dev.certgate.bench.BenchPki;
import java.util.concurrent.TimeUnit;
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
 * What a repeated caller's forwarded header costs the certificate cache before the comparison of
 * the whole value: {@link CertificateCache#sampledHash} of an Envoy element with every detail
 * ({@code xfcc-cert}, about 1.9 KB) and of nginx's URL-encoded PEM ({@code pem}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CacheKeyBenchmark {

    @Param({"xfcc-cert", "pem"})
    public String format;

    private String value;

    @Setup
    public void start() {
        BenchPki.Forwarded caller = BenchPki.forwarded(1).get(0);
        value = format.equals("pem") ? caller.escapedPem() : caller.xfccCert();
    }

    @Benchmark
    public int sampledHash() {
        return CertificateCache.sampledHash(value);
    }
}
