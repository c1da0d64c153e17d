/* warc.c - streaming WARC reader: framing, damage reports, resync. */
#include "input/warc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/core.h"

#ifdef PITH_HAVE_ZSTD
#include <zstd.h>
#endif

#define WIN_CAP ((size_t)256 << 10) /* decompressed window */
#define HDR_MAX ((size_t)64 << 10)  /* longest WARC header block */
#define MAX_FIELDS 256              /* header fields kept for lookup */
#define RING 64                     /* recent gzip member starts */
#define MAX_EVENTS 8
#define KEEP_BIG ((size_t)4 << 20) /* buffers above this are freed between records */
#define SHORT_SLACK 32              /* a Content-Length this much short is a warning */

enum { SRC_OK = 0, SRC_BREAK, SRC_EOF };
enum { MODE_UNKNOWN = 0, MODE_PLAIN, MODE_GZIP, MODE_ZSTD };

typedef struct {
  uint64_t u, c; /* a member's data starts at decompressed u, compressed c */
} S_mark;

typedef struct {
  pith_warc_err err;
  uint64_t offset, uoffset, skipped;
  char msg[320];
} S_event;

struct pith_warc_reader {
  pith_warc_options opt;
  pith_read_fn read;
  void *ud;
  int fd, own_fd;
  int mode;
  pith_gz *gz;
#ifdef PITH_HAVE_ZSTD
  /* zstd input (whole-file or a frame per record): decoded as one stream */
  ZSTD_DStream *zd;
  unsigned char *zin;
  size_t zin_cap, zin_len, zin_pos, zlast;
  int zeof;
  uint64_t zin_off; /* compressed bytes consumed */
  uint64_t zframe;  /* compressed offset where the current frame starts */
  int zbroken;      /* the decoder failed: resync before decoding again */
#endif
  /* the window over the decompressed stream */
  unsigned char *w;
  size_t wcap, wpos, wend;
  uint64_t upos;      /* decompressed offset of w[wpos] */
  unsigned char last; /* the byte before w[wpos]; '\n' at a fresh start */
  int src;
  /* gzip damage waiting at the window end (src == SRC_BREAK) */
  pith_gz_err bk_kind;
  uint64_t bk_member, bk_offset, bk_resume, bk_skipped;
  int bk_resumed;
  char bk_msg[192];
  /* member starts seen recently */
  S_mark ring[RING];
  unsigned ring_n, ring_head;
  uint64_t last_member_c;
  int have_member;
  /* the current record */
  pith_buf hdr;
  size_t nf;
  char *fname[MAX_FIELDS];
  char *fval[MAX_FIELDS];
  pith_buf block, b1, b2;
  /* bytes put back that did not fit in the window (a long block that held
   * later records): S_fill serves them before reading the source */
  pith_buf replay;
  size_t replay_pos;
  pith_http_head http;
  int http_ok; /* http describes the current record */
  char http_ct[512];
  char http_msg[200];
  char msg[400];
  /* damage reports waiting to be returned */
  S_event ev[MAX_EVENTS];
  unsigned nev, evhead;
  pith_warc_stats st;
  int done;
  int seen_record;
  /* what the public openers (src/core/api_warc.c) hand over: freed at close */
  void *owned;
  void (*owned_free)(void *);
};

/* ---- names ------------------------------------------------------------ */

static const char *const S_type_names[PITH_WARC_TYPE_COUNT] = {
    "warcinfo", "response", "resource", "request", "metadata",
    "revisit",  "conversion", "continuation", "other"};

const char *pith_warc_type_name(pith_warc_type t) {
  return (unsigned)t < PITH_WARC_TYPE_COUNT ? S_type_names[t] : "other";
}

const char *pith_warc_err_name(pith_warc_err e) {
  static const char *const n[PITH_WARC_E_COUNT] = {
      "none",   "gzip_corrupt", "gzip_crc", "gzip_truncated", "truncated", "length",
      "garbage", "header",      "not_warc", "io",             "nomem"};
  return (unsigned)e < PITH_WARC_E_COUNT ? n[e] : "unknown";
}

const char *pith_warc_warn_name(pith_warc_warn w) {
  static const char *const n[PITH_WARC_W_COUNT] = {"trailer",  "bare_lf", "version",
                                                    "misaligned", "padding", "length"};
  return (unsigned)w < PITH_WARC_W_COUNT ? n[w] : "unknown";
}

void pith_warc_options_init(pith_warc_options *o) {
  memset(o, 0, sizeof *o);
  o->max_block = (size_t)16 << 20;
  o->max_payload = (size_t)16 << 20;
}

/* ---- open / close --------------------------------------------------------- */

pith_warc_reader *pith_warc_open_source(pith_read_fn read, void *ud, const pith_warc_options *o) {
  if (!read) return NULL;
  pith_warc_reader *r = pith_malloc(sizeof *r);
  if (!r) return NULL;
  memset(r, 0, sizeof *r);
  if (o)
    r->opt = *o;
  else
    pith_warc_options_init(&r->opt);
  if (!r->opt.max_block) r->opt.max_block = (size_t)16 << 20;
  if (!r->opt.max_payload) r->opt.max_payload = (size_t)16 << 20;
  r->w = pith_malloc(WIN_CAP);
  if (!r->w) {
    pith_free(r);
    return NULL;
  }
  r->wcap = WIN_CAP;
  r->read = read;
  r->ud = ud;
  r->fd = -1;
  r->last = '\n';
  pith_buf_init(&r->hdr, 0);
  pith_buf_init(&r->block, 0);
  pith_buf_init(&r->b1, 0);
  pith_buf_init(&r->b2, 0);
  pith_buf_init(&r->replay, 0);
  return r;
}

pith_warc_reader *pith_warc_open(const char *path, const pith_warc_options *o, char *err,
                                 size_t errn) {
  int fd;
  int is_stdin = !path || !strcmp(path, "-");
  if (is_stdin) {
    fd = 0;
  } else {
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      if (err && errn) snprintf(err, errn, "%s: %s", path, strerror(errno));
      return NULL;
    }
#ifdef POSIX_FADV_SEQUENTIAL
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  }
  pith_warc_reader *r = pith_warc_open_source(pith_fd_read, (void *)(intptr_t)fd, o);
  if (!r) {
    if (!is_stdin) close(fd);
    if (err && errn) snprintf(err, errn, "%s: out of memory", path ? path : "-");
    return NULL;
  }
  r->fd = fd;
  r->own_fd = !is_stdin; /* fd 0 too, when stdin was closed */
  return r;
}

void pith_warc_close(pith_warc_reader *r) {
  if (!r) return;
  if (r->gz) pith_gz_close(r->gz);
#ifdef PITH_HAVE_ZSTD
  if (r->zd) ZSTD_freeDStream(r->zd);
  pith_free(r->zin);
#endif
  if (r->own_fd) close(r->fd);
  if (r->owned_free) r->owned_free(r->owned);
  pith_free(r->w);
  pith_buf_free(&r->hdr);
  pith_buf_free(&r->block);
  pith_buf_free(&r->b1);
  pith_buf_free(&r->b2);
  pith_buf_free(&r->replay);
  pith_free(r);
}

const pith_warc_stats *pith_warc_get_stats(const pith_warc_reader *r) {
  pith_warc_reader *m = (pith_warc_reader *)r;
  if (m->gz) m->st.inflate_ns = pith_gz_inflate_ns(m->gz);
  return &r->st;
}

const pith_http_head *pith_warc_http(const pith_warc_reader *r) {
  return r->http_ok ? &r->http : NULL;
}

