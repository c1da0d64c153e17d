"""pith.extract gives the record `pith extract -f jsonl` gives, on every page
of the shared dev sets (skipped when they are absent)."""
import glob
import json
import os
import subprocess

import pytest

import pith
from conftest import SHARED

SETS = sorted(glob.glob(os.path.join(SHARED, "data", "*", "html")))


@pytest.mark.skipif(not SETS, reason="shared/bench/data absent")
@pytest.mark.parametrize("html_dir", SETS, ids=[s.split(os.sep)[-2] for s in SETS])
def test_same_record_as_cli(pith_cli, html_dir):
    files = sorted(os.path.join(html_dir, f) for f in os.listdir(html_dir))
    assert files
    x = pith.Extractor()
    diffs = []
    for k in range(0, len(files), 200):
        batch = files[k:k + 200]
        r = subprocess.run([pith_cli, "extract", "-q", "-f", "jsonl", *batch],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        cli = {}
        for line in r.stdout.splitlines():
            j = json.loads(line)
            cli[j["id"]] = j
        for f in batch:
            with open(f, "rb") as fh:
                data = fh.read()
            ce = "gzip" if f.endswith(".gz") else None
            try:
                got = x.extract(data, content_encoding=ce, id=f)
            except pith.PithError as e:
                got = None
                assert f not in cli or not cli[f]["text"], (f, e)
                continue
            if got != cli.get(f):
                diffs.append(f)
    assert not diffs, diffs[:5]
