/* dedup.c - near-duplicate clusters: MinHash + LSH + verification + union-find.
 *
 * Signature. Text -> words (ASCII letters/digits lower-cased, other
 * scripts' letters kept as bytes, each CJK character a word of its own) ->
 * 5-word shingles -> one 64-bit hash per shingle -> one-permutation MinHash:
 * the top 7 bits choose one of 128 bins, each bin keeps its smallest hash;
 * an empty bin takes the next filled bin's value mixed with the distance
 * (rotation densification), so a short text still has 128 comparable
 * values. Each bin is kept as 16 bits (b-bit minwise hashing): 256 bytes a
 * document, so 1 M documents fit in 256 MB and 100 M in a 25 GB file.
 *
 * Estimator. For two documents, m of the 128 bins are equal. A bin is equal
 * with probability J (the Jaccard similarity of the shingle sets) plus, for
 * unequal minima, the chance 2^-16 that 16 bits collide, so
 *     J^ = (m/128 - 2^-16) / (1 - 2^-16)
 * is unbiased with standard deviation sqrt(J(1-J)/128) (0.035 at J = 0.8).
 *
 * Candidates. The 128 bins are cut into b bands of r rows, chosen for the
 * threshold: the largest r (fewest false candidates) whose candidate
 * probability 1-(1-t^r)^b at the lowest similarity that must be found is at
 * least 0.99 (Jaccard mode) -- r = 6, b = 21 for 0.8. Per band, the
 * documents are sorted by (band key, index) and each document of a run of
 * equal keys is verified against up to 8 of the first 32 members of the
 * run that are not yet in its cluster (a copy missed in one crowded run is
 * found in another band: a true copy shares most of them).
 *
 * Verification. A candidate pair is joined when J^ >= t - 1.5 sd(t): a pair
 * at exactly the threshold is joined about 93% of the time, a pair at 0.5
 * (7 standard deviations below 0.8) practically never.
 *
 * Containment (a copy trimmed to 12 of 21 paragraphs): with shingle counts
 * a <= b, |A^B| = J(a+b)/(1+J), so containment |A^B|/a >= C exactly when
 * J >= Ca / (a + b - Ca). The verification uses that per-pair Jaccard
 * target (from the signature, same slack). Candidates: bands are chosen so
 * that a pair with containment C and a size ratio a/b of 0.5 (J = 0.36 for
 * C = 0.8) is proposed with probability >= 0.95 (r = 2, b = 64 for 0.8).
 * Exact verification from stored shingle hashes was rejected: a
 * 1000-word text has ~1000 shingles (8 KB of hashes, 30 times the
 * signature), which breaks the 2 GB budget at 1 M documents and makes
 * merged signature shards as big as the texts.
 *
 * Clustering is a batch over all documents (run on the first question), so
 * the same documents in the same order give the same clusters whether they
 * were added as texts or as signatures read from shards. */
#include "core/core.h"

#define K PITH_DEDUP_K
#define SHINGLE 5
#define PER_RUN 8 /* verifications per document per band run */

enum { F_SIG = 1, F_OWN = 2, F_DATE = 4, F_TRUNC = 8 };

typedef struct docm {
  int64_t date;      /* seconds, when F_DATE */
  uint32_t length;   /* text bytes (capped) */
  uint32_t shingles; /* shingle count (containment needs the set sizes) */
  uint8_t flags;
} docm;

