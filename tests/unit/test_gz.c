/* test_gz.c - the gzip member reader: boundaries, offsets, every kind of
 * damage, resync, chunked input, and no hang on random damage. */
#include <stdint.h>
#include <stdlib.h>

#include "harness.h"
#include "input/gz.h"
#include "test_warc_gen.h"

/* Everything a reader produces, as text: data + events. */
typedef struct {
  tbuf data;
  tbuf log;
  int errors;
} gz_run;

static void run_gz(const char *p, size_t n, size_t chunk, size_t outn, const char *prefix,
                   gz_run *res) {
  memset(res, 0, sizeof *res);
  memsrc m = {p, n, 0, chunk, 0};
  pith_gz *z = pith_gz_open(memsrc_read, &m, NULL, 0, 4096);
  if (prefix) pith_gz_set_sync_prefix(z, prefix, strlen(prefix));
  char *out = malloc(outn);
  for (int guard = 0; guard < 1000000; guard++) {
    pith_gz_event ev;
    size_t k = pith_gz_read(z, out, outn, &ev);
    tb_put(&res->data, out, k);
    const pith_gz_info *I = pith_gz_get_info(z);
    if (ev == PITH_GZ_MEMBER_END) tb_printf(&res->log, "end@%llu ", (unsigned long long)I->in_offset);
    if (ev == PITH_GZ_ERROR) {
      tb_printf(&res->log, "%s@%llu+%llu ", pith_gz_err_name(I->err),
                (unsigned long long)I->err_member, (unsigned long long)I->err_skipped);
      if (I->err != PITH_GZ_E_PADDING) res->errors++;
    }
    if (ev == PITH_GZ_EOF) break;
  }
  free(out);
  pith_gz_close(z);
}

static void free_run(gz_run *r) {
  tb_free(&r->data);
  tb_free(&r->log);
}

static void build3(tbuf *f, size_t off[4]) {
  memset(f, 0, sizeof *f);
  const char *s[3] = {"WARC/1.0 first member\n", "WARC/1.0 second member, a bit longer\n",
                      "WARC/1.0 third\n"};
  for (int i = 0; i < 3; i++) {
    off[i] = f->len;
    gz_member(f, s[i], strlen(s[i]));
  }
  off[3] = f->len;
}

static const char *ALL3 =
    "WARC/1.0 first member\nWARC/1.0 second member, a bit longer\nWARC/1.0 third\n";

static void test_clean(void) {
  tbuf f;
  size_t off[4];
  build3(&f, off);
  size_t chunks[] = {0, 1, 3, 17};
  size_t outs[] = {1, 7, 65536};
  for (size_t c = 0; c < 4; c++)
    for (size_t o = 0; o < 3; o++) {
      gz_run r;
      run_gz(f.p, f.len, chunks[c], outs[o], NULL, &r);
      STR_EQ(r.data.p, ALL3);
      char want[128];
      snprintf(want, sizeof want, "end@%zu end@%zu end@%zu ", off[1], off[2], off[3]);
      STR_EQ(r.log.p, want);
      INT_EQ(r.errors, 0);
      free_run(&r);
    }
  tb_free(&f);
}

static void test_member_offsets(void) {
  tbuf f;
  size_t off[4];
  build3(&f, off);
  memsrc m = {f.p, f.len, 0, 0, 0};
  pith_gz *z = pith_gz_open(memsrc_read, &m, NULL, 0, 0);
  char out[256];
  pith_gz_event ev;
  for (int i = 0; i < 3; i++) {
    size_t k = pith_gz_read(z, out, sizeof out, &ev);
    CHECK(k > 0);
    INT_EQ(ev, PITH_GZ_MEMBER_END);
    INT_EQ(pith_gz_get_info(z)->member_start, off[i]);
  }
  size_t k = pith_gz_read(z, out, sizeof out, &ev);
  INT_EQ(k, 0);
  INT_EQ(ev, PITH_GZ_EOF);
  INT_EQ(pith_gz_get_info(z)->members, 3);
  pith_gz_close(z);
  tb_free(&f);
}

