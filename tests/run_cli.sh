#!/bin/sh
# run_cli.sh PITH TESTSDIR - behaviour of the pith command line: exit codes,
# stdin, errors that name the input, many files in one run, limits.
PITH=$1
T=$2
case $PITH in /*) ;; *) PITH=$(pwd)/$PITH ;; esac
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
# expect CODE DESC -- CMD...   (stdout -> $W/out, stderr -> $W/err)
expect() {
  want=$1; desc=$2; shift 3
  "$@" >"$W/out" 2>"$W/err"
  got=$?
  if [ "$got" -eq "$want" ]; then ok; else bad "$desc: exit $got, want $want"; sed 's/^/    /' "$W/err" | head -5; fi
}
has() { # has FILE TEXT DESC
  if grep -qF -- "$2" "$1"; then ok; else bad "$3: '$2' not in $1"; sed 's/^/    /' "$1" | head -5; fi
}
hasnt() {
  if grep -qF -- "$2" "$1"; then bad "$3: '$2' unexpectedly in $1"; else ok; fi
}

PAGE=$T/../examples/news-article.html

expect 0 "help" -- "$PITH" --help
has "$W/out" "Usage: pith COMMAND" "help text"
expect 0 "extract help" -- "$PITH" extract --help
has "$W/out" "--format" "extract help lists --format"
expect 2 "no command" -- "$PITH"
expect 2 "unknown command" -- "$PITH" frobnicate
has "$W/err" "unknown command 'frobnicate'" "unknown command named"
expect 2 "unknown option" -- "$PITH" extract --frob "$PAGE"
has "$W/err" "--frob" "unknown option named"
expect 2 "bad size" -- "$PITH" extract --max-input=32LB "$PAGE"
has "$W/err" "--max-input" "bad size names the option"
expect 2 "zero depth" -- "$PITH" extract --max-depth 0 "$PAGE"
expect 2 "bad format" -- "$PITH" extract -f yaml "$PAGE"

# a page: text on stdout, chrome gone
expect 0 "extract page" -- "$PITH" extract "$PAGE"
has "$W/out" "Voters in Port Alder approved" "article text"
hasnt "$W/out" "Sign up for our free newsletter" "newsletter box dropped"
hasnt "$W/out" "Skip to content" "skip link dropped"
hasnt "$W/out" "My grandfather kept that light" "comments not in text"

# stdin
"$PITH" extract - <"$PAGE" >"$W/out" 2>"$W/err"
if [ $? -eq 0 ]; then ok; else bad "stdin exit"; fi
has "$W/out" "Voters in Port Alder approved" "stdin text"

# many files, one bad: the good ones still come out, exit 1, the bad one named
cp "$PAGE" "$W/a.html"
cp "$PAGE" "$W/b.html"
expect 1 "missing file" -- "$PITH" extract -f jsonl "$W/a.html" "$W/missing.html" "$W/b.html"
has "$W/err" "missing.html" "error names the file"
n=$(wc -l <"$W/out")
if [ "$n" -eq 2 ]; then ok; else bad "jsonl lines: $n, want 2"; fi
has "$W/out" "\"id\":\"$W/a.html\"" "jsonl id is the input's name"
has "$W/out" "\"id\":\"$W/b.html\"" "jsonl id is the input's name (2)"

# empty input: no article, exit 0, said on stderr
: >"$W/empty.html"
expect 0 "empty file" -- "$PITH" extract "$W/empty.html"
has "$W/err" "empty" "empty input reported"
if [ ! -s "$W/out" ]; then ok; else bad "empty input printed text"; fi

# over the input limit: reported, exit 1
expect 1 "input limit" -- "$PITH" extract --max-input 1k "$PAGE"
has "$W/err" "over the limit" "limit reported"

# comments only when asked, never in text
expect 0 "comments" -- "$PITH" extract -f json --comments "$PAGE"
has "$W/out" '"comments": ["Finally! My grandfather' "comments field"
expect 0 "no comments" -- "$PITH" extract -f json "$PAGE"
hasnt "$W/out" '"comments"' "no comments field without --comments"

# explain says why
expect 0 "explain" -- "$PITH" extract --explain "$PAGE"
has "$W/err" "drop	" "explain lists dropped blocks"

# markdown
expect 0 "markdown" -- "$PITH" extract -f markdown "$PAGE"
has "$W/out" "## A decade of debate" "markdown heading"

# a closed pipe is not a crash
"$PITH" extract -f jsonl "$PAGE" "$PAGE" "$PAGE" "$PAGE" 2>"$W/err" | head -c 10 >/dev/null
st=$?
if [ $st -eq 0 ]; then ok; else bad "pipe: status $st"; fi
if grep -q "Segmentation\|Abort" "$W/err"; then bad "pipe crashed"; else ok; fi

# 1,000,000 nested divs: finishes, keeps the text
python3 -c "import sys; sys.stdout.write('<html><body>' + '<div>'*1000000 + '<p>Deep text survives the flattening of a million nested elements, as it must.</p>' + '</div>'*1000000 + '</body></html>')" >"$W/deep.html"
expect 0 "deep nesting" -- "$PITH" extract "$W/deep.html"
has "$W/out" "Deep text survives" "deep text kept"

# binary junk: no crash, clear status
head -c 20000 /dev/urandom >"$W/junk.html" 2>/dev/null || python3 -c "import os; open('$W/junk.html','wb').write(os.urandom(20000))"
"$PITH" extract "$W/junk.html" >"$W/out" 2>"$W/err"
st=$?
if [ $st -le 1 ]; then ok; else bad "junk: status $st"; fi

# ---- issue 9: binary junk refused, compression by suffix, one exit table ----
expect 1 "png refused" -- "$PITH" extract "$W/junk.html"
printf '\211PNG\r\n\032\n\000\000\000\rIHDR' >"$W/x.png"
expect 1 "png refused by extract" -- "$PITH" extract "$W/x.png"
has "$W/err" "PNG" "png named"
expect 1 "elf refused by clean" -- "$PITH" clean /bin/sh
has "$W/err" "ELF" "elf named"
gzip -c "$PAGE" >"$W/p.html.gz"
expect 0 "extract reads FILE.gz" -- "$PITH" extract "$W/p.html.gz"
has "$W/out" "Voters in Port Alder approved" "gz page decoded by suffix"
cp "$W/p.html.gz" "$W/p.bin"
expect 1 "gzip bytes without the suffix are refused" -- "$PITH" extract "$W/p.bin"
has "$W/err" "content encoding" "refusal says how to decode"
expect 0 "--content-encoding" -- "$PITH" extract --content-encoding gzip "$W/p.bin"
expect 0 "jsonl to .gz" -- "$PITH" extract -f jsonl -o "$W/o.jsonl.gz" "$PAGE" "$PAGE"
if gzip -dc "$W/o.jsonl.gz" | grep -q '"canonical_url":"https://coastal-ledger'; then ok; else bad "extract -o x.gz is gzip"; fi
expect 0 "clean to .zst" -- "$PITH" clean -f jsonl -o "$W/o.jsonl.zst" "$T/textpages/cnn-wire-local-tv/source.txt"
if command -v zstd >/dev/null 2>&1; then
  if zstd -dc "$W/o.jsonl.zst" | grep -q '"text"'; then ok; else bad "clean -o x.zst is zstd"; fi
else
  if head -c 4 "$W/o.jsonl.zst" | od -An -tx1 | grep -q "28 b5 2f fd"; then ok; else bad "zstd magic"; fi
fi
expect 0 "json array" -- "$PITH" extract -f json "$PAGE" "$PAGE"
if python3 -c "import json,sys; a=json.load(open(sys.argv[1])); assert isinstance(a,list) and len(a)==2" "$W/out"; then ok; else bad "-f json of two files is an array"; fi
expect 0 "clean json has no comments key" -- "$PITH" clean -f json "$T/textpages/cnn-wire-local-tv/source.txt"
hasnt "$W/out" '"comments"' "clean -f json without comments"
for c in extract clean warc dedup; do
  expect 0 "$c --version" -- "$PITH" $c --version
  has "$W/out" "pith " "$c --version prints"
done
expect 0 "jobs keep order" -- "$PITH" extract -f jsonl -j 2 "$W/a.html" "$PAGE" "$W/b.html"
if [ "$(sed -n 's/^{"id":"\([^"]*\)".*/\1/p' "$W/out" | tr '\n' ' ')" = "$W/a.html $PAGE $W/b.html " ]; then ok; else bad "--jobs order"; fi
mkdir -p "$W/in/sub"; cp "$PAGE" "$W/in/one.html"; cp "$PAGE" "$W/in/sub/two.html"
expect 0 "input-dir + output-dir" -- "$PITH" extract --input-dir "$W/in" --output-dir "$W/outdir" -f json
rel=${W#/}
if [ -s "$W/outdir/$rel/in/one.json" ] && [ -s "$W/outdir/$rel/in/sub/two.json" ]; then ok; else bad "--output-dir mirrors the input tree"; fi
# two inputs with one file name: two ids, two output files, nothing overwritten
mkdir -p "$W/x1" "$W/x2"; cp "$PAGE" "$W/x1/index.html"; cp "$W/a.html" "$W/x2/index.html"
(cd "$W" && "$PITH" extract -f jsonl x1/index.html x2/index.html >"$W/out" 2>"$W/err")
n=$(sed -n 's/^{"id":"\([^"]*\)".*/\1/p' "$W/out" | sort -u | wc -l)
if [ "$n" -eq 2 ]; then ok; else bad "same file name, distinct ids: $n"; fi
(cd "$W" && "$PITH" extract -f json --output-dir od x1/index.html x2/index.html ./x1/index.html 2>"$W/err")
if [ -s "$W/od/x1/index.json" ] && [ -s "$W/od/x2/index.json" ] && ! grep -q '"id":"x2' "$W/od/x1/index.json"; then ok; else bad "--output-dir keeps same-named inputs apart"; fi
printf '%s\n' "$W/in/one.html" "$W/in/sub/two.html" >"$W/list"
expect 0 "files-from" -- "$PITH" extract -f jsonl --files-from "$W/list"
n=$(wc -l <"$W/out"); if [ "$n" -eq 2 ]; then ok; else bad "--files-from lines: $n"; fi
# the exit table, a row each
expect 2 "row 2: usage" -- "$PITH" extract --bogus "$PAGE"
expect 3 "row 3: --max-errors" -- "$PITH" extract --max-errors 1 "$W/x.png" "$PAGE"
expect 4 "row 4: output cannot be opened" -- "$PITH" extract -o /nonexistent/dir/x "$PAGE"
expect 4 "row 4: dedup opens its output first" -- "$PITH" dedup -o /nonexistent/dir/x "$W/out"
expect 4 "row 4: warc output cannot be opened" -- "$PITH" warc -o /nonexistent/dir/x "$W/out"
if [ -w /dev/full ]; then
  "$PITH" extract -f jsonl "$PAGE" >/dev/full 2>"$W/err"; st=$?
  if [ $st -eq 4 ]; then ok; else bad "row 4: /dev/full exit $st"; fi
  has "$W/err" "No space" "disk full names errno"
fi
set -- ; for i in $(seq 200); do set -- "$@" "$PAGE"; done
{ "$PITH" extract -f jsonl "$@" 2>"$W/err"; echo $? >"$W/st"; } | head -c 1 >/dev/null; st=$(cat "$W/st")
if [ "$st" -eq 4 ]; then ok; else bad "row 4: closed pipe exit $st"; fi
hasnt "$W/err" "Broken pipe" "closed pipe is not an error message"

# ---- issue 9 item 14: a full disk under compressed output ----
# A file size limit stands in for a full disk (write fails with EFBIG once
# the file reaches it). What reached the file must be a readable prefix
# holding exactly the "written" lines; the error is named; exit 4.
python3 -c "
import random
random.seed(7)
a='abcdefghijklmnopqrstuvwxyz'
for i in range(6000):
    print('{\"id\":\"r%d\",\"text\":\"%s.\"}' % (i, ' '.join(''.join(random.choice(a) for _ in range(random.randint(2, 9))) for _ in range(150))))
" >"$W/big.jsonl"
written_of() { sed -n 's/.*"written":\([0-9]*\).*/\1/p' "$1" | tail -1; }
for sfx in gz zst; do
  rm -f "$W/full.jsonl.$sfx"
  ( trap '' XFSZ; ulimit -f 3000; exec "$PITH" clean --jsonl -o "$W/full.jsonl.$sfx" "$W/big.jsonl" ) >"$W/out" 2>"$W/err"
  st=$?
  if [ $st -eq 4 ]; then ok; else bad "clean -o .$sfx on a full disk: exit $st, want 4"; fi
  has "$W/err" "File too large" "clean .$sfx: the write error carries errno"
  has "$W/err" '"write_errors":1' "clean .$sfx: the write error is counted"
  wr=$(written_of "$W/err")
  if [ "$sfx" = gz ]; then got=$(gzip -dc "$W/full.jsonl.gz" | wc -l); dec=$(gzip -t "$W/full.jsonl.gz" 2>&1 && echo ok);
  elif command -v zstd >/dev/null 2>&1; then got=$(zstd -dc "$W/full.jsonl.zst" 2>/dev/null | wc -l); dec=$(zstd -t "$W/full.jsonl.zst" 2>/dev/null && echo ok);
  else got=$wr; dec=ok; fi
  if [ -n "$wr" ] && [ "$wr" -gt 0 ] && [ "$wr" -lt 6000 ] && [ "$got" -eq "$wr" ]; then ok; else bad "clean .$sfx: written=$wr but the file holds $got lines"; fi
  case "$dec" in *ok) ok ;; *) bad "clean .$sfx: the prefix left on a full disk is not a valid stream: $dec" ;; esac
