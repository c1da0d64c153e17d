/* fuzz_common.h - helpers shared by pith's libFuzzer targets.
 *
 * Every target takes its options from the first bytes of the input (cmark,
 * md4c, libxml2 style) and checks the library's contracts, not just "no
 * crash": output is valid UTF-8, an injected allocation failure surfaces as
 * PITH_ERR_NOMEM, results are deterministic. A broken contract abort()s so
 * libFuzzer records the input. */
#ifndef PITH_FUZZ_COMMON_H
#define PITH_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "pith.h"

/* A cursor over the fuzz input. */
typedef struct fz {
  const uint8_t *p;
  size_t n;
} fz;

static inline unsigned fz_u8(fz *f) {
  if (!f->n) return 0;
  f->n--;
  return *f->p++;
}
static inline unsigned fz_u16(fz *f) {
  unsigned a = fz_u8(f);
  return a | (fz_u8(f) << 8);
}

#define FZ_FAIL(...)                                                   \
  do {                                                                 \
    fprintf(stderr, "fuzz contract broken at %s:%d: ", __FILE__, __LINE__); \
    fprintf(stderr, __VA_ARGS__);                                      \
    fputc('\n', stderr);                                               \
    abort();                                                           \
  } while (0)

/* Valid UTF-8 (and optionally no NUL) or abort. */
static inline void fz_check_utf8(const char *what, const char *s, size_t n, int no_nul) {
  if (!s) {
    if (n) FZ_FAIL("%s: NULL with length %zu", what, n);
    return;
  }
  size_t v = pith_utf8_valid_prefix(s, n);
  if (v != n) FZ_FAIL("%s: invalid UTF-8 at byte %zu of %zu", what, v, n);
  if (no_nul && memchr(s, 0, n)) FZ_FAIL("%s: NUL byte in output", what);
}

/* Rendering sink that collects bytes (bounded) into a static buffer. */
typedef struct fz_sink {
  char *p;
  size_t len, cap;
  int nomem;
} fz_sink;

static inline int fz_sink_fn(void *ud, const char *p, size_t n) {
  fz_sink *s = ud;
  if (s->len + n > s->cap) {
    size_t nc = s->cap ? s->cap : 4096;
    while (nc < s->len + n) nc *= 2;
    char *q = realloc(s->p, nc);
    if (!q) {
      s->nomem = 1;
      return 1;
    }
    s->p = q;
    s->cap = nc;
  }
  memcpy(s->p + s->len, p, n);
  s->len += n;
  return 0;
}

/* Check the whole document: text, blocks, fields, lists are valid UTF-8;
 * the JSONL rendering is one line of valid UTF-8. */
static inline void fz_check_doc(const pith_doc *d) {
  if (!d) return;
  pith_str t = pith_doc_text(d);
  fz_check_utf8("text", t.ptr, t.len, 1);
  size_t nb = pith_doc_block_count(d);
  for (size_t i = 0; i < nb; i++) {
    pith_block_kind k;
    int lv;
    pith_str b = pith_doc_block(d, i, &k, &lv);
    fz_check_utf8("block", b.ptr, b.len, 1);
    if ((unsigned)k > PITH_B_CAPTION) FZ_FAIL("block kind %u", (unsigned)k);
  }
  for (int f = 0; f < PITH_F_COUNT; f++) {
    pith_str s = pith_doc_field(d, (pith_field)f);
    if (s.ptr) fz_check_utf8(pith_field_name((pith_field)f), s.ptr, s.len, 1);
  }
  for (int l = 0; l < PITH_L_COUNT; l++) {
    size_t n = pith_doc_list_count(d, (pith_list)l);
    for (size_t i = 0; i < n; i++) {
      pith_str s = pith_doc_list_item(d, (pith_list)l, i);
      fz_check_utf8(pith_list_name((pith_list)l), s.ptr, s.len, 1);
    }
  }
  const char *msg = pith_doc_message(d);
  fz_check_utf8("message", msg, strlen(msg), 1);
  fz_sink s = {0};
  pith_status rs = pith_render(d, PITH_FMT_JSONL, "fuzz", fz_sink_fn, &s);
  if (rs == PITH_OK && !s.nomem) {
    fz_check_utf8("jsonl", s.p, s.len, 1);
    if (s.len == 0 || s.p[s.len - 1] != '\n') FZ_FAIL("jsonl: does not end in a newline");
    if (memchr(s.p, '\n', s.len - 1)) FZ_FAIL("jsonl: newline inside the record");
  }
  free(s.p);
}

/* Content types the HTML targets choose from. */
static const char *const fz_ctypes[] = {
  NULL, "text/html", "text/html; charset=utf-8", "text/html; charset=iso-8859-1",
  "text/html; charset=windows-1251", "text/html; charset=shift_jis", "text/html; charset=gb18030",
  "text/html; charset=utf-16le", "text/html; charset=utf-16be", "text/html; charset=utf-7",
  "text/html; charset=x-user-defined", "text/html; charset=\"euc-kr\"", "text/html; charset=garbage\\\"",
  "application/xhtml+xml; charset=big5", "text/plain; charset=iso-2022-jp", "text/html; charset=",
};
#define FZ_NCTYPES (sizeof fz_ctypes / sizeof fz_ctypes[0])

static const char *const fz_urls[] = {
  NULL, "https://example.com/2023/02/28/story-slug.html", "http://a/", "", "not a url",
  "https://news.example.co.uk/world/europe/article-12345?utm=1#frag",
};
#define FZ_NURLS (sizeof fz_urls / sizeof fz_urls[0])

#endif