struct pith_dedup {
  double threshold, containment;
  int bands, rows;
  uint16_t *sig; /* K per document */
  docm *m;
  uint32_t *parent, *size, *canon;
  size_t n, cap;
  int dirty, failed;
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

/* Candidate probability of a pair at similarity t with b bands of r rows. */
static double S_ipow(double x, int e) {
  double y = 1;
  while (e-- > 0) y *= x;
  return y;
}
static double S_pcand(double t, int b, int r) { return 1.0 - S_ipow(1.0 - S_ipow(t, r), b); }
/* sqrt by Newton's method (no libm for one square root per candidate) */
static double S_sqrt(double x) {
  if (x <= 0) return 0;
  double y = x < 1 ? 1 : x;
  for (int i = 0; i < 40; i++) y = 0.5 * (y + x / y);
  return y;
}

static void S_choose_bands(pith_dedup *d) {
  double t = d->threshold, need = 0.99;
  if (d->containment > 0) {
    double c = d->containment, rho = 0.5;
    double tc = c * rho / (1.0 + rho - c * rho);
    if (tc < t) t = tc;
    need = 0.95;
  }
  int best = 1;
  for (int r = 1; r <= 16; r++)
    if (S_pcand(t, K / r, r) >= need) best = r;
  d->rows = best;
  d->bands = K / best;
}

pith_dedup *pith_dedup_new_with(double threshold, double containment) {
  if (threshold == 0) threshold = 0.8;
  if (!(threshold > 0 && threshold <= 1) || !(containment >= 0 && containment <= 1)) return NULL;
  pith_dedup *d = pith_malloc(sizeof *d);
  if (!d) return NULL;
  memset(d, 0, sizeof *d);
  d->threshold = threshold;
  d->containment = containment;
  S_choose_bands(d);
  return d;
}

pith_dedup *pith_dedup_new(void) { return pith_dedup_new_with(0.8, 0); }

void pith_dedup_free(pith_dedup *d) {
  if (!d) return;
  pith_free(d->sig);
  pith_free(d->m);
  pith_free(d->parent);
  pith_free(d->size);
  pith_free(d->canon);
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

/* ---- the wire agencies' own sites ---------------------------------------- */

/* Agency (pith's wire name) -> its own domains; a host matches a domain
 * when it is the domain or ends with "." + domain. */
static const struct { const char *wire; const char *domain; } S_sites[] = {
  {"AP", "apnews.com"}, {"AP", "ap.org"},
  {"Reuters", "reuters.com"},
  {"AFP", "afp.com"},
  {"dpa", "dpa.com"}, {"dpa", "dpa-international.com"},
  {"UPI", "upi.com"},
  {"Xinhua", "xinhuanet.com"}, {"Xinhua", "news.cn"},
  {"PA", "pa.media"},
  {"ANSA", "ansa.it"},
  {"EFE", "efe.com"},
  {"Kyodo", "kyodonews.net"}, {"Kyodo", "kyodonews.jp"},
  {"Yonhap", "yna.co.kr"}, {"Yonhap", "yonhapnews.co.kr"},
  {"TASS", "tass.com"}, {"TASS", "tass.ru"},
  {"Interfax", "interfax.com"}, {"Interfax", "interfax.ru"},
  {"AAP", "aap.com.au"},
  {"CP", "thecanadianpress.com"},
  {"PTI", "ptinews.com"},
  {"IANS", "ians.in"},
  {"ANI", "aninews.in"},
  {"Anadolu", "aa.com.tr"},
  {"Europa Press", "europapress.es"},
  {"Belga", "belga.be"}, {"Belga", "belganewsagency.eu"},
  {"ANP", "anp.nl"},
  {"APA", "apa.at"},
  {"Bloomberg", "bloomberg.com"},
  {"Bernama", "bernama.com"},
  {"Antara", "antaranews.com"},
  {"CNN", "cnn.com"},
};

/* The host of a URL or host name, lower-cased into out (empty if none). */
static void S_host(const char *u, char *out, size_t cap) {
  out[0] = 0;
  if (!u) return;
  const char *p = strstr(u, "://");
  p = p ? p + 3 : (u[0] == '/' && u[1] == '/') ? u + 2 : u;
  const char *at = NULL;
  for (const char *q = p; *q && *q != '/' && *q != '?' && *q != '#'; q++)
    if (*q == '@') at = q;
  if (at) p = at + 1;
  size_t n = 0;
  while (p[n] && p[n] != '/' && p[n] != ':' && p[n] != '?' && p[n] != '#' && n + 1 < cap) {
    char c = p[n];
    out[n] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    n++;
  }
  while (n && out[n - 1] == '.') n--;
  out[n] = 0;
}

static int S_ieq(const char *a, const char *b) {
  for (; *a && *b; a++, b++) {
    char x = *a, y = *b;
    if (x >= 'A' && x <= 'Z') x = (char)(x + 32);
    if (y >= 'A' && y <= 'Z') y = (char)(y + 32);
    if (x != y) return 0;
  }
  return *a == *b;
}

int pith_dedup_wire_site(const char *host, const char *wire) {
  char h[256];
  S_host(host, h, sizeof h);
  size_t hn = strlen(h);
  if (!hn) return 0;
  if (wire && !*wire) wire = NULL;
  for (size_t i = 0; i < sizeof S_sites / sizeof S_sites[0]; i++) {
    if (wire && !S_ieq(wire, S_sites[i].wire)) continue;
    const char *dm = S_sites[i].domain;
    size_t dn = strlen(dm);
    if (hn == dn ? !strcmp(h, dm) : hn > dn && h[hn - dn - 1] == '.' && !strcmp(h + hn - dn, dm))
      return 1;
  }
  return 0;
}

/* site_name names the agency of wire ("AP", "The Associated Press", ...). */
static int S_site_is_wire(const char *site, const char *wire) {
  static const struct { const char *wire, *name; } names[] = {
    {"AP", "Associated Press"}, {"AP", "The Associated Press"}, {"AP", "AP News"},
    {"Reuters", "Thomson Reuters"}, {"AFP", "Agence France-Presse"},
    {"AFP", "Agence France Presse"}, {"dpa", "Deutsche Presse-Agentur"},
    {"UPI", "United Press International"}, {"PA", "PA Media"}, {"EFE", "Agencia EFE"},
    {"Kyodo", "Kyodo News"}, {"Yonhap", "Yonhap News Agency"}, {"AAP", "Australian Associated Press"},
    {"CP", "The Canadian Press"}, {"PTI", "Press Trust of India"}, {"Anadolu", "Anadolu Agency"},
    {"Bloomberg", "Bloomberg News"}, {"Xinhua", "Xinhua News Agency"}, {"TASS", "TASS News Agency"},
  };
  if (!site || !wire || !*site || !*wire) return 0;
  if (S_ieq(site, wire)) return 1;
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (S_ieq(wire, names[i].wire) && S_ieq(site, names[i].name)) return 1;
  return 0;
}

/* ISO 8601 date -> seconds since 1970 (UTC when an offset is given, else as
 * written). 0 = not a date. */
static int S_num(const char **p, int digits, int *v) {
  int x = 0;
  for (int i = 0; i < digits; i++) {
    char c = (*p)[i];
    if (c < '0' || c > '9') return 0;
    x = x * 10 + (c - '0');
  }
  *p += digits;
  *v = x;
  return 1;
}
static int S_date(const char *s, int64_t *out) {
  if (!s) return 0;
  while (*s == ' ') s++;
  int y, mo = 1, da = 1, h = 0, mi = 0, se = 0;
  const char *p = s;
  if (!S_num(&p, 4, &y)) return 0;
  if (*p == '-') {
    p++;
    if (!S_num(&p, 2, &mo)) return 0;
    if (*p == '-') {
      p++;
      if (!S_num(&p, 2, &da)) return 0;
    }
  }
  if (mo < 1 || mo > 12 || da < 1 || da > 31) return 0;
  int64_t off = 0;
  if ((*p == 'T' || *p == ' ') && S_num(&(const char *){p + 1}, 2, &h)) {
    p += 3;
    if (*p == ':') { p++; if (!S_num(&p, 2, &mi)) mi = 0; }
    if (*p == ':') { p++; if (!S_num(&p, 2, &se)) se = 0; }
    if (*p == '.') { p++; while (*p >= '0' && *p <= '9') p++; }
    if (*p == '+' || *p == '-') {
      int sign = *p == '-' ? -1 : 1, oh = 0, om = 0;
      p++;
      if (S_num(&p, 2, &oh)) {
        if (*p == ':') p++;
        if (!S_num(&p, 2, &om)) om = 0;
        off = sign * (oh * 3600 + om * 60);
      }
    }
  }
  /* days from civil (proleptic Gregorian) */
  int yy = y - (mo <= 2);
  int era = (yy >= 0 ? yy : yy - 399) / 400;
  int yoe = yy - era * 400;
  int doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + da - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  int64_t days = (int64_t)era * 146097 + doe - 719468;
  *out = days * 86400 + h * 3600 + mi * 60 + se - off;
  return 1;
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


pith_status pith_dedup_sign(const char *text, size_t len, uint16_t *sig, uint32_t *shingles) {
  if ((!text && len) || !sig) return PITH_ERR_ARG;
  uint64_t bins[K];
  for (int k = 0; k < K; k++) bins[k] = UINT64_MAX;
  uint64_t ring[SHINGLE] = {0};
  size_t words = 0, pos = 0, sh_n = 0;
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
    sh_n++;
  }
  if (shingles) *shingles = sh_n > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)sh_n;
  if (!sh_n) {
    memset(sig, 0, K * sizeof *sig);
    return PITH_NO_CONTENT;
  }
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
  /* 16 bits of each: the low bits of a mixed hash are as random as any */
  for (int k = 0; k < K; k++) sig[k] = (uint16_t)(S_mix(bins[k]) & 0xFFFF);
  return PITH_OK;
}

static int S_grow(pith_dedup *d) {
  if (d->n < d->cap) return 0;
  size_t ncap = d->cap ? d->cap * 2 : 1024;
  uint16_t *s = pith_realloc(d->sig, ncap * K * sizeof *s);
  if (!s) return -1;
  d->sig = s;
  docm *m = pith_realloc(d->m, ncap * sizeof *m);
  if (!m) return -1;
  d->m = m;
  d->cap = ncap;
  return 0;
}

pith_status pith_dedup_add_signature(pith_dedup *d, const uint16_t *sig, uint32_t shingles,
                                     const pith_dedup_meta *meta, size_t *index) {
  if (!d) return PITH_ERR_ARG;
  if (d->n >= 0xFFFFFFF0u) return PITH_ERR_LIMIT;
  if (S_grow(d)) return PITH_ERR_NOMEM;
  size_t i = d->n;
  docm *m = &d->m[i];
  memset(m, 0, sizeof *m);
  if (sig && shingles) {
    memcpy(d->sig + i * K, sig, K * sizeof *sig);
    m->flags |= F_SIG;
    m->shingles = shingles;
  } else {
    memset(d->sig + i * K, 0, K * sizeof *sig);
  }
  if (meta) {
    const char *wire = meta->wire && *meta->wire ? meta->wire : NULL;
    if (pith_dedup_wire_site(meta->url, wire) || pith_dedup_wire_site(meta->canonical_url, wire) ||
        S_site_is_wire(meta->site_name, wire))
      m->flags |= F_OWN;
    if (S_date(meta->date, &m->date)) m->flags |= F_DATE;
    if (meta->truncated) m->flags |= F_TRUNC;
    m->length = meta->length > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)meta->length;
  }
  d->n++;
  d->dirty = 1;
  if (index) *index = i;
  return (m->flags & F_SIG) ? PITH_OK : PITH_NO_CONTENT;
}

