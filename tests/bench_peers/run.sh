#!/bin/sh
# run.sh BUILD_DIR SRC_DIR - smoke test of `make bench-peers`'s driver: three
# pages of one set through pith (CLI and in process), libxml2's bare parse
# and html-text, one round, report into a scratch directory; check.py then
# checks what it wrote. html-text alone (and its two dependencies, at the
# versions bench/peers/requirements.txt pins) goes into a venv under the
# build tree. Skipped (77) without the shared bench data, or when the venv
# cannot be made (no python3-venv, no PyPI).
B=$1 S=$2
PY=${PITH_PYTHON:-python3}
[ -f "$S/../shared/bench/score.py" ] || { echo "run.sh: no ../shared/bench: skipped"; exit 77; }
VENV="$B/venv-bench-smoke"
pins=$(grep -E '^(html-text|lxml|lxml_html_clean)==' "$S/bench/peers/requirements.txt")
stamp="$VENV/.pins"
if [ "$(cat "$stamp" 2>/dev/null)" != "$pins" ]; then
  rm -rf "$VENV"
  # shellcheck disable=SC2086  # one argument per pin
  if ! "$PY" -m venv "$VENV" ||
     ! "$VENV/bin/python" -m pip install -q --disable-pip-version-check $pins; then
    echo "run.sh: could not make $VENV with $pins: skipped" >&2
    rm -rf "$VENV"
    exit 77
  fi
  printf '%s\n' "$pins" > "$stamp"
fi
OUT=$(mktemp -d "${TMPDIR:-/tmp}/bench-peers-smoke.XXXXXX") || exit 1
trap 'rm -rf "$OUT"' EXIT
"$VENV/bin/python" "$S/bench/peers/run_peers.py" --pith "$B/pith" --pith-lib "$B/pith_lib" \
  --libxml2 "$B/parse_libxml2" --python "$VENV/bin/python" --shared "$S/../shared" \
  --out "$OUT/run" --report-dir "$OUT/docs" --rounds 1 --limit 3 --sets scrapinghub \
  --systems pith,pith-lib,html-text,libxml2-tree,trafilatura --command "smoke test" || {
  echo "run.sh: run_peers.py failed" >&2; exit 1; }
exec "$VENV/bin/python" "$S/tests/bench_peers/check.py" "$OUT" "$S/../shared/bench/data/scrapinghub"
