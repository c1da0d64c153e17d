/* test_core.c - buffers, whitespace collapsing, UTF-8 helpers, arena. */
#include "core/core.h"
#include "harness.h"

static const char *collapse(const char *prefix, const char *s) {
  static pith_buf b;
  pith_buf_clear(&b);
  pith_buf_puts(&b, prefix);
  pith_buf_put_collapsed(&b, s, strlen(s));
  pith_buf_nul(&b);
  return b.p;
}

static void test_collapse(void) {
  STR_EQ(collapse("", "one  two\tthree\n\nfour"), "one two three four");
  STR_EQ(collapse("", "  lead and trail  "), "lead and trail ");
  STR_EQ(collapse("x ", " y"), "x y");                      /* no double space across calls */
  STR_EQ(collapse("x", " y"), "x y");
  STR_EQ(collapse("", "a\xC2\xA0" "b"), "a b");                /* NBSP is a space */
  STR_EQ(collapse("", "zero\xE2\x80\x8Bwidth"), "zerowidth"); /* ZWSP vanishes */
  STR_EQ(collapse("", "caf\xC3\xA9 au lait"), "caf\xC3\xA9 au lait");
  STR_EQ(collapse("", "a \xE2\x80\x83 b"), "a b");          /* em space between spaces */
  STR_EQ(collapse("", "word"), "word");
  STR_EQ(collapse("", ""), "");
}

static void test_utf8(void) {
  INT_EQ(pith_utf8_valid_prefix("abc", 3), 3);
  INT_EQ(pith_utf8_valid_prefix("abcdefghij\0klmnop", 17), 10); /* NUL in the 8-byte fast path */
  INT_EQ(pith_utf8_valid_prefix("ab\xFF" "cd", 5), 2);
  INT_EQ(pith_utf8_valid_prefix("\xED\xA0\x80", 3), 0);        /* surrogate */
  INT_EQ(pith_utf8_valid_prefix("\xF0\x9F\x98\x80", 4), 4);
  pith_buf b;
  pith_buf_init(&b, 0);
  pith_utf8_sanitize(&b, "a\0b\xC3(", 5);
  pith_buf_nul(&b);
  STR_EQ(b.p, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD(");
  pith_buf_free(&b);
  INT_EQ(pith_utf8_count("h\xC3\xA9llo", 6), 5);
}

static void test_buf_cap(void) {
  pith_buf b;
  pith_buf_init(&b, 10);
  INT_EQ(pith_buf_put(&b, "0123456789", 10), 0);
  INT_EQ(pith_buf_putc(&b, 'x'), PITH_ERR_LIMIT);
  INT_EQ(b.err, PITH_ERR_LIMIT); /* sticky */
  INT_EQ(pith_buf_put(&b, "y", 1), PITH_ERR_LIMIT);
  INT_EQ(b.len, 10);
  pith_buf_free(&b);
}

static void test_arena(void) {
  pith_arena a;
  pith_arena_init(&a, 1000);
  CHECK(pith_arena_alloc(&a, 600) != NULL);
  CHECK(pith_arena_alloc(&a, 600) == NULL); /* over the cap */
  char *s = pith_arena_strndup(&a, "hello world", 5);
  STR_EQ(s, "hello");
  pith_arena_reset(&a);
  CHECK(pith_arena_alloc(&a, 900) != NULL);
  pith_arena_free(&a);
  pith_arena_init(&a, 0);
  int ok = 1;
  for (int i = 0; i < 1000; i++) ok &= pith_arena_alloc(&a, 1000) != NULL; /* grows past one chunk */
  CHECK(ok);
  pith_arena_free(&a);
}

static void test_strings(void) {
  INT_EQ(pith_ifind("Hello World", 11, "world"), 6);
  INT_EQ(pith_ifind("abc", 3, "abcd"), -1);
  CHECK(pith_ieq("DIV", 3, "div"));
  CHECK(!pith_ieq("DIVX", 4, "div"));
  CHECK(pith_istarts("JavaScript:void(0)", 18, "javascript:"));
  const char *s = "\xC2\xA0  padded \xE2\x80\x8B";
  size_t n = strlen(s);
  pith_trim(&s, &n);
  SPAN_EQ(s, n, "padded");
}

int main(void) {
  RUN(test_collapse);
  RUN(test_utf8);
  RUN(test_buf_cap);
  RUN(test_arena);
  RUN(test_strings);
  return REPORT();
}
