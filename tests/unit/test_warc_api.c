/* test_warc_api.c - the public WARC reader of pith.h, through pith.h alone:
 * every opener (path, fd, FILE*, memory) over every layout (plain, gzip per
 * record, whole-file gzip, zstd) gives the same records; WARC and HTTP
 * headers, decoded payloads, offsets, damage with its offset, and the page
 * decision; real archives read the same from a path and from memory. */
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "harness.h"
#include "pith.h"
#include "test_warc_gen.h"
#ifdef PITH_HAVE_ZSTD
#include <zstd.h>
#endif

static const char *HTML_A =
    "<!DOCTYPE html><html><head><title>A</title></head><body><article><p>The first article "
    "has a paragraph of text.</p></article></body></html>";
static const char *HTML_B = "<html><body><p>Second article, chunked and gzipped.</p></body></html>";

/* chunked transfer coding of p */
static void chunked(tbuf *out, const char *p, size_t n) {
  size_t half = n / 2;
  tb_printf(out, "%zx\r\n", half);
  tb_put(out, p, half);
  tb_printf(out, "\r\n%zx\r\n", n - half);
  tb_put(out, p + half, n - half);
  tb_puts(out, "\r\n0\r\n\r\n");
}

enum { NREC = 6 };
static const char *const TYPES[NREC] = {"warcinfo", "request", "response",
                                        "response", "response", "resource"};

static void build(wfile *f) {
  memset(f, 0, sizeof *f);
  for (int i = 0; i < NREC; i++) {
    tbuf blk = {0}, rec = {0}, body = {0}, gz = {0};
    char uri[64], id[64];
    snprintf(uri, sizeof uri, "http://example.com/p%d", i);
    snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", i);
    const char *ct = "application/http; msgtype=response";
    switch (i) {
    case 0:
      ct = "application/warc-fields";
      tb_puts(&blk, "software: pith-test\r\n");
      break;
    case 1:
      ct = "application/http; msgtype=request";
      tb_puts(&blk, "GET /p1 HTTP/1.1\r\nHost: example.com\r\n\r\n");
      break;
    case 2:
      http_msg(&blk, 200, "text/html; charset=utf-8", "X-Test: one\r\nX-Test: two\r\n", HTML_A,
               strlen(HTML_A));
      break;
    case 3:
      http_msg(&blk, 404, "text/html", NULL, "<html>not found</html>", 22);
      break;
    case 4:
      gz_member(&gz, HTML_B, strlen(HTML_B));
      chunked(&body, gz.p, gz.len);
      tb_puts(&blk, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
                    "Transfer-Encoding: chunked\r\n\r\n");
      tb_put(&blk, body.p, body.len);
      break;
    default:
      ct = "text/plain";
      tb_puts(&blk, "a plain resource");
      break;
    }
    warc_record(&rec, TYPES[i], i ? uri : NULL, id, ct, i == 2 ? "X-Custom: yes\r\n" : NULL,
                blk.p, blk.len);
    wf_add(f, &rec);
    tb_free(&blk);
    tb_free(&rec);
    tb_free(&body);
    tb_free(&gz);
  }
}

static int str_is(pith_str s, const char *want) {
  return s.ptr && s.len == strlen(want) && !memcmp(s.ptr, want, s.len);
}

/* Reads every record from r, checks them against the generated file, closes
 * r. off: the expected offsets (NULL: not checked, e.g. whole-file gzip). */
