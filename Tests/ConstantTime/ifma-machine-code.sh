#!/usr/bin/env bash
# The AVX-512 IFMA path's machine code, read for what the valgrind check cannot see there (valgrind
# has no AVX-512): the products are straight-line (no conditional jump but their loop's and the
# stack guard's), and the table scan in `PreparedIFMACRT.powers` loads every entry unmasked (an
# AVX-512 masked load, `{%kN}` on a memory operand, need not touch an unselected entry). Usage:
#   bash Tests/ConstantTime/ifma-machine-code.sh BINARY   (a release build that links PrivateKeyJWTIFMA)
set -euo pipefail
binary=$1
symbols=$(nm -n "$binary")
# Disassembles the first function whose mangled name contains $1.
function_text() {
    local range
    range=$(echo "$symbols" | grep -A1 -m1 -- "$1" | awk '{print $1}' | tr '\n' ' ')
    [ -n "$range" ] || { echo "no function matching $1 in $binary" >&2; exit 1; }
    # shellcheck disable=SC2086
    set -- $range
    objdump -d --no-show-raw-insn "$binary" --start-address="0x$1" --stop-address="0x$2"
}
jumps='\sj(o|no|e|ne|s|ns|l|le|g|ge|b|be|a|ae|p|np)\s'
status=0
for kernel in 20almostMontgomeryPair 16almostMontgomeryy; do
    count=$(function_text "$kernel" | grep -cE "$jumps" || true)
    echo "$kernel: $count conditional jumps (the loop's and the stack guard's)"
    [ "$count" -le 2 ] || { echo "FAILED: $kernel branches"; status=1; }
done
masked=$(function_text PreparedIFMACRTC6powers | grep -E '\(.*\).*\{%k[0-7]\}' || true)
if [ -n "$masked" ]; then
    echo "FAILED: masked memory operands in PreparedIFMACRT.powers:"
    echo "$masked" | head -5
    status=1
else
    echo "PreparedIFMACRT.powers: every table entry loaded unmasked"
fi
exit $status
