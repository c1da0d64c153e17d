"""test_readers.py PITH TESTSDIR - pith's JSONL read by corpus tools as-is.

datatrove's JsonlReader (FineWeb's reader) takes "id" and "text" and puts
every other key into the document's metadata; dolma's documents need "id",
"text" and "source" as strings. Both must hold for the lines of `pith warc`
and of `pith extract -f jsonl`, with the text and id unchanged.
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

PITH, T = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(T, "warc"))
import warcgen  # noqa: E402

from datatrove.pipeline.readers import JsonlReader  # noqa: E402

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def read_raw(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_datatrove(folder):
    reader = JsonlReader(folder, compression=None, glob_pattern="*.jsonl")
    return list(reader.run(data=None, rank=0, world_size=1))


def compare(name, folder, path):
    # datatrove skips documents whose text is empty (pith's records of pages
    # without an article): those are the only lines it may leave out
    raw = [r for r in read_raw(path) if r.get("text")]
    docs = read_datatrove(folder)
    check(len(raw) > 0, "%s: pith wrote no lines" % name)
    check(len(docs) == len(raw), "%s: datatrove read %d of %d lines" % (name, len(docs), len(raw)))
    for r, d in zip(raw, docs):
        check(d.id == r["id"], "%s: id %r became %r" % (name, r["id"], d.id))
        check(d.text == r["text"], "%s: text of %s changed" % (name, r["id"]))
        for key in ("url", "title", "source"):
            if key in r:
                check(d.metadata.get(key) == r[key], "%s: metadata %s of %s" % (name, key, r["id"]))
        # dolma: id, text and source are strings (source names the producer)
        for key in ("id", "text", "source"):
            check(isinstance(r.get(key), str), "%s: %s is not a string in %s" % (name, key, r["id"]))
    return len(raw)


with tempfile.TemporaryDirectory() as tmp:
    # pith warc over generated archives
    arch = os.path.join(tmp, "arch")
    os.makedirs(arch)
    warcgen.write_files(arch)
    warcs = sorted(glob.glob(os.path.join(arch, "clean*.warc*")))[:2] or sorted(
        glob.glob(os.path.join(arch, "*.warc*")))[:1]
    out1 = os.path.join(tmp, "warc")
    os.makedirs(out1)
    p = subprocess.run([PITH, "warc", "-o", os.path.join(out1, "pages.jsonl")] + warcs,
                       capture_output=True, text=True)
    check(p.returncode == 0, "pith warc exit %d: %s" % (p.returncode, p.stderr[-300:]))
    n1 = compare("warc", out1, os.path.join(out1, "pages.jsonl"))

    # a gzip shard (pith writes independent members): datatrove infers the
    # compression from the suffix and reads every member
    out3 = os.path.join(tmp, "warcgz")
    os.makedirs(out3)
    p = subprocess.run([PITH, "warc", "-o", os.path.join(out3, "pages.jsonl.gz")] + warcs,
                       capture_output=True, text=True)
    check(p.returncode == 0, "pith warc -o .gz exit %d" % p.returncode)
    gz = list(JsonlReader(out3, glob_pattern="*.jsonl.gz").run(data=None, rank=0, world_size=1))
    plain = read_datatrove(out1)
    check([(d.id, d.text) for d in gz] == [(d.id, d.text) for d in plain],
          "warc .gz shard: datatrove read %d documents, %d from the plain one" % (len(gz), len(plain)))

    # pith extract -f jsonl over the page fixtures
    pages = sorted(glob.glob(os.path.join(T, "pages", "*", "source.html")))
    out2 = os.path.join(tmp, "extract")
    os.makedirs(out2)
    p = subprocess.run([PITH, "extract", "-f", "jsonl", "-o", os.path.join(out2, "pages.jsonl")] + pages,
                       capture_output=True, text=True)
    check(p.returncode in (0, 1), "pith extract exit %d: %s" % (p.returncode, p.stderr[-300:]))
    n2 = compare("extract", out2, os.path.join(out2, "pages.jsonl"))
    ids = [r["id"] for r in read_raw(os.path.join(out2, "pages.jsonl"))]
    check(len(set(ids)) == len(ids), "extract: ids are not unique across inputs")

print("datatrove JsonlReader: %d warc lines, %d extract lines, %d failures" % (n1, n2, len(failures)))
sys.exit(1 if failures else 0)
