/* gz.c - gzip member reader with offsets, damage reports and resync. */
#include "input/gz.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "core/core.h"

enum { ST_BETWEEN = 0, ST_MEMBER, ST_EOF };

struct pith_gz {
  z_stream zs;
  int zok;
  pith_read_fn read;
  void *ud;
  unsigned char *in;
  size_t cap, len, pos; /* in[0] is at compressed offset base */
  uint64_t base;
  int in_eof;
  int in_err; /* errno of a failed read, or 0 */
  int state;
  uint64_t keep; /* compaction keeps in[] from this offset on ... */
  int keep_hard; /* ... always (else only while it costs at most cap/2) */
  unsigned char prefix[16];
  size_t prefix_len;
  pith_gz_info info;
  int timing;
  uint64_t ns;
};

long pith_fd_read(void *ud, void *buf, size_t n) {
  int fd = (int)(intptr_t)ud;
  for (;;) {
    ssize_t r = read(fd, buf, n);
    if (r >= 0) return (long)r;
    if (errno != EINTR) return -1;
  }
}

const char *pith_gz_err_name(pith_gz_err e) {
  switch (e) {
  case PITH_GZ_OK: return "ok";
  case PITH_GZ_E_CORRUPT: return "gzip_corrupt";
  case PITH_GZ_E_CRC: return "gzip_crc";
  case PITH_GZ_E_TRUNCATED: return "gzip_truncated";
  case PITH_GZ_E_GARBAGE: return "garbage";
  case PITH_GZ_E_PADDING: return "padding";
  case PITH_GZ_E_IO: return "io";
  case PITH_GZ_E_NOMEM: return "nomem";
  }
  return "unknown";
}

pith_gz *pith_gz_open(pith_read_fn read, void *ud, const void *head, size_t headlen,
                      size_t bufsize) {
  if (!read) return NULL;
  if (bufsize == 0) bufsize = (size_t)1 << 20;
  if (bufsize < 4096) bufsize = 4096;
  if (bufsize < headlen) bufsize = headlen;
  pith_gz *z = pith_malloc(sizeof *z);
  if (!z) return NULL;
  memset(z, 0, sizeof *z);
  z->in = pith_malloc(bufsize);
  if (!z->in) {
    pith_free(z);
    return NULL;
  }
  z->cap = bufsize;
  z->read = read;
  z->ud = ud;
  if (headlen) memcpy(z->in, head, headlen);
  z->len = headlen;
  if (inflateInit2(&z->zs, 15 + 16) != Z_OK) {
    pith_free(z->in);
    pith_free(z);
    return NULL;
  }
  z->zok = 1;
  z->state = ST_BETWEEN;
  return z;
}

void pith_gz_close(pith_gz *z) {
  if (!z) return;
  if (z->zok) inflateEnd(&z->zs);
  pith_free(z->in);
  pith_free(z);
}

void pith_gz_set_sync_prefix(pith_gz *z, const char *prefix, size_t n) {
  if (n > sizeof z->prefix) n = sizeof z->prefix;
  if (prefix && n) memcpy(z->prefix, prefix, n);
  z->prefix_len = prefix ? n : 0;
}

const pith_gz_info *pith_gz_get_info(const pith_gz *z) { return &z->info; }
void pith_gz_set_timing(pith_gz *z, int on) { z->timing = on; }
uint64_t pith_gz_inflate_ns(const pith_gz *z) { return z->ns; }

static uint64_t S_now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int S_inflate(pith_gz *z) {
  if (!z->timing) return inflate(&z->zs, Z_NO_FLUSH);
  uint64_t t = S_now_ns();
  int r = inflate(&z->zs, Z_NO_FLUSH);
  z->ns += S_now_ns() - t;
  return r;
}

/* Read more input. Returns 1 when bytes were added, 0 at end of input (or
 * when the buffer is full of data that must be kept), -1 on a read error. */
static int S_refill(pith_gz *z) {
  if (z->in_err) return -1;
  if (z->in_eof) return 0;
  size_t k = z->pos;
  if (z->keep >= z->base && z->keep < z->base + z->pos) {
    size_t kk = (size_t)(z->keep - z->base);
    if (z->keep_hard || z->len - kk <= z->cap / 2) k = kk;
  }
  if (k > 0) {
    memmove(z->in, z->in + k, z->len - k);
    z->len -= k;
    z->pos -= k;
    z->base += k;
  }
  if (z->len == z->cap) return 0;
  long r = z->read(z->ud, z->in + z->len, z->cap - z->len);
  if (r > 0) {
    z->len += (size_t)r;
    return 1;
  }
  if (r == 0) {
    z->in_eof = 1;
    return 0;
  }
  z->in_err = errno ? errno : EIO;
  return -1;
}

static int S_prefix_ok(const pith_gz *z, const unsigned char *out, size_t got) {
  size_t n = got < z->prefix_len ? got : z->prefix_len;
  return memcmp(out, z->prefix, n) == 0;
}

/* Is the member candidate at in[*idx] real? Inflates its first bytes.
 * Returns 1 yes, 0 no, -1 read error. May compact the buffer (*idx moves). */
