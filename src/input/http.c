/* http.c - HTTP/1.x head parsing, body decoding and HTML sniffing. */
#include "input/http.h"

#include "input/sniff.h"

#include <stdio.h>
#include <string.h>
#include <zlib.h>
#ifdef PITH_HAVE_ZSTD
#include <zstd.h>
#endif
#ifdef PITH_HAVE_BROTLI
#include <brotli/decode.h>
#endif

static pith_str S_span(const char *p, size_t n) {
  pith_str s = {p, n};
  return s;
}

static void S_trim(const char **p, size_t *n) {
  while (*n && (**p == ' ' || **p == '\t' || **p == '\r' || **p == '\n')) (*p)++, (*n)--;
  while (*n && ((*p)[*n - 1] == ' ' || (*p)[*n - 1] == '\t' || (*p)[*n - 1] == '\r' ||
                (*p)[*n - 1] == '\n'))
    (*n)--;
}

static int S_is_digit(char c) { return c >= '0' && c <= '9'; }
static int S_is_upper(char c) { return c >= 'A' && c <= 'Z'; }

/* "HTTP/1.1 200 OK", "HTTP/1.0 302 ", "HTTPX/1.1 200 OK", "HTTP/2 200" */
static int S_status_line(const char *s, size_t n, pith_http_head *h) {
  if (n < 4 || !pith_istarts(s, n, "http")) return 0;
  size_t i = 0;
  while (i < n && s[i] != ' ' && s[i] != '\t') i++;
  h->version = S_span(s, i);
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  if (i + 3 > n || !S_is_digit(s[i]) || !S_is_digit(s[i + 1]) || !S_is_digit(s[i + 2]))
    return 0;
  if (i + 3 < n && s[i + 3] != ' ' && s[i + 3] != '\t') return 0;
  h->status = (s[i] - '0') * 100 + (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
  if (h->status < 100) return 0;
  i += 3;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  h->reason = S_span(s + i, n - i);
  return 1;
}

/* "GET /path HTTP/1.1" */
static int S_request_line(const char *s, size_t n, pith_http_head *h) {
  size_t i = 0;
  while (i < n && (S_is_upper(s[i]) || s[i] == '-' || s[i] == '_')) i++;
  if (i == 0 || i > 32 || i >= n || s[i] != ' ') return 0;
  h->method = S_span(s, i);
  size_t t = ++i;
  while (i < n && s[i] != ' ') i++;
  if (i == t || i >= n) return 0;
  h->target = S_span(s + t, i - t);
  i++;
  if (!pith_istarts(s + i, n - i, "http")) return 0;
  h->version = S_span(s + i, n - i);
  h->is_request = 1;
  return 1;
}

pith_status pith_http_parse_head(const char *p, size_t n, pith_http_head *h) {
  memset(h, 0, sizeof *h);
  size_t lim = n < PITH_HTTP_MAX_HEAD ? n : PITH_HTTP_MAX_HEAD;
  const char *e = memchr(p, '\n', lim);
  if (!e) {
    /* a head cut off inside its first line: still say what it is */
    size_t l = lim;
    while (l && p[l - 1] == '\r') l--;
    if (!S_status_line(p, l, h) && !S_request_line(p, l, h)) return PITH_ERR_FORMAT;
    h->head_len = n;
    return n > PITH_HTTP_MAX_HEAD ? PITH_ERR_LIMIT : PITH_ERR_TRUNCATED;
  }
  size_t l = (size_t)(e - p);
  if (!(l && p[l - 1] == '\r')) h->bare_lf = 1;
  while (l && p[l - 1] == '\r') l--;
  if (!S_status_line(p, l, h) && !S_request_line(p, l, h)) {
    memset(h, 0, sizeof *h);
    return PITH_ERR_FORMAT;
  }
  size_t pos = (size_t)(e - p) + 1;
  pith_str *last = NULL;
  for (;;) {
    if (pos >= lim) {
      h->head_len = n;
      return n > PITH_HTTP_MAX_HEAD ? PITH_ERR_LIMIT : PITH_ERR_TRUNCATED;
    }
    e = memchr(p + pos, '\n', lim - pos);
    if (!e) {
      h->head_len = n;
      return n > PITH_HTTP_MAX_HEAD ? PITH_ERR_LIMIT : PITH_ERR_TRUNCATED;
    }
    const char *s = p + pos;
    size_t sl = (size_t)(e - s);
    if (!(sl && s[sl - 1] == '\r')) h->bare_lf = 1;
    while (sl && s[sl - 1] == '\r') sl--;
    pos = (size_t)(e - p) + 1;
    if (sl == 0) break; /* the blank line */
    h->nlines++;
    if ((s[0] == ' ' || s[0] == '\t') && last) {
      /* obs-fold: the value goes on */
      const char *end = s + sl;
      last->len = (size_t)(end - last->ptr);
      continue;
    }
    const char *c = memchr(s, ':', sl);
    if (!c) {
      last = NULL;
      continue;
    }
    const char *nm = s, *v = c + 1;
    size_t nl = (size_t)(c - s), vl = sl - nl - 1;
    S_trim(&nm, &nl);
    S_trim(&v, &vl);
    if (!nl) {
      last = NULL;
      continue;
    }
    pith_str *target = NULL;
    if (pith_ieq(nm, nl, "content-type"))
      target = &h->content_type;
    else if (pith_ieq(nm, nl, "content-encoding"))
      target = &h->content_encoding;
    else if (pith_ieq(nm, nl, "transfer-encoding"))
      target = &h->transfer_encoding;
    else if (pith_ieq(nm, nl, "content-length"))
      target = &h->content_length;
    last = NULL;
    if (h->nheaders < PITH_HTTP_MAX_HEADERS) {
      h->name[h->nheaders] = S_span(nm, nl);
      h->value[h->nheaders] = S_span(v, vl);
      last = &h->value[h->nheaders];
      h->nheaders++;
    }
    if (target && !target->ptr) {
      *target = S_span(v, vl);
      if (!last) last = target;
    }
  }
  h->head_len = pos;
  return PITH_OK;
}

pith_str pith_http_header(const pith_http_head *h, const char *name) {
  for (size_t i = 0; i < h->nheaders; i++)
    if (pith_ieq(h->name[i].ptr, h->name[i].len, name)) return h->value[i];
  pith_str none = {NULL, 0};
  return none;
}

pith_str pith_http_mime(const char *ct, size_t n) {
  if (!ct) return S_span(NULL, 0);
  const char *semi = memchr(ct, ';', n);
  size_t l = semi ? (size_t)(semi - ct) : n;
  S_trim(&ct, &l);
  return S_span(ct, l);
}

pith_str pith_http_charset(const char *ct, size_t n) {
  pith_str none = {NULL, 0};
  if (!ct) return none;
  size_t i = 0;
  while (i < n) {
    const char *semi = memchr(ct + i, ';', n - i);
    if (!semi) break;
    i = (size_t)(semi - ct) + 1;
    while (i < n && pith_is_space((unsigned char)ct[i])) i++;
    if (pith_istarts(ct + i, n - i, "charset")) {
      size_t j = i + 7;
      while (j < n && pith_is_space((unsigned char)ct[j])) j++;
      if (j >= n || ct[j] != '=') continue;
      j++;
      while (j < n && pith_is_space((unsigned char)ct[j])) j++;
      const char *v = ct + j;
      size_t vl = 0;
      if (j < n && ct[j] == '"') {
        v++;
        while (j + 1 + vl < n && ct[j + 1 + vl] != '"') vl++;
      } else {
        while (j + vl < n && ct[j + vl] != ';' && !pith_is_space((unsigned char)ct[j + vl])) vl++;
      }
      S_trim(&v, &vl);
      if (vl) return S_span(v, vl);
    }
  }
  return none;
}

/* ---- body decoding ---------------------------------------------------- */

/* Parse a chunk-size line at p[*pos]. 1 = ok (pos past the line end),
 * 0 = not a chunk-size line, -1 = the data ends inside it. */
static int S_chunk_line(const char *p, size_t n, size_t *pos, unsigned long long *size) {
  size_t i = *pos;
  while (i < n && (p[i] == ' ' || p[i] == '\t')) i++;
  unsigned long long v = 0;
  size_t digits = 0;
  for (; i < n; i++) {
    char c = p[i];
    int d;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      d = c - 'A' + 10;
    else
      break;
    if (++digits > 15) return 0;
    v = v * 16 + (unsigned long long)d;
  }
  if (!digits) return i >= n ? -1 : 0;
  while (i < n && (p[i] == ' ' || p[i] == '\t')) i++;
  if (i < n && p[i] == ';') {
    /* chunk extension: up to the line end, bounded */
    size_t lim = i + 1024;
    while (i < n && i < lim && p[i] != '\n' && p[i] != '\r') i++;
    if (i >= lim) return 0;
  }
  if (i >= n) return -1;
  if (p[i] == '\r') {
    if (i + 1 >= n) return -1;
    if (p[i + 1] != '\n') return 0;
    i += 2;
  } else if (p[i] == '\n') {
    i++;
  } else {
    return 0;
  }
  *pos = i;
  *size = v;
  return 1;
}

static pith_status S_dechunk(const char *p, size_t n, size_t cap, pith_buf *o, unsigned *flags,
                             char *msg, size_t msgn) {
  size_t pos = 0;
  pith_buf_clear(o);
  o->max = cap;
  for (;;) {
    unsigned long long sz;
    size_t at = pos;
    int r = S_chunk_line(p, n, &pos, &sz);
    if (r < 0 || (r == 0 && at >= n)) {
      *flags |= PITH_HTTP_INCOMPLETE;
      break;
    }
    if (r == 0) {
      snprintf(msg, msgn, "bad chunk size line at body offset %zu", at);
      return PITH_ERR_FORMAT;
    }
    if (sz == 0) break; /* last chunk; trailers are ignored */
    size_t take = n - pos < sz ? n - pos : (size_t)sz;
    if (o->len + take > cap) {
      take = cap - o->len;
      if (pith_buf_put(o, p + pos, take)) return PITH_ERR_NOMEM;
      *flags |= PITH_HTTP_CAPPED;
      return PITH_ERR_LIMIT;
    }
    if (pith_buf_put(o, p + pos, take)) return PITH_ERR_NOMEM;
    pos += take;
    if (take < sz) {
      *flags |= PITH_HTTP_INCOMPLETE;
      break;
    }
    /* CRLF (or LF) after the chunk data */
    if (pos >= n || (p[pos] == '\r' && pos + 1 >= n)) {
      *flags |= PITH_HTTP_INCOMPLETE;
      break;
    }
    if (p[pos] == '\r' && p[pos + 1] == '\n')
      pos += 2;
    else if (p[pos] == '\n')
      pos += 1;
    else {
      snprintf(msg, msgn, "chunk of %llu bytes not followed by a line end at body offset %zu",
               sz, pos);
      return PITH_ERR_FORMAT;
    }
  }
  *flags |= PITH_HTTP_DECHUNKED;
  return PITH_OK;
}

/* Grow o so that at least `want` more bytes fit (bounded by cap). */
static int S_room(pith_buf *o, size_t cap, size_t hint) {
  size_t want = hint < 65536 ? 65536 : hint;
  if (want > cap - o->len) want = cap - o->len;
  if (want == 0) return 0;
  if (o->cap > o->len + want) return 0;
  return pith_buf_reserve(o, want);
}

/* Inflate a gzip (wbits 31, several members), zlib (15) or raw (-15)
 * stream. *nothing is set when not a single byte could be decoded. */
static pith_status S_inflate(const char *in, size_t n, int wbits, size_t cap, pith_buf *o,
                             unsigned *flags, char *msg, size_t msgn, int *nothing) {
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  *nothing = 0;
  pith_buf_clear(o);
  o->max = cap;
  if (inflateInit2(&zs, wbits) != Z_OK) return PITH_ERR_NOMEM;
  zs.next_in = (Bytef *)(uintptr_t)in;
  size_t left = n;
  pith_status st = PITH_OK;
  for (;;) {
    if (o->len >= cap) {
      /* full: is there more output? */
      unsigned char probe[1];
      zs.next_out = probe;
      zs.avail_out = 1;
      zs.avail_in = (uInt)(left > 0x40000000u ? 0x40000000u : left);
      uInt before = zs.avail_in;
      int zr = inflate(&zs, Z_NO_FLUSH);
      left -= before - zs.avail_in;
      if (zs.avail_out == 0) {
        *flags |= PITH_HTTP_CAPPED;
        st = PITH_ERR_LIMIT;
      } else if (zr != Z_STREAM_END && left == 0) {
        *flags |= PITH_HTTP_INCOMPLETE;
      }
      break;
    }
    if (S_room(o, cap, n * 3)) {
      st = PITH_ERR_NOMEM;
      break;
    }
    size_t room = o->cap - 1 - o->len;
    if (room > cap - o->len) room = cap - o->len;
    if (room > 0x40000000u) room = 0x40000000u;
    zs.next_out = (Bytef *)o->p + o->len;
    zs.avail_out = (uInt)room;
    zs.avail_in = (uInt)(left > 0x40000000u ? 0x40000000u : left);
    uInt before = zs.avail_in;
    int zr = inflate(&zs, Z_NO_FLUSH);
    left -= before - zs.avail_in;
    o->len += room - zs.avail_out;
    if (zr == Z_STREAM_END) {
      /* another gzip member may follow */
      if (wbits > 15 && left >= 2 && zs.next_in[0] == 0x1f && zs.next_in[1] == 0x8b) {
        inflateReset(&zs);
        continue;
      }
      break;
    }
    if (zr == Z_OK) continue;
    if (zr == Z_BUF_ERROR) {
      if (left == 0) {
        *flags |= PITH_HTTP_INCOMPLETE;
        break;
      }
      continue;
    }
    if (zr == Z_MEM_ERROR) {
      st = PITH_ERR_NOMEM;
      break;
    }
    if (o->len == 0) *nothing = 1;
    snprintf(msg, msgn, "corrupt %s body at offset %zu (%s)",
             wbits > 15 ? "gzip" : wbits > 0 ? "zlib" : "deflate", n - left,
             zs.msg ? zs.msg : "invalid data");
    st = PITH_ERR_FORMAT;
    break;
  }
  inflateEnd(&zs);
  if (st == PITH_OK || st == PITH_ERR_LIMIT) *flags |= PITH_HTTP_DECODED;
  return st;
}

#ifdef PITH_HAVE_ZSTD
static pith_status S_unzstd(const char *in, size_t n, size_t cap, pith_buf *o, unsigned *flags,
                            char *msg, size_t msgn) {
  pith_buf_clear(o);
  o->max = cap;
  ZSTD_DStream *ds = ZSTD_createDStream();
  if (!ds) return PITH_ERR_NOMEM;
  /* HTTP zstd uses windows of at most 8 MiB (RFC 8878); refuse bigger ones */
  ZSTD_DCtx_setParameter(ds, ZSTD_d_windowLogMax, 23);
  ZSTD_inBuffer ib = {in, n, 0};
  pith_status st = PITH_OK;
  size_t last = 1;
  for (;;) {
    if (o->len >= cap) {
      if (ib.pos < ib.size || last != 0) {
        unsigned char probe[1];
        ZSTD_outBuffer ob = {probe, 1, 0};
        size_t r = ZSTD_decompressStream(ds, &ob, &ib);
        if (!ZSTD_isError(r) && ob.pos) {
          *flags |= PITH_HTTP_CAPPED;
          st = PITH_ERR_LIMIT;
        }
      }
      break;
    }
    if (S_room(o, cap, n * 4)) {
      st = PITH_ERR_NOMEM;
      break;
    }
    size_t room = o->cap - 1 - o->len;
    if (room > cap - o->len) room = cap - o->len;
    ZSTD_outBuffer ob = {o->p + o->len, room, 0};
    size_t r = ZSTD_decompressStream(ds, &ob, &ib);
    o->len += ob.pos;
    if (ZSTD_isError(r)) {
      snprintf(msg, msgn, "corrupt zstd body at offset %zu (%s)", ib.pos, ZSTD_getErrorName(r));
      st = PITH_ERR_FORMAT;
      break;
    }
    last = r;
    if (ib.pos == ib.size && ob.pos < room) {
      if (r != 0) *flags |= PITH_HTTP_INCOMPLETE;
      break;
    }
  }
  ZSTD_freeDStream(ds);
  if (st == PITH_OK || st == PITH_ERR_LIMIT) *flags |= PITH_HTTP_DECODED;
  return st;
}
#endif

#ifdef PITH_HAVE_BROTLI
static pith_status S_unbrotli(const char *in, size_t n, size_t cap, pith_buf *o, unsigned *flags,
                              char *msg, size_t msgn) {
  pith_buf_clear(o);
  o->max = cap;
  BrotliDecoderState *bs = BrotliDecoderCreateInstance(NULL, NULL, NULL);
  if (!bs) return PITH_ERR_NOMEM;
  const uint8_t *next_in = (const uint8_t *)in;
  size_t avail_in = n;
  pith_status st = PITH_OK;
  for (;;) {
    if (o->len >= cap) {
      if (avail_in || BrotliDecoderHasMoreOutput(bs)) {
        *flags |= PITH_HTTP_CAPPED;
        st = PITH_ERR_LIMIT;
      }
      break;
    }
    if (S_room(o, cap, n * 4)) {
      st = PITH_ERR_NOMEM;
      break;
    }
    size_t room = o->cap - 1 - o->len;
    if (room > cap - o->len) room = cap - o->len;
    uint8_t *next_out = (uint8_t *)o->p + o->len;
    size_t avail_out = room;
    BrotliDecoderResult r =
        BrotliDecoderDecompressStream(bs, &avail_in, &next_in, &avail_out, &next_out, NULL);
    o->len += room - avail_out;
    if (r == BROTLI_DECODER_RESULT_SUCCESS) break;
    if (r == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) continue;
    if (r == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) {
      *flags |= PITH_HTTP_INCOMPLETE;
      break;
    }
    snprintf(msg, msgn, "corrupt brotli body at offset %zu (%s)", n - avail_in,
             BrotliDecoderErrorString(BrotliDecoderGetErrorCode(bs)));
    st = PITH_ERR_FORMAT;
    break;
  }
  BrotliDecoderDestroyInstance(bs);
  if (st == PITH_OK || st == PITH_ERR_LIMIT) *flags |= PITH_HTTP_DECODED;
  return st;
}
#endif

/* Does a token list ("gzip, chunked") contain tok? */
static int S_has_token(pith_str list, const char *tok) {
  if (!list.ptr) return 0;
  size_t i = 0, n = list.len;
  while (i < n) {
    while (i < n && (list.ptr[i] == ' ' || list.ptr[i] == '\t' || list.ptr[i] == ',')) i++;
    size_t s = i;
    while (i < n && list.ptr[i] != ',' && list.ptr[i] != ';') i++;
    const char *t = list.ptr + s;
    size_t tl = i - s;
    S_trim(&t, &tl);
    if (tl && pith_ieq(t, tl, tok)) return 1;
    while (i < n && list.ptr[i] != ',') i++;
  }
  return 0;
}

static int S_looks_texty(const char *p, size_t n) {
  size_t m = n < 512 ? n : 512, bad = 0;
  for (size_t i = 0; i < m; i++) {
    unsigned char c = (unsigned char)p[i];
    if (c < 0x09 || (c > 0x0d && c < 0x20 && c != 0x1b)) bad++;
  }
  return bad * 50 <= m; /* at most 2% control bytes */
}

/* A body used as stored: cut at the cap. */
static pith_status S_raw_cap(const char **out, size_t *outn, size_t cap, unsigned *flags) {
  if (*outn <= cap) return PITH_OK;
  *outn = cap;
  *flags |= PITH_HTTP_CAPPED;
  return PITH_ERR_LIMIT;
}

pith_status pith_http_decode_body(const pith_http_head *h, const char *body, size_t n,
                                  size_t cap, pith_buf *b1, pith_buf *b2, const char **out,
                                  size_t *outn, unsigned *flags, char *msg, size_t msgn) {
  *flags = 0;
  if (msgn) msg[0] = '\0';
  if (cap == 0) cap = (size_t)64 << 20;
  const char *cur = body;
  size_t curn = n;
  *out = body;
  *outn = n;
  pith_status st = PITH_OK;

  if (S_has_token(h->transfer_encoding, "chunked")) {
    size_t pos = 0;
    unsigned long long sz;
    if (n && S_chunk_line(body, n, &pos, &sz) == 1) {
      /* with a content coding on top, the cap is for the decoded output:
       * de-chunking is bounded by the input only (it cannot grow it) */
      const char *ce0 = h->content_encoding.ptr;
      size_t ce0n = h->content_encoding.len;
      if (ce0) S_trim(&ce0, &ce0n);
      int coded = ce0 && ce0n && !pith_ieq(ce0, ce0n, "identity") && !pith_ieq(ce0, ce0n, "none");
      st = S_dechunk(body, n, coded ? (n ? n : 1) : cap, b1, flags, msg, msgn);
      if (st == PITH_ERR_NOMEM || st == PITH_ERR_FORMAT) return st;
      cur = b1->p ? b1->p : "";
      curn = b1->len;
    } else if (n) {
      *flags |= PITH_HTTP_NOT_CHUNKED;
    }
  }
  *out = cur;
  *outn = curn;
  if (st != PITH_OK) return st;
  return pith_http_decode_coding(h->content_encoding.ptr, h->content_encoding.len, cur, curn,
                                 cap, b2, out, outn, flags, msg, msgn);
}

pith_status pith_http_decode_coding(const char *ce, size_t cel, const char *cur, size_t curn,
                                    size_t cap, pith_buf *b2, const char **out, size_t *outn,
                                    unsigned *flags, char *msg, size_t msgn) {
  if (cap == 0) cap = (size_t)64 << 20;
  *out = cur;
  *outn = curn;
  if (ce) S_trim(&ce, &cel);
  if (!ce || cel == 0 || curn == 0 || pith_ieq(ce, cel, "identity") ||
      pith_ieq(ce, cel, "none"))
    return S_raw_cap(out, outn, cap, flags);
  /* a content coding: the decoders cap their output, not their input */
  const unsigned char *u = (const unsigned char *)cur;
  int nothing = 0;
  pith_status r;
  if (pith_ieq(ce, cel, "gzip") || pith_ieq(ce, cel, "x-gzip")) {
    if (curn < 2 || u[0] != 0x1f || u[1] != 0x8b) {
      *flags |= PITH_HTTP_NOT_ENCODED;
      return S_raw_cap(out, outn, cap, flags);
    }
    r = S_inflate(cur, curn, 15 + 16, cap, b2, flags, msg, msgn, &nothing);
  } else if (pith_ieq(ce, cel, "deflate")) {
    int zlib_hdr = curn >= 2 && (u[0] & 0x0f) == 8 && ((u[0] << 8) | u[1]) % 31 == 0;
    r = S_inflate(cur, curn, zlib_hdr ? 15 : -15, cap, b2, flags, msg, msgn, &nothing);
    if (r == PITH_ERR_FORMAT && nothing && zlib_hdr)
      r = S_inflate(cur, curn, -15, cap, b2, flags, msg, msgn, &nothing);
    if (r == PITH_ERR_FORMAT && nothing && S_looks_texty(cur, curn)) {
      *flags |= PITH_HTTP_NOT_ENCODED;
      if (msgn) msg[0] = '\0';
      return S_raw_cap(out, outn, cap, flags);
    }
  } else if (pith_ieq(ce, cel, "zstd")) {
    if (curn < 4 || u[0] != 0x28 || u[1] != 0xb5 || u[2] != 0x2f || u[3] != 0xfd) {
      *flags |= PITH_HTTP_NOT_ENCODED;
      return S_raw_cap(out, outn, cap, flags);
    }
#ifdef PITH_HAVE_ZSTD
    r = S_unzstd(cur, curn, cap, b2, flags, msg, msgn);
#else
    snprintf(msg, msgn, "content-encoding zstd is not supported by this build");
    return PITH_ERR_FORMAT;
#endif
  } else if (pith_ieq(ce, cel, "br")) {
#ifdef PITH_HAVE_BROTLI
    r = S_unbrotli(cur, curn, cap, b2, flags, msg, msgn);
    if (r == PITH_ERR_FORMAT && b2->len == 0 && S_looks_texty(cur, curn) &&
        pith_http_sniff_html(NULL, 0, cur, curn, NULL)) {
      /* declared br, stored decoded */
      *flags |= PITH_HTTP_NOT_ENCODED;
      if (msgn) msg[0] = '\0';
      return S_raw_cap(out, outn, cap, flags);
    }
#else
    if (S_looks_texty(cur, curn) && pith_http_sniff_html(NULL, 0, cur, curn, NULL)) {
      *flags |= PITH_HTTP_NOT_ENCODED;
      return S_raw_cap(out, outn, cap, flags);
    }
    snprintf(msg, msgn, "content-encoding br is not supported by this build");
    return PITH_ERR_FORMAT;
#endif
  } else {
    /* compress, ...: if the bytes are plainly markup, the archiver
     * stored them decoded; otherwise we cannot read them */
    if (S_looks_texty(cur, curn) && pith_http_sniff_html(NULL, 0, cur, curn, NULL)) {
      *flags |= PITH_HTTP_NOT_ENCODED;
      return S_raw_cap(out, outn, cap, flags);
    }
    snprintf(msg, msgn, "unsupported content-encoding '%.*s'", (int)(cel > 40 ? 40 : cel), ce);
    return PITH_ERR_FORMAT;
  }
  if (r == PITH_ERR_NOMEM || r == PITH_ERR_FORMAT) return r;
  *out = b2->p ? b2->p : "";
  *outn = b2->len;
  return r;
}

/* ---- sniffing ------------------------------------------------------------ */

static int S_mem_ieq(const char *p, size_t n, const char *lit) {
  size_t l = strlen(lit);
  return n >= l && pith_istarts(p, l, lit);
}

/* WHATWG MIME sniffing: the HTML patterns, after leading whitespace. */
static int S_html_signature(const char *p, size_t n) {
  static const char *const tags[] = {"<!doctype html", "<html", "<head", "<script", "<iframe",
                                     "<h1", "<div", "<font", "<table", "<a", "<style",
                                     "<title", "<b", "<body", "<br", "<p", "<!--", "<meta",
                                     "<link", "<noscript", "<center", "<span", "<form",
                                     "<header", "<nav", "<section", "<article", "<main",
                                     "<img", "<ul", "<h2", "<h3"};
  size_t i = 0;
  if (n >= 3 && (unsigned char)p[0] == 0xef && (unsigned char)p[1] == 0xbb &&
      (unsigned char)p[2] == 0xbf)
    i = 3;
  for (int round = 0; round < 8; round++) {
    while (i < n && pith_is_space((unsigned char)p[i])) i++;
    if (i >= n) return 0;
    for (size_t t = 0; t < sizeof tags / sizeof *tags; t++) {
      size_t l = strlen(tags[t]);
      if (S_mem_ieq(p + i, n - i, tags[t])) {
        if (!strcmp(tags[t], "<!--")) return 1;
        if (i + l < n && (p[i + l] == ' ' || p[i + l] == '>' || p[i + l] == '\t' ||
                          p[i + l] == '\n' || p[i + l] == '\r' || p[i + l] == '/'))
          return 1;
      }
    }
    /* an XML prolog or processing instruction may precede the html */
    if (S_mem_ieq(p + i, n - i, "<?xml") || S_mem_ieq(p + i, n - i, "<!doctype")) {
      const char *gt = memchr(p + i, '>', n - i < 4096 ? n - i : 4096);
      if (!gt) return 0;
      i = (size_t)(gt - p) + 1;
      continue;
    }
    return 0;
  }
  return 0;
}

int pith_http_sniff_html(const char *ct, size_t ctn, const char *p, size_t n, const char **why) {
  const char *dummy;
  if (!why) why = &dummy;
  if (!p || n == 0) {
    *why = "empty body";
    return 0;
  }
  const unsigned char *u = (const unsigned char *)p;
  const char *m = pith_sniff_magic(u, n);
  if (m) {
    *why = m;
    return 0;
  }
  int utf16 = n >= 2 && ((u[0] == 0xfe && u[1] == 0xff) || (u[0] == 0xff && u[1] == 0xfe));
  if (!utf16) {
    size_t lim = n < 1024 ? n : 1024, bad = 0, nul = 0;
    for (size_t i = 0; i < lim; i++) {
      unsigned char c = u[i];
      if (c == 0) nul++;
      if (c < 0x09 || c == 0x0b || (c > 0x0d && c < 0x20 && c != 0x1b)) bad++;
    }
    if (nul >= 8 || bad * 50 > lim) {
      *why = "binary data";
      return 0;
    }
  }
  pith_str mime = pith_http_mime(ct, ct ? ctn : 0);
  int html_label = 0, generic = 1;
  if (mime.len) {
    generic = pith_ieq(mime.ptr, mime.len, "application/octet-stream") ||
              pith_ieq(mime.ptr, mime.len, "binary/octet-stream") ||
              pith_ieq(mime.ptr, mime.len, "text/plain") ||
              pith_ieq(mime.ptr, mime.len, "unknown/unknown") ||
              pith_ieq(mime.ptr, mime.len, "application/unknown") ||
              pith_ieq(mime.ptr, mime.len, "application/x-unknown-content-type") ||
              pith_ieq(mime.ptr, mime.len, "*/*") || pith_ieq(mime.ptr, mime.len, "text/xml") ||
              pith_ieq(mime.ptr, mime.len, "application/xml") ||
              pith_ieq(mime.ptr, mime.len, "none") || pith_ieq(mime.ptr, mime.len, "text");
    html_label = pith_ifind(mime.ptr, mime.len, "html") >= 0;
  }
  if (html_label) {
    if (utf16) {
      *why = "html";
      return 1;
    }
    size_t lim = n < 65536 ? n : 65536;
    if (!memchr(p, '<', lim)) {
      *why = "no markup";
      return 0;
    }
    *why = "html";
    return 1;
  }
  if (generic) {
    if (!utf16 && S_html_signature(p, n < 4096 ? n : 4096)) {
      *why = "html signature";
      return 1;
    }
    *why = mime.len ? "no html signature" : "no content-type and no html signature";
    return 0;
  }
  *why = "content-type is not html";
  return 0;
}
