#!/usr/bin/env bash
# warc_bench.sh - end-to-end speed and memory of `pith warc` on a synthetic
# Common-Crawl-like WARC.gz built from the bench pages.
#
#   bench/warc_bench.sh [--size 1G] [--jobs "1 2"] [--pith PATH] [--pages DIR] [--work DIR]
#
# Builds pith (Release, in build/) unless --pith is given; writes the archive
# once to $PITH_BENCH_DIR (default /tmp/pith-bench, never the repository:
# bench/warc_gen.py, ~1 GB of gzip, ~5 GB uncompressed); then runs
# `pith warc -j N` for each N and reports pages/s, MB/s (compressed and
# uncompressed), peak RSS, the share of time spent in gzip, WARC/HTTP
# parsing, extraction, rendering and output, and whether the outputs of all
# job counts are byte-identical. Results also go to $WORK/warc_bench.json.
# Targets (issue 4): >= 300 pages/s per core end to end; peak RSS <= 128 MB
# with --jobs 2.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIZE=1G
JOBS="1 2"
PITH=""
PAGES=""
WORK=${PITH_BENCH_DIR:-/tmp/pith-bench}
PYTHON=${PYTHON:-python3}

while [ $# -gt 0 ]; do
  case "$1" in
    --size) SIZE=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    --pith) PITH=$2; shift 2 ;;
    --pages) PAGES=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "warc_bench: unknown argument $1" >&2; exit 2 ;;
  esac
done

if [ -z "$PAGES" ]; then
  for d in "$ROOT/../shared/bench/data/scrapinghub/html" /work/shared/bench/data/scrapinghub/html; do
    if [ -d "$d" ]; then PAGES=$d; break; fi
  done
fi
if [ -z "$PAGES" ] || [ ! -d "$PAGES" ]; then
  echo "warc_bench: no bench pages (../shared/bench/data/scrapinghub/html); skipped" >&2
  exit 0
fi

if [ -z "$PITH" ]; then
  cmake -S "$ROOT" -B "$ROOT/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$ROOT/build" --target pith -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
  PITH=$ROOT/build/pith
fi

mkdir -p "$WORK"
WARC=$WORK/synthetic-$SIZE.warc.gz
if [ ! -s "$WARC" ]; then
  "$PYTHON" "$ROOT/bench/warc_gen.py" --pages "$PAGES" --out "$WARC" --size "$SIZE"
fi

exec "$PYTHON" - "$PITH" "$WARC" "$WORK" $JOBS <<'EOF'
import json, os, resource, subprocess, sys, time

pith, warc, work = sys.argv[1:4]
jobs = [int(j) for j in sys.argv[4:]]
ncpu = os.cpu_count() or 1
results = []
outputs = []
for j in jobs:
    out = os.path.join(work, "out-j%d.jsonl" % j)
    # a fresh child per run, so RUSAGE_CHILDREN's max RSS is this run's
    code = (
        "import resource,subprocess,sys,time\n"
        "t=time.time()\n"
        "p=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE)\n"
        "w=time.time()-t\n"
        "r=resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "sys.stdout.write('%f %d %f %d\\n'%(w,r.ru_maxrss,r.ru_utime+r.ru_stime,p.returncode))\n"
        "sys.stdout.write(p.stderr.decode('utf-8','replace'))\n"
    )
    p = subprocess.run([sys.executable, "-c", code, pith, "warc", "-q", "--no-progress",
                        "-j", str(j), warc, "-o", out], capture_output=True, text=True)
    first, rest = p.stdout.split("\n", 1)
    wall, rss_kb, cpu, rc = first.split()
    summary = json.loads([l for l in rest.splitlines() if l.startswith("{")][-1])
    t = summary["time"]
    total = sum(t.values()) or 1.0
    cores = min(j, ncpu)
    r = {
        "jobs": j,
        "exit": int(rc),
        "seconds": float(wall),
        "cpu_seconds": float(cpu),
        "pages": summary["written"],
        "records": summary["records"],
        "pages_per_sec": summary["written"] / float(wall),
        "pages_per_sec_per_core": summary["written"] / float(wall) / cores,
        "mb_per_sec": summary["bytes_read"] / 1e6 / float(wall),
        "mb_per_sec_uncompressed": summary["bytes_uncompressed"] / 1e6 / float(wall),
        "peak_rss_mb": int(rss_kb) / 1024.0,
        "share": {k: v / total for k, v in t.items()},
        "phase_seconds": t,
        "skipped_by_reason": summary["skipped_by_reason"],
    }
    results.append(r)
    outputs.append(out)

same = True
if len(outputs) > 1:
    ref = open(outputs[0], "rb").read()
    for o in outputs[1:]:
        same = same and open(o, "rb").read() == ref

size = os.path.getsize(warc)
print("pith warc benchmark: %s (%.0f MB gzip), %d CPUs" % (warc, size / 1e6, ncpu))
print("%4s %8s %7s %9s %14s %8s %9s %8s  %s" % ("jobs", "seconds", "pages", "pages/s",
      "pages/s/core", "MB/s gz", "MB/s raw", "RSS MB", "time share: gzip parse extract render output"))
for r in results:
    s = r["share"]
    print("%4d %8.1f %7d %9.1f %14.1f %8.1f %9.1f %8.1f  %4.0f%% %4.0f%% %6.0f%% %5.0f%% %5.0f%%" % (
        r["jobs"], r["seconds"], r["pages"], r["pages_per_sec"], r["pages_per_sec_per_core"],
        r["mb_per_sec"], r["mb_per_sec_uncompressed"], r["peak_rss_mb"],
        100 * s.get("gzip", 0), 100 * s.get("parse", 0), 100 * s.get("extract", 0),
        100 * s.get("render", 0), 100 * s.get("output", 0)))
print("outputs of all job counts byte-identical: %s" % ("yes" if same else "NO"))
ok_speed = all(r["pages_per_sec_per_core"] >= 300 for r in results)
j2 = [r for r in results if r["jobs"] == 2]
ok_rss = all(r["peak_rss_mb"] <= 128 for r in j2)
print("targets: >= 300 pages/s per core: %s; peak RSS <= 128 MB with --jobs 2: %s" % (
    "met" if ok_speed else "NOT met", ("met" if ok_rss else "NOT met") if j2 else "not run"))
with open(os.path.join(work, "warc_bench.json"), "w") as f:
    json.dump({"warc": warc, "bytes": size, "cpus": ncpu, "identical": same, "runs": results}, f,
              indent=1)
sys.exit(0 if same else 1)
EOF
