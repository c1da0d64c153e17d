/* cmd_clean.c - pith clean: text mode, for pages that were already flattened
 * to text, one file at a time or as a JSONL corpus (C4 / RefinedWeb / dolma
 * shape: one JSON object per line whose "text" field holds the page). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "cli/cli.h"
#include "cli/util.h"
#include "core/core.h"
#include "meta/json.h"

#if defined(__has_include)
#if __has_include(<zstd.h>)
#include <zstd.h>
#define CLEAN_ZSTD 1
#endif
#endif

static const char S_help[] =
    "Usage: pith clean [OPTIONS] [FILE...|-]\n"
    "\n"
    "Recover the story and its facts from pages that were already flattened to\n"
    "text (every visible block of the page, chrome included, as a crawler saves\n"
    "it). Each block is judged as story, site chrome (skip links, share/follow/\n"
    "subscribe prompts, comment prompts, cookie notices, navigation runs, ...)\n"
    "or a metadata line (title, byline, date, wire credit, copyright,\n"
    "contributors, topic/section, site name). With no FILE, or when FILE is -,\n"
    "read standard input. Text in other encodings than UTF-8 is converted.\n"
    "\n"
    "Output (same formats and field names as 'pith extract'):\n"
    "  -f, --format FMT      text (default), markdown, json or jsonl\n"
    "  -o, --output FILE     write to FILE instead of standard output; with\n"
    "                        --jsonl a .gz or .zst suffix compresses\n"
    "      --explain         show each block with its label and the reason (to\n"
    "                        stderr, or an \"explain\" field in json/jsonl)\n"
    "  -q, --quiet           do not report inputs without a story on stderr\n"
    "      --no-meta         skip metadata\n"
    "\n"
    "Corpus mode:\n"
    "      --jsonl           each input is JSONL (.gz and .zst read by suffix):\n"
    "                        every record is written back with its text field\n"
    "                        cleaned and the facts added as new fields; every\n"
    "                        other field is kept byte for byte, in order. A\n"
    "                        record that cannot be parsed is reported with its\n"
    "                        line number and passed through unchanged.\n"
    "      --field NAME      the field holding the page text (default \"text\")\n"
    "\n"
    "Limits:\n"
    "      --max-input SIZE  largest page or record (default 64M)\n"
    "\n"
    "  -h, --help            show this help\n"
    "\n"
    "Exit status: 0 all inputs read; 1 some inputs or records failed (each is\n"
    "reported on stderr); 2 usage or output error.\n"
    "\n"
    "Examples:\n"
    "  pith clean page.txt\n"
    "  pith clean -f json page.txt\n"
    "  pith clean --jsonl c4-train.00000-of-01024.json.gz -o cleaned.jsonl.zst\n";

typedef struct opts {
  cli_common c; /* --format, --output, --explain, --quiet, ... */
  const char *field;
  int jsonl;
} opts;

static int S_suffix(const char *s, const char *suf) {
  size_t n = strlen(s), k = strlen(suf);
  return n >= k && !strcmp(s + n - k, suf);
}

/* ---- growable byte buffer (CLI side) ------------------------------------- */
typedef struct bbuf {
  char *p;
  size_t len, cap;
  int err;
} bbuf;

static int B_reserve(bbuf *b, size_t extra) {
  if (b->err) return -1;
  if (b->len + extra <= b->cap) return 0;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < b->len + extra) cap *= 2;
  char *q = realloc(b->p, cap);
  if (!q) {
    b->err = ENOMEM;
    return -1;
  }
  b->p = q;
  b->cap = cap;
  return 0;
}
static int B_put(bbuf *b, const void *s, size_t n) {
  if (B_reserve(b, n)) return -1;
  memcpy(b->p + b->len, s, n);
  b->len += n;
  return 0;
}
static int B_putc(bbuf *b, char c) { return B_put(b, &c, 1); }
static int B_puts(bbuf *b, const char *s) { return B_put(b, s, strlen(s)); }

/* Eight bytes at a time: 0x80 in the bytes that are '"', '\\' or a control
 * character. The lowest flagged byte is exact (the bytes after it may be
 * flagged wrongly): callers skip to it. */
