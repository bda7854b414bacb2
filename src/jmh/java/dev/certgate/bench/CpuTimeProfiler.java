package dev.certgate.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation, beside JMH's wall-clock score: {@code cpu.worker.norm} counts only the
 * benchmark threads, {@code cpu.process.norm} the whole forked JVM (GC and compiler threads too).
 * Time a busy machine gives to other processes is not CPU time of ours, so on a shared machine
 * these ratios hold where wall-clock ones drift. {@code -prof dev.certgate.bench.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long workerStart;
    private long processStart;

    @Override
    public String getDescription() {
        return "CPU time per operation of the benchmark threads and of the whole JVM";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        workerStart = workerCpuNanos();
        processStart = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration,
                                                       IterationResult result) {
        long worker = workerCpuNanos() - workerStart;
        long process = os.getProcessCpuTime() - processStart;
        double ops = Math.max(1, result.getMetadata().getAllOps());
        return List.of(new ScalarResult("cpu.worker.norm", worker / ops, "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.process.norm", process / ops, "ns/op", AggregationPolicy.AVG));
    }

    /** JMH names its benchmark threads "...-jmh-worker-N"; they live across iterations. */
    private long workerCpuNanos() {
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("-jmh-worker-")) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                total += Math.max(0, cpu);
            }
        }
        return total;
    }
}
