/* fields.c - setting metadata fields and lists with source priorities. */
#include "core/doc.h"
#include "meta/meta.h"

/* Width of a Unicode space / zero-width character at s, or 0. */
static size_t S_uspace(const unsigned char *s, size_t n, int *zw) {
  *zw = 0;
  if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0) return 2;
  if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80) {
    unsigned char c = s[2];
    if (c >= 0x8B && c <= 0x8D) { *zw = 1; return 3; }
    if ((c >= 0x80 && c <= 0x8A) || c == 0xA8 || c == 0xA9 || c == 0xAF) return 3;
    return 0;
  }
  if (n >= 3 && s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F) return 3;
  if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) return 3;
  if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) { *zw = 1; return 3; }
  return 0;
}

size_t pith_meta_collapse(char *dst, const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0, o = 0;
  int space = 1; /* drop leading space */
  while (i < n) {
    unsigned char c = u[i];
    if (c < 0x80) {
      if (pith_is_space(c) || c == 0) {
        if (!space) { dst[o++] = ' '; space = 1; }
      } else {
        dst[o++] = (char)c;
        space = 0;
      }
      i++;
      continue;
    }
    int zw;
    size_t w = S_uspace(u + i, n - i, &zw);
    if (w) {
      if (!zw && !space) { dst[o++] = ' '; space = 1; }
      i += w;
      continue;
    }
    dst[o++] = (char)c;
    space = 0;
    i++;
  }
  while (o && dst[o - 1] == ' ') o--;
  dst[o] = '\0';
  return o;
}

static int S_copy(pith_arena *a, const char *s, size_t n, pith_str *out) {
  char *d = pith_arena_alloc(a, n + 1);
  if (!d) return -PITH_ERR_NOMEM;
  size_t k = pith_meta_collapse(d, s, n);
  /* Every field is valid UTF-8, whatever a caller's length cap did to a
   * character: bytes of a cut or invalid sequence are dropped (in place). */
  if (pith_utf8_valid_prefix(d, k) < k) {
    size_t r = 0, w = 0;
    while (r < k) {
      size_t ok = pith_utf8_valid_prefix(d + r, k - r);
      memmove(d + w, d + r, ok);
      w += ok;
      r += ok;
      if (r < k) r++; /* skip one bad byte (a NUL counts as bad too) */
    }
    k = w;
    d[k] = '\0';
  }
  out->ptr = d;
  out->len = k;
  return 0;
}

int pith_meta_set(pith_meta *m, pith_arena *a, pith_field f, const char *s, size_t n,
                  int pri, const char *src) {
  if (!m || (unsigned)f >= PITH_F_COUNT || !s) return 0;
  if (m->f[f].ptr && m->pri[f] >= pri) return 0;
  pith_trim(&s, &n);
  if (!n) return 0;
  pith_str v;
  if (S_copy(a, s, n, &v)) return -PITH_ERR_NOMEM;
  if (!v.len) return 0;
  m->f[f] = v;
  m->pri[f] = (unsigned char)pri;
  m->src[f] = src;
  return 1;
}

int pith_meta_list_claim(pith_meta *m, pith_list l, int pri, const char *src) {
  if (!m || (unsigned)l >= PITH_L_COUNT) return 0;
  if (m->l[l].n && m->lpri[l] >= pri) return 0;
  m->l[l].n = 0;
  m->lpri[l] = (unsigned char)pri;
  m->lsrc[l] = src;
  return 1;
}

/* Case-insensitive (ASCII) equality of two spans. */
static int S_ieq2(const char *a, size_t an, const char *b, size_t bn) {
  if (an != bn) return 0;
  for (size_t i = 0; i < an; i++)
    if (pith_lower((unsigned char)a[i]) != pith_lower((unsigned char)b[i])) return 0;
  return 1;
}

int pith_meta_list_add(pith_meta *m, pith_arena *a, pith_list l, const char *s, size_t n) {
  if (!m || (unsigned)l >= PITH_L_COUNT || !s) return 0;
  pith_trim(&s, &n);
  if (!n) return 0;
  pith_strlist *L = &m->l[l];
  if (L->n >= 5000) return 0; /* a sane cap */
  pith_str v;
  if (S_copy(a, s, n, &v)) return -PITH_ERR_NOMEM;
  if (!v.len) return 0;
  /* duplicates: all items for short lists, the last 256 for long ones
   * (comments), so adding stays linear */
  for (size_t i = L->n > 256 ? L->n - 256 : 0; i < L->n; i++)
    if (S_ieq2(L->v[i].ptr, L->v[i].len, v.ptr, v.len)) return 0;
  if (L->n == L->cap) {
    size_t nc = L->cap ? L->cap * 2 : 4;
    pith_str *nv = pith_arena_alloc(a, nc * sizeof *nv);
    if (!nv) return -PITH_ERR_NOMEM;
    if (L->n) memcpy(nv, L->v, L->n * sizeof *nv);
    L->v = nv;
    L->cap = nc;
  }
  L->v[L->n++] = v;
  if (!m->lpri[l]) m->lpri[l] = PITH_PRI_TEXT;
  return 1;
}
