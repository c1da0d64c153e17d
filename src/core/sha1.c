/* sha1.c - SHA-1 and base32; see sha1.h. Written from FIPS 180-4. */
#include "core/sha1.h"

#include <string.h>
#include <strings.h>

#define ROL(x, k) (((x) << (k)) | ((x) >> (32 - (k))))

static uint32_t S_be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void S_block(uint32_t h[5], const unsigned char *p) {
  uint32_t w[80];
  for (int i = 0; i < 16; i++) w[i] = S_be32(p + 4 * i);
  for (int i = 16; i < 80; i++) w[i] = ROL(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
  for (int i = 0; i < 80; i++) {
    uint32_t f, k;
    if (i < 20) {
      f = (b & c) | (~b & d);
      k = 0x5A827999;
    } else if (i < 40) {
      f = b ^ c ^ d;
      k = 0x6ED9EBA1;
    } else if (i < 60) {
      f = (b & c) | (b & d) | (c & d);
      k = 0x8F1BBCDC;
    } else {
      f = b ^ c ^ d;
      k = 0xCA62C1D6;
    }
    uint32_t t = ROL(a, 5) + f + e + k + w[i];
    e = d;
    d = c;
    c = ROL(b, 30);
    b = a;
    a = t;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
}

void pith_sha1_init(pith_sha1 *c) {
  static const uint32_t iv[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
  memcpy(c->h, iv, sizeof iv);
  c->len = 0;
  c->nbuf = 0;
}

void pith_sha1_update(pith_sha1 *c, const void *data, size_t n) {
  const unsigned char *p = data;
  c->len += n;
  if (c->nbuf) {
    size_t k = 64 - c->nbuf < n ? 64 - c->nbuf : n;
    memcpy(c->buf + c->nbuf, p, k);
    c->nbuf += k;
    p += k;
    n -= k;
    if (c->nbuf < 64) return;
    S_block(c->h, c->buf);
    c->nbuf = 0;
  }
  /* whole blocks straight from the caller's bytes: no copy on the hot path */
  for (; n >= 64; p += 64, n -= 64) S_block(c->h, p);
  memcpy(c->buf, p, n);
  c->nbuf = n;
}

void pith_sha1_final(pith_sha1 *c, unsigned char out[20]) {
  uint64_t bits = c->len * 8;
  unsigned char pad[72] = {0x80};
  size_t k = c->nbuf < 56 ? 56 - c->nbuf : 120 - c->nbuf;
  for (int i = 0; i < 8; i++) pad[k + (size_t)i] = (unsigned char)(bits >> (56 - 8 * i));
  pith_sha1_update(c, pad, k + 8);
  for (int i = 0; i < 5; i++) {
    out[4 * i] = (unsigned char)(c->h[i] >> 24);
    out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
    out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
    out[4 * i + 3] = (unsigned char)c->h[i];
  }
}

static const char S_b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

void pith_sha1_base32(const unsigned char d[20], char out[33]) {
  /* 160 bits = 32 groups of 5, no padding */
  for (int i = 0; i < 32; i++) {
    int bit = i * 5, byte = bit / 8, sh = bit % 8;
    unsigned v = (unsigned)d[byte] << 8 | (byte + 1 < 20 ? d[byte + 1] : 0);
    out[i] = S_b32[(v >> (11 - sh)) & 31];
  }
  out[32] = 0;
}

static int S_b32val(int c) {
  if (c >= 'a' && c <= 'z') c -= 32;
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

static int S_hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

int pith_sha1_parse_digest(const char *v, size_t n, unsigned char d[20]) {
  while (n && (*v == ' ' || *v == '\t')) v++, n--;
  while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r')) n--;
  if (n < 5 || strncasecmp(v, "sha1:", 5)) return 0;
  v += 5;
  n -= 5;
  if (n == 40) {
    for (int i = 0; i < 20; i++) {
      int a = S_hexval(v[2 * i]), b = S_hexval(v[2 * i + 1]);
      if (a < 0 || b < 0) return 0;
      d[i] = (unsigned char)(a << 4 | b);
    }
    return 1;
  }
  if (n == 32 || (n > 32 && strspn(v + 32, "=") == n - 32)) {
    memset(d, 0, 20);
    for (int i = 0; i < 32; i++) {
      int x = S_b32val((unsigned char)v[i]);
      if (x < 0) return 0;
      for (int j = 0; j < 5; j++)
        if (x >> (4 - j) & 1) d[(i * 5 + j) / 8] |= (unsigned char)(0x80 >> ((i * 5 + j) % 8));
    }
    return 1;
  }
  return 0;
}
