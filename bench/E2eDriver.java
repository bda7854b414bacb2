import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The end-to-end comparison in short interleaved phases, for bench/e2e.sh: keep-alive connections
 * to the demo send GET /guarded/ping, /public/ping and /public/ping again (the A/A control) in
 * turn, a phase of PHASE_MS each, every connection switching path together. Between phases the
 * connections are idle and the demo's CPU time is read to the nanosecond (per thread, from
 * /proc/PID/task/TID/schedstat), so each phase's server CPU per request is its own. A shared
 * machine's speed drifts by tens of percent over seconds (wrk and ab rounds of 4 s see it); phases
 * a few tens of milliseconds apart see nearly the same machine, and a run of two minutes has
 * hundreds of cycles: it reports the pooled ratio with a bootstrap interval over cycles.
 *
 * <p>Run by bench/e2e.sh (single-file source launch, no build):
 * {@code java bench/E2eDriver.java xfcc|tls HOST PORT DEMO_PID PKI_DIR SECONDS PHASE_MS WARMUP_SECONDS CONNECTIONS}.
 * For {@code xfcc} the header value is taken from the environment variable {@code XFCC}; for
 * {@code tls} the client presents PKI_DIR/svc-a.pem with svc-a-key.pem and trusts PKI_DIR/ca.pem.
 * Every response must be a 200; anything else ends the run with an error. With {@code PHASE_TIMES}
 * set it writes each measured phase's path, start and end (UTC instants) and requests to that
 * file, for bench/PhaseProfile.java to attribute a profile of the demo to the phases.
 */
public final class E2eDriver {

    // the control is the public path again unless CONTROL_PATH names another (bench/noop-filter-control.patch)
    private static final String[] PATHS = {"/guarded/ping", "/public/ping",
            System.getenv().getOrDefault("CONTROL_PATH", "/public/ping")};
    private static final String[] NAMES = {"guarded", "public", "control"};
    private static final int[][] ORDERS = {{0, 1, 2}, {2, 1, 0}};

    private final String transport;
    private final String host;
    private final int port;
    private final Path tasks;
    private final SSLContext tls;
    private final byte[][] requests = new byte[PATHS.length][];

    private volatile int path;
    private volatile long phaseEnd;
    private volatile boolean stop;
    private volatile Throwable failure;
    private final AtomicInteger reconnects = new AtomicInteger();
    // the demo's JIT compiler threads, by thread id, and the CPU they ran in the measured phases
    private final Map<String, Boolean> compilers = new HashMap<>();
    private long compilerNanos;
    // each measured phase's path, start, end and requests, for bench/PhaseProfile.java
    private final StringBuilder times = new StringBuilder();

    private E2eDriver(String transport, String host, int port, String pid, Path pki) throws Exception {
        this.transport = transport;
        this.host = host;
        this.port = port;
        this.tasks = Path.of("/proc", pid, "task");
        this.tls = transport.equals("tls") ? clientContext(pki) : null;
        String xfcc = transport.equals("xfcc") ? System.getenv("XFCC") : null;
        if (transport.equals("xfcc") && (xfcc == null || xfcc.isEmpty())) {
            throw new IllegalArgumentException("xfcc needs the header value in the environment variable XFCC");
        }
        for (int i = 0; i < PATHS.length; i++) {
            String request = "GET " + PATHS[i] + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                    + (xfcc == null ? "" : "x-forwarded-client-cert: " + xfcc + "\r\n") + "\r\n";
            requests[i] = request.getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 9 || !(args[0].equals("xfcc") || args[0].equals("tls"))) {
            System.err.println("usage: java bench/E2eDriver.java xfcc|tls HOST PORT DEMO_PID PKI_DIR"
                    + " SECONDS PHASE_MS WARMUP_SECONDS CONNECTIONS");
            System.exit(2);
        }
        E2eDriver driver = new E2eDriver(args[0], args[1], Integer.parseInt(args[2]), args[3], Path.of(args[4]));
        driver.run(Integer.parseInt(args[5]), Integer.parseInt(args[6]), Integer.parseInt(args[7]),
                Integer.parseInt(args[8]));
    }

