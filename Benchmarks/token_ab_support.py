"""What the start-up benchmarks share: timing a run, a percentile, `pkjwt serve` on a free port, and the
floor program (a static Swift program that imports Foundation and prints one line)."""

import os
import subprocess
import sys
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
