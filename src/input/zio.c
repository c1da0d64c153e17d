/* zio.c - streaming line I/O through plain, gzip and zstd files. */
#include "input/zio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#ifdef PITH_HAVE_ZSTD
#include <zstd.h>
#endif

#include "input/gz.h"

#define RBUF ((size_t)256 << 10)
#define ZIN ((size_t)128 << 10)
/* a batch ends after this many lines even when small (see batch_max) */
#define BATCH_LINES 10000u
/* a compressed member up to this size is checked before its lines go out */
#define HOLD_MAX ((size_t)8 << 20)

static int S_ends_with(const char *s, const char *suf) {
  size_t n = strlen(s), m = strlen(suf);
  return n >= m && !strcmp(s + n - m, suf);
}

pith_zio_format pith_zio_format_for(const char *path) {
  if (!path) return PITH_ZIO_PLAIN;
  if (S_ends_with(path, ".gz")) return PITH_ZIO_GZIP;
  if (S_ends_with(path, ".zst") || S_ends_with(path, ".zstd")) return PITH_ZIO_ZSTD;
  return PITH_ZIO_PLAIN;
}

static int S_read_full(int fd, unsigned char *p, size_t n, size_t *got) {
  *got = 0;
  while (*got < n) {
    long k = pith_fd_read((void *)(intptr_t)fd, p + *got, n - *got);
    if (k < 0) return -1;
    if (k == 0) break;
    *got += (size_t)k;
  }
  return 0;
}

/* ---- reading ------------------------------------------------------------- */

struct pith_zio_reader {
  int fd, own;
  pith_zio_format fmt;
  pith_gz *gz;
#ifdef PITH_HAVE_ZSTD
  ZSTD_DStream *zd;
  size_t zlast; /* last ZSTD_decompressStream hint: 0 = at a frame end */
#endif
  unsigned char *zin; /* zstd input */
  size_t zin_len, zin_pos;
  int zin_eof;
  unsigned char head[4];
  size_t headlen, headpos;
  unsigned char *buf;         /* plain input; compressed data passed on unheld */
  unsigned char *hold;        /* a compressed member's data, held until checked */
  size_t hold_cap;
  int streaming;              /* the current member is too big to hold */
  int trunc;                  /* the last M_DAMAGE was a truncated member */
  int chunk_unchecked, unchecked; /* the current stretch is unchecked data */
  uint64_t frame_start;       /* compressed offset of the current zstd frame */
  const unsigned char *cur;   /* the current stretch: cur[pos..end) */
  size_t pos, end;
  int damage_at_end; /* cur[..end) stops at damaged input */
  int damaged_pending;
  pith_zio_damage_fn on_damage;
  void *on_damage_ud;
  int eof, failed, nomem;
  pith_buf line;
  size_t max_line;
  uint64_t lineno, damage, bytes_in;
  char err[256];
};

pith_zio_reader *pith_zio_open_read(const char *path, size_t max_line, char *err, size_t errn) {
  int fd = 0;
  int is_stdin = !path || !strcmp(path, "-");
  if (!is_stdin) {
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      if (errn) snprintf(err, errn, "%s: %s", path, strerror(errno));
      return NULL;
    }
  }
  pith_zio_reader *r = pith_malloc(sizeof *r);
  if (!r) goto nomem;
  memset(r, 0, sizeof *r);
  r->fd = fd;
  r->own = !is_stdin;
  r->max_line = max_line ? max_line : (size_t)16 << 20;
  pith_buf_init(&r->line, 0);
  r->buf = pith_malloc(RBUF);
  if (!r->buf) goto nomem;
  if (S_read_full(fd, r->head, 4, &r->headlen)) {
    if (errn) snprintf(err, errn, "%s: %s", path ? path : "-", strerror(errno));
    pith_zio_close_read(r);
    return NULL;
  }
  r->bytes_in = r->headlen;
  const unsigned char *h = r->head;
  if (r->headlen >= 2 && h[0] == 0x1f && h[1] == 0x8b) {
    r->fmt = PITH_ZIO_GZIP;
    r->gz = pith_gz_open(pith_fd_read, (void *)(intptr_t)fd, h, r->headlen, 0);
    if (!r->gz) goto nomem;
  } else if (r->headlen == 4 && h[0] == 0x28 && h[1] == 0xb5 && h[2] == 0x2f && h[3] == 0xfd) {
    r->fmt = PITH_ZIO_ZSTD;
#ifdef PITH_HAVE_ZSTD
    r->zd = ZSTD_createDStream();
    r->zin = pith_malloc(ZIN);
    if (!r->zd || !r->zin) goto nomem;
    ZSTD_DCtx_setParameter(r->zd, ZSTD_d_windowLogMax, 27);
    memcpy(r->zin, h, 4);
    r->zin_len = 4;
#else
    if (errn) snprintf(err, errn, "%s: zstd input is not supported by this build", path);
    pith_zio_close_read(r);
    return NULL;
#endif
  }
  return r;
