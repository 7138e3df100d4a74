#!/usr/bin/env bash
# pkjwt's test command: installs what the tests need when it is missing, builds, and runs every
# test — the Swift suites (vectors, negatives, CLI; again with secrets staged under a name, as on
# NFS), the interop suite (openssl, Python cryptography, PyJWT), the whole flow on a FUSE mount, the
# constant-time check under valgrind, a short run of every fuzz target, the threaded suites under
# ThreadSanitizer, the portable-only build (as on arm64) with every test, and a consumer that depends
# on pkjwt by version.
# Used as is by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
pkg-config --exists gmp 2>/dev/null || need_apt+=(libgmp-dev pkg-config)
command -v openssl >/dev/null || need_apt+=(openssl)
# libcrypto 3: pkjwt bench --compare openssl loads it at run time (BenchTests).
if [ "$(uname)" = Linux ] && ! ldconfig -p | grep -q 'libcrypto\.so\.3 '; then need_apt+=(libssl3); fi
[ -f /usr/include/valgrind/memcheck.h ] || need_apt+=(valgrind)
# bindfs: a FUSE passthrough mount, a folder without O_TMPFILE as NFS and SMB are (only where FUSE is).
if [ -e /dev/fuse ] && ! command -v bindfs >/dev/null; then need_apt+=(bindfs); fi
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "== [${SECONDS} s] installing ${need_apt[*]}"
    if command -v apt-get >/dev/null; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"
    elif command -v brew >/dev/null; then
        # macOS: GMP and OpenSSL from Homebrew; valgrind and bindfs do not run there (skipped below).
        brew install gmp openssl pkg-config
    fi
fi
if ! python3 -c "import cryptography, jwt, pytest, joserfc, dotenv, okta, Cryptodome, yaml" 2>/dev/null; then
    echo "== [${SECONDS} s] installing Python test dependencies"
    # okta: the Okta Python SDK, whose own loader reads the okta.yaml pkjwt writes (its signer needs pycryptodomex).
    python3 -m pip install --quiet --disable-pip-version-check cryptography PyJWT pytest joserfc python-dotenv okta==2.9.0 pycryptodomex PyYAML
fi

echo "== [${SECONDS} s] the repository stands alone: no file points outside it"
# Every fact the code relies on is in docs/ with its public source; a path that climbs out of the
# checkout names a file no reader of pkjwt has. (This line's pattern is built so it does not match itself.)
outside=$(grep -rnI --exclude-dir=.build --exclude-dir='.build-*' --exclude-dir=.git -e '\.\./''shared' . || true)
if [ -n "$outside" ]; then echo "files that point outside the repository:"; echo "$outside"; exit 1; fi

echo "== [${SECONDS} s] the core's folders depend only downwards (BigNum → SHA256 → Random → RSA → EC → Encoding → JOSE → Keys)"
python3 Tests/FolderOrder/check.py --self-test
python3 Tests/FolderOrder/check.py

echo "== [${SECONDS} s] the core and PKJWTConfig name their own concepts only: no command or flag of the CLI, no identity provider"
# Provider rules live in OktaAPI and OktaConfig, advice that names a command in the CLI (README, "Layout").
foreign=$(grep -rniE 'pkjwt|okta|"--[a-z]' Sources/PrivateKeyJWT Sources/PKJWTConfig || true)
if [ -n "$foreign" ]; then echo "a library speaks another layer's words:"; echo "$foreign"; exit 1; fi
echo "== [${SECONDS} s] the Okta libraries name no command or flag of the CLI (the CLI words their typed hints and fixes)"
commands='pkjwt (keygen|register|token|api|proof|rotate|export|doctor|serve|quickstart|inspect|sign|verify|bench)'
foreign=$(grep -rnE "$commands|\"--[a-z]" Sources/OktaAPI Sources/OktaConfig Sources/OktaDoctor || true)
if [ -n "$foreign" ]; then echo "an Okta library names the CLI's commands or flags:"; echo "$foreign"; exit 1; fi

echo "== [${SECONDS} s] swift format lint (.swift-format: 4 spaces, lines of at most 120 characters)"
# The generated kernels are checked against their generator below instead. swift-format leaves a
# line that holds one long string literal as it is; in Sources and Benchmarks there is none, and
# Tests and Fuzz keep theirs only for verbatim data (Okta's JSON answers, keys, shell scripts).
swift_files=$(git ls-files '*.swift' | grep -v '/Generated/' || true)
[ -n "$swift_files" ] || swift_files=$(find Sources Tests Benchmarks Fuzz -name '*.swift' -not -path '*/.build/*' -not -path '*/Generated/*')
# shellcheck disable=SC2086
swift format lint --strict $swift_files
long=$(awk 'length > 120 { print FILENAME ":" FNR }' $(echo "$swift_files" | tr ' ' '\n' | grep -E '^(Sources|Benchmarks)/'))
if [ -n "$long" ]; then echo "lines over 120 characters:"; echo "$long"; exit 1; fi
echo "== [${SECONDS} s] swift build"
swift build --build-tests
echo "== [${SECONDS} s] the unrolled Montgomery kernels are what their generator writes"
"$(swift build --show-bin-path)/generate-montgomery-kernels" | diff -u Sources/PrivateKeyJWT/BigNum/Generated/MontgomeryKernels.swift - \
    || { echo "MontgomeryKernels.swift differs from its generator's output (see Sources/generate-montgomery-kernels)"; exit 1; }
