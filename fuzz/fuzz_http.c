/* fuzz_http.c - HTTP head parser, body decoder and HTML sniffer (input/http.h).
 *
 * Input: [mode][cap-sel][chunk][msgn] bytes...
 *   mode bit 0 = raw: bytes are an HTTP message (head + body) as archived;
 *   otherwise the bytes are a payload wrapped in a built message: optional
 *   gzip/deflate content coding (bits 1-2), optional chunked transfer coding
 *   with chunk size 1..256 (bit 3), and the round trip must give the
 *   payload back exactly (or a prefix flagged CAPPED when the cap is small).
 * Checks: spans point inside the input; decoded output within the cap and
 * inside body/b1/b2; LIMIT <=> CAPPED; message NUL-terminated in msgn. */
#include <zlib.h>

#include "fuzz_common.h"
#include "input/http.h"

static int S_in(const char *p, size_t n, const char *lo, size_t ln) {
  if (!p) return 1;
  if (!lo) return 0;
  uintptr_t a = (uintptr_t)p, l = (uintptr_t)lo;
  return a >= l && a - l <= ln && n <= ln - (a - l);
}

static void S_check_head(const pith_http_head *h, const char *p, size_t n) {
  if (h->head_len > n) FZ_FAIL("head_len %zu > %zu", h->head_len, n);
  if (h->nheaders > PITH_HTTP_MAX_HEADERS) FZ_FAIL("nheaders %zu", h->nheaders);
  for (size_t i = 0; i < h->nheaders; i++)
    if (!S_in(h->name[i].ptr, h->name[i].len, p, n) || !S_in(h->value[i].ptr, h->value[i].len, p, n))
      FZ_FAIL("header %zu outside the input", i);
  const pith_str *s[] = {&h->version, &h->reason, &h->method, &h->target, &h->content_type,
                         &h->content_encoding, &h->transfer_encoding, &h->content_length};
  for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
    if (!S_in(s[i]->ptr, s[i]->len, p, n)) FZ_FAIL("span %zu outside the input", i);
}

