/* test_http.c - HTTP heads, chunked and compressed bodies, HTML sniffing. */
#include <stdlib.h>

#include "harness.h"
#include "input/http.h"
#include "test_warc_gen.h"
#ifdef PITH_HAVE_ZSTD
#include <zstd.h>
#endif

static pith_http_head H;

static void test_status_lines(void) {
  const char *m = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n"
                  "Content-Encoding: gzip\r\nX-A: 1\r\n\r\nbody";
  INT_EQ(pith_http_parse_head(m, strlen(m), &H), PITH_OK);
  INT_EQ(H.status, 200);
  INT_EQ(H.is_request, 0);
  SPAN_EQ(H.version.ptr, H.version.len, "HTTP/1.1");
  SPAN_EQ(H.reason.ptr, H.reason.len, "OK");
  SPAN_EQ(H.content_type.ptr, H.content_type.len, "text/html; charset=UTF-8");
  SPAN_EQ(H.content_encoding.ptr, H.content_encoding.len, "gzip");
  INT_EQ(H.head_len, strlen(m) - 4);
  INT_EQ(H.bare_lf, 0);
  pith_str x = pith_http_header(&H, "x-a");
  SPAN_EQ(x.ptr, x.len, "1");
  x = pith_http_header(&H, "missing");
  CHECK(x.ptr == NULL);

  const char *noreason = "HTTP/1.0 302 \r\nLocation: /x\r\n\r\n";
  INT_EQ(pith_http_parse_head(noreason, strlen(noreason), &H), PITH_OK);
  INT_EQ(H.status, 302);
  INT_EQ(H.reason.len, 0);

  const char *httpx = "HTTPX/1.1 200 OK\r\n\r\n";
  INT_EQ(pith_http_parse_head(httpx, strlen(httpx), &H), PITH_OK);
  INT_EQ(H.status, 200);

  const char *lf = "HTTP/1.1 404 Not Found\nContent-Type: text/html\n\n<html>";
  INT_EQ(pith_http_parse_head(lf, strlen(lf), &H), PITH_OK);
  INT_EQ(H.status, 404);
  INT_EQ(H.bare_lf, 1);
  INT_EQ(H.head_len, strlen(lf) - 6);

  const char *req = "GET /index.html HTTP/1.1\r\nHost: example.com\r\n\r\n";
  INT_EQ(pith_http_parse_head(req, strlen(req), &H), PITH_OK);
  INT_EQ(H.is_request, 1);
  SPAN_EQ(H.method.ptr, H.method.len, "GET");
  SPAN_EQ(H.target.ptr, H.target.len, "/index.html");

  const char *bad = "<html><body>not http</body></html>";
  INT_EQ(pith_http_parse_head(bad, strlen(bad), &H), PITH_ERR_FORMAT);
  const char *bad2 = "HTTP/1.1 OK\r\n\r\n";
  INT_EQ(pith_http_parse_head(bad2, strlen(bad2), &H), PITH_ERR_FORMAT);

  const char *cut = "HTTP/1.1 200 OK\r\nContent-Type: text/ht";
  INT_EQ(pith_http_parse_head(cut, strlen(cut), &H), PITH_ERR_TRUNCATED);
  INT_EQ(H.status, 200);

  const char *fold = "HTTP/1.1 200 OK\r\nContent-Type: text/html;\r\n charset=koi8-r\r\n\r\n";
  INT_EQ(pith_http_parse_head(fold, strlen(fold), &H), PITH_OK);
  pith_str ct = pith_http_header(&H, "content-type");
  pith_str cs = pith_http_charset(ct.ptr, ct.len);
  SPAN_EQ(cs.ptr, cs.len, "koi8-r");
}

static void test_head_limits(void) {
  tbuf b = {0};
  tb_puts(&b, "HTTP/1.1 200 OK\r\n");
  for (int i = 0; i < 5000; i++) tb_printf(&b, "X-Header-%d: some value here\r\n", i);
  tb_puts(&b, "\r\n");
  INT_EQ(pith_http_parse_head(b.p, b.len, &H), PITH_ERR_LIMIT);
  tb_free(&b);
  /* a 1 MB header line */
  tb_puts(&b, "HTTP/1.1 200 OK\r\nX-Big: ");
  for (int i = 0; i < 100000; i++) tb_puts(&b, "0123456789");
  tb_puts(&b, "\r\n\r\n");
  INT_EQ(pith_http_parse_head(b.p, b.len, &H), PITH_ERR_LIMIT);
  tb_free(&b);
  /* many headers within the cap: the first 128 kept, content-type found anyway */
  tb_puts(&b, "HTTP/1.1 200 OK\r\n");
  for (int i = 0; i < 300; i++) tb_printf(&b, "X-%d: v\r\n", i);
  tb_puts(&b, "Content-Type: text/html\r\n\r\n");
  INT_EQ(pith_http_parse_head(b.p, b.len, &H), PITH_OK);
  INT_EQ(H.nheaders, PITH_HTTP_MAX_HEADERS);
  SPAN_EQ(H.content_type.ptr, H.content_type.len, "text/html");
  tb_free(&b);
}

