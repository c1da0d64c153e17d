/* cmd_dedup.c - pith dedup: near-duplicate clusters over JSONL records. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <stdio.h>

#include "cli/cli.h"
#include "cli/util.h"
#include "core/core.h"
#include "input/zio.h"
#include "cli/dedup_sig.h"
#include "meta/json.h"

static const char S_help[] =
    "Usage: pith dedup [OPTIONS] FILE.jsonl[.gz|.zst]...|-\n"
    "       pith dedup --signatures [OPTIONS] SHARD.sig[.gz|.zst]...\n"
    "\n"
    "Find near-duplicate documents: the same wire story on many sites, the same\n"
    "page crawled twice with different chrome, a copy trimmed to its first\n"
    "paragraphs. Reads JSONL records (the output of pith extract/clean/warc, or\n"
    "any corpus with a text field) and writes, for every record in input order:\n"
    "\n"
    "  {\"n\":5,\"id\":\"...\",\"cluster\":2,\"cluster_size\":3,\"duplicate\":true,\n"
    "   \"canonical\":7,\"duplicate_of\":\"<id of record 7>\"}\n"
    "\n"
    "n is the record's number (from 0, across all files); cluster is the number of\n"
    "the first record of its cluster; canonical the number of the record that\n"
    "stands for the cluster; duplicate is true for every other member and\n"
    "duplicate_of names the canonical record's id (null on the canonical one).\n"
    "With --drop the output is the deduplicated corpus instead: the canonical\n"
    "input records, whole and unchanged, in input order.\n"
    "\n"
    "Similarity: texts are sets of 5-word shingles, compared by a 128-value\n"
    "MinHash signature whose share of equal values estimates the Jaccard\n"
    "similarity |A^B|/|AuB| (standard deviation sqrt(J(1-J)/128), 0.035 at 0.8).\n"
    "LSH bands chosen for the threshold propose candidate pairs; a pair is joined\n"
    "when its estimate is at least the threshold less 1.5 standard deviations.\n"
    "With --containment C a pair is also joined when the smaller text is mostly\n"
    "inside the larger: |A^B|/|smaller| >= C, estimated from the signature and the\n"
    "two shingle counts. A text with fewer than 5 words, or only numbers and\n"
    "punctuation, has no signature and is never clustered.\n"
    "\n"
    "Canonical record of a cluster, in order: (1) the copy on the wire agency's\n"
    "own site (url or canonical_url host is the agency's domain: apnews.com for\n"
    "AP, reuters.com for Reuters, afp.com for AFP, ...; or site_name is the\n"
    "agency named in wire); (2) the earliest date (field date, ISO 8601; dated\n"
    "before undated); (3) a complete text (truncated not set) before a truncated\n"
    "one, the longer first; (4) input order.\n"
    "\n"
    "Signatures: --signatures-out FILE writes one line per record (format:\n"
    "README, 'Dedup'); pith warc --signatures writes the same per shard. With\n"
    "--signatures the inputs are such files: shards are merged and clustered\n"
    "without the texts, and give the same clusters as one run over all the\n"
    "records in the same order. --drop needs the texts: cluster the signatures,\n"
    "then keep the records whose line says \"duplicate\":false (two passes).\n"
    "\n"
    "A line that is not a JSON object is reported with its line number and gets\n"
    "a cluster of its own (--drop leaves it out). A damaged stretch of compressed\n"
    "input (a gzip member or zstd frame that fails its check) is reported with\n"
    "its offset and counted as unreadable; the records after it are read.\n"
    "A summary line goes to stderr.\n"
    "\n"
    "Options:\n"
    "      --threshold J     Jaccard similarity that makes a copy (default 0.8)\n"
    "      --containment C   also a copy when |A^B|/|smaller| >= C (e.g. 0.8)\n"
    "      --drop            write only the canonical records, whole\n"
    "      --report FILE     one JSON line per cluster of 2 or more: its members'\n"
    "                        id, site, date, byline, wire, length, and where the\n"
    "                        copies disagree (wire, byline, date)\n"
    "      --signatures-out FILE  write the records' signatures to FILE\n"
    "      --signatures      the inputs are signature files, not records\n"
    "      --field NAME      the text field (default \"text\")\n"
    "      --id-field NAME   the id field copied to the output (default \"id\")\n"
    "  -o, --output FILE     write to FILE (.gz/.zst compress) instead of stdout\n"
    "      --max-errors N    stop reading after N unreadable records or files\n"
    "                        (exit 3); the records read so far are written\n"
    "  -h, --help            show this help\n"
    "\n"
    "Exit status: 0 success; 1 some records could not be read (reported);\n"
    "2 usage or I/O error.\n";


/* ---- base64 (the signature's 256 bytes) ---------------------------------- */

