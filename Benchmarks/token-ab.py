"""`pkjwt token` of two release binaries against one `pkjwt serve`, interleaved: each round runs
binary A six times, then binary B six times (in an order that alternates between rounds), and takes
the ratio of their median wall times. Prints the medians and the ratio's p50 [p10-p90].

    python3 Benchmarks/token-ab.py BEFORE_BINARY AFTER_BINARY [ROUNDS]

The server, the key and the app come from AFTER_BINARY; both binaries read the same .env.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time


def run(binary, args, folder):
    start = time.perf_counter()
    done = subprocess.run([binary, *args], cwd=folder, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{binary} {' '.join(args)} failed: {done.stderr.strip()}")
    return elapsed


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int((len(ordered) - 1) * p + 0.5))]


def main():
    before, after = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 15
    server = subprocess.Popen(
        [after, "serve", "--port", "0", "--exit-with-stdin"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        settings = {}
        while len(settings) < 2:
            line = server.stdout.readline()
            if not line:
                sys.exit("pkjwt serve stopped")
            if "=" in line:
                key, value = line.strip().split("=", 1)
                if key in ("OKTA_URL", "API_KEY"):
                    settings[key] = value
        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, ".env"), "w") as env:
                env.write("".join(f"{k}={v}\n" for k, v in settings.items()) + "SCOPES=okta.users.read\n")
            run(after, ["keygen"], folder)
            run(after, ["register"], folder)
            for label, args in [("token --no-cache", ["token", "--no-cache"]), ("token from the cache", ["token"])]:
                run(after, ["token"], folder)  # warm the cache and the file system
                ratios, medians = [], {before: [], after: []}
                for r in range(rounds):
                    order = [before, after] if r % 2 == 0 else [after, before]
                    times = {b: statistics.median(run(b, args, folder) for _ in range(6)) for b in order}
                    for b in order:
                        medians[b].append(times[b])
                    ratios.append(times[before] / times[after])
                print(f"{label}: before p50 {statistics.median(medians[before]) * 1e3:.1f} ms, "
                      f"after p50 {statistics.median(medians[after]) * 1e3:.1f} ms, "
                      f"before / after {statistics.median(ratios):.2f} "
                      f"[{percentile(ratios, 0.1):.2f}-{percentile(ratios, 0.9):.2f}]")
    finally:
        server.stdin.close()
        server.wait(timeout=10)


main()
