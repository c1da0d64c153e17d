/* test_charset.c - charset detection and decoding to UTF-8. */
#include <stdlib.h>

#include "harness.h"
#include "input/charset.h"

#define FFFD "\xEF\xBF\xBD"

static pith_buf S_scratch;
static char S_name[32];
static const char *S_source;
static size_t S_len;

/* Decode a string literal (embedded NULs allowed via sizeof). */
#define DEC(lit, ct) S_dec(lit, sizeof(lit) - 1, ct)
static const char *S_dec(const char *in, size_t n, const char *ct) {
  S_name[0] = '\0';
  S_source = NULL;
  S_len = (size_t)-1;
  const char *out = pith_charset_decode(in, n, ct, &S_scratch, &S_len, S_name, &S_source);
  /* the contract for every call: valid UTF-8, no NUL */
  if (out) CHECK(pith_utf8_valid_prefix(out, S_len) == S_len && !memchr(out, 0, S_len));
  return out;
}

/* ---- BOM ---- */
static void test_bom_utf8(void) {
  static const char in[] = "\xEF\xBB\xBFh\xC3\xA9";
  const char *out = S_dec(in, sizeof in - 1, NULL);
  SPAN_EQ(out, S_len, "h\xC3\xA9");
  CHECK(out == in + 3); /* no copy */
  STR_EQ(S_name, "utf-8");
  STR_EQ(S_source, "bom");
  /* BOM beats HTTP and meta */
  out = DEC("\xEF\xBB\xBF<meta charset=koi8-r>caf\xC3\xA9", "text/html; charset=iso-8859-1");
  SPAN_EQ(out, S_len, "<meta charset=koi8-r>caf\xC3\xA9");
  STR_EQ(S_name, "utf-8");
  STR_EQ(S_source, "bom");
  /* BOM then invalid bytes: still UTF-8 */
  out = DEC("\xEF\xBB\xBF" "a\xFF" "b", "text/html; charset=windows-1252");
  SPAN_EQ(out, S_len, "a" FFFD "b");
  STR_EQ(S_name, "utf-8");
}

static void test_bom_utf16le(void) {
  /* "hé" U+1F600, then NUL, a lone low surrogate, an odd trailing byte */
  const char *out = DEC("\xFF\xFEh\x00\xE9\x00\x3D\xD8\x00\xDE\x00\x00\x00\xDC" "a",
                        "text/html; charset=utf-8");
  SPAN_EQ(out, S_len, "h\xC3\xA9\xF0\x9F\x98\x80" FFFD FFFD FFFD);
  STR_EQ(S_name, "utf-16le");
  STR_EQ(S_source, "bom");
  /* a lead surrogate followed by a non-surrogate */
  out = DEC("\xFF\xFE\x3D\xD8" "a\x00", NULL);
  SPAN_EQ(out, S_len, FFFD "a");
}

static void test_bom_utf16be(void) {
  const char *out = DEC("\xFE\xFF\x00h\x00\xE9\x04\x10\xD8\x3D", NULL);
  SPAN_EQ(out, S_len, "h\xC3\xA9\xD0\x90" FFFD); /* lead surrogate at the end */
  STR_EQ(S_name, "utf-16be");
  STR_EQ(S_source, "bom");
  out = DEC("\xFE\xFF", NULL);
  CHECK(out != NULL);
  INT_EQ(S_len, 0);
}

/* ---- HTTP ---- */
static void test_http_beats_meta(void) {
  const char *out = DEC("<meta charset=\"utf-8\">\xCF\xF0\xE8\xE2\xE5\xF2",
                        "text/html; charset=windows-1251");
  SPAN_EQ(out, S_len, "<meta charset=\"utf-8\">\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");
  STR_EQ(S_name, "windows-1251");
  STR_EQ(S_source, "http");
  CHECK(out == S_scratch.p);
}

