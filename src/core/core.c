/* core.c - allocation, arena, buffers, strings, UTF-8. */
#include "core/core.h"

#include <stdatomic.h>
#include <stdlib.h>

/* ---- allocation with failure injection ------------------------------ */
/* Test hooks. The counter is atomic: extractors on several threads
 * allocate at once (pith warc --jobs N). */
static _Atomic unsigned long S_fail_at; /* 0 = never; else fail when count reaches it */
static _Atomic unsigned long S_count;

void pith_alloc_fail_after(unsigned long n) {
  atomic_store_explicit(&S_count, 0, memory_order_relaxed);
  atomic_store_explicit(&S_fail_at, n, memory_order_relaxed);
}
unsigned long pith_alloc_count(void) { return atomic_load_explicit(&S_count, memory_order_relaxed); }

static int S_should_fail(void) {
  unsigned long c = atomic_fetch_add_explicit(&S_count, 1, memory_order_relaxed) + 1;
  unsigned long f = atomic_load_explicit(&S_fail_at, memory_order_relaxed);
  return f && c >= f;
}
void *pith_malloc(size_t n) { return S_should_fail() ? NULL : malloc(n ? n : 1); }
void *pith_realloc(void *p, size_t n) {
  return S_should_fail() ? NULL : realloc(p, n ? n : 1);
}
void pith_free(void *p) { free(p); }

/* ---- arena ---------------------------------------------------------- */
struct pith_arena_chunk {
  pith_arena_chunk *next;
  size_t size, used;
  /* data follows, 16-byte aligned */
  _Alignas(16) unsigned char data[];
};

#define ARENA_CHUNK 65536

void pith_arena_init(pith_arena *a, size_t cap) {
  a->head = NULL;
  a->used_total = 0;
  a->cap = cap;
}

void *pith_arena_alloc(pith_arena *a, size_t n) {
  n = (n + 7) & ~(size_t)7;
  if (n == 0) n = 8;
  if (a->cap && a->used_total + n > a->cap) return NULL;
  pith_arena_chunk *c = a->head;
  if (!c || c->size - c->used < n) {
    size_t sz = n > ARENA_CHUNK / 2 ? n : ARENA_CHUNK;
    c = pith_malloc(sizeof *c + sz);
    if (!c) return NULL;
    c->size = sz;
    c->used = 0;
    if (a->head && sz != ARENA_CHUNK) {
      /* big one-off block: keep the current chunk at the head */
      c->next = a->head->next;
      a->head->next = c;
    } else {
      c->next = a->head;
      a->head = c;
    }
  }
  void *p = c->data + c->used;
  c->used += n;
  a->used_total += n;
  return p;
}

char *pith_arena_strndup(pith_arena *a, const char *s, size_t n) {
  char *p = pith_arena_alloc(a, n + 1);
  if (!p) return NULL;
  if (n) memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

void pith_arena_reset(pith_arena *a) {
  pith_arena_chunk *keep = NULL, *c = a->head;
  while (c) {
    pith_arena_chunk *next = c->next;
    if (!keep && c->size == ARENA_CHUNK) {
      keep = c;
    } else {
      pith_free(c);
    }
    c = next;
  }
  if (keep) {
    keep->next = NULL;
    keep->used = 0;
  }
  a->head = keep;
  a->used_total = 0;
}

void pith_arena_free(pith_arena *a) {
  pith_arena_chunk *c = a->head;
  while (c) {
    pith_arena_chunk *next = c->next;
    pith_free(c);
    c = next;
  }
  a->head = NULL;
  a->used_total = 0;
}

/* ---- buffers ---------------------------------------------------------- */
void pith_buf_init(pith_buf *b, size_t max) {
  b->p = NULL;
  b->len = b->cap = 0;
  b->max = max;
  b->err = 0;
}

int pith_buf_reserve(pith_buf *b, size_t extra) {
  if (b->err) return b->err;
  size_t need = b->len + extra + 1;
  if (need < b->len) return b->err = PITH_ERR_LIMIT;
  if (b->max && need > b->max + 1) return b->err = PITH_ERR_LIMIT;
  if (need <= b->cap) return 0;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < need) cap = cap * 2;
  if (b->max && cap > b->max + 1) cap = b->max + 1;
  char *p = pith_realloc(b->p, cap);
  if (!p) return b->err = PITH_ERR_NOMEM;
  b->p = p;
  b->cap = cap;
  return 0;
}