nomem:
  if (errn) snprintf(err, errn, "%s: out of memory", path ? path : "-");
  if (r)
    pith_zio_close_read(r);
  else if (!is_stdin)
    close(fd);
  errno = ENOMEM; /* callers tell the machine's failure from the file's */
  return NULL;
}

void pith_zio_close_read(pith_zio_reader *r) {
  if (!r) return;
  if (r->gz) pith_gz_close(r->gz);
#ifdef PITH_HAVE_ZSTD
  if (r->zd) ZSTD_freeDStream(r->zd);
#endif
  pith_free(r->zin);
  pith_free(r->hold);
  pith_free(r->buf);
  pith_buf_free(&r->line);
  if (r->own) close(r->fd);
  pith_free(r);
}

uint64_t pith_zio_lineno(const pith_zio_reader *r) { return r->lineno; }
uint64_t pith_zio_damage_count(const pith_zio_reader *r) { return r->damage; }
void pith_zio_on_damage(pith_zio_reader *r, pith_zio_damage_fn fn, void *ud) {
  r->on_damage = fn;
  r->on_damage_ud = ud;
}
const char *pith_zio_reader_error(const pith_zio_reader *r) { return r->err; }
int pith_zio_reader_nomem(const pith_zio_reader *r) { return r->nomem; }
pith_zio_format pith_zio_reader_format(const pith_zio_reader *r) { return r->fmt; }
uint64_t pith_zio_bytes_in(const pith_zio_reader *r) {
  if (r->gz) return pith_gz_get_info(r->gz)->in_offset;
  return r->bytes_in;
}

#ifdef PITH_HAVE_ZSTD
/* After a zstd error: drop input up to the next frame magic. */
static int S_zstd_resync(pith_zio_reader *r) {
  ZSTD_DCtx_reset(r->zd, ZSTD_reset_session_only);
  r->zlast = 0;
  /* search from just after the damaged frame's start when it is still in
   * the buffer (a clipped frame's successor may begin before the point
   * where the damage was noticed), else from the buffer's start */
  uint64_t base = r->bytes_in - r->zin_len; /* offset of zin[0] */
  size_t from = r->frame_start + 1 > base ? (size_t)(r->frame_start + 1 - base) : 0;
  if (from > r->zin_pos + 1) from = r->zin_pos + 1;
  for (;;) {
    for (size_t i = from; i + 4 <= r->zin_len; i++)
      if (r->zin[i] == 0x28 && r->zin[i + 1] == 0xb5 && r->zin[i + 2] == 0x2f &&
          r->zin[i + 3] == 0xfd) {
        r->zin_pos = i;
        return 1;
      }
    /* keep the last 3 bytes, read more */
    size_t keep = r->zin_len >= 3 ? 3 : r->zin_len;
    memmove(r->zin, r->zin + r->zin_len - keep, keep);
    r->zin_len = keep;
    r->zin_pos = 0;
    from = 0;
    if (r->zin_eof) {
      r->zin_pos = r->zin_len;
      return 0;
    }
    long k = pith_fd_read((void *)(intptr_t)r->fd, r->zin + r->zin_len, ZIN - r->zin_len);
    if (k < 0) return -1;
    if (k == 0) r->zin_eof = 1;
    r->zin_len += (size_t)k;
    r->bytes_in += (uint64_t)k;
  }
}
#endif

/* Events of the member source below. */
enum { M_DATA = 0, M_END, M_EOF, M_DAMAGE, M_FAIL };

/* Decompressed bytes of the current gzip member or zstd frame into dst.
 * Returns the count and sets *ev: M_DATA (more of the member follows),
 * M_END (the bytes end a member whose check - CRC32/ISIZE, zstd checksum -
 * passed), M_EOF, M_DAMAGE (r->err says what and where; the bytes returned
 * and all earlier bytes of the member are unchecked; reading goes on at the
 * next member) or M_FAIL (a read error; r->err set; reading stops). */
