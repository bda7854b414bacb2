#!/usr/bin/env bash
# End to end, what the guard costs: the demo as its own process on free 127.0.0.1 ports,
# GET /guarded/ping against GET /public/ping (identical but for @RequireClientCert), in
# alternating rounds (guarded first, then public first, ...), over
#   - plain HTTP with an Envoy x-forwarded-client-cert header (By, Hash, Cert, URI) from a trusted
#     proxy (wrk; the same header on both paths), and
#   - HTTPS keep-alive presenting the demo's svc-a client certificate (ab -k -E).
# Per round it reads the demo's CPU time (utime + stime of /proc/PID/stat) before and after each
# run, and prints per path the median over rounds of guarded/public throughput and of server CPU
# time per request, with their min..max spread. Each round also runs the public path a second
# time (an A/A control): the median and spread of public/public is the noise floor of this
# machine during this run, the least difference the guarded/public ratio can resolve.
#
# Usage: bench/e2e.sh    (apt-get install -y wrk apache2-utils curl, if missing)
# Knobs (environment): ROUNDS=6  DURATION=5 (seconds per run)  WARMUP=8 (seconds per path, first)
#   CONNECTIONS=8  BUILD_DIR=target  JAVA_OPTS="-Xms256m -Xmx256m"
#   SERVER_CPUS / DRIVER_CPUS: CPU lists for taskset; by default, with 2 or more CPUs and taskset
#   present, the demo runs on CPU 0 and the load driver on the others, so the two do not take
#   turns on one core and the server's CPU time per request is its own work (PIN=0 turns it off)
#   NICE: the nice value of the demo and the load driver; by default -10 when run as root, so other
#   work on a shared machine yields to the measurement (NICE=0 turns it off)
#   CONTROL=0 leaves out the A/A control run
# Then, unless PHASE_SECONDS=0, the same comparison in short interleaved phases (bench/E2eDriver.java,
# a JDK keep-alive driver with one blocking connection per thread): guarded, public and control take
# turns every PHASE_MS=50 ms for PHASE_SECONDS=120 per transport (after PHASE_WARMUP=60 s), every
# connection switching together, and between phases, with every connection idle, the demo's CPU
# time is read to the nanosecond (per thread, /proc/PID/task/TID/schedstat). Neighbouring phases
# see nearly the same machine (a phase's CPU per request correlates 0.7-0.9 with the next one's,
# where rounds of 4 s drift by tens of percent), and a run has thousands of them. It prints the
# median of the per-cycle ratios, the pooled ratio (all CPU time over all requests, per path) with
# its 95 % bootstrap interval over cycles, and writes each phase to BUILD_DIR/e2e-phases-TRANSPORT.txt.
# ROUNDS=0 runs only this. TRANSPORTS="xfcc" (or "tls") runs the phases of one transport only.
# CONTROL_PATH=/filtered/ping makes the control phase another endpoint (bench/noop-filter-control.patch
# adds one behind a no-op filter bound as certgate binds its own: Jersey's own price of a filter).
# PROFILE=1: where the guard's cost goes. The demo runs under async-profiler (CPU samples every
# 200 us, fetched from Maven Central as tools.profiler:async-profiler, linux x64/arm64), the driver
# writes each phase's time window, and bench/PhaseProfile.java gives every sample to its phase and
# prints, per path, samples per 1000 requests: certgate's filter, the parts of the request around
# it, the frames that grow most from public to guarded, and what the filter's samples run.
# Profiling about doubles the CPU per request, so read its shares, not its microseconds.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-6}
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-8}
CONNECTIONS=${CONNECTIONS:-8}
CONTROL=${CONTROL:-1}
PHASE_SECONDS=${PHASE_SECONDS:-120}
PHASE_MS=${PHASE_MS:-50}
PHASE_WARMUP=${PHASE_WARMUP:-60}
if [ "$(id -u)" = 0 ]; then NICE=${NICE:--10}; else NICE=${NICE:-0}; fi
BUILD_DIR=$(mkdir -p "${BUILD_DIR:-target}" && cd "${BUILD_DIR:-target}" && pwd)
JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx256m}
SERVER_PIN=()
DRIVER_PIN=()
if [ "${PIN:-1}" = 1 ] && command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
  SERVER_PIN=(taskset -c "${SERVER_CPUS:-0}")
  DRIVER_PIN=(taskset -c "${DRIVER_CPUS:-1-$(($(nproc) - 1))}")
