# venv.sh - sourced by run.sh and run_pytest.sh: make sure $VENV holds
# requirements.txt (created on first use, recreated when the pins change).
# Without PyPI: exit 77 (skip) on a workstation, a failure under CI=true.
HERE=${HERE:-$(dirname "$0")}
PY=${PITH_PYTHON:-python3}
stamp="$VENV/.pith-requirements"
if ! cmp -s "$HERE/requirements.txt" "$stamp" 2>/dev/null; then
  rm -rf "$VENV"
  if ! "$PY" -m venv "$VENV" ||
     ! "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$HERE/requirements.txt"; then
    echo "$(basename "$0"): could not install $HERE/requirements.txt into $VENV" >&2
    rm -rf "$VENV"
    [ "${CI:-}" = true ] && exit 1
    exit 77
  fi
  cp "$HERE/requirements.txt" "$stamp"
fi
