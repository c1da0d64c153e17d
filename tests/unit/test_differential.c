/* test_differential.c - the same input by different paths gives the same
 * output (RELIABILITY.md #40; libxml2's pull/push differential):
 *   - every page fixture through one reused extractor, in order and then in
 *     reverse, vs a fresh extractor per page: byte-identical JSONL (no state
 *     leaks from one document into the next);
 *   - the WARC reader over the same records stored plain, gzip per record
 *     and whole-file gzip, read whole or one byte per read(): the same
 *     records with the same payloads. */
#include <dirent.h>
#include <stdlib.h>
#include <zlib.h>

#include "core/core.h"
#include "harness.h"
#include "pith.h"

#if defined(__has_include)
#if __has_include("../../src/input/warc.c")
#define HAVE_WARC 1
#include "input/warc.h"
#endif
#endif

typedef struct gbuf {
  char *p;
  size_t n, cap;
} gbuf;
static void gput(gbuf *b, const void *s, size_t n) {
  if (b->n + n + 1 > b->cap) {
    b->cap = (b->n + n + 1) * 2;
    b->p = realloc(b->p, b->cap);
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = 0;
}
static int S_sink(void *ud, const char *p, size_t n) {
  gput(ud, p, n);
  return 0;
}

static char *S_read_file(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  gbuf b = {0};
  char tmp[65536];
  size_t k;
  while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) gput(&b, tmp, k);
  fclose(f);
  *n = b.n;
  return b.p ? b.p : calloc(1, 1);
}

#define MAXPAGES 64
static char *S_pages[MAXPAGES];
static size_t S_lens[MAXPAGES];
static int S_npages;

static void S_load_pages(void) {
  const char *dir = PITH_TEST_DATA "/pages";
  DIR *d = opendir(dir);
  if (!d) return;
  struct dirent *e;
  char *names[MAXPAGES];
  int n = 0;
  while ((e = readdir(d)) && n < MAXPAGES)
    if (e->d_name[0] != '.') names[n++] = strdup(e->d_name);
  closedir(d);
  /* sort for a stable order */
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
      char *t = names[j];
      names[j] = names[j - 1];
      names[j - 1] = t;
    }
  for (int i = 0; i < n; i++) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s/source.html", dir, names[i]);
    size_t len;
    char *p = S_read_file(path, &len);
    if (p) {
      S_pages[S_npages] = p;
      S_lens[S_npages++] = len;
    }
    free(names[i]);
  }
}

static char *S_render(const pith_doc *d, size_t *n) {
  gbuf b = {0};
  if (d) pith_render(d, PITH_FMT_JSONL, "x", S_sink, &b);
  *n = b.n;
  return b.p;
}

static void S_reuse_vs_fresh(unsigned flags) {
  pith_options o;
  pith_options_init(&o);
  o.flags = flags;
  char *fresh[MAXPAGES];
  size_t fresh_n[MAXPAGES];
  for (int i = 0; i < S_npages; i++) {
    pith_extractor *x = pith_extractor_new(&o);
    const pith_doc *d;
    pith_extract(x, S_pages[i], S_lens[i], "https://example.com/a/b.html", NULL, &d);
    fresh[i] = S_render(d, &fresh_n[i]);
    pith_extractor_free(x);
  }
  pith_extractor *x = pith_extractor_new(&o);
  int diffs = 0;
  for (int pass = 0; pass < 2; pass++)
    for (int k = 0; k < S_npages; k++) {
      int i = pass ? S_npages - 1 - k : k;
      const pith_doc *d;
      pith_extract(x, S_pages[i], S_lens[i], "https://example.com/a/b.html", NULL, &d);
      size_t n;
      char *r = S_render(d, &n);
      if (n != fresh_n[i] || (n && memcmp(r, fresh[i], n))) {
        diffs++;
        fprintf(stderr, "page %d (pass %d, flags %#x): reused extractor differs\n", i, pass, flags);
      }
      free(r);
    }
  INT_EQ(diffs, 0);
  pith_extractor_free(x);
  for (int i = 0; i < S_npages; i++) free(fresh[i]);
}

static void test_reused_extractor(void) {
  CHECK(S_npages > 5);
  S_reuse_vs_fresh(0);
  S_reuse_vs_fresh(PITH_OPT_COMMENTS | PITH_OPT_EXPLAIN);
  S_reuse_vs_fresh(PITH_OPT_NO_TABLES | PITH_OPT_PRECISION);
}