done
( trap '' XFSZ; ulimit -f 400; exec "$PITH" dedup -o "$W/full-dedup.jsonl.gz" "$W/big.jsonl" "$W/big.jsonl" "$W/big.jsonl" "$W/big.jsonl" "$W/big.jsonl" "$W/big.jsonl" "$W/big.jsonl" "$W/big.jsonl" ) >"$W/out" 2>"$W/err"
st=$?
if [ $st -eq 4 ]; then ok; else bad "dedup -o .gz on a full disk: exit $st, want 4"; fi
has "$W/err" "File too large" "dedup: the write error carries errno"
wr=$(written_of "$W/err"); got=$(gzip -dc "$W/full-dedup.jsonl.gz" 2>/dev/null | wc -l)
if [ -n "$wr" ] && [ "$got" -eq "$wr" ]; then ok; else bad "dedup: written=$wr but the file holds $got lines"; fi
set -- ; for i in $(seq 300); do set -- "$@" "$PAGE"; done
( trap '' XFSZ; ulimit -f 4; exec "$PITH" extract -f jsonl -o "$W/full-x.jsonl.gz" "$@" ) >"$W/out" 2>"$W/err"
st=$?
if [ $st -eq 4 ]; then ok; else bad "extract -o .gz on a full disk: exit $st, want 4"; fi
has "$W/err" "File too large" "extract: the write error carries errno"

