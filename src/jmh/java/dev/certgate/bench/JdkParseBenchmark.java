package dev.certgate.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The baseline of every cold forwarded certificate: what the JDK itself needs to parse the same
 * {@value BenchPki#DISTINCT} distinct certificates and hash them. Nothing can be faster than this
 * without giving up the JDK's parser; {@code ForwardedHeaderBenchmark.newCaller} divided by
 * {@link #parseDerAndSha256} is certgate's overhead.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JdkParseBenchmark {

    private byte[][] ders;
    private byte[][] pems;
    private CertificateFactory factory;
    private MessageDigest sha256;
    private int next;

    @Setup(Level.Trial)
    public void mint() throws CertificateException, NoSuchAlgorithmException {
        var certificates = BenchPki.forwarded(BenchPki.DISTINCT);
        ders = certificates.stream().map(BenchPki.Forwarded::der).toArray(byte[][]::new);
        pems = certificates.stream().map(c -> dev.certgate.demo.Pki.pem(c.certificate()).getBytes(StandardCharsets.US_ASCII))
                .toArray(byte[][]::new);
        factory = CertificateFactory.getInstance("X.509");
        sha256 = MessageDigest.getInstance("SHA-256");
    }

    /** {@code CertificateFactory.generateCertificate} over the DER, and SHA-256 of the same bytes. */
    @Benchmark
    public void parseDerAndSha256(Blackhole out) throws CertificateException {
        byte[] der = ders[next++ & (BenchPki.DISTINCT - 1)];
        out.consume(factory.generateCertificate(new ByteArrayInputStream(der)));
        out.consume(sha256.digest(der));
    }

    /** The same from the PEM text (the JDK decodes the base64 itself), SHA-256 of the DER. */
    @Benchmark
    public void parsePemAndSha256(Blackhole out) throws CertificateException {
        int i = next++ & (BenchPki.DISTINCT - 1);
        out.consume(factory.generateCertificate(new ByteArrayInputStream(pems[i])));
        out.consume(sha256.digest(ders[i]));
    }
}