static void check_reader(pith_warc_reader *r, const size_t *off, const char *what) {
  harness_current = what;
  CHECK(r != NULL);
  if (!r) return;
  pith_warc_record rec;
  int k, n = 0;
  while ((k = pith_warc_next(r, &rec)) != PITH_WARC_EOF) {
    CHECK(k == PITH_WARC_RECORD);
    if (k != PITH_WARC_RECORD || n >= NREC) {
      n++;
      continue;
    }
    INT_EQ(rec.err, PITH_WARC_E_NONE);
    STR_EQ(rec.type_name, TYPES[n]);
    if (off) INT_EQ(rec.offset, off[n]);
    char id[80];
    snprintf(id, sizeof id, "<urn:uuid:00000000-0000-4000-8000-%012d>", n);
    STR_EQ(rec.record_id, id);
    STR_EQ(pith_warc_header(r, "warc-record-id"), id);
    STR_EQ(rec.date, "2024-05-18T01:02:03Z");
    STR_EQ(pith_warc_header(r, "WARC-Nope"), NULL);
    /* headers in order: WARC-Type first, Content-Length last */
    size_t nh = pith_warc_header_count(r);
    const char *hn = NULL, *hv = NULL;
    CHECK(nh >= 4);
    CHECK(pith_warc_header_at(r, 0, &hn, &hv) == PITH_OK);
    STR_EQ(hn, "WARC-Type");
    STR_EQ(hv, TYPES[n]);
    CHECK(pith_warc_header_at(r, nh - 1, &hn, &hv) == PITH_OK);
    STR_EQ(hn, "Content-Length");
    CHECK(pith_warc_header_at(r, nh, &hn, &hv) == PITH_ERR_ARG);
    pith_warc_page pg;
    pith_warc_page_kind pk = pith_warc_classify(r, &rec, NULL, &pg);
    switch (n) {
    case 0:
      CHECK(!(rec.flags & PITH_WARC_F_HTTP));
      INT_EQ(pith_warc_http_header_count(r), 0);
      INT_EQ(pk, PITH_WARC_SKIP);
      STR_EQ(pg.reason, "warcinfo");
      break;
    case 1:
      CHECK(rec.flags & PITH_WARC_F_HTTP);
      INT_EQ(rec.http_status, 0);
      CHECK(str_is(pith_warc_http_header(r, "host"), "example.com"));
      STR_EQ(pg.reason, "request");
      break;
    case 2: {
      STR_EQ(pith_warc_header(r, "x-custom"), "yes");
      STR_EQ(rec.target_uri, "http://example.com/p2");
      INT_EQ(rec.http_status, 200);
      STR_EQ(rec.http_content_type, "text/html; charset=utf-8");
      CHECK(str_is(pith_warc_http_reason(r), "OK"));
      CHECK(str_is(pith_warc_http_version(r), "HTTP/1.1"));
      CHECK(str_is(pith_warc_http_header(r, "X-TEST"), "one"));
      INT_EQ(pith_warc_http_header_count(r), 4);
      pith_str nm, v;
      CHECK(pith_warc_http_header_at(r, 2, &nm, &v) == PITH_OK);
      CHECK(str_is(nm, "X-Test") && str_is(v, "two"));
      CHECK(pith_warc_http_header_at(r, 4, &nm, &v) == PITH_ERR_ARG);
      INT_EQ(rec.payload_len, strlen(HTML_A));
      CHECK(rec.payload_len == strlen(HTML_A) && !memcmp(rec.payload, HTML_A, rec.payload_len));
      INT_EQ(pk, PITH_WARC_PAGE_HTML);
      CHECK(pg.reason == NULL);
      break;
    }
    case 3:
      INT_EQ(rec.http_status, 404);
      INT_EQ(pk, PITH_WARC_SKIP);
      STR_EQ(pg.reason, "status");
      STR_EQ(pg.detail, "404");
      {
        int st[] = {4}; /* 4xx */
        pith_warc_page_options po = {0, st, 1, 0};
        INT_EQ(pith_warc_classify(r, &rec, &po, &pg), PITH_WARC_PAGE_HTML);
      }
      break;
    case 4:
      INT_EQ(rec.http_status, 200);
      CHECK(rec.http_flags & PITH_HTTP_DECHUNKED);
      CHECK(rec.http_flags & PITH_HTTP_DECODED);
      CHECK(rec.payload_len == strlen(HTML_B) && !memcmp(rec.payload, HTML_B, rec.payload_len));
      INT_EQ(pk, PITH_WARC_PAGE_HTML);
      break;
    default:
      CHECK(rec.payload_len == 16 && !memcmp(rec.payload, "a plain resource", 16));
      STR_EQ(pg.reason, "resource");
      break;
    }
    n++;
  }
  INT_EQ(n, NREC);
  const pith_warc_stats *st = pith_warc_get_stats(r);
  INT_EQ(st->records, NREC);
  INT_EQ(st->by_type[PITH_WARC_RESPONSE], 3);
  INT_EQ(st->damaged, 0);
  CHECK(pith_warc_next(r, &rec) == PITH_WARC_EOF);
  pith_warc_close(r);
}

