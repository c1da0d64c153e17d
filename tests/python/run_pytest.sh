#!/bin/sh
# run_pytest.sh PITH VENV TESTSDIR PYDIR [PYTEST ARGS] - the pith package's
# tests (tests/python/test_*.py but test_readers.py) under pytest, in the
# venv of run.sh, against the extension CMake built into PYDIR
# (build/python). Without PyPI: skipped (77) unless CI=true.
PITH=$1 VENV=$2 T=$3 PYDIR=$4
shift 4
HERE=$(dirname "$0")
. "$HERE/venv.sh"
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
PITH=$(abs "$PITH") VENV=$(abs "$VENV") T=$(abs "$T") PYDIR=$(abs "$PYDIR")
cd "$HERE" || exit 2
PITH_CLI=$PITH PITH_TESTS=$T PYTHONPATH="$PYDIR${PYTHONPATH:+:$PYTHONPATH}" \
  exec "$VENV/bin/python" -m pytest -q -p no:cacheprovider \
  test_api.py test_pages.py test_datatrove.py test_dask.py test_package.py "$@"