static const char S_b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void S_b64_put(cli_buf *b, const unsigned char *p, size_t n) {
  char out[4];
  for (size_t i = 0; i < n; i += 3) {
    unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) |
                 (i + 2 < n ? p[i + 2] : 0);
    out[0] = S_b64[v >> 18 & 63];
    out[1] = S_b64[v >> 12 & 63];
    out[2] = i + 1 < n ? S_b64[v >> 6 & 63] : '=';
    out[3] = i + 2 < n ? S_b64[v & 63] : '=';
    cli_buf_put(b, out, 4);
  }
}

static int S_b64_val(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

/* Decode exactly cap bytes; -1 when s is not that. */
static int S_b64_get(const char *s, size_t n, unsigned char *out, size_t cap) {
  size_t o = 0;
  unsigned v = 0;
  int bits = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '=') break;
    int x = S_b64_val(s[i]);
    if (x < 0) return -1;
    v = (v << 6) | (unsigned)x;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (o >= cap) return -1;
      out[o++] = (unsigned char)(v >> bits);
    }
  }
  return o == cap ? 0 : -1;
}

/* The host of a URL, into out (empty when none). */
static void S_host(const char *u, char *out, size_t cap) {
  out[0] = 0;
  if (!u) return;
  const char *p = strstr(u, "://");
  if (!p) return;
  p += 3;
  size_t n = 0;
  while (p[n] && p[n] != '/' && p[n] != ':' && p[n] != '?' && p[n] != '#' && n + 1 < cap) {
    char c = p[n];
    out[n] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    n++;
  }
  out[n] = 0;
  char *at = strrchr(out, '@');
  if (at) memmove(out, at + 1, strlen(at + 1) + 1);
}

int pith_sig_line(cli_buf *b, const char *text, size_t len, const uint16_t *sig,
                  uint32_t shingles, const pith_sig_facts *f) {
  uint16_t mine[PITH_DEDUP_K];
  if (!sig) {
    if (pith_dedup_sign(text, len, mine, &shingles) == PITH_OK) sig = mine;
    else shingles = 0;
  }
  int first = 1;
  cli_buf_putc(b, '{');
  cli_json_key(b, &first, "id");
  if (f->id) cli_buf_json(b, f->id, strlen(f->id));
  else cli_buf_puts(b, "null");
  if (sig && shingles) {
    unsigned char raw[PITH_DEDUP_K * 2];
    for (int k = 0; k < PITH_DEDUP_K; k++) {
      raw[2 * k] = (unsigned char)(sig[k] & 0xFF);
      raw[2 * k + 1] = (unsigned char)(sig[k] >> 8);
    }
    cli_buf_puts(b, ",\"sig\":\"");
    S_b64_put(b, raw, sizeof raw);
    cli_buf_putc(b, '"');
    cli_json_kn(b, &first, "shingles", shingles);
  }
  char host[256], chost[256];
  S_host(f->url, host, sizeof host);
  S_host(f->canonical_url, chost, sizeof chost);
  if (*host) cli_json_kv(b, &first, "host", host);
  if (*chost && strcmp(chost, host)) cli_json_kv(b, &first, "canonical_host", chost);
  if (f->site_name && *f->site_name) cli_json_kv(b, &first, "site_name", f->site_name);
  if (f->date && *f->date) cli_json_kv(b, &first, "date", f->date);
  if (f->length) cli_json_kn(b, &first, "length", f->length);
  if (f->wire && *f->wire) cli_json_kv(b, &first, "wire", f->wire);
  if (f->byline && *f->byline) cli_json_kv(b, &first, "byline", f->byline);
  if (f->truncated) cli_buf_puts(b, ",\"truncated\":true");
  cli_buf_puts(b, "}\n");
  return b->err ? -1 : 0;
}

/* ---- per-record facts ------------------------------------------------------ */

typedef struct facts {
  const char *text;
  size_t tn;
  pith_sig_facts f;
  const uint16_t *sig; /* signature input */
  uint32_t shingles;
  uint16_t sigbuf[PITH_DEDUP_K];
  char host[256], chost[256]; /* signature input: hosts as URLs for the rule */
  cli_buf by;                 /* authors joined */
} facts;

static const char *S_str(const pith_json *root, const char *key) {
  return pith_json_str(pith_json_get(root, key), NULL);
}

/* A truncated field that says so: true, or a non-empty string. */
static int S_truthy(const pith_json *v) {
  if (!v) return 0;
  if (v->type == PITH_JSON_BOOL) return v->b;
  if (v->type == PITH_JSON_STR) return v->len > 0;
  return 0;
}

