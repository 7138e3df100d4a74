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
import subprocess
import sys
import tempfile
import time

FLOOR_SOURCE = 'import Foundation\nprint("token \\(ProcessInfo.processInfo.processIdentifier)")\n'
FLOOR_MANIFEST = (
    "// swift-tools-version:6.0\nimport PackageDescription\n"
    'let package = Package(name: "floor", targets: [.executableTarget(name: "floor")])\n'
)


def run(command, folder, environment=None):
    start = time.perf_counter()
    done = subprocess.run(command, cwd=folder, capture_output=True, text=True, env=environment)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed: {done.stderr.strip()}")
    return elapsed


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int((len(ordered) - 1) * p + 0.5))]


def build_floor(folder):
    os.makedirs(os.path.join(folder, "Sources", "floor"))
    with open(os.path.join(folder, "Package.swift"), "w") as manifest:
        manifest.write(FLOOR_MANIFEST)
    with open(os.path.join(folder, "Sources", "floor", "main.swift"), "w") as source:
        source.write(FLOOR_SOURCE)
    subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib"], cwd=folder, check=True,
                   capture_output=True)
    return os.path.join(folder, ".build", "release", "floor")


def start_server(binary):
    server = subprocess.Popen(
        [binary, "serve", "--port", "0", "--exit-with-stdin"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    settings = {}
    while len(settings) < 2:
        line = server.stdout.readline()
        if not line:
            sys.exit("pkjwt serve stopped")
        if "=" in line:
            key, value = line.strip().split("=", 1)
            if key in ("OKTA_URL", "API_KEY"):
                settings[key] = value
    return server, settings


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
