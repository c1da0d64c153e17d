#!/bin/sh
# run_warc_tests.sh PITH SRCDIR - end-to-end tests of `pith warc`.
#
# PITH: the pith binary; SRCDIR: this directory (tests/warc). The tests
# write their own WARC files (clean, per-record gzip, whole-file gzip and
# each kind of damage) into a temporary directory, and also read the real
# archives in ../shared/bench/warc when that folder exists (set
# PITH_WARC_DIR to point elsewhere; PITH_TEST_GIANT=1 adds the 411 MiB one).
# Prints "N passed, N failed"; exits non-zero on any failure.
set -eu
if [ $# -lt 1 ]; then
  echo "usage: $0 PITH [SRCDIR]" >&2
  exit 2
fi
PITH=$1
SRCDIR=${2:-$(dirname "$0")}
PYTHON=${PYTHON:-python3}
exec "$PYTHON" "$SRCDIR/check_warc.py" "$PITH" "$SRCDIR"
