"""Start-up of two release binaries against one `pkjwt serve`, interleaved, beside the floor: a static
Swift program that imports Foundation and prints one line (built here, as README builds pkjwt).

Each round runs every program six times per row (in an order that reverses every other round) and
keeps the medians; the ratios are taken within a round, so a busy machine moves both sides alike.
Rows: `--version`, `token` from the cache, `token --no-cache`, and a DPoP refresh (DPOP=true, no
cache: key, proof, nonce round trip). Prints medians and each ratio's p50 [p10-p90].

    python3 Benchmarks/token-ab.py BEFORE_BINARY AFTER_BINARY [ROUNDS]

The server, the key and the app come from AFTER_BINARY; both binaries read the same .env.
"""

import os
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from token_ab_support import build_floor, percentile, run, start_server  # noqa: E402


def compare(rows, programs, folder, rounds):
    """For each row (label, args, extra environment): each program's median, and the ratios."""
    for label, args, extra in rows:
        environment = dict(os.environ, **extra)
        for program in programs.values():
            run([program, *args], folder, environment)  # warm the cache and the file system
        medians = {name: [] for name in programs}
        for r in range(rounds):
            order = list(programs) if r % 2 == 0 else list(reversed(programs))
            for name in order:
                command = [programs[name], *args] if name != "floor" else [programs[name]]
                medians[name].append(statistics.median(run(command, folder, environment) for _ in range(6)))
        line = [f"{name} p50 {statistics.median(m) * 1e3:.1f} ms" for name, m in medians.items()]
        for name, base in [("before", "floor"), ("after", "floor"), ("after", "before")]:
            ratios = [a / b for a, b in zip(medians[name], medians[base])]
            line.append(f"{name} / {base} {statistics.median(ratios):.2f} "
                        f"[{percentile(ratios, 0.1):.2f}-{percentile(ratios, 0.9):.2f}]")
        print(f"{label}: " + ", ".join(line), flush=True)


def main():
    before, after = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 15
    with tempfile.TemporaryDirectory() as folder:
        floor = build_floor(os.path.join(folder, "floor"))
        server, settings = start_server(after)
        try:
            work = os.path.join(folder, "work")
            os.makedirs(work)
            with open(os.path.join(work, ".env"), "w") as env:
                env.write("".join(f"{k}={v}\n" for k, v in settings.items()) + "SCOPES=okta.users.read\n")
            run([after, "keygen"], work)
            run([after, "register"], work)
            rows = [
                ("--version", ["--version"], {}),
                ("token from the cache", ["token"], {}),
                ("token --no-cache", ["token", "--no-cache"], {}),
                ("DPoP refresh (DPOP=true token --no-cache)", ["token", "--no-cache"], {"DPOP": "true"}),
            ]
            compare(rows, {"floor": floor, "before": before, "after": after}, work, rounds)
        finally:
            server.stdin.close()
            server.wait(timeout=10)


main()
