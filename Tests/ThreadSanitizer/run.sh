#!/usr/bin/env bash
# Data races, checked mechanically: the suites whose code runs on several threads, and a short CLI
# run, built with ThreadSanitizer. Threads here: the CRT halves of a signature (parallelHalves), the
# parallel prime search, RSABlinding's kept pair, the process-wide SHA-256 compression choice, the
# token cache under its lock (concurrent processes and tasks), DPoP nonce stores, SwiftNIO's event
# loops in the HTTP client and in `pkjwt serve` under concurrent requests. Any report fails the run:
# TSan's own exit code (66) in a process that ran into one, and its report files, which every
# process started from here writes (TSAN_OPTIONS log_path, passed on to the pkjwt runs tests make).
# Used by Tests/run-all.sh; its own build folder, .build-tsan.
set -euo pipefail
cd "$(dirname "$0")/../.."
scratch=.build-tsan
reports=$(mktemp -d "${TMPDIR:-/tmp}/pkjwt-tsan-XXXXXX")
trap 'rm -rf "$reports"' EXIT
export TSAN_OPTIONS="log_path=$reports/report"

if ! swift build --build-tests --sanitize=thread --scratch-path "$scratch" > "$reports/build.log" 2>&1; then
    grep -E "error" "$reports/build.log" || tail -30 "$reports/build.log"
    exit 1
fi
suites='LockedValueTests|CRTSignerTests|ParallelPrimeTestTests|RSABlindingTests|SHA256BlockFunctionTests|KeyGenerationTests'
suites+='|TokenCacheTests|FileLockTests|DPoPSessionTests|AsyncHTTPTransportTests|OktaHTTPClientTests'
suites+='|ServeCommandTests|DPoPKeyTests|ConcurrencyAndKillTests|OktaFlowTests|APITests'
status=0
bash Tests/bounded-swift-test.sh "$reports/test.log" 1800 \
    swift test --skip-build --sanitize=thread --scratch-path "$scratch" --filter "$suites" || status=$?
grep -E '✘|recorded an issue|ThreadSanitizer|^✔ Test run with' "$reports/test.log" || true

# The CLI as a user runs it: the parallel prime search and both signing paths (bench), then the local
# org, the HTTP client, DPoP-free token and API calls (quickstart).
bin=$(swift build --sanitize=thread --scratch-path "$scratch" --show-bin-path)
"$bin/pkjwt" bench --keys 4 --seconds 0.2 > /dev/null 2>&1 || status=$?
(cd "$reports" && "$bin/pkjwt" quickstart > quickstart.log 2>&1) || status=$?

if compgen -G "$reports/report.*" > /dev/null; then
    echo "ThreadSanitizer reported:"
    cat "$reports"/report.*
    exit 1
fi
[ "$status" -eq 0 ] || { echo "a run under ThreadSanitizer failed (status $status)"; tail -40 "$reports/test.log"; exit 1; }
echo "ThreadSanitizer: no report (the tests above, pkjwt bench, pkjwt quickstart)"
