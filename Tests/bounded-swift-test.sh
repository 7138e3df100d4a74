#!/usr/bin/env bash
# Runs a `swift test` command with a time limit, its output into LOG. A test that hangs (a child
# process that never ends, a lock never released) would otherwise hold the whole run until CI's own
# limit and say nothing; here it ends the run after LIMIT seconds and says where it stood: every
# process of the run with what it waits in (the kernel's wchan, and the threads' stacks where gdb
# is installed), then the tests that had started and not finished (Swift Testing's
# "◇ Test … started." without its "passed"/"failed" line), last, so that a log's tail shows them.
# Usage: Tests/bounded-swift-test.sh LOG LIMIT_SECONDS swift test ARGS…  (exit status: the command's;
# 124 after the time limit). Used by Tests/run-all.sh and Tests/ThreadSanitizer/run.sh.
set -uo pipefail
log=$1 limit=$2
shift 2

# A process group of its own (setsid), so that the whole run — the test bundle and every child it
# started — can be signalled at once.
# Swift's symbol names, readable where the toolchain's demangler is on PATH.
demangle() { if command -v swift-demangle > /dev/null; then swift-demangle --simplified; else cat; fi; }

setsid "$@" > "$log" 2>&1 &
leader=$!
deadline=$((SECONDS + limit))
while kill -0 "$leader" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 1; done
if ! kill -0 "$leader" 2>/dev/null; then
    wait "$leader"
    exit $?
fi

echo "the tests did not finish within $limit s; the processes of the run:"
for pid in $(pgrep -g "$leader"); do
    echo "-- $pid $(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | cut -c1-160)"
    echo "   waits in: $(cat "/proc/$pid/wchan" 2>/dev/null)"
    if command -v gdb > /dev/null; then
        timeout 60 gdb -p "$pid" -batch -ex "thread apply all bt 12" 2>/dev/null \
            | grep -E '^(Thread|#)' | sed -E 's/ \(.*//' | demangle | head -120
    fi
done
kill -TERM -- "-$leader" 2>/dev/null
for _ in $(seq 30); do kill -0 "$leader" 2>/dev/null || break; sleep 1; done
kill -KILL -- "-$leader" 2>/dev/null
wait "$leader" 2>/dev/null
echo "the last lines of $log:"
tail -15 "$log"
echo "tests started and not finished after $limit s:"
awk '/^◇ Test .* started\.$/ { n = $0; sub(/^◇ Test /, "", n); sub(/ started\.$/, "", n); open[n] = 1 }
     /^(✔|✘) Test .* (passed|failed) after / {
         n = $0; sub(/^(✔|✘) Test /, "", n); sub(/ (passed|failed) after .*$/, "", n); delete open[n] }
     END { for (n in open) print "  " n }' "$log"
exit 124