void pith_warc_set_owned(pith_warc_reader *r, void *p, void (*fn)(void *)) {
  r->owned = p;
  r->owned_free = fn;
}

size_t pith_warc_header_count(const pith_warc_reader *r) { return r->nf; }

pith_status pith_warc_header_at(const pith_warc_reader *r, size_t i, const char **name,
                                const char **value) {
  if (i >= r->nf) return PITH_ERR_ARG;
  if (name) *name = r->fname[i];
  if (value) *value = r->fval[i];
  return PITH_OK;
}

const char *pith_warc_header(const pith_warc_reader *r, const char *name) {
  for (size_t i = 0; i < r->nf; i++)
    if (pith_ieq(r->fname[i], strlen(r->fname[i]), name)) return r->fval[i];
  return NULL;
}

/* ---- the window ------------------------------------------------------------ */

static void S_note_member(pith_warc_reader *r, const pith_gz_info *I) {
  if (r->have_member && I->member_start == r->last_member_c) return;
  if (!I->members && I->out_offset == 0 && I->member_start == 0 && r->have_member) return;
  r->have_member = 1;
  r->last_member_c = I->member_start;
  S_mark *m = &r->ring[r->ring_head];
  m->u = I->member_out_start;
  m->c = I->member_start;
  r->ring_head = (r->ring_head + 1) % RING;
  if (r->ring_n < RING) r->ring_n++;
}

/* Compressed offset of the member holding decompressed offset u. */
static uint64_t S_coff(const pith_warc_reader *r, uint64_t u, int *exact) {
  *exact = 1;
  if (r->mode != MODE_GZIP) return u;
  for (unsigned i = 0; i < r->ring_n; i++) {
    const S_mark *m = &r->ring[(r->ring_head + RING - 1 - i) % RING];
    if (m->u <= u) {
      *exact = m->u == u;
      return m->c;
    }
  }
  *exact = 0;
  return r->ring_n ? r->ring[(r->ring_head + RING - r->ring_n) % RING].c : 0;
}

/* The first member start in (lo, hi], or UINT64_MAX. */
static uint64_t S_next_boundary(const pith_warc_reader *r, uint64_t lo, uint64_t hi) {
  uint64_t best = UINT64_MAX;
  for (unsigned i = 0; i < r->ring_n; i++) {
    const S_mark *m = &r->ring[(r->ring_head + RING - 1 - i) % RING];
    if (m->u <= lo) break;
    if (m->u <= hi && m->u < best) best = m->u;
  }
  return best;
}

static void S_sniff(pith_warc_reader *r) {
  unsigned char head[4];
  size_t n = 0;
  /* two bytes tell gzip; zstd needs four (28 b5 2f fd) */
  while (n < 4 && !(n == 2 && !(head[0] == 0x28 && head[1] == 0xb5))) {
    long k = r->read(r->ud, head + n, (n < 2 ? 2 : 4) - n);
    if (k > 0) {
      n += (size_t)k;
      continue;
    }
    if (k < 0) {
      r->src = SRC_BREAK;
      r->bk_kind = PITH_GZ_E_IO;
      r->bk_member = r->bk_offset = r->bk_resume = 0;
      r->bk_skipped = 0;
      r->bk_resumed = 0;
      snprintf(r->bk_msg, sizeof r->bk_msg, "read error: %s", strerror(errno));
      r->mode = MODE_PLAIN;
      return;
    }
    break;
  }
  if (n >= 2 && head[0] == 0x1f && head[1] == 0x8b) {
    r->gz = pith_gz_open(r->read, r->ud, head, n, 0);
    if (!r->gz) {
      r->src = SRC_BREAK;
      r->bk_kind = PITH_GZ_E_NOMEM;
      snprintf(r->bk_msg, sizeof r->bk_msg, "out of memory");
      r->mode = MODE_PLAIN;
      return;
    }
    pith_gz_set_sync_prefix(r->gz, "WARC/", 5);
    pith_gz_set_timing(r->gz, (r->opt.flags & PITH_WARC_O_TIMING) != 0);
    r->mode = MODE_GZIP;
    r->st.gzip = 1;
    return;
  }
#ifdef PITH_HAVE_ZSTD
  if (n == 4 && !memcmp(head, "\x28\xb5\x2f\xfd", 4)) {
    r->zd = ZSTD_createDStream();
    r->zin_cap = ZSTD_DStreamInSize();
    r->zin = pith_malloc(r->zin_cap);
    if (!r->zd || !r->zin) {
      r->src = SRC_BREAK;
      r->bk_kind = PITH_GZ_E_NOMEM;
      snprintf(r->bk_msg, sizeof r->bk_msg, "out of memory");
      r->mode = MODE_PLAIN;
      return;
    }
    ZSTD_initDStream(r->zd);
    memcpy(r->zin, head, 4);
    r->zin_len = 4;
    r->zlast = 1;
    r->mode = MODE_ZSTD;
    r->st.bytes_in = 4;
    return;
  }
#endif
  r->mode = MODE_PLAIN;
  memcpy(r->w + r->wend, head, n);
  r->wend += n;
  r->st.bytes_in += n;
  r->st.bytes_out += n;
  if (n < 2 || (n < 4 && head[0] == 0x28 && head[1] == 0xb5)) r->src = SRC_EOF;
}

#ifdef PITH_HAVE_ZSTD
/* Decode zstd into buf. >0 bytes, 0 the end, -1 damage (bk_* set). */
static long S_zstd_read(pith_warc_reader *r, unsigned char *buf, size_t n) {
  if (r->zbroken) return -1;
  for (;;) {
    if (r->zin_pos == r->zin_len && !r->zeof) {
      r->zin_pos = r->zin_len = 0;
      long k = r->read(r->ud, r->zin, r->zin_cap);
      if (k < 0) {
        r->bk_kind = PITH_GZ_E_IO;
        snprintf(r->bk_msg, sizeof r->bk_msg, "read error: %s", strerror(errno));
        return -1;
      }
      if (k == 0) r->zeof = 1;
      r->zin_len = (size_t)k;
      r->st.bytes_in += (uint64_t)k;
    }
    if (r->zin_pos == r->zin_len && r->zeof) {
      if (r->zlast == 0) return 0;
      r->bk_kind = PITH_GZ_E_TRUNCATED;
      snprintf(r->bk_msg, sizeof r->bk_msg, "zstd frame truncated (the file ends inside it)");
      return -1;
    }
    ZSTD_inBuffer ib = {r->zin, r->zin_len, r->zin_pos};
    ZSTD_outBuffer ob = {buf, n, 0};
    size_t z = ZSTD_decompressStream(r->zd, &ob, &ib);
    r->zin_off += ib.pos - r->zin_pos;
    r->zin_pos = ib.pos;
    if (ZSTD_isError(z)) {
      r->bk_kind = PITH_GZ_E_CORRUPT;
      r->bk_offset = r->zin_off;
      r->zbroken = 1;
      snprintf(r->bk_msg, sizeof r->bk_msg, "zstd data corrupt (%s)", ZSTD_getErrorName(z));
      return ob.pos ? (long)ob.pos : -1;
    }
    if (z == 0) r->zframe = r->zin_off; /* the next frame starts here */
    r->zlast = z;
    if (ob.pos) return (long)ob.pos;
  }
}
#endif

#ifdef PITH_HAVE_ZSTD
/* After a corrupt frame: the next frame magic (28 B5 2F FD) in the
 * compressed input from where the decoder stopped, the decoder reset to
 * start there. A frame-per-record archive loses only the damaged record
 * (and any frame start the decoder had already swallowed with it); a
 * one-frame file has no later frame and ends. */
