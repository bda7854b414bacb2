import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the guard's end-to-end cost goes, for bench/e2e.sh with PROFILE=1: reads the CPU samples
 * async-profiler took of the demo (a JFR file) and the phases bench/E2eDriver.java ran (its
 * PHASE_TIMES file), gives each sample to the phase it fell in, and prints per path (guarded,
 * public, control) the samples per 1000 requests: in all, in certgate's filter, in the parts of
 * the request around it, then the frames whose share grows most from public to guarded (next to
 * what the A/A control makes of the same frames: the noise), and what the filter's own samples
 * are spent on. Profiling slows every request alike, so compare shares and paths, not times.
 *
 * <p>{@code java bench/PhaseProfile.java PROFILE.jfr PHASES.txt}
 */
public final class PhaseProfile {

    private static final String FILTER = "dev.certgate.jaxrs.CertificateFilter.filter";

    /** Inclusive frames reported as the request's parts (substring of "Class.method"). */
    private static final String[][] PARTS = {
        {"certgate's filter", FILTER},
        {"Jersey's request filters (with certgate's)", "org.glassfish.jersey.server.ContainerFilteringStage.apply"},
        {"Jersey's request processing", "org.glassfish.jersey.server.ServerRuntime.process"},
        {"the response, written", "org.glassfish.jersey.server.ServerRuntime$Responder.process"},
        {"socket writes (with loopback receive)", "sun.nio.ch.SocketDispatcher.write"},
        {"socket reads", "sun.nio.ch.SocketDispatcher.read"},
        {"Grizzly's selector", "sun.nio.ch.EPollSelectorImpl.doSelect"},
    };

    private record Phase(String path, long start, long end, long requests) {
    }

    private final Map<String, Long> requests = new HashMap<>();
    // per path: samples holding each frame (inclusive), and the filter's samples by their top frame
    private final Map<String, Map<String, Long>> frames = new HashMap<>();
    private final Map<String, Long> filterTops = new HashMap<>();
    private long filterSamples;

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java bench/PhaseProfile.java PROFILE.jfr PHASES.txt");
            System.exit(2);
        }
        PhaseProfile profile = new PhaseProfile();
        profile.read(Path.of(args[0]), phases(Path.of(args[1])));
        profile.report();
    }

    private static List<Phase> phases(Path file) throws IOException {
        List<Phase> phases = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split(" ");
            phases.add(new Phase(f[1], nanos(Instant.parse(f[2])), nanos(Instant.parse(f[3])), Long.parseLong(f[4])));
        }
        phases.sort(Comparator.comparingLong(Phase::start));
        return phases;
    }

    private void read(Path jfr, List<Phase> phases) throws IOException {
        long[] starts = phases.stream().mapToLong(Phase::start).toArray();
        for (Phase phase : phases) {
            requests.merge(phase.path(), phase.requests(), Long::sum);
        }
        try (RecordingFile file = new RecordingFile(jfr)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                long at = nanos(event.getStartTime());
                int i = Arrays.binarySearch(starts, at);
                i = i >= 0 ? i : -i - 2;
                if (i < 0 || at > phases.get(i).end()) {
                    continue; // between phases, in the warm-up, or outside the run
                }
                count(phases.get(i).path(), event);
            }
        }
    }

    private void count(String path, RecordedEvent event) {
        Map<String, Long> counts = frames.computeIfAbsent(path, p -> new HashMap<>());
        Set<String> seen = new HashSet<>();
        seen.add("(all samples)");
        RecordedThread thread = event.getThread("sampledThread");
        String threadName = thread == null ? null : thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
        if (threadName != null && (threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre"))) {
            seen.add("(JIT compiler threads)");
        }
        List<RecordedFrame> stack = event.getStackTrace() == null ? List.of() : event.getStackTrace().getFrames();
        for (RecordedFrame frame : stack) {
            seen.add(name(frame));
        }
        for (String frame : seen) {
            counts.merge(frame, 1L, Long::sum);
        }
        if (path.equals("guarded") && seen.contains(FILTER) && !stack.isEmpty()) {
            filterSamples++;
            filterTops.merge(name(stack.get(0)), 1L, Long::sum);
        }
    }

    private double per1000(String path, String frame) {
        long n = frames.getOrDefault(path, Map.of()).getOrDefault(frame, 0L);
        return 1000.0 * n / requests.getOrDefault(path, 1L);
    }

    private void report() {
        if (!frames.containsKey("guarded") || !frames.containsKey("public")) {
            throw new IllegalStateException("no samples in the guarded or public phases: was the profiler running?");
        }
        System.out.printf(Locale.ROOT, "requests: %s%n", requests);
        System.out.printf(Locale.ROOT, "%-46s %9s %9s %9s %8s %8s%n", "samples per 1000 requests", "guarded", "public",
                "control", "g - p", "ctl - p");
        row("all", "(all samples)");
        row("JIT compiler threads", "(JIT compiler threads)");
        for (String[] part : PARTS) {
            row(part[0], part[1]);
        }
        double extra = per1000("guarded", "(all samples)") - per1000("public", "(all samples)");
        double filter = per1000("guarded", FILTER);
        System.out.printf(Locale.ROOT, "certgate's filter is %.0f %% of what guarded costs over public%n",
                extra <= 0 ? Double.NaN : 100 * filter / extra);

        System.out.printf(Locale.ROOT, "%nframes whose samples grow most from public to guarded (inclusive; ctl - p is the noise)%n");
        Set<String> all = new HashSet<>();
        frames.values().forEach(m -> all.addAll(m.keySet()));
        all.stream()
                .filter(f -> !f.startsWith("dev.certgate.") && !f.startsWith("("))
                .sorted(Comparator.comparingDouble(f -> -(per1000("guarded", f) - per1000("public", f))))
                .limit(25)
                .forEach(f -> row(f.length() > 46 ? "…" + f.substring(f.length() - 45) : f, f));

        System.out.printf(Locale.ROOT, "%ncertgate's filter, %d samples, by the frame running%n", filterSamples);
        filterTops.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(20)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %5.1f %%  %s%n", 100.0 * e.getValue() / filterSamples, e.getKey()));
    }

    private void row(String label, String frame) {
        double g = per1000("guarded", frame);
        double p = per1000("public", frame);
        double c = per1000("control", frame);
        System.out.printf(Locale.ROOT, "%-46s %9.2f %9.2f %9.2f %+8.2f %+8.2f%n", label, g, p, c, g - p, c - p);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static String name(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        return method == null ? "?" : method.getType().getName() + "." + method.getName();
    }
}