static void S_record_facts(facts *x, const pith_json *root, const char *field, const char *idfield) {
  x->text = pith_json_str(pith_json_get(root, field), &x->tn);
  x->f.id = S_str(root, idfield);
  x->f.url = S_str(root, "url");
  x->f.canonical_url = S_str(root, "canonical_url");
  x->f.site_name = S_str(root, "site_name");
  x->f.date = S_str(root, "date");
  x->f.wire = S_str(root, "wire");
  x->f.byline = S_str(root, "byline");
  const pith_json *au = pith_json_get(root, "authors");
  if (au && au->type == PITH_JSON_ARR) {
    x->by.len = 0;
    for (const pith_json *e = au->child; e; e = e->next) {
      if (e->type != PITH_JSON_STR || !e->len) continue;
      if (x->by.len) cli_buf_puts(&x->by, "; ");
      cli_buf_put(&x->by, e->s, e->len);
    }
    if (x->by.len && !x->by.err) {
      cli_buf_putc(&x->by, '\0');
      x->by.len--;
      x->f.byline = x->by.p;
    }
  }
  x->f.length = x->text ? x->tn : 0;
  x->f.truncated = S_truthy(pith_json_get(root, "truncated"));
}

/* A signature line's facts; -1 when it is not one. */
static int S_sig_facts(facts *x, const pith_json *root) {
  x->f.id = S_str(root, "id");
  size_t n = 0;
  const char *sig = pith_json_str(pith_json_get(root, "sig"), &n);
  x->sig = NULL;
  x->shingles = 0;
  if (sig) {
    unsigned char raw[PITH_DEDUP_K * 2];
    if (S_b64_get(sig, n, raw, sizeof raw)) return -1;
    for (int k = 0; k < PITH_DEDUP_K; k++)
      x->sigbuf[k] = (uint16_t)(raw[2 * k] | raw[2 * k + 1] << 8);
    double sh = pith_json_num(pith_json_get(root, "shingles"));
    if (!(sh >= 1 && sh < 4294967296.0)) return -1;
    x->shingles = (uint32_t)sh;
    x->sig = x->sigbuf;
  }
  const char *h = S_str(root, "host"), *ch = S_str(root, "canonical_host");
  snprintf(x->host, sizeof x->host, "%s%s", h ? "http://" : "", h ? h : "");
  snprintf(x->chost, sizeof x->chost, "%s%s", ch ? "http://" : "", ch ? ch : "");
  x->f.url = h ? x->host : NULL;
  x->f.canonical_url = ch ? x->chost : NULL;
  x->f.site_name = S_str(root, "site_name");
  x->f.date = S_str(root, "date");
  x->f.wire = S_str(root, "wire");
  x->f.byline = S_str(root, "byline");
  double len = pith_json_num(pith_json_get(root, "length"));
  x->f.length = len > 0 && len < 1e15 ? (size_t)len : 0;
  x->f.truncated = S_truthy(pith_json_get(root, "truncated"));
  return 0;
}

/* ---- per-record strings kept for the output -------------------------------- */

/* Per record: id (and for --report host, date, byline, wire), NUL-separated. */
enum { S_ID = 0, S_HOST, S_DATE, S_BYLINE, S_WIRE, S_NFIELDS };
typedef struct strtab {
  pith_buf s;
  uint64_t *off; /* per record: offset in s + 1, 0 = nothing kept */
  uint32_t *len; /* text length (--report) */
  size_t n, cap;
  int full;      /* keep every field, not only the id */
} strtab;

static int S_push(strtab *t, const facts *x, int have) {
  if (t->n == t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 4096;
    uint64_t *o = realloc(t->off, cap * sizeof *o);
    if (!o) return -1;
    t->off = o;
    uint32_t *l = realloc(t->len, cap * sizeof *l);
    if (!l) return -1;
    t->len = l;
    t->cap = cap;
  }
  t->len[t->n] = have && x->f.length < 0xFFFFFFFFu ? (uint32_t)x->f.length : 0;
  if (!have) {
    t->off[t->n++] = 0;
    return 0;
  }
  t->off[t->n++] = (uint64_t)t->s.len + 1;
  const char *id = x->f.id ? x->f.id : "";
  pith_buf_putc(&t->s, x->f.id ? 'i' : 'n'); /* an id "" and no id differ */
  pith_buf_put(&t->s, id, strlen(id) + 1);
  if (t->full) {
    char host[256];
    S_host(x->f.url ? x->f.url : x->f.canonical_url, host, sizeof host);
    const char *v[] = {host, x->f.date, x->f.byline, x->f.wire};
    for (int k = 0; k < 4; k++) pith_buf_put(&t->s, v[k] ? v[k] : "", strlen(v[k] ? v[k] : "") + 1);
  }
  return t->s.err ? -1 : 0;
}