fi
if [ "$NICE" != 0 ]; then
  SERVER_PIN=(nice -n "$NICE" "${SERVER_PIN[@]}")
  DRIVER_PIN=(nice -n "$NICE" "${DRIVER_PIN[@]}")
fi

for tool in wrk ab curl java mvn python3; do
  command -v "$tool" >/dev/null || { echo "bench/e2e.sh needs $tool (apt-get install -y wrk apache2-utils curl)" >&2; exit 2; }
done

echo "building (mvn test-compile) into $BUILD_DIR ..."
mvn -B -q test-compile dependency:build-classpath -DbuildDir="$BUILD_DIR" \
    -Dmdep.outputFile="$BUILD_DIR/e2e-classpath.txt" -Dmdep.includeScope=test >/dev/null

# the demo exactly as src/demo defines it: its classes are compiled with the tests, whose CDI beans
# (decision observers, a CertificateCheck) would otherwise join the demo's bean archive
DEMO_CLASSES="$BUILD_DIR/e2e-demo-classes"
rm -rf "$DEMO_CLASSES"
mkdir -p "$DEMO_CLASSES"
shopt -s nullglob
while read -r source; do
  class="${source%.java}"
  mkdir -p "$DEMO_CLASSES/$(dirname "$class")"
  cp "$BUILD_DIR/test-classes/$class.class" "$BUILD_DIR/test-classes/$class"\$*.class "$DEMO_CLASSES/$(dirname "$class")/"
done < <(cd src/demo/java && find . -name '*.java' | sed 's|^\./||')
shopt -u nullglob
cp -R src/demo/resources/. "$DEMO_CLASSES/"

read -r HTTP_PORT HTTPS_PORT < <(python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])')

PROFILER=()
if [ "${PROFILE:-0}" = 1 ]; then
  case "$(uname -m)" in x86_64) AP_ARCH=linux-x64 ;; aarch64) AP_ARCH=linux-arm64 ;; *) echo "PROFILE=1: no async-profiler for $(uname -m)" >&2; exit 2 ;; esac
  AP_VERSION=4.2
  mvn -B -q dependency:copy -Dartifact="tools.profiler:async-profiler:$AP_VERSION" -DoutputDirectory="$BUILD_DIR/async-profiler" >/dev/null
  (cd "$BUILD_DIR/async-profiler" && unzip -q -o "async-profiler-$AP_VERSION.jar" "$AP_ARCH/libasyncProfiler.so")
  rm -f "$BUILD_DIR/e2e-profile.jfr"
  PROFILER=("-agentpath:$BUILD_DIR/async-profiler/$AP_ARCH/libasyncProfiler.so=start,event=cpu,interval=200us,cstack=fp,file=$BUILD_DIR/e2e-profile.jfr")
fi

PKI="$BUILD_DIR/e2e-pki"
LOG="$BUILD_DIR/e2e-demo.log"
# shellcheck disable=SC2086
"${SERVER_PIN[@]}" java $JAVA_OPTS "${PROFILER[@]}" -cp "$DEMO_CLASSES:$BUILD_DIR/classes:$(cat "$BUILD_DIR/e2e-classpath.txt")" \
    -Dcertgate.demo.http-port="$HTTP_PORT" -Dcertgate.demo.https-port="$HTTPS_PORT" -Dcertgate.demo.pki-dir="$PKI" \
    -Dcertgate.sources=xfcc,native -Dcertgate.trusted-proxies=127.0.0.1/32 \
    dev.certgate.demo.DemoServer >"$LOG" 2>&1 &
DEMO=$!
trap 'kill "$DEMO" 2>/dev/null || true; wait "$DEMO" 2>/dev/null || true' EXIT

for _ in $(seq 1 240); do
  curl -fsS -o /dev/null "http://127.0.0.1:$HTTP_PORT/public/ping" 2>/dev/null && break
  kill -0 "$DEMO" 2>/dev/null || { echo "the demo did not start:" >&2; cat "$LOG" >&2; exit 1; }
  sleep 0.5
done