static void test_mime_charset(void) {
  const char *ct = " Text/HTML ;  Charset = \"ISO-8859-1\" ";
  pith_str m = pith_http_mime(ct, strlen(ct));
  SPAN_EQ(m.ptr, m.len, "Text/HTML");
  pith_str c = pith_http_charset(ct, strlen(ct));
  SPAN_EQ(c.ptr, c.len, "ISO-8859-1");
  c = pith_http_charset("text/html", 9);
  CHECK(c.ptr == NULL);
  c = pith_http_charset("text/html; foo=bar; charset=utf-8", 33);
  SPAN_EQ(c.ptr, c.len, "utf-8");
}

/* decode a body with the given headers */
static pith_status decode(const char *headers, const char *body, size_t n, size_t cap,
                          const char **out, size_t *outn, unsigned *flags, pith_buf *b1,
                          pith_buf *b2, char *msg) {
  tbuf h = {0};
  tb_printf(&h, "HTTP/1.1 200 OK\r\n%s\r\n", headers);
  pith_status st = pith_http_parse_head(h.p, h.len, &H);
  if (st != PITH_OK) abort();
  st = pith_http_decode_body(&H, body, n, cap, b1, b2, out, outn, flags, msg, 200);
  tb_free(&h);
  return st;
}

static void test_chunked(void) {
  pith_buf b1, b2;
  pith_buf_init(&b1, 0);
  pith_buf_init(&b2, 0);
  const char *out;
  size_t on;
  unsigned fl;
  char msg[200];
  const char *te = "Transfer-Encoding: chunked\r\n";
  const char *c1 = "5\r\nHello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\n";
  INT_EQ(decode(te, c1, strlen(c1), 0, &out, &on, &fl, &b1, &b2, msg), PITH_OK);
  SPAN_EQ(out, on, "Hello, world");
  CHECK(fl & PITH_HTTP_DECHUNKED);
  CHECK(!(fl & PITH_HTTP_INCOMPLETE));
  /* LF only, upper-case hex */
  const char *c2 = "A\nabcdefghij\n0\n\n";
  INT_EQ(decode(te, c2, strlen(c2), 0, &out, &on, &fl, &b1, &b2, msg), PITH_OK);
  SPAN_EQ(out, on, "abcdefghij");
  /* declared, but stored de-chunked */
  const char *c3 = "<!DOCTYPE html><p>x";
  INT_EQ(decode(te, c3, strlen(c3), 0, &out, &on, &fl, &b1, &b2, msg), PITH_OK);
  SPAN_EQ(out, on, c3);
  CHECK(fl & PITH_HTTP_NOT_CHUNKED);
  /* ends inside a chunk: what is there, flagged */
  const char *c4 = "10\r\n0123456789";
  INT_EQ(decode(te, c4, strlen(c4), 0, &out, &on, &fl, &b1, &b2, msg), PITH_OK);
  SPAN_EQ(out, on, "0123456789");
  CHECK(fl & PITH_HTTP_INCOMPLETE);
  /* no last chunk */
  const char *c5 = "3\r\nabc\r\n";
  INT_EQ(decode(te, c5, strlen(c5), 0, &out, &on, &fl, &b1, &b2, msg), PITH_OK);
  SPAN_EQ(out, on, "abc");
  CHECK(fl & PITH_HTTP_INCOMPLETE);
  /* broken sizes in the middle */
  const char *c6 = "3\r\nabc\r\nZZZ\r\nxyz\r\n0\r\n\r\n";
  INT_EQ(decode(te, c6, strlen(c6), 0, &out, &on, &fl, &b1, &b2, msg), PITH_ERR_FORMAT);
  CHECK(strstr(msg, "chunk") != NULL);
  const char *c7 = "3\r\nabcdef\r\n0\r\n\r\n";
  INT_EQ(decode(te, c7, strlen(c7), 0, &out, &on, &fl, &b1, &b2, msg), PITH_ERR_FORMAT);
  /* an absurd size is just incomplete data, never an allocation */
  const char *c8 = "fffffffffffff\r\nabc";
  INT_EQ(decode(te, c8, strlen(c8), 0, &out, &on, &fl, &b1, &b2, msg), PITH_OK);
  SPAN_EQ(out, on, "abc");
  const char *c9 = "ffffffffffffffffffff\r\nabc";
  INT_EQ(decode(te, c9, strlen(c9), 0, &out, &on, &fl, &b1, &b2, msg), PITH_OK);
  CHECK(fl & PITH_HTTP_NOT_CHUNKED);
  /* cap */
  const char *c10 = "a\r\n0123456789\r\n0\r\n\r\n";
  INT_EQ(decode(te, c10, strlen(c10), 4, &out, &on, &fl, &b1, &b2, msg), PITH_ERR_LIMIT);
  SPAN_EQ(out, on, "0123");
  CHECK(fl & PITH_HTTP_CAPPED);
  pith_buf_free(&b1);
  pith_buf_free(&b2);
}