static void test_empty_members_and_padding(void) {
  tbuf f = {0};
  gz_member(&f, "", 0);
  gz_member(&f, "WARC/1.0 a\n", 11);
  gz_member(&f, "", 0);
  char zeros[100] = {0};
  tb_put(&f, zeros, sizeof zeros);
  gz_member(&f, "WARC/1.0 b\n", 11);
  tb_put(&f, zeros, 7); /* trailing zero padding */
  gz_run r;
  run_gz(f.p, f.len, 5, 4096, "WARC/", &r);
  STR_EQ(r.data.p, "WARC/1.0 a\nWARC/1.0 b\n");
  INT_EQ(r.errors, 0);
  CHECK(strstr(r.log.p, "padding@") != NULL);
  free_run(&r);
  tb_free(&f);
}

static void test_garbage_between(void) {
  tbuf f;
  size_t off[4];
  build3(&f, off);
  tbuf g = {0};
  tb_put(&g, f.p, off[1]);
  tb_puts(&g, "this is not gzip\x1f\x8b junk");
  size_t glen = g.len - off[1];
  tb_put(&g, f.p + off[1], f.len - off[1]);
  gz_run r;
  run_gz(g.p, g.len, 0, 4096, "WARC/", &r);
  STR_EQ(r.data.p, ALL3);
  INT_EQ(r.errors, 1);
  char want[64];
  snprintf(want, sizeof want, "garbage@%zu+%zu", off[1], glen);
  CHECK(strstr(r.log.p, want) != NULL);
  free_run(&r);
  /* trailing junk after the last member */
  tb_puts(&g, "JUNK");
  run_gz(g.p, g.len, 0, 4096, "WARC/", &r);
  STR_EQ(r.data.p, ALL3);
  INT_EQ(r.errors, 2);
  free_run(&r);
  tb_free(&g);
  tb_free(&f);
}

static void test_corrupt_middle(void) {
  tbuf f;
  size_t off[4];
  build3(&f, off);
  /* smash the deflate data of member 2 (after its 10-byte header) */
  for (size_t i = off[1] + 10; i < off[2] - 8; i++) f.p[i] = (char)0xff;
  gz_run r;
  run_gz(f.p, f.len, 0, 4096, "WARC/", &r);
  /* members 1 and 3 come through; member 2 is reported */
  CHECK(strstr(r.data.p, "WARC/1.0 first member\n") == r.data.p);
  CHECK(strstr(r.data.p, "WARC/1.0 third\n") != NULL);
  CHECK(strstr(r.data.p, "second") == NULL);
  INT_EQ(r.errors, 1);
  char want[64];
  snprintf(want, sizeof want, "@%zu+%zu", off[1], off[2] - off[1]);
  CHECK(strstr(r.log.p, want) != NULL);
  CHECK(strstr(r.log.p, "gzip_corrupt") != NULL || strstr(r.log.p, "gzip_crc") != NULL);
  free_run(&r);
  tb_free(&f);
}

static void test_crc_mismatch(void) {
  tbuf f;
  size_t off[4];
  build3(&f, off);
  f.p[off[2] - 8] ^= 0x01; /* CRC32 of member 2 */
  gz_run r;
  run_gz(f.p, f.len, 0, 4096, "WARC/", &r);
  STR_EQ(r.data.p, ALL3); /* data was delivered, then flagged */
  INT_EQ(r.errors, 1);
  CHECK(strstr(r.log.p, "gzip_crc@") != NULL);
  free_run(&r);
  /* ISIZE */
  tb_free(&f);
  build3(&f, off);
  f.p[off[2] - 1] ^= 0x40;
  run_gz(f.p, f.len, 0, 4096, "WARC/", &r);
  CHECK(strstr(r.log.p, "gzip_crc@") != NULL);
  free_run(&r);
  tb_free(&f);
}

