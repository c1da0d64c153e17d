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

int main(void) {
  RUN(test_full_disk);
  RUN(test_full_disk_at_close);
  RUN(test_batches_are_bounded);
  return REPORT();
}