static void deflate_raw(tbuf *out, const char *p, size_t n, int wbits) {
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  deflateInit2(&zs, 6, Z_DEFLATED, wbits, 8, Z_DEFAULT_STRATEGY);
  size_t bound = deflateBound(&zs, (uLong)n) + 32;
  tb_reserve(out, bound);
  zs.next_in = (Bytef *)(uintptr_t)p;
  zs.avail_in = (uInt)n;
  zs.next_out = (Bytef *)out->p + out->len;
  zs.avail_out = (uInt)bound;
  deflate(&zs, Z_FINISH);
  out->len += bound - zs.avail_out;
  deflateEnd(&zs);
}

static void test_content_coding(void) {
  pith_buf b1, b2;
  pith_buf_init(&b1, 0);
  pith_buf_init(&b2, 0);
  const char *out;
  size_t on;
  unsigned fl;
  char msg[200];
  const char *html = "<html><body><p>Hello compressed world</p></body></html>";
  tbuf g = {0};
  gz_member(&g, html, strlen(html));
  INT_EQ(decode("Content-Encoding: gzip\r\n", g.p, g.len, 0, &out, &on, &fl, &b1, &b2, msg),
         PITH_OK);
  SPAN_EQ(out, on, html);
  CHECK(fl & PITH_HTTP_DECODED);
  /* two members */
  gz_member(&g, "<p>more</p>", 11);
  INT_EQ(decode("Content-Encoding: x-gzip\r\n", g.p, g.len, 0, &out, &on, &fl, &b1, &b2, msg),
         PITH_OK);
  CHECK(on == strlen(html) + 11 && memcmp(out + strlen(html), "<p>more</p>", 11) == 0);
  /* truncated gzip body: what is there, flagged */
  INT_EQ(decode("Content-Encoding: gzip\r\n", g.p, 30, 0, &out, &on, &fl, &b1, &b2, msg),
         PITH_OK);
  CHECK(fl & PITH_HTTP_INCOMPLETE);
  /* corrupt */
  tbuf bad = {0};
  tb_put(&bad, g.p, g.len);
  memset(bad.p + 12, 0xff, 10);
  INT_EQ(decode("Content-Encoding: gzip\r\n", bad.p, bad.len, 0, &out, &on, &fl, &b1, &b2, msg),
         PITH_ERR_FORMAT);
  CHECK(strstr(msg, "corrupt gzip") != NULL);
  tb_free(&bad);
  /* chunked + gzip */
  tbuf ch = {0};
  size_t half = g.len / 2;
  tb_printf(&ch, "%zx\r\n", half);
  tb_put(&ch, g.p, half);
  tb_printf(&ch, "\r\n%zx\r\n", g.len - half);
  tb_put(&ch, g.p + half, g.len - half);
  tb_puts(&ch, "\r\n0\r\n\r\n");
  INT_EQ(decode("Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n", ch.p, ch.len, 0, &out,
                &on, &fl, &b1, &b2, msg),
         PITH_OK);
  CHECK(on > strlen(html) && memcmp(out, html, strlen(html)) == 0);
  CHECK((fl & PITH_HTTP_DECHUNKED) && (fl & PITH_HTTP_DECODED));
  tb_free(&ch);
  tb_free(&g);
  /* declared gzip, stored decoded (ClueWeb) */
  INT_EQ(decode("Content-Encoding: gzip\r\n", html, strlen(html), 0, &out, &on, &fl, &b1, &b2,
                msg),
         PITH_OK);
  SPAN_EQ(out, on, html);
  CHECK(fl & PITH_HTTP_NOT_ENCODED);
  /* deflate: zlib-wrapped and raw */
  tbuf d = {0};
  deflate_raw(&d, html, strlen(html), 15);
  INT_EQ(decode("Content-Encoding: deflate\r\n", d.p, d.len, 0, &out, &on, &fl, &b1, &b2, msg),
         PITH_OK);
  SPAN_EQ(out, on, html);
  tb_free(&d);
  deflate_raw(&d, html, strlen(html), -15);
  INT_EQ(decode("Content-Encoding: deflate\r\n", d.p, d.len, 0, &out, &on, &fl, &b1, &b2, msg),
         PITH_OK);
  SPAN_EQ(out, on, html);
  tb_free(&d);
  /* declared deflate, stored decoded */
  INT_EQ(decode("Content-Encoding: deflate\r\n", html, strlen(html), 0, &out, &on, &fl, &b1, &b2,
                msg),
         PITH_OK);
  SPAN_EQ(out, on, html);
  CHECK(fl & PITH_HTTP_NOT_ENCODED);
  /* brotli: corrupt data is an error that says so; plain markup passes */
  const char br[] = "\x1b\x2f\x00\x00\x04\x11\x00\x80\x01\x02";
  INT_EQ(decode("Content-Encoding: br\r\n", br, sizeof br - 1, 0, &out, &on, &fl, &b1, &b2, msg),
         PITH_ERR_FORMAT);
#ifdef PITH_HAVE_BROTLI
  CHECK(strstr(msg, "brotli") != NULL);
#else
  CHECK(strstr(msg, "content-encoding br") != NULL);
#endif
  INT_EQ(decode("Content-Encoding: br\r\n", html, strlen(html), 0, &out, &on, &fl, &b1, &b2, msg),
         PITH_OK);
  CHECK(fl & PITH_HTTP_NOT_ENCODED);
  INT_EQ(decode("Content-Encoding: identity\r\n", html, strlen(html), 0, &out, &on, &fl, &b1,
                &b2, msg),
         PITH_OK);
  CHECK(out == html);
  pith_buf_free(&b1);
  pith_buf_free(&b2);
}

