/* fuzz_gz.c - the gzip member reader (input/gz.h).
 *
 * Input: [mode][rchunk][outbuf][headlen][c-kind][pos-lo][pos-hi][parts] data...
 *   mode bit 0 = raw: the data is fed to the reader as is (seeds are real
 *   multi-member gzip files); otherwise the data is split into 1-8 parts,
 *   each compressed as its own gzip member with zlib, and then damaged
 *   according to c-kind: 0 none, 1 truncate at pos, 2 flip one bit at pos,
 *   3 zero padding between members, 4 garbage between members, 5 whole
 *   payload in one member, 6 trailing junk.
 *   rchunk: the source returns reads of 1..256 bytes (short reads);
 *   outbuf: the caller's output buffer size (1..256 bytes, or 64 KiB).
 * Contracts checked: no hang (every call makes progress or ends), offsets
 * monotonic and inside the input, EOF is sticky; for built inputs, no
 * damage => output == payload with one member per part, truncation inside
 * a member => a PITH_GZ_E_TRUNCATED report (never a clean EOF), padding and
 * garbage => the whole payload still comes out. */
#include <zlib.h>

#include "fuzz_common.h"
#include "input/gz.h"

typedef struct src {
  const uint8_t *p;
  size_t n, pos, chunk;
} src;

static long S_read(void *ud, void *buf, size_t n) {
  src *s = ud;
  size_t k = s->n - s->pos;
  if (k > n) k = n;
  if (k > s->chunk) k = s->chunk;
  memcpy(buf, s->p + s->pos, k);
  s->pos += k;
  return (long)k;
}