static int S_zstd_resync(pith_warc_reader *r) {
  static const unsigned char magic[4] = {0x28, 0xB5, 0x2F, 0xFD};
  uint64_t from = r->zin_off;
  /* the decoder may report an error without consuming the frame's input:
   * never find the broken frame's own magic again */
  if (r->zin_off <= r->zframe) {
    size_t step = (size_t)(r->zframe + 1 - r->zin_off), av = r->zin_len - r->zin_pos;
    if (step > av) step = av;
    r->zin_pos += step;
    r->zin_off += step;
  }
  for (;;) {
    size_t av = r->zin_len - r->zin_pos;
    for (size_t i = 0; av >= 4 && i <= av - 4; i++) {
      const unsigned char *q = memchr(r->zin + r->zin_pos + i, magic[0], av - 3 - i);
      if (!q) break;
      i = (size_t)(q - (r->zin + r->zin_pos));
      if (!memcmp(q, magic, 4)) {
        r->zin_pos += i;
        r->zin_off += i;
        r->zframe = r->zin_off;
        r->bk_resume = r->zin_off;
        r->bk_skipped = r->zin_off - from;
        ZSTD_DCtx_reset(r->zd, ZSTD_reset_session_only);
        r->zlast = 1;
        r->zbroken = 0;
        return 1;
      }
    }
    /* keep the last 3 bytes: a magic may straddle two reads */
    size_t keep = av < 3 ? av : 3;
    memmove(r->zin, r->zin + r->zin_len - keep, keep);
    r->zin_off += av - keep;
    r->zin_pos = 0;
    r->zin_len = keep;
    if (r->zeof) break;
    long k = r->read(r->ud, r->zin + keep, r->zin_cap - keep);
    if (k <= 0) {
      r->zeof = 1;
      if (k < 0) break;
      continue;
    }
    r->zin_len += (size_t)k;
    r->st.bytes_in += (uint64_t)k;
  }
  r->zin_off += r->zin_len - r->zin_pos;
  r->zin_pos = r->zin_len;
  r->bk_skipped = r->zin_off - from;
  return 0;
}

#endif

/* Make at least `need` bytes available at w[wpos] unless the stream ends
 * or breaks first. Returns the bytes available. */
static size_t S_fill(pith_warc_reader *r, size_t need) {
  if (need > r->wcap) need = r->wcap;
  for (;;) {
    size_t av = r->wend - r->wpos;
    int replay = r->replay_pos < r->replay.len;
    if (av >= need || (r->src != SRC_OK && !replay)) return av;
    if (r->wend == r->wcap || r->wcap - r->wpos < need) {
      memmove(r->w, r->w + r->wpos, av);
      r->wpos = 0;
      r->wend = av;
    }
    if (r->replay_pos < r->replay.len) {
      size_t k = r->replay.len - r->replay_pos, room = r->wcap - r->wend;
      if (k > room) k = room;
      memcpy(r->w + r->wend, r->replay.p + r->replay_pos, k);
      r->wend += k;
      r->replay_pos += k;
      if (r->replay_pos == r->replay.len) {
        pith_buf_clear(&r->replay);
        r->replay_pos = 0;
        if (r->replay.cap > KEEP_BIG) pith_buf_free(&r->replay);
      }
      continue;
    }
    if (r->mode == MODE_UNKNOWN) {
      S_sniff(r);
      continue;
    }
    if (r->mode == MODE_PLAIN) {
      long k = r->read(r->ud, r->w + r->wend, r->wcap - r->wend);
      if (k > 0) {
        r->wend += (size_t)k;
        r->st.bytes_in += (uint64_t)k;
        r->st.bytes_out += (uint64_t)k;
      } else if (k == 0) {
        r->src = SRC_EOF;
      } else {
        r->src = SRC_BREAK;
        r->bk_kind = PITH_GZ_E_IO;
        r->bk_member = r->bk_offset = r->bk_resume = r->upos + av;
        r->bk_skipped = 0;
        r->bk_resumed = 0;
        snprintf(r->bk_msg, sizeof r->bk_msg, "read error: %s", strerror(errno));
      }
      continue;
    }
#ifdef PITH_HAVE_ZSTD
    if (r->mode == MODE_ZSTD) {
      long k = S_zstd_read(r, r->w + r->wend, r->wcap - r->wend);
      if (k > 0) {
        r->wend += (size_t)k;
        r->st.bytes_out += (uint64_t)k;
      } else if (k == 0) {
        r->src = SRC_EOF;
      } else {
        r->src = SRC_BREAK;
        r->bk_member = r->zframe;
        if (!r->zbroken) r->bk_offset = r->zin_off; /* read error, truncation */
        r->bk_resume = r->zin_off;
        r->bk_skipped = 0;
        r->bk_resumed = r->zbroken && S_zstd_resync(r);
      }
      continue;
    }
#endif
    pith_gz_event ev;
    size_t k = pith_gz_read(r->gz, r->w + r->wend, r->wcap - r->wend, &ev);
    const pith_gz_info *I = pith_gz_get_info(r->gz);
    S_note_member(r, I);
    r->wend += k;
    r->st.bytes_in = I->in_offset;
    r->st.bytes_out = I->out_offset;
    r->st.members = I->members;
    if (ev == PITH_GZ_EOF) {
      r->src = SRC_EOF;
    } else if (ev == PITH_GZ_ERROR) {
      if (I->err == PITH_GZ_E_PADDING) {
        r->st.warnings[PITH_WARC_W_PADDING]++;
        if (!I->resumed) r->src = SRC_EOF;
        continue;
      }
      r->src = SRC_BREAK;
      r->bk_kind = I->err;
      r->bk_member = I->err_member;
      r->bk_offset = I->err_offset;
      r->bk_resume = I->resume_offset;
      r->bk_skipped = I->err_skipped;
      r->bk_resumed = I->resumed;
      snprintf(r->bk_msg, sizeof r->bk_msg, "%s", I->msg);
    }
  }
}

static void S_consume(pith_warc_reader *r, size_t n) {
  if (!n) return;
  r->wpos += n;
  r->upos += n;
  r->last = r->w[r->wpos - 1];
}

/* Put bytes back in front of the window (a record found inside a block). */
static int S_unread(pith_warc_reader *r, const char *a, size_t an, const char *b, size_t bn,
                    uint64_t u) {
  size_t av = r->wend - r->wpos, n = an + bn;
  if (n + av > r->wcap) {
    /* too much for the window: the bytes, then what the window still
     * holds, then any older replay, go to the replay buffer (bounded by
     * max_block plus the window) */
    pith_buf nb;
    pith_buf_init(&nb, 0);
    if (pith_buf_put(&nb, a, an) || pith_buf_put(&nb, b, bn) ||
        pith_buf_put(&nb, r->w + r->wpos, av) ||
        (r->replay.len > r->replay_pos &&
         pith_buf_put(&nb, r->replay.p + r->replay_pos, r->replay.len - r->replay_pos))) {
      pith_buf_free(&nb);
      return -1;
    }
    pith_buf_free(&r->replay);
    r->replay = nb;
    r->replay_pos = 0;
    r->wpos = r->wend = 0;
    r->upos = u;
    r->last = '\n';
    return 0;
  }
  if (r->wpos < n) {
    memmove(r->w + n, r->w + r->wpos, av);
    r->wpos = n;
    r->wend = n + av;
  }
  r->wpos -= n;
  if (an) memcpy(r->w + r->wpos, a, an);
  if (bn) memcpy(r->w + r->wpos + an, b, bn);
  r->upos = u;
  r->last = '\n';
  return 0;
}

