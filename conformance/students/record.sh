#!/usr/bin/env bash
# Record a fixture on real Linux 6.1 with the oracle and keep what it gives in
# FIXTURE/linux/: *.out, summary.txt, dmesg.txt, build.log / header.log when
# present, and run-oracle.sh's stdout+stderr as oracle.log.
#   conformance/students/record.sh FIXTURE...        (names of directories here)
# The fixture's own scenarios/ are used if it has one, else ./scenarios/ (the
# common ones). A fixture with scenarios of its own is also run on the common
# scenarios, into FIXTURE/linux-common/: msgslot grade's crash verdict must be
# Linux's on them. --common records only that (linux/ stays as it is).
# Environment: ORACLE (default /work/shared/oracle/run-oracle.sh or
# ../shared/oracle/run-oracle.sh), ORACLE_WORK (default /tmp/ow-students-$$),
# ORACLE_PREFLIGHT=0 for a module that oopses when unloaded unused (passed on).
set -u
here=$(cd "$(dirname "$0")" && pwd)
oracle=${ORACLE:-}
if [ -z "$oracle" ]; then
	for c in "$here/../../../shared/oracle/run-oracle.sh" /work/shared/oracle/run-oracle.sh; do
		[ -x "$c" ] && { oracle=$c; break; }
	done
fi
[ -n "$oracle" ] || { echo "record.sh: run-oracle.sh not found (set ORACLE)" >&2; exit 2; }
only_common=0
[ "${1:-}" = --common ] && { only_common=1; shift; }
[ $# -gt 0 ] || { echo "usage: record.sh [--common] FIXTURE..." >&2; exit 2; }
export ORACLE_WORK=${ORACLE_WORK:-/tmp/ow-students-$$}
status=0

# record FIXTURE SCENARIO-DIR SUBDIR: one oracle run into FIXTURE/SUBDIR
record() {
	local dir=$here/$1 out rc
	out=$(mktemp -d)
	"$oracle" "$dir/module" "$2" "$out/run" >"$out/oracle.log" 2>&1
	rc=$?
	rm -rf "${dir:?}/$3"
	mkdir -p "$dir/$3"
	cp "$out/oracle.log" "$dir/$3/oracle.log"
	for x in "$out"/run/*.out "$out"/run/summary.txt "$out"/run/dmesg.txt "$out"/run/build.log "$out"/run/header.log; do
		[ -f "$x" ] && cp "$x" "$dir/$3/"
	done
	echo "$1/$3: run-oracle exit $rc; $(grep -h 'run-oracle: \(OK\|FAIL\)' "$dir/$3/oracle.log" | head -1)"
	rm -rf "$out"
}

for f in "$@"; do
	f=${f%/}; f=${f##*/}
	dir=$here/$f
	[ -d "$dir/module" ] || { echo "record.sh: $dir/module not found" >&2; status=2; continue; }
	if [ -d "$dir/scenarios" ]; then
		[ $only_common = 1 ] || record "$f" "$dir/scenarios" linux
		# the crash verdict of `msgslot grade` is Linux's on the common scenarios
		record "$f" "$here/scenarios" linux-common
	elif [ $only_common = 0 ]; then
		record "$f" "$here/scenarios" linux
		rm -rf "$dir/linux-common"
	fi
done
exit $status
