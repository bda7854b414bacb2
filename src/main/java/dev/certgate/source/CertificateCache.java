package dev.certgate.source;

import dev.certgate.ClientCertificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A bounded cache from what a source read (the native leaf certificate, a forwarded header value)
 * to its normalized {@link ClientCertificate}, so a repeated caller costs a hash lookup instead of
 * a parse, a SHA-256 and DN/SAN decoding.
 *
 * <p>Bounded twice: at most {@code maxEntries} entries (when full, expired entries go first, then
 * an arbitrary eighth, so a flood of distinct certificates cannot grow the heap), and each entry
 * lives at most {@code ttl} and never past its certificate's {@code notAfter}. What is cached is
 * only the normalization: every request is still decided against the policy at its own instant.
 * Thread-safe; a race computes twice and keeps one.
 */
public final class CertificateCache<K> {

    private record Entry(ClientCertificate certificate, long expiresAt) {
    }

    private final int maxEntries;
    private final long ttlMillis;
    private final Clock clock;
    private final Map<K, Entry> entries = new ConcurrentHashMap<>();

    /**
     * @param settings   size and lifetime; {@code maxEntries == 0} caches nothing
     * @param clock      the time source for expiry
     */
    public CertificateCache(CacheSettings settings, Clock clock) {
        this.maxEntries = settings.maxEntries();
        this.ttlMillis = settings.ttl().toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The cached normalization of {@code key}, or {@code normalize}'s answer, remembered. */
    public ClientCertificate get(K key, Function<? super K, ClientCertificate> normalize) {
        if (maxEntries == 0) {
            return normalize.apply(key);
        }
        long now = clock.millis();
        Entry entry = entries.get(key);
        if (entry != null && now < entry.expiresAt()) {
            return entry.certificate();
        }
        ClientCertificate certificate = normalize.apply(key);
        long expiresAt = now + ttlMillis;
        if (certificate.notAfter() != null) {
            expiresAt = Math.min(expiresAt, certificate.notAfter().toEpochMilli());
        }
        if (expiresAt > now) {
            if (entries.size() >= maxEntries) {
                evict(now);
            }
            entries.put(key, new Entry(certificate, expiresAt));
        } else if (entry != null) {
            entries.remove(key, entry);
        }
        return certificate;
    }

    /** How many entries are held now. */
    public int size() {
        return entries.size();
    }

    private void evict(long now) {
        entries.values().removeIf(e -> e.expiresAt() <= now);
        int excess = entries.size() - (maxEntries - Math.max(1, maxEntries / 8));
        Iterator<K> keys = entries.keySet().iterator();
        while (excess-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }

    /**
     * {@code certgate.cache.max-entries} and {@code certgate.cache.ttl}.
     *
     * @param maxEntries 0 turns caching off
     * @param ttl        the longest an entry lives (it never outlives its certificate)
     */
    public record CacheSettings(int maxEntries, Duration ttl) {

        /** 10,000 entries for 10 minutes. */
        public static final CacheSettings DEFAULTS = new CacheSettings(10_000, Duration.ofMinutes(10));
        /** Caches nothing. */
        public static final CacheSettings OFF = new CacheSettings(0, Duration.ZERO);

        public CacheSettings {
            Objects.requireNonNull(ttl, "ttl");
            if (maxEntries < 0) {
                throw new IllegalArgumentException("maxEntries must not be negative");
            }
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("ttl must not be negative");
            }
        }
    }
}
