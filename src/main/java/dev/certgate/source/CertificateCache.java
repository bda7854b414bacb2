package dev.certgate.source;

import dev.certgate.ClientCertificate;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;

/**
 * A bounded cache from what a source read (the native leaf certificate, a forwarded header value)
 * to its normalized {@link ClientCertificate}, so a repeated caller costs a lookup instead of a
 * parse, a SHA-256 and DN/SAN decoding.
 *
 * <p>A fixed table of {@code maxEntries} slots (rounded down to a multiple of {@value #WAYS}; fewer are kept as given),
 * allocated once: a key can live in one set of {@value #WAYS} slots chosen by its hash, and a new
 * entry replaces an empty or expired slot of its set, else the one that expires first. So a flood
 * of distinct certificates costs O(1) per request and can never grow the heap beyond the table;
 * nothing is ever scanned. Each entry lives at most {@code ttl} and never past its certificate's
 * {@code notAfter}. What is cached is only the normalization: every request is still decided
 * against the policy at its own instant.
 *
 * <p>String keys (forwarded header values, often kilobytes of URL-encoded PEM) are hashed from
 * {@link #sampledHash their first and their last 128 characters}, so a request does not pay for hashing
 * all of it; a hit still requires the whole value to be equal. Thread-safe without locks: slots
 * hold immutable entries; a race computes twice and keeps one.
 *
 * @param <K> the key: an {@code X509Certificate} or a header value
 */
public final class CertificateCache<K> {

    /** Slots per set: a few hot callers whose hashes meet in one set still all stay cached. */
    static final int WAYS = 4;
    private static final int HEAD = 128;
    private static final int TAIL = 128;
    private static final long MIX = 0x9E3779B97F4A7C15L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final ThreadLocal<byte[]> HEAD_BUFFER = new ThreadLocal<>();

    private record Entry(Object key, int hash, ClientCertificate certificate, long expiresAt) {
    }

    // a plain array: a slot holds an immutable entry (final fields), so a racing reader sees a whole entry or an older one
    private final Entry[] slots;
    private final int sets;
    private final int ways;
    private final long ttlMillis;
    private final Clock clock;

    /**
     * @param settings size and lifetime; {@code maxEntries == 0} caches nothing
     * @param clock    the time source for expiry
     */
    public CertificateCache(CacheSettings settings, Clock clock) {
        int max = settings.maxEntries();
        this.ways = Math.max(1, Math.min(WAYS, max));
        this.sets = max / ways;
        this.slots = max == 0 ? null : new Entry[sets * ways];
        this.ttlMillis = settings.ttl().toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The cached normalization of {@code key}, or {@code normalize}'s answer, remembered. */
    public ClientCertificate get(K key, Function<? super K, ClientCertificate> normalize) {
        ClientCertificate cached = find(key);
        if (cached != null) {
            return cached;
        }
        ClientCertificate certificate = normalize.apply(key);
        put(key, certificate);
        return certificate;
    }

    /** The live entry for {@code key}, or {@code null}. */
    public ClientCertificate find(K key) {
        if (slots == null) {
            return null;
        }
        int hash = hash(key);
        long now = clock.millis();
        for (int i = first(hash), end = i + ways; i < end; i++) {
            Entry entry = slots[i];
            if (entry != null && now < entry.expiresAt() && entry.hash() == hash && entry.key().equals(key)) {
                return entry.certificate();
            }
        }
        return null;
    }

    /**
     * Remembers {@code certificate} under {@code key} until the ttl passes or the certificate
     * expires, whichever comes first (an expired certificate is not remembered at all), in place
     * of an empty or expired slot of its set, else of the entry that would expire first.
     */
    public void put(K key, ClientCertificate certificate) {
        if (slots == null) {
            return;
        }
        int hash = hash(key);
        long now = clock.millis();
        long expiresAt = now + ttlMillis;
        if (certificate.notAfter() != null) {
            expiresAt = Math.min(expiresAt, certificate.notAfter().toEpochMilli());
        }
        if (expiresAt <= now) {
            return;
        }
        int victim = -1;
        long victimExpiry = Long.MAX_VALUE;
        for (int i = first(hash), end = i + ways; i < end; i++) {
            Entry entry = slots[i];
            long expiry = entry == null ? Long.MIN_VALUE : entry.expiresAt();
            if (expiry < victimExpiry) {
                victim = i;
                victimExpiry = expiry;
            }
        }
        slots[victim] = new Entry(key, hash, certificate, expiresAt);
    }

    /** How many live entries are held now (counts the table: for tests and diagnostics). */
    public int size() {
        if (slots == null) {
            return 0;
        }
        long now = clock.millis();
        int live = 0;
        for (int i = 0; i < slots.length; i++) {
            Entry entry = slots[i];
            if (entry != null && now < entry.expiresAt()) {
                live++;
            }
        }
        return live;
    }

    /** How many entries the table can hold: {@code maxEntries} rounded down to a multiple of the set size (below it, one set of that many). */
    public int capacity() {
        return slots == null ? 0 : slots.length;
    }

    private static int hash(Object key) {
        return key instanceof String value ? sampledHash(value) : key.hashCode();
    }

    /** The first slot of the key's set: the hash Fibonacci-mixed, mapped onto [0, sets) by a multiply-shift. */
    private int first(int hash) {
        int mixed = hash * 0x9E3779B9;
        mixed ^= mixed >>> 16;
        return (int) (((mixed & 0xFFFFFFFFL) * sets) >>> 32) * ways;
    }

    /**
     * The length, the first {@value #HEAD} characters and the last {@value #TAIL}: the head holds
     * what sets certificates apart up front (an Envoy element's {@code Hash}, a DER's serial
     * number), the tail the end of the signature (random for every certificate) and what a proxy
     * appends after it, without reading kilobytes per request. Both are copied in one block each
     * (the low byte of each character: header text is ASCII) into a per-thread buffer and mixed
     * eight bytes at a time in four independent lanes. Read a character at a time this cost 2.4
     * times as much, and 64 characters sampled over the middle (the previous scheme) twice as
     * much again as the tail's block. Only a hint: equality is checked on the whole value.
     */
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int): the one bulk copy of a String's low bytes
    static int sampledHash(String value) {
        int length = value.length();
        int head = Math.min(length, HEAD);
        int tail = Math.min(length - head, TAIL);
        byte[] buffer = HEAD_BUFFER.get();
        if (buffer == null) {
            // a JDK ThreadLocal holding a byte[]: nothing of this class loader stays with the thread
            buffer = new byte[HEAD + TAIL];
            HEAD_BUFFER.set(buffer);
        }
        value.getBytes(0, head, buffer, 0);
        if (head < HEAD) {
            Arrays.fill(buffer, head, HEAD, (byte) 0);
        }
        value.getBytes(length - tail, length, buffer, HEAD);
        if (tail < TAIL) {
            Arrays.fill(buffer, HEAD + tail, HEAD + TAIL, (byte) 0);
        }
        long h0 = length;
        long h1 = 0;
        long h2 = 0;
        long h3 = 0;
        for (int i = 0; i < HEAD + TAIL; i += 32) {
            h0 = (h0 ^ (long) LONGS.get(buffer, i)) * MIX;
            h1 = (h1 ^ (long) LONGS.get(buffer, i + 8)) * MIX;
            h2 = (h2 ^ (long) LONGS.get(buffer, i + 16)) * MIX;
            h3 = (h3 ^ (long) LONGS.get(buffer, i + 24)) * MIX;
        }
        long h = (((h0 * MIX + h1) * MIX + h2) * MIX + h3) * MIX;
        return (int) (h ^ (h >>> 32));
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
