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
 * bounded caches filling) and is ignored. The heap is flat when both hold:
 * <ol>
 *   <li>the largest sample of the last third is at most {@code tolerance} above the largest of the
 *       middle third, plus {@link #SLACK_BYTES} for noise on a small heap (a request in flight with
 *       a 40 KB header, a buffer pool growing by a slab);</li>
 *   <li>the least-squares trend of the last third, projected over the whole run, adds no more than
 *       that same allowance: a slow leak that stays under (1) in a short run still fails (2), and the
 *       longer the run, the smaller the trend it tolerates.</li>
 * </ol>
 * A leak of a few bytes per request grows the live set steadily and fails both; a bounded
 * structure reaches its bound in the warm-up and stays there.
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
        add(sample);
        return sample;
    }

    /** Adds a sample taken elsewhere (tests of the rule). */
    synchronized void add(Sample sample) {
        samples.add(sample);
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

    boolean flat(double tolerance, double runMinutes) {
        double allowance = middleMax() * tolerance + SLACK_BYTES;
        return lastMax() <= middleMax() + allowance
                && slopeMibPerMinute(2) * runMinutes * 1048576 <= allowance;
    }

    /** Least-squares slope of the samples in {@code third} (0, 1, 2), in MiB per minute. */
    double slopeMibPerMinute(int third) {
        List<Sample> kept = samples().stream().filter(s -> third(s) == third).toList();
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
