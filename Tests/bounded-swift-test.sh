#!/usr/bin/env bash
# Runs a `swift test` command with a time limit, its output into LOG. A test that hangs (a child
# process that never ends, a lock never released) would otherwise hold the whole run until CI's own
# limit and say nothing; here it ends the run after LIMIT seconds and names the tests that had
# started and not finished (Swift Testing's "◇ Test … started." without its "passed"/"failed" line).
# Usage: Tests/bounded-swift-test.sh LOG LIMIT_SECONDS swift test ARGS…  (exit status: the command's;
# 124 after the time limit). Used by Tests/run-all.sh and Tests/ThreadSanitizer/run.sh.
set -uo pipefail
log=$1 limit=$2
shift 2
# --kill-after: whatever ignores SIGTERM (a server in a graceful shutdown) gets SIGKILL 30 s later;
# timeout signals its whole process group, so the test bundle's children go too.
timeout --kill-after=30 "$limit" "$@" > "$log" 2>&1
status=$?
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    echo "the tests did not finish within $limit s; started and not finished:"
    awk '/^◇ Test .* started\.$/ { n = $0; sub(/^◇ Test /, "", n); sub(/ started\.$/, "", n); open[n] = 1 }
         /^(✔|✘) Test .* (passed|failed) after / {
             n = $0; sub(/^(✔|✘) Test /, "", n); sub(/ (passed|failed) after .*$/, "", n); delete open[n] }
         END { for (n in open) print "  " n }' "$log"
    echo "the last lines of $log:"
    tail -20 "$log"
fi
exit "$status"