/* Field k of record i ("" when absent); the id is NULL when there is none. */
static const char *S_get(const strtab *t, size_t i, int k) {
  if (!t->off[i]) return k == S_ID ? NULL : "";
  const char *p = t->s.p + t->off[i] - 1;
  if (k == S_ID) return *p == 'i' ? p + 1 : NULL;
  if (!t->full) return "";
  p++;
  for (int j = 0; j < k; j++) p += strlen(p) + 1;
  return p;
}

/* ---- the cluster report ------------------------------------------------------ */

/* Distinct values of field k among the members (case-insensitive; "" is a
 * value of its own when some member has one and another has none). */
static size_t S_distinct(const strtab *t, const uint32_t *mem, size_t n, int k, int day) {
  size_t d = 0;
  for (size_t i = 0; i < n; i++) {
    const char *a = S_get(t, mem[i], k);
    size_t an = day && strlen(a) > 10 ? 10 : strlen(a);
    int seen = 0;
    for (size_t j = 0; j < i && !seen; j++) {
      const char *b = S_get(t, mem[j], k);
      size_t bn = day && strlen(b) > 10 ? 10 : strlen(b);
      seen = an == bn && !strncasecmp(a, b, an);
    }
    d += !seen;
  }
  return d;
}

static int S_report(cli_out *o, pith_dedup *dd, const strtab *t) {
  size_t n = pith_dedup_count(dd);
  /* members grouped by cluster: counting sort by cluster number */
  uint32_t *start = calloc(n + 1, sizeof *start), *mem = malloc((n ? n : 1) * sizeof *mem);
  if (!start || !mem) {
    free(start);
    free(mem);
    return -1;
  }
  for (size_t i = 0; i < n; i++) start[pith_dedup_cluster(dd, i) + 1]++;
  for (size_t i = 0; i < n; i++) start[i + 1] += start[i];
  uint32_t *fill = malloc((n ? n : 1) * sizeof *fill);
  if (!fill) {
    free(start);
    free(mem);
    return -1;
  }
  memcpy(fill, start, n * sizeof *fill);
  for (size_t i = 0; i < n; i++) mem[fill[pith_dedup_cluster(dd, i)]++] = (uint32_t)i;
  free(fill);
  cli_buf b = {0};
  int rc = 0;
  static const char *names[] = {"id", "site", "date", "byline", "wire"};
  for (size_t c = 0; c < n && !rc; c++) {
    size_t k = start[c + 1] - start[c];
    if (k < 2) continue;
    const uint32_t *m = mem + start[c];
    size_t canon = pith_dedup_canonical(dd, c);
    b.len = 0;
    int first = 1;
    cli_buf_putc(&b, '{');
    cli_json_kn(&b, &first, "cluster", c);
    cli_json_kn(&b, &first, "size", k);
    cli_json_kn(&b, &first, "canonical", canon);
    cli_buf_puts(&b, ",\"members\":[");
    for (size_t j = 0; j < k; j++) {
      int f2 = 1;
      cli_buf_puts(&b, j ? ",{" : "{");
      cli_json_kn(&b, &f2, "n", m[j]);
      for (int fi = 0; fi < S_NFIELDS; fi++) {
        const char *v = S_get(t, m[j], fi);
        cli_json_key(&b, &f2, names[fi]);
        if (v && (fi == S_ID || *v)) cli_buf_json(&b, v, strlen(v));
        else cli_buf_puts(&b, "null");
      }
      cli_json_kn(&b, &f2, "length", t->len[m[j]]);
      double sim = pith_dedup_similarity(dd, m[j], canon);
      if (sim >= 0) cli_buf_printf(&b, ",\"similarity\":%.3f", sim);
      cli_buf_puts(&b, "}");
    }
    cli_buf_puts(&b, "],\"disagree\":[");
    int any = 0;
    static const struct { int k; const char *name; int day; } dis[] = {
      {S_WIRE, "wire", 0}, {S_BYLINE, "byline", 0}, {S_DATE, "date", 1}, {S_HOST, "site", 0}};
    for (size_t q = 0; q < 3; q++) { /* copies on many sites are the point: site is no disagreement */
      if (S_distinct(t, m, k, dis[q].k, dis[q].day) < 2) continue;
      cli_buf_printf(&b, "%s\"%s\"", any ? "," : "", dis[q].name);
      any = 1;
    }
    (void)dis[3];
    cli_buf_puts(&b, "]}\n");
    if (b.err) rc = -1;
    else if (cli_out_write(o, b.p, b.len)) rc = -2;
  }
  cli_buf_free(&b);
  free(start);
  free(mem);
  return rc;
}
/* A damaged stretch of compressed input: reported (the message names its
 * offset and the lines lost with it) and counted as unreadable. */
