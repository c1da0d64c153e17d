/* harness.h - a tiny unit-test harness (cmark's api_test style).
 *
 *   static void test_x(void) { CHECK(1 + 1 == 2); STR_EQ(s, "x"); }
 *   int main(void) { RUN(test_x); return REPORT(); }
 *
 * REPORT() prints "N passed, N failed" and returns the exit status. */
#ifndef PITH_TEST_HARNESS_H
#define PITH_TEST_HARNESS_H

#include <stdio.h>
#include <string.h>

static int harness_passed, harness_failed;
static const char *harness_current;

#define CHECK(cond)                                                                   \
  do {                                                                                \
    if (cond) {                                                                       \
      harness_passed++;                                                               \
    } else {                                                                          \
      harness_failed++;                                                               \
      fprintf(stderr, "%s:%d: %s: CHECK(%s) failed\n", __FILE__, __LINE__,           \
              harness_current, #cond);                                                \
    }                                                                                 \
  } while (0)

#define INT_EQ(got, want)                                                             \
  do {                                                                                \
    long long g_ = (long long)(got), w_ = (long long)(want);                          \
    if (g_ == w_) {                                                                   \
      harness_passed++;                                                               \
    } else {                                                                          \
      harness_failed++;                                                               \
      fprintf(stderr, "%s:%d: %s: %s == %lld, want %lld\n", __FILE__, __LINE__,       \
              harness_current, #got, g_, w_);                                         \
    }                                                                                 \
  } while (0)

/* Compares a NUL-terminated (or NULL) string with the expected one. */
#define STR_EQ(got, want)                                                             \
  do {                                                                                \
    const char *g_ = (got), *w_ = (want);                                             \
    if ((g_ == NULL && w_ == NULL) || (g_ && w_ && strcmp(g_, w_) == 0)) {            \
      harness_passed++;                                                               \
    } else {                                                                          \
      harness_failed++;                                                               \
      fprintf(stderr, "%s:%d: %s: %s == \"%s\", want \"%s\"\n", __FILE__, __LINE__,   \
              harness_current, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)");         \
    }                                                                                 \
  } while (0)

/* Compares a (ptr, len) span with a NUL-terminated expected string. */
#define SPAN_EQ(ptr, len, want)                                                       \
  do {                                                                                \
    const char *p_ = (ptr), *w_ = (want);                                             \
    size_t l_ = (len);                                                                \
    if ((p_ == NULL && w_ == NULL) ||                                                 \
        (p_ && w_ && strlen(w_) == l_ && memcmp(p_, w_, l_) == 0)) {                  \
      harness_passed++;                                                               \
    } else {                                                                          \
      harness_failed++;                                                               \
      fprintf(stderr, "%s:%d: %s: %s == \"%.*s\", want \"%s\"\n", __FILE__, __LINE__, \
              harness_current, #ptr, p_ ? (int)l_ : 6, p_ ? p_ : "(null)",            \
              w_ ? w_ : "(null)");                                                    \
    }                                                                                 \
  } while (0)

#define RUN(fn)              \
  do {                       \
    harness_current = #fn;   \
    fn();                    \
  } while (0)

#define REPORT()                                                       \
  (printf("%d passed, %d failed\n", harness_passed, harness_failed),   \
   harness_failed ? 1 : 0)

#endif