int pith_buf_put(pith_buf *b, const void *s, size_t n) {
  if (pith_buf_reserve(b, n)) return b->err;
  if (n) memcpy(b->p + b->len, s, n);
  b->len += n;
  return 0;
}
int pith_buf_putc(pith_buf *b, char c) {
  if (b->len + 1 < b->cap && !b->err) {
    b->p[b->len++] = c;
    return 0;
  }
  return pith_buf_put(b, &c, 1);
}
int pith_buf_puts(pith_buf *b, const char *s) { return pith_buf_put(b, s, strlen(s)); }
int pith_buf_nul(pith_buf *b) {
  if (pith_buf_reserve(b, 0)) return b->err;
  b->p[b->len] = '\0';
  return 0;
}
void pith_buf_free(pith_buf *b) {
  pith_free(b->p);
  b->p = NULL;
  b->len = b->cap = 0;
  b->err = 0;
}

/* ---- strings ---------------------------------------------------------- */
int pith_ieq(const char *a, size_t an, const char *b) {
  size_t i = 0;
  for (; i < an; i++) {
    if (!b[i] || pith_lower((unsigned char)a[i]) != pith_lower((unsigned char)b[i])) return 0;
  }
  return b[i] == '\0';
}

int pith_istarts(const char *a, size_t an, const char *prefix) {
  size_t i = 0;
  for (; prefix[i]; i++) {
    if (i >= an || pith_lower((unsigned char)a[i]) != pith_lower((unsigned char)prefix[i]))
      return 0;
  }
  return 1;
}

long pith_ifind(const char *hay, size_t hn, const char *needle) {
  size_t nn = strlen(needle);
  if (nn == 0) return 0;
  if (nn > hn) return -1;
  unsigned char first = pith_lower((unsigned char)needle[0]);
  size_t last = hn - nn; /* the last possible start */
  if (first - 'a' >= 26u) {
    /* not a letter: one case, memchr finds the candidates */
    const char *p = hay, *end = hay + last + 1;
    while (p < end && (p = memchr(p, first, (size_t)(end - p)))) {
      size_t j = 1;
      while (j < nn && pith_lower((unsigned char)p[j]) == pith_lower((unsigned char)needle[j])) j++;
      if (j == nn) return (long)(p - hay);
      p++;
    }
    return -1;
  }
  for (size_t i = 0; i <= last; i++) {
    /* c | 0x20 is the lower case of a letter (and never equals a letter
     * otherwise, except for the bytes that are that letter's cases) */
    if (((unsigned char)hay[i] | 0x20) != first) continue;
    size_t j = 1;
    while (j < nn && pith_lower((unsigned char)hay[i + j]) == pith_lower((unsigned char)needle[j])) j++;
    if (j == nn) return (long)i;
  }
  return -1;
}

/* Width of a Unicode space at s (NBSP, en/em spaces, ZWSP, BOM...), else 0. */
static size_t S_uspace(const unsigned char *s, size_t n) {
  if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0) return 2;
  if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
      ((s[2] >= 0x80 && s[2] <= 0x8B) || s[2] == 0xAF || s[2] == 0xA8 || s[2] == 0xA9))
    return 3;
  if (n >= 3 && s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F) return 3;
  if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) return 3;
  if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) return 3;
  return 0;
}

void pith_trim(const char **sp, size_t *np) {
  const unsigned char *s = (const unsigned char *)*sp;
  size_t n = *np, w;
  /* (Unicode spaces are looked for only when a non-ASCII byte is there) */
  for (;;) {
    if (n && pith_is_space(*s)) { s++; n--; continue; }
    if (n && *s >= 0x80 && (w = S_uspace(s, n))) { s += w; n -= w; continue; }
    break;
  }
  for (;;) {
    if (n && pith_is_space(s[n - 1])) { n--; continue; }
    if (n && s[n - 1] < 0x80) break;
    if (n >= 2 && s[n - 2] == 0xC2 && s[n - 1] == 0xA0) { n -= 2; continue; }
    if (n >= 3 && S_uspace(s + n - 3, 3) == 3) { n -= 3; continue; }
    break;
  }
  *sp = (const char *)s;
  *np = n;
}

/* Printable ASCII, and the bytes of other characters that cannot start a
 * Unicode space (S_uspace: those start C2, E2, E3 or EF). */
static inline int S_plain(unsigned char c) {
  return c > ' ' && c != 0xC2 && c != 0xE2 && c != 0xE3 && c != 0xEF;
}

