/* warc_api.c - the public side of the WARC reader (pith.h): openers for a
 * file descriptor, a stdio stream and memory, the HTTP head of the current
 * record, and the page decision `pith warc` makes for each record.
 *
 * The reader itself is src/input/warc.c; this file only adapts byte
 * sources to it and reads what it parsed, so there is one reader. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/core.h"
#include "core/sha1.h"
#include "input/gz.h"
#include "input/http.h"
#include "input/warc.h"

/* ---- openers -------------------------------------------------------------- */

typedef struct {
  const unsigned char *p;
  size_t n, pos;
} S_mem;

static long S_mem_read(void *ud, void *buf, size_t n) {
  S_mem *m = ud;
  size_t k = m->n - m->pos;
  if (k > n) k = n;
  if (k) memcpy(buf, m->p + m->pos, k);
  m->pos += k;
  return (long)k;
}

pith_warc_reader *pith_warc_open_memory(const void *p, size_t n, const pith_warc_options *o) {
  if (!p && n) return NULL;
  S_mem *m = pith_malloc(sizeof *m);
  if (!m) return NULL;
  m->p = p;
  m->n = n;
  m->pos = 0;
  pith_warc_reader *r = pith_warc_open_source(S_mem_read, m, o);
  if (!r) {
    pith_free(m);
    return NULL;
  }
  pith_warc_set_owned(r, m, pith_free);
  return r;
}

static long S_file_read(void *ud, void *buf, size_t n) {
  FILE *f = ud;
  size_t k = fread(buf, 1, n, f);
  if (k == 0 && ferror(f)) {
    if (!errno) errno = EIO;
    return -1;
  }
  return (long)k;
}

pith_warc_reader *pith_warc_open_file(FILE *fp, const pith_warc_options *o) {
  if (!fp) return NULL;
  return pith_warc_open_source(S_file_read, fp, o);
}

static void S_close_fd(void *p) { close((int)(intptr_t)p); }

pith_warc_reader *pith_warc_open_fd(int fd, int take, const pith_warc_options *o) {
  if (fd < 0) return NULL;
  pith_warc_reader *r = pith_warc_open_source(pith_fd_read, (void *)(intptr_t)fd, o);
  if (r && take) pith_warc_set_owned(r, (void *)(intptr_t)fd, S_close_fd);
  return r;
}

/* ---- the HTTP head of the current record ------------------------------------ */

size_t pith_warc_http_header_count(const pith_warc_reader *r) {
  const pith_http_head *h = pith_warc_http(r);
  return h ? h->nheaders : 0;
}

pith_status pith_warc_http_header_at(const pith_warc_reader *r, size_t i, pith_str *name,
                                     pith_str *value) {
  const pith_http_head *h = pith_warc_http(r);
  if (!h || i >= h->nheaders) return PITH_ERR_ARG;
  if (name) *name = h->name[i];
  if (value) *value = h->value[i];
  return PITH_OK;
}

pith_str pith_warc_http_header(const pith_warc_reader *r, const char *name) {
  const pith_http_head *h = pith_warc_http(r);
  if (!h || !name) return (pith_str){NULL, 0};
  return pith_http_header(h, name);
}

pith_str pith_warc_http_reason(const pith_warc_reader *r) {
  const pith_http_head *h = pith_warc_http(r);
  return h && h->reason.ptr ? h->reason : (pith_str){"", 0};
}

pith_str pith_warc_http_version(const pith_warc_reader *r) {
  const pith_http_head *h = pith_warc_http(r);
  return h && h->version.ptr ? h->version : (pith_str){"", 0};
}

/* ---- the page decision ---------------------------------------------------------- */

static int S_sha1_is(const unsigned char want[20], const char *p, size_t n) {
  unsigned char got[20];
  pith_sha1 c;
  pith_sha1_init(&c);
  pith_sha1_update(&c, p, n);
  pith_sha1_final(&c, got);
  return memcmp(want, got, 20) == 0;
}

/* 1 when the record names a sha1 WARC-Block-Digest its block does not hash
 * to; 2 when it names no checkable block digest but a sha1
 * WARC-Payload-Digest that neither the body as stored nor the de-chunked
 * body hashes to (writers differ on chunked bodies). The same rules as
 * `pith warc` (src/cli/cmd_warc.c), which is to call this once it moves
 * onto the public API. */
