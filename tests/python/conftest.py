"""Fixtures of the pith package tests (pytest, run by tests/python/run_pytest.sh).

PITH_CLI: the pith binary the package is compared with; PITH_TESTS: the
tests/ directory (its warc/warcgen.py writes the archives); the package
itself comes from PYTHONPATH (build/python, where CMake puts the module).
"""
import gzip
import json
import os
import subprocess
import sys

import pytest

TESTS = os.environ.get("PITH_TESTS") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TESTS, "warc"))
import warcgen  # noqa: E402

# the shared data: $PITH_SHARED, else shared/ beside the clone (where CI
# lays it), else /work/shared; tests that need it skip without it
SHARED = os.environ.get("PITH_SHARED") or os.path.abspath(
    os.path.join(TESTS, "..", "..", "shared", "bench"))
if not os.path.isdir(SHARED):
    SHARED = "/work/shared/bench"


@pytest.fixture(scope="session")
def pith_cli():
    p = os.environ.get("PITH_CLI")
    if not p or not os.access(p, os.X_OK):
        pytest.skip("PITH_CLI is not set to the pith binary")
    return p


@pytest.fixture(scope="session")
def warc_dir(tmp_path_factory):
    """warcgen's archives: clean (plain, gzip per record, whole-file gzip)
    and damaged variants, with manifest.json saying what each holds."""
    d = tmp_path_factory.mktemp("warcs")
    warcgen.write_files(str(d))
    with open(d / "manifest.json") as f:
        man = json.load(f)
    return d, man


def write_warc(path, npages, seed, gz=True):
    """A bigger archive: warcgen's record list for npages pages."""
    recs = warcgen.build(npages, seed)
    data = b"".join(warcgen.gz_member(r) if gz else r for r, _ in recs)
    with open(path, "wb") as f:
        f.write(data)
    return [i for _, i in recs]


def cli_warc_lines(pith_cli, path, *args):
    """What `pith warc` writes for path: the list of JSON lines (bytes)."""
    r = subprocess.run([pith_cli, "warc", "-q", *args, str(path), "-o", "-"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert r.returncode in (0, 1), r.stderr.decode()
    return r.stdout.splitlines(keepends=True)


def read_shard(path):
    with gzip.open(path, "rb") as f:
        return f.read().splitlines(keepends=True)
