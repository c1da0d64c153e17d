/* test_warc.c - the WARC reader, record by record: clean files in every
 * layout, each kind of damage, resync, accounting, whole vs chunked input. */
#include <stdint.h>
#include <stdlib.h>

#include "harness.h"
#include "input/warc.h"
#include "test_warc_gen.h"

#define NREC 10

static const char *ID(int i) {
  static char b[NREC][64];
  snprintf(b[i], sizeof b[i], "<urn:uuid:00000000-0000-4000-8000-%012d>", i);
  return b[i];
}

static const char *HTML_A =
    "<!DOCTYPE html><html><head><title>Article A</title></head><body><article><p>The first "
    "article has a paragraph of text.</p></article></body></html>";
static const char *HTML_B = "<html><body><p>Second article, chunked and gzipped.</p></body></html>";
static const char *HTML_T = "<html><body><p>Cut at the archive's limit";

static tbuf S_block[NREC]; /* expected payloads */

/* The standard file: one record of each kind. content_len_delta[i] is added
 * to record i's declared Content-Length (lying headers). */
static void std_records(wfile *f, const long *cl_delta) {
  memset(f, 0, sizeof *f);
  for (int i = 0; i < NREC; i++) {
    tbuf blk = {0}, rec = {0}, body = {0};
    const char *type = "response", *ct = "application/http; msgtype=response", *extra = NULL;
    char uri[64];
    snprintf(uri, sizeof uri, "http://example.com/page%d", i);
    tb_free(&S_block[i]);
    switch (i) {
    case 0:
      type = "warcinfo";
      ct = "application/warc-fields";
      tb_puts(&blk, "software: pith-test\r\nformat: WARC File Format 1.0\r\n");
      tb_put(&S_block[i], blk.p, blk.len);
      break;
    case 1:
      type = "request";
      ct = "application/http; msgtype=request";
      tb_puts(&blk, "GET /page1 HTTP/1.1\r\nHost: example.com\r\n\r\n");
      tb_puts(&S_block[i], "");
      break;
    case 2:
      http_msg(&blk, 200, "text/html; charset=utf-8", NULL, HTML_A, strlen(HTML_A));
      tb_puts(&S_block[i], HTML_A);
      break;
    case 3:
      type = "metadata";
      ct = "application/warc-fields";
      tb_puts(&blk, "fetchTimeMs: 123\r\n");
      tb_put(&S_block[i], blk.p, blk.len);
      break;
    case 4:
      http_msg(&blk, 404, "text/html", NULL, "<html>not found</html>", 22);
      tb_puts(&S_block[i], "<html>not found</html>");
      break;
    case 5: {
      char png[300];
      memcpy(png, "\x89PNG\r\n\x1a\n", 8);
      for (int k = 8; k < 300; k++) png[k] = (char)(k * 13);
      http_msg(&blk, 200, "image/png", NULL, png, sizeof png);
      tb_put(&S_block[i], png, sizeof png);
      break;
    }
    case 6:
      type = "revisit";
      extra = "WARC-Profile: http://netpreserve.org/warc/1.0/revisit/identical-payload-digest\r\n";
      tb_puts(&blk, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n");
      tb_puts(&S_block[i], "");
      break;
    case 7:
      type = "resource";
      ct = "text/html";
      tb_puts(&blk, "<html><body>a resource</body></html>");
      tb_put(&S_block[i], blk.p, blk.len);
      break;
    case 8: {
      tbuf g = {0};
      gz_member(&g, HTML_B, strlen(HTML_B));
      size_t half = g.len / 2;
      tb_printf(&body, "%zx\r\n", half);
      tb_put(&body, g.p, half);
      tb_printf(&body, "\r\n%zx\r\n", g.len - half);
      tb_put(&body, g.p + half, g.len - half);
      tb_puts(&body, "\r\n0\r\n\r\n");
      tb_puts(&blk, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
                    "Content-Encoding: gzip\r\n\r\n");
      tb_put(&blk, body.p, body.len);
      tb_puts(&S_block[i], HTML_B);
      tb_free(&g);
      break;
    }
    case 9:
      extra = "WARC-Truncated: length\r\n";
      http_msg(&blk, 200, "text/html", NULL, HTML_T, strlen(HTML_T));
      tb_puts(&S_block[i], HTML_T);
      break;
    }
    long d = cl_delta ? cl_delta[i] : 0;
    tb_puts(&rec, "WARC/1.0\r\n");
    tb_printf(&rec, "WARC-Type: %s\r\nWARC-Record-ID: %s\r\n", type, ID(i));
    tb_puts(&rec, "WARC-Date: 2024-05-18T01:02:03Z\r\n");
    if (i) tb_printf(&rec, "WARC-Target-URI: %s\r\n", uri);
    tb_printf(&rec, "Content-Type: %s\r\n", ct);
    if (extra) tb_puts(&rec, extra);
    tb_printf(&rec, "Content-Length: %ld\r\n\r\n", (long)blk.len + d);
    tb_put(&rec, blk.p, blk.len);
    tb_puts(&rec, "\r\n\r\n");
    wf_add(f, &rec);
    tb_free(&blk);
    tb_free(&rec);
    tb_free(&body);
  }
}

typedef struct {
  tbuf log;
  int records, good, damaged, events;
  int seen[NREC];      /* good record i seen with the right payload */
  int bad_payload;     /* a good record whose payload is wrong */
  uint64_t err_kinds;  /* bitmask of pith_warc_err seen */
  uint64_t first_err_offset;
  pith_warc_stats st;
} result;

static int S_index(const char *id) {
  for (int i = 0; i < NREC; i++)
    if (id && !strcmp(id, ID(i))) return i;
  return -1;
}

static void read_all(pith_warc_reader *r, result *res) {
  memset(res, 0, sizeof *res);
  res->first_err_offset = UINT64_MAX;
  pith_warc_record rec;
  int k, guard = 0;
  while ((k = pith_warc_next(r, &rec)) != PITH_WARC_EOF && guard++ < 100000) {
    if (k == PITH_WARC_DAMAGE) {
      res->events++;
      res->err_kinds |= 1u << rec.err;
      if (res->first_err_offset == UINT64_MAX) res->first_err_offset = rec.offset;
      tb_printf(&res->log, "D %s %llu +%llu\n", pith_warc_err_name(rec.err),
                (unsigned long long)rec.offset, (unsigned long long)rec.skipped);
      CHECK(rec.message && rec.message[0]);
      continue;
    }
    res->records++;
    int i = S_index(rec.record_id);
    tb_printf(&res->log, "R %s %d %s %d %zu %08lx %s\n", pith_warc_type_name(rec.type), i,
              rec.target_uri ? rec.target_uri : "-", rec.http_status, rec.payload_len,
              crc32(0, (const Bytef *)rec.payload, (uInt)rec.payload_len),
              pith_warc_err_name(rec.err));
    if (rec.err) {
      res->damaged++;
      res->err_kinds |= 1u << rec.err;
      if (res->first_err_offset == UINT64_MAX) res->first_err_offset = rec.err_offset;
      CHECK(rec.message && rec.message[0]);
      continue;
    }
    res->good++;
    if (i >= 0) {
      if (rec.payload_len == S_block[i].len && !memcmp(rec.payload, S_block[i].p, rec.payload_len))
        res->seen[i]++;
      else
        res->bad_payload++;
    }
  }
  res->st = *pith_warc_get_stats(r);
}

static void read_mem(const char *p, size_t n, size_t chunk, result *res) {
  memsrc m = {p, n, 0, chunk, 0};
  pith_warc_reader *r = pith_warc_open_source(memsrc_read, &m, NULL);
  read_all(r, res);
  pith_warc_close(r);
}

static int count_seen(const result *r) {
  int n = 0;
  for (int i = 0; i < NREC; i++) n += r->seen[i] == 1;
  return n;
}

/* The reader's own accounting agrees with what came out. */
static void check_stats(const result *r) {
  uint64_t errs = 0;
  for (int e = 1; e < PITH_WARC_E_COUNT; e++) errs += r->st.errors[e];
  INT_EQ(r->st.records, r->records);
  INT_EQ(r->st.damaged, r->damaged);
  INT_EQ(errs, r->damaged + r->events);
  uint64_t bt = 0;
  for (int t = 0; t < PITH_WARC_TYPE_COUNT; t++) bt += r->st.by_type[t];
  INT_EQ(bt, r->records);
}

/* whole vs 1-byte vs odd chunks: the same items */
static void check_chunking(const char *p, size_t n) {
  result a, b, c;
  read_mem(p, n, 0, &a);
  read_mem(p, n, 1, &b);
  read_mem(p, n, 4093, &c);
  STR_EQ(b.log.p, a.log.p);
  STR_EQ(c.log.p, a.log.p);
  tb_free(&a.log);
  tb_free(&b.log);
  tb_free(&c.log);
}

static void test_clean_layouts(void) {
  wfile f;
  std_records(&f, NULL);
  tbuf whole = {0};
  gz_member(&whole, f.plain.p, f.plain.len);
  const tbuf *v[3] = {&f.plain, &f.gz, &whole};
  tbuf logs[3];
  for (int k = 0; k < 3; k++) {
    result r;
    read_mem(v[k]->p, v[k]->len, 0, &r);
    INT_EQ(r.records, NREC);
    INT_EQ(r.good, NREC);
    INT_EQ(r.events, 0);
    INT_EQ(count_seen(&r), NREC);
    INT_EQ(r.bad_payload, 0);
    check_stats(&r);
    INT_EQ(r.st.by_type[PITH_WARC_RESPONSE], 5);
    INT_EQ(r.st.warc_truncated, 1);
    INT_EQ(r.st.gzip, k > 0);
    INT_EQ(r.st.warnings[PITH_WARC_W_TRAILER], 0);
    INT_EQ(r.st.warnings[PITH_WARC_W_MISALIGNED], k == 2 ? NREC - 1 : 0);
    INT_EQ(r.st.bytes_in, v[k]->len);
    INT_EQ(r.st.bytes_out, f.plain.len);
    logs[k] = r.log;
    check_chunking(v[k]->p, v[k]->len);
  }
  STR_EQ(logs[1].p, logs[0].p);
  STR_EQ(logs[2].p, logs[0].p);
  for (int k = 0; k < 3; k++) tb_free(&logs[k]);
  tb_free(&whole);
  wf_free(&f);
}

static void test_fields_and_offsets(void) {
  wfile f;
  std_records(&f, NULL);
  for (int gz = 0; gz < 2; gz++) {
    memsrc m = {gz ? f.gz.p : f.plain.p, gz ? f.gz.len : f.plain.len, 0, 0, 0};
    pith_warc_reader *r = pith_warc_open_source(memsrc_read, &m, NULL);
    pith_warc_record rec;
    for (int i = 0; i < NREC; i++) {
      INT_EQ(pith_warc_next(r, &rec), PITH_WARC_RECORD);
      INT_EQ(rec.offset, gz ? f.goff[i] : f.poff[i]);
      INT_EQ(rec.uoffset, f.poff[i]);
      STR_EQ(rec.record_id, ID(i));
      STR_EQ(rec.version, "WARC/1.0");
      STR_EQ(rec.date, "2024-05-18T01:02:03Z");
      INT_EQ(rec.flags & PITH_WARC_F_MISALIGNED, 0);
      if (i == 2) {
        INT_EQ(rec.type, PITH_WARC_RESPONSE);
        STR_EQ(rec.type_name, "response");
        STR_EQ(rec.target_uri, "http://example.com/page2");
        INT_EQ(rec.http_status, 200);
        STR_EQ(rec.http_content_type, "text/html; charset=utf-8");
        CHECK(rec.flags & PITH_WARC_F_HTTP);
        SPAN_EQ(rec.payload, rec.payload_len, HTML_A);
        STR_EQ(pith_warc_header(r, "content-type"), "application/http; msgtype=response");
        CHECK(rec.truncated == NULL);
      }
      if (i == 4) INT_EQ(rec.http_status, 404);
      if (i == 6) {
        INT_EQ(rec.type, PITH_WARC_REVISIT);
        INT_EQ(rec.http_status, 200);
      }
      if (i == 7) {
        INT_EQ(rec.type, PITH_WARC_RESOURCE);
        INT_EQ(rec.flags & PITH_WARC_F_HTTP, 0);
        SPAN_EQ(rec.payload, rec.payload_len, "<html><body>a resource</body></html>");
      }
      if (i == 8) {
        CHECK(rec.http_flags & PITH_HTTP_DECHUNKED);
        CHECK(rec.http_flags & PITH_HTTP_DECODED);
        SPAN_EQ(rec.payload, rec.payload_len, HTML_B);
      }
      if (i == 9) STR_EQ(rec.truncated, "length");
    }
    INT_EQ(pith_warc_next(r, &rec), PITH_WARC_EOF);
    INT_EQ(pith_warc_next(r, &rec), PITH_WARC_EOF);
    pith_warc_close(r);
  }
  wf_free(&f);
}

/* A per-record gzip file with member k replaced by `repl`. */
static void gz_with(const wfile *f, int k, const char *repl, size_t rn, tbuf *out) {
  memset(out, 0, sizeof *out);
  tb_put(out, f->gz.p, f->goff[k]);
  tb_put(out, repl, rn);
  size_t end = f->goff[k] + f->glen[k];
  tb_put(out, f->gz.p + end, f->gz.len - end);
}

static void test_gzip_corrupt_member(void) {
  wfile f;
  std_records(&f, NULL);
  for (int k = 1; k < NREC; k++) {
    /* smash the middle of member k's deflate data */
    tbuf m = {0};
    tb_put(&m, f.gz.p + f.goff[k], f.glen[k]);
    size_t from = 10 + (f.glen[k] - 18) / 3, to = 10 + 2 * (f.glen[k] - 18) / 3 + 1;
    for (size_t i = from; i < to; i++) m.p[i] ^= 0x5a;
    tbuf g;
    gz_with(&f, k, m.p, m.len, &g);
    result r;
    read_mem(g.p, g.len, 0, &r);
    INT_EQ(r.damaged + r.events, 1);
    CHECK(r.err_kinds & ((1u << PITH_WARC_E_GZIP_CORRUPT) | (1u << PITH_WARC_E_GZIP_CRC)));
    INT_EQ(r.first_err_offset, f.goff[k]);
    INT_EQ(r.bad_payload, 0);
    INT_EQ(count_seen(&r), NREC - 1);
    INT_EQ(r.seen[k], 0);
    check_stats(&r);
    CHECK(r.st.bytes_resynced >= 1);
    check_chunking(g.p, g.len);
    tb_free(&r.log);
    tb_free(&g);
    tb_free(&m);
  }
  wf_free(&f);
}

static void test_gzip_crc(void) {
  wfile f;
  std_records(&f, NULL);
  for (int k = 0; k < NREC; k++) {
    tbuf g = {0};
    tb_put(&g, f.gz.p, f.gz.len);
    g.p[f.goff[k] + f.glen[k] - 8] ^= 0x10;
    result r;
    read_mem(g.p, g.len, 0, &r);
    INT_EQ(r.damaged, 1);
    INT_EQ(r.events, 0);
    INT_EQ(r.err_kinds, 1u << PITH_WARC_E_GZIP_CRC);
    INT_EQ(r.first_err_offset, f.goff[k]);
    INT_EQ(count_seen(&r), NREC - 1);
    INT_EQ(r.seen[k], 0);
    INT_EQ(r.records, NREC);
    check_stats(&r);
    tb_free(&r.log);
    tb_free(&g);
  }
  wf_free(&f);
}

static void test_truncated_last(void) {
  wfile f;
  std_records(&f, NULL);
  int last = NREC - 1;
  /* gzip: cut the last member at several points */
  for (size_t cut = f.goff[last] + 1; cut < f.gz.len; cut += 7) {
    result r;
    read_mem(f.gz.p, cut, 0, &r);
    if (r.damaged + r.events != 1 || r.err_kinds != 1u << PITH_WARC_E_GZIP_TRUNCATED)
      fprintf(stderr, "cut %zu of %zu:\n%s", cut, f.gz.len, r.log.p);
    INT_EQ(r.damaged + r.events, 1);
    INT_EQ(r.err_kinds, 1u << PITH_WARC_E_GZIP_TRUNCATED);
    /* a record whose data and CRLFs are complete comes out (only the gzip
     * trailer was cut); anything shorter is reported on the record */
    CHECK(count_seen(&r) == NREC - 1 || (count_seen(&r) == NREC && cut >= f.gz.len - 12));
    INT_EQ(r.bad_payload, 0);
    check_stats(&r);
    tb_free(&r.log);
  }
  /* whole-file gzip cut in the last record: earlier records complete */
  tbuf whole = {0};
  gz_member(&whole, f.plain.p, f.plain.len);
  result r;
  read_mem(whole.p, whole.len - 40, 0, &r);
  INT_EQ(r.damaged + r.events, 1);
  CHECK(r.err_kinds & (1u << PITH_WARC_E_GZIP_TRUNCATED));
  CHECK(count_seen(&r) >= NREC - 2);
  INT_EQ(r.bad_payload, 0);
  tb_free(&r.log);
  tb_free(&whole);
  /* uncompressed: cut inside the last block */
  size_t cut = f.plain.len - 30;
  read_mem(f.plain.p, cut, 0, &r);
  INT_EQ(r.damaged, 1);
  INT_EQ(r.err_kinds, 1u << PITH_WARC_E_TRUNCATED);
  INT_EQ(r.first_err_offset, f.poff[last]);
  INT_EQ(count_seen(&r), NREC - 1);
  check_stats(&r);
  tb_free(&r.log);
  /* cut inside the last header */
  read_mem(f.plain.p, f.poff[last] + 20, 0, &r);
  INT_EQ(r.damaged, 1);
  INT_EQ(r.err_kinds, 1u << PITH_WARC_E_TRUNCATED);
  INT_EQ(count_seen(&r), NREC - 1);
  tb_free(&r.log);
  /* cut in the trailer: the record is complete, only the CRLFs are missing */
  read_mem(f.plain.p, f.plain.len - 2, 0, &r);
  INT_EQ(r.damaged + r.events, 0);
  INT_EQ(count_seen(&r), NREC);
  INT_EQ(r.st.warnings[PITH_WARC_W_TRAILER], 1);
  tb_free(&r.log);
  wf_free(&f);
}

static void test_garbage_between(void) {
  wfile f;
  std_records(&f, NULL);
  const char *junk = "this is junk between records\r\nWARCX/1.0 no\r\n";
  /* uncompressed */
  tbuf p = {0};
  tb_put(&p, f.plain.p, f.poff[4]);
  tb_puts(&p, junk);
  tb_put(&p, f.plain.p + f.poff[4], f.plain.len - f.poff[4]);
  result r;
  read_mem(p.p, p.len, 0, &r);
  INT_EQ(r.events, 1);
  INT_EQ(r.damaged, 0);
  INT_EQ(r.err_kinds, 1u << PITH_WARC_E_GARBAGE);
  INT_EQ(r.first_err_offset, f.poff[4]);
  INT_EQ(count_seen(&r), NREC);
  INT_EQ(r.st.bytes_resynced, strlen(junk));
  check_stats(&r);
  check_chunking(p.p, p.len);
  tb_free(&r.log);
  tb_free(&p);
  /* gzip: junk between members */
  tbuf g = {0};
  tb_put(&g, f.gz.p, f.goff[4]);
  tb_puts(&g, junk);
  tb_put(&g, f.gz.p + f.goff[4], f.gz.len - f.goff[4]);
  read_mem(g.p, g.len, 0, &r);
  INT_EQ(r.events, 1);
  INT_EQ(r.err_kinds, 1u << PITH_WARC_E_GARBAGE);
  INT_EQ(r.first_err_offset, f.goff[4]);
  INT_EQ(count_seen(&r), NREC);
  INT_EQ(r.st.bytes_resynced, strlen(junk));
  check_chunking(g.p, g.len);
  tb_free(&r.log);
  tb_free(&g);
  /* gzip: zero padding is a warning only; trailing junk is reported */
  char zeros[333] = {0};
  tb_put(&g, f.gz.p, f.goff[4]);
  tb_put(&g, zeros, sizeof zeros);
  tb_put(&g, f.gz.p + f.goff[4], f.gz.len - f.goff[4]);
  tb_put(&g, zeros, 10);
  read_mem(g.p, g.len, 0, &r);
  INT_EQ(r.events + r.damaged, 0);
  INT_EQ(count_seen(&r), NREC);
  INT_EQ(r.st.warnings[PITH_WARC_W_PADDING], 2);
  tb_free(&r.log);
  tb_puts(&g, "trailing junk");
  read_mem(g.p, g.len, 0, &r);
  INT_EQ(r.events, 1);
  INT_EQ(r.err_kinds, 1u << PITH_WARC_E_GARBAGE);
  INT_EQ(count_seen(&r), NREC);
  tb_free(&r.log);
  tb_free(&g);
  /* junk inside a member (decompressed junk between records) */
  tbuf one = {0};
  tb_put(&one, f.plain.p + f.poff[3], f.poff[4] - f.poff[3]);
  tb_puts(&one, junk);
  tb_put(&one, f.plain.p + f.poff[4], f.poff[5] - f.poff[4]);
  tbuf m = {0};
  gz_member(&m, one.p, one.len);
  tbuf g2 = {0};
  tb_put(&g2, f.gz.p, f.goff[3]);
  tb_put(&g2, m.p, m.len);
  tb_put(&g2, f.gz.p + f.goff[5], f.gz.len - f.goff[5]);
  read_mem(g2.p, g2.len, 0, &r);
  INT_EQ(r.events, 1);
  INT_EQ(r.err_kinds, 1u << PITH_WARC_E_GARBAGE);
  INT_EQ(count_seen(&r), NREC);
  tb_free(&r.log);
  tb_free(&g2);
  tb_free(&m);
  tb_free(&one);
  wf_free(&f);
}

static void test_length_too_long(void) {
  long d[NREC] = {0};
  d[2] = 30; /* swallows the start of record 3 */
  wfile f;
  std_records(&f, d);
  for (int gz = 0; gz < 2; gz++) {
    result r;
    const tbuf *b = gz ? &f.gz : &f.plain;
    read_mem(b->p, b->len, 0, &r);
    INT_EQ(r.records, NREC);
    INT_EQ(r.damaged, 1);
    INT_EQ(r.events, 0);
    INT_EQ(r.err_kinds, 1u << PITH_WARC_E_LENGTH);
    INT_EQ(r.first_err_offset, gz ? f.goff[2] : f.poff[2]);
    INT_EQ(count_seen(&r), NREC - 1);
    INT_EQ(r.seen[3], 1);
    check_stats(&r);
    check_chunking(b->p, b->len);
    tb_free(&r.log);
  }
  wf_free(&f);
  /* much too long: swallows several records */
  memset(d, 0, sizeof d);
  d[2] = 1000;
  std_records(&f, d);
  for (int gz = 0; gz < 2; gz++) {
    result r;
    const tbuf *b = gz ? &f.gz : &f.plain;
    read_mem(b->p, b->len, 0, &r);
    INT_EQ(r.records, NREC);
    INT_EQ(r.damaged, 1);
    INT_EQ(count_seen(&r), NREC - 1);
    tb_free(&r.log);
  }
  wf_free(&f);
  /* the last record's length runs past the end of the file */
  memset(d, 0, sizeof d);
  d[NREC - 1] = 500;
  std_records(&f, d);
  for (int gz = 0; gz < 2; gz++) {
    result r;
    const tbuf *b = gz ? &f.gz : &f.plain;
    read_mem(b->p, b->len, 0, &r);
    INT_EQ(r.damaged, 1);
    INT_EQ(r.err_kinds, 1u << PITH_WARC_E_TRUNCATED);
    INT_EQ(count_seen(&r), NREC - 1);
    tb_free(&r.log);
  }
  wf_free(&f);
}

/* Lengths that lie (issue 9): +10 cuts the next record's version line in
 * two, a length past the end of the file covers every later record, a
 * stray byte sits in front of a version line, a header has no blank line.
 * Every intact record must still come out. */
static void test_length_lies(void) {
  static const long deltas[] = {10, 9, 1000000};
  for (size_t di = 0; di < sizeof deltas / sizeof deltas[0]; di++) {
    long d[NREC] = {0};
    d[2] = deltas[di];
    wfile f;
    std_records(&f, d);
    for (int gz = 0; gz < 2; gz++) {
      result r;
      const tbuf *b = gz ? &f.gz : &f.plain;
      read_mem(b->p, b->len, 0, &r);
      INT_EQ(r.damaged, 1);
      INT_EQ(count_seen(&r), NREC - 1);
      INT_EQ(r.seen[3], 1);
      check_stats(&r);
      check_chunking(b->p, b->len);
      tb_free(&r.log);
    }
    wf_free(&f);
  }
  /* a stray byte before record 4's version line */
  {
    wfile f;
    std_records(&f, NULL);
    tbuf m = {0};
    tb_put(&m, f.plain.p, f.poff[4]);
    tb_puts(&m, "x");
    tb_put(&m, f.plain.p + f.poff[4], f.plain.len - f.poff[4]);
    result r;
    read_mem(m.p, m.len, 0, &r);
    INT_EQ(count_seen(&r), NREC);
    INT_EQ(r.events, 1);
    INT_EQ(r.err_kinds, 1u << PITH_WARC_E_GARBAGE);
    INT_EQ(r.first_err_offset, f.poff[4]);
    check_stats(&r);
    check_chunking(m.p, m.len);
    tb_free(&r.log);
    tb_free(&m);
    wf_free(&f);
  }
  /* record 3's header without its blank line and Content-Length, block gone */
  {
    wfile f;
    std_records(&f, NULL);
    tbuf m = {0};
    tb_put(&m, f.plain.p, f.poff[3]);
    tb_printf(&m, "WARC/1.0\r\nWARC-Type: metadata\r\nWARC-Record-ID: %s\r\n", ID(3));
    tb_put(&m, f.plain.p + f.poff[4], f.plain.len - f.poff[4]);
    result r;
    read_mem(m.p, m.len, 0, &r);
    INT_EQ(r.damaged, 1);
    INT_EQ(r.err_kinds, 1u << PITH_WARC_E_HEADER);
    INT_EQ(count_seen(&r), NREC - 1);
    INT_EQ(r.seen[4], 1);
    check_stats(&r);
    check_chunking(m.p, m.len);
    tb_free(&r.log);
    tb_free(&m);
    wf_free(&f);
  }
  /* a length x10 over 40 records of 10 KB: more than the window holds */
  {
    tbuf big = {0}, m = {0};
    for (int k = 0; k < 10000; k++) tb_puts(&big, k % 64 == 63 ? "\n" : "a");
    wfile f;
    memset(&f, 0, sizeof f);
    for (int i = 0; i < 41; i++) {
      tbuf rec = {0};
      char id[64];
      snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", i);
      warc_record(&rec, "resource", "http://example.com/", id, "text/plain", NULL, big.p, big.len);
      wf_add(&f, &rec);
      tb_free(&rec);
    }
    const char *cl = strstr(f.plain.p, "Content-Length: 10000\r\n");
    CHECK(cl != NULL);
    size_t at = (size_t)(cl - f.plain.p) + 16;
    tb_put(&m, f.plain.p, at);
    tb_puts(&m, "100000"); /* x10 */
    tb_put(&m, f.plain.p + at + 5, f.plain.len - at - 5);
    for (int chunk = 0; chunk < 2; chunk++) {
      memsrc src = {m.p, m.len, 0, chunk ? 777 : 0, 0};
      pith_warc_reader *r = pith_warc_open_source(memsrc_read, &src, NULL);
      pith_warc_record rec;
      int k, good = 0, bad = 0, other = 0;
      while ((k = pith_warc_next(r, &rec)) != PITH_WARC_EOF) {
        if (k == PITH_WARC_DAMAGE) other++;
        else if (rec.err) bad++;
        else if (rec.payload_len == big.len) good++;
      }
      INT_EQ(bad, 1);
      INT_EQ(other, 0);
      INT_EQ(good, 40);
      pith_warc_close(r);
    }
    tb_free(&m);
    tb_free(&big);
    wf_free(&f);
  }
}

static void test_length_too_short(void) {
  /* far too short: damage */
  long d[NREC] = {0};
  d[2] = -100;
  wfile f;
  std_records(&f, d);
  for (int gz = 0; gz < 2; gz++) {
    result r;
    const tbuf *b = gz ? &f.gz : &f.plain;
    read_mem(b->p, b->len, 0, &r);
    INT_EQ(r.records, NREC);
    INT_EQ(r.damaged, 1);
    INT_EQ(r.err_kinds, 1u << PITH_WARC_E_LENGTH);
    INT_EQ(count_seen(&r), NREC - 1);
    INT_EQ(r.st.bytes_resynced, 100 + 4); /* the rest of the block and its CRLF CRLF */
    check_stats(&r);
    check_chunking(b->p, b->len);
    tb_free(&r.log);
  }
  wf_free(&f);
  /* a few bytes short (Common Crawl 2018-34: 2): a warning, the record stays */
  for (long sh = 1; sh <= 20; sh += 19) {
    memset(d, 0, sizeof d);
    d[2] = -sh;
    std_records(&f, d);
    for (int gz = 0; gz < 2; gz++) {
      const tbuf *b = gz ? &f.gz : &f.plain;
      memsrc m = {b->p, b->len, 0, 0, 0};
      pith_warc_reader *r = pith_warc_open_source(memsrc_read, &m, NULL);
      pith_warc_record rec;
      int n = 0, flagged = 0;
      while (pith_warc_next(r, &rec) == PITH_WARC_RECORD) {
        INT_EQ(rec.err, 0);
        if (rec.flags & PITH_WARC_F_LENGTH_SHORT) {
          flagged++;
          INT_EQ(rec.skipped, sh + 4);
          /* the page lost its last sh bytes, nothing else */
          INT_EQ(rec.payload_len, strlen(HTML_A) - (size_t)sh);
          CHECK(memcmp(rec.payload, HTML_A, rec.payload_len) == 0);
        }
        n++;
      }
      INT_EQ(n, NREC);
      INT_EQ(flagged, 1);
      const pith_warc_stats *st = pith_warc_get_stats(r);
      INT_EQ(st->warnings[PITH_WARC_W_LENGTH], 1);
      INT_EQ(st->damaged, 0);
      pith_warc_close(r);
    }
    wf_free(&f);
  }
}

static void test_header_damage(void) {
  wfile f;
  std_records(&f, NULL);
  const char *cases[] = {"Content-Length: 12x\r\n", "Content-Length: -5\r\n",
                         "Content-Length: 18446744073709551615\r\n", "", NULL};
  for (int c = 0; cases[c]; c++) {
    /* record 3 (metadata) gets a bad or no Content-Length */
    tbuf p = {0};
    tb_put(&p, f.plain.p, f.poff[3]);
    const char *rec = f.plain.p + f.poff[3];
    const char *cl = strstr(rec, "Content-Length:");
    const char *eol = strstr(cl, "\r\n") + 2;
    tb_put(&p, rec, (size_t)(cl - rec));
    tb_puts(&p, cases[c]);
    tb_put(&p, eol, f.plain.len - (size_t)(eol - f.plain.p));
    result r;
    read_mem(p.p, p.len, 0, &r);
    INT_EQ(r.damaged, 1);
    INT_EQ(r.err_kinds, 1u << PITH_WARC_E_HEADER);
    INT_EQ(r.first_err_offset, f.poff[3]);
    INT_EQ(count_seen(&r), NREC - 1);
    INT_EQ(r.seen[4], 1);
    check_stats(&r);
    tb_free(&r.log);
    tb_free(&p);
  }
  /* a 100 KB header line */
  tbuf p = {0};
  tb_put(&p, f.plain.p, f.poff[3]);
  tb_puts(&p, "WARC/1.0\r\nWARC-Type: metadata\r\nX-Huge: ");
  for (int i = 0; i < 10000; i++) tb_puts(&p, "0123456789");
  tb_puts(&p, "\r\nContent-Length: 0\r\n\r\n\r\n\r\n");
  tb_put(&p, f.plain.p + f.poff[4], f.plain.len - f.poff[4]);
  result r;
  read_mem(p.p, p.len, 0, &r);
  INT_EQ(r.damaged, 1);
  INT_EQ(r.err_kinds, 1u << PITH_WARC_E_HEADER);
  INT_EQ(count_seen(&r), NREC - 1);
  tb_free(&r.log);
  tb_free(&p);
  wf_free(&f);
}

static void test_not_warc(void) {
  const char *html = "<html><body><p>I am not a WARC file.</p>\nWARC is elsewhere\n</body></html>";
  result r;
  read_mem(html, strlen(html), 0, &r);
  INT_EQ(r.records, 0);
  INT_EQ(r.events, 1);
  INT_EQ(r.err_kinds, 1u << PITH_WARC_E_NOT_WARC);
  tb_free(&r.log);
  tbuf g = {0};
  gz_member(&g, html, strlen(html));
  read_mem(g.p, g.len, 0, &r);
  INT_EQ(r.records, 0);
  INT_EQ(r.err_kinds, 1u << PITH_WARC_E_NOT_WARC);
  tb_free(&r.log);
  tb_free(&g);
  /* empty input: no records, no errors */
  read_mem("", 0, 0, &r);
  INT_EQ(r.records + r.events, 0);
  tb_free(&r.log);
  read_mem("x", 1, 0, &r);
  INT_EQ(r.events, 1);
  tb_free(&r.log);
  /* only a warcinfo */
  wfile f;
  std_records(&f, NULL);
  read_mem(f.plain.p, f.poff[1], 0, &r);
  INT_EQ(r.records, 1);
  INT_EQ(r.events + r.damaged, 0);
  tb_free(&r.log);
  /* leading junk, then records */
  tbuf p = {0};
  tb_puts(&p, "junk before\n");
  tb_put(&p, f.plain.p, f.plain.len);
  read_mem(p.p, p.len, 0, &r);
  INT_EQ(r.events, 1);
  INT_EQ(r.err_kinds, 1u << PITH_WARC_E_GARBAGE);
  INT_EQ(count_seen(&r), NREC);
  tb_free(&r.log);
  tb_free(&p);
  wf_free(&f);
}

static void test_lenient(void) {
  /* bare LF headers, one CRLF after records, WARC/0.18, <uri>, folded line */
  tbuf p = {0};
  tb_puts(&p, "WARC/0.18\nWARC-Type: response\nWARC-Record-ID: <urn:uuid:x1>\n"
              "WARC-Target-URI: <http://example.com/x>\nWARC-Date: 2008-10-294T05:21:46-0700\n"
              "Content-Type: application/http;\n msgtype=response\n");
  const char *blk = "HTTP/1.1 200 OK\nContent-Type: text/html; charset=EUC-JP\n\n<html>x</html>";
  tb_printf(&p, "Content-Length: %zu\n\n%s\r\n", strlen(blk), blk);
  tb_puts(&p, "WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 3\r\n\r\nabc");
  tb_puts(&p, "WARC/1.0\r\nWARC-Type: metadata\r\nContent-Length: 2\r\n\r\nab\n\r\n\r\n");
  memsrc m = {p.p, p.len, 0, 0, 0};
  pith_warc_reader *r = pith_warc_open_source(memsrc_read, &m, NULL);
  pith_warc_record rec;
  INT_EQ(pith_warc_next(r, &rec), PITH_WARC_RECORD);
  INT_EQ(rec.err, 0);
  STR_EQ(rec.version, "WARC/0.18");
  STR_EQ(rec.target_uri, "http://example.com/x");
  STR_EQ(rec.content_type, "application/http;  msgtype=response");
  INT_EQ(rec.http_status, 200);
  STR_EQ(rec.http_content_type, "text/html; charset=EUC-JP");
  SPAN_EQ(rec.payload, rec.payload_len, "<html>x</html>");
  INT_EQ(pith_warc_next(r, &rec), PITH_WARC_RECORD);
  INT_EQ(rec.err, 0);
  SPAN_EQ(rec.payload, rec.payload_len, "abc");
  INT_EQ(pith_warc_next(r, &rec), PITH_WARC_RECORD);
  INT_EQ(rec.err, 0);
  INT_EQ(pith_warc_next(r, &rec), PITH_WARC_EOF);
  const pith_warc_stats *st = pith_warc_get_stats(r);
  INT_EQ(st->warnings[PITH_WARC_W_BARE_LF], 1);
  INT_EQ(st->warnings[PITH_WARC_W_VERSION], 1);
  INT_EQ(st->warnings[PITH_WARC_W_TRAILER], 3);
  pith_warc_close(r);
  tb_free(&p);
}

static void test_io_error(void) {
  wfile f;
  std_records(&f, NULL);
  for (int gz = 0; gz < 2; gz++) {
    const tbuf *b = gz ? &f.gz : &f.plain;
    size_t at = gz ? f.goff[6] + 5 : f.poff[6] + 5;
    memsrc m = {b->p, b->len, 0, 0, (int)at};
    pith_warc_reader *r = pith_warc_open_source(memsrc_read, &m, NULL);
    result res;
    read_all(r, &res);
    pith_warc_close(r);
    INT_EQ(res.damaged + res.events, 1);
    INT_EQ(res.err_kinds, 1u << PITH_WARC_E_IO);
    INT_EQ(count_seen(&res), 6);
    tb_free(&res.log);
  }
  wf_free(&f);
}

static void test_caps(void) {
  wfile f;
  std_records(&f, NULL);
  pith_warc_options o;
  pith_warc_options_init(&o);
  o.max_block = 100;
  memsrc m = {f.plain.p, f.plain.len, 0, 0, 0};
  pith_warc_reader *r = pith_warc_open_source(memsrc_read, &m, &o);
  pith_warc_record rec;
  int n = 0, capped = 0;
  while (pith_warc_next(r, &rec) == PITH_WARC_RECORD) {
    n++;
    CHECK(rec.block_len <= 100);
    INT_EQ(rec.err, 0);
    if (rec.flags & PITH_WARC_F_CAPPED) capped++;
  }
  INT_EQ(n, NREC);
  CHECK(capped >= 3);
  pith_warc_close(r);
  wf_free(&f);
  /* a gzip bomb in an HTTP body */
  size_t big = (size_t)32 << 20;
  char *zeros = calloc(1, big);
  tbuf g = {0}, blk = {0}, rec2 = {0};
  gz_member(&g, zeros, big);
  free(zeros);
  tb_puts(&blk, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n");
  tb_put(&blk, g.p, g.len);
  warc_record(&rec2, "response", "http://bomb/", "bomb", "application/http", NULL, blk.p,
              blk.len);
  o.max_block = 0;
  o.max_payload = (size_t)1 << 20;
  memsrc m2 = {rec2.p, rec2.len, 0, 0, 0};
  r = pith_warc_open_source(memsrc_read, &m2, &o);
  INT_EQ(pith_warc_next(r, &rec), PITH_WARC_RECORD);
  INT_EQ(rec.err, 0);
  CHECK(rec.flags & PITH_WARC_F_BODY_CAPPED);
  INT_EQ(rec.payload_len, (size_t)1 << 20);
  pith_warc_close(r);
  tb_free(&g);
  tb_free(&blk);
  tb_free(&rec2);
}

static void test_big_records(void) {
  /* records bigger than the window, and at buffer boundaries */
  tbuf p = {0}, gz = {0};
  size_t sizes[] = {0, 1, 262144 - 200, 262144, 262144 + 1, 1000000, 3};
  size_t nsz = sizeof sizes / sizeof *sizes;
  for (size_t i = 0; i < nsz; i++) {
    char *blk = malloc(sizes[i] + 1);
    for (size_t k = 0; k < sizes[i]; k++) blk[k] = (char)('a' + (k * 7 + i) % 26);
    tbuf rec = {0};
    char id[32];
    snprintf(id, sizeof id, "big%zu", i);
    warc_record(&rec, "resource", "http://x/", id, "text/plain", NULL, blk, sizes[i]);
    tb_put(&p, rec.p, rec.len);
    gz_member(&gz, rec.p, rec.len);
    tb_free(&rec);
    free(blk);
  }
  for (int v = 0; v < 2; v++) {
    const tbuf *b = v ? &gz : &p;
    memsrc m = {b->p, b->len, 0, v ? 0 : 65537, 0};
    pith_warc_reader *r = pith_warc_open_source(memsrc_read, &m, NULL);
    pith_warc_record rec;
    for (size_t i = 0; i < nsz; i++) {
      INT_EQ(pith_warc_next(r, &rec), PITH_WARC_RECORD);
      INT_EQ(rec.err, 0);
      INT_EQ(rec.payload_len, sizes[i]);
      int ok = 1;
      for (size_t k = 0; k < sizes[i] && ok; k++)
        ok = rec.payload[k] == (char)('a' + (k * 7 + i) % 26);
      CHECK(ok);
    }
    INT_EQ(pith_warc_next(r, &rec), PITH_WARC_EOF);
    pith_warc_close(r);
  }
  tb_free(&p);
  tb_free(&gz);
}

/* Random damage to a per-record gzip file: no crash, no hang, and every
 * record that comes out good is byte-identical to the original (gzip CRCs
 * make that a promise); if records are missing, damage was reported. */
static void test_random_damage(void) {
  wfile f;
  std_records(&f, NULL);
  srand(777);
  for (int iter = 0; iter < 400; iter++) {
    int gz = iter % 4 != 3;
    const tbuf *src = gz ? &f.gz : &f.plain;
    tbuf g = {0};
    tb_put(&g, src->p, src->len);
    size_t at = (size_t)rand() % g.len;
    switch (iter % 5) {
    case 0: g.p[at] ^= (char)(1 << (rand() % 8)); break;
    case 1:
      /* a cut exactly at a member boundary cannot be told from a clean end
       * (WARC has no end marker): cut inside a member */
      for (int k = 0; k < NREC; k++)
        if (gz && at == f.goff[k]) at++;
      g.len = at;
      break;
    case 2: memset(g.p + at, 0, g.len - at < 50 ? g.len - at : 50); break;
    case 3: {
      size_t n = (size_t)rand() % 64 + 1;
      if (at + n > g.len) n = g.len - at;
      for (size_t i = 0; i < n; i++) g.p[at + i] = (char)rand();
      break;
    }
    case 4: {
      /* delete a span */
      size_t n = (size_t)rand() % 200 + 1;
      if (at + n > g.len) n = g.len - at;
      memmove(g.p + at, g.p + at + n, g.len - at - n);
      g.len -= n;
      break;
    }
    }
    result r;
    read_mem(g.p, g.len, (size_t)(iter % 13) + 1, &r);
    check_stats(&r);
    if (gz) {
      INT_EQ(r.bad_payload, 0);
      if (count_seen(&r) < NREC && r.damaged + r.events == 0)
        fprintf(stderr, "iter %d kind %d at %zu len %zu:\n%s", iter, iter % 5, at, g.len,
                r.log.p);
      if (count_seen(&r) < NREC) CHECK(r.damaged + r.events > 0);
    }
    tb_free(&r.log);
    tb_free(&g);
  }
  wf_free(&f);
}

static void test_open_path(void) {
  wfile f;
  std_records(&f, NULL);
  char *path = tmp_write(f.gz.p, f.gz.len, ".warc.gz");
  char err[256];
  pith_warc_reader *r = pith_warc_open(path, NULL, err, sizeof err);
  CHECK(r != NULL);
  result res;
  read_all(r, &res);
  INT_EQ(count_seen(&res), NREC);
  pith_warc_close(r);
  tb_free(&res.log);
  unlink(path);
  free(path);
  r = pith_warc_open("/nonexistent/x.warc", NULL, err, sizeof err);
  CHECK(r == NULL);
  CHECK(strstr(err, "No such file") != NULL);
  wf_free(&f);
}

/* Allocation failures: an error, never a quietly shorter result, no leak. */
static void test_alloc_failures(void) {
  wfile f;
  std_records(&f, NULL);
  for (int gz = 0; gz < 2; gz++) {
    const tbuf *b = gz ? &f.gz : &f.plain;
    for (unsigned long n = 1; n < 60; n++) {
      pith_alloc_fail_after(n);
      memsrc m = {b->p, b->len, 0, 0, 0};
      pith_warc_reader *r = pith_warc_open_source(memsrc_read, &m, NULL);
      if (!r) {
        pith_alloc_fail_after(0);
        continue;
      }
      pith_warc_record rec;
      int k, good = 0, nomem = 0, guard = 0;
      while ((k = pith_warc_next(r, &rec)) != PITH_WARC_EOF && guard++ < 1000) {
        if (rec.err == PITH_WARC_E_NOMEM) nomem++;
        if (k == PITH_WARC_RECORD && !rec.err) {
          int i = S_index(rec.record_id);
          if (rec.flags & PITH_WARC_F_HTTP_BAD) {
            if (strstr(rec.http_msg, "out of memory")) nomem++;
          } else if (i >= 0 && rec.payload_len == S_block[i].len &&
                     !memcmp(rec.payload, S_block[i].p, rec.payload_len)) {
            good++;
          }
        }
      }
      pith_warc_close(r);
      pith_alloc_fail_after(0);
      if (good < NREC) CHECK(nomem > 0);
    }
  }
  wf_free(&f);
}

#ifdef PITH_HAVE_ZSTD
#include <zstd.h>
static void zst_frame(tbuf *out, const void *p, size_t n) {
  size_t bound = ZSTD_compressBound(n);
  tb_reserve(out, bound);
  size_t k = ZSTD_compress(out->p + out->len, bound, p, n, 3);
  CHECK(!ZSTD_isError(k));
  out->len += k;
}

/* .warc.zst: one frame for the file, or a frame per record */
static void test_zstd(void) {
  wfile f;
  std_records(&f, NULL);
  tbuf whole = {0}, per = {0};
  zst_frame(&whole, f.plain.p, f.plain.len);
  for (size_t i = 0; i < f.n; i++) {
    size_t e = i + 1 < f.n ? f.poff[i + 1] : f.plain.len;
    zst_frame(&per, f.plain.p + f.poff[i], e - f.poff[i]);
  }
  for (int k = 0; k < 2; k++) {
    const tbuf *b = k ? &per : &whole;
    result r;
    read_mem(b->p, b->len, 0, &r);
    INT_EQ(r.records, NREC);
    INT_EQ(r.damaged + r.events, 0);
    INT_EQ(count_seen(&r), NREC);
    INT_EQ(r.st.bytes_in, b->len);
    check_stats(&r);
    check_chunking(b->p, b->len);
    tb_free(&r.log);
    /* cut in the middle: reported, the records before it still read */
    read_mem(b->p, b->len / 2, 0, &r);
    CHECK(r.damaged + r.events == 1);
    /* a frame per record: those before the cut are whole (one frame of a
     * small file is a single block, which decodes to nothing when cut) */
    if (k) CHECK(count_seen(&r) >= 1);
    check_stats(&r);
    tb_free(&r.log);
  }
  tb_free(&whole);
  tb_free(&per);
  wf_free(&f);
}
#endif

int main(void) {
  RUN(test_clean_layouts);
  RUN(test_fields_and_offsets);
  RUN(test_gzip_corrupt_member);
  RUN(test_gzip_crc);
  RUN(test_truncated_last);
  RUN(test_garbage_between);
  RUN(test_length_too_long);
  RUN(test_length_lies);
#ifdef PITH_HAVE_ZSTD
  RUN(test_zstd);
#endif
  RUN(test_length_too_short);
  RUN(test_header_damage);
  RUN(test_not_warc);
  RUN(test_lenient);
  RUN(test_io_error);
  RUN(test_caps);
  RUN(test_big_records);
  RUN(test_random_damage);
  RUN(test_open_path);
  RUN(test_alloc_failures);
  for (int i = 0; i < NREC; i++) tb_free(&S_block[i]);
  return REPORT();
}