typedef struct dmg_ctx {
  const char *file;
  unsigned long long *bad;
} dmg_ctx;
static void S_on_damage(void *ud, const char *msg) {
  dmg_ctx *d = ud;
  cli_err("%s: %s", d->file, msg);
  (*d->bad)++;
}


typedef struct opts {
  const char *field, *idfield, *outpath, *report, *sigout;
  double threshold, containment;
  int drop, siginput;
  size_t max_errors;
} opts;

/* One pass over the inputs. pass 1 adds every record (and writes its
 * signature line); pass 2 (--drop) writes the canonical records. Both see
 * the same records in the same order: the same lines are skipped. */
typedef struct run {
  const opts *o;
  pith_dedup *dd;
  strtab ids;
  cli_out sig, out;
  int sig_open;
  unsigned long long bad, signed_docs, written_records;
  size_t n2; /* pass 2: record number */
  int rc, limit_hit;
  cli_buf line; /* pass 2: the line and its newline */
  FILE *spool; /* --drop from stdin: pass 1 keeps the lines here */
  char spool_path[64];
} run;

static int S_line(run *R, int pass, const char *shown, uint64_t lineno, const char *line, size_t len,
                  unsigned fl, pith_arena *arena, facts *x) {
  const opts *o = R->o;
  pith_arena_reset(arena);
  pith_json *root = NULL;
  int bad_json = (fl & PITH_ZIO_LINE_CUT) ||
                 pith_json_parse(line, len, arena, 64, len + 1, &root) != PITH_JSON_OK || !root ||
                 root->type != PITH_JSON_OBJ;
  if (bad_json && (fl & (PITH_ZIO_LINE_DAMAGED | PITH_ZIO_LINE_UNCHECKED))) {
    /* the rest of a record cut by damaged compressed data: not a record */
    if (pass == 1) {
      cli_err("%s:%llu: damaged data after a damaged stretch of compressed input: skipped", shown,
              (unsigned long long)lineno);
      R->bad++;
    }
    return 0;
  }
  if (pass == 2) {
    size_t i = R->n2++;
    if (bad_json || i >= pith_dedup_count(R->dd) || pith_dedup_canonical(R->dd, i) != i) return 0;
    R->line.len = 0;
    cli_buf_put(&R->line, line, len);
    cli_buf_putc(&R->line, '\n');
    if (R->line.err) {
      cli_err("out of memory");
      R->rc = PITH_EXIT_SYSTEM;
      return -1;
    }
    if (cli_out_write(&R->out, R->line.p, R->line.len)) {
      R->rc = PITH_EXIT_OUTPUT;
      return -1;
    }
    R->written_records++;
    return 0;
  }
  memset(&x->f, 0, sizeof x->f);
  x->text = NULL;
  x->tn = 0;
  x->sig = NULL;
  x->shingles = 0;
  if (!bad_json && o->siginput) {
    if (pith_json_get(root, "pith_signatures")) {
      double v = pith_json_num(pith_json_get(root, "pith_signatures"));
      double k = pith_json_num(pith_json_get(root, "k"));
      if (v != PITH_SIG_VERSION || k != PITH_DEDUP_K) {
        cli_err("%s:%llu: signature format %g with k=%g; this pith reads version %d, k=%d", shown,
                (unsigned long long)lineno, v, k, PITH_SIG_VERSION, PITH_DEDUP_K);
        R->rc = PITH_EXIT_SOME_FAILED;
        return 1; /* stop reading this file */
      }
      return 0;
    }
    if (S_sig_facts(x, root)) bad_json = 2;
  } else if (!bad_json) {
    S_record_facts(x, root, o->field, o->idfield);
  }
  if (bad_json) {
    cli_err("%s:%llu: not a %s%s; it gets a cluster of its own", shown, (unsigned long long)lineno,
            bad_json == 2 ? "signature line" : "JSON object",
            (fl & PITH_ZIO_LINE_CUT) ? " (line too long)" : "");
    R->bad++;
    memset(&x->f, 0, sizeof x->f);
  }
  pith_dedup_meta m = {x->f.url, x->f.canonical_url, x->f.site_name, x->f.wire, x->f.date,
                       x->f.length, x->f.truncated};
  size_t idx;
  pith_status st;
  if (o->siginput) {
    st = pith_dedup_add_signature(R->dd, x->sig, x->shingles, &m, &idx);
  } else {
    uint16_t sig[PITH_DEDUP_K];
    uint32_t sh = 0;
    st = pith_dedup_sign(x->text, x->text ? x->tn : 0, sig, &sh);
    if (st == PITH_OK || st == PITH_NO_CONTENT) {
      if (R->sig_open) {
        cli_buf b = {0};
        pith_sig_line(&b, NULL, 0, st == PITH_OK ? sig : NULL, st == PITH_OK ? sh : 0, &x->f);
        int werr = b.err ? -2 : cli_out_write(&R->sig, b.p, b.len);
        cli_buf_free(&b);
        if (werr == -2) st = PITH_ERR_NOMEM;
        else if (werr) {
          R->rc = PITH_EXIT_OUTPUT;
          return -1;
        }
      }
      if (st == PITH_OK || st == PITH_NO_CONTENT)
        st = pith_dedup_add_signature(R->dd, st == PITH_OK ? sig : NULL, sh, &m, &idx);
    }
  }
  if (st == PITH_OK) R->signed_docs++;
  else if (st != PITH_NO_CONTENT) {
    cli_err("dedup: %s", pith_status_str(st));
    R->rc = PITH_EXIT_SYSTEM;
    return -1;
  }
  if (S_push(&R->ids, x, !bad_json)) {
    cli_err("out of memory");
    R->rc = PITH_EXIT_SYSTEM;
    return -1;
  }
  if (R->spool && (fwrite(line, 1, len, R->spool) != len || fputc('\n', R->spool) == EOF)) {
    cli_err("dedup: cannot keep stdin for --drop: %s", strerror(errno));
    R->rc = PITH_EXIT_SYSTEM;
    return -1;
  }
  return 0;
}

