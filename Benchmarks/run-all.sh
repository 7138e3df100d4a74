#!/usr/bin/env bash
# Every figure of BENCHMARKS.md, in one session on one machine: run from the repository root with
#   bash Benchmarks/run-all.sh > results.md
# Needs: libgmp-dev, libssl-dev, openssl, python3 with cryptography, hyperfine (apt). Keep the
# machine otherwise idle.
set -euo pipefail
cd "$(dirname "$0")/.."
# The x86 fast paths are products of pkjwt only on request (Package.swift); this package uses them.
export PKJWT_FAST_PATH_PRODUCTS=1
section() { printf '\n## %s\n\n' "$1"; }

section "Machine"
echo '```'
grep -m1 'model name' /proc/cpuinfo; echo "cores: $(nproc)"; grep -o -m1 -w 'avx512ifma' /proc/cpuinfo || true; grep -o -m1 -w 'sha_ni' /proc/cpuinfo || true
swift --version 2>&1 | head -1; openssl version
python3 -c 'import cryptography; from cryptography.hazmat.backends.openssl import backend; print("python cryptography", cryptography.__version__, "on", backend.openssl_version_text())'
echo "GMP $(pkg-config --modversion gmp)"
echo '```'

section "package-benchmark: every row (swift package --disable-sandbox benchmark)"
(cd Benchmarks && swift package --disable-sandbox benchmark --format markdown 2>/dev/null | python3 -c '
import re, sys
print("| benchmark | p0 | p25 | p50 | p75 | p90 | p99 | samples |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for block in re.split(r"\n(?=### )", sys.stdin.read()):
    title = block.split("\n")[0]
    if not title.startswith("### "): continue
    for row in block.split("\n"):
        if row.startswith("| Time (wall clock)"):
            cells = [c.strip() for c in row.strip("|").split("|")]
            unit = re.findall(r"\(([^)]*)\)", cells[0])[-1]
            print("| %s | %s |" % (title[4:].replace(" metrics", ""), " | ".join(c + " " + unit for c in cells[1:7]) + " | " + cells[8]))
')

section "Interleaved ratios (ours and each peer back to back every round)"
(cd Benchmarks && swift build -c release --product Interleaved >/dev/null 2>&1 && ROUNDS=40 .build/release/Interleaved)
section "SHA-256 with SHA-NI masked in OpenSSL (OPENSSL_ia32cap=\":~0x20000000\")"
(cd Benchmarks && OPENSSL_ia32cap=":~0x20000000" ROUNDS=40 .build/release/Interleaved sha)

section "Keygen beside Python cryptography (same session)"
python3 - <<'PY'
import time
from cryptography.hazmat.primitives.asymmetric import rsa
samples = []
for _ in range(100):
    start = time.perf_counter(); rsa.generate_private_key(65537, 2048); samples.append((time.perf_counter() - start) * 1000)
samples.sort()
print("python cryptography RSA-2048 keygen, 100 keys: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms" % (samples[50], samples[90], samples[99]))
PY
swift build -c release --product pkjwt >/dev/null 2>&1
echo '```'
"$(swift build -c release --show-bin-path)/pkjwt" bench --keys 100 --seconds 2 --compare openssl 2>/dev/null
echo '```'

section "pkjwt token against pkjwt serve: process start to token printed"
swift build -c release --product pkjwt --static-swift-stdlib --scratch-path .build-static >/dev/null 2>&1
work=$(mktemp -d)
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
"$(swift build -c release --show-bin-path)/pkjwt" serve --port 0 > "$work/.env" 2>/dev/null & server=$!
sleep 1
echo "SCOPES=okta.users.read" >> "$work/.env"
(cd "$work" && "$OLDPWD/.build/release/pkjwt" keygen >/dev/null 2>&1 && "$OLDPWD/.build/release/pkjwt" register >/dev/null)
for build in .build .build-static; do
    binary="$PWD/$build/release/pkjwt"
    (cd "$work" && hyperfine -N --warmup 5 --runs 60 --export-json "$work/hf.json" "$binary token" >/dev/null 2>&1)
    rss=$(cd "$work" && python3 -c 'import os,sys
pid=os.fork()
if pid==0:
    fd=os.open(os.devnull,os.O_WRONLY); os.dup2(fd,1); os.execv(sys.argv[1],[sys.argv[1],"token"])
print("%.1f" % (os.wait4(pid,0)[2].ru_maxrss/1024))' "$binary")
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%s: median %.1f ms, mean %.1f ms, min %.1f ms, peak RSS %s MB" % (sys.argv[2], r["median"]*1e3, r["mean"]*1e3, r["min"]*1e3, sys.argv[3]))' "$work/hf.json" "$build (swift build -c release$( [ $build = .build-static ] && echo ' --static-swift-stdlib'))" "$rss"
done
