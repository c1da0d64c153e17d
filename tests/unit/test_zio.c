/* test_zio.c - the zio writer on a full disk and the zio reader on damaged
 * compressed JSONL: what reaches the file stays readable and is counted,
 * and no line of a member that fails its check is handed out as good. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "harness.h"
#include "input/zio.h"
#include "test_warc_gen.h"

#ifdef PITH_HAVE_ZSTD
#include <zstd.h>
#endif

/* Line i: a JSON record of letters from a small LCG, so that it does not
 * compress to nothing (the file size limit must be reached by data). */
static void S_line(tbuf *b, unsigned i, size_t words) {
  unsigned x = i * 2654435761u + 12345u;
  tb_printf(b, "{\"id\":\"r%u\",\"text\":\"", i);
  for (size_t w = 0; w < words; w++) {
    size_t len = 2 + (x >> 7) % 8;
    for (size_t k = 0; k < len; k++) {
      x = x * 1103515245u + 12345u;
      char c = (char)('a' + (x >> 16) % 26);
      tb_put(b, &c, 1);
    }
    tb_puts(b, " ");
  }
  tb_puts(b, "\"}\n");
}

/* Lines of a file read back through the reader; *damage gets its count. */
static uint64_t S_count(const char *path, uint64_t *damage) {
  char err[256];
  pith_zio_reader *r = pith_zio_open_read(path, 0, err, sizeof err);
  if (!r) return UINT64_MAX;
  const char *l;
  size_t n;
  unsigned fl;
  uint64_t k = 0;
  while (pith_zio_getline(r, &l, &n, &fl) == 1) k++;
  *damage = pith_zio_damage_count(r);
  pith_zio_close_read(r);
  return k;
}

/* A file size limit (RLIMIT_FSIZE, SIGXFSZ ignored) makes write() fail with
 * EFBIG after `limit` bytes: a full disk without root. */
static void full_disk(const char *suffix) {
  char *path = tmp_write("", 0, suffix);
  char err[256];
  struct rlimit old, lim;
  getrlimit(RLIMIT_FSIZE, &old);
  lim = old;
  lim.rlim_cur = 1500 << 10;
  signal(SIGXFSZ, SIG_IGN);
  pith_zio_writer *w = pith_zio_open_write(path, 0, PITH_ZIO_TRUNCATE, err, sizeof err);
  CHECK(w != NULL);
  if (!w) return;
  INT_EQ(setrlimit(RLIMIT_FSIZE, &lim), 0);
  tbuf b = {0};
  int rc = 0;
  unsigned handed = 0;
  for (unsigned i = 0; i < 6000 && rc == 0; i++) { /* about 6 MB of lines */
    b.len = 0;
    S_line(&b, i, 150);
    rc = pith_zio_write(w, b.p, b.len);
    if (rc == 0) handed++;
  }
  if (rc == 0) rc = pith_zio_flush(w);
  INT_EQ(rc, PITH_ERR_IO);
  INT_EQ(pith_zio_writer_errno(w), EFBIG);
  uint64_t lines = pith_zio_lines(w);
  uint64_t committed = pith_zio_committed(w);
  errno = 0;
  CHECK(pith_zio_close_write(w) != 0);
  INT_EQ(errno, EFBIG); /* the reason survives the close */
  setrlimit(RLIMIT_FSIZE, &old);
  /* what reached the file is a valid prefix: whole batches, readable, and
   * exactly the lines the writer says are in it */
  struct stat sb;
  stat(path, &sb);
  INT_EQ((uint64_t)sb.st_size, committed);
  CHECK(sb.st_size > 0);
  CHECK(sb.st_size <= (off_t)lim.rlim_cur);
  CHECK(lines > 0);
  CHECK(lines < handed);
  uint64_t damage = 9;
  INT_EQ(S_count(path, &damage), lines);
  INT_EQ(damage, 0);
  tb_free(&b);
  unlink(path);
  free(path);
}

static void test_full_disk(void) {
  full_disk(".jsonl");
  full_disk(".jsonl.gz");
#ifdef PITH_HAVE_ZSTD
  full_disk(".jsonl.zst");
#endif
}

