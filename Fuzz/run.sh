#!/usr/bin/env bash
# Builds the libFuzzer targets (-sanitize=fuzzer,address) and runs each for SECONDS (default 10),
# or only the targets named. New inputs go to .build/fuzz-corpus/TARGET; the committed seeds in
# corpus/TARGET are read, never written. A crash or a broken round trip stops with the input saved
# as .build/fuzz-artifacts/TARGET-crash-*, and the script exits non-zero. The last line per target
# is libFuzzer's "Done N runs in S second(s)".
#   bash Fuzz/run.sh                 # every target, 10 s each
#   SECONDS_PER_TARGET=600 JOBS=2 bash Fuzz/run.sh jwk dotenv-write
set -euo pipefail
cd "$(dirname "$0")"
seconds=${SECONDS_PER_TARGET:-10}
jobs=${JOBS:-1}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(pem der-private der-public key-document openssh jwk jwks jws claims base64 base64url json dotenv-read dotenv-write okta-yaml dpop-proof http-date form ec-der-private ec-der-public jwk-ec jws-es256 ec-key-file)
fi

# A failed build must fail the run (an old library would otherwise be fuzzed instead).
if ! swift build -c release -Xswiftc -sanitize=fuzzer,address --product PKJWTFuzz > /tmp/fuzz-build.log 2>&1; then
    grep -E "error" /tmp/fuzz-build.log | head -20
    echo "fuzz run FAILED: the fuzz library did not build"
    exit 1
fi
lib=$(swift build -c release --show-bin-path -Xswiftc -sanitize=fuzzer,address)
# libFuzzer's own main drives the library's LLVMFuzzerTestOneInput (see Package.swift).
clang=$(dirname "$(command -v swift)")/clang
"$clang" -fsanitize=fuzzer,address -o "$lib/pkjwt-fuzz" -L"$lib" -lPKJWTFuzz \
    -Wl,-rpath,"$lib" -Wl,-rpath,"$(dirname "$(command -v swift)")/../lib/swift/linux" 2>&1 | grep -v "Cannot export local symbol" || true

total=0
for target in "${targets[@]}"; do
    mkdir -p ".build/fuzz-corpus/$target" ".build/fuzz-artifacts" "corpus/$target"
    log=".build/fuzz-$target.log"
    status=0
    parallel=()
    [ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
    PKJWT_FUZZ_TARGET=$target "$lib/pkjwt-fuzz" -max_total_time="$seconds" -max_len=65536 -timeout=5 -rss_limit_mb=4096 \
        "${parallel[@]}" -artifact_prefix=".build/fuzz-artifacts/$target-" \
        ".build/fuzz-corpus/$target" "corpus/$target" > "$log" 2>&1 || status=$?
    # With -jobs the counts are in fuzz-N.log files; without, in the log itself.
    shopt -s nullglob
    runs=$(cat "$log" fuzz-*.log | { grep -oE "Done [0-9]+ runs" || true; } | awk '{s += $2} END {print s + 0}')
    rm -f fuzz-*.log
    shopt -u nullglob
    total=$((total + runs))
    printf '%-14s %12d runs  %s\n' "$target" "$runs" "$([ $status -eq 0 ] && echo ok || echo "FAILED (status $status, see $log)")"
    if [ $status -ne 0 ]; then tail -30 "$log"; exit 1; fi
done
echo "fuzz $total runs over ${#targets[@]} targets, no finding"
echo "fuzz: ${#targets[@]} passed, 0 failed"