static int S_version_at(const unsigned char *p, size_t n) {
  return n >= 8 && memcmp(p, "WARC/", 5) == 0 && p[5] >= '0' && p[5] <= '9' && p[6] == '.' &&
         p[7] >= '0' && p[7] <= '9';
}

/* Fewer than 8 bytes that could begin a version line. */
static int S_version_prefix(const unsigned char *p, size_t n) {
  static const char pat[] = "WARC/0.0";
  if (n == 0 || n >= 8) return 0;
  for (size_t i = 0; i < n; i++) {
    if (pat[i] == '0') {
      if (p[i] < '0' || p[i] > '9') return 0;
    } else if (p[i] != (unsigned char)pat[i]) {
      return 0;
    }
  }
  return 1;
}

/* Skip to the next line that starts a record ("WARC/<d>.<d>"); the byte
 * at wpos is known not to start one. Returns 1 when found (wpos at it),
 * 0 when the stream ended or broke first. *skipped counts the bytes. */
static int S_skip_garbage(pith_warc_reader *r, uint64_t *skipped) {
  *skipped = 0;
  int first = 1;
  for (;;) {
    size_t av = S_fill(r, 9); /* a version and the byte after it */
    if (av == 0) return 0;
    if (av < 9) {
      S_consume(r, av);
      *skipped += av;
      continue;
    }
    const unsigned char *p = r->w + r->wpos;
    size_t i = first ? 1 : 0;
    first = 0;
    size_t found = SIZE_MAX;
    while (i + 9 <= av) {
      const unsigned char *q = memchr(p + i, 'W', av - 8 - i);
      if (!q) {
        i = av - 8;
        break;
      }
      size_t j = (size_t)(q - p);
      unsigned char prev = j ? p[j - 1] : r->last;
      /* a record start after garbage on the same line (one stray byte in
       * front of "WARC/1.0") counts when the version line ends right there */
      int whole = av - j >= 9 && (q[8] == '\r' || q[8] == '\n');
      if ((prev == '\n' || whole) && S_version_at(q, av - j)) {
        found = j;
        break;
      }
      i = j + 1;
    }
    if (found != SIZE_MAX) {
      S_consume(r, found);
      *skipped += found;
      return 1;
    }
    S_consume(r, i);
    *skipped += i;
  }
}

/* ---- damage reports --------------------------------------------------------- */

static pith_warc_err S_map_gz(pith_gz_err e) {
  switch (e) {
  case PITH_GZ_E_CORRUPT: return PITH_WARC_E_GZIP_CORRUPT;
  case PITH_GZ_E_CRC: return PITH_WARC_E_GZIP_CRC;
  case PITH_GZ_E_TRUNCATED: return PITH_WARC_E_GZIP_TRUNCATED;
  case PITH_GZ_E_GARBAGE: return PITH_WARC_E_GARBAGE;
  case PITH_GZ_E_IO: return PITH_WARC_E_IO;
  case PITH_GZ_E_NOMEM: return PITH_WARC_E_NOMEM;
  default: return PITH_WARC_E_GARBAGE;
  }
}

static void S_push_event(pith_warc_reader *r, pith_warc_err err, uint64_t off, uint64_t uoff,
                         uint64_t skipped, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
static void S_push_event(pith_warc_reader *r, pith_warc_err err, uint64_t off, uint64_t uoff,
                         uint64_t skipped, const char *fmt, ...) {
  r->st.errors[err]++;
  r->st.bytes_resynced += skipped;
  if (r->nev == MAX_EVENTS) return; /* cannot happen: one per step */
  S_event *e = &r->ev[(r->evhead + r->nev) % MAX_EVENTS];
  r->nev++;
  e->err = err;
  e->offset = off;
  e->uoffset = uoff;
  e->skipped = skipped;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(e->msg, sizeof e->msg, fmt, ap);
  va_end(ap);
}

/* Describe the pending gzip damage into buf; reset the break. */
static pith_warc_err S_take_break(pith_warc_reader *r, char *buf, size_t bn, uint64_t *off,
                                  uint64_t *skipped) {
  pith_warc_err e = S_map_gz(r->bk_kind);
  *off = r->bk_member;
  *skipped = r->bk_skipped;
  if (e == PITH_WARC_E_IO || e == PITH_WARC_E_NOMEM) {
    snprintf(buf, bn, "offset %llu: %s; nothing more was read", (unsigned long long)r->bk_offset,
             r->bk_msg);
    r->src = SRC_EOF;
  } else if (r->mode == MODE_ZSTD && !r->bk_resumed) {
    snprintf(buf, bn, "compressed offset %llu: %s in the zstd frame starting at offset %llu; "
             "no good frame follows (%llu bytes skipped to the end)",
             (unsigned long long)r->bk_offset, r->bk_msg, (unsigned long long)r->bk_member,
             (unsigned long long)r->bk_skipped);
    r->src = SRC_EOF;
  } else if (r->mode == MODE_ZSTD) {
    snprintf(buf, bn, "compressed offset %llu: %s in the zstd frame starting at offset %llu; "
             "resynchronised at offset %llu (%llu bytes skipped)",
             (unsigned long long)r->bk_offset, r->bk_msg, (unsigned long long)r->bk_member,
             (unsigned long long)r->bk_resume, (unsigned long long)r->bk_skipped);
    r->src = SRC_OK;
  } else if (e == PITH_WARC_E_GARBAGE) {
    snprintf(buf, bn, "offset %llu: %s%s", (unsigned long long)r->bk_member, r->bk_msg,
             r->bk_resumed ? "; resynchronised at the next gzip member" : "");
    r->src = r->bk_resumed ? SRC_OK : SRC_EOF;
  } else {
    if (r->bk_resumed)
      snprintf(buf, bn,
               "offset %llu: %s in the gzip member starting at offset %llu; resynchronised at "
               "offset %llu (%llu bytes skipped)",
               (unsigned long long)r->bk_offset, r->bk_msg, (unsigned long long)r->bk_member,
               (unsigned long long)r->bk_resume, (unsigned long long)r->bk_skipped);
    else
      snprintf(buf, bn,
               "offset %llu: %s in the gzip member starting at offset %llu; no good member "
               "follows (%llu bytes skipped to the end)",
               (unsigned long long)r->bk_offset, r->bk_msg, (unsigned long long)r->bk_member,
               (unsigned long long)r->bk_skipped);
    r->src = r->bk_resumed ? SRC_OK : SRC_EOF;
  }
  r->last = '\n';
  return e;
}

static void S_break_event(pith_warc_reader *r) {
  char buf[320];
  uint64_t off, skipped;
  pith_warc_err e = S_take_break(r, buf, sizeof buf, &off, &skipped);
  S_push_event(r, e, off, r->upos, skipped, "%s", buf);
}

/* ---- header ------------------------------------------------------------------- */

static char *S_trim_inplace(char *s) {
  while (*s == ' ' || *s == '\t') s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) s[--n] = '\0';
  return s;
}