static void S_pass(run *R, int pass, const char **files, int nfiles, pith_arena *arena, facts *x) {
  const opts *o = R->o;
  for (int f = 0; f < nfiles && !R->limit_hit; f++) {
    if (pass == 1 && o->max_errors && R->bad >= o->max_errors) { /* only when there is more to read */
      R->limit_hit = 1;
      break;
    }
    char err[256];
    errno = 0;
    const char *path = files[f];
    if (pass == 2 && !strcmp(path, "-")) path = R->spool_path;
    unsigned long long bad2 = 0;
    pith_zio_reader *r = pith_zio_open_read(path, 0, err, sizeof err);
    if (!r) {
      if (pass == 2) continue; /* reported in pass 1 */
      cli_err("%s", err);
      if (errno == ENOMEM) {
        R->rc = PITH_EXIT_SYSTEM;
        break;
      }
      R->rc = PITH_EXIT_SOME_FAILED;
      R->bad++;
      continue;
    }
    dmg_ctx d = {files[f], pass == 1 ? &R->bad : &bad2};
    if (pass == 1) pith_zio_on_damage(r, S_on_damage, &d);
    const char *shown = strcmp(files[f], "-") ? files[f] : "(stdin)";
    const char *line;
    size_t len;
    unsigned fl;
    int k, stop = 0;
    while (!stop && (k = pith_zio_getline(r, &line, &len, &fl)) > 0) {
      if (pass == 1 && o->max_errors && R->bad >= o->max_errors) { /* the damage callback counts too */
        R->limit_hit = 1;
        break;
      }
      stop = S_line(R, pass, shown, pith_zio_lineno(r), line, len, fl, arena, x);
      if (stop < 0) break;
    }
    if (pass == 1 && k < 0) {
      cli_err("%s: %s", files[f], pith_zio_reader_error(r));
      R->bad++;
      R->rc = pith_zio_reader_nomem(r) ? PITH_EXIT_SYSTEM : PITH_EXIT_SOME_FAILED;
    }
    pith_zio_close_read(r);
    if (stop < 0 || R->rc == PITH_EXIT_SYSTEM || R->rc == PITH_EXIT_OUTPUT) break;
  }
}

static int S_num_opt(const char *name, const char *v, double *out, int zero_ok) {
  char *end = NULL;
  double x = v ? strtod(v, &end) : -1;
  if (!v || end == v || *end || !(x >= 0 && x <= 1) || (!zero_ok && x == 0)) {
    cli_err("dedup: %s wants a number in (0,1], not '%s'", name, v ? v : "");
    return -1;
  }
  *out = x;
  return 0;
}

