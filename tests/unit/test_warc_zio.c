/* test_warc_zio.c - streaming line I/O: formats, capped lines, damage,
 * line-atomic writes, write errors, and the resume prefix. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "harness.h"
#include "input/zio.h"
#include "test_warc_gen.h"

static char *S_tmp(const char *suffix) { return tmp_write("", 0, suffix); }

static void S_slurp(const char *path, tbuf *out) {
  memset(out, 0, sizeof *out);
  FILE *f = fopen(path, "rb");
  if (!f) return;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) tb_put(out, buf, n);
  fclose(f);
}

/* Write lines through the writer, read them back through the reader. */
static void roundtrip(const char *suffix) {
  char *path = S_tmp(suffix);
  char err[256];
  pith_zio_writer *w = pith_zio_open_write(path, 0, PITH_ZIO_TRUNCATE, err, sizeof err);
  CHECK(w != NULL);
  tbuf line = {0};
  for (int i = 0; i < 3000; i++) {
    line.len = 0;
    tb_printf(&line, "{\"n\":%d,\"pad\":\"%0*d\"}\n", i, i % 500, 7);
    INT_EQ(pith_zio_write(w, line.p, line.len), 0);
  }
  /* one line far bigger than a batch */
  line.len = 0;
  for (int i = 0; i < 600000; i++) tb_puts(&line, "abcdefghij");
  tb_puts(&line, "\n");
  INT_EQ(pith_zio_write(w, line.p, line.len), 0);
  INT_EQ(pith_zio_write(w, "no newline", 10), PITH_ERR_ARG);
  INT_EQ(pith_zio_close_write(w), 0);
  pith_zio_reader *r = pith_zio_open_read(path, 0, err, sizeof err);
  CHECK(r != NULL);
  INT_EQ(pith_zio_reader_format(r), pith_zio_format_for(path));
  const char *l;
  size_t n;
  unsigned fl;
  int i = 0, bad = 0;
  while (pith_zio_getline(r, &l, &n, &fl) == 1) {
    if (i < 3000) {
      char want[600];
      int k = snprintf(want, sizeof want, "{\"n\":%d,\"pad\":\"%0*d\"}", i, i % 500, 7);
      if ((size_t)k != n || memcmp(want, l, n) || fl) bad++;
    } else {
      if (n != 6000000 || fl) bad++;
    }
    i++;
  }
  INT_EQ(i, 3001);
  INT_EQ(bad, 0);
  INT_EQ(pith_zio_damage_count(r), 0);
  pith_zio_close_read(r);
  /* the resume prefix of a complete file is the whole file */
  uint64_t keep, lines;
  pith_buf last;
  pith_buf_init(&last, 0);
  INT_EQ(pith_zio_valid_prefix(path, &keep, &lines, &last, err, sizeof err), 0);
  struct stat sb;
  stat(path, &sb);
  INT_EQ(keep, (uint64_t)sb.st_size);
  INT_EQ(lines, 3001);
  INT_EQ(last.len, 65536); /* the start of the last (long) line */
  pith_buf_free(&last);
  tb_free(&line);
  unlink(path);
  free(path);
}

static void test_roundtrip(void) {
  roundtrip(".jsonl");
  roundtrip(".jsonl.gz");
#ifdef PITH_HAVE_ZSTD
  roundtrip(".jsonl.zst");
#endif
}

static void test_read_lines(void) {
  const char *text = "a\n\nbb\r\nccc\nlast without newline";
  char *path = tmp_write(text, strlen(text), ".txt");
  char err[256];
  pith_zio_reader *r = pith_zio_open_read(path, 2, err, sizeof err);
  const char *l;
  size_t n;
  unsigned fl;
  INT_EQ(pith_zio_getline(r, &l, &n, &fl), 1);
  SPAN_EQ(l, n, "a");
  INT_EQ(fl, 0);
  INT_EQ(pith_zio_getline(r, &l, &n, &fl), 1);
  INT_EQ(n, 0);
  INT_EQ(pith_zio_getline(r, &l, &n, &fl), 1);
  SPAN_EQ(l, n, "bb"); /* the \r is beyond the cap */
  CHECK(fl & PITH_ZIO_LINE_CUT);
  INT_EQ(pith_zio_getline(r, &l, &n, &fl), 1);
  SPAN_EQ(l, n, "cc");
  CHECK(fl & PITH_ZIO_LINE_CUT);
  INT_EQ(pith_zio_getline(r, &l, &n, &fl), 1);
  SPAN_EQ(l, n, "la");
  CHECK(fl & PITH_ZIO_LINE_NOEOL);
  CHECK(fl & PITH_ZIO_LINE_CUT);
  INT_EQ(pith_zio_getline(r, &l, &n, &fl), 0);
  INT_EQ(pith_zio_getline(r, &l, &n, &fl), 0);
  INT_EQ(pith_zio_lineno(r), 5);
  pith_zio_close_read(r);
  unlink(path);
  free(path);
  /* a misnamed gzip file is still read as gzip */
  tbuf g = {0};
  gz_member(&g, "x\ny\n", 4);
  path = tmp_write(g.p, g.len, ".txt");
  r = pith_zio_open_read(path, 0, err, sizeof err);
  INT_EQ(pith_zio_reader_format(r), PITH_ZIO_GZIP);
  INT_EQ(pith_zio_getline(r, &l, &n, &fl), 1);
  SPAN_EQ(l, n, "x");
  pith_zio_close_read(r);
  unlink(path);
  free(path);
  tb_free(&g);
  CHECK(pith_zio_open_read("/nonexistent/file", 0, err, sizeof err) == NULL);
  CHECK(strstr(err, "No such file") != NULL);
}

