"""pith over a Dask cluster: one task per WARC, one shard per WARC.

    python -m pith.dask --workers 8 --output out/ crawl/*.warc.gz
    python -m pith.dask --scheduler tcp://head:8786 --output out/ --dedup crawl/*.warc.gz

Every WARC becomes out/<name>.jsonl.gz holding the lines `pith warc` writes
for it (one JSON record per page, in archive order). A shard is written to a
temporary file and renamed into place when complete, so a shard that exists
is complete: a rerun skips it, and a task that dies (a worker killed, a
node lost) leaves nothing that passes for a shard. Dask reschedules the
tasks of a lost worker; a task that raises is retried (--retries). Each
task's summary (records, written, skipped by reason, damage, seconds) sits
beside its shard (<name>.summary.json) and all of them are gathered into
out/report.json. --dedup then clusters near-duplicate pages across all
shards (pith.Dedup) and writes out/dedup.jsonl: one line per page that
duplicates an earlier one, {"id", "duplicate_of", "cluster_size", "shard"}.

The same from Python: pith.dask.run(warcs, output, client=...).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
import uuid
from typing import Any, Dict, List, Optional, Sequence

import pith

__all__ = ["run", "process_warc", "shard_names", "main"]

_SUFFIXES = (".warc.gz", ".warc.zst", ".warc.zstd", ".warc", ".arc.gz", ".gz", ".zst")


def _stem(path: str) -> str:
    base = os.path.basename(path.rstrip("/")) or "archive"
    for suf in _SUFFIXES:
        if base.endswith(suf) and len(base) > len(suf):
            return base[: -len(suf)]
    return base


def shard_names(warcs: Sequence[str]) -> List[str]:
    """The shard file name of every WARC: <stem>.jsonl.gz, numbered
    (00003-<stem>.jsonl.gz) when two inputs share a stem."""
    stems = [_stem(w) for w in warcs]
    dup = {s for s in stems if stems.count(s) > 1}
    return [f"{i:05d}-{s}.jsonl.gz" if s in dup else f"{s}.jsonl.gz" for i, s in enumerate(stems)]


def _write_atomic(path: str, data: bytes) -> None:
    tmp = f"{path}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def process_warc(warc: str, output: str, shard: str, options: Optional[Dict[str, Any]] = None,
                 level: int = 6) -> Dict[str, Any]:
    """One task: extract warc into output/shard (unless it exists) and
    return the shard's summary. Runs on a worker."""
    options = dict(options or {})
    out = os.path.join(output, shard)
    side = out[: -len(".jsonl.gz")] + ".summary.json" if out.endswith(".jsonl.gz") else out + ".summary.json"
    if os.path.exists(out):
        try:
            with open(side, "rb") as f:
                s = json.load(f)
        except (OSError, ValueError):
            s = {"warc": warc, "shard": shard}
        s["skipped_existing"] = True
        return s
    t0 = time.time()
    summary = pith.WarcSummary()
    tmp = f"{out}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        # gzip members of about 1 MiB of lines each, as `pith warc -o x.gz`
        with open(tmp, "wb") as raw:
            batch: List[bytes] = []
            size = 0
            for line in pith.iter_warc_lines(warc, summary=summary, **options):
                batch.append(line)
                size += len(line)
                if size >= (1 << 20):
                    raw.write(gzip.compress(b"".join(batch), compresslevel=level))
                    batch, size = [], 0
            if batch:
                raw.write(gzip.compress(b"".join(batch), compresslevel=level))
            raw.flush()
            os.fsync(raw.fileno())
        s = summary.as_dict()
        s.update({"warc": warc, "shard": shard, "seconds": round(time.time() - t0, 3),
                  "worker_pid": os.getpid(), "skipped_existing": False})
        _write_atomic(side, json.dumps(s, sort_keys=True).encode())
        os.replace(tmp, out)  # the shard exists only when complete
        return s
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _dedup(output: str, shards: Sequence[str]) -> Dict[str, Any]:
    d = pith.Dedup()
    where: List[str] = []
    for sh in shards:
        p = os.path.join(output, sh)
        if not os.path.exists(p):
            continue
        with gzip.open(p, "rb") as f:
            for line in f:
                rec = json.loads(line)
                d.add(rec.get("text") or "", rec.get("id"))
                where.append(sh)
    dups = 0
    lines = []
    for i in range(len(d)):
        first = d.cluster_of(i)
        if first != i:
            dups += 1
            lines.append(json.dumps({"id": d._ids[i], "duplicate_of": d._ids[first],
                                     "cluster_size": d.cluster_size(i), "shard": where[i]}) + "\n")
    _write_atomic(os.path.join(output, "dedup.jsonl"), "".join(lines).encode())
    return {"documents": len(d), "duplicates": dups,
            "clusters": len(d.clusters()), "file": "dedup.jsonl"}


