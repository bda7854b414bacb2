package dev.certgate.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import dev.certgate.demo.Pki;
import dev.certgate.source.CertificateCache.CacheSettings;
import dev.certgate.testing.TestPki;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import dev.certgate.testing.DistinctCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The cache remembers normalizations, never beyond their lifetime or its size. */
class CertificateCacheTest {

    private final Instant start = Instant.parse("2026-11-24T12:00:00Z");
    private final MutableClock clock = new MutableClock(start);
    private final AtomicInteger computed = new AtomicInteger();

    private ClientCertificate normalize(Pki.Issued issued) {
        computed.incrementAndGet();
        return CertificateNormalizer.normalize(issued.chainArray(), CertificateSource.NATIVE, true);
    }

    @Test
    void getWhenRepeatedThenNormalizedOnce() {
        CertificateCache<String> cache = new CertificateCache<>(CacheSettings.DEFAULTS, clock);

        ClientCertificate first = cache.get("a", k -> normalize(TestPki.SVC_A));
        ClientCertificate second = cache.get("a", k -> normalize(TestPki.SVC_A));

        assertThat(second).isSameAs(first);
        assertThat(computed).hasValue(1);
    }

    @Test
    void getWhenTtlPassedThenNormalizedAgain() {
        CertificateCache<String> cache = new CertificateCache<>(new CacheSettings(10, Duration.ofMinutes(1)), clock);
        cache.get("a", k -> normalize(TestPki.SVC_A));

        clock.now = start.plusSeconds(59);
        cache.get("a", k -> normalize(TestPki.SVC_A));
        clock.now = start.plusSeconds(60);
        cache.get("a", k -> normalize(TestPki.SVC_A));

        assertThat(computed).hasValue(2);
    }

    @Test
    void getWhenCertificateExpiresBeforeTtlThenEntryEndsAtNotAfter() {
        Pki.Issued shortLived = TestPki.client("CN=short").validity(start.minusSeconds(60), start.plusSeconds(30)).build();
        CertificateCache<String> cache = new CertificateCache<>(new CacheSettings(10, Duration.ofHours(1)), clock);
        cache.get("s", k -> normalize(shortLived));

        clock.now = start.plusSeconds(31);
        cache.get("s", k -> normalize(shortLived));

        assertThat(computed).hasValue(2);
    }

    @Test
    void getWhenCertificateAlreadyExpiredThenNeverCached() {
        CertificateCache<String> cache = new CertificateCache<>(CacheSettings.DEFAULTS, Clock.systemUTC());

        cache.get("e", k -> normalize(TestPki.EXPIRED));
        cache.get("e", k -> normalize(TestPki.EXPIRED));

        assertThat(computed).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void getWhenFloodOfDistinctKeysThenSizeStaysBounded() {
        CertificateCache<Integer> cache = new CertificateCache<>(new CacheSettings(100, Duration.ofHours(1)), clock);
        ClientCertificate one = normalize(TestPki.SVC_A);

        for (int i = 0; i < 100_000; i++) {
            cache.get(i, k -> one);
            assertThat(cache.size()).isLessThanOrEqualTo(100);
        }
    }

    @Test
    void getWhenOffThenNothingRemembered() {
        CertificateCache<String> cache = new CertificateCache<>(CacheSettings.OFF, clock);

        cache.get("a", k -> normalize(TestPki.SVC_A));
        cache.get("a", k -> normalize(TestPki.SVC_A));

        assertThat(computed).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void nativeReaderWhenSameLeafOtherChainThenReportsThisRequestsChain() {
        NativeReader reader = new NativeReader(new CertificateCache<>(CacheSettings.DEFAULTS, Clock.systemUTC()));
        java.util.List<java.security.cert.X509Certificate> full = TestPki.SVC_A.chain();
        java.util.List<java.security.cert.X509Certificate> leafOnly = java.util.List.of(TestPki.SVC_A.certificate());

        Resolution first = reader.read(dev.certgate.testing.FakeRequest.withNativeChain(full));
        Resolution second = reader.read(dev.certgate.testing.FakeRequest.withNativeChain(leafOnly));

        assertThat(((Resolution.Found) first).certificate().chain()).isEqualTo(full);
        assertThat(((Resolution.Found) second).certificate().chain()).isEqualTo(leafOnly);
    }

    @ParameterizedTest(name = "max-entries {0} -> {1} slots")
    @CsvSource({"0, 0", "1, 1", "3, 3", "4, 4", "10, 8", "1000, 1000", "10000, 10000"})
    void capacityWhenMaxEntriesThenWholeSetsNeverMore(int maxEntries, int capacity) {
        assertThat(new CertificateCache<String>(new CacheSettings(maxEntries, Duration.ofMinutes(1)), clock).capacity())
                .isEqualTo(capacity);
    }

    @Test
    void getWhenHeaderValuesShareTheirSampledHashThenEachKeepsItsOwnCertificate() {
        // of 2,000 characters the hash reads the first 128 and the last 128: 1,000 is never read
        String a = "x".repeat(2000);
        String b = a.substring(0, 1000) + "y" + a.substring(1001);
        assertThat(CertificateCache.sampledHash(b)).isEqualTo(CertificateCache.sampledHash(a));
        ClientCertificate certA = normalize(TestPki.SVC_A);
        ClientCertificate certB = normalize(TestPki.SVC_B);
        CertificateCache<String> cache = new CertificateCache<>(CacheSettings.DEFAULTS, clock);

        cache.get(a, k -> certA);
        cache.get(b, k -> certB);

        assertThat(cache.get(new String(a.toCharArray()), k -> null)).isSameAs(certA);
        assertThat(cache.get(new String(b.toCharArray()), k -> null)).isSameAs(certB);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"xfcc", "pem"})
    void sampledHashWhenDistinctForwardedCertificatesThenRarelyEqual(String format) {
        // the certificates differ only in their serial number: 8 bytes near the start of the DER
        DistinctCertificates certificates = new DistinctCertificates();
        java.util.Set<Integer> hashes = new java.util.HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            hashes.add(CertificateCache.sampledHash(format.equals("xfcc") ? certificates.xfcc(i) : certificates.escapedPem(i)));
        }
        assertThat(hashes).hasSizeGreaterThan(1_990);
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {2, 7, 127, 128, 129, 200, 255, 256, 257, 4096})
    void sampledHashWhenOneCharacterOfHeadOrTailDiffersThenHashDiffers(int length) {
        String value = "a".repeat(length);
        java.util.Set<Integer> hashes = new java.util.HashSet<>();
        hashes.add(CertificateCache.sampledHash(value));
        hashes.add(CertificateCache.sampledHash(value + "b")); // one longer
        hashes.add(CertificateCache.sampledHash("b" + value.substring(1))); // first character
        hashes.add(CertificateCache.sampledHash(value.substring(0, length - 1) + "b")); // last character
        assertThat(hashes).hasSize(4);
    }