# ---- issue 9 item 12: damaged .jsonl.gz / .jsonl.zst lose no good record ----
# 2,000 one-line gzip members; member 1000 corrupt (or only its CRC): 1,999
# records, the damage named with its byte offset, exit 1; dedup counts it.
python3 - "$W" <<'PYEOF'
import gzip, sys, os
w = sys.argv[1]
members = [gzip.compress(('{"id":"r%d","text":"Record number %d of the damaged archive test says little."}\n' % (i, i)).encode(), mtime=0) for i in range(2000)]
off = sum(len(m) for m in members[:1000])
m = bytearray(members[1000]); mid = 10 + (len(m) - 18) // 2; m[mid] ^= 0x55; m[mid + 1] ^= 0xa3
open(w + '/dmg.jsonl.gz', 'wb').write(b''.join(members[:1000]) + bytes(m) + b''.join(members[1001:]))
m = bytearray(members[1000]); m[-8] ^= 1
open(w + '/crc.jsonl.gz', 'wb').write(b''.join(members[:1000]) + bytes(m) + b''.join(members[1001:]))
open(w + '/dmg.off', 'w').write(str(off))
PYEOF
off=$(cat "$W/dmg.off")
for f in dmg crc; do
  expect 1 "clean --jsonl $f.jsonl.gz" -- "$PITH" clean --jsonl "$W/$f.jsonl.gz"
  n=$(wc -l <"$W/out"); if [ "$n" -eq 1999 ]; then ok; else bad "clean $f.jsonl.gz: $n records written, want 1999"; fi
  hasnt "$W/out" '"id":"r1000"' "clean $f: the damaged member's line is not written"
  has "$W/out" '"id":"r1999"' "clean $f: records after the damage are read"
  has "$W/err" '"written":1999' "clean $f: summary"
  has "$W/err" "offset $off" "clean $f: the damage named by its byte offset"
  expect 1 "dedup $f.jsonl.gz" -- "$PITH" dedup "$W/$f.jsonl.gz"
  has "$W/err" '"records":1999,' "dedup $f: records"
  if grep -q '"unreadable":[1-9]' "$W/err"; then ok; else bad "dedup $f: the damaged member is not counted unreadable"; fi
  has "$W/err" "offset $off" "dedup $f: the damage named by its byte offset"
