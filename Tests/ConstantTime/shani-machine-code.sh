#!/usr/bin/env bash
# The SHA extensions path's machine code, read for what the valgrind check cannot see there (valgrind
# 3.19 runs no SHA instructions): one block is SHA256RNDS2, MSG1 and MSG2 inline (32, 12 and 12), and
# none of it branches (the loop over blocks around it branches on the block count only). Usage:
#   bash Tests/ConstantTime/shani-machine-code.sh BINARY   (a release build that links PrivateKeyJWTSHANI)
set -euo pipefail
binary=$1
symbols=$(nm -n "$binary")
# Disassembles every function whose mangled name contains $1 (here-strings, not pipes from echo:
# grep -m1 stops reading early, and pipefail would end the script without a word).
function_text() {
    local starts range
    starts=$(grep -n -- "$1" <<< "$symbols" | cut -d: -f1 || true)
    [ -n "$starts" ] || { echo "FAILED: no function matching $1 in $binary" >&2; exit 1; }
    for line in $starts; do
        range=$(sed -n "${line}p;$((line + 1))p" <<< "$symbols" | awk '{print $1}' | tr '\n' ' ')
        # shellcheck disable=SC2086
        set -- $range
        objdump -d --no-show-raw-insn "$binary" --start-address="0x$1" --stop-address="0x$2"
    done
}
jumps='\sj(o|no|e|ne|s|ns|l|le|g|ge|b|be|a|ae|p|np)\s'
status=0
# Up to its first ret: the symbol's range runs on over unnamed outlined code that follows it.
rounds=$(function_text "SHANICompressionO15sixtyFourRounds" | sed '/\sret/q')
for instruction in sha256rnds2 sha256msg1 sha256msg2; do
    echo "SHANICompression.sixtyFourRounds: $(grep -c "$instruction" <<< "$rounds" || true) × $instruction"
done
[ "$(grep -c sha256rnds2 <<< "$rounds" || true)" -ge 32 ] || { echo "FAILED: fewer than 32 SHA256RNDS2"; status=1; }
count=$(grep -cE "$jumps" <<< "$rounds" || true)
echo "SHANICompression.sixtyFourRounds: $count conditional jumps"
[ "$count" -eq 0 ] || { echo "FAILED: a block's rounds branch"; status=1; }
# The loop over blocks around it (compress, inlined into the closure SHA256 stores) holds no data
# work; its jumps are on the block count.
exit $status
