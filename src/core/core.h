/* core.h - arena, capped growable buffers, small string helpers.
 *
 * Ownership in one sentence: an arena owns everything allocated from it and
 * frees it all at pith_arena_reset/free; a pith_buf owns its bytes until
 * pith_buf_free. Nothing here aborts: every allocation failure is returned. */
#ifndef PITH_CORE_H
#define PITH_CORE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "pith.h"

/* Allocation hooks (failure injection in tests swaps these). */
void *pith_malloc(size_t n);
void *pith_realloc(void *p, size_t n);
void pith_free(void *p);
/* Test hook: fail the Nth allocation from now on (0 = never). */
void pith_alloc_fail_after(unsigned long n);
unsigned long pith_alloc_count(void);

/* ---- arena ---------------------------------------------------------- */
typedef struct pith_arena_chunk pith_arena_chunk;
typedef struct pith_arena {
  pith_arena_chunk *head;
  size_t used_total;  /* bytes handed out since the last reset */
  size_t cap;         /* 0 = unlimited */
} pith_arena;

void pith_arena_init(pith_arena *a, size_t cap);
void *pith_arena_alloc(pith_arena *a, size_t n);  /* 8-byte aligned, NULL on failure */
char *pith_arena_strndup(pith_arena *a, const char *s, size_t n); /* NUL-terminated */
void pith_arena_reset(pith_arena *a);  /* keeps the first chunk */
void pith_arena_free(pith_arena *a);

/* ---- capped growable buffer ---------------------------------------- */
typedef struct pith_buf {
  char *p;
  size_t len, cap;
  size_t max;  /* growth beyond this fails with PITH_ERR_LIMIT; 0 = no cap */
  int err;     /* sticky: first failure (PITH_ERR_NOMEM / PITH_ERR_LIMIT) */
} pith_buf;

void pith_buf_init(pith_buf *b, size_t max);
int pith_buf_reserve(pith_buf *b, size_t extra);
int pith_buf_put(pith_buf *b, const void *s, size_t n);
int pith_buf_putc(pith_buf *b, char c);
int pith_buf_puts(pith_buf *b, const char *s);
/* Makes p[len] == '\0' without counting it. */
int pith_buf_nul(pith_buf *b);
static inline void pith_buf_clear(pith_buf *b) { b->len = 0; b->err = 0; }
void pith_buf_free(pith_buf *b);

/* JSON string literal of s (quotes included) appended to b: valid UTF-8,
 * escapes as pith_json_escape (src/out/json_str.c). */
int pith_buf_put_json(pith_buf *b, const char *s, size_t n);
/* pith_json_escape without the quotes. */
size_t pith_json_escape_body(char *dst, const char *s, size_t n);

/* ---- strings ---------------------------------------------------------- */
static inline int pith_is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
/* memchr for spans that are usually short (a line, the text between two
 * JSON escapes): the first 32 bytes eight at a time inline, the rest by
 * memchr. */
static inline const char *pith_memchr_short(const char *p, unsigned char c, size_t n) {
  const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
  size_t i = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  for (; i + 8 <= n && i < 32; i += 8) {
    uint64_t x;
    memcpy(&x, p + i, 8);
    x ^= ones * c;
    uint64_t z = (x - ones) & ~x & high; /* the lowest flagged byte is exact */
    if (z) return p + i + ((size_t)__builtin_ctzll(z) >> 3);
  }
#endif
  return i < n ? (const char *)memchr(p + i, c, n - i) : NULL;
}

static inline unsigned char pith_lower(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}
/* Case-insensitive ASCII comparisons on (ptr,len) spans. */
int pith_ieq(const char *a, size_t an, const char *b);
int pith_istarts(const char *a, size_t an, const char *prefix);
/* Case-insensitive substring search; returns offset or -1. */
long pith_ifind(const char *hay, size_t hn, const char *needle);
/* Trim ASCII and Unicode (NBSP, zero-width) whitespace from both ends. */
void pith_trim(const char **s, size_t *n);
/* Append s to out with runs of whitespace collapsed to one space and
 * leading/trailing space dropped relative to what out already ends with. */
int pith_buf_put_collapsed(pith_buf *out, const char *s, size_t n);

/* ---- UTF-8 ------------------------------------------------------------ */
/* Decode one code point at s (n bytes available). Returns bytes consumed
 * (>=1); *cp = 0xFFFD for an invalid sequence (consumes 1 byte). */
int pith_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
int pith_utf8_encode(uint32_t cp, char out[4]);
/* Length in bytes of the longest valid UTF-8 prefix. */
size_t pith_utf8_valid_prefix(const char *s, size_t n);
/* Copy s into out replacing NUL and invalid sequences with U+FFFD. */
int pith_utf8_sanitize(pith_buf *out, const char *s, size_t n);
/* Number of code points. */
size_t pith_utf8_count(const char *s, size_t n);

#endif