done
if command -v zstd >/dev/null 2>&1; then
  : >"$W/z.jsonl.zst"
  for part in 0 1 2; do
    python3 -c "
for i in range($part * 300, $part * 300 + 300): print('{\"id\":\"z%d\",\"text\":\"Frame record %d.\"}' % (i, i))" | zstd -q -c --check >"$W/part$part.zst"
  done
  python3 - "$W" <<'PYEOF'
import sys
w = sys.argv[1]
p = [open(w + '/part%d.zst' % i, 'rb').read() for i in range(3)]
b = bytearray(p[1]); b[-2] ^= 0x10  # the frame checksum
open(w + '/zc.jsonl.zst', 'wb').write(p[0] + bytes(b) + p[2])
b = bytearray(p[1]); b[len(b) * 9 // 10] ^= 0x41  # late in the frame
open(w + '/zd.jsonl.zst', 'wb').write(p[0] + bytes(b) + p[2])
PYEOF
  for f in zc zd; do
    expect 1 "clean --jsonl $f.jsonl.zst" -- "$PITH" clean --jsonl "$W/$f.jsonl.zst"
    n=$(wc -l <"$W/out"); if [ "$n" -eq 600 ]; then ok; else bad "clean $f.jsonl.zst: $n records, want 600"; fi
    has "$W/out" '"id":"z899"' "clean $f.zst: the frame after the damage is read"
    hasnt "$W/out" '"id":"z450"' "clean $f.zst: nothing of the damaged frame"
    has "$W/err" "zstd" "clean $f.zst: the damage reported"
  done
fi

# members that split records: after a damaged member the reader resumes
# mid-record; that fragment is damage (reported), not a record passed on
python3 - "$W" <<'PYEOF'
import gzip, sys
w = sys.argv[1]
a = gzip.compress(b'{"id":"s0","text":"First."}\n{"id":"s1","te', mtime=0)
b = bytearray(gzip.compress(b'xt":"Second."}\n{"id":"s2","text":"Third."}\n{"id":"s3","te', mtime=0)); b[-8] ^= 1
c = gzip.compress(b'xt":"Fourth."}\n{"id":"s4","text":"Fifth."}\n', mtime=0)
open(w + '/split.jsonl.gz', 'wb').write(a + bytes(b) + c)
PYEOF
expect 1 "clean a split-record archive" -- "$PITH" clean --jsonl "$W/split.jsonl.gz"
n=$(wc -l <"$W/out"); if [ "$n" -eq 2 ]; then ok; else bad "split: $n lines written, want 2 (s0, s4)"; fi
hasnt "$W/out" 'Fourth' "split: the fragment after the damage is not passed through"
has "$W/out" '"id":"s4"' "split: the record after the fragment is kept"
has "$W/err" "damaged data after a damaged stretch" "split: the fragment is reported"
expect 1 "dedup a split-record archive" -- "$PITH" dedup "$W/split.jsonl.gz"
has "$W/err" '"records":2,' "dedup split: the fragment is not a record"

# pith warc on a full disk: the same (a WARC written by the warc tests' generator)
python3 -c "
import sys; sys.path.insert(0, sys.argv[1]); import warcgen
with open(sys.argv[2], 'wb') as f:
    for r, _ in warcgen.build(npages=1000, seed=7): f.write(warcgen.gz_member(r))
" "$T/warc" "$W/pages.warc.gz"
( trap '' XFSZ; ulimit -f 600; exec "$PITH" warc -o "$W/full-w.jsonl.gz" "$W/pages.warc.gz" ) >"$W/out" 2>"$W/err"
st=$?
if [ $st -eq 4 ]; then ok; else bad "warc -o .gz on a full disk: exit $st, want 4"; fi
has "$W/err" "File too large" "warc: the write error carries errno"
has "$W/err" '"output_error":"File too large"' "warc: the summary names it"
wr=$(written_of "$W/err"); got=$(gzip -dc "$W/full-w.jsonl.gz" | wc -l)
if [ -n "$wr" ] && [ "$wr" -gt 0 ] && [ "$got" -eq "$wr" ] && gzip -t "$W/full-w.jsonl.gz"; then ok; else bad "warc: written=$wr but the file holds $got lines"; fi

# WARC headers with invalid UTF-8 (a Latin-1 URL, a cut sequence in the date)
# and no WARC-Record-ID: every output string is valid UTF-8, every line has an id
python3 - "$PAGE" "$W/bad8.warc" <<'PY'
import sys
body = open(sys.argv[1], "rb").read()
http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body) + body
hdr = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://caf\xe9.example/\xff\xfe?q=\xc3\r\n"
       b"WARC-Date: 2024-05-14T10:00:00Z\xe2\x82\r\nContent-Type: application/http; msgtype=response\r\n"
       b"Content-Length: %d\r\n\r\n" % len(http))
