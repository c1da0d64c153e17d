"""python -m pith.dask: one task per WARC on a LocalCluster of 2 worker
processes; every shard holds what `pith warc` writes for its WARC (records
compared by id and text), also when a worker is killed mid-run; complete
shards are skipped on a rerun; a failing task is retried and reported."""
import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

distributed = pytest.importorskip("distributed")
from distributed import Client, LocalCluster  # noqa: E402

import pith.dask as pdask  # noqa: E402
from conftest import cli_warc_lines, read_shard, write_warc  # noqa: E402


def _key(lines):
    return [(j["id"], j["text"]) for j in map(json.loads, lines)]


@pytest.fixture(scope="module")
def cluster():
    c = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(c)
    yield client
    client.close()
    c.close()


@pytest.fixture(scope="module")
def warcs(tmp_path_factory):
    d = tmp_path_factory.mktemp("dask-warcs")
    paths = []
    for i in range(8):
        p = d / f"part-{i:02d}.warc.gz"
        write_warc(p, 30 + 5 * i, seed=100 + i)
        paths.append(str(p))
    return paths


@pytest.fixture(scope="module")
def big_warcs(tmp_path_factory):
    """Bigger archives, so that a worker is killed while tasks are running."""
    d = tmp_path_factory.mktemp("dask-big")
    paths = []
    for i in range(6):
        p = d / f"big-{i:02d}.warc.gz"
        write_warc(p, 250, seed=200 + i)
        paths.append(str(p))
    return paths


def _check_shards(pith_cli, warcs, out):
    names = pdask.shard_names(warcs)
    for w, n in zip(warcs, names):
        got = read_shard(os.path.join(out, n))
        want = cli_warc_lines(pith_cli, w)
        assert want and _key(got) == _key(want), n
        assert got == want, n  # byte for byte, in fact


def test_shards_equal_cli_and_rerun_skips(pith_cli, cluster, warcs, tmp_path):
    out = str(tmp_path / "out")
    rep = pdask.run(warcs, out, cluster, dedup=True)
    assert rep["shards_written"] == 8 and rep["shards_failed"] == 0
    _check_shards(pith_cli, warcs, out)
    with open(os.path.join(out, "report.json")) as f:
        assert json.load(f)["totals"] == rep["totals"]
    assert rep["totals"]["records"] == rep["totals"]["written"] + rep["totals"]["skipped"]
    # two worker processes, none of them the client
    assert len(cluster.scheduler_info()["workers"]) == 2
    assert os.getpid() not in {s["worker_pid"] for s in rep["shards"]}
    # the generated WARCs share their article texts' generator seeds across
    # files only by chance: dedup ran over every shard
    assert rep["dedup"]["documents"] == rep["totals"]["written"]
    rep2 = pdask.run(warcs, out, cluster)
    assert rep2["shards_existing"] == 8 and rep2["shards_written"] == 0
    assert rep2["totals"] == rep["totals"]
    # a missing shard (and only it) is made again
    os.unlink(os.path.join(out, pdask.shard_names(warcs)[3]))
    rep3 = pdask.run(warcs, out, cluster)
    assert rep3["shards_written"] == 1 and rep3["shards_existing"] == 7
    _check_shards(pith_cli, warcs, out)


def test_failed_task_is_reported(cluster, warcs, tmp_path):
    out = str(tmp_path / "out")
    rep = pdask.run(warcs[:2] + [str(tmp_path / "missing.warc.gz")], out, cluster, retries=1)
    assert rep["shards_written"] == 2 and rep["shards_failed"] == 1
    assert "missing.warc.gz" in rep["failed"][0]["error"]
    assert not os.path.exists(os.path.join(out, "missing.jsonl.gz"))
    assert not [f for f in os.listdir(out) if ".tmp-" in f]


def test_worker_killed_mid_run(pith_cli, big_warcs, tmp_path):
    warcs = big_warcs
    out = str(tmp_path / "out")
    c = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(c)
    try:
        pids = client.run(os.getpid)
        result = {}

        def go():
            result["rep"] = pdask.run(warcs, out, client)

        t = threading.Thread(target=go)
        t.start()
        # kill one worker once the first shard is there
        deadline = time.time() + 120
        while time.time() < deadline and not any(f.endswith(".jsonl.gz") for f in
                                                 (os.listdir(out) if os.path.isdir(out) else [])):
            time.sleep(0.05)
        victim = sorted(pids.values())[0]
        done_before = len([f for f in os.listdir(out) if f.endswith(".jsonl.gz")])
        os.kill(victim, signal.SIGKILL)
        t.join(300)
        assert not t.is_alive()
        rep = result["rep"]
        assert rep["shards_failed"] == 0
        assert done_before < len(warcs)  # the kill came while tasks were left
        _check_shards(pith_cli, warcs, out)
        assert not [f for f in os.listdir(out) if ".tmp-" in f]
    finally:
        client.close()
        c.close()


def test_command_line(pith_cli, warcs, tmp_path):
    out = tmp_path / "cli-out"
    env = dict(os.environ)
    r = subprocess.run([sys.executable, "-m", "pith.dask", "--workers", "2", "--output", str(out),
                        "-q", *warcs[:3]], stderr=subprocess.PIPE, env=env, timeout=300)
    assert r.returncode == 0, r.stderr.decode()[-2000:]
    brief = json.loads(r.stderr.decode().strip().splitlines()[-1])
    assert brief["shards_written"] == 3
    _check_shards(pith_cli, warcs[:3], str(out))
