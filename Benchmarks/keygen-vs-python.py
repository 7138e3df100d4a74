#!/usr/bin/env python3
"""RSA-2048 keygen, pkjwt beside Python cryptography, interleaved: each round generates KEYS keys with
Python (in this process), then KEYS keys with `pkjwt bench` (its own timing, per key), so machine
noise hits both sides of every round alike. Prints each round's medians and p90s, their ratios, and
the pooled Python percentiles.

    python3 Benchmarks/keygen-vs-python.py PATH/TO/pkjwt [ROUNDS [KEYS [ENGINE]]]

ENGINE is `pkjwt bench --engine`: auto (AVX-512 IFMA where the CPU has it, the default) or portable.
"""
import json, statistics, subprocess, sys, time
from cryptography.hazmat.primitives.asymmetric import rsa

pkjwt = sys.argv[1]
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
keys = int(sys.argv[3]) if len(sys.argv) > 3 else 20
engine = sys.argv[4] if len(sys.argv) > 4 else "auto"


def p90(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, -(-len(ordered) * 9 // 10) - 1)]


print("| round | Python median | Python p90 | pkjwt median | pkjwt p90 | median ratio | p90 ratio |")
print("|---|---:|---:|---:|---:|---:|---:|")
medians, tails, pooled = [], [], []
for index in range(rounds):
    python = []
    for _ in range(keys):
        start = time.perf_counter()
        rsa.generate_private_key(65537, 2048)
        python.append((time.perf_counter() - start) * 1000)
    pooled += python
    rows = json.loads(subprocess.run([pkjwt, "bench", "--keys", str(keys), "--seconds", "0.01", "--engine", engine, "--json"],
                                     check=True, capture_output=True, text=True).stdout)
    ours = next(row for row in rows if row["operation"] == "RSA-2048 keygen")
    median, tail = ours["median"] * 1000, ours["p90"] * 1000
    medians.append(median / statistics.median(python))
    tails.append(tail / p90(python))
    print("| %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.2f | %.2f |"
          % (index + 1, statistics.median(python), p90(python), median, tail, medians[-1], tails[-1]))
print()
print("pkjwt ÷ Python time (lower is faster): median %.2f [%.2f–%.2f], p90 %.2f [%.2f–%.2f] over %d rounds of %d keys each"
      % (statistics.median(medians), min(medians), max(medians), statistics.median(tails), min(tails), max(tails), rounds, keys))
print("Python cryptography %s, pooled over %d keys: median %.1f ms, p90 %.1f ms"
      % (__import__("cryptography").__version__, len(pooled), statistics.median(pooled), p90(pooled)))