static void test_layouts(void) {
  wfile f;
  build(&f);
  check_reader(pith_warc_open_memory(f.plain.p, f.plain.len, NULL), f.poff, "memory plain");
  check_reader(pith_warc_open_memory(f.gz.p, f.gz.len, NULL), f.goff, "memory per-record gzip");
  tbuf whole = {0};
  gz_member(&whole, f.plain.p, f.plain.len);
  check_reader(pith_warc_open_memory(whole.p, whole.len, NULL), NULL, "memory whole-file gzip");
#ifdef PITH_HAVE_ZSTD
  size_t zb = ZSTD_compressBound(f.plain.len);
  char *z = malloc(zb);
  size_t zn = ZSTD_compress(z, zb, f.plain.p, f.plain.len, 3);
  CHECK(!ZSTD_isError(zn));
  /* zstd offsets are offsets in the decompressed stream */
  check_reader(pith_warc_open_memory(z, zn, NULL), f.poff, "memory zstd");
  free(z);
#endif
  char *path = tmp_write(f.gz.p, f.gz.len, ".warc.gz");
  char err[256] = "";
  check_reader(pith_warc_open(path, NULL, err, sizeof err), f.goff, "path");
  int fd = open(path, O_RDONLY);
  check_reader(pith_warc_open_fd(fd, 1, NULL), f.goff, "fd taken");
  harness_current = "fd taken";
  CHECK(fcntl(fd, F_GETFD) == -1); /* the reader closed it */
  fd = open(path, O_RDONLY);
  check_reader(pith_warc_open_fd(fd, 0, NULL), f.goff, "fd borrowed");
  harness_current = "fd borrowed";
  CHECK(fcntl(fd, F_GETFD) != -1);
  close(fd);
  FILE *fp = fopen(path, "rb");
  check_reader(pith_warc_open_file(fp, NULL), f.goff, "FILE*");
  fclose(fp);
  unlink(path);
  free(path);
  harness_current = "open errors";
  CHECK(pith_warc_open("/nonexistent/x.warc", NULL, err, sizeof err) == NULL);
  CHECK(strstr(err, "/nonexistent/x.warc") != NULL);
  CHECK(pith_warc_open_fd(-1, 0, NULL) == NULL);
  CHECK(pith_warc_open_file(NULL, NULL) == NULL);
  tb_free(&whole);
  wf_free(&f);
}

/* A corrupt gzip member: reported with the member's offset, every other
 * record still read. */
static void test_damage(void) {
  harness_current = "damage";
  wfile f;
  build(&f);
  char *gz = malloc(f.gz.len);
  memcpy(gz, f.gz.p, f.gz.len);
  size_t bad = 2; /* the first response */
  for (size_t i = 12; i < f.glen[bad] - 8; i++) gz[f.goff[bad] + i] ^= 0x5a;
  pith_warc_reader *r = pith_warc_open_memory(gz, f.gz.len, NULL);
  pith_warc_record rec;
  int k, good = 0, reports = 0;
  uint64_t where = UINT64_MAX;
  while ((k = pith_warc_next(r, &rec)) != PITH_WARC_EOF) {
    if (k == PITH_WARC_DAMAGE || rec.err) {
      reports++;
      where = k == PITH_WARC_DAMAGE ? rec.offset : rec.err_offset;
      CHECK(rec.err == PITH_WARC_E_GZIP_CORRUPT || rec.err == PITH_WARC_E_GZIP_CRC);
      CHECK(rec.message && *rec.message);
    } else {
      good++;
      CHECK(rec.offset != f.goff[bad]);
      pith_warc_page pg;
      pith_warc_classify(r, &rec, NULL, &pg);
    }
  }
  INT_EQ(good, NREC - 1);
  INT_EQ(reports, 1);
  INT_EQ(where, f.goff[bad]);
  CHECK(pith_warc_get_stats(r)->errors[PITH_WARC_E_GZIP_CORRUPT] +
            pith_warc_get_stats(r)->errors[PITH_WARC_E_GZIP_CRC] ==
        1);
  pith_warc_close(r);
  free(gz);
  wf_free(&f);
}

/* A damaged record is skipped as "damaged" unless kept; a wrong block
 * digest is damage too. */
