package dev.certgate.demo.testbeans;

import dev.certgate.CertificateAuthenticationEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The README's metrics example as a test bean: a counter per outcome and reason code, kept by a
 * synchronous observer (so it is up to date when the response is sent), plus the last few events
 * for tests to look at. Every demo started by the tests has it; it holds a bounded amount.
 */
@ApplicationScoped
public class DecisionCounter {

    public static final int RECENT = 256;

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Deque<CertificateAuthenticationEvent> recent = new ArrayDeque<>();

    void count(@Observes CertificateAuthenticationEvent event) {
        counts.computeIfAbsent(event.outcome().code() + "/" + event.reason(), k -> new LongAdder()).increment();
        synchronized (recent) {
            if (recent.size() == RECENT) {
                recent.removeFirst();
            }
            recent.addLast(event);
        }
    }

    /** {@code outcome/reason} to how many times, e.g. {@code refused/san-not-allowed=3}. */
    public Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((key, adder) -> out.put(key, adder.sum()));
        return out;
    }

    public List<CertificateAuthenticationEvent> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }
}
