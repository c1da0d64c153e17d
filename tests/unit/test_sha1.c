/* test_sha1.c - SHA-1 against the FIPS 180 vectors, base32 against
 * RFC 4648's, and the WARC digest header parser. */
#include <stdlib.h>

#include "core/sha1.h"
#include "harness.h"

static void hex(const unsigned char d[20], char out[41]) {
  for (int i = 0; i < 20; i++) snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static void sha1_hex(const char *s, size_t n, size_t piece, char out[41]) {
  pith_sha1 c;
  unsigned char d[20];
  pith_sha1_init(&c);
  for (size_t i = 0; i < n; i += piece) pith_sha1_update(&c, s + i, n - i < piece ? n - i : piece);
  pith_sha1_final(&c, d);
  hex(d, out);
}

static void test_vectors(void) {
  char h[41];
  sha1_hex("abc", 3, 3, h);
  STR_EQ(h, "a9993e364706816aba3e25717850c26c9cd0d89d");
  sha1_hex("", 0, 1, h);
  STR_EQ(h, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  for (size_t piece = 1; piece <= 64; piece++) { /* every split of the buffer */
    sha1_hex(two, strlen(two), piece, h);
    STR_EQ(h, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  }
  char *m = malloc(1000000);
  memset(m, 'a', 1000000);
  sha1_hex(m, 1000000, 1000000, h);
  STR_EQ(h, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
  sha1_hex(m, 1000000, 7, h);
  STR_EQ(h, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
  free(m);
}

static void test_base32(void) {
  unsigned char d[20];
  char b[33];
  memset(d, 0, 20);
  pith_sha1_base32(d, b);
  STR_EQ(b, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  memset(d, 0xff, 20);
  pith_sha1_base32(d, b);
  STR_EQ(b, "77777777777777777777777777777777");
  /* RFC 4648: BASE32("fooba") = "MZXW6YTB"; four copies are 20 bytes */
  memcpy(d, "foobafoobafoobafooba", 20);
  pith_sha1_base32(d, b);
  STR_EQ(b, "MZXW6YTBMZXW6YTBMZXW6YTBMZXW6YTB");
}

static void test_parse(void) {
  pith_sha1 c;
  unsigned char d[20], p[20];
  char b[33], hx[41], v[80];
  pith_sha1_init(&c);
  pith_sha1_update(&c, "abc", 3);
  pith_sha1_final(&c, d);
  pith_sha1_base32(d, b);
  hex(d, hx);
  snprintf(v, sizeof v, "sha1:%s", b);
  CHECK(pith_sha1_parse_digest(v, strlen(v), p) && !memcmp(p, d, 20));
  for (char *q = v + 5; *q; q++)
    if (*q >= 'A' && *q <= 'Z') *q += 32;
  CHECK(pith_sha1_parse_digest(v, strlen(v), p) && !memcmp(p, d, 20));
  snprintf(v, sizeof v, " SHA1:%s\r", hx);
  CHECK(pith_sha1_parse_digest(v, strlen(v), p) && !memcmp(p, d, 20));
  CHECK(!pith_sha1_parse_digest("sha256:abcd", 11, p));
  CHECK(!pith_sha1_parse_digest("sha1:ABC", 8, p));
  snprintf(v, sizeof v, "sha1:%s", b);
  v[10] = '1'; /* not in the alphabet */
  CHECK(!pith_sha1_parse_digest(v, strlen(v), p));
}

int main(void) {
  RUN(test_vectors);
  RUN(test_base32);
  RUN(test_parse);
  return REPORT();
}
