/* fuzz_warc.c - the streaming WARC reader (input/warc.h).
 * Input: [mode][rchunk][maxblock][maxpayload] bytes...
 *   mode bit 0: gzip the bytes first, split into members at every
 *   "WARC/" (per-record gzip, the Common Crawl layout); bit 1: whole-file
 *   gzip; bit 2: no HTTP parsing; bit 3: decode all bodies.
 *   rchunk: reads of 1..256 bytes.  maxblock/maxpayload: small caps.
 * Checks: no hang (bounded items per input byte), EOF sticky, strings
 * NUL-terminated, block/payload within the caps, stats add up. */
#include <zlib.h>

#include "fuzz_common.h"
#include "input/warc.h"

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
static size_t S_gz(const uint8_t *p, size_t n, uint8_t *out, size_t cap) {
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  if (deflateInit2(&zs, 1, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK) abort();
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
  unsigned mode = fz_u8(&f), rchunk = fz_u8(&f), mb = fz_u8(&f), mp = fz_u8(&f);
  const uint8_t *in = f.p;
  size_t n = f.n;
  uint8_t *buf = NULL;
  if (mode & 3) {
    size_t cap = n * 2 + 64 * (n / 5 + 2) + 1024;
    buf = malloc(cap);
    size_t len = 0;
    if (mode & 2) {
      len = S_gz(in, n, buf, cap);
    } else {
      size_t a = 0;
      for (size_t i = 1; i <= n; i++) {
        if (i == n || (i + 5 <= n && !memcmp(in + i, "WARC/", 5))) {
          len += S_gz(in + a, i - a, buf + len, cap - len);
          a = i;
        }
      }
    }
    in = buf;
    n = len;
  }
  pith_warc_options o;
  pith_warc_options_init(&o);
  if (mb & 0x80) o.max_block = 1 + (size_t)(mb & 0x7f) * 97;
  if (mp & 0x80) o.max_payload = 1 + (size_t)(mp & 0x7f) * 97;
  o.flags = ((mode >> 2) & 1 ? PITH_WARC_O_NO_HTTP : 0) | ((mode >> 3) & 1 ? PITH_WARC_O_DECODE_ALL : 0);
  src s = {in, n, 0, 1 + rchunk};
  pith_warc_reader *r = pith_warc_open_source(S_read, &s, &o);
  if (!r) FZ_FAIL("open failed");
  pith_warc_record rec;
  int k;
  unsigned long items = 0, recs = 0;
  while ((k = pith_warc_next(r, &rec)) != PITH_WARC_EOF) {
    if (++items > 2 * n + 16) FZ_FAIL("%lu items from %zu bytes: hang", items, n);
    if (k != PITH_WARC_RECORD && k != PITH_WARC_DAMAGE) FZ_FAIL("next returned %d", k);
    if (k == PITH_WARC_RECORD) recs++;
    if ((unsigned)rec.err >= PITH_WARC_E_COUNT) FZ_FAIL("err %d", (int)rec.err);
    if (k == PITH_WARC_DAMAGE && !rec.err) FZ_FAIL("damage item without an error");
    if (rec.message) (void)strlen(rec.message);
    const char *strs[] = {rec.type_name, rec.version, rec.record_id, rec.target_uri, rec.date,
                          rec.content_type, rec.truncated, rec.http_content_type, rec.http_msg};
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
      if (strs[i]) (void)strlen(strs[i]);
    if (k == PITH_WARC_RECORD) {
      if (rec.block_len > o.max_block) FZ_FAIL("block %zu > max %zu", rec.block_len, o.max_block);
      if (rec.block_len && !rec.block) FZ_FAIL("block NULL");
      if (rec.block_len) (void)((volatile const char *)rec.block)[rec.block_len - 1];
      if (rec.payload_len && !rec.payload) FZ_FAIL("payload NULL");
      if (rec.payload_len) (void)((volatile const char *)rec.payload)[rec.payload_len - 1];
      (void)pith_warc_header(r, "WARC-Type");
    }
  }
  for (int i = 0; i < 3; i++)
    if (pith_warc_next(r, &rec) != PITH_WARC_EOF) FZ_FAIL("EOF not sticky");
  const pith_warc_stats *st = pith_warc_get_stats(r);
  if (st->records != recs) FZ_FAIL("stats.records %llu, saw %lu", (unsigned long long)st->records, recs);
  if (st->bytes_in > n) FZ_FAIL("bytes_in %llu > %zu", (unsigned long long)st->bytes_in, n);
  pith_warc_close(r);
  free(buf);
  return 0;
}