static long S_member_read(pith_zio_reader *r, unsigned char *dst, size_t n, int *ev) {
  r->trunc = 0;
  if (r->fmt == PITH_ZIO_GZIP) {
    for (;;) {
      pith_gz_event ge;
      size_t k = pith_gz_read(r->gz, dst, n, &ge);
      const pith_gz_info *I = pith_gz_get_info(r->gz);
      if (ge == PITH_GZ_DATA) {
        if (!k) continue;
        *ev = M_DATA;
      } else if (ge == PITH_GZ_MEMBER_END) {
        *ev = M_END;
      } else if (ge == PITH_GZ_EOF) {
        *ev = M_EOF;
      } else if (I->err == PITH_GZ_E_PADDING) { /* zero bytes between members: harmless */
        if (!k) continue;
        *ev = M_DATA;
      } else if (I->err == PITH_GZ_E_IO || I->err == PITH_GZ_E_NOMEM) {
        snprintf(r->err, sizeof r->err, "%s", I->msg);
        *ev = M_FAIL;
      } else {
        if (I->err == PITH_GZ_E_GARBAGE || I->err_member == I->err_offset)
          snprintf(r->err, sizeof r->err, "offset %llu: %s", (unsigned long long)I->err_offset,
                   I->msg);
        else
          snprintf(r->err, sizeof r->err, "offset %llu: %s in the member at offset %llu",
                   (unsigned long long)I->err_offset, I->msg, (unsigned long long)I->err_member);
        r->trunc = I->err == PITH_GZ_E_TRUNCATED;
        *ev = M_DAMAGE;
      }
      return (long)k;
    }
  }
#ifdef PITH_HAVE_ZSTD
  for (;;) {
    if (r->zin_pos == r->zin_len) {
      if (!r->zin_eof) {
        long k = pith_fd_read((void *)(intptr_t)r->fd, r->zin, ZIN);
        if (k < 0) {
          snprintf(r->err, sizeof r->err, "read error: %s", strerror(errno));
          *ev = M_FAIL;
          return 0;
        }
        r->zin_pos = 0;
        r->zin_len = (size_t)k;
        r->bytes_in += (uint64_t)k;
        if (k == 0) r->zin_eof = 1;
      }
      if (r->zin_eof && r->zin_pos == r->zin_len) {
        *ev = M_EOF;
        if (r->zlast != 0) {
          snprintf(r->err, sizeof r->err,
                   "offset %llu: zstd frame truncated (the file ends inside it) in the frame at "
                   "offset %llu",
                   (unsigned long long)r->bytes_in, (unsigned long long)r->frame_start);
          r->zlast = 0;
          r->trunc = 1;
          *ev = M_DAMAGE;
        }
        return 0;
      }
    }
    uint64_t at = r->bytes_in - (r->zin_len - r->zin_pos);
    if (r->zlast == 0) r->frame_start = at; /* a frame starts here */
    ZSTD_inBuffer ib = {r->zin, r->zin_len, r->zin_pos};
    ZSTD_outBuffer ob = {dst, n, 0};
    size_t z = ZSTD_decompressStream(r->zd, &ob, &ib);
    r->zin_pos = ib.pos;
    if (ZSTD_isError(z)) {
      snprintf(r->err, sizeof r->err, "offset %llu: zstd data corrupt (%s) in the frame at offset %llu",
               (unsigned long long)(r->bytes_in - (r->zin_len - r->zin_pos)),
               ZSTD_getErrorName(z), (unsigned long long)r->frame_start);
      *ev = M_DAMAGE;
      if (S_zstd_resync(r) < 0) {
        snprintf(r->err, sizeof r->err, "read error: %s", strerror(errno));
        *ev = M_FAIL;
      }
      return (long)ob.pos;
    }
    r->zlast = z;
    if (z == 0) { /* a frame decoded, its checksum (if any) verified */
      *ev = M_END;
      return (long)ob.pos;
    }
    if (ob.pos) {
      *ev = M_DATA;
      return (long)ob.pos;
    }
  }
#else
  (void)dst;
  (void)n;
  *ev = M_EOF;
  return 0;
#endif
}

static void S_damage(pith_zio_reader *r) {
  r->damage++;
  if (r->on_damage) r->on_damage(r->on_damage_ud, r->err);
}

