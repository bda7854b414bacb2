package dev.certgate.soak;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/** What the soak's workers saw, per scenario and per status; thread-safe. */
final class SoakStats {

    private static final int KEPT_FAILURES = 20;

    /** Counters of one scenario. */
    static final class PerScenario {
        final LongAdder sent = new LongAdder();
        final LongAdder wrong = new LongAdder();
        final LongAdder errors = new LongAdder();
    }

    private final Map<Scenario, PerScenario> scenarios = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    void answered(Scenario scenario, int status, String body) {
        PerScenario counters = of(scenario);
        counters.sent.increment();
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        if (status != scenario.status() || !scenario.body().test(body)) {
            counters.wrong.increment();
            keep(scenario.name() + ": got " + status + " " + abbreviate(body) + ", expected " + scenario.status());
        }
    }

    void tlsRefused(Scenario scenario, Exception e) {
        PerScenario counters = of(scenario);
        counters.sent.increment();
        statuses.computeIfAbsent(Scenario.TLS_REFUSED, s -> new LongAdder()).increment();
        if (scenario.status() != Scenario.TLS_REFUSED) {
            counters.errors.increment();
            keep(scenario.name() + ": " + e);
        }
    }

    /** Expected audit records, {@code outcome/reason} to count, from every answered request. */
    Map<String, Long> expectedAudit() {
        Map<String, Long> expected = new TreeMap<>();
        scenarios.forEach((scenario, counters) -> {
            if (scenario.audit() != null && counters.sent.sum() > 0) {
                expected.merge(scenario.audit(), counters.sent.sum(), Long::sum);
            }
        });
        return expected;
    }

    long total() {
        return scenarios.values().stream().mapToLong(c -> c.sent.sum()).sum();
    }

    long wrong() {
        return scenarios.values().stream().mapToLong(c -> c.wrong.sum()).sum();
    }

    long errors() {
        return scenarios.values().stream().mapToLong(c -> c.errors.sum()).sum();
    }

    long serverErrors() {
        return statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(e -> e.getValue().sum()).sum();
    }

    Map<Integer, Long> statuses() {
        Map<Integer, Long> out = new TreeMap<>();
        statuses.forEach((status, count) -> out.put(status, count.sum()));
        return out;
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    String table(List<Scenario> order) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "  %-50s %6s %9s %7s %7s%n",
                "scenario", "expect", "requests", "wrong", "errors"));
        for (Scenario scenario : order) {
            PerScenario c = of(scenario);
            out.append(String.format(Locale.ROOT, "  %-50s %6s %9d %7d %7d%n", scenario.name(),
                    scenario.status() == Scenario.TLS_REFUSED ? "tls" : String.valueOf(scenario.status()),
                    c.sent.sum(), c.wrong.sum(), c.errors.sum()));
        }
        return out.toString();
    }

    private PerScenario of(Scenario scenario) {
        return scenarios.computeIfAbsent(scenario, s -> new PerScenario());
    }

    private void keep(String failure) {
        if (failures.size() < KEPT_FAILURES) {
            failures.add(failure);
        }
    }

    void error(Scenario scenario, Exception e) {
        PerScenario counters = of(scenario);
        counters.sent.increment();
        counters.errors.increment();
        keep(scenario.name() + ": " + e);
    }

    private static String abbreviate(String body) {
        return body.length() <= 120 ? body : body.substring(0, 120) + "...";
    }
}