/* Append one gzip member of p[0..n) to out; returns new length. */
static size_t S_member(const uint8_t *p, size_t n, uint8_t *out, size_t cap) {
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  if (deflateInit2(&zs, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK) abort();
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
  unsigned mode = fz_u8(&f), rchunk = fz_u8(&f), ob = fz_u8(&f), hl = fz_u8(&f);
  unsigned kind = fz_u8(&f) % 7, pos16 = fz_u16(&f), parts = 1 + fz_u8(&f) % 8;
  const uint8_t *payload = f.p;
  size_t plen = f.n;
  int raw = mode & 1;
  uint8_t *in;
  size_t inlen = 0;
  size_t bounds[16]; /* member end offsets in the built input */
  size_t nb = 0;
  if (raw) {
    in = malloc(plen ? plen : 1);
    memcpy(in, payload, plen);
    inlen = plen;
  } else {
    if (kind == 5) parts = 1;
    size_t cap = plen * 2 + parts * 256 + 1024;
    in = malloc(cap);
    size_t per = plen / parts;
    for (unsigned i = 0; i < parts; i++) {
      size_t a = i * per, b = i + 1 == parts ? plen : a + per;
      if ((kind == 3 || kind == 4) && i > 0) {
        size_t g = 1 + pos16 % 64;
        for (size_t k = 0; k < g; k++)
          in[inlen++] = kind == 3 ? 0 : (uint8_t)("junk\x1f\x8b" [k % 6]);
      }
      inlen += S_member(payload + a, b - a, in + inlen, cap - inlen);
      bounds[nb++] = inlen;
    }
    if (kind == 6) {
      memcpy(in + inlen, "trailing junk", 13);
      inlen += 13;
    }
    if (kind == 1) inlen = inlen ? pos16 % inlen : 0;
    if (kind == 2 && inlen) in[pos16 % inlen] ^= (uint8_t)(1u << (ob & 7));
  }

  src s = {in, inlen, 0, 1 + rchunk};
  size_t headlen = (hl & 0x80) ? (hl & 0x7f) : 0;
  if (headlen > inlen) headlen = inlen;
  s.pos = headlen;
  pith_gz *z = pith_gz_open(S_read, &s, in, headlen, (mode & 2) ? 4096 : 0);
  if (!z) FZ_FAIL("pith_gz_open failed");
  if (raw && (mode & 4)) pith_gz_set_sync_prefix(z, "WARC/", 5);
  size_t bufn = (ob & 0x80) ? 65536 : 1 + (ob & 0x7f) * 2;
  uint8_t *buf = malloc(bufn);
  uint8_t *out = malloc(plen + 1);
  size_t outlen = 0;
  int errors = 0, truncated = 0, hard = 0, eof = 0;
  uint64_t last_in = 0, last_out = 0;
  unsigned stalls = 0;
  uint64_t total = 0;
  for (;;) {
    pith_gz_event ev;
    size_t got = pith_gz_read(z, buf, bufn, &ev);
    const pith_gz_info *I = pith_gz_get_info(z);
    if (got > bufn) FZ_FAIL("read %zu > buffer %zu", got, bufn);
    /* after damage the reader rescans from the damaged member's start + 1,
     * so in_offset may go back then; otherwise it only moves forward */
    if (ev != PITH_GZ_ERROR && I->in_offset < last_in) FZ_FAIL("in_offset went back");
    if (I->in_offset > inlen) FZ_FAIL("in_offset %llu past input %zu", (unsigned long long)I->in_offset, inlen);
    if (I->out_offset < last_out) FZ_FAIL("out_offset went back");
    total += got;
    if (!raw && outlen + got <= plen) memcpy(out + outlen, buf, got);
    outlen += got;
    if (ev == PITH_GZ_EOF) {
      eof = 1;
      break;
    }
    if (ev == PITH_GZ_ERROR) {
      errors++;
      if (I->err == PITH_GZ_E_TRUNCATED) truncated = 1;
      if (I->err != PITH_GZ_E_PADDING && I->err != PITH_GZ_E_GARBAGE) hard = 1;
      if (!memchr(I->msg, 0, sizeof I->msg)) FZ_FAIL("msg not terminated");
      if (I->err == PITH_GZ_OK) FZ_FAIL("ERROR event without an error");
    }
    if (got == 0 && I->in_offset == last_in && ev == PITH_GZ_DATA) {
      if (++stalls > 100000) FZ_FAIL("no progress: hang");
    } else {
      stalls = 0;
    }
    last_in = I->in_offset;
    last_out = I->out_offset;
    if (total > ((uint64_t)64 << 20)) break; /* a bomb in a raw input: enough */
    if (errors > 100000) FZ_FAIL("endless error reports");
  }
  if (eof) {
    pith_gz_event ev;
    if (pith_gz_read(z, buf, bufn, &ev) != 0 || ev != PITH_GZ_EOF) FZ_FAIL("EOF not sticky");
  }
  if (!raw && eof) {
    const pith_gz_info *I = pith_gz_get_info(z);
    int clean = kind == 0 || kind == 3 || kind == 4 || kind == 5 || kind == 6;
    if (clean) {
      if (hard) FZ_FAIL("kind %u: hard error %s: %s", kind, pith_gz_err_name(I->err), I->msg);
      if (outlen != plen || memcmp(out, payload, plen))
        FZ_FAIL("kind %u: output %zu bytes differs from payload %zu", kind, outlen, plen);
      if (I->members != nb) FZ_FAIL("members %llu, want %zu", (unsigned long long)I->members, nb);
      if (kind == 0 && errors) FZ_FAIL("clean input reported %d errors", errors);
    }
    if (kind == 1) {
      int at_boundary = inlen == 0;
      for (size_t i = 0; i < nb; i++)
        if (bounds[i] == inlen) at_boundary = 1;
      if (!at_boundary && !truncated)
        FZ_FAIL("input cut at %zu inside a member, but no truncation reported (%d errors)", inlen,
                errors);
    }
    if (kind == 2 && !errors && (outlen != plen || memcmp(out, payload, plen)))
      FZ_FAIL("bit flip: no error reported but the output differs");
  }
  free(buf);
  free(out);
  free(in);
  pith_gz_close(z);
  return 0;
}