static void test_classify_damage(void) {
  harness_current = "classify damage";
  tbuf blk = {0}, rec = {0};
  http_msg(&blk, 200, "text/html", NULL, HTML_A, strlen(HTML_A));
  warc_record(&rec, "response", "http://x.test/", "00000000-0000-4000-8000-000000000001",
              "application/http; msgtype=response",
              "WARC-Block-Digest: sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n", blk.p, blk.len);
  pith_warc_reader *r = pith_warc_open_memory(rec.p, rec.len, NULL);
  pith_warc_record wr;
  CHECK(pith_warc_next(r, &wr) == PITH_WARC_RECORD);
  pith_warc_page pg;
  INT_EQ(pith_warc_classify(r, &wr, NULL, &pg), PITH_WARC_SKIP);
  STR_EQ(pg.reason, "damaged");
  INT_EQ(pg.digest, 1);
  CHECK(strstr(pg.detail, "Block-Digest") != NULL);
  pith_warc_page_options po = {PITH_WARC_P_NO_DIGESTS, NULL, 0, 0};
  INT_EQ(pith_warc_classify(r, &wr, &po, &pg), PITH_WARC_PAGE_HTML);
  po.flags = PITH_WARC_P_KEEP_DAMAGED;
  INT_EQ(pith_warc_classify(r, &wr, &po, &pg), PITH_WARC_PAGE_HTML);
  INT_EQ(pg.digest, 1);
  pith_warc_close(r);
  /* cut inside the block: a truncated record */
  r = pith_warc_open_memory(rec.p, rec.len - 30, NULL);
  CHECK(pith_warc_next(r, &wr) == PITH_WARC_RECORD);
  INT_EQ(wr.err, PITH_WARC_E_TRUNCATED);
  INT_EQ(pith_warc_classify(r, &wr, &po, &pg), PITH_WARC_PAGE_HTML);
  INT_EQ(pg.damage, PITH_WARC_E_TRUNCATED);
  po.flags = 0;
  INT_EQ(pith_warc_classify(r, &wr, &po, &pg), PITH_WARC_SKIP);
  STR_EQ(pg.reason, "damaged");
  pith_warc_close(r);
  tb_free(&blk);
  tb_free(&rec);
}

/* Real archives: a path and the same bytes in memory give the same items. */
static void test_real(void) {
  harness_current = "real archives";
  /* shared/ beside the clone (as CI lays it), else /work/shared */
  const char *dir = PITH_TEST_DATA "/../../shared/bench/warc";
  struct stat sb;
  if (stat(dir, &sb) != 0) dir = "/work/shared/bench/warc";
  const char *names[] = {"commoncrawl+whirlwind-python__whirlwind.warc.gz",
                         "chatnoir-eu+chatnoir-resiliparse__clipped.warc.gz",
                         "iipc+webarchive-commons__IAH-urls-wget.warc"};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    FILE *fp = fopen(path, "rb");
    if (!fp) {
      fprintf(stderr, "test_warc_api: %s absent, skipped\n", path);
      continue;
    }
    tbuf all = {0};
    char b[65536];
    size_t n;
    while ((n = fread(b, 1, sizeof b, fp)) > 0) tb_put(&all, b, n);
    fclose(fp);
    char err[256];
    pith_warc_reader *a = pith_warc_open(path, NULL, err, sizeof err);
    pith_warc_reader *m = pith_warc_open_memory(all.p, all.len, NULL);
    CHECK(a && m);
    if (!a || !m) continue;
    pith_warc_record ra, rm;
    int ka, km, items = 0, same = 1;
    do {
      ka = pith_warc_next(a, &ra);
      km = pith_warc_next(m, &rm);
      if (ka != km || ra.offset != rm.offset || ra.err != rm.err ||
          ra.payload_len != rm.payload_len ||
          (ka == PITH_WARC_RECORD && memcmp(ra.payload, rm.payload, ra.payload_len)))
        same = 0;
      items++;
    } while (ka != PITH_WARC_EOF && km != PITH_WARC_EOF);
    CHECK(same);
    CHECK(items > 1);
    INT_EQ(pith_warc_get_stats(a)->records, pith_warc_get_stats(m)->records);
    pith_warc_close(a);
    pith_warc_close(m);
    tb_free(&all);
  }
}

int main(void) {
  RUN(test_layouts);
  RUN(test_damage);
  RUN(test_classify_damage);
  RUN(test_real);
  return REPORT();
}