    private void run(int seconds, int phaseMillis, int warmupSeconds, int connections) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(connections + 1);
        long[] counts = new long[connections];
        for (int i = 0; i < connections; i++) {
            int slot = i;
            Thread worker = new Thread(() -> work(slot, barrier, counts), "e2e-connection-" + i);
            worker.setDaemon(true);
            worker.start();
        }
        long phaseNanos = phaseMillis * 1_000_000L;
        int cycles = (int) Math.max(1, seconds * 1000L / (3L * phaseMillis));
        int warmupCycles = (int) (warmupSeconds * 1000L / (3L * phaseMillis));
        // per measured cycle and path: requests and server CPU nanoseconds
        long[][] requestsDone = new long[cycles][PATHS.length];
        long[][] cpu = new long[cycles][PATHS.length];
        for (int cycle = -warmupCycles; cycle < cycles; cycle++) {
            for (int p : ORDERS[Math.floorMod(cycle, 2)]) {
                path = p;
                Map<String, Long> before = serverCpuNanos();
                Instant start = Instant.now();
                phaseEnd = System.nanoTime() + phaseNanos;
                await(barrier); // the connections start the phase
                await(barrier); // ... and are all idle again
                Instant end = Instant.now();
                Map<String, Long> after = serverCpuNanos();
                if (cycle >= 0) {
                    times.append(cycle).append(' ').append(NAMES[p]).append(' ').append(start).append(' ').append(end)
                            .append(' ').append(Arrays.stream(counts).sum()).append('\n');
                }
                if (cycle >= 0) {
                    requestsDone[cycle][p] = Arrays.stream(counts).sum();
                    cpu[cycle][p] = spent(before, after);
                    compilerNanos += compiling(before, after);
                }
            }
        }
        stop = true;
        await(barrier);
        String windows = System.getenv("PHASE_TIMES");
        if (windows != null && !windows.isEmpty()) {
            Files.writeString(Path.of(windows), times);
        }
        report(requestsDone, cpu, phaseMillis, connections);
        String rows = System.getenv("PHASE_ROWS");
        if (rows != null && !rows.isEmpty()) {
            StringBuilder text = new StringBuilder("cycle path requests cpu_ns\n");
            for (int c = 0; c < cycles; c++) {
                for (int p : ORDERS[c % 2]) {
                    text.append(c).append(' ').append(NAMES[p]).append(' ').append(requestsDone[c][p]).append(' ')
                            .append(cpu[c][p]).append('\n');
                }
            }
            Files.writeString(Path.of(rows), text);
        }
    }

    /** Waits for every connection; a connection's failure (a non-200, a closed socket) ends the run with it. */
    private void await(CyclicBarrier barrier) throws Exception {
        try {
            barrier.await();
        } catch (BrokenBarrierException e) {
            // a connection failed and broke the barrier: its failure is the cause
        }
        if (failure != null) {
            throw new IllegalStateException("a connection failed", failure);
        }
    }

    private void work(int slot, CyclicBarrier barrier, long[] counts) {
        try (Connection connection = new Connection()) {
            while (true) {
                barrier.await();
                if (stop) {
                    return;
                }
                byte[] request = requests[path];
                long end = phaseEnd;
                long done = 0;
                while (System.nanoTime() < end) {
                    connection.exchange(request);
                    done++;
                }
                counts[slot] = done;
                barrier.await();
            }
        } catch (Throwable e) {
            failure = e;
            barrier.reset();
        }
    }

    /** One keep-alive connection; reconnects (and counts it) only if the server closes it. */
    private final class Connection implements AutoCloseable {

        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Connection() throws IOException {
            open();
        }

        private void open() throws IOException {
            Socket plain = new Socket(host, port);
            plain.setTcpNoDelay(true);
            if (tls == null) {
                socket = plain;
            } else {
                SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
                secure.startHandshake();
                socket = secure;
            }
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }

        /** Sends {@code request} and reads the whole response, which must be a 200. */
        void exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String status = line();
            if (!status.startsWith("HTTP/1.1 200 ")) {
                throw new IOException("expected 200, got: " + status);
            }
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                        size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    skip(size);
                    line();
                }
                line();
            } else if (length >= 0) {
                skip(length);
            } else {
                throw new IOException("a response with neither Content-Length nor chunked encoding");
            }
            if (close) {
                reconnects.incrementAndGet();
                socket.close();
                open();
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("the server closed the connection mid-response");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        private void skip(long bytes) throws IOException {
            for (long left = bytes; left > 0; left--) {
                if (in.read() < 0) {
                    throw new IOException("the server closed the connection mid-body");
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The demo's threads and the nanoseconds each has run (its /proc/PID/task/TID/schedstat). */
    private Map<String, Long> serverCpuNanos() throws IOException {
        Map<String, Long> threads = new HashMap<>();
        try (Stream<Path> listing = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) listing::iterator) {
                try {
                    String schedstat = Files.readString(thread.resolve("schedstat"));
                    threads.put(thread.getFileName().toString(), Long.parseLong(schedstat.substring(0, schedstat.indexOf(' '))));
                } catch (NoSuchFileException e) {
                    // the thread ended between the listing and the read
                }
            }
        }
        return threads;
    }

    /**
     * CPU time run between two readings: per thread, so that a thread ending in between takes
     * only its last stretch with it instead of subtracting its whole life; a thread started in
     * between counts whole.
     */
    private static long spent(Map<String, Long> before, Map<String, Long> after) {
        return spent(before, after, thread -> true);
    }

    /** As {@link #spent(Map, Map)}, for the threads {@code which} picks only. */
    private static long spent(Map<String, Long> before, Map<String, Long> after, java.util.function.Predicate<String> which) {
        long total = 0;
        for (Map.Entry<String, Long> thread : after.entrySet()) {
            if (which.test(thread.getKey())) {
                total += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
            }
        }
        return total;
    }

    /** The part of {@link #spent} run by the JIT compiler threads ("C1 CompilerThre", "C2 CompilerThre"). */
    private long compiling(Map<String, Long> before, Map<String, Long> after) {
        return spent(before, after, id -> compilers.computeIfAbsent(id, this::isCompiler));
    }

    private boolean isCompiler(String thread) {
        try {
            String name = Files.readString(tasks.resolve(thread).resolve("comm"));
            return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
        } catch (IOException e) {
            return false; // ended: its time is counted, its name no longer known
        }
    }

    private void report(long[][] requestsDone, long[][] cpu, int phaseMillis, int connections) {
        int cycles = requestsDone.length;
        double[] guarded = new double[cycles];
        double[] control = new double[cycles];
        double[] extra = new double[cycles];
        long[] totalRequests = new long[PATHS.length];
        long[] totalCpu = new long[PATHS.length];
        for (int c = 0; c < cycles; c++) {
            double[] perRequest = new double[PATHS.length];
            for (int p = 0; p < PATHS.length; p++) {
                if (requestsDone[c][p] == 0) {
                    throw new IllegalStateException("a " + phaseMillis + " ms phase completed no request");
                }
                perRequest[p] = cpu[c][p] / 1000.0 / requestsDone[c][p];
                totalRequests[p] += requestsDone[c][p];
                totalCpu[p] += cpu[c][p];
            }
            guarded[c] = perRequest[0] / perRequest[1];
            control[c] = perRequest[2] / perRequest[1];
            extra[c] = perRequest[0] - perRequest[1];
        }
        double[] pooled = new double[PATHS.length];
        for (int p = 0; p < PATHS.length; p++) {
            pooled[p] = totalCpu[p] / 1000.0 / totalRequests[p];
        }
        String label = transport.equals("xfcc") ? "HTTP + x-forwarded-client-cert" : "HTTPS keep-alive + client certificate";
        System.out.printf(Locale.ROOT, "%n%s, interleaved phases (JDK driver, %d connections): %d cycles of %d ms per path%n",
                label, connections, cycles, phaseMillis);
        System.out.printf(Locale.ROOT, "  requests: guarded %d, public %d, control %d; reconnects (the server closed): %d%n",
                totalRequests[0], totalRequests[1], totalRequests[2], reconnects.get());
        System.out.printf(Locale.ROOT, "  server CPU per request, all phases pooled: guarded %.2f us, public %.2f us, control %.2f us%n",
                pooled[0], pooled[1], pooled[2]);
        long allCpu = Arrays.stream(totalCpu).sum();
        double compilerShare = allCpu == 0 ? 0 : 100.0 * compilerNanos / allCpu;
        System.out.printf(Locale.ROOT, "  of which the JIT compiler threads: %.1f %% (%d ms)%s%n", compilerShare,
                compilerNanos / 1_000_000, compilerShare > 1 ? ": still compiling, not a steady state; raise PHASE_WARMUP" : "");
        System.out.printf(Locale.ROOT, "  server CPU per request guarded/public: per cycle %s%n", spread(guarded));
        System.out.printf(Locale.ROOT, "    pooled %.3f, 95 %% interval %s%n", pooled[0] / pooled[1], interval(requestsDone, cpu, 0));
        System.out.printf(Locale.ROOT, "  guarded minus public, server CPU per request: median %+.2f us, pooled %+.2f us%n",
                median(extra), pooled[0] - pooled[1]);
        System.out.printf(Locale.ROOT, "  A/A control, public/public (the noise floor): per cycle %s%n", spread(control));
        System.out.printf(Locale.ROOT, "    pooled %.3f, 95 %% interval %s%n", pooled[2] / pooled[1], interval(requestsDone, cpu, 2));
    }

    /**
     * The 2.5th and 97.5th percentiles of the pooled ratio of path {@code p} over public when whole
     * cycles are drawn again with replacement (a bootstrap of 2,000 resamples, fixed seed): how far
     * the pooled figure itself could move in another run of the same length on the same machine.
     */
    private static String interval(long[][] requestsDone, long[][] cpu, int p) {
        int cycles = requestsDone.length;
        SplittableRandom random = new SplittableRandom(20261201L);
        double[] ratios = new double[2000];
        for (int r = 0; r < ratios.length; r++) {
            double pathCpu = 0;
            double pathRequests = 0;
            double publicCpu = 0;
            double publicRequests = 0;
            for (int i = 0; i < cycles; i++) {
                int c = random.nextInt(cycles);
                pathCpu += cpu[c][p];
                pathRequests += requestsDone[c][p];
                publicCpu += cpu[c][1];
                publicRequests += requestsDone[c][1];
            }
            ratios[r] = (pathCpu / pathRequests) / (publicCpu / publicRequests);
        }
        Arrays.sort(ratios);
        return String.format(Locale.ROOT, "%.3f..%.3f", quantile(ratios, 0.025), quantile(ratios, 0.975));
    }

    private static String spread(double[] values) {
        double[] sorted = sorted(values);
        return String.format(Locale.ROOT, "median %.3f (quartiles %.3f..%.3f, min %.3f, max %.3f)",
                quantile(sorted, 0.5), quantile(sorted, 0.25), quantile(sorted, 0.75), sorted[0], sorted[sorted.length - 1]);
    }

    private static double median(double[] values) {
        return quantile(sorted(values), 0.5);
    }

    private static double[] sorted(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    private static double quantile(double[] sorted, double q) {
        double index = q * (sorted.length - 1);
        int low = (int) Math.floor(index);
        int high = (int) Math.ceil(index);
        return sorted[low] + (sorted[high] - sorted[low]) * (index - low);
    }

    private static SSLContext clientContext(Path pki) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        Certificate certificate;
        Certificate ca;
        try (InputStream in = Files.newInputStream(pki.resolve("svc-a.pem"))) {
            certificate = factory.generateCertificate(in);
        }
        try (InputStream in = Files.newInputStream(pki.resolve("ca.pem"))) {
            ca = factory.generateCertificate(in);
        }
        String pem = Files.readString(pki.resolve("svc-a-key.pem"));
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance(certificate.getPublicKey().getAlgorithm())
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        char[] password = "e2e".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("svc-a", key, password, new Certificate[] {certificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", ca);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }
}
