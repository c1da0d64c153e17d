#!/bin/sh
# run.sh PITH VENV TESTSDIR - the Python-side tests: records pith writes are
# read by the corpus tools' own readers (datatrove's JsonlReader) as they are.
# Creates VENV (under the build tree) from requirements.txt on first use.
# Without PyPI: skipped (exit 77) on a workstation, a failure under CI=true.
PITH=$1 VENV=$2 T=$3
HERE=$(dirname "$0")
. "$HERE/venv.sh"
exec "$VENV/bin/python" "$HERE/test_readers.py" "$PITH" "$T"