static void test_gz_damage(void) {
  /* three members of whole lines; the middle one is damaged */
  tbuf g = {0};
  size_t m1, m2;
  gz_member(&g, "one\ntwo\n", 8);
  m1 = g.len;
  gz_member(&g, "three\nfour\nfive\nsix\nseven\neight\n", 32);
  m2 = g.len;
  gz_member(&g, "nine\nten\n", 9);
  for (size_t i = m1 + 12; i < m2 - 10; i++) g.p[i] ^= 0x33;
  char *path = tmp_write(g.p, g.len, ".gz");
  char err[256];
  pith_zio_reader *r = pith_zio_open_read(path, 0, err, sizeof err);
  const char *l;
  size_t n;
  unsigned fl;
  tbuf got = {0};
  int damaged_flag = 0;
  while (pith_zio_getline(r, &l, &n, &fl) == 1) {
    tb_put(&got, l, n);
    tb_puts(&got, "|");
    if (fl & PITH_ZIO_LINE_DAMAGED) damaged_flag++;
  }
  CHECK(strncmp(got.p, "one|two|", 8) == 0);
  CHECK(strstr(got.p, "nine|ten|") != NULL);
  INT_EQ(pith_zio_damage_count(r), 1);
  INT_EQ(damaged_flag, 1);
  CHECK(strstr(pith_zio_reader_error(r), "gzip") != NULL);
  pith_zio_close_read(r);
  /* the resume prefix stops before the damage */
  uint64_t keep, lines;
  INT_EQ(pith_zio_valid_prefix(path, &keep, &lines, NULL, err, sizeof err), 0);
  INT_EQ(keep, m1);
  INT_EQ(lines, 2);
  unlink(path);
  free(path);
  tb_free(&got);
  tb_free(&g);
}

static void test_valid_prefix(void) {
  char err[256];
  uint64_t keep, lines;
  pith_buf last;
  pith_buf_init(&last, 0);
  /* plain: a half line at the end is not kept */
  const char *t = "{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c";
  char *path = tmp_write(t, strlen(t), ".jsonl");
  INT_EQ(pith_zio_valid_prefix(path, &keep, &lines, &last, err, sizeof err), 0);
  INT_EQ(keep, 22);
  INT_EQ(lines, 2);
  SPAN_EQ(last.p, last.len, "{\"id\":\"b\"}");
  /* append after the kept prefix */
  pith_zio_writer *w = pith_zio_open_write(path, 0, keep, err, sizeof err);
  INT_EQ(pith_zio_write(w, "{\"id\":\"c\"}\n", 11), 0);
  INT_EQ(pith_zio_close_write(w), 0);
  tbuf got;
  S_slurp(path, &got);
  STR_EQ(got.p, "{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c\"}\n");
  tb_free(&got);
  unlink(path);
  free(path);
  /* gzip: a cut member is dropped */
  tbuf g = {0};
  gz_member(&g, "l1\nl2\n", 6);
  size_t m1 = g.len;
  gz_member(&g, "l3\nl4\n", 6);
  path = tmp_write(g.p, g.len - 5, ".gz");
  INT_EQ(pith_zio_valid_prefix(path, &keep, &lines, &last, err, sizeof err), 0);
  INT_EQ(keep, m1);
  INT_EQ(lines, 2);
  SPAN_EQ(last.p, last.len, "l2");
  unlink(path);
  free(path);
  tb_free(&g);
  /* a member whose data does not end a line is not a resume point */
  gz_member(&g, "l1\nl2", 5);
  path = tmp_write(g.p, g.len, ".gz");
  INT_EQ(pith_zio_valid_prefix(path, &keep, &lines, &last, err, sizeof err), 0);
  INT_EQ(keep, 0);
  unlink(path);
  free(path);
  tb_free(&g);
  /* missing file */
  INT_EQ(pith_zio_valid_prefix("/tmp/pith-no-such-file.jsonl", &keep, &lines, &last, err,
                               sizeof err),
         0);
  INT_EQ(keep, 0);
  pith_buf_free(&last);
}

static void test_write_errors(void) {
  char err[256];
  /* ENOSPC on /dev/full */
  pith_zio_writer *w = pith_zio_open_write("/dev/full", 0, PITH_ZIO_TRUNCATE, err, sizeof err);
  if (w) {
    int rc = pith_zio_write(w, "line\n", 5);
    if (rc == 0) rc = pith_zio_flush(w);
    INT_EQ(rc, PITH_ERR_IO);
    INT_EQ(pith_zio_writer_errno(w), ENOSPC);
    INT_EQ(pith_zio_write(w, "more\n", 5), PITH_ERR_IO);
    CHECK(pith_zio_close_write(w) != 0);
  }
  /* EPIPE: the reading end is closed */
  int fds[2];
  if (pipe(fds) == 0) {
    close(fds[0]);
    int saved = dup(1);
    dup2(fds[1], 1);
    close(fds[1]);
    signal(SIGPIPE, SIG_IGN);
    w = pith_zio_open_write("-", 0, PITH_ZIO_TRUNCATE, err, sizeof err);
    int rc = pith_zio_write(w, "line\n", 5);
    if (rc == 0) rc = pith_zio_flush(w);
    INT_EQ(rc, PITH_ERR_IO);
    INT_EQ(pith_zio_writer_errno(w), EPIPE);
    pith_zio_close_write(w);
    dup2(saved, 1);
    close(saved);
  }
  CHECK(pith_zio_open_write("/nonexistent/dir/x.jsonl", 0, PITH_ZIO_TRUNCATE, err, sizeof err) ==
        NULL);
}

int main(void) {
  RUN(test_roundtrip);
  RUN(test_read_lines);
  RUN(test_gz_damage);
  RUN(test_valid_prefix);
  RUN(test_write_errors);
  return REPORT();
}