/* Small output that fails only when the last batch is written at close. */
static void test_full_disk_at_close(void) {
  char *path = tmp_write("", 0, ".jsonl.gz");
  char err[256];
  struct rlimit old, lim;
  getrlimit(RLIMIT_FSIZE, &old);
  lim = old;
  lim.rlim_cur = 1000;
  signal(SIGXFSZ, SIG_IGN);
  pith_zio_writer *w = pith_zio_open_write(path, 0, PITH_ZIO_TRUNCATE, err, sizeof err);
  CHECK(w != NULL);
  if (!w) return;
  setrlimit(RLIMIT_FSIZE, &lim);
  tbuf b = {0};
  for (unsigned i = 0; i < 20; i++) S_line(&b, i, 40);
  INT_EQ(pith_zio_write(w, b.p, b.len), 0); /* batched */
  INT_EQ(pith_zio_lines(w), 0);
  errno = 0;
  INT_EQ(pith_zio_close_write(w), PITH_ERR_IO);
  INT_EQ(errno, EFBIG);
  setrlimit(RLIMIT_FSIZE, &old);
  struct stat sb;
  stat(path, &sb);
  INT_EQ(sb.st_size, 0); /* no half member */
  tb_free(&b);
  unlink(path);
  free(path);
}

/* Batches end at a bound, so a long run keeps its file current. */
static void test_batches_are_bounded(void) {
  char *path = tmp_write("", 0, ".jsonl.gz");
  char err[256];
  pith_zio_writer *w = pith_zio_open_write(path, 0, PITH_ZIO_TRUNCATE, err, sizeof err);
  tbuf b = {0};
  for (unsigned i = 0; i < 3000; i++) {
    b.len = 0;
    S_line(&b, i, 150);
    INT_EQ(pith_zio_write(w, b.p, b.len), 0);
  }
  /* about 3 MB handed over: most of it must be in the file already */
  CHECK(pith_zio_lines(w) >= 1500);
  CHECK(pith_zio_committed(w) > 0);
  /* many short lines: a batch ends by line count too */
  uint64_t before = pith_zio_lines(w);
  for (unsigned i = 0; i < 25000; i++) INT_EQ(pith_zio_write(w, "{}\n", 3), 0);
  CHECK(pith_zio_lines(w) >= before + 20000);
  INT_EQ(pith_zio_close_write(w), 0);
  uint64_t damage = 9;
  INT_EQ(S_count(path, &damage), 28000);
  INT_EQ(damage, 0);
  tb_free(&b);
  unlink(path);
  free(path);
}


/* ---- reading damaged compressed JSONL ------------------------------------ */

typedef struct got {
  tbuf all;       /* every line, '\n'-terminated */
  size_t n, unchecked, damaged_flag;
  int reports;
  tbuf msgs;
} got;

static void S_on_damage(void *ud, const char *msg) {
  got *g = ud;
  g->reports++;
  tb_puts(&g->msgs, msg);
  tb_puts(&g->msgs, "\n");
}

static void S_read_all(const char *path, got *g) {
  memset(g, 0, sizeof *g);
  char err[256];
  pith_zio_reader *r = pith_zio_open_read(path, 0, err, sizeof err);
  CHECK(r != NULL);
  if (!r) return;
  pith_zio_on_damage(r, S_on_damage, g);
  const char *l;
  size_t n;
  unsigned fl;
  int k;
  while ((k = pith_zio_getline(r, &l, &n, &fl)) == 1) {
    tb_put(&g->all, l, n);
    tb_puts(&g->all, "\n");
    g->n++;
    if (fl & PITH_ZIO_LINE_UNCHECKED) g->unchecked++;
    if (fl & PITH_ZIO_LINE_DAMAGED) g->damaged_flag++;
  }
  INT_EQ(k, 0);
  INT_EQ(pith_zio_damage_count(r), (uint64_t)g->reports);
  pith_zio_close_read(r);
  tb_puts(&g->all, ""); /* NUL-terminated for strstr */
  tb_puts(&g->msgs, "");
}

static void S_got_free(got *g) {
  tb_free(&g->all);
  tb_free(&g->msgs);
}

/* Is every line of g one of the generated lines 0..n-1 (150 words)? */
static int S_all_genuine(const got *g, unsigned n) {
  const char *p = g->all.p, *e = g->all.p + g->all.len;
  tbuf want = {0};
  int ok = 1;
  while (p < e && ok) {
    const char *nl = memchr(p, '\n', (size_t)(e - p));
    if (!nl) break;
    /* (not sscanf: it measures the whole rest of the buffer each time) */
    unsigned long i = 0;
    ok = nl - p > 8 && !memcmp(p, "{\"id\":\"r", 8);
    if (ok) {
      char *end;
      i = strtoul(p + 8, &end, 10);
      ok = end > p + 8 && *end == '"' && i < n;
    }
    if (ok) {
      want.len = 0;
      S_line(&want, (unsigned)i, 20);
      ok = want.len == (size_t)(nl - p) + 1 && !memcmp(want.p, p, want.len);
    }
    p = nl + 1;
  }
  tb_free(&want);
  return ok;
}

