package dev.certgate.trust;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers remembered until an instant of their own (a path until its first certificate expires,
 * an OCSP answer until its {@code nextUpdate}), at most {@code maxEntries} of them: when full,
 * expired entries go, and if that frees nothing the whole cache is dropped, so a flood of
 * distinct certificates costs re-verification, never memory. {@code maxEntries == 0} remembers
 * nothing. Thread-safe.
 */
final class ExpiringCache<K, V> {

    private record Entry<V>(V value, Instant expires) {
    }

    private final int maxEntries;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    ExpiringCache(int maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must not be negative");
        }
        this.maxEntries = maxEntries;
    }

    /** The value remembered for {@code key}, if it has not expired at {@code now}. */
    V get(K key, Instant now) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (now.isBefore(entry.expires())) {
            return entry.value();
        }
        entries.remove(key, entry);
        return null;
    }

    /** Remembers {@code value} until {@code expires}; nothing when that is not after {@code now}. */
    void put(K key, V value, Instant expires, Instant now) {
        if (maxEntries == 0 || !now.isBefore(expires)) {
            return;
        }
        if (entries.size() >= maxEntries && !entries.containsKey(key)) {
            entries.values().removeIf(e -> !now.isBefore(e.expires()));
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(key, new Entry<>(value, expires));
    }

    int size() {
        return entries.size();
    }

    void clear() {
        entries.clear();
    }
}
