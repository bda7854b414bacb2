#!/usr/bin/env python3
"""Prints a JMH JSON result (mvn -Pbench writes target/jmh-result.json) as a table, then the
ratios issue 6 sets targets for. Usage: bench/jmh-summary.py [path/to/jmh-result.json]

Each score is JMH's mean with its 99.9% error; "best" is the fastest measurement iteration;
"cpu" is the lowest CPU time per operation of the benchmark thread in any measurement iteration
(-prof dev.certgate.bench.CpuTimeProfiler), which time given to other processes does not inflate.
Other processes only ever add to a score, so on a shared, noisy machine "best" and "cpu" are the
figures to compare; ratios are printed from all three."""
import json
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "target/jmh-result.json"
results = json.load(open(path))


def key(r):
    name = r["benchmark"].rsplit(".", 2)
    params = ",".join(f"{k}={v}" for k, v in sorted(r.get("params", {}).items()))
    return f"{name[-2].replace('Benchmark', '')}.{name[-1]}" + (f"[{params}]" if params else "")


rows = {}
for r in results:
    m = r["primaryMetric"]
    iterations = [x for fork in m["rawData"] for x in fork]
    secondary = r.get("secondaryMetrics", {})
    alloc = secondary.get("gc.alloc.rate.norm", {}).get("score")
    cpu_metric = secondary.get("cpu.worker.norm")
    cpu = min(x for fork in cpu_metric["rawData"] for x in fork) if cpu_metric else None
    rows[key(r)] = (m["score"], m["scoreError"], min(iterations), m["scoreUnit"], alloc, cpu)

width = max(len(k) for k in rows)
print(f"{'benchmark':<{width}}  {'mean':>11}  {'± error':>10}  {'best':>11}  {'cpu':>11}  unit    {'alloc B/op':>10}")
for k, (score, error, best, unit, alloc, cpu) in rows.items():
    a = f"{alloc:10.0f}" if alloc is not None else f"{'-':>10}"
    c = f"{cpu:11.1f}" if cpu is not None else f"{'-':>11}"
    # JMH writes "NaN" (a string) as the error of fewer than three iterations
    err = f"{error:10.1f}" if isinstance(error, (int, float)) and error == error else f"{'-':>10}"
    print(f"{k:<{width}}  {score:11.1f}  {err}  {best:11.1f}  {c}  {unit:<6}  {a}")

RATIOS = [
    ("cold URL-encoded PEM / JDK parse+SHA-256 (target <= 1.15)",
     "ForwardedHeader.newCaller[format=pem]", "JdkParse.parseDerAndSha256"),
    ("cold URL-encoded PEM / JDK parse of the PEM text + SHA-256",
     "ForwardedHeader.newCaller[format=pem]", "JdkParse.parsePemAndSha256"),
    ("cold XFCC Cert / JDK parse+SHA-256", "ForwardedHeader.newCaller[format=xfcc-cert]", "JdkParse.parseDerAndSha256"),
    ("cold RFC 9440 / JDK parse+SHA-256", "ForwardedHeader.newCaller[format=rfc9440]", "JdkParse.parseDerAndSha256"),
    ("fingerprint allow-list 10,000 / 1 (target <= 1.2)",
     "Policy.fingerprintAllowList[entries=10000]", "Policy.fingerprintAllowList[entries=1]"),
    ("SAN allow-list 10,000 / 1 (target <= 1.2)", "Policy.sanAllowList[entries=10000]", "Policy.sanAllowList[entries=1]"),
    ("caller + roles 10,000 / 1", "Policy.callerAndRoles[entries=10000]", "Policy.callerAndRoles[entries=1]"),
    ("in process guarded / public, native (target <= 1.03)",
     "JaxrsFilter.guardedPing[path=native]", "JaxrsFilter.publicPing[path=native]"),
    ("in process guarded / public, XFCC (target <= 1.03)",
     "JaxrsFilter.guardedPing[path=xfcc]", "JaxrsFilter.publicPing[path=xfcc]"),
    ("in process no-op filter / public, native (Jersey's price of any per-method filter)",
     "JaxrsFilter.filteredPing[path=native]", "JaxrsFilter.publicPing[path=native]"),
    ("in process guarded / no-op filter, native (certgate's own share)",
     "JaxrsFilter.guardedPing[path=native]", "JaxrsFilter.filteredPing[path=native]"),
    ("in process guarded / no-op filter, XFCC (certgate's own share)",
     "JaxrsFilter.guardedPing[path=xfcc]", "JaxrsFilter.filteredPing[path=xfcc]"),
]
# the guard alone (GuardFilterBenchmark: the request object with and without the guard run on it)
# added to the whole unguarded request through Jersey: what the guard adds, without the spread of
# two separately compiled Jersey runs
for path in ("native", "xfcc"):
    guard, request, whole = (f"GuardFilter.requestAndGuard[path={path}]", f"GuardFilter.requestOnly[path={path}]",
                             f"JaxrsFilter.publicPing[path={path}]")
    if guard in rows and request in rows and whole in rows:
        RATIOS.append((f"in process, the guard alone over the unguarded request, {path} (target <= 1.03)",
                       (guard, request, whole), None))
printed = False
for label, top, bottom in RATIOS:
    if bottom is None:
        guard, request, whole = top
        if not printed:
            print("\nratios (mean, best, cpu):")
            printed = True
        def share(i):
            return 1 + (rows[guard][i] - rows[request][i]) / rows[whole][i]
        cpu = f"{share(5):.3f}" if all(rows[k][5] is not None for k in top) else "-"
        print(f"  {label}: {share(0):.3f}, {share(2):.3f}, {cpu}")
        continue
    if top in rows and bottom in rows:
        if not printed:
            print("\nratios (mean, best, cpu):")
            printed = True
        cpu = (f"{rows[top][5] / rows[bottom][5]:.3f}" if rows[top][5] is not None and rows[bottom][5] is not None
               else "-")
        print(f"  {label}: {rows[top][0] / rows[bottom][0]:.3f}, {rows[top][2] / rows[bottom][2]:.3f}, {cpu}")
