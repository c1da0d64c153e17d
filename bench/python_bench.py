"""python_bench.py - the pith package against the CLI, and Dask on 1 vs 2 workers.

    PYTHONPATH=build/python build/venv-tests/bin/python bench/python_bench.py \
        --pith build/pith --pages ../shared/bench/data/scrapinghub/html

1. pages/s of pith.Extractor (one thread, dict per page) against
   `pith extract -f jsonl` on one core over the same pages (best of --repeat);
2. python -m pith.dask over --warcs N archives made from the pages
   (bench/warc_gen.py's layout) on a LocalCluster of 1 and of 2 workers;
3. with trafilatura importable: datatrove's Trafilatura step against
   pith.datatrove.PithExtractor on the same pages, pages/s side by side.
Prints one JSON object.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time


def best(fn, n):
    t = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        t.append(time.perf_counter() - t0)
    return min(t)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pith", default="build/pith")
    ap.add_argument("--pages", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--warcs", type=int, default=8)
    ap.add_argument("--warc-size", default="8M")
    ap.add_argument("--no-dask", action="store_true")
    a = ap.parse_args()
    import pith

    files = sorted(os.path.join(a.pages, f) for f in os.listdir(a.pages))
    pages = [open(f, "rb").read() for f in files]
    out = {"pages": len(pages)}

    def cli():
        subprocess.run([a.pith, "extract", "-q", "-f", "jsonl", "-j", "1", *files],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    x = pith.Extractor()

    def py():
        for f in files:
            with open(f, "rb") as fh:
                try:
                    x.extract(fh.read(), id=f)
                except pith.PithError:
                    pass

    tc, tp = best(cli, a.repeat), best(py, a.repeat)
    out["cli_pages_per_sec"] = round(len(files) / tc, 1)
    out["python_pages_per_sec"] = round(len(files) / tp, 1)
    out["python_vs_cli"] = round(tc / tp, 3)

    if not a.no_dask:
        from distributed import Client, LocalCluster
        import pith.dask as pdask

        here = os.path.dirname(os.path.abspath(__file__))
        with tempfile.TemporaryDirectory() as d:
            warcs = []
            for i in range(a.warcs):
                w = os.path.join(d, f"w{i:02d}.warc.gz")
                subprocess.run([sys.executable, os.path.join(here, "warc_gen.py"), "--pages",
                                a.pages, "--out", w, "--size", a.warc_size, "--seed", str(i + 1)],
                               check=True, stdout=subprocess.DEVNULL)
                warcs.append(w)
            for n in (1, 2):
                c = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                 dashboard_address=None)
                cl = Client(c)
                t0 = time.perf_counter()
                rep = pdask.run(warcs, os.path.join(d, f"out{n}"), cl)
                out[f"dask_{n}_workers_sec"] = round(time.perf_counter() - t0, 2)
                out[f"dask_{n}_workers_pages"] = rep["totals"]["written"]
                cl.close()
                c.close()
            out["dask_speedup_2_vs_1"] = round(out["dask_1_workers_sec"] / out["dask_2_workers_sec"], 2)

    try:
        import trafilatura  # noqa: F401
        from datatrove.data import Document
        from datatrove.pipeline.extractors import Trafilatura
        from pith.datatrove import PithExtractor

        texts = [p.decode("utf-8", "replace") for p in pages]
        for name, step in (("trafilatura", Trafilatura(timeout=5)), ("pith", PithExtractor())):
            docs = [Document(text=t, id=str(i)) for i, t in enumerate(texts)]
            t0 = time.perf_counter()
            n = sum(1 for _ in step.run(iter(docs)))
            out[f"datatrove_{name}_pages_per_sec"] = round(len(docs) / (time.perf_counter() - t0), 1)
            out[f"datatrove_{name}_kept"] = n
    except ImportError:
        out["datatrove_trafilatura"] = "trafilatura not installed"
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
