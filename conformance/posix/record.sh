#!/bin/bash
# record.sh - record, on real Linux 6.1 with the oracle, what the POSIX test programs of this
# directory (*.c) print (stdout bytes, stderr, exit status) for every case of cases.txt. Writes
# expected.json and summary.txt next to this script, only when everything worked. See README.md.
#
#   conformance/posix/record.sh
#
# Environment: ORACLE_DIR (default /work/shared/oracle), KEEP=1 keeps the temp dir.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MAIN=$(cd "$HERE/../.." && pwd)
ORACLE=${ORACLE_DIR:-/work/shared/oracle}
NAME=posix
TMP=$(mktemp -d /tmp/msgslot-posix.XXXXXX)
fail() { echo "record.sh: FAIL: $*" >&2; echo "record.sh: temp dir kept: $TMP" >&2; exit 1; }
mkdir -p "$TMP/bin" "$TMP/scn" "$TMP/out" "$TMP/work"

# 1. build every program natively as the course does (message_slot.h: the copy here, the same as
#    module-c/message_slot.h, which the oracle builds the module with); no warnings
CFLAGS=(-O3 -Wall -std=c11 -static -s)
for c in "$HERE"/*.c; do
	p=$(basename "$c" .c)
	if ! gcc "${CFLAGS[@]}" -o "$TMP/bin/$p" "$c" >"$TMP/$p.log" 2>&1 || [ -s "$TMP/$p.log" ]; then
		cat "$TMP/$p.log" >&2
		fail "gcc ${CFLAGS[*]} $p.c failed or warned"
	fi
done

# 2. one scenario: unpack the programs into /tmp of the VM, then every line of cases.txt
node "$HERE/record.mjs" gen "$HERE/cases.txt" "$TMP/bin" "$TMP/scn/$NAME.scn"
gcc -DSCNRUN_DEFAULT_CMD -o "$TMP/scnrun" "$ORACLE/runner/scnrun.c"
"$TMP/scnrun" --check "$TMP/scn/$NAME.scn" || fail "scnrun --check rejected the scenario"

# 3. run it on real Linux
if ! ORACLE_WORK="$TMP/work" "$ORACLE/run-oracle.sh" "$MAIN/module-c" "$TMP/scn" "$TMP/out" >"$TMP/oracle.log" 2>&1; then
	cat "$TMP/oracle.log" >&2
	fail "run-oracle.sh failed"
fi
grep -q '^run-oracle: OK' "$TMP/oracle.log" || { cat "$TMP/oracle.log" >&2; fail "no 'run-oracle: OK'"; }

# 4. parse the records; install the results only now
INFO=$(node "$HERE/record.mjs" parse "$HERE/cases.txt" "$TMP/bin" "$TMP/out" "$NAME" "$TMP/expected.json")
{
	cat "$TMP/out/summary.txt"
	echo
	echo "record.sh:"
	echo "  recorded: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "  programs built with: gcc ${CFLAGS[*]} ($(gcc --version | head -n 1)), no warnings"
	echo "  $(grep '^run-oracle: OK' "$TMP/oracle.log")"
	echo "  $INFO"
	echo "  cases: $(grep -c '^  {' "$TMP/expected.json")"
} >"$TMP/summary.txt"
cp "$TMP/expected.json" "$HERE/expected.json"
cp "$TMP/summary.txt" "$HERE/summary.txt"
echo "record.sh: OK: $(grep -c '^  {' "$HERE/expected.json") cases in $HERE/expected.json" >&2
if [ "${KEEP:-0}" = 1 ]; then echo "record.sh: temp dir kept: $TMP" >&2; else rm -rf "$TMP"; fi