static size_t S_lines_in(const unsigned char *p, size_t n) {
  size_t k = 0;
  for (const unsigned char *e = p + n; (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++) k++;
  return k;
}

/* The next stretch of decompressed data: *out, the count (0 = the end), or
 * -1 on a read error. *damage is set when the data stops at damaged input
 * (the partial line at its end must be dropped).
 *
 * Compressed input is handed out one checked member at a time: a member's
 * data is held until its trailer (gzip CRC32 and ISIZE, zstd checksum)
 * verifies, so that neither the garbage a corrupt member inflates to nor the
 * lines of a member whose check fails ever pass for good lines; such a
 * member is dropped whole and reported. A member larger than HOLD_MAX (or
 * when memory for holding it runs out) is passed on progressively and a
 * late failure is reported after its lines. The lines of a truncated member
 * (the file ends inside it) are handed out flagged PITH_ZIO_LINE_UNCHECKED:
 * data before a cut is normally good, and the caller decides. */
static long S_produce(pith_zio_reader *r, const unsigned char **out, int *damage) {
  *damage = 0;
  r->chunk_unchecked = 0;
  if (r->fmt == PITH_ZIO_PLAIN) {
    *out = r->buf;
    if (r->headpos < r->headlen) {
      size_t k = r->headlen - r->headpos;
      memcpy(r->buf, r->head + r->headpos, k);
      r->headpos += k;
      return (long)k;
    }
    long k = pith_fd_read((void *)(intptr_t)r->fd, r->buf, RBUF);
    if (k < 0) snprintf(r->err, sizeof r->err, "read error: %s", strerror(errno));
    if (k > 0) r->bytes_in += (uint64_t)k;
    return k;
  }
  int ev;
  if (r->streaming) {
  stream:;
    long k;
    do k = S_member_read(r, r->buf, RBUF, &ev);
    while (k == 0 && ev == M_DATA);
    *out = r->buf;
    if (ev == M_FAIL) return -1;
    if (ev != M_DATA) r->streaming = 0;
    if (ev == M_DAMAGE) {
      size_t l = strlen(r->err);
      snprintf(r->err + l, sizeof r->err - l,
               "; the member was larger than %zu MiB, so its lines before the damage were "
               "passed on before its check",
               HOLD_MAX >> 20);
      *damage = 1;
      S_damage(r);
    }
    return k;
  }
  size_t len = 0;
  for (;;) {
    if (len == r->hold_cap) {
      size_t cap = r->hold_cap ? r->hold_cap * 2 : RBUF;
      unsigned char *p = cap <= HOLD_MAX ? pith_realloc(r->hold, cap) : NULL;
      if (!p) { /* too big to hold: pass it on as it comes */
        r->streaming = 1;
        if (!len) goto stream;
        *out = r->hold;
        return (long)len;
      }
      r->hold = p;
      r->hold_cap = cap;
    }
    long k = S_member_read(r, r->hold + len, r->hold_cap - len, &ev);
    len += (size_t)k;
    *out = r->hold;
    switch (ev) {
    case M_DATA: continue;
    case M_END:
      if (!len) continue; /* an empty member */
      return (long)len;
    case M_EOF: return (long)len;
    case M_FAIL: return -1;
    default: break;
    }
    /* M_DAMAGE */
    *damage = 1;
    size_t lines = S_lines_in(r->hold, len);
    size_t l = strlen(r->err);
    if (r->trunc && lines) {
      r->chunk_unchecked = 1;
      snprintf(r->err + l, sizeof r->err - l, "; the %zu complete line%s before the cut %s unchecked",
               lines, lines == 1 ? "" : "s", lines == 1 ? "is" : "are");
      S_damage(r);
      return (long)len;
    }
    if (len)
      snprintf(r->err + l, sizeof r->err - l, "; the member's %zu line%s%s dropped", lines,
               lines == 1 ? "" : "s",
               r->hold[len - 1] != '\n' ? " (and a partial one) were"
               : lines == 1             ? " was"
                                        : " were");
    S_damage(r);
    return 0;
  }
}

long pith_zio_read(pith_zio_reader *r, void *buf, size_t n) {
  if (r->failed) return -1;
  while (r->pos == r->end) {
    if (r->eof) return 0;
    int damage;
    const unsigned char *p;
    long k = S_produce(r, &p, &damage);
    if (k < 0) {
      r->failed = 1;
      return -1;
    }
    r->cur = p;
    r->pos = 0;
    r->end = (size_t)k;
    if (k == 0 && !damage) r->eof = 1;
  }
  size_t k = r->end - r->pos;
  if (k > n) k = n;
  memcpy(buf, r->cur + r->pos, k);
  r->pos += k;
  return (long)k;
}

static int S_line_add(pith_zio_reader *r, const unsigned char *p, size_t n, int *cut) {
  size_t room = r->max_line - r->line.len;
  if (n > room) {
    n = room;
    *cut = 1;
  }
  if (n && pith_buf_put(&r->line, p, n)) return -1;
  return 0;
}

int pith_zio_getline(pith_zio_reader *r, const char **line, size_t *len, unsigned *flags) {
  *flags = 0;
  *line = "";
  *len = 0;
  if (r->failed) return -1;
  pith_buf_clear(&r->line);
  int cut = 0, partial = 0;
  for (;;) {
    if (r->pos == r->end) {
      if (r->damage_at_end) {
        /* the partial line before damaged data is dropped */
        r->damage_at_end = 0;
        pith_buf_clear(&r->line);
        cut = 0;
        partial = 0;
        r->damaged_pending = 1;
      }
      if (r->eof) goto at_end;
      int damage;
      const unsigned char *p;
      long k = S_produce(r, &p, &damage);
      if (k < 0) {
        r->failed = 1;
        return -1;
      }
      r->cur = p;
      r->pos = 0;
      r->end = (size_t)k;
      r->damage_at_end = damage;
      r->unchecked = r->chunk_unchecked;
      if (k == 0 && !damage) {
        r->eof = 1;
        goto at_end;
      }
      continue;
    }
    const unsigned char *b = r->cur + r->pos;
    size_t av = r->end - r->pos;
    const unsigned char *e = memchr(b, '\n', av);
    if (r->unchecked) *flags |= PITH_ZIO_LINE_UNCHECKED;
    if (e) {
      size_t l = (size_t)(e - b);
      r->pos += l + 1;
      r->lineno++;
      if (r->damaged_pending) {
        *flags |= PITH_ZIO_LINE_DAMAGED;
        r->damaged_pending = 0;
      }
      if (!partial && l <= r->max_line) {
        *line = (const char *)b;
        *len = l;
        return 1;
      }
      if (S_line_add(r, b, l, &cut)) goto nomem;
      if (cut) *flags |= PITH_ZIO_LINE_CUT;
      *line = r->line.p ? r->line.p : "";
      *len = r->line.len;
      return 1;
    }
    if (S_line_add(r, b, av, &cut)) goto nomem;
    partial = 1;
    r->pos = r->end;
  }
at_end:
  if (!partial) return 0;
  r->lineno++;
  *flags |= PITH_ZIO_LINE_NOEOL | (cut ? PITH_ZIO_LINE_CUT : 0);
  if (r->damaged_pending) {
    *flags |= PITH_ZIO_LINE_DAMAGED;
    r->damaged_pending = 0;
  }
  *line = r->line.p ? r->line.p : "";
  *len = r->line.len;
  return 1;
nomem:
  snprintf(r->err, sizeof r->err, "out of memory");
  r->failed = r->nomem = 1;
  return -1;
}

/* ---- writing ------------------------------------------------------------- */

struct pith_zio_writer {
  int fd, own, regular;
  pith_zio_format fmt;
  int level;
  pith_buf batch;
  size_t batch_max;
  uint64_t batch_lines, lines; /* lines in the batch; lines in committed batches */
  unsigned char *zout;
  size_t zcap;
  z_stream zs;
  int zs_ok;
#ifdef PITH_HAVE_ZSTD
  ZSTD_CCtx *zc;
#endif
  uint64_t committed;
  int err;
};

static int S_write_all(pith_zio_writer *w, const void *p, size_t n) {
  const char *c = p;
  while (n) {
    ssize_t k = write(w->fd, c, n);
    if (k < 0) {
      if (errno == EINTR) continue;
      w->err = errno;
      return -1;
    }
    if (k == 0) {
      w->err = EIO;
      return -1;
    }
    c += k;
    n -= (size_t)k;
  }
  return 0;
}

pith_zio_writer *pith_zio_open_write(const char *path, int level, uint64_t keep, char *err,
                                     size_t errn) {
  int to_stdout = !path || !strcmp(path, "-");
  pith_zio_writer *w = pith_malloc(sizeof *w);
  if (!w) {
    if (errn) snprintf(err, errn, "out of memory");
    return NULL;
  }
  memset(w, 0, sizeof *w);
  pith_buf_init(&w->batch, 0);
  w->fmt = to_stdout ? PITH_ZIO_PLAIN : pith_zio_format_for(path);
  w->level = level;
  if (to_stdout) {
    w->fd = 1;
  } else {
    int fl = O_WRONLY | O_CREAT | O_CLOEXEC | (keep == PITH_ZIO_TRUNCATE ? O_TRUNC : 0);
    w->fd = open(path, fl, 0666);
    if (w->fd < 0) {
      if (errn) snprintf(err, errn, "%s: %s", path, strerror(errno));
      pith_free(w);
      return NULL;
    }
    w->own = 1;
  }
  struct stat sb;
  w->regular = fstat(w->fd, &sb) == 0 && S_ISREG(sb.st_mode);
  if (keep != PITH_ZIO_TRUNCATE && w->regular) {
    if (ftruncate(w->fd, (off_t)keep) || lseek(w->fd, (off_t)keep, SEEK_SET) < 0) {
      if (errn) snprintf(err, errn, "%s: %s", path, strerror(errno));
      pith_zio_close_write(w);
      return NULL;
    }
    w->committed = keep;
  } else if (w->regular) {
    off_t at = lseek(w->fd, 0, SEEK_CUR);
    w->committed = at > 0 ? (uint64_t)at : 0;
  }
  /* A batch is what a crash or a full disk can cost: small enough that the
   * file always holds a recent valid prefix, big enough that the member or
   * frame overhead stays negligible. */
  w->batch_max = w->fmt == PITH_ZIO_PLAIN ? ((size_t)256 << 10) : ((size_t)1 << 20);
  if (w->fmt == PITH_ZIO_GZIP) {
    if (deflateInit2(&w->zs, level > 0 && level <= 9 ? level : 6, Z_DEFLATED, 15 + 16, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK)
      goto nomem;
    w->zs_ok = 1;
    w->zcap = (size_t)256 << 10;
    w->zout = pith_malloc(w->zcap);
    if (!w->zout) goto nomem;
  } else if (w->fmt == PITH_ZIO_ZSTD) {
#ifdef PITH_HAVE_ZSTD
    w->zc = ZSTD_createCCtx();
    w->zcap = ZSTD_CStreamOutSize();
    w->zout = pith_malloc(w->zcap);
    if (!w->zc || !w->zout) goto nomem;
    ZSTD_CCtx_setParameter(w->zc, ZSTD_c_compressionLevel, level > 0 ? level : 3);
    ZSTD_CCtx_setParameter(w->zc, ZSTD_c_checksumFlag, 1);
#else
    if (errn) snprintf(err, errn, "%s: zstd output is not supported by this build", path);
    pith_zio_close_write(w);
    return NULL;
#endif
  }
  return w;
nomem:
  if (errn) snprintf(err, errn, "out of memory");
  pith_zio_close_write(w);
  return NULL;
}

/* Write one batch as one unit (one gzip member / zstd frame). */
static int S_emit(pith_zio_writer *w, const char *p, size_t n) {
  if (w->err) return PITH_ERR_IO;
  if (n == 0) return 0;
  uint64_t before = w->committed;
  size_t total = 0;
  int rc = 0;
  if (w->fmt == PITH_ZIO_PLAIN) {
    rc = S_write_all(w, p, n);
    total = n;
  } else if (w->fmt == PITH_ZIO_GZIP) {
    deflateReset(&w->zs);
    w->zs.next_in = (Bytef *)(uintptr_t)p;
    size_t left = n;
    int zr;
    do {
      uInt chunk = (uInt)(left > 0x40000000u ? 0x40000000u : left);
      w->zs.avail_in = chunk;
      int flush = left == chunk ? Z_FINISH : Z_NO_FLUSH;
      do {
        w->zs.next_out = w->zout;
        w->zs.avail_out = (uInt)w->zcap;
        zr = deflate(&w->zs, flush);
        size_t got = w->zcap - w->zs.avail_out;
        if (got && S_write_all(w, w->zout, got)) {
          rc = -1;
          break;
        }
        total += got;
      } while (w->zs.avail_out == 0 || (flush == Z_FINISH && zr != Z_STREAM_END));
      left -= chunk - w->zs.avail_in;
    } while (!rc && left);
  }
#ifdef PITH_HAVE_ZSTD
  else {
    ZSTD_CCtx_reset(w->zc, ZSTD_reset_session_only);
    ZSTD_CCtx_setPledgedSrcSize(w->zc, n);
    ZSTD_inBuffer ib = {p, n, 0};
    size_t z;
    do {
      ZSTD_outBuffer ob = {w->zout, w->zcap, 0};
      z = ZSTD_compressStream2(w->zc, &ob, &ib, ZSTD_e_end);
      if (ZSTD_isError(z)) {
        w->err = EIO;
        rc = -1;
        break;
      }
      if (ob.pos && S_write_all(w, w->zout, ob.pos)) {
        rc = -1;
        break;
      }
      total += ob.pos;
    } while (z != 0);
  }
#endif
  if (rc) {
    /* never leave half a batch in a regular file */
    if (w->regular) {
      if (ftruncate(w->fd, (off_t)before) == 0) lseek(w->fd, (off_t)before, SEEK_SET);
    }
    return PITH_ERR_IO;
  }
  w->committed = before + total;
  return 0;
}

static uint64_t S_count_lines(const char *p, size_t n) {
  uint64_t k = 0;
  for (const char *e = p + n; (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++) k++;
  return k;
}

int pith_zio_flush(pith_zio_writer *w) {
  int rc = S_emit(w, w->batch.p, w->batch.len);
  if (rc == 0) w->lines += w->batch_lines;
  w->batch_lines = 0;
  pith_buf_clear(&w->batch);
  return rc;
}

int pith_zio_write(pith_zio_writer *w, const char *p, size_t n) {
  if (w->err) return PITH_ERR_IO;
  if (n == 0) return 0;
  if (p[n - 1] != '\n') return PITH_ERR_ARG;
  uint64_t k = S_count_lines(p, n);
  if (w->batch.len && (w->batch.len + n > w->batch_max || w->batch_lines + k > BATCH_LINES)) {
    if (pith_zio_flush(w)) return PITH_ERR_IO;
  }
  if (n >= w->batch_max || (!w->batch.len && k >= BATCH_LINES) ||
      pith_buf_put(&w->batch, p, n)) {
    /* too big to batch, or no memory for batching: write it straight away */
    if (w->batch.err) {
      pith_buf_free(&w->batch);
      pith_buf_init(&w->batch, 0);
    }
    int rc = S_emit(w, p, n);
    if (rc == 0) w->lines += k;
    return rc;
  }
  w->batch_lines += k;
  return 0;
}

int pith_zio_close_write(pith_zio_writer *w) {
  if (!w) return 0;
  int rc = w->err ? PITH_ERR_IO : 0;
  if (!rc && w->batch.len) rc = pith_zio_flush(w);
  if (w->zs_ok) deflateEnd(&w->zs);
#ifdef PITH_HAVE_ZSTD
  if (w->zc) ZSTD_freeCCtx(w->zc);
#endif
  pith_free(w->zout);
  pith_buf_free(&w->batch);
  if (w->own && close(w->fd) && !rc) {
    w->err = errno;
    rc = PITH_ERR_IO;
  }
  int e = w->err;
  pith_free(w);
  /* the writer is gone: its errno is the caller's only way to say why */
  if (rc) errno = e ? e : EIO;
  return rc;
}

int pith_zio_writer_errno(const pith_zio_writer *w) { return w->err; }
uint64_t pith_zio_lines(const pith_zio_writer *w) { return w->lines; }
uint64_t pith_zio_committed(const pith_zio_writer *w) { return w->committed; }

/* ---- resume -------------------------------------------------------------- */

typedef struct {
  pith_buf *last;   /* completed line (start) */
  pith_buf cur;     /* the line being read (start) */
  int cur_full;
  uint64_t lines;
  unsigned char lastc;
} S_scanner;

#define LAST_LINE_MAX ((size_t)64 << 10)

static void S_scan_bytes(S_scanner *s, const unsigned char *p, size_t n) {
  while (n) {
    const unsigned char *e = memchr(p, '\n', n);
    size_t l = e ? (size_t)(e - p) : n;
    if (!s->cur_full) {
      size_t room = LAST_LINE_MAX - s->cur.len;
      pith_buf_put(&s->cur, p, l < room ? l : room);
      if (l >= room) s->cur_full = 1;
    }
    if (!e) break;
    s->lines++;
    if (s->last) {
      pith_buf_clear(s->last);
      pith_buf_put(s->last, s->cur.p ? s->cur.p : "", s->cur.len);
    }
    pith_buf_clear(&s->cur);
    s->cur_full = 0;
    p = e + 1;
    n -= l + 1;
  }
  if (p && n == 0) return;
}

int pith_zio_valid_prefix(const char *path, uint64_t *keep, uint64_t *lines, pith_buf *last_line,
                          char *err, size_t errn) {
  *keep = 0;
  *lines = 0;
  if (last_line) pith_buf_clear(last_line);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return 0;
    if (errn) snprintf(err, errn, "%s: %s", path, strerror(errno));
    return -1;
  }
  unsigned char *buf = pith_malloc(RBUF);
  pith_buf good_last;
  pith_buf_init(&good_last, 0);
  S_scanner s;
  memset(&s, 0, sizeof s);
  pith_buf_init(&s.cur, 0);
  s.last = last_line ? last_line : NULL;
  int rc = 0;
  if (!buf) {
    close(fd);
    if (errn) snprintf(err, errn, "out of memory");
    return -1;
  }
  unsigned char head[4];
  size_t hl;
  if (S_read_full(fd, head, 4, &hl)) goto ioerr;
  if (hl >= 2 && head[0] == 0x1f && head[1] == 0x8b) {
    pith_gz *z = pith_gz_open(pith_fd_read, (void *)(intptr_t)fd, head, hl, 0);
    if (!z) goto nomem;
    uint64_t good_lines = 0;
    for (;;) {
      pith_gz_event ev;
      size_t k = pith_gz_read(z, buf, RBUF, &ev);
      S_scan_bytes(&s, buf, k);
      if (k) s.lastc = buf[k - 1];
      const pith_gz_info *I = pith_gz_get_info(z);
      if (ev == PITH_GZ_MEMBER_END && s.lastc == '\n') {
        *keep = I->in_offset;
        good_lines = s.lines;
        if (last_line) {
          pith_buf_clear(&good_last);
          pith_buf_put(&good_last, last_line->p ? last_line->p : "", last_line->len);
        }
      }
      if (ev == PITH_GZ_EOF) break;
      if (ev == PITH_GZ_ERROR && I->err != PITH_GZ_E_PADDING) {
        if (I->err == PITH_GZ_E_IO) {
          pith_gz_close(z);
          goto ioerr;
        }
        break; /* keep what precedes the damage */
      }
    }
    pith_gz_close(z);
    *lines = good_lines;
    if (last_line) {
      pith_buf_clear(last_line);
      pith_buf_put(last_line, good_last.p ? good_last.p : "", good_last.len);
    }
  }
#ifdef PITH_HAVE_ZSTD
  else if (hl == 4 && head[0] == 0x28 && head[1] == 0xb5 && head[2] == 0x2f && head[3] == 0xfd) {
    ZSTD_DStream *zd = ZSTD_createDStream();
    unsigned char *zin = pith_malloc(ZIN);
    if (!zd || !zin) {
      if (zd) ZSTD_freeDStream(zd);
      pith_free(zin);
      goto nomem;
    }
    memcpy(zin, head, 4);
    size_t zl = 4, zp = 0;
    uint64_t consumed = 0, good_lines = 0;
    int eof = 0, bad = 0;
    for (;;) {
      if (zp == zl) {
        if (eof) break;
        long k = pith_fd_read((void *)(intptr_t)fd, zin, ZIN);
        if (k < 0) {
          bad = -1;
          break;
        }
        if (k == 0) {
          eof = 1;
          break;
        }
        zl = (size_t)k;
        zp = 0;
      }
      ZSTD_inBuffer ib = {zin, zl, zp};
      ZSTD_outBuffer ob = {buf, RBUF, 0};
      size_t z = ZSTD_decompressStream(zd, &ob, &ib);
      consumed += ib.pos - zp;
      zp = ib.pos;
      if (ZSTD_isError(z)) break;
      S_scan_bytes(&s, buf, ob.pos);
      if (ob.pos) s.lastc = buf[ob.pos - 1];
      if (z == 0 && s.lastc == '\n') {
        *keep = consumed;
        good_lines = s.lines;
        if (last_line) {
          pith_buf_clear(&good_last);
          pith_buf_put(&good_last, last_line->p ? last_line->p : "", last_line->len);
        }
      }
    }
    ZSTD_freeDStream(zd);
    pith_free(zin);
    if (bad < 0) goto ioerr;
    *lines = good_lines;
    if (last_line) {
      pith_buf_clear(last_line);
      pith_buf_put(last_line, good_last.p ? good_last.p : "", good_last.len);
    }
  }
#endif
  else {
    uint64_t off = hl;
    S_scan_bytes(&s, head, hl);
    for (size_t i = 0; i < hl; i++)
      if (head[i] == '\n') *keep = i + 1;
    for (;;) {
      long k = pith_fd_read((void *)(intptr_t)fd, buf, RBUF);
      if (k < 0) goto ioerr;
      if (k == 0) break;
      S_scan_bytes(&s, buf, (size_t)k);
      unsigned char *e = NULL;
      for (long i = k - 1; i >= 0; i--)
        if (buf[i] == '\n') {
          e = buf + i;
          break;
        }
      if (e) *keep = off + (uint64_t)(e - buf) + 1;
      off += (uint64_t)k;
    }
    *lines = s.lines;
  }
  goto done;
ioerr:
  if (errn) snprintf(err, errn, "%s: %s", path, strerror(errno));
  rc = -1;
  goto done;
nomem:
  if (errn) snprintf(err, errn, "out of memory");
  rc = -1;
done:
  pith_buf_free(&s.cur);
  pith_buf_free(&good_last);
  pith_free(buf);
  close(fd);
  return rc;
}