pith_status pith_dedup_add_meta(pith_dedup *d, const char *text, size_t len,
                                const pith_dedup_meta *meta, size_t *index) {
  if (!d || (!text && len)) return PITH_ERR_ARG;
  uint16_t sig[K];
  uint32_t sh = 0;
  pith_status st = pith_dedup_sign(text, len, sig, &sh);
  if (st != PITH_OK && st != PITH_NO_CONTENT) return st;
  pith_dedup_meta mm;
  if (meta) mm = *meta;
  else memset(&mm, 0, sizeof mm);
  if (!mm.length) mm.length = len;
  return pith_dedup_add_signature(d, st == PITH_OK ? sig : NULL, sh, &mm, index);
}

pith_status pith_dedup_add(pith_dedup *d, const char *text, size_t len, size_t *index) {
  return pith_dedup_add_meta(d, text, len, NULL, index);
}

static double S_estimate(const pith_dedup *d, size_t i, size_t j) {
  const uint16_t *a = d->sig + i * K, *b = d->sig + j * K;
  int m = 0;
  for (int k = 0; k < K; k++) m += a[k] == b[k];
  const double c = 1.0 / 65536.0;
  double e = ((double)m / K - c) / (1.0 - c);
  return e < 0 ? 0 : e;
}

double pith_dedup_similarity(const pith_dedup *d, size_t i, size_t j) {
  if (!d || i >= d->n || j >= d->n || !(d->m[i].flags & F_SIG) || !(d->m[j].flags & F_SIG))
    return -1;
  return S_estimate(d, i, j);
}