int pith_buf_put_collapsed(pith_buf *out, const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  int space = out->len == 0 || out->p[out->len - 1] == ' ' || out->p[out->len - 1] == '\n';
  if (pith_buf_reserve(out, n)) return out->err;
  char *d = out->p + out->len;
  size_t i = 0;
  while (i < n) {
    /* fastest path: eight bytes of printable ASCII and single spaces (not
     * continuing a space) are copied as they are. The space test may flag
     * a byte after a real space too: that only sends it to the exact
     * path below. */
    while (i + 8 <= n) {
      uint64_t x;
      memcpy(&x, u + i, 8);
      /* a byte < 0x20 (its subtraction borrows) or >= 0x80 */
      if (((x - 0x2020202020202020ULL) | x) & 0x8080808080808080ULL) break;
      uint64_t y = x ^ 0x2020202020202020ULL;
      uint64_t z = (y - 0x0101010101010101ULL) & ~y & 0x8080808080808080ULL;
      if (z & (z >> 8)) break;       /* two spaces in a row (or a false alarm) */
      if (space && u[i] == ' ') break; /* a space after a space */
      memcpy(d, u + i, 8);
      d += 8;
      space = u[i + 7] == ' ';
      i += 8;
    }
    if (i >= n) break;
    /* fast path: a run of plain bytes (S_plain), single spaces between
     * words included, copied in one go */
    size_t j = i;
    while (j < n) {
      unsigned char c = u[j];
      if (S_plain(c)) { j++; continue; }
      if (c == ' ' && j + 1 < n && S_plain(u[j + 1]) && (j > i || !space)) {
        j++;
        continue;
      }
      break;
    }
    if (j > i) {
      memcpy(d, u + i, j - i);
      d += j - i;
      space = 0;
      i = j;
      if (i >= n) break;
    }
    unsigned char c = u[i];
    if (c < 0x80) {
      if (pith_is_space(c)) {
        if (!space) { *d++ = ' '; space = 1; }
      } else {
        *d++ = (char)c; /* other control characters are kept */
        space = 0;
      }
      i++;
      continue;
    }
    size_t w = S_uspace(u + i, n - i);
    if (w) {
      /* zero-width characters vanish, others become a space */
      int zw = (w == 3 && u[i] == 0xE2 && u[i + 1] == 0x80 && u[i + 2] >= 0x8B && u[i + 2] <= 0x8D) ||
               (w == 3 && u[i] == 0xEF);
      if (!zw && !space) { *d++ = ' '; space = 1; }
      i += w;
      continue;
    }
    *d++ = (char)c;
    space = 0;
    i++;
  }
  out->len = (size_t)(d - out->p);
  return 0;
}

/* ---- UTF-8 ------------------------------------------------------------ */
int pith_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp) {
  unsigned char c = s[0];
  if (c < 0x80) { *cp = c; return 1; }
  if (c >= 0xC2 && c <= 0xDF) {
    if (n >= 2 && (s[1] & 0xC0) == 0x80) { *cp = ((uint32_t)(c & 0x1F) << 6) | (s[1] & 0x3F); return 2; }
  } else if (c >= 0xE0 && c <= 0xEF) {
    if (n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
      uint32_t v = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
      if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) { *cp = v; return 3; }
    }
  } else if (c >= 0xF0 && c <= 0xF4) {
    if (n >= 4 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80) {
      uint32_t v = ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
                   ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
      if (v >= 0x10000 && v <= 0x10FFFF) { *cp = v; return 4; }
    }
  }
  *cp = 0xFFFD;
  return 1;
}

int pith_utf8_encode(uint32_t cp, char out[4]) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) { out[0] = (char)cp; return 1; }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

size_t pith_utf8_valid_prefix(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    /* fast path: 8 ASCII bytes at a time */
    while (i + 8 <= n) {
      uint64_t w;
      memcpy(&w, u + i, 8);
      /* stop at non-ASCII bytes and at NUL bytes */
      if ((w & 0x8080808080808080ULL) ||
          ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL))
        break;
      i += 8;
    }
    if (i >= n) break;
    if (u[i] < 0x80) {
      if (u[i] == 0) return i;
      i++;
      continue;
    }
    uint32_t cp;
    int w = pith_utf8_decode(u + i, n - i, &cp);
    if (cp == 0xFFFD && !(w == 3 && u[i] == 0xEF && u[i + 1] == 0xBF && u[i + 2] == 0xBD)) return i;
    i += (size_t)w;
  }
  return i;
}

int pith_utf8_sanitize(pith_buf *out, const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    size_t ok = pith_utf8_valid_prefix(s + i, n - i);
    if (pith_buf_put(out, s + i, ok)) return out->err;
    i += ok;
    if (i >= n) break;
    uint32_t cp;
    int w = pith_utf8_decode((const unsigned char *)s + i, n - i, &cp);
    if (s[i] == 0) w = 1;
    if (pith_buf_put(out, "\xEF\xBF\xBD", 3)) return out->err;
    i += (size_t)w;
  }
  return 0;
}

size_t pith_utf8_count(const char *s, size_t n) {
  size_t c = 0;
  for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
  return c;
}
