#!/bin/sh
# valgrind.sh BUILD_DIR - every unit test under valgrind memcheck: no invalid
# access, no definite or indirect leak. Prints "N passed, N failed".
B=$1
S=$(dirname "$0")/valgrind.supp
pass=0
fail=0
for t in "$B"/tests/test_*; do
  [ -x "$t" ] || continue
  if valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite,indirect \
      --suppressions="$S" "$t" >"$t.valgrind.log" 2>&1; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $(basename "$t") (valgrind log: $t.valgrind.log)"
    tail -30 "$t.valgrind.log"
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