open(sys.argv[2], "wb").write(hdr + http + b"\r\n\r\n")
PY
expect 0 "warc: invalid UTF-8 in headers" -- "$PITH" warc -o "$W/bad8.jsonl" "$W/bad8.warc"
if python3 -c "
import json,sys
ls=[json.loads(l.decode('utf-8')) for l in open(sys.argv[1],'rb')]
assert len(ls)==1 and ls[0]['id'] and ls[0]['url'].startswith('http://caf') and 'Port Alder' in ls[0]['text']
" "$W/bad8.jsonl"; then ok; else bad "warc output with bad header bytes is valid UTF-8 JSON with an id"; fi

# --skip-existing over an archive concatenated with itself (every id twice):
# cut the output mid-way into the second copy, resume, get the whole run back
python3 - "$W/twice.warc" <<'PY'
import sys
sys.path.insert(0, sys.argv[0] and __import__("os").path.dirname(sys.argv[0]) or ".")
out = b""
for i in range(6):
    body = ("<html><head><title>Story %d</title></head><body><article><h1>Story %d</h1>" % (i, i)
            + "".join("<p>Paragraph %d of story %d tells how the harbor board met on Monday, what the "
                      "members said about the pier, and when the next vote on the repairs is due.</p>" % (k, i)
                      for k in range(5)) + "</article></body></html>").encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    out += (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:0000000%d-0000-4000-8000-000000000000>\r\n"
            b"WARC-Target-URI: http://harbor.example/%d\r\nWARC-Date: 2024-05-14T10:00:00Z\r\n"
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % (i, i, len(http))
            + http + b"\r\n\r\n")