XFCC=$(python3 - "$PKI/svc-a.pem" <<'EOF'
import base64, hashlib, sys, urllib.parse
text = open(sys.argv[1]).read()
end = text.index("-----END CERTIFICATE-----") + len("-----END CERTIFICATE-----")
pem = text[text.index("-----BEGIN CERTIFICATE-----"):end] + "\n"
der = base64.b64decode("".join(pem.splitlines()[1:-1]))
print('By=spiffe://acme/gateway;Hash=%s;Cert="%s";URI=spiffe://acme/svc-a'
      % (hashlib.sha256(der).hexdigest(), urllib.parse.quote(pem, safe="-._~")))
EOF
)
BUNDLE="$PKI/svc-a-bundle.pem"
cat "$PKI/svc-a.pem" "$PKI/svc-a-key.pem" >"$BUNDLE"

# the requests must really be what they claim: guarded accepted with the header/certificate, refused without
check() { # expected-status curl-args...
  local status; status=$(curl -s -o /dev/null -w '%{http_code}' "${@:2}")
  [ "$status" = "$1" ] || { echo "expected $1, got $status from curl ${*:2}" >&2; exit 1; }
}
check 200 -H "x-forwarded-client-cert: $XFCC" "http://127.0.0.1:$HTTP_PORT/guarded/ping"
check 401 "http://127.0.0.1:$HTTP_PORT/guarded/ping"
check 200 -k --cert "$PKI/svc-a.pem" --key "$PKI/svc-a-key.pem" "https://127.0.0.1:$HTTPS_PORT/guarded/ping"
check 401 -k "https://127.0.0.1:$HTTPS_PORT/guarded/ping"

TICK=$(getconf CLK_TCK)
cpu_ticks() { sed 's/.*) //' "/proc/$DEMO/stat" | awk '{print $12 + $13}'; }

# one run: prints "requests seconds cpu-ticks"
run_xfcc() { # path seconds
  local before after out requests
  before=$(cpu_ticks)
  out=$("${DRIVER_PIN[@]}" wrk -t1 -c"$CONNECTIONS" -d"$2"s -H "x-forwarded-client-cert: $XFCC" "http://127.0.0.1:$HTTP_PORT$1")
  after=$(cpu_ticks)
  if grep -qE "Non-2xx|Socket errors" <<<"$out"; then echo "wrk on $1 saw failures:" >&2; echo "$out" >&2; exit 1; fi
  requests=$(awk '/ requests in / {print $1}' <<<"$out")
  echo "$requests $(awk '/ requests in / {sub(/s,$/, "", $4); print $4}' <<<"$out") $((after - before))"
}
run_tls() { # path seconds
  local before after out complete
  before=$(cpu_ticks)
  out=$("${DRIVER_PIN[@]}" ab -k -q -c "$CONNECTIONS" -t "$2" -n 2000000 -E "$BUNDLE" "https://127.0.0.1:$HTTPS_PORT$1" 2>&1)
  after=$(cpu_ticks)
  complete=$(awk '/^Complete requests:/ {print $3}' <<<"$out")
  if [ -z "$complete" ] || [ "$(awk '/^Failed requests:/ {print $3}' <<<"$out")" != "0" ] || grep -q "^Non-2xx" <<<"$out"; then
    echo "ab on $1 saw failures:" >&2; echo "$out" >&2; exit 1
  fi
  echo "$complete $(awk '/^Time taken for tests:/ {print $5}' <<<"$out") $((after - before))"
}

RESULTS="$BUILD_DIR/e2e-rounds.txt"
: >"$RESULTS"
ROUND_TRANSPORTS="xfcc tls"
[ "$ROUNDS" -gt 0 ] || ROUND_TRANSPORTS=""
for transport in $ROUND_TRANSPORTS; do
  echo "warming up $transport (${WARMUP}s per path) ..."
  "run_$transport" /guarded/ping "$WARMUP" >/dev/null
  "run_$transport" /public/ping "$WARMUP" >/dev/null
  for round in $(seq 1 "$ROUNDS"); do
    # guarded and public always run back to back, as do public and its control
    if [ $((round % 2)) -eq 1 ]; then order="guarded public control"; else order="control public guarded"; fi
    for path in $order; do
      [ "$path" != control ] || [ "$CONTROL" = 1 ] || continue
      echo "$transport $round $path $("run_$transport" "/${path/control/public}/ping" "$DURATION")" | tee -a "$RESULTS"
    done
  done