#ifdef HAVE_WARC
typedef struct mem {
  const char *p;
  size_t n, pos, chunk;
} mem;
static long S_mem_read(void *ud, void *buf, size_t n) {
  mem *m = ud;
  size_t k = m->n - m->pos;
  if (k > n) k = n;
  if (k > m->chunk) k = m->chunk;
  memcpy(buf, m->p + m->pos, k);
  m->pos += k;
  return (long)k;
}
static void S_gz(gbuf *out, const char *p, size_t n) {
  uLong cap = compressBound((uLong)n) + 64;
  char *z = malloc(cap);
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  deflateInit2(&zs, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
  zs.next_in = (Bytef *)p;
  zs.avail_in = (uInt)n;
  zs.next_out = (Bytef *)z;
  zs.avail_out = (uInt)cap;
  deflate(&zs, Z_FINISH);
  gput(out, z, cap - zs.avail_out);
  deflateEnd(&zs);
  free(z);
}

/* A digest line per record: type, id, uri, status, flags, payload. */
static char *S_read_all(const char *w, size_t n, size_t chunk, size_t *outn) {
  mem m = {w, n, 0, chunk};
  pith_warc_options o;
  pith_warc_options_init(&o);
  pith_warc_reader *r = pith_warc_open_source(S_mem_read, &m, &o);
  gbuf b = {0};
  if (!r) return NULL;
  pith_warc_record rec;
  int k;
  while ((k = pith_warc_next(r, &rec)) != PITH_WARC_EOF) {
    char line[512];
    snprintf(line, sizeof line, "%d %d %s %s %d %u err=%d len=%zu\n", k, (int)rec.type,
             rec.record_id ? rec.record_id : "-", rec.target_uri ? rec.target_uri : "-",
             rec.http_status, rec.flags & ~(unsigned)PITH_WARC_F_MISALIGNED, (int)rec.err,
             rec.payload_len);
    gput(&b, line, strlen(line));
    if (rec.payload_len) gput(&b, rec.payload, rec.payload_len);
  }
  pith_warc_close(r);
  *outn = b.n;
  return b.p;
}

static void test_warc_plain_vs_gzip_vs_chunks(void) {
  gbuf plain = {0}, per = {0}, whole = {0};
  for (int i = 0; i < S_npages && i < 8; i++) {
    char head[512], http[256];
    int hn = snprintf(http, sizeof http,
                      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %zu\r\n\r\n",
                      S_lens[i]);
    int rn = snprintf(head, sizeof head,
                      "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/%d\r\n"
                      "WARC-Date: 2023-02-28T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:%d>\r\n"
                      "Content-Type: application/http; msgtype=response\r\nContent-Length: %zu\r\n\r\n",
                      i, i, (size_t)hn + S_lens[i]);
    gbuf rec = {0};
    gput(&rec, head, (size_t)rn);
    gput(&rec, http, (size_t)hn);
    gput(&rec, S_pages[i], S_lens[i]);
    gput(&rec, "\r\n\r\n", 4);
    gput(&plain, rec.p, rec.n);
    S_gz(&per, rec.p, rec.n);
    free(rec.p);
  }
  S_gz(&whole, plain.p, plain.n);
  size_t rn, n;
  char *ref = S_read_all(plain.p, plain.n, (size_t)1 << 30, &rn);
  CHECK(ref != NULL && rn > 0);
  struct {
    const char *name;
    gbuf *in;
    size_t chunk;
  } v[] = {{"plain, 1-byte reads", &plain, 1}, {"plain, 7-byte reads", &plain, 7},
           {"per-record gzip", &per, (size_t)1 << 30}, {"per-record gzip, 1-byte reads", &per, 1},
           {"whole-file gzip", &whole, (size_t)1 << 30}, {"whole-file gzip, 3-byte reads", &whole, 3}};
  for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
    char *got = S_read_all(v[i].in->p, v[i].in->n, v[i].chunk, &n);
    int same = got && n == rn && !memcmp(got, ref, rn);
    if (!same) fprintf(stderr, "warc: %s differs from plain\n", v[i].name);
    CHECK(same);
    free(got);
  }
  free(ref);
  free(plain.p);
  free(per.p);
  free(whole.p);
}
#endif

int main(void) {
  S_load_pages();
  RUN(test_reused_extractor);
#ifdef HAVE_WARC
  RUN(test_warc_plain_vs_gzip_vs_chunks);
#endif
  for (int i = 0; i < S_npages; i++) free(S_pages[i]);
  return REPORT();
}
