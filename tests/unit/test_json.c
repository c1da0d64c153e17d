/* test_json.c - the bounded JSON parser used for JSON-LD. */
#include <math.h>
#include <stdlib.h>

#include "harness.h"
#include "meta/json.h"

static pith_arena A;

static int P(const char *s, pith_json **out) {
  pith_arena_reset(&A);
  return pith_json_parse(s, strlen(s), &A, 0, 0, out);
}

static void test_valid(void) {
  pith_json *v;
  INT_EQ(P("{\"a\": 1, \"b\": [true, false, null], \"c\": \"x\\u00e9\\ud83d\\ude00\\n\"}", &v), 0);
  CHECK(v && v->type == PITH_JSON_OBJ);
  INT_EQ(v->len, 3);
  const pith_json *a = pith_json_get(v, "a");
  CHECK(a && a->type == PITH_JSON_NUM);
  CHECK(pith_json_num(a) == 1.0);
  const pith_json *b = pith_json_get(v, "b");
  CHECK(b && b->type == PITH_JSON_ARR && b->len == 3);
  CHECK(b->child->type == PITH_JSON_BOOL && b->child->b == 1);
  CHECK(b->child->next->type == PITH_JSON_BOOL && b->child->next->b == 0);
  CHECK(b->child->next->next->type == PITH_JSON_NULL);
  size_t n;
  STR_EQ(pith_json_str(pith_json_get(v, "c"), &n), "x\xc3\xa9\xf0\x9f\x98\x80\n");
  INT_EQ(n, 8);
  CHECK(pith_json_get(v, "zz") == NULL);
  CHECK(pith_json_str(a, NULL) == NULL);
  INT_EQ(P("\"just a string\"", &v), 0);
  STR_EQ(pith_json_str(v, NULL), "just a string");
  INT_EQ(P("  [ ]  ", &v), 0);
  CHECK(v->type == PITH_JSON_ARR && v->len == 0 && !v->child);
  INT_EQ(P("{}", &v), 0);
  CHECK(v->type == PITH_JSON_OBJ && v->len == 0);
  INT_EQ(P("-12.5e3", &v), 0);
  CHECK(pith_json_num(v) == -12500.0);
}

static void test_tolerant(void) {
  pith_json *v;
  /* trailing commas */
  INT_EQ(P("{\"a\": [1, 2, ], \"b\": 2, }", &v), 0);
  INT_EQ(pith_json_get(v, "a")->len, 2);
  /* raw newlines and tabs inside strings */
  INT_EQ(P("{\"headline\": \"line one\nline\ttwo\"}", &v), 0);
  STR_EQ(pith_json_str(pith_json_get(v, "headline"), NULL), "line one\nline\ttwo");
  /* HTML entities are left alone */
  INT_EQ(P("{\"t\": \"Tom &amp; Jerry\"}", &v), 0);
  STR_EQ(pith_json_str(pith_json_get(v, "t"), NULL), "Tom &amp; Jerry");
  /* wrappers */
  INT_EQ(P("<!-- {\"a\": 1} -->", &v), 0);
  CHECK(v && v->type == PITH_JSON_OBJ);
  INT_EQ(P("  <![CDATA[ {\"a\": 2} ]]>  ", &v), 0);
  CHECK(pith_json_num(pith_json_get(v, "a")) == 2.0);
  INT_EQ(P("//<![CDATA[\n{\"a\": 3}\n//]]>", &v), 0);
  CHECK(pith_json_num(pith_json_get(v, "a")) == 3.0);
  /* several values concatenated: an array flagged b = 1 */
  INT_EQ(P("{\"a\": 1}\n{\"a\": 2}  {\"a\": 3};", &v), 0);
  CHECK(v->type == PITH_JSON_ARR && v->b == 1 && v->len == 3);
  /* junk after a complete value: what was parsed is kept */
  INT_EQ(P("{\"a\": 1} garbage", &v), 0);
  CHECK(v->type == PITH_JSON_OBJ);
  /* comments */
  INT_EQ(P("/* c */ {\"a\": // line\n 1}", &v), 0);
  CHECK(pith_json_num(pith_json_get(v, "a")) == 1.0);
  /* a NUL from a \u0000 escape never ends up inside a value */
  INT_EQ(P("{\"a\": \"x\\u0000y\"}", &v), 0);
  STR_EQ(pith_json_str(pith_json_get(v, "a"), NULL), "x y");
  /* lone surrogates become U+FFFD */
  INT_EQ(P("{\"a\": \"\\ud800x\"}", &v), 0);
  STR_EQ(pith_json_str(pith_json_get(v, "a"), NULL), "\xef\xbf\xbdx");
}

static void test_malformed(void) {
  pith_json *v = (pith_json *)1;
  INT_EQ(P("", &v), PITH_JSON_SYNTAX);
  CHECK(v == NULL);
  INT_EQ(P("{", &v), PITH_JSON_SYNTAX);
  INT_EQ(P("{\"a\": \"unterminated}", &v), PITH_JSON_SYNTAX);
  INT_EQ(P("{\"a\" 1}", &v), PITH_JSON_SYNTAX);
  INT_EQ(P("[1 2]", &v), PITH_JSON_SYNTAX);
  INT_EQ(P("{\"a\": }", &v), PITH_JSON_SYNTAX);
  INT_EQ(P("}", &v), PITH_JSON_SYNTAX);
  INT_EQ(P("[1, {\"a\": [2}]", &v), PITH_JSON_SYNTAX);
  INT_EQ(P("nul", &v), PITH_JSON_SYNTAX);
  INT_EQ(P("\"abc\\", &v), PITH_JSON_SYNTAX);
  INT_EQ(P("<!--", &v), PITH_JSON_SYNTAX);
}

