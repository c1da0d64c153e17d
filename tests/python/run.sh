#!/bin/sh
# run.sh PITH VENV TESTSDIR - the Python-side tests: records pith writes are
# read by the corpus tools' own readers (datatrove's JsonlReader) as they are.
# Creates VENV (under the build tree) from requirements.txt on first use.
# Without PyPI: skipped (exit 77) on a workstation, a failure under CI=true.
PITH=$1 VENV=$2 T=$3
HERE=$(dirname "$0")
PY=${PITH_PYTHON:-python3}
stamp="$VENV/.pith-requirements"
if ! cmp -s "$HERE/requirements.txt" "$stamp" 2>/dev/null; then
  rm -rf "$VENV"
  if ! "$PY" -m venv "$VENV" ||
     ! "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$HERE/requirements.txt"; then
    echo "run.sh: could not install $HERE/requirements.txt into $VENV" >&2
    rm -rf "$VENV"
    [ "${CI:-}" = true ] && exit 1
    exit 77
  fi
  cp "$HERE/requirements.txt" "$stamp"
fi
exec "$VENV/bin/python" "$HERE/test_readers.py" "$PITH" "$T"
