package dev.certgate.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateAuthenticator;
import dev.certgate.CertificateSource;
import dev.certgate.Decision;
import dev.certgate.TokenBinding;
import dev.certgate.identity.IdentityMapper;
import dev.certgate.policy.CertificatePolicy;
import dev.certgate.testing.DistinctCertificates;
import dev.certgate.testing.FakeRequest;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A flood of 1,000,000 distinct forwarded certificates (Envoy elements with Cert, from a trusted
 * proxy, two threads) through the default configuration: the heap after the flood is what it was
 * once the cache had filled, so it is bounded by the cache, not by the number of certificates.
 * Takes a minute or more, so not part of {@code mvn verify}:
 * {@code mvn -B test -Dtest=CertificateFloodTest -Dflood=true} (optionally {@code -Dflood.count=N}).
 */
@EnabledIfSystemProperty(named = "flood", matches = "true")
class CertificateFloodTest {

    private static final int COUNT = Integer.getInteger("flood.count", 1_000_000);
    private static final int THREADS = 2;

    @Test
    void authenticateWhenMillionDistinctCertificatesThenHeapBoundedByTheCache() throws Exception {
        CertgateSettings settings = new CertgateSettings(List.of(CertificateSource.XFCC),
                TrustedProxies.parse(List.of("10.0.0.0/8")), CertificatePolicy.DEFAULT, Map.of(), IdentityMapper.DEFAULT,
                TokenBinding.WHEN_PRESENT, CertgateSettings.DEFAULT_MAX_HEADER_BYTES);
        CertificateAuthenticator authenticator = new CertificateAuthenticator(CertificateReaders.resolver(settings),
                settings.identity(), Clock.systemUTC());
        DistinctCertificates certificates = new DistinctCertificates();
        InetAddress proxy = InetAddress.getByName("10.0.0.1");
        int capacity = new CertificateCache<String>(settings.cache(), Clock.systemUTC()).capacity();

        long before = usedHeapAfterGc();
        AtomicLong accepted = new AtomicLong();
        long filled = 0;
        long start = System.nanoTime();
        int step = COUNT / 10;
        for (int from = 0; from < COUNT; from += step) {
            flood(authenticator, certificates, proxy, from, Math.min(COUNT, from + step), accepted);
            long used = usedHeapAfterGc();
            if (from == 0) {
                filled = used;
            }
            System.out.printf("after %,9d certificates: %,6d KB used heap%n", Math.min(COUNT, from + step), used / 1024);
        }
        long after = usedHeapAfterGc();
        System.out.printf("%,d distinct certificates in %.1f s; cache of %,d entries holds %,d KB (%,d bytes an entry);"
                        + " %,d KB more after the flood than once it was full%n", COUNT, (System.nanoTime() - start) / 1e9,
                capacity, (filled - before) / 1024, (filled - before) / capacity, (after - filled) / 1024);

        assertThat(accepted).hasValue(COUNT);
        // once full, a million more certificates add nothing but GC noise; unbounded, they would add gigabytes
        assertThat(after - filled).isLessThan(Math.max(16L << 20, (filled - before) / 10));
    }

    private static void flood(CertificateAuthenticator authenticator, DistinctCertificates certificates, InetAddress proxy,
                              int from, int to, AtomicLong accepted) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new java.util.ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = from + t;
                workers.add(pool.submit(() -> {
                    for (int n = first; n < to; n += THREADS) {
                        Decision decision = authenticator.authenticate(
                                FakeRequest.from(proxy).header("x-forwarded-client-cert", certificates.xfcc(n)),
                                CertificatePolicy.DEFAULT);
                        if (decision instanceof Decision.Accepted) {
                            accepted.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
