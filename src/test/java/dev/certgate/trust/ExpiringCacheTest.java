package dev.certgate.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {

    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void getWhenBeforeExpiryThenValueElseNothing() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(10);
        cache.put("a", "A", T0.plusSeconds(10), T0);

        assertThat(cache.get("a", T0.plusSeconds(9))).isEqualTo("A");
        assertThat(cache.get("a", T0.plusSeconds(10))).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void putWhenAlreadyExpiredOrCacheOffThenNothingKept() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(10);
        cache.put("a", "A", T0, T0);
        ExpiringCache<String, String> off = new ExpiringCache<>(0);
        off.put("a", "A", T0.plusSeconds(10), T0);

        assertThat(cache.size()).isZero();
        assertThat(off.get("a", T0)).isNull();
    }

    @Test
    void putWhenFullThenNeverGrowsPastTheBound() {
        ExpiringCache<Integer, Integer> cache = new ExpiringCache<>(100);
        for (int i = 0; i < 10_000; i++) {
            cache.put(i, i, T0.plusSeconds(60), T0);
            assertThat(cache.size()).isLessThanOrEqualTo(100);
        }
        assertThat(cache.get(9_999, T0)).isEqualTo(9_999);
    }

    @Test
    void putWhenFullOfExpiredEntriesThenOnlyThoseGo() {
        ExpiringCache<Integer, Integer> cache = new ExpiringCache<>(3);
        cache.put(1, 1, T0.plusSeconds(1), T0);
        cache.put(2, 2, T0.plusSeconds(1), T0);
        cache.put(3, 3, T0.plusSeconds(100), T0);

        cache.put(4, 4, T0.plusSeconds(100), T0.plusSeconds(2));

        assertThat(cache.get(3, T0.plusSeconds(2))).isEqualTo(3);
        assertThat(cache.get(4, T0.plusSeconds(2))).isEqualTo(4);
        assertThat(cache.size()).isEqualTo(2);
    }
}
