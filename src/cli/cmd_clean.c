/* cmd_clean.c - pith clean: text mode, for pages that were already flattened
 * to text, one file at a time or as a JSONL corpus (C4 / RefinedWeb / dolma
 * shape: one JSON object per line whose "text" field holds the page). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/util.h"
#include "core/core.h"
#include "input/zio.h"
#include "meta/json.h"


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
    "Corpus mode:\n"
    "      --jsonl           each input is JSONL (plain, gzip or zstd, read by its\n"
    "                        bytes): every record is written back with its text\n"
    "                        field cleaned and the facts added as new fields;\n"
    "                        every other field is kept byte for byte, in order. A\n"
    "                        record that cannot be parsed is reported with its\n"
    "                        line number and passed through unchanged; a damaged\n"
    "                        stretch of compressed input is reported with its\n"
    "                        offset and the records around it are kept (a gzip\n"
    "                        member or zstd frame of up to 8 MiB that fails its\n"
    "                        check is dropped whole, reported with its line count;\n"
    "                        a broken line next to damage is reported, not\n"
    "                        written). A record longer than --max-input is\n"
    "                        reported and not written.\n"
    "      --field NAME      the field holding the page text (default \"text\")\n"
    "\n"
    "%s"
    "\n"
    "%s"
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


/* ---- buffers: the CLI's own (util.h) ------------------------------------------ */
typedef cli_buf bbuf;
#define B_reserve(b, n) ((b)->err ? -1 : 0)
#define B_put cli_buf_put
#define B_putc cli_buf_putc
#define B_puts cli_buf_puts
#define B_json_str cli_buf_json

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

/* ---- JSONL corpus mode ------------------------------------------------------------------ */
typedef struct jctx {
  opts *o;
  pith_extractor *x;
  cli_out *w;
  bbuf text, out, facts;
  jmem *mem, *fmem;
  size_t memcap, fmemcap;
  size_t records, failed, empty;
  size_t nomem; /* of the failures, for want of memory: exit status 5 */
} jctx;

/* Key span (with quotes) equals the plain ASCII name? (no escapes in our names) */
static int S_key_is(const char *line, const jmem *m, const char *name) {
  size_t k = strlen(name);
  return m->ke - m->kb == k + 2 && !memcmp(line + m->kb + 1, name, k);
}

static void S_facts(const pith_doc *doc, bbuf *b, int explain);

/* A record written back as it came (with its newline). */
static int S_put_line(cli_out *w, const char *line, size_t n) {
  cli_buf b = {0};
  cli_buf_put(&b, line, n);
  cli_buf_putc(&b, '\n');
  int r = b.err ? -1 : cli_out_write(w, b.p, b.len);
  cli_buf_free(&b);
  return r;
}

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
    if (S_put_line(c->w, line, n)) return -1;
    return 1;
  }
  if (J_decode(line + c->mem[ti].vb, c->mem[ti].ve - c->mem[ti].vb, &c->text)) {
    cli_err("%s:%zu: out of memory; record passed through unchanged", shown, lineno);
    c->failed++;
    c->nomem++;
    if (S_put_line(c->w, line, n)) return -1;
    return 1;
  }
  const pith_doc *doc = NULL;
  pith_status st = pith_clean_text(c->x, c->text.p ? c->text.p : "", c->text.len, &doc);
  if (!doc || (st != PITH_OK && st != PITH_NO_CONTENT)) {
    cli_err("%s:%zu: %s; record passed through unchanged", shown, lineno,
            doc && pith_doc_message(doc)[0] ? pith_doc_message(doc) : pith_status_str(st));
    c->failed++;
    if (st == PITH_ERR_NOMEM) c->nomem++;
    if (S_put_line(c->w, line, n)) return -1;
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
    c->nomem++;
    if (S_put_line(c->w, line, n)) return -1;
    return 1;
  }
  if (cli_out_write(c->w, o->p, o->len)) return -1;
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

/* A damaged stretch of compressed input (the reader's message names its
 * offset and the lines dropped with it): reported, counted as a failure. */
typedef struct dmg_ctx {
  jctx *c;
  const char *shown;
} dmg_ctx;
static void S_on_damage(void *ud, const char *msg) {
  dmg_ctx *d = ud;
  cli_err("%s: %s", d->shown, msg);
  d->c->failed++;
}

/* Stream one JSONL input (plain, gzip or zstd, sniffed; damaged compressed
 * stretches are reported and skipped, the records around them kept).
 * Returns -1 on an output error, else 0. */
