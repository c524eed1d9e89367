#!/bin/bash
# record.sh - record, on real Linux 6.1 with the oracle, what the reference user
# programs module-c/message_sender.c and message_reader.c print (stdout bytes, stderr,
# exit status) for every case of cases.txt. Writes expected.json and summary.txt next
# to this script, and only when everything worked. See README.md.
#
#   conformance/programs/record.sh
#
# Environment: ORACLE_DIR (default /work/shared/oracle), KEEP=1 keeps the temp dir.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MAIN=$(cd "$HERE/../.." && pwd)
ORACLE=${ORACLE_DIR:-/work/shared/oracle}
NAME=programs
TMP=$(mktemp -d /tmp/msgslot-programs.XXXXXX)
fail() { echo "record.sh: FAIL: $*" >&2; echo "record.sh: temp dir kept: $TMP" >&2; exit 1; }
trap 'echo "record.sh: temp dir: $TMP" >&2' ERR
mkdir -p "$TMP/bin" "$TMP/scn" "$TMP/out" "$TMP/work"

# 1. build the programs natively, exactly as the course requires; no warnings allowed
CFLAGS=(-O3 -Wall -std=c11 -static -s)
for p in message_sender message_reader; do
	if ! gcc "${CFLAGS[@]}" -o "$TMP/bin/$p" "$MAIN/module-c/$p.c" >"$TMP/bin/$p.log" 2>&1; then
		cat "$TMP/bin/$p.log" >&2
		fail "gcc ${CFLAGS[*]} $p.c failed"
	fi
	if [ -s "$TMP/bin/$p.log" ]; then
		cat "$TMP/bin/$p.log" >&2
		fail "gcc ${CFLAGS[*]} $p.c printed warnings"
	fi
done

# 2. one scenario: unpack both binaries into /tmp of the VM, then every line of cases.txt
node "$HERE/record.mjs" gen "$HERE/cases.txt" "$TMP/bin/message_sender" "$TMP/bin/message_reader" "$TMP/scn/$NAME.scn"
gcc -DSCNRUN_DEFAULT_CMD -o "$TMP/scnrun" "$ORACLE/runner/scnrun.c"
"$TMP/scnrun" --check "$TMP/scn/$NAME.scn" || fail "scnrun --check rejected the scenario"

# 3. run it on real Linux
echo "record.sh: running the oracle (about 20 s)" >&2
if ! ORACLE_WORK="$TMP/work" "$ORACLE/run-oracle.sh" "$MAIN/module-c" "$TMP/scn" "$TMP/out" >"$TMP/oracle.log" 2>&1; then
	cat "$TMP/oracle.log" >&2
	fail "run-oracle.sh failed"
fi
grep -q '^run-oracle: OK' "$TMP/oracle.log" || { cat "$TMP/oracle.log" >&2; fail "no 'run-oracle: OK'"; }
grep '^run-oracle: OK' "$TMP/oracle.log" >&2

# 4. parse the records; install the results only now
INFO=$(node "$HERE/record.mjs" parse "$HERE/cases.txt" "$TMP/bin/message_sender" "$TMP/bin/message_reader" \
	"$TMP/out" "$NAME" "$TMP/expected.json")
{
	cat "$TMP/out/summary.txt"
	echo
	echo "record.sh:"
	echo "  recorded: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "  programs built with: gcc ${CFLAGS[*]} ($(gcc --version | head -n 1)), no warnings"
	echo "  $(grep '^run-oracle: OK' "$TMP/oracle.log")"
	node -e 'const i = JSON.parse(process.argv[1]);
		console.log(`  VM kernel (uname -r): ${i.kernel}`);
		console.log(`  VM shell: ${i.busybox}`);
		console.log(`  sha256 message_sender: ${i.message_sender}`);
		console.log(`  sha256 message_reader: ${i.message_reader}`);' "$INFO"
	echo "  cases: $(grep -c '^  {' "$TMP/expected.json")"
} >"$TMP/summary.txt"
cp "$TMP/expected.json" "$HERE/expected.json"
cp "$TMP/summary.txt" "$HERE/summary.txt"
echo "record.sh: OK: $(grep -c '^  {' "$HERE/expected.json") cases in $HERE/expected.json" >&2
if [ "${KEEP:-0}" = 1 ]; then echo "record.sh: temp dir kept: $TMP" >&2; else rm -rf "$TMP"; fi