/* 2,000 one-line members; offs[i] = start of member i. */
static void S_members(tbuf *g, size_t *offs, unsigned n) {
  tbuf line = {0};
  for (unsigned i = 0; i < n; i++) {
    offs[i] = g->len;
    line.len = 0;
    S_line(&line, i, 20);
    gz_member(g, line.p, line.len);
  }
  offs[n] = g->len;
  tb_free(&line);
}

static void test_gz_one_corrupt_member(void) {
  enum { N = 2000 };
  static size_t offs[N + 1];
  tbuf g = {0};
  S_members(&g, offs, N);
  /* corrupt the deflate data of member 1000 */
  size_t mid = offs[1000] + 10 + (offs[1001] - offs[1000] - 18) / 2;
  g.p[mid] ^= 0x55;
  g.p[mid + 1] ^= 0xa3;
  char *path = tmp_write(g.p, g.len, ".jsonl.gz");
  got r;
  S_read_all(path, &r);
  INT_EQ(r.n, N - 1);
  CHECK(S_all_genuine(&r, N));
  CHECK(strstr(r.all.p, "\"id\":\"r1000\"") == NULL);
  CHECK(strstr(r.all.p, "\"id\":\"r1001\"") != NULL);
  INT_EQ(r.reports, 1);
  char off[32];
  snprintf(off, sizeof off, "%zu", offs[1000]);
  CHECK(strstr(r.msgs.p, off) != NULL); /* the damage is named by its byte offset */
  S_got_free(&r);
  unlink(path);
  free(path);
  /* the CRC of member 500 flipped, its data intact: its line is not handed
   * out as good, the damage is reported */
  g.p[mid] ^= 0x55;
  g.p[mid + 1] ^= 0xa3;
  g.p[offs[501] - 8] ^= 0x01;
  path = tmp_write(g.p, g.len, ".jsonl.gz");
  S_read_all(path, &r);
  INT_EQ(r.n, N - 1);
  CHECK(strstr(r.all.p, "\"id\":\"r500\"") == NULL);
  CHECK(strstr(r.all.p, "\"id\":\"r1000\"") != NULL);
  INT_EQ(r.reports, 1);
  CHECK(strstr(r.msgs.p, "trailer") != NULL);
  snprintf(off, sizeof off, "%zu", offs[500]);
  CHECK(strstr(r.msgs.p, off) != NULL);
  S_got_free(&r);
  unlink(path);
  free(path);
  /* two damaged members in a row: two reports */
  g.p[offs[502] - 8] ^= 0x01;
  path = tmp_write(g.p, g.len, ".jsonl.gz");
  S_read_all(path, &r);
  INT_EQ(r.n, N - 2);
  INT_EQ(r.reports, 2);
  S_got_free(&r);
  unlink(path);
  free(path);
  tb_free(&g);
}

/* A member of many lines damaged at 90%: none of its lines (good or
 * garbage) comes out; the members around it come out whole. Every flip
 * position in a range is tried, so inflate's several ways of noticing
 * (invalid code, distance too far, CRC only) are all met. */
static void test_gz_flip_late_in_member(void) {
  tbuf lines[3] = {{0}, {0}, {0}};
  for (unsigned m = 0; m < 3; m++)
    for (unsigned i = m * 200; i < m * 200 + 200; i++) S_line(&lines[m], i, 20);
  tbuf g = {0};
  gz_member(&g, lines[0].p, lines[0].len);
  size_t b0 = g.len;
  gz_member(&g, lines[1].p, lines[1].len);
  size_t b1 = g.len;
  gz_member(&g, lines[2].p, lines[2].len);
  int bad_count = 0, bad_genuine = 0, unreported = 0;
  for (size_t at = b0 + (b1 - b0) * 88 / 100; at < b0 + (b1 - b0) * 92 / 100; at++) {
    g.p[at] ^= 0x20;
    char *path = tmp_write(g.p, g.len, ".jsonl.gz");
    got r;
    S_read_all(path, &r);
    if (r.n != 400) bad_count++;
    if (!S_all_genuine(&r, 600)) bad_genuine++;
    if (r.reports < 1) unreported++;
    S_got_free(&r);
    unlink(path);
    free(path);
    g.p[at] ^= 0x20;
  }
  INT_EQ(bad_count, 0);
  INT_EQ(bad_genuine, 0);
  INT_EQ(unreported, 0);
  for (unsigned m = 0; m < 3; m++) tb_free(&lines[m]);
  tb_free(&g);
}