static void test_content_type_parse(void) {
  char n[32];
  CHECK(pith_charset_from_content_type("text/html;charset=UTF-8", 23, n));
  STR_EQ(n, "utf-8");
  const char *ct = "text/html; charset=\"Shift_JIS\"";
  CHECK(pith_charset_from_content_type(ct, strlen(ct), n));
  STR_EQ(n, "shift_jis");
  ct = "text/html; foo=bar;  CharSet = latin1 ; x=y";
  CHECK(pith_charset_from_content_type(ct, strlen(ct), n));
  STR_EQ(n, "windows-1252");
  ct = "text/html; x=\"a;charset=koi8-r\"; charset=big5";
  CHECK(pith_charset_from_content_type(ct, strlen(ct), n));
  STR_EQ(n, "big5");
  ct = "text/html; charset=gb2312";
  CHECK(pith_charset_from_content_type(ct, strlen(ct), n));
  STR_EQ(n, "gbk");
  /* only the given n bytes count */
  CHECK(!pith_charset_from_content_type("text/html; charset=utf-8", 10, n));
  CHECK(!pith_charset_from_content_type("text/html", 9, n));
  CHECK(!pith_charset_from_content_type("text/html; charset=utf-7", 24, n));
  CHECK(!pith_charset_from_content_type("text/html; charset=", 19, n));
  CHECK(!pith_charset_from_content_type("text/html; charset=\"", 20, n));
  CHECK(!pith_charset_from_content_type(NULL, 0, n));
}

