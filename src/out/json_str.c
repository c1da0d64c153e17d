/* json_str.c - JSON string literals: the one escaper of libpith.
 *
 * Used by the renderer, pith clean's JSONL records and the command's
 * summaries alike. Output is always valid UTF-8: an invalid sequence in the
 * input becomes U+FFFD; control characters, '"' and '\' are escaped, and so
 * are U+2028 / U+2029 (they end lines for JavaScript readers of JSONL).
 * Plain ASCII is copied eight bytes at a time. */
#include <string.h>

#include "core/core.h"

/* 0x80 in every byte of x that is '"', '\\', < 0x20 or >= 0x80; the lowest
 * flagged byte is exact (callers skip to it). */
static inline uint64_t S_special8(uint64_t x) {
  const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
  uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
  uint64_t zq = (q - ones) & ~q & high, zb = (b - ones) & ~b & high;
  uint64_t lt = (x - ones * 0x20) & ~x & high;
  return zq | zb | lt | (x & high);
}

size_t pith_json_escape_body(char *dst, const char *s, size_t n) {
  static const char hex[] = "0123456789abcdef";
  char *o = dst;
  size_t i = 0;
  while (i < n) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    while (i + 8 <= n) {
      uint64_t x;
      memcpy(&x, s + i, 8);
      uint64_t m = S_special8(x);
      if (m) {
        size_t k = (size_t)__builtin_ctzll(m) >> 3;
        memcpy(o, s + i, k);
        o += k;
        i += k;
        break;
      }
      memcpy(o, s + i, 8);
      o += 8;
      i += 8;
    }
    if (i >= n) break;
#endif
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x80) {
      uint32_t cp;
      int k = pith_utf8_decode((const unsigned char *)s + i, n - i, &cp);
      if (cp == 0xFFFD && !(k == 3 && c == 0xef && (unsigned char)s[i + 1] == 0xbf &&
                            (unsigned char)s[i + 2] == 0xbd)) {
        memcpy(o, "\xef\xbf\xbd", 3);
        o += 3;
      } else if (cp == 0x2028 || cp == 0x2029) {
        memcpy(o, cp == 0x2028 ? "\\u2028" : "\\u2029", 6);
        o += 6;
      } else {
        memcpy(o, s + i, (size_t)k);
        o += k;
      }
      i += (size_t)k;
      continue;
    }
    i++;
    if (c >= 0x20 && c != '"' && c != '\\') {
      *o++ = (char)c;
      continue;
    }
    *o++ = '\\';
    switch (c) {
    case '"': *o++ = '"'; break;
    case '\\': *o++ = '\\'; break;
    case '\n': *o++ = 'n'; break;
    case '\r': *o++ = 'r'; break;
    case '\t': *o++ = 't'; break;
    default:
      *o++ = 'u';
      *o++ = '0';
      *o++ = '0';
      *o++ = hex[c >> 4];
      *o++ = hex[c & 15];
    }
  }
  return (size_t)(o - dst);
}

size_t pith_json_escape(char *dst, const char *s, size_t n) {
  dst[0] = '"';
  size_t k = 1 + pith_json_escape_body(dst + 1, s, n);
  dst[k] = '"';
  return k + 1;
}

int pith_buf_put_json(pith_buf *b, const char *s, size_t n) {
  if (pith_buf_putc(b, '"')) return b->err;
  while (n) {
    size_t k = n < 65536 ? n : 65536;
    if (k < n) {
      /* cut at the start of a character */
      size_t c = k;
      while (c > k - 4 && ((unsigned char)s[c] & 0xC0) == 0x80) c--;
      if (((unsigned char)s[c] & 0xC0) != 0x80) k = c;
    }
    if (pith_buf_reserve(b, 6 * k)) return b->err;
    b->len += pith_json_escape_body(b->p + b->len, s, k);
    s += k;
    n -= k;
  }
  return pith_buf_putc(b, '"');
}