    @Test
    void readWhenFloodOfDistinctCertificatesThenCacheStaysWithinItsSlotsAndAnswersEachItsOwn() throws Exception {
        DistinctCertificates certificates = new DistinctCertificates();
        CertificateCache<String> cache = new CertificateCache<>(new CacheSettings(64, Duration.ofHours(1)), Clock.systemUTC());
        XfccReader reader = new XfccReader(HeaderNames.DEFAULTS, new ProxyGate(TrustedProxies.parse(java.util.List.of("10.0.0.0/8")),
                32768), cache);

        for (int i = 0; i < 2_000; i++) {
            Resolution resolution = reader.read(dev.certgate.testing.FakeRequest.from(java.net.InetAddress.getByName("10.0.0.1"))
                    .header("x-forwarded-client-cert", certificates.xfcc(i % 500)));

            assertThat(((Resolution.Found) resolution).certificate().fingerprint256())
                    .isEqualTo(dev.certgate.Hex.encode(dev.certgate.Hex.sha256(certificates.der(i % 500))));
            assertThat(cache.size()).isLessThanOrEqualTo(64);
        }
    }

    @Test
    void getWhenManyThreadsThenEveryAnswerIsItsOwnKeysAndSizeStaysBounded() throws Exception {
        CertificateCache<String> cache = new CertificateCache<>(new CacheSettings(256, Duration.ofHours(1)), Clock.systemUTC());
        ClientCertificate[] byKey = new ClientCertificate[1024];
        for (int i = 0; i < byKey.length; i++) {
            byKey[i] = new ClientCertificate("CN=" + i, String.valueOf(i), null, null, null, null, java.util.List.of(), null,
                    null, true, CertificateSource.XFCC, null, java.util.List.of());
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> workers = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                workers.add(pool.submit(() -> {
                    java.util.Random random = new java.util.Random(seed);
                    int wrong = 0;
                    for (int n = 0; n < 200_000; n++) {
                        int key = random.nextInt(byKey.length);
                        ClientCertificate answer = cache.get("key-" + key, k -> byKey[key]);
                        wrong += answer == byKey[key] ? 0 : 1;
                    }
                    return wrong;
                }));
            }
            for (java.util.concurrent.Future<Integer> worker : workers) {
                assertThat(worker.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.size()).isLessThanOrEqualTo(256);
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