static void test_labels(void) {
  char n[32];
  CHECK(pith_charset_label("  LATIN1\t", 9, n));
  STR_EQ(n, "windows-1252");
  CHECK(pith_charset_label("us-ascii", 8, n));
  STR_EQ(n, "windows-1252");
  CHECK(pith_charset_label("utf8", 4, n));
  STR_EQ(n, "utf-8");
  CHECK(pith_charset_label("x-sjis", 6, n));
  STR_EQ(n, "shift_jis");
  CHECK(pith_charset_label("ISO-8859-15", 11, n));
  STR_EQ(n, "iso-8859-15");
  CHECK(pith_charset_label("ks_c_5601-1987", 14, n));
  STR_EQ(n, "euc-kr");
  CHECK(pith_charset_label("utf-16", 6, n));
  STR_EQ(n, "utf-16le");
  CHECK(!pith_charset_label("utf-7", 5, n));
  CHECK(!pith_charset_label("", 0, n));
  CHECK(!pith_charset_label("utf-8\0", 6, n)); /* embedded NUL */
  CHECK(!pith_charset_label("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 40, n));
}

/* ---- <meta> ---- */
static void test_meta_forms(void) {
  char n[32];
#define PRE(lit) pith_charset_prescan(lit, sizeof(lit) - 1, n)
  CHECK(PRE("<html><head><meta charset=\"KOI8-R\">"));
  STR_EQ(n, "koi8-r");
  CHECK(PRE("<meta charset=windows-1251>"));
  STR_EQ(n, "windows-1251");
  CHECK(PRE("<MeTa CHARSET='Shift_JIS'/>"));
  STR_EQ(n, "shift_jis");
  CHECK(PRE("<meta/charset=euc-kr>"));
  STR_EQ(n, "euc-kr");
  CHECK(PRE("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">"));
  STR_EQ(n, "koi8-r");
  CHECK(PRE("<meta content='text/html;charset=\"big5\"' HTTP-EQUIV=content-type>"));
  STR_EQ(n, "big5");
  CHECK(PRE("<meta http-equiv=Content-Type content=text/html;charset=gb2312>"));
  STR_EQ(n, "gbk");
  /* content without the pragma does not count */
  CHECK(!PRE("<meta content=\"text/html; charset=koi8-r\">"));
  /* the first of duplicate attributes wins */
  CHECK(PRE("<meta charset=koi8-r charset=big5>"));
  STR_EQ(n, "koi8-r");
  /* utf-16 in meta means utf-8; x-user-defined means windows-1252 */
  CHECK(PRE("<meta charset=utf-16le>"));
  STR_EQ(n, "utf-8");
  CHECK(PRE("<meta charset=x-user-defined>"));
  STR_EQ(n, "windows-1252");
  /* comments and other tags' attribute values are skipped */
  CHECK(PRE("<!-- <meta charset=koi8-r> --><meta charset=windows-1251>"));
  STR_EQ(n, "windows-1251");
  CHECK(PRE("<!--><meta charset=windows-1251>"));
  STR_EQ(n, "windows-1251");
  CHECK(!PRE("<!-- <meta charset=koi8-r> -->"));
  CHECK(!PRE("<!-- a -> <meta charset=koi8-r> -->"));
  CHECK(!PRE("<div title=\"<meta charset=koi8-r>\"></div>"));
  CHECK(!PRE("<metal charset=koi8-r>"));
  CHECK(!PRE("<meta charset=koi8-r")); /* unfinished tag */
  /* utf-7 and garbage labels: the scan goes on to the next meta */
  CHECK(PRE("<meta charset=utf-7><meta charset=\"no-such\"><meta charset=latin2>"));
  STR_EQ(n, "iso-8859-2");
  CHECK(!PRE(""));
#undef PRE
}

static void test_meta_decode(void) {
  const char *out = DEC("<!-- x --><meta charset=\"windows-1251\">\xCF\xF0", NULL);
  SPAN_EQ(out, S_len, "<!-- x --><meta charset=\"windows-1251\">\xD0\x9F\xD1\x80");
  STR_EQ(S_name, "windows-1251");
  STR_EQ(S_source, "meta");
}

static void test_meta_beyond_1024(void) {
  char page[1200];
  memset(page, ' ', sizeof page);
  memcpy(page, "<html>", 6);
  memcpy(page + 1010, "<meta charset=koi8-r>", 21); /* straddles byte 1024 */
  memcpy(page + 1100, "<meta charset=koi8-r>\xC1", 22);
  char n[32];
  CHECK(!pith_charset_prescan(page, 1122, n));
  const char *out = S_dec(page, 1122, NULL);
  CHECK(out != NULL);
  STR_EQ(S_name, "windows-1252"); /* sniffed, \xC1 is not UTF-8 here */
  STR_EQ(S_source, "sniff");
  SPAN_EQ(out + 1121, S_len - 1121, "\xC3\x81");
  /* the same meta inside the window is used */
  memcpy(page + 900, "<meta charset=koi8-r>", 21);
  CHECK(pith_charset_prescan(page, 1122, n));
  STR_EQ(n, "koi8-r");
  out = S_dec(page, 1122, NULL);
  STR_EQ(S_source, "meta");
  SPAN_EQ(out + 1121, S_len - 1121, "\xD0\xB0");
}

/* ---- single-byte ---- */
static void test_windows1252(void) {
  const char *out = DEC("\x93quoted\x94 \x80" "5 \x81 caf\xE9 \x00!", "text/html; charset=iso-8859-1");
  SPAN_EQ(out, S_len,
          "\xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x82\xAC" "5 \xC2\x81 caf\xC3\xA9 " FFFD "!");
  STR_EQ(S_name, "windows-1252");
  STR_EQ(S_source, "http");
  /* sniffed: not UTF-8, so windows-1252 */
  out = DEC("\x93quoted\x94 \x80", NULL);
  SPAN_EQ(out, S_len, "\xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x82\xAC");
  STR_EQ(S_name, "windows-1252");
  STR_EQ(S_source, "sniff");
  /* pure ASCII under a legacy label: no copy */
  static const char ascii[] = "<meta charset=latin1>plain";
  out = S_dec(ascii, sizeof ascii - 1, NULL);
  CHECK(out == ascii);
  STR_EQ(S_name, "windows-1252");
}

static void test_x_user_defined(void) {
  const char *out = DEC("a\x80\xFF", "text/html; charset=x-user-defined");
  SPAN_EQ(out, S_len, "a\xEF\x9E\x80\xEF\x9F\xBF"); /* U+F780, U+F7FF */
  STR_EQ(S_name, "x-user-defined");
}

/* ---- multi-byte via iconv ---- */
static void test_shift_jis(void) {
  const char *out = DEC("\x82\xA0\x93\xFA\x96\x7B" "a\\", "text/html; charset=Shift_JIS");
  SPAN_EQ(out, S_len, "\xE3\x81\x82\xE6\x97\xA5\xE6\x9C\xAC" "a\\");
  STR_EQ(S_name, "shift_jis");
  /* invalid lead/trail pair and NUL: replaced, decoding goes on */
  out = DEC("\x82\xA0\xFF\x82\xA0" "a\x00" "b\x82", "text/html; charset=sjis");
  SPAN_EQ(out, S_len, "\xE3\x81\x82" FFFD "\xE3\x81\x82" "a" FFFD "b" FFFD);
  /* from <meta> */
  out = DEC("<meta charset=shift_jis>\x82\xA0", NULL);
  SPAN_EQ(out, S_len, "<meta charset=shift_jis>\xE3\x81\x82");
  STR_EQ(S_name, "shift_jis");
  STR_EQ(S_source, "meta");
}

static void test_gbk(void) {
  const char *out = DEC("\xC4\xE3\xBA\xC3 \x80", "text/html; charset=gb2312");
  SPAN_EQ(out, S_len, "\xE4\xBD\xA0\xE5\xA5\xBD \xE2\x82\xAC");
  STR_EQ(S_name, "gbk");
  out = DEC("<meta http-equiv=content-type content='text/html; charset=GBK'>\xC4\xE3", NULL);
  SPAN_EQ(out, S_len, "<meta http-equiv=content-type content='text/html; charset=GBK'>\xE4\xBD\xA0");
  STR_EQ(S_source, "meta");
}

static void test_other_cjk(void) {
  const char *out = DEC("\xC7\xD1", "text/html; charset=euc-kr");
  SPAN_EQ(out, S_len, "\xED\x95\x9C");
  out = DEC("\xA4\xA4", "text/html; charset=big5");
  SPAN_EQ(out, S_len, "\xE4\xB8\xAD");
  out = DEC("\xA4\xA2", "text/html; charset=euc-jp");
  SPAN_EQ(out, S_len, "\xE3\x81\x82");
  /* 7-bit but stateful: never the ASCII fast path */
  out = DEC("a\x1B$B$\"\x1B(Bb", "text/html; charset=iso-2022-jp");
  SPAN_EQ(out, S_len, "a\xE3\x81\x82" "b");
  STR_EQ(S_name, "iso-2022-jp");
}

/* ---- UTF-8 ---- */
static void test_utf8_fast_path(void) {
  static const char in[] = "<meta charset=utf-8>caf\xC3\xA9 \xE2\x82\xAC";
  const char *out = S_dec(in, sizeof in - 1, NULL);
  CHECK(out == in);
  INT_EQ(S_len, sizeof in - 1);
  STR_EQ(S_name, "utf-8");
  STR_EQ(S_source, "meta");
  out = S_dec(in + 20, sizeof in - 21, NULL);
  CHECK(out == in + 20);
  STR_EQ(S_source, "sniff");
}

static void test_invalid_utf8_and_nul(void) {
  const char *out = DEC("a\xFF" "b\x00" "c\xC3", "text/html; charset=utf-8");
  SPAN_EQ(out, S_len, "a" FFFD "b" FFFD "c" FFFD);
  STR_EQ(S_name, "utf-8");
  STR_EQ(S_source, "http");
  /* sniffing: NULs are no evidence against UTF-8 */
  out = DEC("caf\xC3\xA9\x00", NULL);
  SPAN_EQ(out, S_len, "caf\xC3\xA9" FFFD);
  STR_EQ(S_name, "utf-8");
  /* a character cut off by truncation keeps the page UTF-8 */
  out = DEC("caf\xC3\xA9 \xE2\x82", NULL);
  CHECK(out != NULL);
  STR_EQ(S_name, "utf-8");
  CHECK(S_len > 6 && memcmp(out, "caf\xC3\xA9 ", 6) == 0);
  /* a stray Latin-1 byte among many UTF-8 characters */
  out = DEC("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9 \xA0", NULL);
  SPAN_EQ(out, S_len, "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9 " FFFD);
  STR_EQ(S_name, "utf-8");
  /* the same stray byte alone: windows-1252 */
  out = DEC("\xC3\xA9 \xA0\xE9", NULL);
  STR_EQ(S_name, "windows-1252");
  SPAN_EQ(out, S_len, "\xC3\x83\xC2\xA9 \xC2\xA0\xC3\xA9");
}

static void test_lying_latin1_meta(void) {
  /* trafilatura#231: UTF-8 body labelled iso-8859-1 in <meta> */
  static const char in[] = "<meta charset=\"iso-8859-1\"><p>caf\xC3\xA9 \xE2\x80\x94 na\xC3\xAFve";
  const char *out = S_dec(in, sizeof in - 1, NULL);
  CHECK(out == in);
  STR_EQ(S_name, "utf-8");
  STR_EQ(S_source, "sniff");
  /* also with a NUL in it */
  out = DEC("<meta charset=latin1>caf\xC3\xA9\x00", NULL);
  SPAN_EQ(out, S_len, "<meta charset=latin1>caf\xC3\xA9" FFFD);
  STR_EQ(S_name, "utf-8");
  /* ... and a lying GBK label too */
  out = DEC("<meta charset=gb2312>\xE4\xBD\xA0\xE5\xA5\xBD", NULL);
  SPAN_EQ(out, S_len, "<meta charset=gb2312>\xE4\xBD\xA0\xE5\xA5\xBD");
  STR_EQ(S_name, "utf-8");
  /* the same label from HTTP is kept */
  out = DEC("caf\xC3\xA9", "text/html; charset=ISO-8859-1");
  SPAN_EQ(out, S_len, "caf\xC3\x83\xC2\xA9");
  STR_EQ(S_name, "windows-1252");
  STR_EQ(S_source, "http");
  /* real Latin-1 under the meta label stays Latin-1 */
  out = DEC("<meta charset=iso-8859-1>caf\xE9", NULL);
  SPAN_EQ(out, S_len, "<meta charset=iso-8859-1>caf\xC3\xA9");
  STR_EQ(S_name, "windows-1252");
  STR_EQ(S_source, "meta");
}

static void test_bad_labels_fall_through(void) {
  const char *out = DEC("<meta charset=koi8-r>\xC1", "text/html; charset=utf-7");
  SPAN_EQ(out, S_len, "<meta charset=koi8-r>\xD0\xB0");
  STR_EQ(S_name, "koi8-r");
  STR_EQ(S_source, "meta");
  out = DEC("<meta charset=utf-7>\x93x\x94", "text/html; charset=bogus-label");
  SPAN_EQ(out, S_len, "<meta charset=utf-7>\xE2\x80\x9Cx\xE2\x80\x9D");
  STR_EQ(S_name, "windows-1252");
  STR_EQ(S_source, "sniff");
  out = DEC("x", "");
  SPAN_EQ(out, S_len, "x");
  STR_EQ(S_source, "sniff");
}

static void test_empty(void) {
  static const char in[] = "";
  const char *out = S_dec(in, 0, "text/html; charset=shift_jis");
  CHECK(out == in);
  INT_EQ(S_len, 0);
  STR_EQ(S_name, "shift_jis");
  out = S_dec(NULL, 0, NULL);
  CHECK(out != NULL);
  INT_EQ(S_len, 0);
  STR_EQ(S_name, "utf-8");
  STR_EQ(S_source, "sniff");
  out = DEC("\xEF\xBB\xBF", NULL);
  CHECK(out != NULL);
  INT_EQ(S_len, 0);
  /* optional outputs may be NULL */
  CHECK(pith_charset_decode("a", 1, NULL, NULL, NULL, NULL, NULL) != NULL);
  /* a conversion is needed but there is no scratch */
  CHECK(pith_charset_decode("\xE9", 1, NULL, NULL, NULL, NULL, NULL) == NULL);
}

static void test_limits(void) {
  pith_buf b;
  pith_buf_init(&b, 8);
  size_t n = 0;
  char name[32];
  const char *src;
  /* 4 bytes of windows-1252 -> 12 bytes of UTF-8 > 8 */
  CHECK(pith_charset_decode("\x93\x94\x93\x94", 4, NULL, &b, &n, name, &src) == NULL);
  INT_EQ(b.err, PITH_ERR_LIMIT);
  /* exactly at the cap is fine */
  CHECK(pith_charset_decode("\x93\x94", 2, "text/html; charset=cp1252", &b, &n, name, &src) != NULL);
  INT_EQ(n, 6);
  /* iconv path over the cap */
  CHECK(pith_charset_decode("\x82\xA0\x82\xA0\x82\xA0", 6, "text/html; charset=sjis", &b, &n, name,
                            &src) == NULL);
  INT_EQ(b.err, PITH_ERR_LIMIT);
  CHECK(pith_charset_decode("\x82\xA0\x82\xA0", 4, "text/html; charset=sjis", &b, &n, name,
                            &src) != NULL);
  INT_EQ(n, 6);
  pith_buf_free(&b);
  /* allocation failure */
  pith_buf_init(&b, 0);
  pith_alloc_fail_after(1);
  CHECK(pith_charset_decode("\x93", 1, NULL, &b, &n, name, &src) == NULL);
  INT_EQ(b.err, PITH_ERR_NOMEM);
  pith_alloc_fail_after(0);
  CHECK(pith_charset_decode("\x93", 1, NULL, &b, &n, name, &src) != NULL);
  pith_buf_free(&b);
}

/* Random bytes under every kind of label: always valid UTF-8, no NUL. */
static void test_random_always_valid(void) {
  static const char *const cts[] = {
      NULL, "text/html; charset=utf-8", "text/html; charset=windows-1252",
      "text/html; charset=shift_jis", "text/html; charset=gbk", "text/html; charset=gb18030",
      "text/html; charset=big5", "text/html; charset=euc-jp", "text/html; charset=euc-kr",
      "text/html; charset=iso-2022-jp", "text/html; charset=utf-16le",
      "text/html; charset=utf-16be", "text/html; charset=x-user-defined",
      "text/html; charset=koi8-r", "text/html; charset=windows-1255",
      "text/html; charset=windows-1258", "text/html; charset=iso-2022-kr",
      "text/html; charset=macintosh"};
  unsigned long long x = 88172645463325252ULL;
  char buf[512];
  int bad = 0;
  for (int round = 0; round < 3000; round++) {
    x ^= x << 13; x ^= x >> 7; x ^= x << 17;
    size_t n = (size_t)(x % sizeof buf);
    for (size_t i = 0; i < n; i++) {
      x ^= x << 13; x ^= x >> 7; x ^= x << 17;
      /* bias towards ASCII and markup so that labels and meta show up */
      unsigned r = (unsigned)(x >> 32);
      buf[i] = (r & 3) ? (char)(r >> 8) : "<meta charset=\x1B$B("[(r >> 8) % 18];
    }
    const char *ct = cts[round % (sizeof cts / sizeof cts[0])];
    size_t len = 0;
    const char *out = pith_charset_decode(buf, n, ct, &S_scratch, &len, S_name, &S_source);
    if (!out || pith_utf8_valid_prefix(out, len) != len || memchr(out, 0, len)) bad++;
  }
  INT_EQ(bad, 0);
}

int main(void) {
  pith_buf_init(&S_scratch, 1 << 20);
  RUN(test_bom_utf8);
  RUN(test_bom_utf16le);
  RUN(test_bom_utf16be);
  RUN(test_http_beats_meta);
  RUN(test_content_type_parse);
  RUN(test_labels);
  RUN(test_meta_forms);
  RUN(test_meta_decode);
  RUN(test_meta_beyond_1024);
  RUN(test_windows1252);
  RUN(test_x_user_defined);
  RUN(test_shift_jis);
  RUN(test_gbk);
  RUN(test_other_cjk);
  RUN(test_utf8_fast_path);
  RUN(test_invalid_utf8_and_nul);
  RUN(test_lying_latin1_meta);
  RUN(test_bad_labels_fall_through);
  RUN(test_empty);
  RUN(test_limits);
  RUN(test_random_always_valid);
  pith_buf_free(&S_scratch);
  return REPORT();
}
