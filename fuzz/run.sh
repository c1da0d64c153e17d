#!/bin/sh
# run.sh BUILD_DIR SECONDS [TARGET...] - run pith's fuzz targets, one at a
# time, each for SECONDS, from a seed corpus (fuzz/make_seeds.py) plus the
# corpus grown by earlier runs (BUILD_DIR/corpus/<target>, kept between
# runs, never committed). Findings are written to BUILD_DIR/findings/.
# Exits non-zero if any target finds a crash, leak, hang or broken contract.
# Environment: FUZZ_NICE (default 19), FUZZ_ARGS (extra libFuzzer flags),
# FUZZ_KEEP_GOING=1 (long campaigns: fork mode, keep fuzzing after a finding
# and collect every crashing input in BUILD_DIR/findings/).
set -u
B=${1:?usage: run.sh BUILD_DIR SECONDS [TARGET...]}
S=${2:-60}
shift 2 2>/dev/null || shift $#
HERE=$(cd "$(dirname "$0")" && pwd)
PY=$(command -v python3 || echo python3)
[ $# -gt 0 ] || set -- $(cat "$B/targets.txt")
mkdir -p "$B/findings" "$B/logs"
[ -d "$B/seeds" ] || "$PY" "$HERE/make_seeds.py" "$B/seeds" || exit 2
status=0
for t in "$@"; do
  t=${t#fuzz_}
  bin="$B/fuzz_$t"
  if [ ! -x "$bin" ]; then echo "fuzz: $bin not built" >&2; status=1; continue; fi
  case $t in
    extract|charset|html5) dict=html.dict ;;
    jsonld) dict=json.dict ;;
    lines|clean) dict=byline.dict ;;
    gz|warc) dict=warc.dict ;;
    *) dict=$t.dict ;;
  esac
  dictarg=""
  [ -f "$HERE/$dict" ] && dictarg="-dict=$HERE/$dict"
  mkdir -p "$B/corpus/$t" "$B/seeds/$t"
  # replay the inputs of earlier findings first: they must not fail again
  if [ -d "$HERE/regressions/$t" ] && [ -n "$(ls "$HERE/regressions/$t")" ]; then
    if ! "$bin" "$HERE/regressions/$t"/* >"$B/logs/$t.regressions.log" 2>&1; then
      echo "fuzz_$t: a regression input fails again, see $B/logs/$t.regressions.log" >&2
      status=1
    fi
  fi
  log="$B/logs/$t.log"
  keep=""
  [ "${FUZZ_KEEP_GOING:-0}" = 1 ] && keep="-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1"
  before=$(ls "$B/findings" | grep -c "^$t-")
  echo "fuzz_$t: ${S}s (log $log)"
  # shellcheck disable=SC2086
  nice -n "${FUZZ_NICE:-19}" "$bin" -max_total_time="$S" -timeout=10 -rss_limit_mb=2048 \
    -max_len=262144 -print_final_stats=1 -artifact_prefix="$B/findings/$t-" $dictarg $keep \
    ${FUZZ_ARGS:-} "$B/corpus/$t" "$B/seeds/$t" >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  [ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9][0-9]*\).*/\1/p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  after=$(ls "$B/findings" | grep -c "^$t-")
  [ "$after" -gt "$before" ] && rc=${rc:-1} && [ $rc -eq 0 ] && rc=1
  if [ $rc -ne 0 ]; then
    echo "fuzz_$t: FINDING (exit $rc), see $log and $B/findings/" >&2
    grep -m3 -E 'ERROR|contract|SUMMARY' "$log" >&2
    status=1
  fi
  echo "fuzz_$t: ${S}s, ${execs:-?} execs, ${cov:-cov ?}, $((after - before)) new findings, exit $rc"
done
exit $status