/* Copy the header block and split it into fields. */
static int S_parse_header(pith_warc_reader *r, const unsigned char *p, size_t n,
                          const char **version) {
  pith_buf_clear(&r->hdr);
  r->nf = 0;
  if (pith_buf_put(&r->hdr, p, n) || pith_buf_nul(&r->hdr)) return -1;
  char *s = r->hdr.p;
  char *e = memchr(s, '\n', n);
  size_t l = e ? (size_t)(e - s) : n;
  while (l && s[l - 1] == '\r') l--;
  s[l] = '\0';
  *version = s;
  size_t pos = e ? (size_t)(e - s) + 1 : n;
  char *prev_nul = NULL;
  while (pos < n) {
    char *ls = s + pos;
    char *le = memchr(ls, '\n', n - pos);
    size_t ll = le ? (size_t)(le - ls) : n - pos;
    size_t next = le ? pos + ll + 1 : n;
    char *lend = ls + ll;
    while (lend > ls && lend[-1] == '\r') lend--;
    if (lend == ls) break; /* the blank line */
    *lend = '\0';
    if ((*ls == ' ' || *ls == '\t') && prev_nul) {
      /* a continuation line: join it to the previous value */
      for (char *q = prev_nul; q < ls; q++) *q = ' ';
      prev_nul = lend;
      pos = next;
      continue;
    }
    char *colon = strchr(ls, ':');
    prev_nul = NULL;
    if (colon && r->nf < MAX_FIELDS) {
      *colon = '\0';
      char *name = S_trim_inplace(ls);
      char *val = S_trim_inplace(colon + 1);
      if (*name) {
        r->fname[r->nf] = name;
        r->fval[r->nf] = val;
        r->nf++;
        prev_nul = val + strlen(val);
      }
    }
    pos = next;
  }
  /* trailing blanks left by joined continuation lines */
  for (size_t i = 0; i < r->nf; i++) r->fval[i] = S_trim_inplace(r->fval[i]);
  return 0;
}

static int S_parse_len(const char *v, uint64_t *out) {
  if (!v) return -1;
  while (*v == ' ' || *v == '\t') v++;
  if (*v < '0' || *v > '9') return -1;
  uint64_t x = 0;
  for (; *v >= '0' && *v <= '9'; v++) {
    if (x > ((uint64_t)1 << 56)) return -1;
    x = x * 10 + (uint64_t)(*v - '0');
  }
  while (*v == ' ' || *v == '\t') v++;
  if (*v) return -1;
  *out = x;
  return 0;
}

static pith_warc_type S_type(const char *t) {
  if (!t) return PITH_WARC_OTHER;
  for (int i = 0; i < PITH_WARC_OTHER; i++)
    if (pith_ieq(t, strlen(t), S_type_names[i])) return (pith_warc_type)i;
  return PITH_WARC_OTHER;
}

static void S_fill_fields(pith_warc_reader *r, pith_warc_record *rec) {
  rec->type_name = pith_warc_header(r, "WARC-Type");
  rec->type = S_type(rec->type_name);
  rec->record_id = pith_warc_header(r, "WARC-Record-ID");
  rec->date = pith_warc_header(r, "WARC-Date");
  rec->content_type = pith_warc_header(r, "Content-Type");
  rec->truncated = pith_warc_header(r, "WARC-Truncated");
  const char *u = pith_warc_header(r, "WARC-Target-URI");
  if (u) {
    /* wget 1.14-1.20 wrote "<http://...>" */
    char *m = (char *)u;
    size_t n = strlen(m);
    if (n >= 2 && m[0] == '<' && m[n - 1] == '>') {
      m[n - 1] = '\0';
      m = S_trim_inplace(m + 1);
    }
    for (size_t i = 0; i < r->nf; i++)
      if (r->fval[i] == u) r->fval[i] = m;
    u = m;
  }
  rec->target_uri = u;
}

