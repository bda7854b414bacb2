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
import org.junit.jupiter.api.Test;

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
