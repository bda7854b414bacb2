package dev.certgate.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.demo.testbeans.DecisionCounter;
import dev.certgate.demo.DemoClient;
import dev.certgate.demo.DemoServer;
import dev.certgate.demo.DemoServerAccess;
import dev.certgate.soak.Scenario.Channel;
import jakarta.enterprise.inject.spi.CDI;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo under concurrent mixed traffic for a bounded time: real HTTPS with real client
 * certificates, and the plain port with forwarded headers from the trusted proxy (127.0.0.1) and
 * spoofed ones from a peer that is not (127.0.0.2). Every request's status and body are known in
 * advance ({@link Traffic}); so is the audit record it must leave, counted from the audit logger
 * and from a CDI observer ({@link DecisionCounter}).
 *
 * <p>Asserts zero 5xx, zero wrong answers, zero transport errors, exactly the expected audit lines
 * and events, and — for runs of a minute or more — a flat heap ({@link HeapSamples}).
 *
 * <p>{@code mvn -B verify} runs a smoke version ({@value #SMOKE}); the soak is
 * {@code mvn -B -Psoak verify} ({@code soak.duration=PT3M}; set {@code -Dsoak.duration},
 * {@code -Dsoak.threads}, {@code -Dsoak.tolerance} to change it). The report goes to standard out
 * and to {@code soak.report} when set.
 */
class SoakTest {

    static final String SMOKE = "PT6S";
    private static final Duration HEAP_CHECKED_FROM = Duration.ofMinutes(1);

    @TempDir
    Path pki;

    @Test
    void demoWhenMixedTrafficForAWhileThenNo5xxNoWrongDecisionExactAuditAndFlatHeap() throws Exception {
        Duration duration = Duration.parse(System.getProperty("soak.duration", SMOKE));
        int threads = Integer.getInteger("soak.threads", 8);
        double tolerance = Double.parseDouble(System.getProperty("soak.tolerance", "0.10"));

        Map<String, String> config = Map.of("certgate.demo.https-port", "0", "certgate.demo.http-port", "0",
                "certgate.demo.pki-dir", pki.toString(),
                "certgate.sources", "xfcc,client-cert,headers,native",
                "certgate.trusted-proxies", "127.0.0.1/32",
                // small enough to reach its bound in the warm-up third: flat must mean bounded, not "not full yet"
                "certgate.cache.max-entries", "1000");
        AuditCount audit = new AuditCount();
        try (DemoServer demo = DemoServer.start(config); audit) {
            DecisionCounter events = CDI.current().select(DecisionCounter.class).get();
            Map<String, Long> eventsBefore = events.counts();
            List<Scenario> mix = Traffic.mix(certificate("svc-a"), certificate("svc-b"));
            Map<Channel, RawConnection.Dialer> dialers = dialers(demo);

            HeapSamples heap = new HeapSamples();
            SoakStats stats = new SoakStats();
            long started = System.nanoTime();
            ClassHistogram[] middle = new ClassHistogram[1];
            run(mix, dialers, stats, heap, threads, duration, () -> middle[0] = ClassHistogram.take());
            double seconds = (System.nanoTime() - started) / 1e9;
            String growth = middle[0] == null ? "  (none taken)\n" : ClassHistogram.take().growthSince(middle[0], 12);

            Map<String, Long> eventsSeen = delta(events.counts(), eventsBefore);
            String report = report(duration, threads, seconds, mix, stats, heap, audit.counts(), eventsSeen, tolerance)
                    + "live bytes grown from the start of the middle third to the end, by class:\n" + growth;
            System.out.println(report);
            String file = System.getProperty("soak.report");
            if (file != null) {
                Files.writeString(Path.of(file), report, StandardCharsets.UTF_8);
            }

            assertThat(stats.failures()).as("wrong answers and errors").isEmpty();
            assertThat(stats.serverErrors()).as("5xx").isZero();
            assertThat(stats.wrong()).as("wrong decisions").isZero();
            assertThat(stats.errors()).as("transport errors").isZero();
            assertThat(stats.total()).isPositive();
            assertThat(audit.counts()).as("audit lines, one per decision").isEqualTo(stats.expectedAudit());
            assertThat(eventsSeen).as("CDI events, one per decision").isEqualTo(stats.expectedAudit());
            if (duration.compareTo(HEAP_CHECKED_FROM) >= 0) {
                assertThat(heap.flat(tolerance, seconds / 60)).as("heap flat (HeapSamples): last third's max %d vs"
                        + " middle third's %d bytes, last third's trend %.3f MiB/min", heap.lastMax(), heap.middleMax(),
                        heap.slopeMibPerMinute(2)).isTrue();
            }
        }
    }

    private X509Certificate certificate(String client) throws Exception {
        return DemoServerAccess.readCertificates(pki.resolve(client + ".pem")).get(0);
    }

    private Map<Channel, RawConnection.Dialer> dialers(DemoServer demo) throws Exception {
        Path ca = pki.resolve("ca.pem");
        Map<Channel, RawConnection.Dialer> dialers = new EnumMap<>(Channel.class);
        dialers.put(Channel.SVC_A, tls(demo, DemoClient.sslContext(ca, chain("svc-a"), key("svc-a"))));
        dialers.put(Channel.SVC_B, tls(demo, DemoClient.sslContext(ca, chain("svc-b"), key("svc-b"))));
        dialers.put(Channel.ANONYMOUS, tls(demo, DemoClient.sslContext(ca, null, null)));
        dialers.put(Channel.ROGUE, tls(demo, DemoClient.sslContext(ca, chain("rogue"), key("rogue"))));
        dialers.put(Channel.TRUSTED, plain(demo, "127.0.0.1"));
        dialers.put(Channel.ONE_SHOT, plain(demo, "127.0.0.1"));
        dialers.put(Channel.UNTRUSTED, plain(demo, "127.0.0.2"));
        return dialers;
    }

    private List<X509Certificate> chain(String client) throws Exception {
        return DemoServerAccess.readCertificates(pki.resolve(client + ".pem"));
    }

    private java.security.PrivateKey key(String client) throws Exception {
        return DemoServerAccess.readKey(pki.resolve(client + "-key.pem"));
    }

    private static RawConnection.Dialer tls(DemoServer demo, SSLContext context) {
        return () -> context.getSocketFactory().createSocket("127.0.0.1", demo.httpsPort());
    }

    private static RawConnection.Dialer plain(DemoServer demo, String from) {
        return () -> {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", demo.httpPort()), 10_000);
            return socket;
        };
    }

    private static void run(List<Scenario> mix, Map<Channel, RawConnection.Dialer> dialers, SoakStats stats,
                            HeapSamples heap, int threads, Duration duration, Runnable atOneThird) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        long interval = Math.max(1000, duration.toMillis() / 36);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        try {
            sampler.scheduleAtFixedRate(heap::sample, 0, interval, TimeUnit.MILLISECONDS);
            sampler.schedule(atOneThird, duration.toMillis() / 3, TimeUnit.MILLISECONDS);
            List<Future<?>> running = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = 0x5eed0000L + t;
                running.add(workers.submit(() -> work(mix, dialers, stats, end, new Random(seed))));
            }
            for (Future<?> f : running) {
                f.get(duration.toMillis() + 120_000, TimeUnit.MILLISECONDS);
            }
        } finally {
            sampler.shutdownNow();
            sampler.awaitTermination(30, TimeUnit.SECONDS);
            workers.shutdownNow();
        }
    }

    private static Void work(List<Scenario> mix, Map<Channel, RawConnection.Dialer> dialers, SoakStats stats,
                             long end, Random random) {
        int totalWeight = mix.stream().mapToInt(Scenario::weight).sum();
        Map<Channel, RawConnection> connections = new EnumMap<>(Channel.class);
        try {
            while (System.nanoTime() < end) {
                Scenario scenario = pick(mix, totalWeight, random);
                RawConnection connection = connections.computeIfAbsent(scenario.channel(),
                        c -> new RawConnection(dialers.get(c)));
                try {
                    RawConnection.Response response = connection.exchange(scenario.request().apply(random));
                    stats.answered(scenario, response.status(), response.body());
                } catch (SSLException e) {
                    connection.close();
                    stats.tlsRefused(scenario, e);
                } catch (IOException e) {
                    connection.close();
                    if (scenario.channel() == Channel.ROGUE) {
                        stats.tlsRefused(scenario, e); // TLS 1.3: the refusal can surface as a reset
                    } else {
                        stats.error(scenario, e);
                    }
                }
                // fresh connections now and then (and always for these), so handshakes are part of the load
                if (scenario.channel() == Channel.ROGUE || scenario.channel() == Channel.ONE_SHOT
                        || random.nextInt(100) == 0) {
                    connection.close();
                }
            }
        } finally {
            connections.values().forEach(RawConnection::close);
        }
        return null;
    }

    private static Scenario pick(List<Scenario> mix, int totalWeight, Random random) {
        int at = random.nextInt(totalWeight);
        for (Scenario scenario : mix) {
            at -= scenario.weight();
            if (at < 0) {
                return scenario;
            }
        }
        throw new AssertionError("weights");
    }

    private static Map<String, Long> delta(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> out = new TreeMap<>();
        after.forEach((key, count) -> {
            long d = count - before.getOrDefault(key, 0L);
            if (d != 0) {
                out.put(key, d);
            }
        });
        return out;
    }

    private static String report(Duration duration, int threads, double seconds, List<Scenario> mix, SoakStats stats,
                                 HeapSamples heap, Map<String, Long> audit, Map<String, Long> events, double tolerance) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "certgate soak: %s with %d client threads, Java %s, max heap %d MiB%n",
                duration, threads, System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / 1048576));
        out.append(String.format(Locale.ROOT, "requests %d in %.1f s = %.0f/s; wrong %d, transport errors %d, 5xx %d%n",
                stats.total(), seconds, stats.total() / seconds, stats.wrong(), stats.errors(), stats.serverErrors()));
        out.append("statuses (-1 = refused in the TLS handshake): ").append(stats.statuses()).append('\n');
        out.append(stats.table(mix));
        out.append("audit lines by outcome/reason: ").append(audit).append('\n');
        out.append("CDI events by outcome/reason:  ").append(events).append('\n');
        out.append("expected by outcome/reason:    ").append(stats.expectedAudit()).append('\n');
        out.append("used heap after full GC:\n").append(heap.table());
        double allowance = heap.middleMax() * tolerance + HeapSamples.SLACK_BYTES;
        out.append(String.format(Locale.ROOT, "heap: middle-third max %.2f MiB, last-third max %.2f MiB (allowed %.2f);"
                        + " trend middle %.3f, last %.3f MiB/min (last x %.1f min = %.2f MiB, allowed %.2f); flat: %s%s%n",
                heap.middleMax() / 1048576.0, heap.lastMax() / 1048576.0, (heap.middleMax() + allowance) / 1048576.0,
                heap.slopeMibPerMinute(1), heap.slopeMibPerMinute(2), seconds / 60, heap.slopeMibPerMinute(2) * seconds / 60,
                allowance / 1048576.0, heap.flat(tolerance, seconds / 60),
                duration.compareTo(HEAP_CHECKED_FROM) < 0 ? " (not asserted: shorter than " + HEAP_CHECKED_FROM + ")" : ""));
        stats.failures().forEach(f -> out.append("FAILURE ").append(f).append('\n'));
        return out.toString();
    }

    /**
     * Counts the audit logger's records by {@code outcome/reason} while open; the records go no
     * further (a console line per request would measure the console).
     */
    private static final class AuditCount extends Handler implements AutoCloseable {
        private final Logger logger = Logger.getLogger("dev.certgate.audit");
        private final Level level = logger.getLevel();
        private final boolean parents = logger.getUseParentHandlers();
        private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

        AuditCount() {
            setLevel(Level.ALL);
            logger.setLevel(Level.ALL);
            logger.setUseParentHandlers(false);
            logger.addHandler(this);
        }

        Map<String, Long> counts() {
            Map<String, Long> out = new TreeMap<>();
            counts.forEach((key, count) -> out.put(key, count.sum()));
            return out;
        }

        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            String outcome = value(message, " outcome=");
            String reason = value(message, " reason=");
            counts.computeIfAbsent(outcome + "/" + reason, k -> new LongAdder()).increment();
        }

        private static String value(String message, String key) {
            int at = message.indexOf(key) + key.length();
            int end = message.indexOf(' ', at);
            return message.substring(at, end < 0 ? message.length() : end);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
            logger.setUseParentHandlers(parents);
            logger.setLevel(level);
        }
    }
}