static inline uint64_t J_special8(uint64_t x) {
  const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
  uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
  uint64_t zq = (q - ones) & ~q & high, zb = (b - ones) & ~b & high;
  uint64_t lt = (x - ones * 0x20) & ~x & high; /* bytes < 0x20 */
  return zq | zb | lt;
}
/* Byte offset of the lowest flagged byte of a non-zero mask (the first in
 * memory on a little-endian machine; elsewhere 0, the safe answer). */
static inline size_t J_first8(uint64_t m) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  return (size_t)__builtin_ctzll(m) >> 3;
#else
  (void)m;
  return 0;
#endif
}

/* JSON string (with quotes); U+2028/2029 escaped for JSONL consumers. */
static int B_json_str(bbuf *b, const char *s, size_t n) {
  static const char hex[] = "0123456789abcdef";
  if (B_reserve(b, n + 2)) return -1;
  B_putc(b, '"');
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    /* skip 8 plain bytes at a time */
    while (i + 8 <= n) {
      uint64_t x;
      memcpy(&x, s + i, 8);
      const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
      uint64_t e = x ^ (ones * 0xE2);
      uint64_t m = J_special8(x) | ((e - ones) & ~e & high);
      if (m) {
        size_t k = J_first8(m); /* plain bytes before the first special one */
        run += k;
        i += k;
        break;
      }
      run += 8;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c != '"' && c != '\\' && c != 0xE2) {
      run++;
      continue;
    }
    if (c == 0xE2) {
      if (i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
          ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
        B_put(b, s + i - run, run);
        run = 0;
        B_puts(b, (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029");
        i += 2;
        continue;
      }
      run++;
      continue;
    }
    B_put(b, s + i - run, run);
    run = 0;
    switch (c) {
    case '"': B_puts(b, "\\\""); break;
    case '\\': B_puts(b, "\\\\"); break;
    case '\n': B_puts(b, "\\n"); break;
    case '\r': B_puts(b, "\\r"); break;
    case '\t': B_puts(b, "\\t"); break;
    default: {
      char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
      B_put(b, e, 6);
    }
    }
  }
  B_put(b, s + n - run, run);
  return B_putc(b, '"');
}


/* ---- a small JSON object scanner ---------------------------------------------
 * Finds the members of one top-level object and the raw byte span of each
 * key and value; validates the syntax of everything it skips. */
typedef struct jmem {
  size_t kb, ke; /* key, with its quotes */
  size_t vb, ve; /* value */
} jmem;

static size_t J_ws(const char *s, size_t n, size_t i) {
  while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
  return i;
}

static int J_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* s[i] == '"': returns the index after the closing quote, or 0. */
static size_t J_string(const char *s, size_t n, size_t i) {
  i++;
  while (i < n) {
    while (i + 8 <= n) {
      uint64_t x;
      memcpy(&x, s + i, 8);
      uint64_t m = J_special8(x);
      if (m) {
        i += J_first8(m);
        break;
      }
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = (unsigned char)s[i];
    if (c == '"') return i + 1;
    if (c < 0x20) return 0;
    if (c == '\\') {
      if (i + 1 >= n) return 0;
      char e = s[i + 1];
      if (e == 'u') {
        if (i + 5 >= n || !J_hex(s[i + 2]) || !J_hex(s[i + 3]) || !J_hex(s[i + 4]) || !J_hex(s[i + 5]))
          return 0;
        i += 6;
        continue;
      }
      switch (e) {
      case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't': break;
      default: return 0;
      }
      i += 2;
      continue;
    }
    i++;
  }
  return 0;
}

static size_t J_value(const char *s, size_t n, size_t i, int depth);

static size_t J_number(const char *s, size_t n, size_t i) {
  size_t b = i;
  if (i < n && s[i] == '-') i++;
  if (i >= n) return 0;
  if (s[i] == '0') i++;
  else if (s[i] >= '1' && s[i] <= '9') while (i < n && s[i] >= '0' && s[i] <= '9') i++;
  else return 0;
  if (i < n && s[i] == '.') {
    i++;
    size_t d = i;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    if (i == d) return 0;
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    if (i < n && (s[i] == '+' || s[i] == '-')) i++;
    size_t d = i;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    if (i == d) return 0;
  }
  return i > b ? i : 0;
}

static size_t J_value(const char *s, size_t n, size_t i, int depth) {
  if (depth > 256 || i >= n) return 0;
  char c = s[i];
  if (c == '"') return J_string(s, n, i);
  if (c == '{' || c == '[') {
    char close = c == '{' ? '}' : ']';
    i = J_ws(s, n, i + 1);
    if (i < n && s[i] == close) return i + 1;
    for (;;) {
      if (c == '{') {
        if (i >= n || s[i] != '"') return 0;
        i = J_string(s, n, i);
        if (!i) return 0;
        i = J_ws(s, n, i);
        if (i >= n || s[i] != ':') return 0;
        i = J_ws(s, n, i + 1);
      }
      i = J_value(s, n, i, depth + 1);
      if (!i) return 0;
      i = J_ws(s, n, i);
      if (i >= n) return 0;
      if (s[i] == close) return i + 1;
      if (s[i] != ',') return 0;
      i = J_ws(s, n, i + 1);
    }
  }
  if (c == 't') return n - i >= 4 && !memcmp(s + i, "true", 4) ? i + 4 : 0;
  if (c == 'f') return n - i >= 5 && !memcmp(s + i, "false", 5) ? i + 5 : 0;
  if (c == 'n') return n - i >= 4 && !memcmp(s + i, "null", 4) ? i + 4 : 0;
  return J_number(s, n, i);
}

/* Members of the object that makes up the whole line. Returns the number of
 * members (>= 0) or -1 with *why set. mem grows as needed. */
static long J_object(const char *s, size_t n, jmem **mem, size_t *cap, const char **why) {
  size_t i = J_ws(s, n, 0);
  if (i >= n || s[i] != '{') {
    *why = "not a JSON object";
    return -1;
  }
  i = J_ws(s, n, i + 1);
  size_t k = 0;
  if (i < n && s[i] == '}') {
    i = J_ws(s, n, i + 1);
    if (i != n) { *why = "bytes after the object"; return -1; }
    return 0;
  }
  for (;;) {
    if (i >= n || s[i] != '"') { *why = "expected a key"; return -1; }
    size_t kb = i;
    i = J_string(s, n, i);
    if (!i) { *why = "bad string"; return -1; }
    size_t ke = i;
    i = J_ws(s, n, i);
    if (i >= n || s[i] != ':') { *why = "expected ':'"; return -1; }
    i = J_ws(s, n, i + 1);
    size_t vb = i;
    i = J_value(s, n, i, 1);
    if (!i) { *why = "bad value"; return -1; }
    if (k == *cap) {
      size_t nc = *cap ? *cap * 2 : 16;
      jmem *nm = realloc(*mem, nc * sizeof *nm);
      if (!nm) { *why = "out of memory"; return -1; }
      *mem = nm;
      *cap = nc;
    }
    (*mem)[k].kb = kb;
    (*mem)[k].ke = ke;
    (*mem)[k].vb = vb;
    (*mem)[k].ve = i;
    k++;
    i = J_ws(s, n, i);
    if (i >= n) { *why = "unterminated object"; return -1; }
    if (s[i] == '}') break;
    if (s[i] != ',') { *why = "expected ',' or '}'"; return -1; }
    i = J_ws(s, n, i + 1);
  }
  i = J_ws(s, n, i + 1);
  if (i != n) {
    *why = "bytes after the object";
    return -1;
  }
  return (long)k;
}

/* Decode a validated JSON string span (with quotes) into b. */
static int J_decode(const char *s, size_t n, bbuf *b) {
  b->len = 0;
  if (B_reserve(b, n)) return -1;
  size_t i = 1, e = n - 1;
  while (i < e) {
    const char *bs = pith_memchr_short(s + i, '\\', e - i);
    size_t r = bs ? (size_t)(bs - s) : e;
    B_put(b, s + i, r - i);
    i = r;
    if (i >= e) break;
    char c = s[i + 1];
    i += 2;
    switch (c) {
    case 'n': B_putc(b, '\n'); break;
    case 't': B_putc(b, '\t'); break;
    case 'r': B_putc(b, '\r'); break;
    case 'b': B_putc(b, '\b'); break;
    case 'f': B_putc(b, '\f'); break;
    case 'u': {
      uint32_t cp;
      size_t k = pith_json_u_escape(s + i, s + e, &cp); /* J_string checked the digits */
      i += k ? k : 4;
      if (!k || cp == 0) cp = 0xFFFD; /* NUL would end C strings downstream */
      char u8[4];
      B_put(b, u8, (size_t)pith_utf8_encode(cp, u8));
      break;
    }
    default: B_putc(b, c); break; /* " \ / */
    }
  }
  return b->err ? -1 : 0;
}

/* ---- compressed input / output by suffix ---------------------------------------- */
enum { Z_PLAIN = 0, Z_GZ, Z_ZST };

typedef struct rd {
  int kind;
  int fd;
  gzFile gz;
#ifdef CLEAN_ZSTD
  ZSTD_DCtx *z;
  char *zin;
  size_t zin_len, zin_pos, zin_cap;
  int zeof;
  size_t last_ret;
#endif
} rd;

static int R_open(rd *r, const char *path, char *err, size_t errn) {
  memset(r, 0, sizeof *r);
  r->fd = strcmp(path, "-") ? open(path, O_RDONLY) : 0;
  if (r->fd < 0) {
    snprintf(err, errn, "%s", strerror(errno));
    return -1;
  }
  if (S_suffix(path, ".gz")) {
    r->kind = Z_GZ;
    r->gz = gzdopen(r->fd, "rb");
    if (!r->gz) {
      snprintf(err, errn, "cannot start gzip reader");
      if (r->fd) close(r->fd);
      return -1;
    }
    gzbuffer(r->gz, 1 << 17);
  } else if (S_suffix(path, ".zst") || S_suffix(path, ".zstd")) {
#ifdef CLEAN_ZSTD
    r->kind = Z_ZST;
    r->z = ZSTD_createDCtx();
    r->zin_cap = ZSTD_DStreamInSize();
    r->zin = malloc(r->zin_cap);
    if (!r->z || !r->zin) {
      snprintf(err, errn, "out of memory");
      return -1;
    }
#else
    snprintf(err, errn, "this pith was built without zstd");
    if (r->fd) close(r->fd);
    return -1;
#endif
  }
  return 0;
}

/* >0 bytes, 0 at EOF, -1 on error (msg in err). */
static long R_read(rd *r, char *buf, size_t n, char *err, size_t errn) {
  if (r->kind == Z_PLAIN) {
    for (;;) {
      ssize_t k = read(r->fd, buf, n);
      if (k < 0 && errno == EINTR) continue;
      if (k < 0) snprintf(err, errn, "%s", strerror(errno));
      return (long)k;
    }
  }
  if (r->kind == Z_GZ) {
    int k = gzread(r->gz, buf, (unsigned)(n > (1u << 30) ? (1u << 30) : n));
    int ze = Z_OK;
    const char *m = gzerror(r->gz, &ze);
    if (k < 0 || (k == 0 && ze != Z_OK)) {
      snprintf(err, errn, "gzip: %s", m && *m ? m : "read error");
      return -1;
    }
    return k;
  }
#ifdef CLEAN_ZSTD
  ZSTD_outBuffer out = {buf, n, 0};
  while (out.pos == 0) {
    if (r->zin_pos == r->zin_len) {
      if (r->zeof) {
        if (r->last_ret != 0) {
          snprintf(err, errn, "zstd: input ends inside a frame");
          return -1;
        }
        return 0;
      }
      ssize_t k;
      do k = read(r->fd, r->zin, r->zin_cap); while (k < 0 && errno == EINTR);
      if (k < 0) {
        snprintf(err, errn, "%s", strerror(errno));
        return -1;
      }
      if (k == 0) {
        r->zeof = 1;
        continue;
      }
      r->zin_len = (size_t)k;
      r->zin_pos = 0;
    }
    ZSTD_inBuffer in = {r->zin, r->zin_len, r->zin_pos};
    size_t ret = ZSTD_decompressStream(r->z, &out, &in);
    r->zin_pos = in.pos;
    if (ZSTD_isError(ret)) {
      snprintf(err, errn, "zstd: %s", ZSTD_getErrorName(ret));
      return -1;
    }
    r->last_ret = ret;
  }
  return (long)out.pos;
#else
  return -1;
#endif
}

static void R_close(rd *r) {
  if (r->kind == Z_GZ && r->gz) {
    gzclose_r(r->gz); /* closes fd */
    return;
  }
#ifdef CLEAN_ZSTD
  if (r->z) ZSTD_freeDCtx(r->z);
  free(r->zin);
#endif
  if (r->fd > 0) close(r->fd);
}

typedef struct wr {
  int kind;
  FILE *f;
  gzFile gz;
#ifdef CLEAN_ZSTD
  ZSTD_CCtx *z;
  char *zout;
  size_t zout_cap;
#endif
  int err;
} wr;

static int W_open(wr *w, const char *path) {
  memset(w, 0, sizeof *w);
  if (!path || !strcmp(path, "-")) {
    w->f = stdout;
    return 0;
  }
  if (S_suffix(path, ".gz")) {
    w->kind = Z_GZ;
    w->gz = gzopen(path, "wb6");
    if (!w->gz) return -1;
    gzbuffer(w->gz, 1 << 17);
    return 0;
  }
  w->f = fopen(path, "wb");
  if (!w->f) return -1;
  if (S_suffix(path, ".zst") || S_suffix(path, ".zstd")) {
#ifdef CLEAN_ZSTD
    w->kind = Z_ZST;
    w->z = ZSTD_createCCtx();
    w->zout_cap = ZSTD_CStreamOutSize();
    w->zout = malloc(w->zout_cap);
    if (!w->z || !w->zout) return -1;
    ZSTD_CCtx_setParameter(w->z, ZSTD_c_compressionLevel, 3);
#else
    errno = ENOTSUP;
    return -1;
#endif
  }
  return 0;
}

static int W_put(wr *w, const char *p, size_t n) {
  if (w->err) return -1;
  if (w->kind == Z_PLAIN) {
    if (fwrite(p, 1, n, w->f) != n) w->err = errno ? errno : EIO;
  } else if (w->kind == Z_GZ) {
    while (n) {
      unsigned k = (unsigned)(n > (1u << 30) ? (1u << 30) : n);
      if (gzwrite(w->gz, p, k) != (int)k) {
        w->err = EIO;
        break;
      }
      p += k;
      n -= k;
    }
  }
#ifdef CLEAN_ZSTD
  else {
    ZSTD_inBuffer in = {p, n, 0};
    while (in.pos < in.size && !w->err) {
      ZSTD_outBuffer out = {w->zout, w->zout_cap, 0};
      size_t ret = ZSTD_compressStream2(w->z, &out, &in, ZSTD_e_continue);
      if (ZSTD_isError(ret)) w->err = EIO;
      if (out.pos && fwrite(w->zout, 1, out.pos, w->f) != out.pos) w->err = errno ? errno : EIO;
    }
  }
#endif
  return w->err ? -1 : 0;
}

static int W_close(wr *w) {
#ifdef CLEAN_ZSTD
  if (w->kind == Z_ZST && w->z) {
    ZSTD_inBuffer in = {NULL, 0, 0};
    size_t ret;
    do {
      ZSTD_outBuffer out = {w->zout, w->zout_cap, 0};
      ret = ZSTD_compressStream2(w->z, &out, &in, ZSTD_e_end);
      if (ZSTD_isError(ret)) { w->err = EIO; break; }
      if (out.pos && fwrite(w->zout, 1, out.pos, w->f) != out.pos) { w->err = errno ? errno : EIO; break; }
    } while (ret != 0);
    ZSTD_freeCCtx(w->z);
    free(w->zout);
  }
#endif
  if (w->kind == Z_GZ) {
    if (gzclose_w(w->gz) != Z_OK) w->err = w->err ? w->err : EIO;
    return w->err ? -1 : 0;
  }
  if (fflush(w->f) == EOF || ferror(w->f)) w->err = w->err ? w->err : (errno ? errno : EIO);
  if (w->f != stdout && fclose(w->f) == EOF) w->err = w->err ? w->err : (errno ? errno : EIO);
  return w->err ? -1 : 0;
}

/* ---- JSONL corpus mode ------------------------------------------------------------------ */
typedef struct jctx {
  opts *o;
  pith_extractor *x;
  wr *w;
  bbuf text, out, facts;
  jmem *mem, *fmem;
  size_t memcap, fmemcap;
  size_t records, failed, empty;
} jctx;

/* Key span (with quotes) equals the plain ASCII name? (no escapes in our names) */
static int S_key_is(const char *line, const jmem *m, const char *name) {
  size_t k = strlen(name);
  return m->ke - m->kb == k + 2 && !memcmp(line + m->kb + 1, name, k);
}

static void S_facts(const pith_doc *doc, bbuf *b, int explain);

/* One record: returns 0 when cleaned, 1 when passed through (reported),
 * -1 on an output error. */
static int S_record(jctx *c, const char *shown, size_t lineno, const char *line, size_t n) {
  const char *why = NULL;
  /* a trailing CR belongs to the line ending */
  size_t ln = n;
  if (ln && line[ln - 1] == '\r') ln--;
  long nm = J_object(line, ln, &c->mem, &c->memcap, &why);
  long ti = -1;
  if (nm >= 0) {
    for (long i = 0; i < nm; i++)
      if (S_key_is(line, &c->mem[i], c->o->field)) ti = i;
    if (ti < 0) why = "no text field";
    else if (line[c->mem[ti].vb] != '"') why = "the text field is not a string";
  }
  if (nm < 0 || ti < 0 || line[c->mem[ti].vb] != '"') {
    cli_err("%s:%zu: %s; record passed through unchanged", shown, lineno, why ? why : "bad record");
    c->failed++;
    if (W_put(c->w, line, n) || W_put(c->w, "\n", 1)) return -1;
    return 1;
  }
  if (J_decode(line + c->mem[ti].vb, c->mem[ti].ve - c->mem[ti].vb, &c->text)) {
    cli_err("%s:%zu: out of memory; record passed through unchanged", shown, lineno);
    c->failed++;
    if (W_put(c->w, line, n) || W_put(c->w, "\n", 1)) return -1;
    return 1;
  }
  const pith_doc *doc = NULL;
  pith_status st = pith_clean_text(c->x, c->text.p ? c->text.p : "", c->text.len, &doc);
  if (!doc || (st != PITH_OK && st != PITH_NO_CONTENT)) {
    cli_err("%s:%zu: %s; record passed through unchanged", shown, lineno,
            doc && pith_doc_message(doc)[0] ? pith_doc_message(doc) : pith_status_str(st));
    c->failed++;
    if (W_put(c->w, line, n) || W_put(c->w, "\n", 1)) return -1;
    return 1;
  }
  if (st == PITH_NO_CONTENT) c->empty++;
  /* the facts, under the field names of pith's JSON output */
  c->facts.len = 0;
  S_facts(doc, &c->facts, c->o->c.explain);
  long nf = -1;
  {
    size_t fl = c->facts.len;
    nf = J_object(c->facts.p, fl, &c->fmem, &c->fmemcap, &why);
  }
  /* write: the record's members in order, the text replaced; then the
   * facts the record does not already have */
  bbuf *o = &c->out;
  o->len = 0;
  B_putc(o, '{');
  for (long i = 0; i < nm; i++) {
    const jmem *m = &c->mem[i];
    if (i) B_putc(o, ',');
    B_put(o, line + m->kb, m->ke - m->kb);
    B_putc(o, ':');
    if (i == ti) {
      pith_str t = pith_doc_text(doc);
      B_json_str(o, t.ptr, t.len);
    } else {
      B_put(o, line + m->vb, m->ve - m->vb);
    }
  }
  for (long j = 0; j < nf; j++) {
    const jmem *f = &c->fmem[j];
    const char *fk = c->facts.p + f->kb;
    size_t fkn = f->ke - f->kb;
    if ((fkn == 4 && !memcmp(fk, "\"id\"", 4)) || (fkn == 6 && !memcmp(fk, "\"text\"", 6)))
      continue;
    int dup = 0;
    for (long i = 0; i < nm && !dup; i++)
      if (c->mem[i].ke - c->mem[i].kb == fkn && !memcmp(line + c->mem[i].kb, fk, fkn)) dup = 1;
    if (dup) continue;
    B_putc(o, ',');
    B_put(o, fk, fkn);
    B_putc(o, ':');
    B_put(o, c->facts.p + f->vb, f->ve - f->vb);
  }
  B_puts(o, "}\n");
  if (o->err) {
    cli_err("%s:%zu: out of memory; record passed through unchanged", shown, lineno);
    o->err = 0;
    c->failed++;
    if (W_put(c->w, line, n) || W_put(c->w, "\n", 1)) return -1;
    return 1;
  }
  if (W_put(c->w, o->p, o->len)) return -1;
  return 0;
}

/* The facts of a document as one JSON object (the fields of `pith
 * extract --format json` except id, text and source). */
static void S_facts(const pith_doc *doc, bbuf *b, int explain) {
  static const int order[] = {PITH_F_TITLE, -1 - PITH_L_AUTHORS, PITH_F_BYLINE, PITH_F_DATE,
                              PITH_F_DATE_MODIFIED, PITH_F_SITE_NAME, PITH_F_LANG, PITH_F_SECTION,
                              -1 - PITH_L_TAGS, PITH_F_WIRE, PITH_F_WIRE_CREDIT, PITH_F_DISTRIBUTOR,
                              PITH_F_COPYRIGHT, -1 - PITH_L_CONTRIBUTORS, PITH_F_DESCRIPTION,
                              PITH_F_IMAGE, PITH_F_URL};
  int first = 1;
  B_putc(b, '{');
  for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
    int f = order[i];
    if (f >= 0) {
      pith_str v = pith_doc_field(doc, (pith_field)f);
      if (!v.ptr) continue;
      if (!first) B_putc(b, ',');
      first = 0;
      const char *k = f == PITH_F_URL ? "canonical_url" : pith_field_name((pith_field)f);
      B_json_str(b, k, strlen(k));
      B_putc(b, ':');
      B_json_str(b, v.ptr, v.len);
    } else {
      pith_list l = (pith_list)(-1 - f);
      size_t cnt = pith_doc_list_count(doc, l);
      if (!cnt) continue;
      if (!first) B_putc(b, ',');
      first = 0;
      const char *k = pith_list_name(l);
      B_json_str(b, k, strlen(k));
      B_puts(b, ":[");
      for (size_t j = 0; j < cnt; j++) {
        pith_str v = pith_doc_list_item(doc, l, j);
        if (j) B_putc(b, ',');
        B_json_str(b, v.ptr ? v.ptr : "", v.ptr ? v.len : 0);
      }
      B_putc(b, ']');
    }
  }
  pith_status st = pith_doc_status(doc);
  if (st != PITH_OK) {
    const char *key = st == PITH_NO_CONTENT ? "no_content" : pith_status_str(st);
    if (!first) B_putc(b, ',');
    first = 0;
    B_puts(b, "\"status\":");
    B_json_str(b, key, strlen(key));
    const char *msg = pith_doc_message(doc);
    if (msg && *msg) {
      B_puts(b, ",\"message\":");
      B_json_str(b, msg, strlen(msg));
    }
  }
  if (explain) {
    pith_str e = pith_doc_explain(doc);
    if (!first) B_putc(b, ',');
    first = 0;
    B_puts(b, "\"explain\":");
    B_json_str(b, e.ptr ? e.ptr : "", e.ptr ? e.len : 0);
  }
  B_putc(b, '}');
}

/* Stream one JSONL input. Returns -1 on output error, else 0. */
static int S_jsonl_file(jctx *c, const char *path) {
  const char *shown = strcmp(path, "-") ? path : "(stdin)";
  char err[256] = "";
  rd r;
  if (R_open(&r, path, err, sizeof err)) {
    cli_err("%s: %s", shown, err);
    c->failed++;
    return 0;
  }
  size_t max = c->o->c.po.max_input_bytes ? c->o->c.po.max_input_bytes : ((size_t)64 << 20);
  size_t cap = 1 << 20;
  char *buf = malloc(cap);
  if (!buf) {
    cli_err("out of memory");
    R_close(&r);
    return -1;
  }
  size_t len = 0, lineno = 0;
  int eof = 0, oerr = 0;
  int skipping = 0; /* inside an over-long record: copy through */
  while (!oerr) {
    /* hand out every complete line in the buffer */
    size_t start = 0;
    for (;;) {
      char *nl = memchr(buf + start, '\n', len - start);
      if (!nl) break;
      size_t e = (size_t)(nl - buf);
      if (skipping) {
        if (W_put(c->w, buf + start, e - start + 1)) oerr = 1;
        skipping = 0;
      } else {
        lineno++;
        size_t k = e - start;
        int blank = 1;
        for (size_t q = start; q < e && blank; q++)
          if (!(buf[q] == ' ' || buf[q] == '\t' || buf[q] == '\r')) blank = 0;
        if (blank) {
          if (W_put(c->w, buf + start, k + 1)) oerr = 1;
        } else {
          c->records++;
          if (S_record(c, shown, lineno, buf + start, k) < 0) oerr = 1;
        }
      }
      start = e + 1;
      if (oerr) break;
    }
    if (oerr) break;
    if (start) {
      memmove(buf, buf + start, len - start);
      len -= start;
    }
    if (eof) {
      if (len && !skipping) {
        lineno++;
        c->records++;
        /* a last line without a newline: written with one */
        if (S_record(c, shown, lineno, buf, len) < 0) oerr = 1;
      } else if (len && skipping) {
        if (W_put(c->w, buf, len) || W_put(c->w, "\n", 1)) oerr = 1;
      }
      break;
    }
    if (len > max) {
      /* an over-long record: report and copy it through as it streams */
      if (!skipping) {
        lineno++;
        c->records++;
        c->failed++;
        cli_err("%s:%zu: record longer than %zu bytes; passed through unchanged", shown, lineno, max);
        skipping = 1;
      }
      if (W_put(c->w, buf, len)) oerr = 1;
      len = 0;
    }
    if (len == cap) {
      size_t nc = cap * 2;
      char *nb = realloc(buf, nc);
      if (!nb) {
        cli_err("out of memory");
        oerr = 1;
        break;
      }
      buf = nb;
      cap = nc;
    }
    long k = R_read(&r, buf + len, cap - len, err, sizeof err);
    if (k < 0) {
      cli_err("%s: %s (after line %zu)", shown, err, lineno);
      c->failed++;
      eof = 1;
      continue;
    }
    if (k == 0) eof = 1;
    len += (size_t)k;
  }
  free(buf);
  R_close(&r);
  return oerr ? -1 : 0;
}

/* ---- main ---------------------------------------------------------------------------------- */
static pith_status S_clean_doc(void *ctx, pith_extractor *x, const char *buf, size_t len,
                               const pith_doc **doc) {
  (void)ctx;
  return pith_clean_text(x, buf, len, doc);
}

/* clean's own options (cli_opt_fn) */
static int S_opt(void *ctx, int argc, char **argv, int *i) {
  opts *o = ctx;
  const char *a = argv[*i];
  if (!strcmp(a, "--jsonl")) {
    o->jsonl = 1;
  } else if (cli_optis(a, "--field", NULL)) {
    if (!(o->field = cli_optval(argc, argv, i, a)) || !*o->field || strpbrk(o->field, "\"\\")) {
      cli_err("--field needs a plain field name");
      return -1;
    }
  } else {
    return 0;
  }
  return 1;
}

int pith_cmd_clean(int argc, char **argv) {
  opts o;
  memset(&o, 0, sizeof o);
  pith_options_init(&o.c.po);
  o.c.format = PITH_FMT_TEXT;
  o.field = "text";
  const char **files;
  int nfiles;
  int pr = cli_parse_args(argc, argv, "clean", S_help, &o.c, S_opt, &o, &files, &nfiles);
  if (pr) return pr > 0 ? PITH_EXIT_OK : PITH_EXIT_USAGE;

  pith_extractor *x = pith_extractor_new(&o.c.po);
  if (!x) {
    cli_err("out of memory");
    free(files);
    return PITH_EXIT_USAGE;
  }
  int failed = 0, werr = 0;
  if (o.jsonl) {
    wr w;
    if (W_open(&w, o.c.out)) {
      cli_err("cannot open '%s' for writing: %s", o.c.out, strerror(errno));
      pith_extractor_free(x);
      free(files);
      return PITH_EXIT_USAGE;
    }
    jctx c;
    memset(&c, 0, sizeof c);
    c.o = &o;
    c.x = x;
    c.w = &w;
    for (int k = 0; k < nfiles && !werr; k++)
      if (S_jsonl_file(&c, files[k]) < 0) werr = 1;
    if (W_close(&w)) werr = 1;
    failed = (int)(c.failed > 0);
    if (!o.c.quiet && c.records)
      fprintf(stderr, "pith: %zu records, %zu cleaned without a story, %zu passed through\n",
              c.records, c.empty, c.failed);
    free(c.text.p);
    free(c.out.p);
    free(c.facts.p);
    free(c.mem);
    free(c.fmem);
    pith_extractor_free(x);
    free(files);
    if (werr) {
      cli_err("write error: %s", strerror(w.err ? w.err : errno ? errno : EIO));
      return PITH_EXIT_USAGE;
    }
    return failed ? PITH_EXIT_SOME_FAILED : PITH_EXIT_OK;
  }

  int rc = cli_run_files(files, nfiles, x, &o.c, S_clean_doc, NULL, 1);
  pith_extractor_free(x);
  free(files);
  return rc;
}