static void test_bomb(void) {
  pith_buf b1, b2;
  pith_buf_init(&b1, 0);
  pith_buf_init(&b2, 0);
  const char *out;
  size_t on;
  unsigned fl;
  char msg[200];
  size_t big = (size_t)64 << 20; /* 64 MiB of zeros -> ~64 KiB of gzip */
  char *zeros = calloc(1, big);
  tbuf g = {0};
  gz_member(&g, zeros, big);
  free(zeros);
  CHECK(g.len < big / 500);
  INT_EQ(decode("Content-Encoding: gzip\r\n", g.p, g.len, (size_t)1 << 20, &out, &on, &fl, &b1,
                &b2, msg),
         PITH_ERR_LIMIT);
  INT_EQ(on, (size_t)1 << 20);
  CHECK(fl & PITH_HTTP_CAPPED);
  CHECK(b2.cap <= ((size_t)1 << 20) + 1 + 65536);
  tb_free(&g);
  /* the cap applies to the decoded body, not to the encoded bytes */
  char text[3000];
  unsigned seed = 7;
  for (size_t i = 0; i < sizeof text; i++) {
    seed = seed * 1103515245u + 12345u;
    text[i] = (char)('a' + (seed >> 16) % 26);
  }
  memcpy(text, "<html>", 6);
  gz_member(&g, text, sizeof text);
  CHECK(g.len > 1000);
  INT_EQ(decode("Content-Encoding: gzip\r\n", g.p, g.len, 1000, &out, &on, &fl, &b1, &b2, msg),
         PITH_ERR_LIMIT);
  INT_EQ(on, 1000);
  CHECK(memcmp(out, text, 1000) == 0);
  /* a body stored decoded despite its label is cut at the cap too */
  INT_EQ(decode("Content-Encoding: gzip\r\n", text, sizeof text, 1000, &out, &on, &fl, &b1, &b2,
                msg),
         PITH_ERR_LIMIT);
  INT_EQ(on, 1000);
  CHECK(fl & PITH_HTTP_NOT_ENCODED);
  tb_free(&g);
#ifdef PITH_HAVE_ZSTD
  size_t zn = (size_t)8 << 20;
  char *z8 = calloc(1, zn);
  size_t zb = ZSTD_compressBound(zn);
  char *zc = malloc(zb);
  size_t zl = ZSTD_compress(zc, zb, z8, zn, 3);
  INT_EQ(decode("Content-Encoding: zstd\r\n", zc, zl, (size_t)1 << 20, &out, &on, &fl, &b1, &b2,
                msg),
         PITH_ERR_LIMIT);
  INT_EQ(on, (size_t)1 << 20);
  INT_EQ(decode("Content-Encoding: zstd\r\n", zc, zl, 0, &out, &on, &fl, &b1, &b2, msg), PITH_OK);
  INT_EQ(on, zn);
  INT_EQ(decode("Content-Encoding: zstd\r\n", zc, zl / 2, 0, &out, &on, &fl, &b1, &b2, msg),
         PITH_OK);
  CHECK(fl & PITH_HTTP_INCOMPLETE);
  free(z8);
  free(zc);
#endif
  pith_buf_free(&b1);
  pith_buf_free(&b2);
}

