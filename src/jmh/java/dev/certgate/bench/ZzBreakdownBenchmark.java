package dev.certgate.bench;

import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateSource;
import dev.certgate.DistinguishedNames;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;

@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 6, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 12, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class ZzBreakdownBenchmark {
    byte[][] ders;
    String[] escaped;
    String[] pems;
    String[] b64;
    CertificateFactory factory;
    MessageDigest sha;
    int next;

    @Setup
    public void setUp() throws Exception {
        var f = BenchPki.forwarded(BenchPki.DISTINCT);
        ders = f.stream().map(BenchPki.Forwarded::der).toArray(byte[][]::new);
        escaped = f.stream().map(BenchPki.Forwarded::escapedPem).toArray(String[]::new);
        pems = f.stream().map(x -> dev.certgate.demo.Pki.pem(x.certificate())).toArray(String[]::new);
        b64 = f.stream().map(x -> Base64.getEncoder().encodeToString(x.der())).toArray(String[]::new);
        factory = CertificateFactory.getInstance("X.509");
        sha = MessageDigest.getInstance("SHA-256");
    }

    X509Certificate parse() throws Exception {
        return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(ders[next++ & 4095]));
    }

    @Benchmark public void a_parse(Blackhole b) throws Exception { b.consume(parse()); }
    @Benchmark public void b_subjectDn(Blackhole b) throws Exception { X509Certificate c = parse(); b.consume(DistinguishedNames.rfc2253(c.getSubjectX500Principal())); }
    @Benchmark public void c_issuerDn(Blackhole b) throws Exception { X509Certificate c = parse(); b.consume(DistinguishedNames.rfc2253(c.getIssuerX500Principal())); }
    @Benchmark public void d_sans(Blackhole b) throws Exception { b.consume(CertificateNormalizer.subjectAltNames(parse())); }
    @Benchmark public void e_fingerprint(Blackhole b) throws Exception { b.consume(CertificateNormalizer.fingerprint256(parse())); }
    @Benchmark public void f_normalize(Blackhole b) throws Exception { b.consume(CertificateNormalizer.normalize(new X509Certificate[] {parse()}, CertificateSource.HEADERS, true)); }
    @Benchmark public void g_percentDecode(Blackhole b) throws Exception { b.consume(dev.certgate.source.ZzAccess.decode(escaped[next++ & 4095])); }
    @Benchmark public void h_fromPem(Blackhole b) throws Exception { b.consume(dev.certgate.source.ZzAccess.pem(pems[next++ & 4095])); }
    @Benchmark public void i_base64(Blackhole b) throws Exception { b.consume(Base64.getDecoder().decode(b64[next++ & 4095])); }
    @Benchmark public void j_jdkPem(Blackhole b) throws Exception { b.consume(factory.generateCertificate(new ByteArrayInputStream(pems[next++ & 4095].getBytes()))); }
    @Benchmark public void k_sha(Blackhole b) throws Exception { b.consume(sha.digest(ders[next++ & 4095])); }
}