static void test_limits(void) {
  pith_json *v;
  /* 10,000 levels: refused at the depth cap, no recursion, no crash */
  size_t n = 10000;
  char *s = malloc(2 * n + 1);
  memset(s, '[', n);
  memset(s + n, ']', n);
  s[2 * n] = 0;
  INT_EQ(P(s, &v), PITH_JSON_LIMIT);
  CHECK(v == NULL);
  free(s);
  s = malloc(5 * n + 16);
  for (size_t i = 0; i < n; i++) memcpy(s + 5 * i, "{\"a\":", 5);
  memcpy(s + 5 * n, "1", 2);
  INT_EQ(P(s, &v), PITH_JSON_LIMIT);
  free(s);
  /* exactly at the cap works; one more does not */
  char buf[300];
  for (int depth = 63; depth <= 65; depth++) {
    memset(buf, '[', (size_t)depth);
    memset(buf + depth, ']', (size_t)depth);
    buf[2 * depth] = 0;
    INT_EQ(P(buf, &v), depth <= 64 ? 0 : PITH_JSON_LIMIT);
  }
  pith_arena_reset(&A);
  INT_EQ(pith_json_parse("[[[1]]]", 7, &A, 2, 0, &v), PITH_JSON_LIMIT);
  INT_EQ(pith_json_parse("[[1]]", 5, &A, 2, 0, &v), 0);
  /* huge numbers */
  INT_EQ(P("{\"n\": 1e999999, \"m\": -1e999999, \"z\": 1e-999999}", &v), 0);
  CHECK(isinf(pith_json_num(pith_json_get(v, "n"))));
  CHECK(pith_json_num(pith_json_get(v, "m")) < 0);
  CHECK(pith_json_num(pith_json_get(v, "z")) == 0.0);
  /* a 5,000-digit number is stored cut, not copied whole */
  s = malloc(5003);
  s[0] = '[';
  memset(s + 1, '7', 5000);
  s[5001] = ']';
  s[5002] = 0;
  INT_EQ(P(s, &v), 0);
  CHECK(v->child && v->child->len <= 64);
  free(s);
  /* a 2 MiB string: over the default 1 MiB cap; fine with a bigger cap */
  size_t k;
  size_t big = (size_t)2 << 20;
  s = malloc(big + 16);
  memcpy(s, "{\"a\": \"", 7);
  memset(s + 7, 'x', big);
  memcpy(s + 7 + big, "\"}", 3);
  INT_EQ(P(s, &v), PITH_JSON_LIMIT);
  pith_arena_reset(&A);
  INT_EQ(pith_json_parse(s, strlen(s), &A, 0, big + 64, &v), 0);
  INT_EQ(pith_json_get(v, "a")->len, big);
  free(s);
  /* more values than the cap allows for the byte budget: refused */
  k = 200000;
  s = malloc(2 * k + 8);
  s[0] = '[';
  for (size_t i = 0; i < k; i++) s[1 + 2 * i] = '1', s[2 + 2 * i] = ',';
  s[2 * k] = ']';
  s[2 * k + 1] = 0;
  INT_EQ(P(s, &v), PITH_JSON_LIMIT);
  free(s);
  /* many escapes: linear and correct */
  k = 100000;
  s = malloc(6 * k + 8);
  size_t o = 0;
  s[o++] = '"';
  for (size_t i = 0; i < k; i++) memcpy(s + o, "\\u0041", 6), o += 6;
  s[o++] = '"';
  s[o] = 0;
  INT_EQ(P(s, &v), 0);
  INT_EQ(v->len, k);
  free(s);
}

static void test_nomem(void) {
  pith_arena a;
  pith_arena_init(&a, 0);
  pith_json *v;
  const char *s = "{\"a\": [1, 2, {\"b\": \"c\"}]}";
  int saw_nomem = 0;
  for (unsigned long f = 1; f < 20; f++) {
    pith_arena_free(&a);
    pith_arena_init(&a, 0);
    pith_alloc_fail_after(f);
    int r = pith_json_parse(s, strlen(s), &a, 0, 0, &v);
    pith_alloc_fail_after(0);
    CHECK(r == 0 || r == -PITH_ERR_NOMEM);
    if (r == -PITH_ERR_NOMEM) saw_nomem = 1;
  }
  CHECK(saw_nomem);
  /* an arena cap behaves the same way */
  pith_arena_free(&a);
  pith_arena_init(&a, 64);
  INT_EQ(pith_json_parse(s, strlen(s), &a, 0, 0, &v), -PITH_ERR_NOMEM);
  pith_arena_free(&a);
}

int main(void) {
  pith_arena_init(&A, 0);
  RUN(test_valid);
  RUN(test_tolerant);
  RUN(test_malformed);
  RUN(test_limits);
  RUN(test_nomem);
  pith_arena_free(&A);
  return REPORT();
}