echo "== [${SECONDS} s] the P-256 generator table is what its (Python) generator writes"
python3 Sources/generate-p256-table/generate.py | diff -u Sources/PrivateKeyJWT/EC/Generated/P256GeneratorMultiples.swift - \
    || { echo "P256GeneratorMultiples.swift differs from its generator's output (see Sources/generate-p256-table)"; exit 1; }
echo "== [${SECONDS} s] swift test"
# Swift Testing prints a line per case; keep failures and the closing line. (XCTest's empty
# "Executed 0 tests" summary is dropped: every test here is a Swift Testing test.)
status=0
bash Tests/bounded-swift-test.sh .build/swift-test.log 1200 swift test --skip-build || status=$?
grep -E '✘|recorded an issue|error:|Fatal|^✔ Test run with' .build/swift-test.log | grep -v '^◇' || true
if [ "$status" -ne 0 ]; then
    echo "swift test failed with status $status; the full log is .build/swift-test.log"
    exit "$status"
fi
echo "== [${SECONDS} s] every command that writes a secret, staging it under the swept name (as on NFS, SMB, FUSE, macOS)"
PKJWT_SECRET_STAGING=named bash Tests/bounded-swift-test.sh .build/swift-test-named.log 600 swift test --skip-build \
    --filter 'pkjwtTests\.(KeygenCommandTests|ExportTests|RotateTests|OktaFlowTests|DPoPKeyTests|ConcurrencyAndKillTests)' \
    || { grep -E '✘|recorded an issue|error:' .build/swift-test-named.log; exit 1; }
grep -E '^✔ Test run with' .build/swift-test-named.log
echo "== [${SECONDS} s] interop (openssl, Python cryptography, PyJWT, joserfc, python-dotenv, the Okta Python SDK)"
# Time limits as for swift test (a few minutes each normally): a hang ends the run, it does not stall it.
PKJWT="$(swift build --show-bin-path)/pkjwt" timeout -k 30 900 python3 -m pytest -q Tests/Interop
echo "== [${SECONDS} s] a folder without O_TMPFILE: the whole flow and a kill loop on a FUSE mount (bindfs)"
PKJWT="$(swift build --show-bin-path)/pkjwt" timeout -k 30 600 python3 -m pytest -q -rs Tests/Mounts
if [ "$(uname)" = Darwin ]; then
    echo "== [${SECONDS} s] constant-time check skipped: valgrind does not run on macOS (SECURITY.md)"
else
    echo "== [${SECONDS} s] constant-time check (valgrind memcheck, every secret limb marked undefined)"
    bash Tests/ConstantTime/run.sh
fi
if [ "$(uname)" = Darwin ]; then
    echo "== [${SECONDS} s] fuzz smoke run skipped: Fuzz/run.sh links libFuzzer from a swift.org Linux toolchain"
else
    echo "== [${SECONDS} s] fuzz smoke run (libFuzzer, ${FUZZ_SECONDS:-5} s per target; SECURITY.md has the long run)"
    SECONDS_PER_TARGET=${FUZZ_SECONDS:-5} bash Fuzz/run.sh
fi
echo "== [${SECONDS} s] ThreadSanitizer: the suites whose code runs on several threads, then pkjwt bench and quickstart"
bash Tests/ThreadSanitizer/run.sh
echo "== [${SECONDS} s] the build an arm64 host makes (PKJWT_PORTABLE_ONLY=1: no x86 targets), and every test on it"
# The same build folder: only what the x86 modules touch is compiled again (the condition that
# selects them is a compiler define, so modules left there by the build above are never picked up).
PKJWT_PORTABLE_ONLY=1 swift build --build-tests > .build/portable-build.log 2>&1 \
    || { grep -E 'error' .build/portable-build.log || tail -30 .build/portable-build.log; exit 1; }
status=0
PKJWT_PORTABLE_ONLY=1 bash Tests/bounded-swift-test.sh .build/swift-test-portable.log 1200 swift test --skip-build \
    || status=$?
grep -E '✘|recorded an issue|error:|Fatal|^✔ Test run with' .build/swift-test-portable.log | grep -v '^◇' || true
[ "$status" -eq 0 ] || { echo "the portable-only suite failed; see .build/swift-test-portable.log"; exit "$status"; }
echo "== [${SECONDS} s] a package that depends on pkjwt by version imports every product offered, and runs"
bash Tests/Consumer/run.sh
# Every process a test started must be gone: servers follow their test process out (--exit-with-stdin).
for _ in 1 2 3 4 5 6 7 8 9 10; do pgrep -f "pkjwt serve" >/dev/null || break; sleep 0.5; done
if pgrep -af "pkjwt serve"; then echo "a test left pkjwt serve running (above)"; exit 1; fi
echo "== [${SECONDS} s] every test passed"
