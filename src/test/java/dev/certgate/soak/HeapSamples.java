package dev.certgate.soak;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Used heap after a full collection, sampled at a fixed interval while the soak runs, and the
 * rule that says whether it stopped growing.
 *
 * <p><b>Flat</b>: split the samples by time into thirds; the first is warm-up (JIT, pools and the
 * bounded caches filling) and is ignored. The heap is flat when the largest sample of the last
 * third is at most {@code tolerance} above the largest of the middle third (plus {@link #SLACK_BYTES}
 * for measurement noise on a small heap). A leak of a few bytes per request grows the live set
 * steadily, so the last third's maximum exceeds the middle third's; a bounded structure reaches its
 * bound in the warm-up and stays there.
 */
final class HeapSamples {

    /** Absolute allowance, for noise on a small live set (thread stacks' buffers, in-flight requests). */
    static final long SLACK_BYTES = 2L * 1024 * 1024;

    /** One sample: seconds since the start, used heap in bytes after {@link MemoryMXBean#gc()}. */
    record Sample(double seconds, long usedBytes) {
    }

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final long start = System.nanoTime();
    private final List<Sample> samples = new ArrayList<>();

    /** Collects and samples once. */
    synchronized Sample sample() {
        memory.gc();
        Sample sample = new Sample((System.nanoTime() - start) / 1e9, memory.getHeapMemoryUsage().getUsed());
        samples.add(sample);
        return sample;
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Largest sample in the middle third of the run. */
    long middleMax() {
        return max(1);
    }

    /** Largest sample in the last third of the run. */
    long lastMax() {
        return max(2);
    }

    boolean flat(double tolerance) {
        return lastMax() <= middleMax() * (1 + tolerance) + SLACK_BYTES;
    }

    /** Least-squares slope over the middle and last thirds, in MiB per minute. */
    double slopeMibPerMinute() {
        List<Sample> kept = samples().stream().filter(s -> third(s) > 0).toList();
        double n = kept.size();
        if (n < 2) {
            return 0;
        }
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (Sample s : kept) {
            double x = s.seconds() / 60, y = s.usedBytes() / 1048576.0;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double denominator = n * sxx - sx * sx;
        return denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
    }

    String table() {
        StringBuilder out = new StringBuilder();
        for (Sample s : samples()) {
            out.append(String.format(Locale.ROOT, "  %7.1f s  %7.2f MiB  %s%n", s.seconds(), s.usedBytes() / 1048576.0,
                    switch (third(s)) {
                        case 0 -> "warm-up";
                        case 1 -> "middle";
                        default -> "last";
                    }));
        }
        return out.toString();
    }

    private long max(int third) {
        return samples().stream().filter(s -> third(s) == third).mapToLong(Sample::usedBytes).max().orElse(0);
    }

    private int third(Sample s) {
        List<Sample> all = samples();
        double end = all.isEmpty() ? 0 : all.get(all.size() - 1).seconds();
        return end == 0 ? 0 : Math.min(2, (int) (3 * s.seconds() / end));
    }
}
