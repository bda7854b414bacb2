package dev.certgate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * What every {@code @FuzzTest} checks besides its own invariants: the code under test allocates a
 * bounded amount for its input (a fixed allowance plus a constant per input byte, so anything
 * quadratic or unbounded fails) and does not hang (a CPU-time bound per call), and inputs are read
 * as text the way a header arrives. (JUnit's {@code @Timeout} is not used: Jazzer's fuzzing run
 * is one JUnit invocation, which it would cut short.)
 */
public final class Fuzzing {

    /** What any one call may allocate whatever its input: certificate parsing by the JDK included. */
    public static final long BASE_ALLOWANCE = 8L << 20;
    /** What each input byte may add to it. */
    public static final long PER_BYTE = 512;
    /** What any one call may compute: far above any honest parse of a header-sized input. */
    public static final long MAX_CPU_NANOS = 2_000_000_000L;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Off while a test class warms up: loading classes and first-use initialization are not the input's cost. */
    private static final ThreadLocal<Boolean> WARMING = ThreadLocal.withInitial(() -> false);

    private Fuzzing() {
    }

    /** certgate's loggers, held so their level sticks; silenced only while fuzzing. */
    private static final java.util.logging.Logger CERTGATE_LOG = java.util.logging.Logger.getLogger("dev.certgate");

    static {
        if (System.getenv("JAZZER_FUZZ") != null) {
            // millions of decisions a run: an audit line each would make the fuzzer measure the console
            CERTGATE_LOG.setLevel(java.util.logging.Level.OFF);
        }
    }

    /** Runs {@code body} once without the allocation check, so classes are loaded before inputs are measured. */
    public static void warmUp(ThrowingRunnable body) {
        WARMING.set(true);
        try {
            body.run();
        } catch (Exception | AssertionError e) {
            throw new IllegalStateException("the warm-up input failed", e);
        } finally {
            WARMING.set(false);
        }
    }

    /** A block that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** The fuzzer's bytes as a header value: UTF-8 (malformed sequences become U+FFFD). */
    public static String text(byte[] input) {
        return new String(input, StandardCharsets.UTF_8);
    }

    /**
     * Runs {@code call} and fails when it allocated more than {@link #BASE_ALLOWANCE} +
     * {@link #PER_BYTE} per byte of an input {@code inputLength} long, or computed for
     * {@link #MAX_CPU_NANOS}. Over either bound it is run once more and judged by that run, so the
     * one-off cost of loading classes is not charged to the input; {@code call} must therefore be
     * repeatable (every certgate parser is).
     */
    public static <T> T bounded(int inputLength, Callable<T> call) throws Exception {
        long[] cost = new long[2];
        T result = measured(call, cost);
        if (WARMING.get()) {
            return result;
        }
        if (cost[0] > limit(inputLength) || cost[1] >= MAX_CPU_NANOS) {
            // the first use of a code path loads (and, when fuzzing, instruments) classes on this
            // thread; the same input again costs only what the code itself does
            result = measured(call, cost);
        }
        assertThat(cost[0]).as("bytes allocated for an input of %d bytes", inputLength).isLessThanOrEqualTo(limit(inputLength));
        // no hang: CPU time of this thread, so a busy machine does not make it flaky
        assertThat(cost[1]).as("CPU nanoseconds for an input of %d bytes", inputLength).isLessThan(MAX_CPU_NANOS);
        return result;
    }

    private static long limit(int inputLength) {
        return BASE_ALLOWANCE + PER_BYTE * inputLength;
    }

    private static <T> T measured(Callable<T> call, long[] cost) throws Exception {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long allocated = THREADS.getCurrentThreadAllocatedBytes();
        T result = call.call();
        cost[0] = THREADS.getCurrentThreadAllocatedBytes() - allocated;
        cost[1] = THREADS.getCurrentThreadCpuTime() - cpu;
        return result;
    }
}