int pith_cmd_dedup(int argc, char **argv) {
  opts o = {"text", "id", "-", NULL, NULL, 0.8, 0, 0, 0, 0};
  const char **files = calloc((size_t)argc + 1, sizeof *files);
  int nfiles = 0;
  if (!files) return PITH_EXIT_USAGE;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *eq = strchr(a, '=');
    size_t an = eq && a[0] == '-' && a[1] == '-' ? (size_t)(eq - a) : strlen(a);
#define OPT(name) (strlen(name) == an && !strncmp(a, name, an))
#define VAL() (eq && an < strlen(a) ? eq + 1 : i + 1 < argc ? argv[++i] : NULL)
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      fputs(S_help, stdout);
      fputs("\n" PITH_EXIT_HELP, stdout);
      free(files);
      return 0;
    } else if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
      printf("pith %s\n", pith_version());
      free(files);
      return 0;
    } else if (OPT("--field") && (o.field = VAL())) {
    } else if (OPT("--id-field") && (o.idfield = VAL())) {
    } else if ((OPT("-o") || OPT("--output")) && (o.outpath = VAL())) {
    } else if (OPT("--report") && (o.report = VAL())) {
    } else if (OPT("--signatures-out") && (o.sigout = VAL())) {
    } else if (!strcmp(a, "--signatures")) {
      o.siginput = 1;
    } else if (!strcmp(a, "--drop")) {
      o.drop = 1;
    } else if (OPT("--threshold")) {
      if (S_num_opt("--threshold", VAL(), &o.threshold, 0)) goto usage;
    } else if (OPT("--containment")) {
      if (S_num_opt("--containment", VAL(), &o.containment, 1)) goto usage;
    } else if (OPT("--max-errors")) {
      const char *v = VAL();
      if (!v || cli_parse_uint(v, &o.max_errors) || !o.max_errors) {
        cli_err("dedup: --max-errors wants a positive number, not '%s'", v ? v : "");
        goto usage;
      }
    } else if (a[0] == '-' && a[1]) {
      cli_err("dedup: unknown option or missing value '%s' (try 'pith dedup --help')", a);
      goto usage;
    } else {
      files[nfiles++] = a;
    }