open(sys.argv[1], "wb").write(out + out)
PY
expect 0 "warc: archive twice, whole run" -- "$PITH" warc -o "$W/twice-all.jsonl" "$W/twice.warc"
head -n 8 "$W/twice-all.jsonl" >"$W/twice-part.jsonl"
expect 0 "warc: --skip-existing after a repeated id" -- "$PITH" warc --skip-existing -o "$W/twice-part.jsonl" "$W/twice.warc"
if cmp -s "$W/twice-all.jsonl" "$W/twice-part.jsonl" && [ "$(wc -l <"$W/twice-all.jsonl")" -eq 12 ]; then ok; else bad "resume with repeated ids is byte-identical"; fi

# the resume point is the record's file and byte offset, not its id: the
# first record with id X is a 404 (no line), a later one with id X is written;
# resuming after that line must not start again after the 404
python3 - "$W/sameid.warc" <<'PY'
import sys
def rec(rid, n, status):
    body = ("<html><head><title>Notice %d</title></head><body><article><h1>Notice %d</h1>" % (n, n)
            + "".join("<p>Item %d of notice %d: the county clerk posted the agenda for the road "
                      "works and the hearing on the new bridge tolls.</p>" % (k, n) for k in range(5))
            + "</article></body></html>").encode()
    http = b"HTTP/1.1 %d X\r\nContent-Type: text/html\r\n\r\n" % status + body
    return (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%s>\r\n" % rid.encode()
            + b"WARC-Target-URI: http://county.example/%d\r\nWARC-Date: 2024-05-14T10:00:00Z\r\n" % n
            + b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % len(http)
            + http + b"\r\n\r\n")