done

[ "$ROUNDS" -eq 0 ] || python3 - "$RESULTS" "$TICK" "$(nproc)" "${SERVER_PIN[*]:-not pinned}" "${DRIVER_PIN[*]:-not pinned}" "$(uptime)" <<'EOF'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
tick = 1e6 / int(sys.argv[2])  # microseconds per clock tick
runs = {}
for transport, round_, path, requests, seconds, ticks in rows:
    runs[(transport, int(round_), path)] = (int(requests), float(seconds), int(ticks) * tick)
print(f"\nserver: the demo (Jersey + Grizzly + Weld SE), {sys.argv[3]} CPUs; client on the same machine"
      f"\n  server: {sys.argv[4]}; load driver: {sys.argv[5]}"
      f"\n  at the end: {sys.argv[6].strip()}")
def spread(values):
    return f"median {statistics.median(values):.3f} (min {min(values):.3f}, max {max(values):.3f})"
for transport, label in (("xfcc", "HTTP + x-forwarded-client-cert (wrk)"), ("tls", "HTTPS keep-alive + client certificate (ab -k -E)")):
    rounds = sorted({r for t, r, _ in runs if t == transport})
    throughput, cpu, extra, control, detail = [], [], [], [], []
    for r in rounds:
        g, p = runs[(transport, r, "guarded")], runs[(transport, r, "public")]
        g_rps, p_rps = g[0] / g[1], p[0] / p[1]
        g_cpu, p_cpu = g[2] / g[0], p[2] / p[0]
        throughput.append(g_rps / p_rps)
        cpu.append(g_cpu / p_cpu)
        extra.append(g_cpu - p_cpu)
        line = f"    round {r}: guarded {g_rps:8.0f} req/s {g_cpu:6.1f} us CPU/req, public {p_rps:8.0f} req/s {p_cpu:6.1f} us CPU/req"
        c = runs.get((transport, r, "control"))
        if c:
            control.append((c[2] / c[0]) / p_cpu)
            line += f", control {c[2] / c[0]:6.1f} us CPU/req"
        detail.append(line)
    print(f"\n{label}, {len(rounds)} rounds:")
    print("\n".join(detail))
    print(f"  throughput guarded/public: {spread(throughput)}")
    print(f"  server CPU per request guarded/public: {spread(cpu)}")
    print(f"  guarded minus public, server CPU per request: median {statistics.median(extra):+.1f} us")
    if control:
        print(f"  A/A control, server CPU per request public/public (the noise floor): {spread(control)}")
EOF

if [ "$PHASE_SECONDS" -gt 0 ]; then
  echo
  echo "interleaved phases of ${PHASE_MS} ms, ${PHASE_SECONDS}s per transport (after ${PHASE_WARMUP}s of warm-up) ..."
  for transport in ${TRANSPORTS:-xfcc tls}; do
    XFCC="$XFCC" PHASE_ROWS="$BUILD_DIR/e2e-phases-$transport.txt" PHASE_TIMES="$BUILD_DIR/e2e-phase-times-$transport.txt" "${DRIVER_PIN[@]}" java -Xms128m -Xmx128m bench/E2eDriver.java "$transport" 127.0.0.1 \
        "$([ "$transport" = xfcc ] && echo "$HTTP_PORT" || echo "$HTTPS_PORT")" "$DEMO" "$PKI" \
        "$PHASE_SECONDS" "$PHASE_MS" "$PHASE_WARMUP" "$CONNECTIONS"
  done
  echo "  at the end: $(uptime)"
  if [ "${PROFILE:-0}" = 1 ]; then
    kill "$DEMO"; wait "$DEMO" 2>/dev/null || true # the profiler writes its samples as the demo exits
    for transport in ${TRANSPORTS:-xfcc tls}; do
      echo
      echo "where the CPU goes, $transport phases (PROFILE=1; profiled requests cost about twice as much):"
      java bench/PhaseProfile.java "$BUILD_DIR/e2e-profile.jfr" "$BUILD_DIR/e2e-phase-times-$transport.txt"
    done
  fi
fi