static int S_jsonl_file(jctx *c, const char *path) {
  const char *shown = strcmp(path, "-") ? path : "(stdin)";
  char err[512] = "";
  size_t max = c->o->c.po.max_input_bytes ? c->o->c.po.max_input_bytes : ((size_t)64 << 20);
  errno = 0;
  pith_zio_reader *r = pith_zio_open_read(path, max, err, sizeof err);
  if (!r) {
    cli_err("%s", err);
    c->failed++;
    if (errno == ENOMEM) c->nomem++;
    return 0;
  }
  dmg_ctx d = {c, shown};
  pith_zio_on_damage(r, S_on_damage, &d);
  const char *line;
  size_t len;
  unsigned fl;
  int k, oerr = 0;
  while (!oerr && (k = pith_zio_getline(r, &line, &len, &fl)) > 0) {
    uint64_t lineno = pith_zio_lineno(r);
    if (fl & (PITH_ZIO_LINE_DAMAGED | PITH_ZIO_LINE_UNCHECKED)) {
      /* next to damaged compressed data (the first line after a resync may
       * start mid-record; a truncated member's lines are unverified): kept
       * only if it is a whole JSON object, else it is damage, not a record
       * to pass through */
      size_t ln = len && line[len - 1] == '\r' ? len - 1 : len;
      const char *why = NULL;
      if ((fl & PITH_ZIO_LINE_CUT) || J_object(line, ln, &c->mem, &c->memcap, &why) < 0) {
        cli_err("%s:%llu: damaged data after a damaged stretch of compressed input (%s): not "
                "written",
                shown, (unsigned long long)lineno,
                (fl & PITH_ZIO_LINE_CUT) ? "line too long" : why ? why : "not a JSON object");
        c->failed++;
        continue;
      }
    }
    if (fl & PITH_ZIO_LINE_CUT) {
      cli_err("%s:%llu: record longer than %zu bytes (--max-input): not written", shown,
              (unsigned long long)lineno, max);
      c->records++;
      c->failed++;
      continue;
    }
    int blank = 1;
    for (size_t q = 0; q < len && blank; q++)
      if (!(line[q] == ' ' || line[q] == '\t' || line[q] == '\r')) blank = 0;
    if (blank) {
      if (S_put_line(c->w, line, len)) oerr = 1;
      continue;
    }
    c->records++;
    if (S_record(c, shown, (size_t)lineno, line, len) < 0) oerr = 1;
  }
  if (!oerr && k < 0) {
    cli_err("%s: %s", shown, pith_zio_reader_error(r));
    c->failed++;
    if (pith_zio_reader_nomem(r)) c->nomem++;
  }
  pith_zio_close_read(r);
  return oerr ? -1 : 0;
}

/* ---- main ---------------------------------------------------------------------------------- */
static pith_status S_clean_doc(void *ctx, pith_extractor *x, const char *path, const char *buf,
                               size_t len, const pith_doc **doc) {
  (void)ctx;
  (void)path;
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
  char help[sizeof S_help + 4096 + sizeof PITH_EXIT_HELP];
  snprintf(help, sizeof help, S_help, cli_common_help, PITH_EXIT_HELP);
  char **files;
  int nfiles;
  int pr = cli_parse_args(argc, argv, "clean", help, &o.c, S_opt, &o, &files, &nfiles);
  if (pr) return pr > 0 ? PITH_EXIT_OK : PITH_EXIT_USAGE;
  if (!o.jsonl) {
    int rc = cli_run_files(files, nfiles, &o.c, S_clean_doc, NULL, 1);
    cli_files_free(files, nfiles);
    return rc;
  }
  if (o.c.out_dir || o.c.jobs > 1) {
    cli_err("clean: --jsonl writes one stream: --output-dir and --jobs do not apply");
    cli_files_free(files, nfiles);
    return PITH_EXIT_USAGE;
  }
  cli_out w;
  if (cli_out_open(&w, o.c.out, 0, UINT64_MAX)) {
    cli_files_free(files, nfiles);
    return PITH_EXIT_OUTPUT;
  }
  pith_extractor *x = pith_extractor_new(&o.c.po);
  if (!x) {
    cli_err("out of memory");
    cli_out_close(&w);
    cli_files_free(files, nfiles);
    return PITH_EXIT_SYSTEM;
  }
  jctx c;
  memset(&c, 0, sizeof c);
  c.o = &o;
  c.x = x;
  c.w = &w;
  int werr = 0, code = PITH_EXIT_OK;
  for (int k = 0; k < nfiles && !werr; k++) {
    if (S_jsonl_file(&c, files[k]) < 0) werr = 1;
    if (o.c.max_errors && c.failed >= o.c.max_errors && k + 1 < nfiles && !werr) {
      cli_err("%zu records failed (--max-errors %zu): stopping", c.failed, o.c.max_errors);
      code = PITH_EXIT_LIMIT;
      break;
    }
  }
  if (cli_out_close(&w) || w.err) werr = 1;
  if (!o.c.quiet) {
    /* written: lines that are in the output; after a write error also how
     * many were lost with it, and why */
    fprintf(stderr, "{\"records\":%zu,\"without_story\":%zu,\"failed\":%zu,\"written\":%llu",
            c.records, c.empty, c.failed, (unsigned long long)w.written);
    if (w.err)
      fprintf(stderr, ",\"write_errors\":1,\"not_written\":%llu,\"output_error\":\"%s\"",
              (unsigned long long)(w.lines - w.written), w.err == EPIPE ? "EPIPE" : strerror(w.err));
    fputs("}\n", stderr);
  }
  cli_buf_free(&c.text);
  cli_buf_free(&c.out);
  cli_buf_free(&c.facts);
  free(c.mem);
  free(c.fmem);
  pith_extractor_free(x);
  cli_files_free(files, nfiles);
  if (werr) code = cli_exit_merge(code, PITH_EXIT_OUTPUT);
  if (c.failed) code = cli_exit_merge(code, PITH_EXIT_SOME_FAILED);
  if (c.nomem) code = cli_exit_merge(code, PITH_EXIT_SYSTEM);
  return code;
}
