"""A DPoP token refresh with a P-256 DPoP key against one with an RSA-2048 key, interleaved, through the
release binary a user runs: `pkjwt token --no-cache` with DPOP=true against `pkjwt serve` (assertion,
proof, the nonce kept from the run before). Each kind's key is made first (DPOP_KEY_TYPE=EC and =RSA,
each in a folder of its own, so each keeps its own nonces), so the rows time refreshes; the first run of
each kind, which makes its key, is timed apart.

Each round runs each side six times (the order reverses every other round) and keeps the medians; the
ratio EC / RSA is taken within a round. Prints medians and the ratio's p50 [p10-p90].

    python3 Benchmarks/dpop-key-ab.py PKJWT_BINARY [ROUNDS]
"""

import os
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import token_ab_support as ab  # noqa: E402


def main():
    binary = os.path.abspath(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    with tempfile.TemporaryDirectory() as folder:
        server, settings = ab.start_server(binary)
        try:
            with open(os.path.join(folder, ".env"), "w") as env:
                env.write("".join(f"{k}={v}\n" for k, v in settings.items()) + "SCOPES=okta.users.read\n")
            ab.run([binary, "keygen"], folder)
            ab.run([binary, "register", "--dpop"], folder)
            sides = {
                kind: dict(
                    os.environ, DPOP="true", DPOP_KEY_TYPE=kind, DPOP_KEY_FILE=os.path.join(folder, kind, "dpop.jwk"))
                for kind in ("EC", "RSA")
            }
            ab.run([binary, "--version"], folder)  # the binary in the page cache before the first runs
            for kind, environment in sides.items():
                made = ab.run([binary, "token", "--no-cache"], folder, environment)
                print(f"first run, which makes the {kind} key: {made * 1e3:.1f} ms", flush=True)
            medians = {kind: [] for kind in sides}
            for r in range(rounds):
                for kind in (sides if r % 2 == 0 else reversed(list(sides))):
                    command = [binary, "token", "--no-cache"]
                    medians[kind].append(statistics.median(ab.run(command, folder, sides[kind]) for _ in range(6)))
            ratios = [e / r for e, r in zip(medians["EC"], medians["RSA"])]
            print(
                f"DPoP refresh: EC p50 {statistics.median(medians['EC']) * 1e3:.1f} ms, RSA p50 "
                f"{statistics.median(medians['RSA']) * 1e3:.1f} ms, EC / RSA {statistics.median(ratios):.2f} "
                f"[{ab.percentile(ratios, 0.1):.2f}-{ab.percentile(ratios, 0.9):.2f}]")
        finally:
            server.stdin.close()
            server.wait(timeout=10)


main()