X, Y, Z = "aaaaaaaa-0000-4000-8000-000000000000", "bbbbbbbb-0000-4000-8000-000000000000", "cccccccc-0000-4000-8000-000000000000"
open(sys.argv[1], "wb").write(rec(X, 0, 404) + rec(Y, 1, 200) + rec(X, 2, 200) + rec(Z, 3, 200))
PY
expect 0 "warc: repeated id behind a skipped record, whole run" -- "$PITH" warc -o "$W/sameid-all.jsonl" "$W/sameid.warc"
head -n 2 "$W/sameid-all.jsonl" >"$W/sameid-part.jsonl"
expect 0 "warc: --skip-existing resumes by offset" -- "$PITH" warc --skip-existing -o "$W/sameid-part.jsonl" "$W/sameid.warc"
if cmp -s "$W/sameid-all.jsonl" "$W/sameid-part.jsonl" && [ "$(wc -l <"$W/sameid-all.jsonl")" -eq 3 ]; then ok; else bad "resume after a repeated id behind a skipped record is byte-identical"; fi
if python3 -c "
import json,sys
ls=[json.loads(l) for l in open(sys.argv[1])]
offs=[l['warc_offset'] for l in ls]
assert all(l['warc_file']==sys.argv[2] for l in ls) and offs==sorted(offs) and len(set(offs))==3, offs
data=open(sys.argv[2],'rb').read()
assert all(data.startswith(b'WARC/1.0', o) for o in offs)
" "$W/sameid-all.jsonl" "$W/sameid.warc"; then ok; else bad "warc_file/warc_offset name each line's record"; fi
# the same file named twice: the pair repeats, its occurrence decides
expect 0 "warc: one file named twice, whole run" -- "$PITH" warc -o "$W/dup-all.jsonl" "$W/sameid.warc" "$W/sameid.warc"
head -n 4 "$W/dup-all.jsonl" >"$W/dup-part.jsonl"
expect 0 "warc: --skip-existing, one file named twice" -- "$PITH" warc --skip-existing -o "$W/dup-part.jsonl" "$W/sameid.warc" "$W/sameid.warc"
if cmp -s "$W/dup-all.jsonl" "$W/dup-part.jsonl" && [ "$(wc -l <"$W/dup-all.jsonl")" -eq 6 ]; then ok; else bad "resume with a file named twice is byte-identical"; fi

# row 5, every command: out of memory (an address-space limit far below what a
# 44 MB page needs). Skipped when pith cannot even start under the limit
# (sanitizer builds reserve terabytes of address space).
python3 - "$W/oom" <<'PY'
import json, sys
html = ("<html><body><article>" + "".join(
    "<p>Row %d of the ledger lists a shipment of timber and the fee paid at the dock.</p>\n" % i
    for i in range(500000)) + "</article></body></html>").encode()
open(sys.argv[1] + ".html", "wb").write(html)
open(sys.argv[1] + ".jsonl", "w").write(json.dumps({"id": "a", "text": html.decode()}) + "\n")
http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html
open(sys.argv[1] + ".warc", "wb").write(
    b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:5>\r\nWARC-Target-URI: http://x.example/\r\n"
    b"WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
    b"Content-Length: %d\r\n\r\n" % len(http) + http + b"\r\n\r\n")
PY
if (ulimit -v 70000 && "$PITH" --version) >/dev/null 2>&1; then
  lim() { (ulimit -v 70000 && exec "$@"); }
  expect 5 "extract: out of memory" -- lim "$PITH" extract "$W/oom.html"
  has "$W/err" "out of memory" "extract: out of memory named"
  expect 5 "clean: out of memory" -- lim "$PITH" clean "$W/oom.html"
  expect 5 "clean --jsonl: out of memory" -- lim "$PITH" clean --jsonl "$W/oom.jsonl"
  expect 5 "dedup: out of memory" -- lim "$PITH" dedup "$W/oom.jsonl"
  expect 5 "warc: out of memory" -- lim "$PITH" warc --max-payload 64M -o "$W/oom.out.jsonl" "$W/oom.warc"
  has "$W/err" "out of memory" "warc: out of memory named"
else
  echo "skip: exit row 5 (pith does not start under ulimit -v 70000: a sanitizer build?)"