/* The verification of a candidate pair (see the top of the file). */
static int S_verify(const pith_dedup *d, uint32_t i, uint32_t j) {
  double t = d->threshold;
  if (d->containment > 0) {
    double a = d->m[i].shingles, b = d->m[j].shingles;
    if (a > b) { double x = a; a = b; b = x; }
    double c = d->containment;
    double tc = c * a / (a + b - c * a);
    if (tc < t) t = tc;
  }
  double sd = S_sqrt(t * (1 - t) / K);
  return S_estimate(d, i, j) >= t - 1.5 * sd;
}

/* LSD radix sort of 64-bit keys, 16 bits a pass (stable, deterministic). */
static void S_radix(uint64_t *a, uint64_t *tmp, size_t n, size_t *count) {
  for (int sh = 0; sh < 64; sh += 16) {
    memset(count, 0, 65537 * sizeof *count);
    for (size_t i = 0; i < n; i++) count[((a[i] >> sh) & 0xFFFF) + 1]++;
    for (int k = 0; k < 65536; k++) count[k + 1] += count[k];
    for (size_t i = 0; i < n; i++) tmp[count[(a[i] >> sh) & 0xFFFF]++] = a[i];
    memcpy(a, tmp, n * sizeof *a);
  }
}

/* Canonical order: negative when document a is the better canonical. */
static int S_better(const pith_dedup *d, uint32_t a, uint32_t b) {
  const docm *x = &d->m[a], *y = &d->m[b];
  int ox = !!(x->flags & F_OWN), oy = !!(y->flags & F_OWN);
  if (ox != oy) return ox ? -1 : 1;
  int dx = !!(x->flags & F_DATE), dy = !!(y->flags & F_DATE);
  if (dx != dy) return dx ? -1 : 1;
  if (dx && x->date != y->date) return x->date < y->date ? -1 : 1;
  int tx = !!(x->flags & F_TRUNC), ty = !!(y->flags & F_TRUNC);
  if (tx != ty) return tx ? 1 : -1;
  if (x->length != y->length) return x->length > y->length ? -1 : 1;
  return a < b ? -1 : a > b;
}