static int S_probe(pith_gz *z, size_t *idx) {
  unsigned char out[64];
  size_t need = z->prefix_len ? z->prefix_len : sizeof out;
  for (;;) {
    size_t i = *idx;
    if (z->len - i >= 4 && (z->in[i + 3] & 0xe0)) return 0; /* reserved FLG bits */
    inflateReset(&z->zs);
    z->zs.next_in = z->in + i;
    z->zs.avail_in = (uInt)(z->len - i);
    z->zs.next_out = out;
    z->zs.avail_out = (uInt)need;
    int zr;
    do {
      zr = inflate(&z->zs, Z_NO_FLUSH);
    } while (zr == Z_OK && z->zs.avail_out > 0 && z->zs.avail_in > 0);
    size_t got = need - z->zs.avail_out;
    if (zr == Z_STREAM_END) return got == 0 || S_prefix_ok(z, out, got);
    if (zr != Z_OK && zr != Z_BUF_ERROR) return 0;
    if (got == need) return S_prefix_ok(z, out, got);
    if (got && !S_prefix_ok(z, out, got)) return 0;
    /* ran out of input before deciding */
    if (z->in_eof || (i == 0 && z->len == z->cap)) return 0;
    z->keep = z->base + i;
    z->keep_hard = 1;
    int r = S_refill(z);
    *idx = (size_t)(z->keep - z->base);
    if (r < 0) return -1;
    if (r == 0 && !z->in_eof) return 0;
  }
}

/* Scan for the next good member from absolute offset `from`. Returns 1 with
 * pos at it, 0 at end of input (pos = len), -1 on read error. *nonzero is
 * set when a non-zero byte was passed over. */
static int S_scan(pith_gz *z, uint64_t from, int *nonzero) {
  if (from < z->base) from = z->base;
  if (from > z->base + z->len) from = z->base + z->len;
  z->pos = (size_t)(from - z->base);
  for (;;) {
    size_t i = z->pos;
    while (i + 3 <= z->len) {
      unsigned char *p = memchr(z->in + i, 0x1f, z->len - i);
      size_t j = p ? (size_t)(p - z->in) : z->len;
      if (nonzero && !*nonzero) {
        for (size_t t = i; t < j; t++)
          if (z->in[t]) {
            *nonzero = 1;
            break;
          }
      }
      if (!p || j + 3 > z->len) {
        i = j;
        break;
      }
      if (z->in[j + 1] == 0x8b && z->in[j + 2] == 0x08) {
        size_t idx = j;
        int r = S_probe(z, &idx);
        if (r < 0) return -1;
        if (r == 1) {
          z->pos = idx;
          return 1;
        }
        j = idx; /* the buffer may have moved */
      }
      if (nonzero) *nonzero = 1; /* the 0x1f itself */
      i = j + 1;
    }
    /* fewer than 3 unscanned bytes left: keep them, read more */
    z->pos = i < z->len ? i : z->len;
    z->keep = z->base + z->pos;
    z->keep_hard = 1;
    int r = S_refill(z);
    if (r < 0) return -1;
    if (r == 0) {
      if (z->in_eof) {
        if (nonzero)
          for (size_t t = z->pos; t < z->len; t++)
            if (z->in[t]) *nonzero = 1;
        z->pos = z->len;
        return 0;
      }
      /* buffer full of kept bytes cannot happen here (at most 2 kept) */
      z->pos = z->len;
    }
  }
}

static void S_set_io(pith_gz *z) {
  pith_gz_info *I = &z->info;
  I->err = PITH_GZ_E_IO;
  I->err_offset = I->err_member = I->resume_offset = z->base + z->pos;
  I->err_skipped = 0;
  I->resumed = 0;
  snprintf(I->msg, sizeof I->msg, "read error: %s", strerror(z->in_err ? z->in_err : EIO));
  z->state = ST_EOF;
}

/* Damage inside a member: report, then resynchronise (a read error during
 * the resync replaces the report). */
static void S_damage(pith_gz *z, pith_gz_err kind, const char *what) {
  pith_gz_info *I = &z->info;
  I->err = kind;
  I->err_offset = z->base + z->pos;
  I->err_member = I->member_start;
  snprintf(I->msg, sizeof I->msg, "%s", what);
  z->keep_hard = 0;
  int r = S_scan(z, I->member_start + 1, NULL);
  if (r < 0) {
    S_set_io(z);
    return;
  }
  uint64_t at = z->base + z->pos;
  I->resume_offset = at;
  I->resumed = r == 1;
  I->err_skipped = at > I->member_start ? at - I->member_start : 0;
  I->skipped += I->err_skipped;
  I->in_offset = at;
  z->state = r == 1 ? ST_BETWEEN : ST_EOF;
}

