/* dedup.c - near-duplicate clusters: MinHash + LSH + union-find.
 *
 * Text -> words (ASCII letters/digits lower-cased, other scripts' letters
 * kept as bytes, each CJK character a word of its own) -> 5-word shingles
 * -> one 64-bit hash per shingle -> one-permutation MinHash: the top 7 bits
 * choose one of 128 bins, each bin keeps its smallest hash; empty bins take
 * the next filled bin's value (rotation densification), so a short text
 * still has 128 comparable values. 16 bands of 8 values are hashed to band
 * keys; the first document seen with a key owns it and every later one is
 * joined to it (union-find by index, so a cluster is named by its first
 * document). No signature is kept after a document is added. */
#include "core/core.h"

#define K 128     /* MinHash values */
#define BANDS 16
#define ROWS 8    /* K / BANDS */
#define SHINGLE 5

typedef struct bucket {
  uint64_t key; /* 0 = empty */
  uint32_t doc;
} bucket;

struct pith_dedup {
  uint32_t *parent;
  uint32_t *size;
  size_t n, cap;
  bucket *tab;
  size_t tab_cap, tab_n; /* power of two */
};

static inline uint64_t S_mix(uint64_t x) {
  /* a 64-bit finaliser (splitmix-style): good avalanche, no table */
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}
static inline uint64_t S_rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

pith_dedup *pith_dedup_new(void) {
  pith_dedup *d = pith_malloc(sizeof *d);
  if (!d) return NULL;
  memset(d, 0, sizeof *d);
  return d;
}

void pith_dedup_free(pith_dedup *d) {
  if (!d) return;
  pith_free(d->parent);
  pith_free(d->size);
  pith_free(d->tab);
  pith_free(d);
}

size_t pith_dedup_count(const pith_dedup *d) { return d ? d->n : 0; }

static uint32_t S_find(pith_dedup *d, uint32_t i) {
  while (d->parent[i] != i) {
    d->parent[i] = d->parent[d->parent[i]]; /* path halving */
    i = d->parent[i];
  }
  return i;
}

static void S_union(pith_dedup *d, uint32_t a, uint32_t b) {
  a = S_find(d, a);
  b = S_find(d, b);
  if (a == b) return;
  if (b < a) { uint32_t t = a; a = b; b = t; } /* the older document names the cluster */
  d->parent[b] = a;
  d->size[a] += d->size[b];
}

size_t pith_dedup_cluster(pith_dedup *d, size_t i) {
  if (!d || i >= d->n) return (size_t)-1;
  return S_find(d, (uint32_t)i);
}

size_t pith_dedup_cluster_size(pith_dedup *d, size_t i) {
  if (!d || i >= d->n) return 0;
  return d->size[S_find(d, (uint32_t)i)];
}

/* Look a band key up; insert it for doc when absent. Returns the owner. */
static int S_bucket(pith_dedup *d, uint64_t key, uint32_t doc, uint32_t *owner) {
  if (key == 0) key = 1;
  if ((d->tab_n + 1) * 2 > d->tab_cap) {
    size_t ncap = d->tab_cap ? d->tab_cap * 2 : 1024;
    bucket *nt = pith_malloc(ncap * sizeof *nt);
    if (!nt) return PITH_ERR_NOMEM;
    memset(nt, 0, ncap * sizeof *nt);
    for (size_t i = 0; i < d->tab_cap; i++) {
      if (!d->tab[i].key) continue;
      size_t h = (size_t)S_mix(d->tab[i].key) & (ncap - 1);
      while (nt[h].key) h = (h + 1) & (ncap - 1);
      nt[h] = d->tab[i];
    }
    pith_free(d->tab);
    d->tab = nt;
    d->tab_cap = ncap;
  }
  size_t h = (size_t)S_mix(key) & (d->tab_cap - 1);
  while (d->tab[h].key) {
    if (d->tab[h].key == key) {
      *owner = d->tab[h].doc;
      return 0;
    }
    h = (h + 1) & (d->tab_cap - 1);
  }
  d->tab[h].key = key;
  d->tab[h].doc = doc;
  d->tab_n++;
  *owner = doc;
  return 0;
}