static void test_sniff(void) {
  const char *why;
  const char *html = "<!DOCTYPE html><html><head><title>x</title></head><body>hi</body></html>";
  CHECK(pith_http_sniff_html("text/html; charset=utf-8", 24, html, strlen(html), &why));
  CHECK(pith_http_sniff_html(NULL, 0, html, strlen(html), &why));
  CHECK(pith_http_sniff_html("application/octet-stream", 24, html, strlen(html), &why));
  CHECK(pith_http_sniff_html("application/xhtml+xml", 21, html, strlen(html), &why));
  const char *xhtml = "<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0\">\n"
                      "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>x</body></html>";
  CHECK(pith_http_sniff_html("text/xml", 8, xhtml, strlen(xhtml), &why));
  CHECK(pith_http_sniff_html(NULL, 0, "\xef\xbb\xbf  \n<html lang=en>", 19, &why));
  CHECK(pith_http_sniff_html(NULL, 0, "<!-- c --><div>", 15, &why));
  /* labels lie */
  const char pdf[] = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj";
  CHECK(!pith_http_sniff_html("text/html", 9, pdf, sizeof pdf - 1, &why));
  STR_EQ(why, "pdf");
  const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  CHECK(!pith_http_sniff_html("text/html", 9, png, sizeof png - 1, &why));
  STR_EQ(why, "png");
  const char jpg[] = "\xff\xd8\xff\xe0\0\x10JFIF";
  CHECK(!pith_http_sniff_html("text/html", 9, jpg, sizeof jpg - 1, &why));
  char bin[600];
  for (int i = 0; i < 600; i++) bin[i] = (char)(i * 7);
  CHECK(!pith_http_sniff_html("text/html", 9, bin, sizeof bin, &why));
  STR_EQ(why, "binary data");
  CHECK(!pith_http_sniff_html("text/html", 9, "{\"json\": true}", 14, &why));
  STR_EQ(why, "no markup");
  /* other labels are not html */
  CHECK(!pith_http_sniff_html("text/css", 8, "body { color: red }", 19, &why));
  CHECK(!pith_http_sniff_html("image/png", 9, html, strlen(html), &why));
  CHECK(!pith_http_sniff_html("application/javascript", 22, "var x = '<div>';", 16, &why));
  /* generic label needs a signature */
  CHECK(!pith_http_sniff_html("text/plain", 10, "just some text", 14, &why));
  CHECK(!pith_http_sniff_html(NULL, 0, "<xml>", 5, &why));
  CHECK(!pith_http_sniff_html("text/html", 9, "", 0, &why));
  STR_EQ(why, "empty body");
  /* UTF-16 html with a BOM */
  const char u16[] = "\xff\xfe<\0h\0t\0m\0l\0>\0";
  CHECK(pith_http_sniff_html("text/html", 9, u16, sizeof u16 - 1, &why));
}

int main(void) {
  RUN(test_status_lines);
  RUN(test_head_limits);
  RUN(test_mime_charset);
  RUN(test_chunked);
  RUN(test_content_coding);
  RUN(test_bomb);
  RUN(test_sniff);
  return REPORT();
}