size_t pith_gz_read(pith_gz *z, void *buf, size_t n, pith_gz_event *ev) {
  size_t produced = 0;
  unsigned char *out = buf;
  pith_gz_info *I = &z->info;
  for (;;) {
    if (z->state == ST_EOF) {
      *ev = PITH_GZ_EOF;
      return produced;
    }
    if (z->state == ST_BETWEEN) {
      z->keep = z->base + z->pos;
      z->keep_hard = 1;
      while (z->len - z->pos < 3) {
        int r = S_refill(z);
        if (r < 0) {
          S_set_io(z);
          *ev = PITH_GZ_ERROR;
          return produced;
        }
        if (r == 0) break;
      }
      size_t av = z->len - z->pos;
      if (av == 0) {
        z->state = ST_EOF;
        continue;
      }
      const unsigned char *p = z->in + z->pos;
      if (av < 3 && z->in_eof && p[0] == 0x1f && (av == 1 || p[1] == 0x8b)) {
        /* the file ends inside a member's magic */
        I->member_start = z->base + z->pos;
        I->member_out_start = I->out_offset;
        z->pos = z->len;
        S_damage(z, PITH_GZ_E_TRUNCATED, "gzip member truncated (the file ends inside it)");
        *ev = PITH_GZ_ERROR;
        return produced;
      }
      if (av >= 3 && p[0] == 0x1f && p[1] == 0x8b && p[2] == 0x08) {
        I->member_start = z->base + z->pos;
        I->member_out_start = I->out_offset;
        z->keep = I->member_start;
        z->keep_hard = 0;
        inflateReset(&z->zs);
        z->state = ST_MEMBER;
        continue;
      }
      /* bytes that are not a member: skip to the next good one */
      uint64_t g = z->base + z->pos;
      int nonzero = 0;
      int r = S_scan(z, g, &nonzero);
      if (r < 0) {
        S_set_io(z);
        *ev = PITH_GZ_ERROR;
        return produced;
      }
      uint64_t at = z->base + z->pos;
      I->err = nonzero ? PITH_GZ_E_GARBAGE : PITH_GZ_E_PADDING;
      I->err_offset = I->err_member = g;
      I->resume_offset = at;
      I->resumed = r == 1;
      I->err_skipped = at - g;
      I->in_offset = at;
      if (nonzero) {
        I->skipped += at - g;
        snprintf(I->msg, sizeof I->msg, "%llu bytes that are not gzip data%s",
                 (unsigned long long)(at - g), r == 1 ? "" : " at the end of the file");
      } else {
        I->padding += at - g;
        snprintf(I->msg, sizeof I->msg, "%llu zero bytes of padding", (unsigned long long)(at - g));
      }
      z->state = r == 1 ? ST_BETWEEN : ST_EOF;
      *ev = PITH_GZ_ERROR;
      return produced;
    }
    /* ST_MEMBER */
    if (produced == n) {
      *ev = PITH_GZ_DATA;
      return produced;
    }
    if (z->pos == z->len) {
      int r = S_refill(z);
      if (r < 0) {
        S_set_io(z);
        *ev = PITH_GZ_ERROR;
        return produced;
      }
      if (r == 0 && z->pos == z->len) {
        S_damage(z, PITH_GZ_E_TRUNCATED, "gzip member truncated (the file ends inside it)");
        *ev = PITH_GZ_ERROR;
        return produced;
      }
    }
    z->zs.next_in = z->in + z->pos;
    z->zs.avail_in = (uInt)(z->len - z->pos > 0x40000000u ? 0x40000000u : z->len - z->pos);
    size_t room = n - produced;
    if (room > 0x40000000u) room = 0x40000000u;
    z->zs.next_out = out + produced;
    z->zs.avail_out = (uInt)room;
    uInt ain = z->zs.avail_in;
    int zr = S_inflate(z);
    size_t used = ain - z->zs.avail_in;
    size_t got = room - z->zs.avail_out;
    z->pos += used;
    produced += got;
    I->in_offset = z->base + z->pos;
    I->out_offset += got;
    if (zr == Z_STREAM_END) {
      I->members++;
      z->state = ST_BETWEEN;
      *ev = PITH_GZ_MEMBER_END;
      return produced;
    }
    if (zr == Z_OK) continue;
    if (zr == Z_BUF_ERROR) {
      if (z->zs.avail_out == 0) {
        *ev = PITH_GZ_DATA;
        return produced;
      }
      continue; /* needs input: refilled above */
    }
    if (zr == Z_MEM_ERROR) {
      I->err = PITH_GZ_E_NOMEM;
      snprintf(I->msg, sizeof I->msg, "out of memory in inflate");
      I->err_offset = I->err_member = I->resume_offset = z->base + z->pos;
      z->state = ST_EOF;
      *ev = PITH_GZ_ERROR;
      return produced;
    }
    /* Z_DATA_ERROR, Z_NEED_DICT, Z_STREAM_ERROR */
    const char *m = z->zs.msg ? z->zs.msg : "invalid data";
    char what[160];
    pith_gz_err kind = PITH_GZ_E_CORRUPT;
    if (!strcmp(m, "incorrect data check") || !strcmp(m, "incorrect length check")) {
      kind = PITH_GZ_E_CRC;
      snprintf(what, sizeof what, "gzip trailer mismatch (%s)", m);
    } else {
      snprintf(what, sizeof what, "gzip data corrupt (%s)", m);
    }
    S_damage(z, kind, what);
    *ev = PITH_GZ_ERROR;
    return produced;
  }
}