#undef OPT
#undef VAL
  }
  if (!nfiles) files[nfiles++] = "-";
  if (!o.field || !*o.field || !o.idfield || !o.outpath) {
    cli_err("dedup: --field needs a name");
    goto usage;
  }
  if (o.drop && o.siginput) {
    cli_err("dedup: --drop needs the records' texts, not signatures: cluster the signatures, then "
            "keep the records whose line says \"duplicate\":false (see pith dedup --help)");
    goto usage;
  }
  if (o.sigout && o.siginput) {
    cli_err("dedup: --signatures-out with --signatures: the inputs are signatures already");
    goto usage;
  }
  int nstdin = 0;
  for (int f = 0; f < nfiles; f++) nstdin += !strcmp(files[f], "-");
  if (o.drop && nstdin > 1) {
    cli_err("dedup: stdin named twice with --drop");
    goto usage;
  }

  run R;
  memset(&R, 0, sizeof R);
  R.o = &o;
  pith_buf_init(&R.ids.s, 0);
  R.ids.full = o.report != NULL;
  cli_out rep;
  memset(&rep, 0, sizeof rep);
  if (cli_out_open(&R.out, o.outpath, 0, UINT64_MAX)) { /* before reading anything (reported) */
    free(files);
    return PITH_EXIT_OUTPUT;
  }
  int rc = PITH_EXIT_OK;
  size_t n = 0, clusters = 0, dups = 0, largest = 0;
  if (o.sigout) {
    if (cli_out_open(&R.sig, o.sigout, 0, UINT64_MAX)) {
      rc = PITH_EXIT_OUTPUT;
      goto done;
    }
    R.sig_open = 1;
    if (cli_out_write(&R.sig, PITH_SIG_HEADER, strlen(PITH_SIG_HEADER))) {
      rc = PITH_EXIT_OUTPUT;
      goto done;
    }
  }
  if (o.report && cli_out_open(&rep, o.report, 0, UINT64_MAX)) {
    rc = PITH_EXIT_OUTPUT;
    goto done;
  }
  if (o.drop && nstdin) {
    const char *tmp = getenv("TMPDIR");
    snprintf(R.spool_path, sizeof R.spool_path, "%s/pith-dedup-XXXXXX",
             tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
    int fd = mkstemp(R.spool_path);
    if (fd < 0 || !(R.spool = fdopen(fd, "w"))) {
      cli_err("dedup: cannot keep stdin for --drop in %s: %s", R.spool_path, strerror(errno));
      rc = PITH_EXIT_OUTPUT;
      goto done;
    }
  }
  R.dd = pith_dedup_new_with(o.threshold, o.containment);
  if (!R.dd) {
    cli_err("out of memory");
    rc = PITH_EXIT_SYSTEM;
    goto done;
  }
  pith_arena arena;
  pith_arena_init(&arena, 0);
  facts x;
  memset(&x, 0, sizeof x);
  S_pass(&R, 1, files, nfiles, &arena, &x);
  rc = R.rc;
  if (R.limit_hit)
    cli_err("dedup: stopped after %llu unreadable (--max-errors %zu)", R.bad, o.max_errors);
  if (R.spool && fclose(R.spool)) {
    cli_err("dedup: cannot keep stdin for --drop: %s", strerror(errno));
    rc = cli_exit_merge(rc, PITH_EXIT_SYSTEM);
  }
  R.spool = NULL;
  n = pith_dedup_count(R.dd);
  if (rc != PITH_EXIT_SYSTEM && rc != PITH_EXIT_OUTPUT && n && pith_dedup_cluster(R.dd, 0) == (size_t)-1) {
    cli_err("out of memory");
    rc = PITH_EXIT_SYSTEM;
  }
  if (rc != PITH_EXIT_SYSTEM && rc != PITH_EXIT_OUTPUT) {
    cli_buf b = {0};
    for (size_t i = 0; i < n; i++) {
      size_t c = pith_dedup_cluster(R.dd, i), sz = pith_dedup_cluster_size(R.dd, i);
      size_t can = pith_dedup_canonical(R.dd, i);
      if (c == i) clusters++;
      if (can != i) dups++;
      if (sz > largest) largest = sz;
      if (o.drop) continue;
      b.len = 0;
      int first = 1;
      cli_buf_putc(&b, '{');
      cli_json_kn(&b, &first, "n", i);
      const char *id = S_get(&R.ids, i, S_ID);
      cli_json_key(&b, &first, "id");
      if (id) cli_buf_json(&b, id, strlen(id));
      else cli_buf_puts(&b, "null");
      cli_json_kn(&b, &first, "cluster", c);
      cli_json_kn(&b, &first, "cluster_size", sz);
      cli_buf_puts(&b, can != i ? ",\"duplicate\":true" : ",\"duplicate\":false");
      cli_json_kn(&b, &first, "canonical", can);
      const char *cid = can != i ? S_get(&R.ids, can, S_ID) : NULL;
      cli_json_key(&b, &first, "duplicate_of");
      if (cid) cli_buf_json(&b, cid, strlen(cid));
      else cli_buf_puts(&b, "null");
      cli_buf_puts(&b, "}\n");
      if (b.err) {
        cli_err("out of memory");
        rc = PITH_EXIT_SYSTEM;
        break;
      }
      if (cli_out_write(&R.out, b.p, b.len)) { /* reported with its errno */
        rc = PITH_EXIT_OUTPUT;
        break;
      }
    }
    cli_buf_free(&b);
    if (o.drop && rc != PITH_EXIT_SYSTEM) {
      R.rc = 0;
      S_pass(&R, 2, files, nfiles, &arena, &x);
      if (R.rc) rc = cli_exit_merge(rc, R.rc);
      else if (R.out.err) rc = cli_exit_merge(rc, PITH_EXIT_OUTPUT);
    }
    if (o.report && rc != PITH_EXIT_SYSTEM) {
      int e = S_report(&rep, R.dd, &R.ids);
      if (e == -1) {
        cli_err("out of memory");
        rc = cli_exit_merge(rc, PITH_EXIT_SYSTEM);
      } else if (e) {
        rc = cli_exit_merge(rc, PITH_EXIT_OUTPUT);
      }
    }
  }
  pith_arena_free(&arena);
  cli_buf_free(&x.by);
done:
  if (R.spool) fclose(R.spool);
  if (R.spool_path[0]) remove(R.spool_path);
  if (cli_out_close(&R.out)) rc = cli_exit_merge(rc, PITH_EXIT_OUTPUT);
  if (R.sig_open && cli_out_close(&R.sig)) rc = cli_exit_merge(rc, PITH_EXIT_OUTPUT);
  if (o.report && cli_out_close(&rep)) rc = cli_exit_merge(rc, PITH_EXIT_OUTPUT);
  fprintf(stderr,
          "{\"records\":%zu,\"with_signature\":%llu,\"unreadable\":%llu,\"clusters\":%zu,"
          "\"duplicates\":%zu,\"largest_cluster\":%zu",
          n, R.signed_docs, R.bad, clusters, dups, largest);
  if (o.drop && !R.out.err) fprintf(stderr, ",\"written\":%llu", R.written_records);
  if (R.out.err) /* the lines in the output, and why the rest are not */
    fprintf(stderr, ",\"written\":%llu,\"write_errors\":1,\"output_error\":\"%s\"",
            (unsigned long long)R.out.written, R.out.err == EPIPE ? "EPIPE" : strerror(R.out.err));
  fputs("}\n", stderr);
  if (rc == PITH_EXIT_OK && R.bad) rc = PITH_EXIT_SOME_FAILED;
  if (R.limit_hit) rc = cli_exit_merge(rc, PITH_EXIT_LIMIT);
  cli_buf_free(&R.line);
  pith_buf_free(&R.ids.s);
  free(R.ids.off);
  free(R.ids.len);
  pith_dedup_free(R.dd);
  free(files);
  return rc;
usage:
  free(files);
  return PITH_EXIT_USAGE;
}
