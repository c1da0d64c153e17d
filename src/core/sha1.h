/* sha1.h - SHA-1 (FIPS 180-4) and RFC 4648 base32, for checking the
 * WARC-Block-Digest / WARC-Payload-Digest headers ("sha1:" + base32). */
#ifndef PITH_SHA1_H
#define PITH_SHA1_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
  uint32_t h[5];
  uint64_t len; /* bytes fed so far */
  unsigned char buf[64];
  size_t nbuf;
} pith_sha1;

void pith_sha1_init(pith_sha1 *c);
void pith_sha1_update(pith_sha1 *c, const void *p, size_t n);
void pith_sha1_final(pith_sha1 *c, unsigned char out[20]);

/* out gets 32 base32 characters (RFC 4648 alphabet, no padding needed for
 * 20 bytes) and a NUL. */
void pith_sha1_base32(const unsigned char d[20], char out[33]);

/* Parses a digest header value. Returns 1 and fills d for "sha1:" followed by
 * 32 base32 characters (either case) or 40 hex digits; 0 for any other
 * algorithm or a malformed value (the caller does not check it). */
int pith_sha1_parse_digest(const char *v, size_t n, unsigned char d[20]);

#endif