static void S_set_err(pith_warc_reader *r, pith_warc_record *rec, pith_warc_err e,
                      uint64_t off, uint64_t skipped, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
static void S_set_err(pith_warc_reader *r, pith_warc_record *rec, pith_warc_err e,
                      uint64_t off, uint64_t skipped, const char *fmt, ...) {
  rec->err = e;
  rec->err_offset = off;
  rec->skipped = skipped;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(r->msg, sizeof r->msg, fmt, ap);
  va_end(ap);
  rec->message = r->msg;
}

/* ---- HTTP --------------------------------------------------------------------- */

static void S_http(pith_warc_reader *r, pith_warc_record *rec) {
  rec->payload = rec->block;
  rec->payload_len = rec->block_len;
  if (r->opt.flags & PITH_WARC_O_NO_HTTP) return;
  if (rec->type != PITH_WARC_RESPONSE && rec->type != PITH_WARC_REQUEST &&
      rec->type != PITH_WARC_REVISIT)
    return;
  const char *ct = rec->content_type;
  int httpish = (ct && pith_istarts(ct, strlen(ct), "application/http")) ||
                pith_istarts(rec->block, rec->block_len, "http/");
  if (!httpish || rec->block_len == 0) return;
  pith_status st = pith_http_parse_head(rec->block, rec->block_len, &r->http);
  if (st == PITH_ERR_FORMAT) return;
  r->http_ok = 1;
  rec->flags |= PITH_WARC_F_HTTP;
  rec->http_status = r->http.status;
  if (r->http.content_type.ptr) {
    size_t n = r->http.content_type.len;
    if (n >= sizeof r->http_ct) n = sizeof r->http_ct - 1;
    memcpy(r->http_ct, r->http.content_type.ptr, n);
    r->http_ct[n] = '\0';
    rec->http_content_type = r->http_ct;
  }
  if (st != PITH_OK) {
    rec->payload = rec->block + rec->block_len;
    rec->payload_len = 0;
    rec->flags |= PITH_WARC_F_BODY_INCOMPLETE;
    return;
  }
  const char *body = rec->block + r->http.head_len;
  size_t bn = rec->block_len - r->http.head_len;
  rec->payload = body;
  rec->payload_len = bn;
  if (rec->type != PITH_WARC_RESPONSE && !(r->opt.flags & PITH_WARC_O_DECODE_ALL)) return;
  const char *out;
  size_t outn;
  unsigned hf = 0;
  pith_status ds = pith_http_decode_body(&r->http, body, bn, r->opt.max_payload, &r->b1, &r->b2,
                                         &out, &outn, &hf, r->http_msg, sizeof r->http_msg);
  rec->http_flags = hf;
  if (hf & PITH_HTTP_INCOMPLETE) rec->flags |= PITH_WARC_F_BODY_INCOMPLETE;
  if (ds == PITH_ERR_NOMEM) {
    /* not the record's fault, but never a quietly different payload */
    snprintf(r->http_msg, sizeof r->http_msg, "out of memory");
    rec->flags |= PITH_WARC_F_HTTP_BAD;
    rec->http_msg = r->http_msg;
    if (!rec->err)
      S_set_err(r, rec, PITH_WARC_E_NOMEM, rec->offset, 0,
                "offset %llu: out of memory while decoding the HTTP body",
                (unsigned long long)rec->offset);
    return;
  }
  if (ds == PITH_ERR_FORMAT) {
    rec->flags |= PITH_WARC_F_HTTP_BAD;
    rec->http_msg = r->http_msg;
    return;
  }
  if (ds == PITH_ERR_LIMIT) rec->flags |= PITH_WARC_F_BODY_CAPPED;
  rec->payload = out;
  rec->payload_len = outn;
}

/* ---- records ------------------------------------------------------------------ */

/* Where in a block a record header starts at a line start, or SIZE_MAX.
 * A version line the block's end cuts off ("...\r\n\r\nWARC/1" when the
 * length is a few bytes too long) is completed from `after`, the bytes
 * that follow the block. *cut gets the end of the real block (before the
 * line break(s) in front of the record). */
static size_t S_find_embedded(const char *p, size_t n, const unsigned char *after, size_t an,
                              size_t *cut) {
  size_t i = 0;
  while (i < n) {
    const char *q = memchr(p + i, 'W', n - i);
    if (!q) return SIZE_MAX;
    size_t j = (size_t)(q - p);
    int ls = j == 0 || p[j - 1] == '\n';
    int ok = 0;
    if (ls) {
      if (n - j >= 8) {
        ok = S_version_at((const unsigned char *)q, n - j);
      } else {
        unsigned char t[8];
        size_t k = n - j, m = an < 8 - k ? an : 8 - k;
        memcpy(t, q, k);
        if (m) memcpy(t + k, after, m);
        ok = S_version_at(t, k + m);
      }
    }
    if (ok) {
      size_t c = j;
      for (int k = 0; k < 4 && c > 0 && (p[c - 1] == '\r' || p[c - 1] == '\n'); k++) c--;
      *cut = c;
      return j;
    }
    i = j + 1;
  }
  return SIZE_MAX;
}

/* A record header at p: a version line, then a header block (ended by a
 * blank line within n bytes) with a Content-Length field. Used where a
 * line that starts with "WARC/" may be payload, not a record. */
static int S_header_plausible(const unsigned char *p, size_t n) {
  if (!S_version_at(p, n)) return 0;
  int cl = 0;
  for (size_t i = 8; i < n; i++) {
    if (p[i] != '\n') continue;
    const unsigned char *l = p + i + 1;
    size_t ln = n - i - 1;
    if (ln >= 1 && l[0] == '\n') return cl;
    if (ln >= 2 && l[0] == '\r' && l[1] == '\n') return cl;
    if (ln >= 15 && !strncasecmp((const char *)l, "Content-Length:", 15)) cl = 1;
  }
  return 0;
}

/* Is the next record (or the end of the file) where a capped block's
 * Content-Length says? Only a plain file opened by path can be looked at
 * there without reading the span: 1 yes, 0 no, -1 cannot tell. */
static int S_end_checks_out(const pith_warc_reader *r, uint64_t uend) {
  if (r->mode != MODE_PLAIN || !r->own_fd || r->fd < 0) return -1;
  unsigned char b[16];
  ssize_t k = pread(r->fd, b, sizeof b, (off_t)uend);
  if (k < 0) return -1;
  if (k == 0) { /* at or past the end of the file */
    struct stat sb;
    return fstat(r->fd, &sb) == 0 && S_ISREG(sb.st_mode) && (uint64_t)sb.st_size == uend;
  }
  size_t i = 0;
  while (i < (size_t)k && i < 4 && (b[i] == '\r' || b[i] == '\n')) i++;
  if ((size_t)k == i) return 1; /* the file ends there, after the trailer */
  return S_version_at(b + i, (size_t)k - i);
}

/* The first line-start 'W' in the next n window bytes, or SIZE_MAX. */
static size_t S_line_start_w(const pith_warc_reader *r, size_t n) {
  const unsigned char *p = r->w + r->wpos;
  for (size_t i = 0; i < n;) {
    const unsigned char *q = memchr(p + i, 'W', n - i);
    if (!q) return SIZE_MAX;
    size_t j = (size_t)(q - p);
    if ((j == 0 ? r->last : p[j - 1]) == '\n') return j;
    i = j + 1;
  }
  return SIZE_MAX;
}

static void S_keep(pith_warc_reader *r, pith_warc_record *rec, const unsigned char *p, size_t n) {
  size_t room = r->opt.max_block - r->block.len;
  if (n > room) {
    rec->flags |= PITH_WARC_F_CAPPED;
    n = room;
  }
  if (n && pith_buf_put(&r->block, p, n)) {
    rec->flags |= PITH_WARC_F_CAPPED; /* out of memory: reported below */
  }
}

static void S_finish(pith_warc_reader *r, pith_warc_record *rec) {
  if (!rec->block) {
    rec->block = r->block.p ? r->block.p : "";
    rec->block_len = r->block.len;
  }
  if (r->block.err == PITH_ERR_NOMEM && !rec->err)
    S_set_err(r, rec, PITH_WARC_E_NOMEM, rec->offset, 0,
              "offset %llu: out of memory while reading the record",
              (unsigned long long)rec->offset);
  if (r->block.p) r->block.p[r->block.len] = '\0';
  S_http(r, rec);
  r->st.records++;
  r->st.by_type[rec->type]++;
  if (rec->truncated) r->st.warc_truncated++;
  if (rec->err) {
    r->st.damaged++;
    r->st.errors[rec->err]++;
    r->st.bytes_resynced += rec->skipped;
  }
}

static int S_record(pith_warc_reader *r, pith_warc_record *rec) {
  char bkmsg[320];
  uint64_t u0 = r->upos;
  int exact;
  uint64_t c0 = S_coff(r, u0, &exact);
  rec->offset = c0;
  rec->uoffset = u0;
  rec->type = PITH_WARC_OTHER;
  int aligned = exact;
  if (!exact) {
    rec->flags |= PITH_WARC_F_MISALIGNED;
    r->st.warnings[PITH_WARC_W_MISALIGNED]++;
  }
  r->seen_record = 1;
  /* free buffers a huge record left behind */
  if (r->block.cap > KEEP_BIG) pith_buf_free(&r->block);
  if (r->b1.cap > KEEP_BIG) pith_buf_free(&r->b1);
  if (r->b2.cap > KEEP_BIG) pith_buf_free(&r->b2);
  pith_buf_clear(&r->block);

  /* 1. the header block, up to its blank line */
  size_t pos = 0, hlen = 0;
  int hstate, bare_lf = 0;
  for (;;) {
    size_t av = r->wend - r->wpos;
    unsigned char *b = r->w + r->wpos;
    if (pos > 0 && av - pos < 8 && r->src == SRC_OK && S_fill(r, pos + 8) != av) continue;
    if (pos > 0 && S_version_at(b + pos, av - pos)) {
      /* the next record starts before this header ended (no blank line) */
      hstate = -2;
      hlen = pos;
      break;
    }
    unsigned char *e = pos < av ? memchr(b + pos, '\n', av - pos) : NULL;
    if (!e) {
      if (av >= HDR_MAX) {
        hstate = -1;
        break;
      }
      if (S_fill(r, av + 1) == av) {
        hstate = 0;
        break;
      }
      continue;
    }
    size_t le = (size_t)(e - b);
    size_t ll = le - pos;
    if (!(ll && b[le - 1] == '\r')) bare_lf = 1;
    while (ll && b[pos + ll - 1] == '\r') ll--;
    pos = le + 1;
    if (ll == 0) {
      hstate = 1;
      hlen = pos;
      break;
    }
    if (pos > HDR_MAX) {
      hstate = -1;
      break;
    }
  }
  size_t av = r->wend - r->wpos;
  const char *version = "";
  if (S_parse_header(r, r->w + r->wpos,
                     hstate == 1 || hstate == -2 ? hlen : av < HDR_MAX ? av : HDR_MAX,
                     &version)) {
    S_set_err(r, rec, PITH_WARC_E_NOMEM, c0, 0, "offset %llu: out of memory",
              (unsigned long long)c0);
    S_consume(r, 1);
    S_finish(r, rec);
    return PITH_WARC_RECORD;
  }
  rec->version = version;
  S_fill_fields(r, rec);
  if (hstate == -2) {
    S_consume(r, hlen);
    S_set_err(r, rec, PITH_WARC_E_HEADER, c0, hlen,
              "offset %llu: record header without a blank line: the next record starts after "
              "%zu bytes",
              (unsigned long long)c0, hlen);
    S_finish(r, rec);
    return PITH_WARC_RECORD;
  }
  if (hstate == -1) {
    S_consume(r, 1);
    uint64_t skipped;
    S_skip_garbage(r, &skipped);
    S_set_err(r, rec, PITH_WARC_E_HEADER, c0, skipped + 1,
              "offset %llu: record header longer than %zu bytes; %llu bytes skipped to the next "
              "record",
              (unsigned long long)c0, HDR_MAX, (unsigned long long)skipped + 1);
    S_finish(r, rec);
    return PITH_WARC_RECORD;
  }
  if (hstate == 0) {
    S_consume(r, av);
    if (r->src == SRC_BREAK) {
      uint64_t off, skipped;
      pith_warc_err e = S_take_break(r, bkmsg, sizeof bkmsg, &off, &skipped);
      S_set_err(r, rec, e, off, skipped, "%s (inside the header of the record at offset %llu)",
                bkmsg, (unsigned long long)c0);
    } else {
      S_set_err(r, rec, PITH_WARC_E_TRUNCATED, c0, 0,
                "offset %llu: the file ends inside the record header", (unsigned long long)c0);
    }
    S_finish(r, rec);
    return PITH_WARC_RECORD;
  }
  S_consume(r, hlen);
  if (bare_lf) r->st.warnings[PITH_WARC_W_BARE_LF]++;
  if (strcmp(version, "WARC/1.0") != 0 && strcmp(version, "WARC/1.1") != 0)
    r->st.warnings[PITH_WARC_W_VERSION]++;

  /* 2. Content-Length */
  const char *cls = pith_warc_header(r, "Content-Length");
  uint64_t cl;
  if (S_parse_len(cls, &cl)) {
    uint64_t skipped;
    S_skip_garbage(r, &skipped);
    S_set_err(r, rec, PITH_WARC_E_HEADER, c0, skipped,
              "offset %llu: %s Content-Length%s%.40s%s; %llu bytes skipped to the next record",
              (unsigned long long)c0, cls ? "invalid" : "no", cls ? " '" : "", cls ? cls : "",
              cls ? "'" : "", (unsigned long long)skipped);
    S_finish(r, rec);
    return PITH_WARC_RECORD;
  }
  rec->content_length = cl;

  /* 3. the block */
  uint64_t left = cl, ublock = r->upos, uend = r->upos + cl;
  /* 1 eof, 2 break, 3 a record starts at a member start inside the block,
   * 4 a record header inside the span of a capped block */
  int stop = 0;
  /* Past max_block the block is not kept, so a lying Content-Length can no
   * longer be found out afterwards: the rest of the span is scanned for a
   * record header as it goes by, unless the declared end can be seen to
   * hold (a plain file) or member starts mark the records (gzip). */
  int scan = 0;
  size_t got_k = 0;
  while (left > 0) {
    size_t a = S_fill(r, 1);
    if (a == 0) {
      stop = r->src == SRC_BREAK ? 2 : 1;
      break;
    }
    size_t chunk = a < left ? a : (size_t)left;
    if (!(rec->flags & PITH_WARC_F_CAPPED) && r->block.len + chunk > r->opt.max_block) {
      if (r->block.len < r->opt.max_block) {
        chunk = r->opt.max_block - r->block.len; /* fill up; capped on the next turn */
      } else {
        rec->flags |= PITH_WARC_F_CAPPED;
        scan = !(r->mode == MODE_GZIP && aligned) && S_end_checks_out(r, uend) != 1;
        /* a record inside the kept part: read again from there */
        size_t cut, k = scan ? S_find_embedded(r->block.p, r->block.len, NULL, 0, &cut) : SIZE_MAX;
        if (k != SIZE_MAX &&
            S_unread(r, r->block.p + k, r->block.len - k, NULL, 0, ublock + k) == 0) {
          r->block.len = cut;
          got_k = k;
          stop = 5;
          break;
        }
      }
    }
    if (scan) {
      size_t j = S_line_start_w(r, chunk);
      if (j != SIZE_MAX) {
        S_consume(r, j);
        left -= j;
        size_t have = S_fill(r, 4096);
        if (S_header_plausible(r->w + r->wpos, have < left ? have : (size_t)left)) {
          stop = 4;
          break;
        }
        S_consume(r, 1);
        left -= 1;
        continue;
      }
    }
    int at_boundary = 0;
    if (r->mode == MODE_GZIP && aligned) {
      uint64_t bu = S_next_boundary(r, r->upos, r->upos + chunk);
      if (bu != UINT64_MAX && bu < uend) {
        chunk = (size_t)(bu - r->upos);
        at_boundary = 1;
      }
    }
    S_keep(r, rec, r->w + r->wpos, chunk);
    S_consume(r, chunk);
    left -= chunk;
    if (at_boundary && left > 0) {
      size_t a2 = S_fill(r, 8);
      if (S_version_at(r->w + r->wpos, a2)) {
        stop = 3;
        break;
      }
    }
  }
  uint64_t got = stop == 5 ? got_k : cl - left;
  if (stop == 4 || stop == 5) {
    S_set_err(r, rec, PITH_WARC_E_LENGTH, c0, 0,
              "offset %llu: Content-Length %llu is too long: the next record starts after %llu "
              "block bytes",
              (unsigned long long)c0, (unsigned long long)cl, (unsigned long long)got);
    S_finish(r, rec);
    return PITH_WARC_RECORD;
  }
  if (stop == 3) {
    while (r->block.len && (r->block.p[r->block.len - 1] == '\n' || r->block.p[r->block.len - 1] == '\r') &&
           got - r->block.len < 4)
      r->block.len--;
    int ex;
    uint64_t cnext = S_coff(r, r->upos, &ex);
    S_set_err(r, rec, PITH_WARC_E_LENGTH, c0, 0,
              "offset %llu: Content-Length %llu runs past the end of the record's gzip member "
              "(the next record starts at offset %llu, after %llu block bytes)",
              (unsigned long long)c0, (unsigned long long)cl, (unsigned long long)cnext,
              (unsigned long long)got);
    S_finish(r, rec);
    return PITH_WARC_RECORD;
  }
  if (stop == 2) {
    uint64_t off, skipped;
    pith_warc_err e = S_take_break(r, bkmsg, sizeof bkmsg, &off, &skipped);
    S_set_err(r, rec, e, off, skipped, "%s (inside the record at offset %llu, after %llu of %llu block bytes)",
              bkmsg, (unsigned long long)c0, (unsigned long long)got, (unsigned long long)cl);
    S_finish(r, rec);
    return PITH_WARC_RECORD;
  }
  if (stop == 1) {
    size_t cut;
    size_t k = (rec->flags & PITH_WARC_F_CAPPED)
                   ? SIZE_MAX
                   : S_find_embedded(r->block.p ? r->block.p : "", r->block.len, NULL, 0, &cut);
    if (k != SIZE_MAX &&
        S_unread(r, r->block.p + k, r->block.len - k, NULL, 0, ublock + k) == 0) {
      r->block.len = cut;
      S_set_err(r, rec, PITH_WARC_E_LENGTH, c0, 0,
                "offset %llu: Content-Length %llu is too long: the next record starts after %zu "
                "block bytes",
                (unsigned long long)c0, (unsigned long long)cl, k);
    } else {
      S_set_err(r, rec, PITH_WARC_E_TRUNCATED, c0, 0,
                "offset %llu: the file ends inside the record (%llu of %llu block bytes)",
                (unsigned long long)c0, (unsigned long long)got, (unsigned long long)cl);
    }
    S_finish(r, rec);
    return PITH_WARC_RECORD;
  }

  /* 4. the record end: CRLF CRLF, then the next record or the end */
  char tr[64];
  size_t ntr = 0;
  for (;;) {
    size_t a = S_fill(r, 1);
    if (!a) break;
    unsigned char c = r->w[r->wpos];
    if (c != '\r' && c != '\n') break;
    if (ntr < sizeof tr) tr[ntr] = (char)c;
    ntr++;
    S_consume(r, 1);
  }
  int proper = ntr == 4 && memcmp(tr, "\r\n\r\n", 4) == 0;
  size_t a = S_fill(r, 8), cut0;
  if (a == 0) {
    if (r->src == SRC_BREAK && r->bk_kind == PITH_GZ_E_CRC) {
      uint64_t off, skipped;
      pith_warc_err e = S_take_break(r, bkmsg, sizeof bkmsg, &off, &skipped);
      S_set_err(r, rec, e, off, skipped, "%s (the record at offset %llu is suspect)", bkmsg,
                (unsigned long long)c0);
    } else if (!proper) {
      r->st.warnings[PITH_WARC_W_TRAILER]++;
    }
  } else if (S_version_at(r->w + r->wpos, a) ||
             (r->src != SRC_OK && S_version_prefix(r->w + r->wpos, a))) {
    /* the next record (or what the end of the input left of it) */
    if (!proper) r->st.warnings[PITH_WARC_W_TRAILER]++;
  } else if (ntr >= 4 && ((rec->flags & PITH_WARC_F_CAPPED) || ntr > sizeof tr ||
                          S_find_embedded(r->block.p ? r->block.p : "", r->block.len, NULL, 0,
                                          &cut0) == SIZE_MAX)) {
    /* the record ended properly and no record starts inside its block;
     * what follows is reported as garbage (when a record does start inside
     * it, the declared end only happened to fall on a blank line: the
     * branch below takes the length as a lie) */
    if (!proper) r->st.warnings[PITH_WARC_W_TRAILER]++;
  } else {
    /* the block did not end where Content-Length says */
    uint64_t uafter = r->upos;
    size_t cut;
    size_t k = (rec->flags & PITH_WARC_F_CAPPED) || ntr > sizeof tr
                   ? SIZE_MAX
                   : S_find_embedded(r->block.p ? r->block.p : "", r->block.len,
                                     ntr ? (const unsigned char *)tr : r->w + r->wpos,
                                     ntr ? ntr : a, &cut);
    if (k != SIZE_MAX &&
        S_unread(r, r->block.p + k, r->block.len - k, tr, ntr, ublock + k) == 0) {
      r->block.len = cut;
      S_set_err(r, rec, PITH_WARC_E_LENGTH, c0, 0,
                "offset %llu: Content-Length %llu is too long: the next record starts after %zu "
                "block bytes",
                (unsigned long long)c0, (unsigned long long)cl, k);
    } else {
      int ex;
      uint64_t cafter = S_coff(r, uafter, &ex);
      uint64_t skipped;
      int found = S_skip_garbage(r, &skipped);
      if (found && skipped <= SHORT_SLACK) {
        /* Content-Length a few bytes short (CC-MAIN-2018-34 is off by 2,
         * warcio and pywb test files by 2-3): the block lost its last
         * bytes at most; tolerated, flagged and counted */
        rec->flags |= PITH_WARC_F_LENGTH_SHORT;
        r->st.warnings[PITH_WARC_W_LENGTH]++;
        r->st.bytes_resynced += skipped;
        rec->skipped = skipped;
      } else if (r->mode == MODE_GZIP)
        S_set_err(r, rec, PITH_WARC_E_LENGTH, c0, skipped,
                  "offset %llu: the block (Content-Length %llu) is not followed by the end of "
                  "the record; %llu bytes skipped (uncompressed offset %llu, member at %llu) %s",
                  (unsigned long long)c0, (unsigned long long)cl, (unsigned long long)skipped,
                  (unsigned long long)uafter, (unsigned long long)cafter,
                  found ? "to the next record" : "to the end");
      else
        S_set_err(r, rec, PITH_WARC_E_LENGTH, c0, skipped,
                  "offset %llu: the block (Content-Length %llu) is not followed by the end of "
                  "the record; %llu bytes skipped from offset %llu %s",
                  (unsigned long long)c0, (unsigned long long)cl, (unsigned long long)skipped,
                  (unsigned long long)uafter, found ? "to the next record" : "to the end");
    }
  }
  S_finish(r, rec);
  return PITH_WARC_RECORD;
}

/* One step: a record (returns PITH_WARC_RECORD) or a queued report / the
 * end (returns 0). */
static int S_step(pith_warc_reader *r, pith_warc_record *rec) {
  for (;;) {
    size_t a = S_fill(r, 1);
    if (a == 0) {
      if (r->src == SRC_BREAK) {
        S_break_event(r);
        return 0;
      }
      r->done = 1;
      return 0;
    }
    unsigned char c = r->w[r->wpos];
    if (c != '\r' && c != '\n') break;
    S_consume(r, 1);
  }
  size_t a = S_fill(r, 8);
  if (S_version_at(r->w + r->wpos, a)) return S_record(r, rec);
  uint64_t u0 = r->upos;
  if (r->src != SRC_OK && S_version_prefix(r->w + r->wpos, a)) {
    /* the input ends or breaks inside a version line */
    S_consume(r, a);
    if (r->src == SRC_BREAK) {
      S_break_event(r);
    } else {
      int ex0;
      uint64_t c = S_coff(r, u0, &ex0);
      S_push_event(r, PITH_WARC_E_TRUNCATED, c, u0, 0,
                   "offset %llu: the file ends inside a record header", (unsigned long long)c);
    }
    return 0;
  }
  int ex;
  uint64_t c0 = S_coff(r, u0, &ex);
  uint64_t skipped;
  int found = S_skip_garbage(r, &skipped);
  int none = !found && !r->seen_record && u0 == 0 && r->src == SRC_EOF;
  if (none)
    S_push_event(r, PITH_WARC_E_NOT_WARC, 0, 0, skipped,
                 "offset 0: not a WARC file (no record in %llu%s bytes)",
                 (unsigned long long)skipped, r->mode == MODE_GZIP ? " decompressed" : "");
  else if (r->mode == MODE_GZIP)
    S_push_event(r, PITH_WARC_E_GARBAGE, c0, u0, skipped,
                 "offset %llu: %llu bytes that are not a WARC record (uncompressed offset %llu)%s",
                 (unsigned long long)c0, (unsigned long long)skipped, (unsigned long long)u0,
                 found ? "" : " up to the end");
  else
    S_push_event(r, PITH_WARC_E_GARBAGE, c0, u0, skipped,
                 "offset %llu: %llu bytes that are not a WARC record%s", (unsigned long long)c0,
                 (unsigned long long)skipped, found ? "" : " up to the end");
  return 0;
}

int pith_warc_next(pith_warc_reader *r, pith_warc_record *rec) {
  memset(rec, 0, sizeof *rec);
  rec->type = PITH_WARC_OTHER;
  rec->message = "";
  rec->http_msg = "";
  r->nf = 0;
  r->http_ok = 0;
  r->http_msg[0] = '\0';
  for (;;) {
    if (r->nev) {
      S_event *e = &r->ev[r->evhead];
      r->evhead = (r->evhead + 1) % MAX_EVENTS;
      r->nev--;
      memcpy(r->msg, e->msg, sizeof e->msg);
      rec->err = e->err;
      rec->offset = rec->err_offset = e->offset;
      rec->uoffset = e->uoffset;
      rec->skipped = e->skipped;
      rec->message = r->msg;
      rec->block = "";
      rec->payload = "";
      return PITH_WARC_DAMAGE;
    }
    if (r->done) return PITH_WARC_EOF;
    if (S_step(r, rec) == PITH_WARC_RECORD) return PITH_WARC_RECORD;
  }
}
