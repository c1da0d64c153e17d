/* test_warc_gen.h - build small WARC files in memory for the unit tests:
 * records, HTTP responses, gzip members, and a memory byte source that
 * hands data out in chunks of a chosen size. Test-only helpers; they abort
 * on allocation failure (a test harness may). */
#ifndef PITH_TEST_WARC_GEN_H
#define PITH_TEST_WARC_GEN_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

typedef struct tbuf {
  char *p;
  size_t len, cap;
} tbuf;

static inline void tb_reserve(tbuf *b, size_t n) {
  if (n > ((size_t)-1 >> 2)) abort(); /* (also tells the compiler n is bounded) */
  if (b->len + n + 1 <= b->cap) return;
  size_t c = b->cap ? b->cap : 1024;
  while (c < b->len + n + 1) c *= 2;
  b->p = realloc(b->p, c);
  if (!b->p) abort();
  b->cap = c;
}
static inline void tb_put(tbuf *b, const void *p, size_t n) {
  tb_reserve(b, n);
  if (n) memcpy(b->p + b->len, p, n);
  b->len += n;
  b->p[b->len] = '\0';
}
static inline void tb_puts(tbuf *b, const char *s) { tb_put(b, s, strlen(s)); }
static inline void tb_printf(tbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline void tb_printf(tbuf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  tb_reserve(b, (size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}
static inline void tb_free(tbuf *b) {
  free(b->p);
  b->p = NULL;
  b->len = b->cap = 0;
}

/* One WARC record: header (with Content-Length of the block), block, CRLF CRLF.
 * extra: more header lines, each ending "\r\n" (may be NULL). */
static inline void warc_record(tbuf *out, const char *type, const char *uri, const char *id,
                        const char *ctype, const char *extra, const char *block, size_t blen) {
  tb_puts(out, "WARC/1.0\r\n");
  tb_printf(out, "WARC-Type: %s\r\n", type);
  tb_printf(out, "WARC-Record-ID: <urn:uuid:%s>\r\n", id);
  tb_puts(out, "WARC-Date: 2024-05-18T01:02:03Z\r\n");
  if (uri) tb_printf(out, "WARC-Target-URI: %s\r\n", uri);
  if (ctype) tb_printf(out, "Content-Type: %s\r\n", ctype);
  if (extra) tb_puts(out, extra);
  tb_printf(out, "Content-Length: %zu\r\n\r\n", blen);
  tb_put(out, block, blen);
  tb_puts(out, "\r\n\r\n");
}

/* An HTTP response message. */
static inline void http_msg(tbuf *out, int status, const char *ct, const char *extra, const char *body,
                     size_t blen) {
  tb_printf(out, "HTTP/1.1 %d %s\r\n", status, status == 200 ? "OK" : "Other");
  if (ct) tb_printf(out, "Content-Type: %s\r\n", ct);
  if (extra) tb_puts(out, extra);
  tb_printf(out, "Content-Length: %zu\r\n\r\n", blen);
  tb_put(out, body, blen);
}

/* Append a gzip member holding p[0..n). */
static inline void gz_member(tbuf *out, const void *p, size_t n) {
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  if (deflateInit2(&zs, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK) abort();
  size_t bound = deflateBound(&zs, (uLong)n) + 64;
  tb_reserve(out, bound);
  zs.next_in = (Bytef *)(uintptr_t)p;
  zs.avail_in = (uInt)n;
  zs.next_out = (Bytef *)out->p + out->len;
  zs.avail_out = (uInt)bound;
  if (deflate(&zs, Z_FINISH) != Z_STREAM_END) abort();
  out->len += bound - zs.avail_out;
  deflateEnd(&zs);
}

/* Record boundaries while building a file. */
typedef struct wfile {
  tbuf plain;         /* uncompressed stream */
  tbuf gz;            /* per-record gzip */
  size_t n;           /* records */
  size_t poff[64];    /* record start in plain */
  size_t goff[64];    /* member start in gz */
  size_t glen[64];    /* member length */
} wfile;

static inline void wf_add(wfile *f, const tbuf *rec) {
  f->poff[f->n] = f->plain.len;
  f->goff[f->n] = f->gz.len;
  tb_put(&f->plain, rec->p, rec->len);
  gz_member(&f->gz, rec->p, rec->len);
  f->glen[f->n] = f->gz.len - f->goff[f->n];
  f->n++;
}
static inline void wf_free(wfile *f) {
  tb_free(&f->plain);
  tb_free(&f->gz);
}

/* A byte source over memory, handing out at most `chunk` bytes a call. */
typedef struct memsrc {
  const char *p;
  size_t n, pos, chunk;
  int fail_at; /* >0: return -1 once pos reaches this */
} memsrc;

static inline long memsrc_read(void *ud, void *buf, size_t n) {
  memsrc *m = ud;
  if (m->fail_at > 0 && m->pos >= (size_t)m->fail_at) return -1;
  size_t k = m->n - m->pos;
  if (k > n) k = n;
  if (m->chunk && k > m->chunk) k = m->chunk;
  if (m->fail_at > 0 && m->pos + k > (size_t)m->fail_at) k = (size_t)m->fail_at - m->pos;
  memcpy(buf, m->p + m->pos, k);
  m->pos += k;
  return (long)k;
}

/* Write bytes to a fresh temporary file; returns its malloc'd path. */
static inline char *tmp_write(const void *p, size_t n, const char *suffix) {
  char tmpl[] = "/tmp/pith-test-XXXXXX";
  int fd = mkstemp(tmpl);
  if (fd < 0) abort();
  if (n && write(fd, p, n) != (ssize_t)n) abort();
  close(fd);
  char *path = malloc(strlen(tmpl) + strlen(suffix) + 1);
  if (!path) abort();
  strcpy(path, tmpl);
  strcat(path, suffix);
  if (*suffix && rename(tmpl, path)) abort();
  return path;
}

#endif
