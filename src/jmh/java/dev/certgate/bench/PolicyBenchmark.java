package dev.certgate.bench;

import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import dev.certgate.RefusalReason;
import dev.certgate.identity.CallerIdentity;
import dev.certgate.identity.IdentityMapper;
import dev.certgate.identity.PrincipalKind;
import dev.certgate.policy.AllowList;
import dev.certgate.policy.CertificatePolicy;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
 * Policy evaluation and caller mapping with allow-lists of 1 and 10,000 fingerprints and SANs:
 * compiled into hash lookups, the big list should cost what the small one does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolicyBenchmark {

    @Param({"1", "10000"})
    public int entries;

    private ClientCertificate certificate;
    private CertificatePolicy fingerprints;
    private CertificatePolicy sans;
    private IdentityMapper identity;
    private final Instant now = Instant.now();

    @Setup(Level.Trial)
    public void build() {
        X509Certificate[] chain = BenchPki.clients(1).get(0);
        certificate = CertificateNormalizer.normalize(chain, CertificateSource.NATIVE, true);
        List<String> prints = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        for (int i = 1; i < entries; i++) {
            prints.add(String.format("%064X", i));
            uris.add("URI:spiffe://acme/other-" + i);
        }
        prints.add(certificate.fingerprint256());
        uris.add(certificate.subjectAltNames().get(0));
        fingerprints = new CertificatePolicy("f", true, true, AllowList.builder().fingerprints(prints).build(), List.of());
        sans = new CertificatePolicy("s", true, true, AllowList.builder().sans(uris).build(), List.of());
        identity = new IdentityMapper(PrincipalKind.DEFAULT_ORDER,
                Map.of("admin", AllowList.builder().sans(uris).build(), "auditor", AllowList.builder().fingerprints(prints).build()));
    }

    @Benchmark
    public Optional<RefusalReason> fingerprintAllowList() {
        return fingerprints.evaluate(certificate, now);
    }

    @Benchmark
    public Optional<RefusalReason> sanAllowList() {
        return sans.evaluate(certificate, now);
    }

    @Benchmark
    public Optional<CallerIdentity> callerAndRoles() {
        return identity.identify(certificate);
    }
}