fi
rm -f "$W"/oom.*

# a WET file (Common Crawl's text extracts: conversion records, text/plain)
# goes through text mode, as pith clean would treat the same text
TXT="$T/textpages/cnn-wire-local-tv/source.txt"
python3 - "$TXT" "$W/x.warc.wet" <<'PY'
import sys
txt = open(sys.argv[1], "rb").read()
info = b"software: test\r\n"
rec = lambda t, extra, ct, body: (b"WARC/1.0\r\nWARC-Type: " + t + b"\r\n" + extra +
      b"WARC-Date: 2024-05-14T10:00:00Z\r\nContent-Type: " + ct + b"\r\nContent-Length: %d\r\n\r\n" % len(body)
      + body + b"\r\n\r\n")
out = rec(b"warcinfo", b"WARC-Record-ID: <urn:uuid:11111111-0000-4000-8000-000000000000>\r\n", b"application/warc-fields", info)
out += rec(b"conversion", b"WARC-Record-ID: <urn:uuid:22222222-0000-4000-8000-000000000000>\r\n"
           b"WARC-Target-URI: https://station.example/news/story\r\n", b"text/plain", txt)
open(sys.argv[2], "wb").write(out)
PY
expect 0 "warc: WET conversion record" -- "$PITH" warc -o "$W/wet.jsonl" "$W/x.warc.wet"
"$PITH" clean -f jsonl "$TXT" >"$W/wet-clean.jsonl" 2>/dev/null
if python3 -c "
import json,sys
a=[json.loads(l) for l in open(sys.argv[1])]; b=json.loads(open(sys.argv[2]).readline())
assert len(a)==1 and a[0]['url']=='https://station.example/news/story' and a[0]['text'] and a[0]['text']==b['text'], a
" "$W/wet.jsonl" "$W/wet-clean.jsonl"; then ok; else bad "WET record extracted in text mode, as pith clean does"; fi

# row 3 in the other commands that take --max-errors
expect 3 "row 3: warc --max-errors" -- "$PITH" warc --max-errors 1 -o "$W/me.jsonl" "$W/x.png" "$W/x.png" "$W/twice.warc"
has "$W/err" "max-errors" "warc says why it stopped"
if [ "$(grep -c 'not a WARC' "$W/err")" -eq 1 ]; then ok; else bad "warc --max-errors 1 stops after the first failed input"; fi
expect 3 "row 3: clean --max-errors" -- "$PITH" clean --max-errors 1 "$W/x.png" "$W/x.png" "$TXT"
# dedup: two unreadable lines, --max-errors 2 stops before the third record;
# the same input with --max-errors 3 is read to the end (exit 1, not 3)
printf '%s\n' '{"id":"a","text":"one two three four five six"}' 'not json' '{"id":' \
  '{"id":"b","text":"seven eight nine ten eleven twelve"}' >"$W/me-dedup.jsonl"
expect 3 "row 3: dedup --max-errors" -- "$PITH" dedup --max-errors 2 "$W/me-dedup.jsonl"
has "$W/err" "max-errors" "dedup says why it stopped"
if [ "$(wc -l <"$W/out")" -eq 3 ]; then ok; else bad "dedup --max-errors: the 3 records read are written"; fi
expect 1 "row 1: dedup under --max-errors" -- "$PITH" dedup --max-errors 3 "$W/me-dedup.jsonl"
if [ "$(wc -l <"$W/out")" -eq 4 ]; then ok; else bad "dedup under the limit reads every record"; fi
expect 2 "row 2: dedup --max-errors 0" -- "$PITH" dedup --max-errors 0 "$W/me-dedup.jsonl"
expect 2 "row 2: warc usage" -- "$PITH" warc --max-errors 0 "$W/twice.warc"
expect 2 "row 2: clean usage" -- "$PITH" clean --bogus
expect 2 "row 2: dedup usage" -- "$PITH" dedup --bogus
expect 4 "row 4: clean output cannot be opened" -- "$PITH" clean -o /nonexistent/dir/x "$TXT"
expect 1 "row 1: warc, one input not a WARC" -- "$PITH" warc -o "$W/r1.jsonl" "$W/x.png" "$W/twice.warc"
if [ "$(wc -l <"$W/r1.jsonl")" -eq 12 ]; then ok; else bad "row 1: the good archive was still written"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