static int S_run(pith_dedup *d) {
  if (!d->dirty) return d->failed ? -1 : 0;
  size_t n = d->n;
  pith_free(d->parent);
  pith_free(d->size);
  pith_free(d->canon);
  d->parent = pith_malloc((n ? n : 1) * sizeof *d->parent);
  d->size = pith_malloc((n ? n : 1) * sizeof *d->size);
  d->canon = pith_malloc((n ? n : 1) * sizeof *d->canon);
  size_t ns = 0;
  for (size_t i = 0; i < n; i++) ns += d->m[i].flags & F_SIG;
  uint64_t *keys = pith_malloc((ns ? ns : 1) * sizeof *keys);
  uint64_t *tmp = pith_malloc((ns ? ns : 1) * sizeof *tmp);
  size_t *count = pith_malloc(65537 * sizeof *count);
  d->dirty = 0;
  if (!d->parent || !d->size || !d->canon || !keys || !tmp || !count) {
    pith_free(keys);
    pith_free(tmp);
    pith_free(count);
    d->failed = 1;
    return -1;
  }
  d->failed = 0;
  for (size_t i = 0; i < n; i++) {
    d->parent[i] = (uint32_t)i;
    d->size[i] = 1;
  }
  for (int b = 0; b < d->bands; b++) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
      if (!(d->m[i].flags & F_SIG)) continue;
      const uint16_t *s = d->sig + i * K + b * d->rows;
      uint64_t h = S_mix((uint64_t)b + 0x9e3779b97f4a7c15ULL);
      for (int r = 0; r < d->rows; r++) h = S_mix(h ^ s[r]);
      keys[k++] = (h & 0xFFFFFFFF00000000ULL) | (uint64_t)i; /* key high, index low */
    }
    S_radix(keys, tmp, k, count);
    for (size_t lo = 0; lo < k;) {
      size_t hi = lo + 1;
      while (hi < k && (keys[hi] >> 32) == (keys[lo] >> 32)) hi++;
      for (size_t j = lo + 1; j < hi; j++) {
        uint32_t dj = (uint32_t)keys[j];
        int tried = 0;
        /* at most PER_RUN verifications and 4x as many looks: a run of
         * 100,000 copies of one page stays linear */
        for (size_t i = lo; i < j && tried < PER_RUN && i < lo + 4 * PER_RUN; i++) {
          uint32_t di = (uint32_t)keys[i];
          if (S_find(d, di) == S_find(d, dj)) continue;
          tried++;
          if (S_verify(d, di, dj)) S_union(d, di, dj);
        }
      }
      lo = hi;
    }
  }
  pith_free(keys);
  pith_free(tmp);
  pith_free(count);
  for (size_t i = 0; i < n; i++) d->canon[i] = (uint32_t)i;
  for (size_t i = 0; i < n; i++) {
    uint32_t r = S_find(d, (uint32_t)i);
    if (S_better(d, (uint32_t)i, d->canon[r]) < 0) d->canon[r] = (uint32_t)i;
  }
  return 0;
}

size_t pith_dedup_cluster(pith_dedup *d, size_t i) {
  if (!d || i >= d->n || S_run(d)) return (size_t)-1;
  return S_find(d, (uint32_t)i);
}

size_t pith_dedup_cluster_size(pith_dedup *d, size_t i) {
  if (!d || i >= d->n || S_run(d)) return 0;
  return d->size[S_find(d, (uint32_t)i)];
}

size_t pith_dedup_canonical(pith_dedup *d, size_t i) {
  if (!d || i >= d->n || S_run(d)) return (size_t)-1;
  return d->canon[S_find(d, (uint32_t)i)];
}
