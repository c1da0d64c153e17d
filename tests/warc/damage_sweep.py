"""damage_sweep.py - nothing intact is lost when one header lies.

    python3 damage_sweep.py PITH [WARC_DIR]

Takes a few small real archives (plain and per-record gzip) from
WARC_DIR (default $PITH_WARC_DIR, ../../shared/bench/warc or
/work/shared/bench/warc; skipped with
exit 0 when absent) and, for every record, writes mutants: its
Content-Length -1, +1, -10, +10, x10, +100000, and one stray byte in front
of its version line. In gzip files the mutated record is re-compressed as
its own member, as in the original layout. Each mutant is read with
`pith warc --list`; every record other than the mutated one must come out
undamaged (same WARC-Record-IDs as the clean run, in the same order), and
the summary must add up (records = written + skipped). Ends with
"N passed, N failed".
"""
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import zlib

sys.dont_write_bytecode = True

PITH = os.path.abspath(sys.argv[1])
HERE = os.path.dirname(os.path.abspath(__file__))
WDIR = sys.argv[2] if len(sys.argv) > 2 else os.environ.get("PITH_WARC_DIR")
if not WDIR:
    WDIR = os.path.join(HERE, "..", "..", "shared", "bench", "warc")
    if not os.path.isdir(WDIR):
        WDIR = "/work/shared/bench/warc"
FILES = [
    "chatnoir-eu+chatnoir-resiliparse__warcfile.warc",
    "chatnoir-eu+chatnoir-resiliparse__warcfile.warc.gz",
    "webrecorder+warcio__example.warc",
    "webrecorder+warcio__example.warc.gz",
    "commoncrawl+whirlwind-python__whirlwind.warc.gz",
]
CL = re.compile(rb"(?im)^Content-Length:[ \t]*(\d+)")
passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, file=sys.stderr)
    return cond


def split_plain(data):
    """Records of a plain WARC as byte strings (each with its trailer)."""
    starts = [m.start() + (1 if data[m.start():m.start() + 1] == b"\n" else 0)
              for m in re.finditer(rb"(?:^|\n)WARC/1\.[01]\r\n", data)]
    out = []
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else len(data)
        out.append(data[s:e])
    return out


def split_gzip(data):
    """Decompressed members of a per-record gzip file."""
    out = []
    while data:
        d = zlib.decompressobj(31)
        out.append(d.decompress(data))
        data = d.unused_data
    return [m for m in out if m]


def listing(path):
    p = subprocess.run([PITH, "warc", "--list", "-q", path], capture_output=True, timeout=60)
    rows = [json.loads(l) for l in p.stdout.decode("utf-8", "replace").splitlines() if l.strip()]
    summary = None
    for line in p.stderr.decode("utf-8", "replace").splitlines()[::-1]:
        if line.startswith("{"):
            summary = json.loads(line)
            break
    return rows, summary


def good_ids(rows):
    return [r.get("id") for r in rows if "id" in r and not r.get("error")]


def rec_id(rec):
    m = re.search(rb"(?im)^WARC-Record-ID:[ \t]*(\S+)", rec)
    return m.group(1).decode() if m else None


def mutants(rec):
    m = CL.search(rec)
    if m:
        n = int(m.group(1))
        for name, v in (("-1", n - 1), ("+1", n + 1), ("-10", n - 10), ("+10", n + 10),
                        ("x10", n * 10), ("+100k", n + 100000)):
            if v >= 0:
                yield "Content-Length " + name, rec[:m.start(1)] + str(v).encode() + rec[m.end(1):]
    yield "stray byte", b"x" + rec


def main():
    if not os.path.isdir(WDIR):
        print("damage_sweep: %s absent, skipped" % WDIR)
        return 0
    tmp = tempfile.mkdtemp(prefix="pith-sweep-")
    mpath = os.path.join(tmp, "m")
    for name in FILES:
        path = os.path.join(WDIR, name)
        if not os.path.exists(path):
            continue
        data = open(path, "rb").read()
        gz = data[:2] == b"\x1f\x8b"
        recs = split_gzip(data) if gz else split_plain(data)
        clean_rows, clean_sum = listing(path)
        clean = good_ids(clean_rows)
        if not check(len(clean) == len(recs), "%s: clean run reads %d of %d records"
                     % (name, len(clean), len(recs))):
            continue
        for i, rec in enumerate(recs):
            rid = rec_id(rec)
            for what, bad in mutants(rec):
                parts = list(recs)
                parts[i] = bad
                if gz:
                    blob = b"".join(gzip.compress(p, 6, mtime=0) for p in parts)
                else:
                    blob = b"".join(parts)
                with open(mpath + (".warc.gz" if gz else ".warc"), "wb") as f:
                    f.write(blob)
                rows, s = listing(mpath + (".warc.gz" if gz else ".warc"))
                tag = "%s record %d (%s): %s" % (name, i, rid, what)
                if not check(s is not None, tag + ": summary"):
                    continue
                check(s["records"] == s["written"] + s["skipped"], tag + ": records = written + skipped")
                got = [x for x in good_ids(rows) if x != rid]
                want = [x for x in clean if x != rid]
                lost = [x for x in want if x not in got]
                check(not lost and got == want,
                      tag + ": intact records lost or reordered: %s" % (lost[:3] or "order"))
                if what == "stray byte":
                    check(s["errors"] >= 1, tag + ": the stray byte is reported")
    os.remove(mpath + ".warc") if os.path.exists(mpath + ".warc") else None
    os.remove(mpath + ".warc.gz") if os.path.exists(mpath + ".warc.gz") else None
    os.rmdir(tmp)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