/* A member bigger than what is held: passed on progressively, and the
 * late CRC failure is still reported. */
static void test_gz_big_member_late_crc(void) {
  tbuf t = {0};
  unsigned n = 0;
  while (t.len < ((size_t)10 << 20)) S_line(&t, n++, 20);
  tbuf g = {0};
  gz_member(&g, t.p, t.len);
  g.p[g.len - 6] ^= 0x01; /* CRC */
  char *path = tmp_write(g.p, g.len, ".jsonl.gz");
  got r;
  S_read_all(path, &r);
  CHECK(r.n > n / 2);
  CHECK(S_all_genuine(&r, n));
  INT_EQ(r.reports, 1);
  CHECK(strstr(r.msgs.p, "larger than") != NULL);
  S_got_free(&r);
  unlink(path);
  free(path);
  tb_free(&g);
  tb_free(&t);
}

/* The file ends inside the last member: the complete lines before the cut
 * come out flagged unchecked, the half line does not. */
static void test_gz_truncated(void) {
  tbuf a = {0}, b = {0}, g = {0};
  for (unsigned i = 0; i < 50; i++) S_line(&a, i, 20);
  for (unsigned i = 50; i < 400; i++) S_line(&b, i, 20);
  gz_member(&g, a.p, a.len);
  size_t m1 = g.len;
  gz_member(&g, b.p, b.len);
  size_t cut = m1 + (g.len - m1) / 2;
  char *path = tmp_write(g.p, cut, ".jsonl.gz");
  got r;
  S_read_all(path, &r);
  CHECK(r.n > 50);
  CHECK(r.n < 400);
  INT_EQ(r.unchecked, r.n - 50);
  CHECK(S_all_genuine(&r, 400));
  INT_EQ(r.reports, 1);
  CHECK(strstr(r.msgs.p, "truncated") != NULL);
  S_got_free(&r);
  unlink(path);
  free(path);
  tb_free(&a);
  tb_free(&b);
  tb_free(&g);
}

#ifdef PITH_HAVE_ZSTD
static void S_zframe(tbuf *out, const tbuf *in) {
  ZSTD_CCtx *c = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1);
  size_t cap = ZSTD_compressBound(in->len);
  tb_reserve(out, cap);
  size_t z = ZSTD_compress2(c, out->p + out->len, cap, in->p, in->len);
  if (ZSTD_isError(z)) abort();
  out->len += z;
  ZSTD_freeCCtx(c);
}