int pith_warc_digest_check(const pith_warc_reader *r, const pith_warc_record *rec) {
  unsigned char want[20];
  if (rec->flags & PITH_WARC_F_CAPPED) return 0;
  const char *h = pith_warc_header(r, "WARC-Block-Digest");
  if (h && pith_sha1_parse_digest(h, strlen(h), want))
    return S_sha1_is(want, rec->block, rec->block_len) ? 0 : 1;
  /* a revisit's payload digest names the payload of the record it revisits */
  if (rec->type != PITH_WARC_RESPONSE && rec->type != PITH_WARC_RESOURCE) return 0;
  h = pith_warc_header(r, "WARC-Payload-Digest");
  if (!h || !pith_sha1_parse_digest(h, strlen(h), want)) return 0;
  const char *body = rec->block;
  size_t n = rec->block_len;
  if (rec->flags & PITH_WARC_F_HTTP) {
    const char *e = NULL;
    for (size_t i = 0; i + 3 < n; i++)
      if (body[i] == '\r' && body[i + 1] == '\n' && body[i + 2] == '\r' && body[i + 3] == '\n') {
        e = body + i + 4;
        break;
      }
    if (!e) return 0;
    n -= (size_t)(e - body);
    body = e;
  }
  if (S_sha1_is(want, body, n)) return 0;
  unsigned hf = rec->http_flags;
  if ((hf & PITH_HTTP_DECHUNKED) && (hf & PITH_HTTP_DECODED)) return 0;
  if (hf & (PITH_HTTP_INCOMPLETE | PITH_HTTP_CAPPED)) return 0;
  if ((hf & PITH_HTTP_DECHUNKED) && S_sha1_is(want, rec->payload, rec->payload_len)) return 0;
  return 2;
}

static int S_status_ok(const pith_warc_page_options *o, int st) {
  if (!o || !o->statuses || !o->nstatuses) return st == 200;
  for (size_t i = 0; i < o->nstatuses; i++) {
    int s = o->statuses[i];
    if (s >= 1 && s <= 9 ? st / 100 == s : st == s) return 1;
  }
  return 0;
}

static pith_warc_page_kind S_skip(pith_warc_page *pg, const char *reason, const char *detail) {
  pg->kind = PITH_WARC_SKIP;
  pg->reason = reason;
  pg->detail = detail ? detail : "";
  return PITH_WARC_SKIP;
}

pith_warc_page_kind pith_warc_classify(const pith_warc_reader *r, const pith_warc_record *rec,
                                       const pith_warc_page_options *o, pith_warc_page *pg) {
  unsigned fl = o ? o->flags : 0;
  size_t maxp = o && o->max_payload ? o->max_payload : (size_t)16 << 20;
  memset(pg, 0, sizeof *pg);
  pg->detail = "";
  pg->truncated = rec->truncated;
  if (!pg->truncated && (rec->flags & PITH_WARC_F_BODY_INCOMPLETE)) pg->truncated = "incomplete";
  if (rec->err) {
    if (!(fl & PITH_WARC_P_KEEP_DAMAGED)) return S_skip(pg, "damaged", rec->message);
    pg->damage = rec->err;
  }
  if (!(fl & PITH_WARC_P_NO_DIGESTS)) {
    pg->digest = pith_warc_digest_check(r, rec);
    if (pg->digest) {
      snprintf(pg->buf, sizeof pg->buf, "offset %llu: WARC-%s-Digest mismatch",
               (unsigned long long)rec->offset, pg->digest == 1 ? "Block" : "Payload");
      if (!(fl & PITH_WARC_P_KEEP_DAMAGED)) return S_skip(pg, "damaged", pg->buf);
    }
  }
  /* WET files hold flattened pages as conversion records of text/plain */
  if (rec->type == PITH_WARC_CONVERSION && !(rec->flags & PITH_WARC_F_HTTP) && rec->content_type &&
      !strncasecmp(rec->content_type, "text/plain", 10)) {
    if (rec->flags & PITH_WARC_F_CAPPED) {
      snprintf(pg->buf, sizeof pg->buf, "over --max-payload %zu", maxp);
      return S_skip(pg, "too_large", pg->buf);
    }
    if (rec->payload_len == 0) return S_skip(pg, "empty", "");
    return pg->kind = PITH_WARC_PAGE_TEXT;
  }
  if (rec->type != PITH_WARC_RESPONSE)
    return S_skip(pg, rec->type == PITH_WARC_OTHER ? "other_type" : pith_warc_type_name(rec->type),
                  "");
  if (!(rec->flags & PITH_WARC_F_HTTP))
    return S_skip(pg, "not_http", rec->content_type ? rec->content_type : "");
  if (!S_status_ok(o, rec->http_status)) {
    snprintf(pg->buf, sizeof pg->buf, "%d", rec->http_status);
    return S_skip(pg, "status", pg->buf);
  }
  if (rec->flags & PITH_WARC_F_HTTP_BAD) return S_skip(pg, "http_decode", rec->http_msg);
  if (rec->flags & (PITH_WARC_F_CAPPED | PITH_WARC_F_BODY_CAPPED)) {
    snprintf(pg->buf, sizeof pg->buf, "over --max-payload %zu", maxp);
    return S_skip(pg, "too_large", pg->buf);
  }
  if (rec->payload_len == 0) return S_skip(pg, "empty", "");
  const char *why = NULL;
  const char *ct = rec->http_content_type;
  if (!pith_http_sniff_html(ct, ct ? strlen(ct) : 0, rec->payload, rec->payload_len, &why))
    return S_skip(pg, "not_html", why);
  return pg->kind = PITH_WARC_PAGE_HTML;
}