def run(warcs: Sequence[str], output: str, client: Any = None, *, retries: int = 2,
        dedup: bool = False, options: Optional[Dict[str, Any]] = None, level: int = 6,
        progress: bool = False) -> Dict[str, Any]:
    """Extract warcs into output/ on a Dask cluster (client: a
    distributed.Client; None = the current default client). Returns the
    report (also written to output/report.json)."""
    from distributed import as_completed, get_client

    if client is None:
        client = get_client()
    os.makedirs(output, exist_ok=True)
    names = shard_names(warcs)
    t0 = time.time()
    futs = {}
    for w, n in zip(warcs, names):
        f = client.submit(process_warc, w, output, n, options, level, retries=retries, pure=False,
                          key=f"pith-{n}-{uuid.uuid4().hex[:6]}")
        futs[f] = (w, n)
    done: Dict[str, Dict[str, Any]] = {}
    failed: List[Dict[str, Any]] = []
    for f in as_completed(list(futs)):
        w, n = futs[f]
        try:
            done[n] = f.result()
        except Exception as e:  # retries exhausted
            failed.append({"warc": w, "shard": n, "error": f"{type(e).__name__}: {e}"})
        if progress:
            print(f"pith.dask: {len(done) + len(failed)}/{len(futs)} {n}", file=sys.stderr)
    # what killed workers left behind (nothing writes now: every task is over)
    for f in os.listdir(output):
        if ".tmp-" in f and any(f.startswith(n + ".tmp-") or f.startswith(n[: -len(".jsonl.gz")] + ".summary.json.tmp-")
                                for n in names):
            try:
                os.unlink(os.path.join(output, f))
            except OSError:
                pass
    shards = [done[n] for n in names if n in done]
    totals: Dict[str, Any] = {"records": 0, "written": 0, "skipped": 0, "failed_records": 0,
                              "damage_reports": 0, "skipped_by_reason": {}}
    for s in shards:
        totals["records"] += s.get("records", 0)
        totals["written"] += s.get("written", 0)
        totals["skipped"] += s.get("skipped", 0)
        totals["failed_records"] += s.get("failed", 0)
        totals["damage_reports"] += len(s.get("damage", []))
        for k, v in (s.get("skipped_by_reason") or {}).items():
            totals["skipped_by_reason"][k] = totals["skipped_by_reason"].get(k, 0) + v
    report = {
        "warcs": len(warcs),
        "shards_written": sum(1 for s in shards if not s.get("skipped_existing")),
        "shards_existing": sum(1 for s in shards if s.get("skipped_existing")),
        "shards_failed": len(failed),
        "failed": failed,
        "totals": totals,
        "seconds": round(time.time() - t0, 3),
        "shards": shards,
    }
    if dedup:
        report["dedup"] = _dedup(output, names)
    _write_atomic(os.path.join(output, "report.json"),
                  json.dumps(report, indent=1, sort_keys=True).encode())
    return report


def _statuses(s: str) -> List[int]:
    out = []
    for part in s.split(","):
        part = part.strip().lower()
        if len(part) == 3 and part.endswith("xx") and part[0].isdigit():
            out.append(int(part[0]))
        elif part:
            out.append(int(part))
    return out


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pith.dask",
                                 description="Extract WARC archives into one JSONL shard each "
                                             "on a Dask cluster.")
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDR",
                       help="address of a running scheduler (tcp://host:8786)")
    where.add_argument("--workers", type=int, metavar="N",
                       help="start a local cluster of N worker processes (default: CPUs)")
    ap.add_argument("--output", "-o", required=True, metavar="DIR")
    ap.add_argument("--retries", type=int, default=2, help="retries of a failed task (default 2)")
    ap.add_argument("--dedup", action="store_true", help="cluster near-duplicates across shards")
    ap.add_argument("--status", default=None, help="HTTP statuses to extract (200,203 or 2xx)")
    ap.add_argument("--lang", default=None, help="keep pages in these languages (en,de)")
    ap.add_argument("--min-length", type=int, default=0)
    ap.add_argument("--keep-damaged", action="store_true")
    ap.add_argument("--no-verify-digests", action="store_true")
    ap.add_argument("--source", default="pith", help='the "source" of every line')
    ap.add_argument("--max-payload", type=int, default=0, help="bytes (default 16 MiB)")
    ap.add_argument("--timeout", type=float, default=0, help="seconds per page")
    ap.add_argument("--comments", action="store_true")
    ap.add_argument("--no-tables", action="store_true")
    ap.add_argument("--recall", action="store_true")
    ap.add_argument("--precision", action="store_true")
    ap.add_argument("--level", type=int, default=6, help="gzip level of the shards")
    ap.add_argument("--quiet", "-q", action="store_true")
    ap.add_argument("warcs", nargs="+", metavar="WARC")
    a = ap.parse_args(argv)

    opts: Dict[str, Any] = {"source_name": a.source}
    if a.status:
        opts["statuses"] = _statuses(a.status)
    if a.lang:
        opts["langs"] = [l.strip() for l in a.lang.split(",") if l.strip()]
    if a.min_length:
        opts["min_length"] = a.min_length
    if a.keep_damaged:
        opts["keep_damaged"] = True
    if a.no_verify_digests:
        opts["verify_digests"] = False
    if a.max_payload:
        opts["max_payload"] = a.max_payload
    if a.timeout:
        opts["time_budget"] = a.timeout
    for flag in ("comments", "no_tables", "recall", "precision"):
        if getattr(a, flag):
            opts[flag] = True

    from distributed import Client, LocalCluster

    cluster = None
    if a.scheduler:
        client = Client(a.scheduler)
    else:
        n = a.workers or os.cpu_count() or 1
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        report = run(a.warcs, a.output, client, retries=a.retries, dedup=a.dedup, options=opts,
                     level=a.level, progress=not a.quiet)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    brief = {k: report[k] for k in ("warcs", "shards_written", "shards_existing",
                                    "shards_failed", "seconds")}
    brief.update({k: report["totals"][k] for k in ("records", "written", "skipped")})
    if "dedup" in report:
        brief["duplicates"] = report["dedup"]["duplicates"]
    print(json.dumps(brief), file=sys.stderr)
    return 1 if report["shards_failed"] else 0


if __name__ == "__main__":
    # run as pith.dask, not __main__: the tasks then refer to
    # pith.dask.process_warc by name on the workers
    from pith.dask import main as _main

    sys.exit(_main())
