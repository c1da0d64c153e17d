/* test_sniff.c - pith refuses what is not text, and reads what is. */
#include <stdlib.h>

#include "harness.h"
#include "input/sniff.h"
#include "pith.h"
#include <zlib.h>

static const char S_page[] =
    "<!doctype html><html><head><title>Harbor vote</title></head><body><article>"
    "<p>The council voted on Tuesday to approve the harbor plan, which had been debated "
    "for more than two years by residents, shop owners and the fishing cooperative.</p>"
    "<p>Work on the new breakwater is to begin in the spring and last eighteen months, "
    "the harbor master said after the meeting.</p></article></body></html>";

static pith_status S_run(pith_extractor *x, const char *p, size_t n, const char *ce,
                         const pith_doc **d) {
  return pith_extract_encoded(x, p, n, NULL, NULL, ce, d);
}

static void test_signatures(void) {
  static const struct {
    const char *bytes;
    size_t n;
  } bin[] = {
      {"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16}, {"\x7f" "ELF\x02\x01\x01\0\0\0\0\0", 12},
      {"\xff\xd8\xff\xe0\0\x10JFIF", 10},    {"%PDF-1.7\n%\xe2\xe3", 13},
      {"PK\x03\x04\x14\0\0\0", 8},          {"\x28\xb5\x2f\xfd\x04\x58", 6},
      {"\x1f\x8b\x08\0\0\0\0\0", 8},
  };
  for (size_t i = 0; i < sizeof bin / sizeof *bin; i++)
    CHECK(pith_sniff_binary(bin[i].bytes, bin[i].n) != NULL);
  CHECK(pith_sniff_binary(S_page, sizeof S_page - 1) == NULL);
  /* text that merely starts with letters of a signature */
  static const char mz[] = "MZ is a postal code prefix, not a program.";
  CHECK(pith_sniff_binary(mz, sizeof mz - 1) == NULL);
}

static void test_statistics(void) {
  /* random bytes: control-dense */
  unsigned char *r = malloc(20000);
  unsigned s = 12345;
  for (int i = 0; i < 20000; i++) {
    s = s * 1103515245u + 12345u;
    r[i] = (unsigned char)(s >> 16);
  }
  CHECK(pith_sniff_binary((const char *)r, 20000) != NULL);
  /* a page with a run of NUL padding is still text */
  char *pad = malloc(sizeof S_page + 300);
  memcpy(pad, S_page, 100);
  memset(pad + 100, 0, 300);
  memcpy(pad + 400, S_page + 100, sizeof S_page - 101);
  CHECK(pith_sniff_binary(pad, sizeof S_page + 299) == NULL);
  /* windows-1252 text with high bytes is text */
  static const char w1252[] = "Caf\xe9 cr\xe8me \x93quoted\x94 \x96 dash";
  CHECK(pith_sniff_binary(w1252, sizeof w1252 - 1) == NULL);
  /* UTF-16LE without a BOM */
  char u16[200];
  const char *a = "<html><body><p>Hello there, this is text.</p></body></html>";
  size_t n = strlen(a);
  for (size_t i = 0; i < n; i++) u16[2 * i] = a[i], u16[2 * i + 1] = 0;
  INT_EQ(pith_sniff_utf16((const unsigned char *)u16, 2 * n), 'L');
  CHECK(pith_sniff_binary(u16, 2 * n) == NULL);
  free(r);
  free(pad);
}

static void test_extract_refuses(void) {
  pith_extractor *x = pith_extractor_new(NULL);
  const pith_doc *d;
  INT_EQ(S_run(x, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, NULL, &d), PITH_ERR_INPUT);
  CHECK(d != NULL && strstr(pith_doc_message(d), "PNG") != NULL);
  INT_EQ(pith_clean_text(x, "\x7f" "ELF\x02\x01\x01\0\0\0\0\0", 12, &d), PITH_ERR_INPUT);
  CHECK(d != NULL && strstr(pith_doc_message(d), "ELF") != NULL);
  /* gzipped HTML: refused unless the encoding is given; then decoded */
  unsigned char gz[2048];
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  zs.next_in = (Bytef *)S_page;
  zs.avail_in = sizeof S_page - 1;
  zs.next_out = gz;
  zs.avail_out = sizeof gz;
  CHECK(deflate(&zs, Z_FINISH) == Z_STREAM_END);
  size_t gn = sizeof gz - zs.avail_out;
  deflateEnd(&zs);
  INT_EQ(S_run(x, (const char *)gz, gn, NULL, &d), PITH_ERR_INPUT);
  CHECK(strstr(pith_doc_message(d), "content encoding") != NULL);
  INT_EQ(S_run(x, (const char *)gz, gn, "gzip", &d), PITH_OK);
  CHECK(strstr(pith_doc_text(d).ptr, "breakwater") != NULL);
  /* a wrong encoding is an input error that says so */
  INT_EQ(S_run(x, (const char *)gz + 10, gn - 10, "zstd", &d), PITH_ERR_INPUT);
  /* the decoded size counts against the input limit */
  pith_options o;
  pith_options_init(&o);
  o.max_input_bytes = 100;
  pith_extractor *y = pith_extractor_new(&o);
  CHECK(S_run(y, (const char *)gz, gn, "gzip", &d) == PITH_ERR_LIMIT);
  pith_extractor_free(y);
  pith_extractor_free(x);
}

static void test_bad_options(void) {
  pith_options o;
  pith_options_init(&o);
  o.time_budget_sec = 0.0 / 0.0;
  CHECK(pith_extractor_new(&o) == NULL);
  o.time_budget_sec = -1;
  CHECK(pith_extractor_new(&o) == NULL);
}

int main(void) {
  RUN(test_signatures);
  RUN(test_statistics);
  RUN(test_extract_refuses);
  RUN(test_bad_options);
  return REPORT();
}