/* What a code point is to the word splitter. */
enum { C_SEP = 0, C_LETTER, C_DIGIT, C_CJK };
static int S_class(uint32_t cp) {
  if (cp < 0x80) {
    if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') return C_LETTER;
    if (cp >= '0' && cp <= '9') return C_DIGIT;
    return C_SEP;
  }
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return C_SEP;        /* Latin-1 symbols */
  if (cp >= 0x2000 && cp <= 0x2BFF) return C_SEP;                  /* punctuation, arrows, symbols */
  if (cp >= 0x3000 && cp <= 0x303F) return C_SEP;                  /* CJK punctuation */
  if (cp >= 0xFF00 && cp <= 0xFF20) return C_SEP;                  /* fullwidth punctuation */
  if (cp == 0xFFFD || (cp >= 0xFE00 && cp <= 0xFE6F)) return C_SEP;
  if ((cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || cp >= 0x20000)
    return C_CJK;                                                  /* one character, one word */
  return C_LETTER;
}

/* Next word of s from *pos: its hash in *h. 0 at the end. Numbers alone
 * (dates, prices, scores) are not words. */
static int S_word(const unsigned char *s, size_t n, size_t *pos, uint64_t *h) {
  size_t i = *pos;
  while (i < n) {
    uint32_t cp;
    int w = pith_utf8_decode(s + i, n - i, &cp);
    int c = S_class(cp);
    if (c == C_SEP) { i += (size_t)w; continue; }
    uint64_t x = 14695981039346656037ULL;
    if (c == C_CJK) {
      for (int k = 0; k < w; k++) x = (x ^ s[i + k]) * 1099511628211ULL;
      *pos = i + (size_t)w;
      *h = x;
      return 1;
    }
    int letters = 0;
    while (i < n) {
      w = pith_utf8_decode(s + i, n - i, &cp);
      c = S_class(cp);
      if (c != C_LETTER && c != C_DIGIT) break;
      letters |= c == C_LETTER;
      for (int k = 0; k < w; k++) {
        unsigned char b = s[i + k];
        if (b >= 'A' && b <= 'Z') b = (unsigned char)(b + 32);
        x = (x ^ b) * 1099511628211ULL;
      }
      i += (size_t)w;
    }
    if (!letters) continue;
    *pos = i;
    *h = x;
    return 1;
  }
  *pos = i;
  return 0;
}

pith_status pith_dedup_add(pith_dedup *d, const char *text, size_t len, size_t *index) {
  if (!d || (!text && len)) return PITH_ERR_ARG;
  if (d->n >= 0xFFFFFFF0u) return PITH_ERR_LIMIT;
  if (d->n == d->cap) {
    size_t ncap = d->cap ? d->cap * 2 : 1024;
    uint32_t *p = pith_realloc(d->parent, ncap * sizeof *p);
    if (!p) return PITH_ERR_NOMEM;
    d->parent = p;
    uint32_t *z = pith_realloc(d->size, ncap * sizeof *z);
    if (!z) return PITH_ERR_NOMEM;
    d->size = z;
    d->cap = ncap;
  }
  uint32_t doc = (uint32_t)d->n;
  /* MinHash signature */
  uint64_t bins[K];
  for (int k = 0; k < K; k++) bins[k] = UINT64_MAX;
  uint64_t ring[SHINGLE] = {0};
  size_t words = 0, pos = 0, shingles = 0;
  uint64_t w;
  const unsigned char *u = (const unsigned char *)(text ? text : "");
  while (S_word(u, len, &pos, &w)) {
    ring[words % SHINGLE] = w;
    words++;
    if (words < SHINGLE) continue;
    uint64_t sh = 0;
    for (int k = 0; k < SHINGLE; k++) sh ^= S_rotl(ring[(words + (size_t)k) % SHINGLE], 13 * k + 1);
    sh = S_mix(sh);
    unsigned b = (unsigned)(sh >> 57);
    uint64_t v = sh & 0x01FFFFFFFFFFFFFFULL;
    if (v < bins[b]) bins[b] = v;
    shingles++;
  }
  d->parent[doc] = doc;
  d->size[doc] = 1;
  d->n++;
  if (index) *index = doc;
  if (!shingles) return PITH_NO_CONTENT;
  /* densify: an empty bin borrows the next filled one, mixed with the distance */
  for (int k = 0; k < K; k++) {
    if (bins[k] != UINT64_MAX) continue;
    for (int j = 1; j < K; j++) {
      uint64_t v = bins[(k + j) % K];
      if (v != UINT64_MAX && (v >> 57) == 0) { /* a real value, not a borrowed one */
        bins[k] = S_mix(v + (uint64_t)j) | (1ULL << 63);
        break;
      }
    }
  }
  for (int b = 0; b < BANDS; b++) {
    uint64_t key = S_mix((uint64_t)b + 0x9e3779b97f4a7c15ULL);
    for (int r = 0; r < ROWS; r++) key = S_mix(key ^ bins[b * ROWS + r]);
    uint32_t owner;
    if (S_bucket(d, key, doc, &owner)) {
      /* out of memory: the document stays on its own, reported */
      return PITH_ERR_NOMEM;
    }
    if (owner != doc) S_union(d, owner, doc);
  }
  return PITH_OK;
}