static void test_truncated(void) {
  tbuf f;
  size_t off[4];
  build3(&f, off);
  /* cut inside the last member, at every length */
  for (size_t cut = off[2] + 1; cut < off[3]; cut++) {
    gz_run r;
    run_gz(f.p, cut, 0, 4096, "WARC/", &r);
    CHECK(strncmp(r.data.p, "WARC/1.0 first member\nWARC/1.0 second member, a bit longer\n",
                  59) == 0);
    INT_EQ(r.errors, 1);
    CHECK(strstr(r.log.p, "gzip_truncated@") != NULL);
    free_run(&r);
  }
  tb_free(&f);
}

static void test_truncated_then_member(void) {
  /* a clipped member followed by a good one (two files concatenated) */
  tbuf f;
  size_t off[4];
  build3(&f, off);
  tbuf g = {0};
  tb_put(&g, f.p, off[1] + (off[2] - off[1]) / 2);
  size_t good = g.len;
  tb_put(&g, f.p + off[2], off[3] - off[2]);
  gz_run r;
  run_gz(g.p, g.len, 0, 4096, "WARC/", &r);
  CHECK(strstr(r.data.p, "WARC/1.0 third\n") != NULL);
  INT_EQ(r.errors, 1);
  (void)good;
  free_run(&r);
  tb_free(&g);
  tb_free(&f);
}

static void test_whole_file(void) {
  tbuf f = {0};
  gz_member(&f, ALL3, strlen(ALL3));
  gz_run r;
  run_gz(f.p, f.len, 2, 3, "WARC/", &r);
  STR_EQ(r.data.p, ALL3);
  INT_EQ(r.errors, 0);
  free_run(&r);
  tb_free(&f);
}

static void test_io_error(void) {
  tbuf f;
  size_t off[4];
  build3(&f, off);
  memsrc m = {f.p, f.len, 0, 0, (int)off[2] + 3};
  pith_gz *z = pith_gz_open(memsrc_read, &m, NULL, 0, 4096);
  char out[4096];
  int io = 0, guard = 0;
  for (;;) {
    pith_gz_event ev;
    pith_gz_read(z, out, sizeof out, &ev);
    if (ev == PITH_GZ_ERROR && pith_gz_get_info(z)->err == PITH_GZ_E_IO) io++;
    if (ev == PITH_GZ_EOF || ++guard > 100) break;
  }
  INT_EQ(io, 1);
  CHECK(guard <= 100);
  pith_gz_close(z);
  tb_free(&f);
}

/* Random damage: never hangs or crashes, every byte is accounted for. */
static void test_random_damage(void) {
  srand(12345);
  tbuf f = {0};
  for (int i = 0; i < 20; i++) {
    char s[200];
    int n = snprintf(s, sizeof s, "WARC/1.0 record %d %0*d\n", i, 50 + i * 3, i);
    gz_member(&f, s, (size_t)n);
  }
  for (int iter = 0; iter < 300; iter++) {
    tbuf g = {0};
    tb_put(&g, f.p, f.len);
    int kind = iter % 3;
    size_t at = (size_t)rand() % g.len;
    if (kind == 0) {
      for (int k = 0; k < 4; k++) g.p[(at + (size_t)k * 7) % g.len] ^= (char)(1 << (rand() % 8));
    } else if (kind == 1) {
      g.len = at;
    } else {
      size_t n = (size_t)rand() % 40 + 1;
      if (at + n > g.len) n = g.len - at;
      memset(g.p + at, rand() & 0xff, n);
    }
    gz_run r;
    run_gz(g.p, g.len, (size_t)(iter % 7) + 1, 97, "WARC/", &r);
    /* whatever came out is made of whole records or is reported damage */
    CHECK(r.data.len <= 20 * 200);
    free_run(&r);
    tb_free(&g);
  }
  tb_free(&f);
}

int main(void) {
  RUN(test_clean);
  RUN(test_member_offsets);
  RUN(test_empty_members_and_padding);
  RUN(test_garbage_between);
  RUN(test_corrupt_middle);
  RUN(test_crc_mismatch);
  RUN(test_truncated);
  RUN(test_truncated_then_member);
  RUN(test_whole_file);
  RUN(test_io_error);
  RUN(test_random_damage);
  return REPORT();
}
