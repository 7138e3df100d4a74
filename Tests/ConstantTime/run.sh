#!/usr/bin/env bash
# The constant-time check: builds ct-check in release, strips its DWARF (valgrind 3.19 cannot read
# Swift 6.3's DWARF 5), and runs three RSA-2048 signatures under memcheck with every secret limb
# (p, q, dP, dQ, qInv, the blinding values) marked undefined. Any memcheck report fails the check.
set -euo pipefail
cd "$(dirname "$0")"
command -v valgrind >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind; }
# A failed build must fail the check (an old binary would otherwise be checked instead).
if ! swift build -c release --product ct-check > /tmp/ct-check-build.log 2>&1; then
    grep -E "error" /tmp/ct-check-build.log | head -20
    echo "constant-time check FAILED: ct-check did not build"
    exit 1
fi
bin=$(swift build -c release --show-bin-path)
strip -g -o "$bin/ct-check.stripped" "$bin/ct-check"
key=../../vectors/rsa/openssl-keys/key2.pkcs8.pem
valgrind --tool=memcheck --error-exitcode=1 --track-origins=yes --num-callers=30 "$bin/ct-check.stripped" "$key" 2>&1 \
    | tee "$bin/ct-check.valgrind.log" | grep -E "ERROR SUMMARY|depends on uninitialised|Use of uninitialised|^[0-9a-f]{16}$" || true
grep -q "ERROR SUMMARY: 0 errors" "$bin/ct-check.valgrind.log" || { echo "constant-time check FAILED: see $bin/ct-check.valgrind.log"; exit 1; }
echo "constant-time check: 0 memcheck reports across 3 RS256 signatures (the last with its CRT halves on two threads) and 3 ES256 signatures"