static size_t S_z(const uint8_t *p, size_t n, uint8_t *out, size_t cap, int bits) {
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  if (deflateInit2(&zs, 6, Z_DEFLATED, bits, 8, Z_DEFAULT_STRATEGY) != Z_OK) abort();
  zs.next_in = (Bytef *)p;
  zs.avail_in = (uInt)n;
  zs.next_out = out;
  zs.avail_out = (uInt)cap;
  if (deflate(&zs, Z_FINISH) != Z_STREAM_END) abort();
  size_t len = cap - zs.avail_out;
  deflateEnd(&zs);
  return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = {data, size};
  unsigned mode = fz_u8(&f), capsel = fz_u8(&f), chunk = 1 + fz_u8(&f), msgn = fz_u8(&f) % 80;
  size_t cap = (capsel & 0x80) ? 1 + (capsel & 0x7f) * 7 : 0;
  const uint8_t *pl = f.p;
  size_t pn = f.n;
  char *msgbuf = NULL;
  size_t mlen = 0;
  int coding = (mode >> 1) & 3; /* 0 identity, 1 gzip, 2 deflate (zlib), 3 raw deflate */
  int chunked = (mode >> 3) & 1;
  if (mode & 1) {
    msgbuf = malloc(pn ? pn : 1);
    memcpy(msgbuf, pl, pn);
    mlen = pn;
  } else {
    size_t zc = pn + pn / 8 + 256;
    uint8_t *enc = malloc(zc);
    size_t en;
    if (coding == 0) {
      memcpy(enc, pl, pn);
      en = pn;
    } else {
      en = S_z(pl, pn, enc, zc, coding == 1 ? 31 : coding == 2 ? 15 : -15);
    }
    size_t mc = 256 + en + (en / chunk + 2) * 16;
    msgbuf = malloc(mc);
    mlen = (size_t)snprintf(msgbuf, mc, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n%s%s\r\n",
                            coding == 1 ? "Content-Encoding: gzip\r\n"
                            : coding ? "Content-Encoding: deflate\r\n" : "",
                            chunked ? "Transfer-Encoding: chunked\r\n" : "");
    if (chunked) {
      for (size_t i = 0; i < en; i += chunk) {
        size_t k = en - i < chunk ? en - i : chunk;
        mlen += (size_t)snprintf(msgbuf + mlen, mc - mlen, "%zx\r\n", k);
        memcpy(msgbuf + mlen, enc + i, k);
        mlen += k;
        memcpy(msgbuf + mlen, "\r\n", 2);
        mlen += 2;
      }
      memcpy(msgbuf + mlen, "0\r\n\r\n", 5);
      mlen += 5;
    } else {
      memcpy(msgbuf + mlen, enc, en);
      mlen += en;
    }
    free(enc);
  }

  pith_http_head *h = malloc(sizeof *h);
  pith_status st = pith_http_parse_head(msgbuf, mlen, h);
  if (st != PITH_OK && st != PITH_ERR_FORMAT && st != PITH_ERR_TRUNCATED && st != PITH_ERR_LIMIT)
    FZ_FAIL("parse_head returned %d", (int)st);
  if (st == PITH_OK || st == PITH_ERR_TRUNCATED) S_check_head(h, msgbuf, mlen);
  if (!(mode & 1) && st != PITH_OK) FZ_FAIL("built message not parsed: %d", (int)st);
  if (st == PITH_OK) {
    (void)pith_http_header(h, "content-type");
    if (h->content_type.ptr) {
      pith_http_mime(h->content_type.ptr, h->content_type.len);
      pith_http_charset(h->content_type.ptr, h->content_type.len);
    }
    const char *body = msgbuf + h->head_len;
    size_t bn = mlen - h->head_len;
    pith_buf b1, b2;
    pith_buf_init(&b1, 0);
    pith_buf_init(&b2, 0);
    const char *out = NULL;
    size_t outn = 0;
    unsigned flags = 0;
    char msg[80];
    memset(msg, 'X', sizeof msg);
    pith_status ds = pith_http_decode_body(h, body, bn, cap, &b1, &b2, &out, &outn, &flags, msg, msgn);
    if (msgn && !memchr(msg, 0, msgn)) FZ_FAIL("msg not NUL-terminated within %u", msgn);
    if (ds == PITH_OK || ds == PITH_ERR_LIMIT) {
      if (outn && !(S_in(out, outn, body, bn) || S_in(out, outn, b1.p, b1.len) ||
                    S_in(out, outn, b2.p, b2.len)))
        FZ_FAIL("decoded body outside body/b1/b2");
      if (outn > (cap ? cap : (size_t)64 << 20)) FZ_FAIL("decoded %zu > cap %zu", outn, cap);
      if ((ds == PITH_ERR_LIMIT) != ((flags & PITH_HTTP_CAPPED) != 0))
        FZ_FAIL("status %d vs CAPPED flag %u", (int)ds, flags);
      if (!(mode & 1)) {
        size_t want = pn;
        if (cap && want > cap) want = cap;
        if (outn != want || (want && memcmp(out, pl, want))) {
          size_t at = 0;
          while (at < outn && at < want && out[at] == (char)pl[at]) at++;
          FZ_FAIL("round trip (coding %d chunked %d chunk %u cap %zu, status %d, flags %#x): %zu "
                  "bytes, want %zu; first difference at %zu: %.*s", coding, chunked, chunk, cap,
                  (int)ds, flags, outn, want, at, (int)(outn - at < 16 ? outn - at : 16), out + at);
        }
        if ((pn > cap && cap) != (ds == PITH_ERR_LIMIT))
          FZ_FAIL("payload %zu, cap %zu, status %d", pn, cap, (int)ds);
      }
      const char *why = NULL;
      pith_http_sniff_html(h->content_type.ptr, h->content_type.len, out, outn, &why);
    } else if (ds == PITH_ERR_FORMAT) {
      if (!(mode & 1)) FZ_FAIL("built body undecodable: %s", msgn ? msg : "");
    } else if (ds != PITH_ERR_NOMEM) {
      FZ_FAIL("decode_body returned %d", (int)ds);
    }
    pith_buf_free(&b1);
    pith_buf_free(&b2);
  }
  pith_http_sniff_html(NULL, 0, msgbuf, mlen, NULL);
  free(h);
  free(msgbuf);
  return 0;
}
