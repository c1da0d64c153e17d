#!/bin/sh
# run_cli.sh PITH TESTSDIR - behaviour of the pith command line: exit codes,
# stdin, errors that name the input, many files in one run, limits.
PITH=$1
T=$2
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
has "$W/out" '"id":"a"' "jsonl id from file name"
has "$W/out" '"id":"b"' "jsonl id from file name (2)"

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

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