static void test_zstd_damage(void) {
  tbuf lines[3] = {{0}, {0}, {0}};
  for (unsigned m = 0; m < 3; m++)
    for (unsigned i = m * 200; i < m * 200 + 200; i++) S_line(&lines[m], i, 20);
  tbuf z = {0};
  S_zframe(&z, &lines[0]);
  size_t f1 = z.len;
  S_zframe(&z, &lines[1]);
  size_t f2 = z.len;
  S_zframe(&z, &lines[2]);
  /* the checksum of frame 2 flipped: its lines are dropped, frame 3 read */
  z.p[f2 - 2] ^= 0x10;
  char *path = tmp_write(z.p, z.len, ".jsonl.zst");
  got r;
  S_read_all(path, &r);
  INT_EQ(r.n, 400);
  CHECK(S_all_genuine(&r, 600));
  CHECK(strstr(r.all.p, "\"id\":\"r599\"") != NULL);
  INT_EQ(r.reports, 1);
  char off[32];
  snprintf(off, sizeof off, "%zu", f1);
  CHECK(strstr(r.msgs.p, off) != NULL);
  S_got_free(&r);
  unlink(path);
  free(path);
  z.p[f2 - 2] ^= 0x10;
  /* corrupt data late in frame 2: reported, nothing of it comes out */
  int bad = 0;
  for (size_t at = f1 + (f2 - f1) * 85 / 100; at < f1 + (f2 - f1) * 95 / 100; at++) {
    z.p[at] ^= 0x41;
    path = tmp_write(z.p, z.len, ".jsonl.zst");
    S_read_all(path, &r);
    if (r.n != 400 || !S_all_genuine(&r, 600) || r.reports < 1 ||
        !strstr(r.all.p, "\"id\":\"r599\""))
      bad++;
    S_got_free(&r);
    unlink(path);
    free(path);
    z.p[at] ^= 0x41;
  }
  INT_EQ(bad, 0);
  /* frame 2's first block claims to be longer than it is, so the decoder
   * reads on into frame 3 before it fails: the search for the next frame
   * starts at frame 2's start, and frame 3 is still read */
  const unsigned char *h = (const unsigned char *)z.p + f1;
  unsigned fhd = h[4];
  static const size_t did[4] = {0, 1, 2, 4}, fcs[4] = {0, 2, 4, 8};
  size_t hs = 5 + !((fhd >> 5) & 1) + did[fhd & 3] +
              ((fhd >> 6) == 0 ? ((fhd >> 5) & 1) : fcs[fhd >> 6]);
  unsigned char *bh = (unsigned char *)z.p + f1 + hs;
  unsigned long v = bh[0] | (unsigned long)bh[1] << 8 | (unsigned long)bh[2] << 16;
  unsigned long bsize = v >> 3, grown = bsize + (z.len - f2) / 2;
  CHECK(f1 + hs + 3 + bsize < f2); /* the block ends inside frame 2 */
  unsigned long nv = (grown << 3) | (v & 7);
  bh[0] = (unsigned char)nv;
  bh[1] = (unsigned char)(nv >> 8);
  bh[2] = (unsigned char)(nv >> 16);
  path = tmp_write(z.p, z.len, ".jsonl.zst");
  S_read_all(path, &r);
  INT_EQ(r.n, 400);
  CHECK(strstr(r.all.p, "\"id\":\"r599\"") != NULL);
  CHECK(r.reports >= 1);
  S_got_free(&r);
  unlink(path);
  free(path);
  for (unsigned m = 0; m < 3; m++) tb_free(&lines[m]);
  tb_free(&z);
}
#endif

/* Random single flips over a file of many members/frames, bigger than the
 * reader's input buffer: every line that comes out is genuine and at most
 * the one member hit is lost. */
static void flips(int zstd) {
  enum { M = 40, PER = 250 };
  tbuf z = {0}, part = {0};
  for (unsigned m = 0; m < M; m++) {
    part.len = 0;
    for (unsigned i = m * PER; i < m * PER + PER; i++) S_line(&part, i, 20);
#ifdef PITH_HAVE_ZSTD
    if (zstd)
      S_zframe(&z, &part);
    else
#endif
      gz_member(&z, part.p, part.len);
  }
  CHECK(z.len > (200u << 10));
  unsigned x = 99;
  int bad = 0;
  for (int t = 0; t < 60; t++) {
    x = x * 1103515245u + 12345u;
    size_t at = (x >> 4) % z.len;
    unsigned char bit = (unsigned char)(1u << ((x >> 1) % 8));
    z.p[at] ^= (char)bit;
    char *path = tmp_write(z.p, z.len, zstd ? ".jsonl.zst" : ".jsonl.gz");
    got r;
    S_read_all(path, &r);
    if (!S_all_genuine(&r, M * PER) || r.n < (M - 1) * PER) {
      bad++;
      fprintf(stderr, "flip at %zu: %zu lines, %d reports: %s\n", at, r.n, r.reports, r.msgs.p);
    }
    S_got_free(&r);
    unlink(path);
    free(path);
    z.p[at] ^= (char)bit;
  }
  INT_EQ(bad, 0);
  tb_free(&z);
  tb_free(&part);
}

static void test_random_flips(void) {
  flips(0);
#ifdef PITH_HAVE_ZSTD
  flips(1);
#endif
}

int main(void) {
  RUN(test_full_disk);
  RUN(test_full_disk_at_close);
  RUN(test_batches_are_bounded);
  RUN(test_gz_one_corrupt_member);
  RUN(test_gz_flip_late_in_member);
  RUN(test_gz_big_member_late_crc);
  RUN(test_gz_truncated);
  RUN(test_random_flips);
#ifdef PITH_HAVE_ZSTD
  RUN(test_zstd_damage);
#endif
  return REPORT();
}
