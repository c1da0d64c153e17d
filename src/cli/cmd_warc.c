/* cmd_warc.c - pith warc: WARC archives to JSONL shards.
 *
 * One reader (the main thread) walks the archives in order and turns every
 * record into a slot of a small ring: either a skip with its reason, a
 * damage report, or a page to extract. Worker threads (one pith_extractor
 * each) extract and render pages; the main thread writes finished slots
 * strictly in ring order, so the output is the same for any --jobs. Every
 * record ends up written or skipped with a counted reason. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/dedup_sig.h"
#include "cli/util.h"
#include "core/core.h"
#include "input/http.h"
#include "input/warc.h"
#include "input/zio.h"
#include "meta/json.h"
#include "pith.h"

static const char S_help[] =
    "Usage: pith warc [OPTIONS] FILE.warc[.gz]... -o OUT.jsonl[.gz|.zst]\n"
    "\n"
    "Extract every HTML page of WARC archives into one JSONL file: one line per\n"
    "page with its WARC-Record-ID as \"id\", \"url\", \"warc_date\", \"warc_file\",\n"
    "\"warc_offset\" (where the record starts), \"text\" and every metadata field\n"
    "of 'pith extract'. Lines come out in archive order, and every\n"
    "record is either written or skipped with a counted reason.\n"
    "\n"
    "Input: WARC 1.0/1.1 (also 0.17/0.18), uncompressed, gzip per record (the\n"
    "Common Crawl layout), whole-file gzip, zstd (one frame, or one per record),\n"
    "or '-' for stdin; the compression is sniffed from the bytes, not the file\n"
    "name. A page is a 'response' record\n"
    "holding an HTTP response with an accepted status whose body, after undoing\n"
    "chunked transfer coding and gzip/deflate/zstd content coding, looks like\n"
    "HTML: the bytes decide, not the Content-Type label (a PDF labelled text/html\n"
    "is skipped; an untyped body starting with <!DOCTYPE html> is a page).\n"
    "WET files (Common Crawl's text extracts: 'conversion' records of\n"
    "text/plain) are flattened pages: they go through text mode, as in\n"
    "'pith clean', and come out in the same record schema.\n"
    "\n"
    "Output and options:\n"
    "  -o, --output FILE   where the JSONL goes ('-' = stdout, the default).\n"
    "                      FILE.gz is written as gzip, FILE.zst as zstd. Lines are\n"
    "                      written whole: after a write error or an interruption\n"
    "                      the file never ends in half a line (a compressed file\n"
    "                      is written in independent members/frames).\n"
    "  -j, --jobs N        extract on N threads (default 1; 0 = one per CPU). The\n"
    "                      output is byte-identical for every N.\n"
    "      --rejects FILE  also write one JSON line per skipped record and per\n"
    "                      damaged stretch of input: file, offset, id, url, type,\n"
    "                      status, reason, detail.\n"
    "      --status LIST   HTTP statuses to extract, e.g. 200,203 or 2xx\n"
    "                      (default 200).\n"
    "      --lang LIST     keep only pages whose detected language is in LIST\n"
    "                      (comma-separated: en,de; 'en' matches en-US; 'und'\n"
    "                      matches pages with no language).\n"
    "      --min-length N  keep only pages with at least N characters of text.\n"
    "      --skip-existing resume: keep the complete lines already in OUT (a\n"
    "                      half-written tail is cut off), skip the records up to\n"
    "                      the one the last line came from (its warc_file and\n"
    "                      warc_offset, not its id: ids repeat), and append the\n"
    "                      rest. Needs the same inputs and options as the first\n"
    "                      run.\n"
    "      --no-verify-digests  do not check sha1 WARC-Block-Digest headers (nor\n"
    "                      WARC-Payload-Digest, checked where a record has no\n"
    "                      block digest): a mismatch otherwise counts as damage\n"
    "      --max-errors N  stop after N records or files have failed (exit 3);\n"
    "                      the lines already written stay whole\n"
    "      --source NAME   the \"source\" string of every line (default \"pith\";\n"
    "                      dolma wants the corpus name there)\n"
    "      --keep-damaged  extract damaged records too (a record cut by a gzip\n"
    "                      error, a truncated file or a wrong Content-Length),\n"
    "                      marked with \"warc_damage\". Off by default: a damaged\n"
    "                      record is skipped and counted.\n"
    "      --max-payload SIZE  largest record block / decoded body read (default\n"
    "                      16M); a bigger page is skipped as too_large.\n"
    "      --parser NAME       html5 (default) or libxml2: the HTML parser\n"
    "      --max-input SIZE    largest page handed to the extractor (default 64M).\n"
    "      --timeout SECONDS   time budget per page (default none).\n"
    "      --comments, --no-tables, --recall, --precision\n"
    "                      extraction options, as for 'pith extract'.\n"
    "  -l, --level N       compression level of a .gz (1-9) or .zst (1-19) output.\n"
    "      --list          do not extract: write one JSON line per record and per\n"
    "                      damage report (offset, type, id, url, status, sizes,\n"
    "                      flags, error) - an index for looking inside archives.\n"
    "      --signatures FILE  also write each written page's dedup signature to\n"
    "                      FILE (the format of 'pith dedup --signatures-out';\n"
    "                      merge shards with 'pith dedup --signatures').\n"
    "      --dedup         drop near-duplicate pages among the pages of this run:\n"
    "                      only the canonical page of each cluster is written\n"
    "                      (the rule and --threshold/--containment of 'pith\n"
    "                      dedup'); the others are skipped as \"duplicate\", with\n"
    "                      the canonical page's id as the reject's detail. Lines\n"
    "                      wait in a temporary file (TMPDIR) until the end.\n"
    "      --threshold J, --containment C  similarity for --dedup.\n"
    "      --progress, --no-progress\n"
    "                      progress bar on stderr (default: only on a terminal).\n"
    "  -q, --quiet         do not print each damage report on stderr.\n"
    "  -h, --help          show this help.\n"
    "\n"
    "Records that are not pages are skipped, counted by reason: their WARC-Type\n"
    "(warcinfo, request, metadata, revisit, resource, conversion, continuation,\n"
    "other_type), not_http, status, empty, not_html, no_content (no article\n"
    "found), lang, min_length, existing (--skip-existing), and the failures\n"
    "damaged, http_decode (undecodable body, e.g. brotli), too_large and\n"
    "extract_error.\n"
    "\n"
    "Damage: a corrupt or truncated gzip member, a CRC mismatch, a Content-Length\n"
    "that does not match, garbage between records or a file that is not a WARC\n"
    "is reported on stderr with its byte offset (and in --rejects); reading\n"
    "resumes at the next record (the next gzip member that inflates to\n"
    "\"WARC/\", or the next \"WARC/\" line), so every good record before and after\n"
    "is still written. A damaged archive never passes for a short clean one.\n"
    "\n"
    "At the end one JSON line goes to stderr: files, records, written, skipped,\n"
    "skipped_by_reason, errors, errors_by_kind, warnings_by_kind, bytes_read,\n"
    "bytes_uncompressed, bytes_resynced, truncated_payloads, seconds,\n"
    "pages_per_sec, mb_per_sec, time spent per phase, and the exit status.\n"
    "Always: records = written + skipped.\n"
    "\n"
    "Exit status: 0 all records accounted for and no damage or failure; 1 the\n"
    "run finished but something failed (damaged input, an unreadable file, a\n"
    "failed record, a write error, or the output pipe closed); 2 usage or\n"
    "system error (nothing was processed). SIGINT/SIGTERM stop after the lines\n"
    "in progress: the output stays whole, a summary is printed, and the signal\n"
    "is raised again; rerun with --skip-existing to finish the job.\n"
    "\n"
    "Examples:\n"
    "  pith warc CC-MAIN-...-00000.warc.gz -o shard-00000.jsonl.zst -j 4\n"
    "  pith warc --list crawl.warc.gz | head\n"
    "  pith warc a.warc.gz b.warc.gz --lang en --min-length 500 -o en.jsonl.gz\n";

/* ---- skip reasons --------------------------------------------------------- */

enum {
  SK_NOT_HTTP = PITH_WARC_TYPE_COUNT, /* 0.. are WARC types */
  SK_STATUS,
  SK_EMPTY,
  SK_NOT_HTML,
  SK_NO_CONTENT,
  SK_LANG,
  SK_MIN_LENGTH,
  SK_EXISTING,
  SK_DUPLICATE, /* --dedup */
  SK_DAMAGED, /* failures from here on */
  SK_HTTP_DECODE,
  SK_TOO_LARGE,
  SK_EXTRACT_ERROR,
  SK_COUNT
};

static const char *S_reason_name(int r) {
  static const char *const n[] = {"not_http",  "status",   "empty",       "not_html",
                                  "no_content", "lang",     "min_length",  "existing", "duplicate",
                                  "damaged",   "http_decode", "too_large", "extract_error"};
  if (r < PITH_WARC_TYPE_COUNT) return r == PITH_WARC_OTHER ? "other_type" : pith_warc_type_name((pith_warc_type)r);
  return n[r - PITH_WARC_TYPE_COUNT];
}

/* ---- options ------------------------------------------------------------- */

#define MAX_STATUS 32
#define MAX_LANGS 32

typedef struct {
  const char *out, *rejects;
  const char *signatures; /* --signatures FILE */
  int dedup;              /* --dedup */
  double threshold, containment;
  char **inputs;
  int ninputs;
  int jobs;
  int status_lo[MAX_STATUS], status_hi[MAX_STATUS], nstatus;
  char langs[MAX_LANGS][16];
  int nlangs;
  size_t min_length;
  int skip_existing, keep_damaged, no_verify_digests, list, progress, quiet, level;
  const char *source; /* "source" of every line (dolma's corpus name) */
  size_t max_errors;  /* stop after this many failed records/files (0: never) */
  size_t max_payload;
  pith_options xo;
} S_opts;

/* An input as the output names it ("stdin" for -, as in pith extract). */
static const char *S_input_name(const S_opts *o, int file) {
  return strcmp(o->inputs[file], "-") ? o->inputs[file] : "stdin";
}

static const char *S_memmem(const char *h, size_t hn, const char *n, size_t nn) {
  if (!nn) return h;
  for (const char *p = h; hn >= nn && (p = memchr(p, n[0], hn - nn + 1 - (size_t)(p - h)));
       p++)
    if (!memcmp(p, n, nn)) return p;
  return NULL;
}

/* ---- JSON helpers ---------------------------------------------------------- */

/* A JSON string, always valid UTF-8 (bad bytes become U+FFFD). */
static void S_jstr(pith_buf *b, const char *s, size_t n) {
  pith_buf_putc(b, '"');
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    unsigned char c = u[i];
    if (c < 0x80) {
      if (c == '"' || c == '\\') {
        pith_buf_putc(b, '\\');
        pith_buf_putc(b, (char)c);
      } else if (c < 0x20) {
        char e[8];
        snprintf(e, sizeof e, "\\u%04x", c);
        pith_buf_puts(b, e);
      } else {
        pith_buf_putc(b, (char)c);
      }
      i++;
      continue;
    }
    uint32_t cp;
    int k = pith_utf8_decode(u + i, n - i, &cp);
    if (cp == 0xFFFD && !(k == 3 && u[i] == 0xef && u[i + 1] == 0xbf && u[i + 2] == 0xbd))
      pith_buf_puts(b, "\xef\xbf\xbd");
    else
      pith_buf_put(b, s + i, (size_t)k);
    i += (size_t)k;
  }
  pith_buf_putc(b, '"');
}

static void S_jkey(pith_buf *b, int *first, const char *k) {
  if (!*first) pith_buf_putc(b, ',');
  *first = 0;
  S_jstr(b, k, strlen(k));
  pith_buf_putc(b, ':');
}
static void S_jkv(pith_buf *b, int *first, const char *k, const char *v) {
  if (!v) return;
  S_jkey(b, first, k);
  S_jstr(b, v, strlen(v));
}
static void S_jkn(pith_buf *b, int *first, const char *k, unsigned long long v) {
  char num[32];
  snprintf(num, sizeof num, "%llu", v);
  S_jkey(b, first, k);
  pith_buf_puts(b, num);
}

/* ---- slots ------------------------------------------------------------------ */

enum { ST_FREE = 0, ST_TODO, ST_BUSY, ST_DONE };
enum { K_SKIP = 0, K_EVENT, K_PAGE, K_WRITE };

typedef struct {
  int state, kind;
  int reason;   /* K_SKIP */
  int failed;   /* counts toward exit status 1 */
  int nomem;    /* the record failed for want of memory: exit status 5 */
  int suppress; /* before the --skip-existing resume point: no reject line */
  int file;
  uint64_t offset;
  int status;
  pith_warc_type type;
  int damage; /* pith_warc_err of a record read with --keep-damaged */
  int text;   /* a flattened page (WET conversion record): text mode */
  pith_buf payload;
  pith_buf meta; /* id, url, date, truncated, content type, detail (NUL-separated) */
  size_t moff[6];
  int mset[6];
  pith_buf out; /* the output line */
  pith_buf rej; /* the rejects line */
  pith_buf sigl; /* --signatures: the signature line */
  pith_buf dm;   /* --dedup: url, canonical url, site name, wire, date (NUL-separated) */
  uint16_t sig[PITH_DEDUP_K];
  uint32_t shingles; /* 0: no signature */
  size_t text_len;
  double t_extract, t_render;
  int partial;
} slot;

enum { M_ID = 0, M_URL, M_DATE, M_TRUNC, M_CTYPE, M_DETAIL };

static void S_slot_reset(slot *s) {
  s->kind = K_SKIP;
  s->reason = 0;
  s->failed = s->suppress = s->partial = s->nomem = 0;
  s->status = 0;
  s->damage = s->text = 0;
  s->type = PITH_WARC_OTHER;
  s->t_extract = s->t_render = 0;
  if (s->payload.cap > ((size_t)4 << 20)) pith_buf_free(&s->payload);
  if (s->out.cap > ((size_t)4 << 20)) pith_buf_free(&s->out);
  pith_buf_clear(&s->payload);
  pith_buf_clear(&s->meta);
  pith_buf_clear(&s->out);
  pith_buf_clear(&s->rej);
  pith_buf_clear(&s->sigl);
  pith_buf_clear(&s->dm);
  s->shingles = 0;
  s->text_len = 0;
  memset(s->mset, 0, sizeof s->mset);
}

static void S_meta_set(slot *s, int k, const char *v) {
  if (!v) return;
  s->moff[k] = s->meta.len;
  s->mset[k] = 1;
  pith_buf_puts(&s->meta, v);
  pith_buf_putc(&s->meta, '\0');
}
static const char *S_meta(const slot *s, int k) {
  return s->mset[k] && s->meta.p ? s->meta.p + s->moff[k] : NULL;
}

/* ---- the run ---------------------------------------------------------------- */

typedef struct {
  uint64_t records, written, skipped, partial;
  uint64_t by_reason[SK_COUNT];
  uint64_t errors[PITH_WARC_E_COUNT];
  uint64_t warnings[PITH_WARC_W_COUNT];
  uint64_t bytes_in, bytes_out, resynced, truncated, files, files_failed;
  uint64_t digest_block;   /* records whose WARC-Block-Digest did not match */
  uint64_t digest_payload; /* ... whose WARC-Payload-Digest did not (no block digest) */
  uint64_t failed;
  uint64_t nomem; /* of which for want of memory */
  double t_extract, t_render, t_output, t_read, t_gzip;
} S_totals;

typedef struct run run;

typedef struct {
  run *R;
  pith_extractor *x;
  pthread_t th;
} worker;

struct run {
  S_opts *o;
  slot *slots;
  unsigned nslot;
  uint64_t head, tail; /* slots [head, tail) are in use, in order */
  size_t inflight, budget;
  pthread_mutex_t mu;
  pthread_cond_t cv_work, cv_done;
  int shutdown;
  worker *w;
  int nw;
  pith_extractor *x1; /* --jobs 1 */
  pith_zio_writer *out, *rej, *sigw;
  int out_err;
  /* --dedup: the pages, their lines spooled until the clusters are known */
  pith_dedup *dd;
  FILE *spool;
  char spool_path[80];
  pith_buf ids;     /* ids back to back, NUL-terminated */
  uint64_t *id_off; /* per page */
  size_t nid, id_cap;
  int dedup_nomem;
  uint64_t out_lines; /* lines in the output file (complete batches), at the end */
  S_totals t;
  /* --skip-existing */
  char *resume_id;   /* the last line's "id" */
  char *resume_file; /* its "warc_file" and "warc_offset" (NULL: an older line) */
  uint64_t resume_off;
  uint64_t resume_need, resume_seen; /* the resume_need-th record with that key */
  int resuming;
  uint64_t resume_lines;
  /* progress */
  int progress;
  uint64_t total_bytes, done_bytes, cur_bytes;
  double t0, last_progress;
  unsigned damage_msgs;
};

static volatile sig_atomic_t S_signal;

static void S_on_signal(int sig) { S_signal = sig; }

static double S_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int S_sink(void *ud, const char *p, size_t n) { return pith_buf_put(ud, p, n) ? 1 : 0; }

/* The rejects line of a slot. */
static void S_make_reject(run *R, slot *s, const char *reason, const char *detail) {
  pith_buf *b = &s->rej;
  pith_buf_clear(b);
  int first = 1;
  pith_buf_putc(b, '{');
  S_jkv(b, &first, "file", R->o->inputs[s->file]);
  S_jkn(b, &first, "offset", s->offset);
  S_jkv(b, &first, "id", S_meta(s, M_ID));
  S_jkv(b, &first, "url", S_meta(s, M_URL));
  if (s->kind != K_EVENT) S_jkv(b, &first, "type", pith_warc_type_name(s->type));
  if (s->status) S_jkn(b, &first, "status", (unsigned long long)s->status);
  S_jkv(b, &first, "reason", reason);
  if (detail && *detail) S_jkv(b, &first, "detail", detail);
  pith_buf_puts(b, "}\n");
}

static void S_skip(run *R, slot *s, int reason, const char *detail) {
  s->kind = K_SKIP;
  s->reason = reason;
  s->failed = reason >= SK_DAMAGED;
  if (R->rej && !s->suppress) S_make_reject(R, s, S_reason_name(reason), detail);
}

static int S_lang_ok(const S_opts *o, pith_str lang) {
  char l[16] = "und";
  if (lang.ptr && lang.len) {
    size_t n = 0;
    while (n < lang.len && n < sizeof l - 1 && lang.ptr[n] != '-' && lang.ptr[n] != '_') {
      l[n] = (char)pith_lower((unsigned char)lang.ptr[n]);
      n++;
    }
    l[n] = '\0';
  }
  for (int i = 0; i < o->nlangs; i++)
    if (!strcmp(o->langs[i], l)) return 1;
  return 0;
}

/* Extract and render one page (worker threads; touches only s and x). */
/* A field of d as a NUL-terminated string in b; its offset + 1 (0 = none). */
static size_t S_dm_put(pith_buf *b, pith_str v) {
  if (!v.ptr || !v.len) return 0;
  size_t at = b->len + 1;
  pith_buf_put(b, v.ptr, v.len);
  pith_buf_putc(b, '\0');
  return at;
}

/* The page's dedup signature and the facts the canonical rule needs
 * (worker thread): the --signatures line, and for --dedup the same facts
 * kept in the slot for the main thread. */
static void S_sign(const S_opts *o, slot *s, const pith_doc *d, pith_str text) {
  if (pith_dedup_sign(text.ptr ? text.ptr : "", text.len, s->sig, &s->shingles) != PITH_OK)
    s->shingles = 0;
  s->text_len = text.len;
  pith_buf_clear(&s->dm);
  pith_buf *b = &s->dm;
  pith_buf_putc(b, '\0'); /* offsets are + 1: the buffer never moves under them here */
  size_t url = 0, curl, site, wire, date, by;
  const char *u = S_meta(s, M_URL);
  if (u) url = S_dm_put(b, (pith_str){u, strlen(u)});
  curl = S_dm_put(b, pith_doc_field(d, PITH_F_URL));
  site = S_dm_put(b, pith_doc_field(d, PITH_F_SITE_NAME));
  wire = S_dm_put(b, pith_doc_field(d, PITH_F_WIRE));
  date = S_dm_put(b, pith_doc_field(d, PITH_F_DATE));
  by = S_dm_put(b, pith_doc_field(d, PITH_F_BYLINE));
  if (!by && pith_doc_list_count(d, PITH_L_AUTHORS)) {
    by = b->len + 1;
    for (size_t i = 0; i < pith_doc_list_count(d, PITH_L_AUTHORS); i++) {
      pith_str a = pith_doc_list_item(d, PITH_L_AUTHORS, i);
      if (i) pith_buf_puts(b, "; ");
      pith_buf_put(b, a.ptr, a.len);
    }
    pith_buf_putc(b, '\0');
  }
  /* the offsets, as a little table after the strings */
  size_t offs[6] = {url, curl, site, wire, date, by};
  pith_buf_put(b, offs, sizeof offs);
  if (b->err) {
    pith_buf_clear(b);
    s->shingles = 0;
    return;
  }
  if (o->signatures) {
    const char *base = b->p - 1;
    pith_sig_facts f = {S_meta(s, M_ID), url ? base + url : NULL, curl ? base + curl : NULL,
                        site ? base + site : NULL, date ? base + date : NULL,
                        wire ? base + wire : NULL, by ? base + by : NULL, text.len,
                        S_meta(s, M_TRUNC) != NULL || s->partial};
    cli_buf cb = {0};
    pith_sig_line(&cb, NULL, 0, s->shingles ? s->sig : NULL, s->shingles, &f);
    if (!cb.err) pith_buf_put(&s->sigl, cb.p, cb.len);
    cli_buf_free(&cb);
  }
}

/* The facts S_sign kept, as pith_dedup_meta. */
static pith_dedup_meta S_dm_meta(const slot *s) {
  pith_dedup_meta m;
  memset(&m, 0, sizeof m);
  if (s->dm.len < 1 + 6 * sizeof(size_t)) return m;
  size_t offs[6];
  memcpy(offs, s->dm.p + s->dm.len - sizeof offs, sizeof offs);
  const char *base = s->dm.p - 1;
  m.url = offs[0] ? base + offs[0] : NULL;
  m.canonical_url = offs[1] ? base + offs[1] : NULL;
  m.site_name = offs[2] ? base + offs[2] : NULL;
  m.wire = offs[3] ? base + offs[3] : NULL;
  m.date = offs[4] ? base + offs[4] : NULL;
  m.length = s->text_len;
  m.truncated = S_meta(s, M_TRUNC) != NULL || s->partial;
  return m;
}

static void S_process(run *R, pith_extractor *x, slot *s) {
  const S_opts *o = R->o;
  const pith_doc *d = NULL;
  double t = S_now();
  pith_status st =
      s->text ? pith_clean_text(x, s->payload.p ? s->payload.p : "", s->payload.len, &d)
              : pith_extract(x, s->payload.p ? s->payload.p : "", s->payload.len, S_meta(s, M_URL),
                             S_meta(s, M_CTYPE), &d);
  double t2 = S_now();
  s->t_extract = t2 - t;
  pith_str text = d ? pith_doc_text(d) : (pith_str){NULL, 0};
  if (st == PITH_NO_CONTENT) {
    S_skip(R, s, SK_NO_CONTENT, d ? pith_doc_message(d) : "");
    return;
  }
  if (st != PITH_OK) {
    int partial = d && text.len && (st == PITH_ERR_LIMIT || st == PITH_ERR_TIMEOUT);
    if (!partial) {
      char det[300];
      snprintf(det, sizeof det, "%s: %s", pith_status_str(st), d ? pith_doc_message(d) : "");
      S_skip(R, s, st == PITH_ERR_LIMIT ? SK_TOO_LARGE : SK_EXTRACT_ERROR, det);
      s->nomem = st == PITH_ERR_NOMEM;
      return;
    }
    s->partial = 1;
  }
  if (o->min_length && pith_utf8_count(text.ptr, text.len) < o->min_length) {
    S_skip(R, s, SK_MIN_LENGTH, "");
    return;
  }
  if (o->nlangs && !S_lang_ok(o, pith_doc_field(d, PITH_F_LANG))) {
    pith_str l = pith_doc_field(d, PITH_F_LANG);
    char det[40];
    snprintf(det, sizeof det, "%.*s", l.ptr ? (int)(l.len > 30 ? 30 : l.len) : 3,
             l.ptr ? l.ptr : "und");
    S_skip(R, s, SK_LANG, det);
    return;
  }
  pith_render_extra ex[7];
  size_t nex = 0;
  char offb[24];
  snprintf(offb, sizeof offb, "%llu", (unsigned long long)s->offset);
  ex[nex++] = (pith_render_extra){"source", o->source ? o->source : "pith", 0};
  ex[nex++] = (pith_render_extra){"url", S_meta(s, M_URL), 0};
  ex[nex++] = (pith_render_extra){"warc_date", S_meta(s, M_DATE), 0};
  /* where the record is: enough to fetch it again (a CDX index holds the
   * same pair) and the point --skip-existing resumes after */
  ex[nex++] = (pith_render_extra){"warc_file", S_input_name(o, s->file), 0};
  ex[nex++] = (pith_render_extra){"warc_offset", offb, PITH_EXTRA_NUMBER};
  if (S_meta(s, M_TRUNC)) ex[nex++] = (pith_render_extra){"truncated", S_meta(s, M_TRUNC), 0};
  if (s->damage)
    ex[nex++] = (pith_render_extra){"warc_damage", pith_warc_err_name((pith_warc_err)s->damage), 0};
  pith_buf_clear(&s->out);
  pith_status rs = pith_render_with(d, PITH_FMT_JSONL, S_meta(s, M_ID), ex, nex, S_sink, &s->out);
  s->t_render = S_now() - t2;
  if (rs != PITH_OK || s->out.err) {
    S_skip(R, s, SK_EXTRACT_ERROR, "render failed");
    return;
  }
  /* one line, ending in a newline */
  while (s->out.len && (s->out.p[s->out.len - 1] == '\n' || s->out.p[s->out.len - 1] == '\r'))
    s->out.len--;
  for (size_t i = 0; i < s->out.len; i++)
    if (s->out.p[i] == '\n' || s->out.p[i] == '\r') s->out.p[i] = ' ';
  pith_buf_putc(&s->out, '\n');
  if (o->signatures || o->dedup) S_sign(o, s, d, text);
  s->kind = K_WRITE;
}

static void *S_worker(void *arg) {
  worker *w = arg;
  run *R = w->R;
  pthread_mutex_lock(&R->mu);
  for (;;) {
    slot *s = NULL;
    for (uint64_t q = R->head; q < R->tail && !s; q++)
      if (R->slots[q % R->nslot].state == ST_TODO) s = &R->slots[q % R->nslot];
    if (!s) {
      if (R->shutdown) break;
      pthread_cond_wait(&R->cv_work, &R->mu);
      continue;
    }
    s->state = ST_BUSY;
    pthread_mutex_unlock(&R->mu);
    S_process(R, w->x, s);
    pthread_mutex_lock(&R->mu);
    s->state = ST_DONE;
    R->inflight -= s->payload.len;
    pthread_cond_broadcast(&R->cv_done);
  }
  pthread_mutex_unlock(&R->mu);
  return NULL;
}

/* ---- output ------------------------------------------------------------------ */

static void S_write(run *R, pith_zio_writer *w, const pith_buf *b, int is_out) {
  if (!b->len || !w) return;
  if (is_out && R->out_err) return;
  double t = S_now();
  if (pith_zio_write(w, b->p, b->len) != 0) {
    int e = pith_zio_writer_errno(w);
    if (is_out && !R->out_err) {
      R->out_err = e ? e : EIO;
      if (R->out_err != EPIPE)
        cli_err("%s: write error: %s", R->o->out ? R->o->out : "stdout", strerror(R->out_err));
    } else if (!is_out) {
      cli_err("%s: write error: %s", R->o->rejects, strerror(e ? e : EIO));
      pith_zio_close_write(R->rej);
      R->rej = NULL;
      R->t.failed++;
    }
  }
  R->t.t_output += S_now() - t;
}

static void S_write_sig(run *R, const pith_buf *b) {
  if (pith_zio_write(R->sigw, b->p, b->len) != 0) {
    int e = pith_zio_writer_errno(R->sigw);
    cli_err("%s: write error: %s", R->o->signatures, strerror(e ? e : EIO));
    pith_zio_close_write(R->sigw);
    R->sigw = NULL;
    R->t.failed++;
  }
}

/* --dedup: the page joins the set and its line waits in the spool. */
static void S_dedup_page(run *R, slot *s) {
  if (R->dedup_nomem) return;
  pith_dedup_meta m = S_dm_meta(s);
  size_t idx;
  pith_status st = pith_dedup_add_signature(R->dd, s->shingles ? s->sig : NULL, s->shingles, &m, &idx);
  const char *id = S_meta(s, M_ID);
  if (R->nid == R->id_cap) {
    size_t cap = R->id_cap ? R->id_cap * 2 : 1024;
    uint64_t *o = realloc(R->id_off, cap * sizeof *o);
    if (o) {
      R->id_off = o;
      R->id_cap = cap;
    }
  }
  if ((st != PITH_OK && st != PITH_NO_CONTENT) || R->nid == R->id_cap) {
    R->dedup_nomem = 1;
    return;
  }
  R->id_off[R->nid++] = R->ids.len;
  pith_buf_puts(&R->ids, id ? id : "");
  pith_buf_putc(&R->ids, '\0');
  if (R->ids.err || fwrite(s->out.p, 1, s->out.len, R->spool) != s->out.len) R->dedup_nomem = 1;
}

/* --dedup at the end: the canonical pages' lines go out, the others are
 * skipped as duplicates. */
static void S_dedup_finish(run *R) {
  if (!R->dd || !R->spool) return;
  S_totals *T = &R->t;
  if (R->dedup_nomem || fflush(R->spool) || fseek(R->spool, 0, SEEK_SET) ||
      (pith_dedup_count(R->dd) && pith_dedup_cluster(R->dd, 0) == (size_t)-1)) {
    cli_err("warc: --dedup: out of memory or temporary file error: the pages are not written");
    T->nomem++;
    return;
  }
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  pith_arena arena;
  pith_arena_init(&arena, 0);
  pith_buf b;
  pith_buf_init(&b, 0);
  for (size_t i = 0; i < R->nid && (len = getline(&line, &cap, R->spool)) > 0; i++) {
    size_t c = pith_dedup_canonical(R->dd, i);
    if (c == i) {
      pith_buf_clear(&b);
      pith_buf_put(&b, line, (size_t)len);
      S_write(R, R->out, &b, 1);
      continue;
    }
    T->written--;
    T->skipped++;
    T->by_reason[SK_DUPLICATE]++;
    if (!R->rej) continue;
    pith_arena_reset(&arena);
    pith_json *root = NULL;
    if (pith_json_parse(line, (size_t)len, &arena, 64, (size_t)len + 1, &root) != PITH_JSON_OK || !root)
      continue;
    pith_buf_clear(&b);
    int first = 1;
    pith_buf_putc(&b, '{');
    S_jkv(&b, &first, "file", pith_json_str(pith_json_get(root, "warc_file"), NULL));
    S_jkn(&b, &first, "offset", (unsigned long long)pith_json_num(pith_json_get(root, "warc_offset")));
    S_jkv(&b, &first, "id", R->ids.p + R->id_off[i]);
    S_jkv(&b, &first, "url", pith_json_str(pith_json_get(root, "url"), NULL));
    S_jkv(&b, &first, "type", "response");
    S_jkv(&b, &first, "reason", "duplicate");
    S_jkv(&b, &first, "detail", R->ids.p + R->id_off[c]);
    pith_buf_puts(&b, "}\n");
    if (!b.err) S_write(R, R->rej, &b, 0);
  }
  free(line);
  pith_buf_free(&b);
  pith_arena_free(&arena);
}

/* Account for and write out one finished slot (main thread). */
static void S_damage_msg(run *R, const char *file, const char *msg);

static void S_emit(run *R, slot *s) {
  S_totals *T = &R->t;
  if (s->kind == K_SKIP && s->reason >= SK_DAMAGED && s->reason != SK_DAMAGED && !s->suppress) {
    /* a failed record (too large, undecodable, extract error): say which */
    char m[400];
    snprintf(m, sizeof m, "offset %llu: record %s skipped: %s", (unsigned long long)s->offset,
             S_meta(s, M_ID) ? S_meta(s, M_ID) : "(no id)", S_reason_name(s->reason));
    S_damage_msg(R, R->o->inputs[s->file], m);
  }
  if (s->kind != K_EVENT) T->records++;
  if (s->kind == K_WRITE) {
    T->written++;
    T->partial += (uint64_t)s->partial;
    if (R->sigw && s->sigl.len) S_write_sig(R, &s->sigl);
    if (R->dd) S_dedup_page(R, s);
    else S_write(R, R->out, &s->out, 1);
  } else if (s->kind == K_SKIP) {
    T->skipped++;
    T->by_reason[s->reason]++;
  }
  if (s->failed) T->failed++;
  if (s->nomem) T->nomem++;
  T->t_extract += s->t_extract;
  T->t_render += s->t_render;
  if (R->rej && s->rej.len) S_write(R, R->rej, &s->rej, 0);
}

/* Write finished slots in order; with wait, until all are written. */
static void S_drain(run *R, int wait) {
  pthread_mutex_lock(&R->mu);
  while (R->head < R->tail) {
    slot *s = &R->slots[R->head % R->nslot];
    if (s->state != ST_DONE) {
      if (!wait) break;
      pthread_cond_wait(&R->cv_done, &R->mu);
      continue;
    }
    pthread_mutex_unlock(&R->mu);
    S_emit(R, s);
    pthread_mutex_lock(&R->mu);
    s->state = ST_FREE;
    R->head++;
  }
  pthread_mutex_unlock(&R->mu);
}

/* A free slot at the tail (waits for room). */
static slot *S_acquire(run *R) {
  for (;;) {
    S_drain(R, 0);
    pthread_mutex_lock(&R->mu);
    int full = R->tail - R->head >= R->nslot || (R->inflight > R->budget && R->head < R->tail);
    if (!full) {
      slot *s = &R->slots[R->tail % R->nslot];
      pthread_mutex_unlock(&R->mu);
      S_slot_reset(s);
      return s;
    }
    if (R->slots[R->head % R->nslot].state != ST_DONE) pthread_cond_wait(&R->cv_done, &R->mu);
    pthread_mutex_unlock(&R->mu);
  }
}

static void S_commit(run *R, slot *s) {
  /* read s->kind before the slot is published: a worker may rewrite it */
  int inline_page = s->kind == K_PAGE && R->nw == 0;
  pthread_mutex_lock(&R->mu);
  if (s->kind == K_PAGE && R->nw > 0) {
    s->state = ST_TODO;
    R->inflight += s->payload.len;
    pthread_cond_signal(&R->cv_work);
  } else {
    s->state = ST_DONE;
  }
  R->tail++;
  pthread_mutex_unlock(&R->mu);
  if (inline_page) S_process(R, R->x1, s);
}

/* ---- records ------------------------------------------------------------------ */

static int S_status_ok(const S_opts *o, int st) {
  for (int i = 0; i < o->nstatus; i++)
    if (st >= o->status_lo[i] && st <= o->status_hi[i]) return 1;
  return 0;
}

static void S_damage_msg(run *R, const char *file, const char *msg) {
  if (R->o->quiet) return;
  if (R->damage_msgs < 50) {
    if (R->progress) fputs("\r\033[K", stderr);
    cli_err("%s: %s", file, msg);
  } else if (R->damage_msgs == 50) {
    cli_err("(more damage reports are not printed; see the summary%s)",
            R->o->rejects ? " and --rejects" : "");
  }
  R->damage_msgs++;
}

/* Turn a record into a slot. */
/* pith_warc_digest_check's answers (pith.h): block, or payload, digest wrong */
enum { DIGEST_BLOCK = 1, DIGEST_PAYLOAD = 2 };

static int S_is_resume_key(const run *R, const char *file, uint64_t off, const char *id);

static void S_classify(run *R, int file, const pith_warc_record *rec, int kind, int digest_bad,
                       slot *s) {
  const S_opts *o = R->o;
  s->file = file;
  s->offset = rec->offset;
  s->suppress = R->resuming;
  if (kind == PITH_WARC_DAMAGE) {
    s->kind = K_EVENT;
    s->failed = 1;
    S_damage_msg(R, o->inputs[file], rec->message);
    if (R->rej && !s->suppress) S_make_reject(R, s, pith_warc_err_name(rec->err), rec->message);
    return;
  }
  s->type = rec->type;
  s->status = rec->http_status;
  /* A record without WARC-Record-ID still needs an "id" (datatrove and
   * dolma key on it): the archive and the record's offset name it. */
  char idb[1024];
  const char *id = rec->record_id;
  if (!id || !*id) {
    snprintf(idb, sizeof idb, "%s#%llu", S_input_name(o, file), (unsigned long long)rec->offset);
    id = idb;
  }
  S_meta_set(s, M_ID, id);
  S_meta_set(s, M_URL, rec->target_uri);
  S_meta_set(s, M_DATE, rec->date);
  const char *trunc = rec->truncated;
  if (!trunc && (rec->flags & PITH_WARC_F_BODY_INCOMPLETE)) trunc = "incomplete";
  S_meta_set(s, M_TRUNC, trunc);
  S_meta_set(s, M_CTYPE, rec->http_content_type);
  /* The resume point is the record the last line came from, named by its
   * input file and byte offset (ids repeat in concatenated archives and
   * re-crawls). The same file named twice repeats the pair too: it is the
   * n-th record with it, n being how often the pair is in the output. */
  int last_existing = R->resuming && S_is_resume_key(R, S_input_name(o, file), rec->offset, id) &&
                      ++R->resume_seen == R->resume_need;

  if (rec->err) {
    S_damage_msg(R, o->inputs[file], rec->message);
    if (!o->keep_damaged) {
      S_skip(R, s, SK_DAMAGED, rec->message);
      goto out;
    }
    s->damage = rec->err;
    s->failed = 1;
  }
  if (digest_bad) {
    char m[96];
    snprintf(m, sizeof m, "offset %llu: WARC-%s-Digest mismatch", (unsigned long long)rec->offset,
             digest_bad == DIGEST_BLOCK ? "Block" : "Payload");
    S_damage_msg(R, o->inputs[file], m);
    if (digest_bad == DIGEST_BLOCK) R->t.digest_block++;
    else R->t.digest_payload++;
    s->failed = 1;
    if (!o->keep_damaged) {
      S_skip(R, s, SK_DAMAGED, m);
      goto out;
    }
  }
  /* WET files (Common Crawl's text extracts) hold flattened pages as
   * conversion records of text/plain: they go through text mode. */
  if (rec->type == PITH_WARC_CONVERSION && !(rec->flags & PITH_WARC_F_HTTP) && rec->content_type &&
      !strncasecmp(rec->content_type, "text/plain", 10)) {
    if (rec->flags & PITH_WARC_F_CAPPED) {
      char det[64];
      snprintf(det, sizeof det, "over --max-payload %zu", o->max_payload);
      S_skip(R, s, SK_TOO_LARGE, det);
    } else if (rec->payload_len == 0) {
      S_skip(R, s, SK_EMPTY, "");
    } else if (R->resuming) {
      S_skip(R, s, SK_EXISTING, "");
    } else if (pith_buf_put(&s->payload, rec->payload, rec->payload_len)) {
      S_skip(R, s, SK_EXTRACT_ERROR, "out of memory");
      s->nomem = 1;
    } else {
      s->kind = K_PAGE;
      s->text = 1;
    }
    goto out;
  }
  if (rec->type != PITH_WARC_RESPONSE) {
    S_skip(R, s, rec->type, "");
    goto out;
  }
  if (!(rec->flags & PITH_WARC_F_HTTP)) {
    S_skip(R, s, SK_NOT_HTTP, rec->content_type ? rec->content_type : "");
    goto out;
  }
  if (!S_status_ok(o, rec->http_status)) {
    char det[16];
    snprintf(det, sizeof det, "%d", rec->http_status);
    S_skip(R, s, SK_STATUS, det);
    goto out;
  }
  if (rec->flags & PITH_WARC_F_HTTP_BAD) {
    S_skip(R, s, SK_HTTP_DECODE, rec->http_msg);
    goto out;
  }
  if (rec->flags & (PITH_WARC_F_CAPPED | PITH_WARC_F_BODY_CAPPED)) {
    char det[64];
    snprintf(det, sizeof det, "over --max-payload %zu", o->max_payload);
    S_skip(R, s, SK_TOO_LARGE, det);
    goto out;
  }
  if (rec->payload_len == 0) {
    S_skip(R, s, SK_EMPTY, "");
    goto out;
  }
  const char *why = NULL;
  const char *ct = rec->http_content_type;
  if (!pith_http_sniff_html(ct, ct ? strlen(ct) : 0, rec->payload, rec->payload_len, &why)) {
    S_skip(R, s, SK_NOT_HTML, why);
    goto out;
  }
  if (R->resuming) {
    S_skip(R, s, SK_EXISTING, "");
    goto out;
  }
  s->kind = K_PAGE;
  if (pith_buf_put(&s->payload, rec->payload, rec->payload_len)) {
    S_skip(R, s, SK_EXTRACT_ERROR, "out of memory");
    s->nomem = 1;
    goto out;
  }
out:
  if (last_existing) R->resuming = 0;
}

/* ---- progress ----------------------------------------------------------------- */

static void S_progress(run *R, int final) {
  if (!R->progress) return;
  double now = S_now();
  if (!final && now - R->last_progress < 0.25) return;
  R->last_progress = now;
  if (final) {
    fputs("\r\033[K", stderr);
    return;
  }
  double el = now - R->t0;
  uint64_t done = R->done_bytes + R->cur_bytes;
  double mbs = el > 0 ? (double)done / 1e6 / el : 0;
  double pps = el > 0 ? (double)R->t.written / el : 0;
  char pct[16] = "", eta[32] = "";
  if (R->total_bytes) {
    double f = (double)done / (double)R->total_bytes;
    if (f > 1) f = 1;
    snprintf(pct, sizeof pct, "%5.1f%% ", f * 100);
    if (f > 0.001 && el > 1) {
      long s = (long)(el / f - el);
      snprintf(eta, sizeof eta, "  ETA %ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    }
  }
  fprintf(stderr, "\r\033[Kpith warc: %s%llu records  %llu pages  %.0f pages/s  %.1f MB/s%s", pct,
          (unsigned long long)R->t.records, (unsigned long long)R->t.written, pps, mbs, eta);
  fflush(stderr);
}

/* ---- list mode ------------------------------------------------------------------ */

static void S_list_line(pith_buf *b, const char *file, int kind, const pith_warc_record *rec) {
  pith_buf_clear(b);
  int first = 1;
  pith_buf_putc(b, '{');
  S_jkv(b, &first, "file", file);
  S_jkn(b, &first, "offset", rec->offset);
  S_jkn(b, &first, "uoffset", rec->uoffset);
  if (kind == PITH_WARC_DAMAGE) {
    S_jkv(b, &first, "error", pith_warc_err_name(rec->err));
    S_jkn(b, &first, "skipped", rec->skipped);
    S_jkv(b, &first, "message", rec->message);
    pith_buf_puts(b, "}\n");
    return;
  }
  S_jkv(b, &first, "type", pith_warc_type_name(rec->type));
  if (rec->type == PITH_WARC_OTHER) S_jkv(b, &first, "warc_type", rec->type_name);
  S_jkv(b, &first, "id", rec->record_id);
  S_jkv(b, &first, "url", rec->target_uri);
  S_jkv(b, &first, "date", rec->date);
  S_jkv(b, &first, "version", rec->version);
  S_jkn(b, &first, "length", rec->content_length);
  if (rec->flags & PITH_WARC_F_HTTP) {
    S_jkn(b, &first, "status", (unsigned long long)rec->http_status);
    S_jkv(b, &first, "content_type", rec->http_content_type);
  } else {
    S_jkv(b, &first, "content_type", rec->content_type);
  }
  S_jkn(b, &first, "payload", rec->payload_len);
  S_jkv(b, &first, "truncated", rec->truncated);
  const char *ct = rec->http_content_type ? rec->http_content_type : rec->content_type;
  if (rec->payload_len) {
    const char *why;
    int html = pith_http_sniff_html(ct, ct ? strlen(ct) : 0, rec->payload, rec->payload_len, &why);
    S_jkey(b, &first, "html");
    pith_buf_puts(b, html ? "true" : "false");
  }
  static const struct {
    unsigned f;
    const char *n;
  } F[] = {{PITH_WARC_F_CAPPED, "capped"},
           {PITH_WARC_F_BODY_CAPPED, "body_capped"},
           {PITH_WARC_F_BODY_INCOMPLETE, "body_incomplete"},
           {PITH_WARC_F_HTTP_BAD, "http_bad"},
           {PITH_WARC_F_MISALIGNED, "misaligned"},
           {PITH_WARC_F_LENGTH_SHORT, "length_short"}};
  static const struct {
    unsigned f;
    const char *n;
  } H[] = {{PITH_HTTP_DECHUNKED, "dechunked"},
           {PITH_HTTP_NOT_CHUNKED, "not_chunked"},
           {PITH_HTTP_DECODED, "decoded"},
           {PITH_HTTP_NOT_ENCODED, "not_encoded"}};
  int any = 0;
  for (size_t i = 0; i < sizeof F / sizeof *F; i++)
    if (rec->flags & F[i].f) {
      if (!any) S_jkey(b, &first, "flags"), pith_buf_putc(b, '[');
      else pith_buf_putc(b, ',');
      any = 1;
      S_jstr(b, F[i].n, strlen(F[i].n));
    }
  for (size_t i = 0; i < sizeof H / sizeof *H; i++)
    if (rec->http_flags & H[i].f) {
      if (!any) S_jkey(b, &first, "flags"), pith_buf_putc(b, '[');
      else pith_buf_putc(b, ',');
      any = 1;
      S_jstr(b, H[i].n, strlen(H[i].n));
    }
  if (any) pith_buf_putc(b, ']');
  if (rec->flags & PITH_WARC_F_HTTP_BAD) S_jkv(b, &first, "http_error", rec->http_msg);
  if (rec->err) {
    S_jkv(b, &first, "error", pith_warc_err_name(rec->err));
    S_jkv(b, &first, "message", rec->message);
  }
  pith_buf_puts(b, "}\n");
}

/* ---- summary ---------------------------------------------------------------------- */

static void S_summary(run *R, int code) {
  S_totals *T = &R->t;
  double el = S_now() - R->t0;
  pith_buf b;
  pith_buf_init(&b, 0);
  int first = 1;
  char num[64];
  pith_buf_putc(&b, '{');
  S_jkn(&b, &first, "files", T->files);
  S_jkn(&b, &first, "files_failed", T->files_failed);
  S_jkn(&b, &first, "records", T->records);
  S_jkn(&b, &first, "written",
        R->out_err ? (R->out_lines < T->written ? R->out_lines : T->written) : T->written);
  if (R->out_err) S_jkn(&b, &first, "handed_to_output", T->written);
  S_jkn(&b, &first, "skipped", T->skipped);
  S_jkey(&b, &first, "skipped_by_reason");
  pith_buf_putc(&b, '{');
  int f2 = 1;
  for (int r = 0; r < SK_COUNT; r++)
    if (T->by_reason[r]) S_jkn(&b, &f2, S_reason_name(r), T->by_reason[r]);
  pith_buf_putc(&b, '}');
  uint64_t errs = 0;
  for (int e = 1; e < PITH_WARC_E_COUNT; e++) errs += T->errors[e];
  S_jkn(&b, &first, "errors", errs);
  S_jkey(&b, &first, "errors_by_kind");
  pith_buf_putc(&b, '{');
  f2 = 1;
  for (int e = 1; e < PITH_WARC_E_COUNT; e++)
    if (T->errors[e]) S_jkn(&b, &f2, pith_warc_err_name((pith_warc_err)e), T->errors[e]);
  pith_buf_putc(&b, '}');
  S_jkey(&b, &first, "warnings_by_kind");
  pith_buf_putc(&b, '{');
  f2 = 1;
  for (int w = 0; w < PITH_WARC_W_COUNT; w++)
    if (T->warnings[w]) S_jkn(&b, &f2, pith_warc_warn_name((pith_warc_warn)w), T->warnings[w]);
  pith_buf_putc(&b, '}');
  if (T->partial) S_jkn(&b, &first, "partial", T->partial);
  S_jkn(&b, &first, "bytes_read", T->bytes_in);
  S_jkn(&b, &first, "bytes_uncompressed", T->bytes_out);
  S_jkn(&b, &first, "bytes_resynced", T->resynced);
  S_jkey(&b, &first, "digest_mismatch");
  pith_buf_putc(&b, '{');
  f2 = 1;
  S_jkn(&b, &f2, "block", T->digest_block);
  S_jkn(&b, &f2, "payload", T->digest_payload);
  pith_buf_putc(&b, '}');
  S_jkn(&b, &first, "truncated_payloads", T->truncated);
  S_jkey(&b, &first, "seconds");
  snprintf(num, sizeof num, "%.3f", el);
  pith_buf_puts(&b, num);
  S_jkey(&b, &first, "pages_per_sec");
  snprintf(num, sizeof num, "%.1f", el > 0 ? (double)T->written / el : 0.0);
  pith_buf_puts(&b, num);
  S_jkey(&b, &first, "mb_per_sec");
  snprintf(num, sizeof num, "%.2f", el > 0 ? (double)T->bytes_in / 1e6 / el : 0.0);
  pith_buf_puts(&b, num);
  S_jkey(&b, &first, "mb_per_sec_uncompressed");
  snprintf(num, sizeof num, "%.2f", el > 0 ? (double)T->bytes_out / 1e6 / el : 0.0);
  pith_buf_puts(&b, num);
  S_jkey(&b, &first, "time");
  double parse = T->t_read - T->t_gzip;
  if (parse < 0) parse = 0;
  snprintf(num, sizeof num, "{\"gzip\":%.3f,", T->t_gzip);
  pith_buf_puts(&b, num);
  snprintf(num, sizeof num, "\"parse\":%.3f,", parse);
  pith_buf_puts(&b, num);
  snprintf(num, sizeof num, "\"extract\":%.3f,", T->t_extract);
  pith_buf_puts(&b, num);
  snprintf(num, sizeof num, "\"render\":%.3f,", T->t_render);
  pith_buf_puts(&b, num);
  snprintf(num, sizeof num, "\"output\":%.3f}", T->t_output);
  pith_buf_puts(&b, num);
  S_jkn(&b, &first, "jobs", (unsigned long long)R->o->jobs);
  if (R->o->skip_existing) S_jkn(&b, &first, "resumed_after_lines", R->resume_lines);
  if (R->out_err) S_jkv(&b, &first, "output_error", R->out_err == EPIPE ? "EPIPE" : strerror(R->out_err));
  if (S_signal) {
    S_jkey(&b, &first, "interrupted");
    pith_buf_puts(&b, "true");
  }
  S_jkn(&b, &first, "exit", (unsigned long long)code);
  pith_buf_puts(&b, "}\n");
  if (!b.err) fwrite(b.p, 1, b.len, stderr);
  pith_buf_free(&b);
}

/* ---- options ---------------------------------------------------------------------- */

static int S_parse_status(S_opts *o, const char *v) {
  o->nstatus = 0;
  const char *p = v;
  while (*p) {
    const char *e = strchr(p, ',');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    if (n != 3 || o->nstatus == MAX_STATUS) return -1;
    if (p[0] < '1' || p[0] > '9') return -1;
    if ((p[1] == 'x' || p[1] == 'X') && (p[2] == 'x' || p[2] == 'X')) {
      o->status_lo[o->nstatus] = (p[0] - '0') * 100;
      o->status_hi[o->nstatus] = (p[0] - '0') * 100 + 99;
    } else if (p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9') {
      int s = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
      o->status_lo[o->nstatus] = o->status_hi[o->nstatus] = s;
    } else {
      return -1;
    }
    o->nstatus++;
    p += n;
    if (*p == ',') p++;
  }
  return o->nstatus ? 0 : -1;
}

static int S_parse_langs(S_opts *o, const char *v) {
  o->nlangs = 0;
  const char *p = v;
  while (*p) {
    const char *e = strchr(p, ',');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    if (n == 0 || n >= sizeof o->langs[0] || o->nlangs == MAX_LANGS) return -1;
    for (size_t i = 0; i < n; i++) {
      char c = (char)pith_lower((unsigned char)p[i]);
      if (c < 'a' || c > 'z') return -1;
      o->langs[o->nlangs][i] = c;
    }
    o->langs[o->nlangs][n] = '\0';
    o->nlangs++;
    p += n;
    if (*p == ',') p++;
  }
  return o->nlangs ? 0 : -1;
}

/* The string value of key `key` in one of our JSONL lines (unescaped), or
 * NULL. Inside a JSON string every '"' is escaped, so '{"key":"' at the
 * start or ',"key":"' anywhere is a key; the first one is the top-level
 * key for the keys asked for here, which come before any nested object. */
static char *S_line_str(const char *p, size_t n, const char *key);

/* The value of "warc_offset" in one of our lines; 0 when absent. */
static int S_line_offset(const char *p, size_t n, uint64_t *off) {
  static const char k[] = ",\"warc_offset\":";
  const char *q = S_memmem(p, n, k, sizeof k - 1);
  if (!q) return 0;
  q += sizeof k - 1;
  const char *e = p + n;
  if (q >= e || *q < '0' || *q > '9') return 0;
  uint64_t v = 0;
  for (; q < e && *q >= '0' && *q <= '9'; q++) v = v * 10 + (uint64_t)(*q - '0');
  *off = v;
  return 1;
}

static int S_is_resume_key(const run *R, const char *file, uint64_t off, const char *id) {
  if (R->resume_file) return off == R->resume_off && !strcmp(file, R->resume_file);
  return !strcmp(id, R->resume_id);
}

/* How many of the first `lines` lines of path carry the resume key (at
 * least 1: the last line does). */
static uint64_t S_count_key(const run *R, const char *path, uint64_t lines) {
  char err[256];
  pith_zio_reader *r = pith_zio_open_read(path, 8192, err, sizeof err);
  uint64_t n = 0;
  const char *l;
  size_t len;
  unsigned fl;
  for (uint64_t k = 0; r && k < lines && pith_zio_getline(r, &l, &len, &fl) == 1; k++) {
    if (R->resume_file) {
      uint64_t off;
      if (!S_line_offset(l, len, &off) || off != R->resume_off) continue;
      char *f = S_line_str(l, len, "warc_file");
      if (f && !strcmp(f, R->resume_file)) n++;
      free(f);
    } else {
      char *x = S_line_str(l, len, "id");
      if (x && !strcmp(x, R->resume_id)) n++;
      free(x);
    }
  }
  if (r) pith_zio_close_read(r);
  return n ? n : 1;
}

static char *S_line_str(const char *p, size_t n, const char *key) {
  char k[64];
  int kl = snprintf(k, sizeof k, ",\"%s\":\"", key);
  if (kl <= 0 || (size_t)kl >= sizeof k) return NULL;
  const char *val;
  if (n > (size_t)kl && p[0] == '{' && !memcmp(p + 1, k + 1, (size_t)kl - 1)) val = p + kl;
  else if ((val = S_memmem(p, n, k, (size_t)kl))) val += kl;
  else return NULL;
  size_t start = (size_t)(val - p);
  pith_buf b;
  pith_buf_init(&b, 4096);
  for (size_t i = start; i < n; i++) {
    char c = p[i];
    if (c == '"') {
      pith_buf_nul(&b);
      if (b.err) break;
      return b.p;
    }
    if (c == '\\' && i + 1 < n) {
      char e = p[++i];
      if (e == 'u' && i + 4 < n) {
        unsigned v = 0;
        for (int j = 1; j <= 4; j++) {
          char h = p[i + j];
          v = v * 16 + (unsigned)(h >= 'a' ? h - 'a' + 10 : h >= 'A' ? h - 'A' + 10 : h - '0');
        }
        i += 4;
        char u8[4];
        int l = pith_utf8_encode(v, u8);
        pith_buf_put(&b, u8, (size_t)l);
        continue;
      }
      c = e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == 'b' ? '\b' : e == 'f' ? '\f' : e;
    }
    pith_buf_putc(&b, c);
  }
  pith_buf_free(&b);
  return NULL;
}

static const char *S_optval(int argc, char **argv, int *i, const char *name) {
  const char *a = argv[*i];
  size_t nl = strlen(name);
  if (!strncmp(a, name, nl) && a[nl] == '=') return a + nl + 1;
  if (*i + 1 >= argc) {
    cli_err("warc: %s needs a value", name);
    return NULL;
  }
  return argv[++*i];
}

static int S_is(const char *a, const char *s, const char *l) {
  size_t n = l ? strlen(l) : 0;
  return (s && !strcmp(a, s)) || (l && (!strcmp(a, l) || (!strncmp(a, l, n) && a[n] == '=')));
}

static long S_cpus(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? n : 1;
}

/* ---- the command ---------------------------------------------------------------- */

static int S_run_list(run *R) {
  S_opts *o = R->o;
  pith_buf line;
  pith_buf_init(&line, 0);
  int code = 0;
  pith_warc_options wo;
  pith_warc_options_init(&wo);
  wo.max_block = wo.max_payload = o->max_payload;
  for (int f = 0; f < o->ninputs && !S_signal && !R->out_err; f++) {
    char err[512];
    pith_warc_reader *r = pith_warc_open(o->inputs[f], &wo, err, sizeof err);
    R->t.files++;
    if (!r) {
      cli_err("%s", err);
      R->t.files_failed++;
      code = PITH_EXIT_SOME_FAILED;
      continue;
    }
    pith_warc_record rec;
    int k;
    while (!S_signal && !R->out_err && (k = pith_warc_next(r, &rec)) != PITH_WARC_EOF) {
      S_list_line(&line, o->inputs[f], k, &rec);
      if (k == PITH_WARC_RECORD) {
        R->t.records++;
        R->t.skipped++;
        R->t.by_reason[rec.type]++;
      }
      if (k == PITH_WARC_DAMAGE || rec.err) {
        S_damage_msg(R, o->inputs[f], rec.message);
        R->t.failed++;
      }
      S_write(R, R->out, &line, 1);
    }
    const pith_warc_stats *st = pith_warc_get_stats(r);
    for (int e = 0; e < PITH_WARC_E_COUNT; e++) R->t.errors[e] += st->errors[e];
    for (int w = 0; w < PITH_WARC_W_COUNT; w++) R->t.warnings[w] += st->warnings[w];
    R->t.bytes_in += st->bytes_in;
    R->t.bytes_out += st->bytes_out;
    R->t.resynced += st->bytes_resynced;
    R->t.truncated += st->warc_truncated;
    pith_warc_close(r);
  }
  pith_buf_free(&line);
  return code;
}

int pith_cmd_warc(int argc, char **argv) {
  int limit_hit = 0; /* --max-errors stopped the run */
  S_opts o;
  memset(&o, 0, sizeof o);
  o.jobs = 1;
  o.progress = -1;
  o.max_payload = (size_t)16 << 20;
  o.status_lo[0] = o.status_hi[0] = 200;
  o.nstatus = 1;
  pith_options_init(&o.xo);
  char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
  if (!inputs) {
    cli_err("warc: out of memory");
    return PITH_EXIT_USAGE;
  }
  o.inputs = inputs;
  int only_files = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v;
    size_t sz;
    if (only_files || a[0] != '-' || !strcmp(a, "-")) {
      inputs[o.ninputs++] = argv[i];
      continue;
    }
    if (!strcmp(a, "--")) {
      only_files = 1;
    } else if (S_is(a, "-h", "--help")) {
      fputs(S_help, stdout);
      fputs("\n" PITH_EXIT_HELP, stdout);
      free(inputs);
      return PITH_EXIT_OK;
    } else if (S_is(a, "-V", "--version")) {
      printf("pith %s\n", pith_version());
      free(inputs);
      return PITH_EXIT_OK;
    } else if (S_is(a, "-o", "--output")) {
      if (!(v = S_optval(argc, argv, &i, a[1] == '-' ? "--output" : "-o"))) goto usage;
      o.out = v;
    } else if (S_is(a, NULL, "--rejects")) {
      if (!(v = S_optval(argc, argv, &i, "--rejects"))) goto usage;
      o.rejects = v;
    } else if (S_is(a, "-j", "--jobs")) {
      if (!(v = S_optval(argc, argv, &i, a[1] == '-' ? "--jobs" : "-j"))) goto usage;
      if (cli_parse_uint(v, &sz) || sz > 256) {
        cli_err("warc: --jobs wants a number from 0 to 256, not '%s'", v);
        goto usage;
      }
      o.jobs = sz == 0 ? (int)(S_cpus() > 256 ? 256 : S_cpus()) : (int)sz;
    } else if (S_is(a, NULL, "--status")) {
      if (!(v = S_optval(argc, argv, &i, "--status"))) goto usage;
      if (S_parse_status(&o, v)) {
        cli_err("warc: --status wants codes like 200,203 or 2xx, not '%s'", v);
        goto usage;
      }
    } else if (S_is(a, NULL, "--lang")) {
      if (!(v = S_optval(argc, argv, &i, "--lang"))) goto usage;
      if (S_parse_langs(&o, v)) {
        cli_err("warc: --lang wants language codes like en,de, not '%s'", v);
        goto usage;
      }
    } else if (S_is(a, NULL, "--min-length")) {
      if (!(v = S_optval(argc, argv, &i, "--min-length"))) goto usage;
      if (cli_parse_uint(v, &o.min_length)) {
        cli_err("warc: --min-length wants a number of characters, not '%s'", v);
        goto usage;
      }
    } else if (S_is(a, NULL, "--max-payload")) {
      if (!(v = S_optval(argc, argv, &i, "--max-payload"))) goto usage;
      if (cli_parse_size(v, &o.max_payload) || o.max_payload == 0) {
        cli_err("warc: --max-payload wants a size like 16M, not '%s'", v);
        goto usage;
      }
    } else if (S_is(a, NULL, "--max-input")) {
      if (!(v = S_optval(argc, argv, &i, "--max-input"))) goto usage;
      if (cli_parse_size(v, &o.xo.max_input_bytes) || o.xo.max_input_bytes == 0) {
        cli_err("warc: --max-input wants a size like 64M, not '%s'", v);
        goto usage;
      }
    } else if (S_is(a, NULL, "--parser")) {
      if (!(v = S_optval(argc, argv, &i, "--parser"))) goto usage;
      if (!strcmp(v, "html5")) {
        o.xo.parser = PITH_PARSER_HTML5;
      } else if (!strcmp(v, "libxml2")) {
        o.xo.parser = PITH_PARSER_LIBXML2;
      } else {
        cli_err("warc: --parser wants html5 or libxml2, not '%s'", v);
        goto usage;
      }
    } else if (S_is(a, NULL, "--timeout")) {
      if (!(v = S_optval(argc, argv, &i, "--timeout"))) goto usage;
      char *end;
      double t = strtod(v, &end);
      if (end == v || *end || !(t >= 0) || t > 1e6) {
        cli_err("warc: --timeout wants seconds (0 = none), not '%s'", v);
        goto usage;
      }
      o.xo.time_budget_sec = t;
    } else if (S_is(a, "-l", "--level")) {
      if (!(v = S_optval(argc, argv, &i, a[1] == '-' ? "--level" : "-l"))) goto usage;
      if (cli_parse_uint(v, &sz) || sz < 1 || sz > 19) {
        cli_err("warc: --level wants 1-9 (gzip) or 1-19 (zstd), not '%s'", v);
        goto usage;
      }
      o.level = (int)sz;
    } else if (S_is(a, NULL, "--signatures")) {
      if (!(v = S_optval(argc, argv, &i, "--signatures"))) goto usage;
      o.signatures = v;
    } else if (!strcmp(a, "--dedup")) {
      o.dedup = 1;
    } else if (S_is(a, NULL, "--threshold") || S_is(a, NULL, "--containment")) {
      int th = !strncmp(a, "--threshold", 11);
      if (!(v = S_optval(argc, argv, &i, th ? "--threshold" : "--containment"))) goto usage;
      char *end = NULL;
      double x = strtod(v, &end);
      if (end == v || *end || !(x >= 0 && x <= 1) || (th && x == 0)) {
        cli_err("warc: %s wants a number in (0,1], not '%s'", th ? "--threshold" : "--containment", v);
        goto usage;
      }
      if (th) o.threshold = x;
      else o.containment = x;
    } else if (!strcmp(a, "--skip-existing")) {
      o.skip_existing = 1;
    } else if (!strcmp(a, "--no-verify-digests")) {
      o.no_verify_digests = 1;
    } else if (!strcmp(a, "--max-errors")) {
      if (!(v = S_optval(argc, argv, &i, "--max-errors"))) goto usage;
      if (cli_parse_uint(v, &sz) || sz < 1) {
        cli_err("warc: --max-errors wants a count of 1 or more, not '%s'", v);
        goto usage;
      }
      o.max_errors = sz;
    } else if (!strcmp(a, "--source")) {
      if (!(o.source = S_optval(argc, argv, &i, "--source"))) goto usage;
    } else if (!strcmp(a, "--keep-damaged")) {
      o.keep_damaged = 1;
    } else if (!strcmp(a, "--list")) {
      o.list = 1;
    } else if (!strcmp(a, "--progress")) {
      o.progress = 1;
    } else if (!strcmp(a, "--no-progress")) {
      o.progress = 0;
    } else if (S_is(a, "-q", "--quiet")) {
      o.quiet = 1;
    } else if (!strcmp(a, "--comments")) {
      o.xo.flags |= PITH_OPT_COMMENTS;
    } else if (!strcmp(a, "--no-tables")) {
      o.xo.flags |= PITH_OPT_NO_TABLES;
    } else if (!strcmp(a, "--recall")) {
      o.xo.flags |= PITH_OPT_RECALL;
    } else if (!strcmp(a, "--precision")) {
      o.xo.flags |= PITH_OPT_PRECISION;
    } else {
      cli_err("warc: unknown option '%s' (try 'pith warc --help')", a);
      goto usage;
    }
  }
  if (o.ninputs == 0) {
    cli_err("warc: no input files (try 'pith warc --help')");
    goto usage;
  }
  if (o.skip_existing && (!o.out || !strcmp(o.out, "-"))) {
    cli_err("warc: --skip-existing needs an output file (-o FILE)");
    goto usage;
  }
  for (int i = 0; i < o.ninputs; i++) {
    if (!strcmp(inputs[i], "-") && i != o.ninputs - 1 && o.ninputs > 1) {
      int dashes = 0;
      for (int j = 0; j < o.ninputs; j++) dashes += !strcmp(inputs[j], "-");
      if (dashes > 1) {
        cli_err("warc: stdin ('-') can be read only once");
        goto usage;
      }
    }
  }

  run R;
  memset(&R, 0, sizeof R);
  R.o = &o;
  R.t0 = S_now();
  R.progress = o.progress < 0 ? isatty(2) : o.progress;
  for (int i = 0; i < o.ninputs; i++) {
    struct stat sb;
    if (strcmp(inputs[i], "-") && stat(inputs[i], &sb) == 0 && S_ISREG(sb.st_mode))
      R.total_bytes += (uint64_t)sb.st_size;
  }
  pith_buf last;
  pith_buf_init(&last, 0);
  uint64_t keep = PITH_ZIO_TRUNCATE, rej_keep = PITH_ZIO_TRUNCATE;
  char err[512];
  if (o.skip_existing) {
    uint64_t k, lines;
    if (pith_zio_valid_prefix(o.out, &k, &lines, &last, err, sizeof err)) {
      cli_err("warc: %s", err);
      pith_buf_free(&last);
      free(inputs);
      return PITH_EXIT_USAGE;
    }
    if (lines > 0) {
      R.resume_id = S_line_str(last.p, last.len, "id");
      if (!R.resume_id) {
        cli_err("warc: --skip-existing: the last line of %s has no \"id\" to resume after", o.out);
        pith_buf_free(&last);
        free(inputs);
        return PITH_EXIT_USAGE;
      }
      keep = k;
      R.resuming = 1;
      R.resume_lines = lines;
      if (S_line_offset(last.p, last.len, &R.resume_off))
        R.resume_file = S_line_str(last.p, last.len, "warc_file");
      R.resume_need = S_count_key(&R, o.out, lines);
      if (o.rejects) {
        uint64_t rk, rl;
        if (pith_zio_valid_prefix(o.rejects, &rk, &rl, NULL, err, sizeof err) == 0) rej_keep = rk;
      }
    }
  }
  pith_buf_free(&last);
  R.out = pith_zio_open_write(o.out, o.level, keep, err, sizeof err);
  if (!R.out) {
    cli_err("warc: %s", err);
    free(R.resume_id);
    free(R.resume_file);
    free(inputs);
    return PITH_EXIT_OUTPUT;
  }
  if (o.rejects) {
    R.rej = pith_zio_open_write(o.rejects, o.level, rej_keep, err, sizeof err);
    if (!R.rej) {
      cli_err("warc: %s", err);
      pith_zio_close_write(R.out);
      free(R.resume_id);
    free(R.resume_file);
      free(inputs);
      return PITH_EXIT_OUTPUT;
    }
  }
  if ((o.signatures || o.dedup) && (o.skip_existing || o.list)) {
    cli_err("warc: --signatures and --dedup do not go with %s",
            o.list ? "--list" : "--skip-existing (a resumed run does not see the earlier pages)");
    pith_zio_close_write(R.out);
    if (R.rej) pith_zio_close_write(R.rej);
    free(R.resume_id);
    free(R.resume_file);
    free(inputs);
    return PITH_EXIT_USAGE;
  }
  if (o.signatures) {
    R.sigw = pith_zio_open_write(o.signatures, o.level, PITH_ZIO_TRUNCATE, err, sizeof err);
    if (!R.sigw || pith_zio_write(R.sigw, PITH_SIG_HEADER, strlen(PITH_SIG_HEADER))) {
      cli_err("warc: %s", R.sigw ? "cannot write the signatures" : err);
      if (R.sigw) pith_zio_close_write(R.sigw);
      pith_zio_close_write(R.out);
      if (R.rej) pith_zio_close_write(R.rej);
      free(inputs);
      return PITH_EXIT_OUTPUT;
    }
  }
  if (o.dedup) {
    const char *tmp = getenv("TMPDIR");
    snprintf(R.spool_path, sizeof R.spool_path, "%s/pith-warc-dedup-XXXXXX",
             tmp && *tmp && strlen(tmp) < 50 ? tmp : "/tmp");
    int fd = mkstemp(R.spool_path);
    R.spool = fd >= 0 ? fdopen(fd, "w+") : NULL;
    R.dd = pith_dedup_new_with(o.threshold, o.containment);
    pith_buf_init(&R.ids, 0);
    if (!R.spool || !R.dd) {
      cli_err("warc: --dedup: %s", !R.dd ? "out of memory" : strerror(errno));
      if (R.spool) fclose(R.spool);
      if (fd >= 0) remove(R.spool_path);
      pith_dedup_free(R.dd);
      if (R.sigw) pith_zio_close_write(R.sigw);
      pith_zio_close_write(R.out);
      if (R.rej) pith_zio_close_write(R.rej);
      free(inputs);
      return PITH_EXIT_OUTPUT;
    }
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = S_on_signal;
  sa.sa_flags = SA_RESETHAND; /* a second signal kills at once */
  sigemptyset(&sa.sa_mask);
  struct sigaction old_int, old_term;
  sigaction(SIGINT, &sa, &old_int);
  sigaction(SIGTERM, &sa, &old_term);
  signal(SIGPIPE, SIG_IGN);

  int code = PITH_EXIT_OK;
  if (o.list) {
    code = S_run_list(&R);
    goto finish;
  }

  /* extractors and the ring */
  R.nslot = (unsigned)(o.jobs * 4 + 4);
  R.budget = (size_t)48 << 20;
  R.slots = calloc(R.nslot, sizeof *R.slots);
  if (!R.slots) {
    cli_err("warc: out of memory");
    code = PITH_EXIT_USAGE;
    goto finish;
  }
  for (unsigned i = 0; i < R.nslot; i++) {
    pith_buf_init(&R.slots[i].payload, 0);
    pith_buf_init(&R.slots[i].meta, 0);
    pith_buf_init(&R.slots[i].out, 0);
    pith_buf_init(&R.slots[i].rej, 0);
  }
  pthread_mutex_init(&R.mu, NULL);
  pthread_cond_init(&R.cv_work, NULL);
  pthread_cond_init(&R.cv_done, NULL);
  if (o.jobs <= 1) {
    R.x1 = pith_extractor_new(&o.xo);
    if (!R.x1) {
      cli_err("warc: cannot create an extractor (out of memory or bad options)");
      code = PITH_EXIT_SYSTEM;
      goto finish;
    }
  } else {
    R.w = calloc((size_t)o.jobs, sizeof *R.w);
    if (!R.w) {
      cli_err("warc: out of memory");
      code = PITH_EXIT_USAGE;
      goto finish;
    }
    for (int i = 0; i < o.jobs; i++) {
      R.w[i].R = &R;
      R.w[i].x = pith_extractor_new(&o.xo);
      if (!R.w[i].x) {
        cli_err("warc: cannot create an extractor (out of memory or bad options)");
        for (int k = 0; k < i; k++) pith_extractor_free(R.w[k].x);
        code = PITH_EXIT_SYSTEM;
        goto finish;
      }
    }
    /* libxml2 2.9 creates its global dictionary lock lazily, and two
     * threads doing that at once can deadlock: parse one small page here,
     * before any worker starts. */
    const pith_doc *warm;
    static const char S_warm[] = "<html><body><p>pith</p></body></html>";
    pith_extract(R.w[0].x, S_warm, sizeof S_warm - 1, NULL, NULL, &warm);
    for (int i = 0; i < o.jobs; i++) {
      if (pthread_create(&R.w[i].th, NULL, S_worker, &R.w[i])) {
        cli_err("warc: cannot start worker thread %d", i + 1);
        for (int k = i; k < o.jobs; k++) pith_extractor_free(R.w[k].x);
        code = PITH_EXIT_SYSTEM;
        goto finish;
      }
      R.nw++;
    }
  }

  pith_warc_options wo;
  pith_warc_options_init(&wo);
  wo.max_block = wo.max_payload = o.max_payload;
  wo.flags |= PITH_WARC_O_TIMING;
  for (int f = 0; f < o.ninputs && !S_signal && !R.out_err; f++) {
    if (o.max_errors) S_drain(&R, 0); /* count what is done before judging the limit */
    if (o.max_errors && R.t.failed >= o.max_errors) {
      limit_hit = 1;
      break;
    }
    pith_warc_reader *r = pith_warc_open(inputs[f], &wo, err, sizeof err);
    R.t.files++;
    if (!r) {
      if (R.progress) fputs("\r\033[K", stderr);
      cli_err("%s", err);
      R.t.files_failed++;
      R.t.failed++;
      continue;
    }
    {
      struct stat esb;
      if (strcmp(inputs[f], "-") && stat(inputs[f], &esb) == 0 && S_ISREG(esb.st_mode) &&
          esb.st_size == 0) {
        if (R.progress) fputs("\r\033[K", stderr);
        cli_err("%s: empty file (0 bytes): no records", inputs[f]);
        R.t.files_failed++;
        R.t.failed++;
      }
    }
    pith_warc_record rec;
    for (;;) {
      double t = S_now();
      int k = pith_warc_next(r, &rec);
      R.t.t_read += S_now() - t;
      if (k == PITH_WARC_EOF) break;
      slot *s = S_acquire(&R);
      int bad = k != PITH_WARC_DAMAGE && !o.no_verify_digests ? pith_warc_digest_check(r, &rec) : 0;
      S_classify(&R, f, &rec, k, bad, s);
      S_commit(&R, s);
      R.cur_bytes = pith_warc_get_stats(r)->bytes_in;
      S_progress(&R, 0);
      if (S_signal || R.out_err) break;
      if (o.max_errors) S_drain(&R, 0);
      if (o.max_errors && R.t.failed >= o.max_errors) break;
    }
    const pith_warc_stats *st = pith_warc_get_stats(r);
    if (st->warnings[PITH_WARC_W_MISALIGNED] && !o.quiet) {
      if (R.progress) fputs("\r\033[K", stderr);
      cli_err("%s: note: %llu records do not start at a gzip member (whole-file gzip?): their "
              "offsets are approximate",
              inputs[f], (unsigned long long)st->warnings[PITH_WARC_W_MISALIGNED]);
    }
    for (int e = 0; e < PITH_WARC_E_COUNT; e++) R.t.errors[e] += st->errors[e];
    for (int w = 0; w < PITH_WARC_W_COUNT; w++) R.t.warnings[w] += st->warnings[w];
    R.t.bytes_in += st->bytes_in;
    R.t.bytes_out += st->bytes_out;
    R.t.resynced += st->bytes_resynced;
    R.t.truncated += st->warc_truncated;
    R.t.t_gzip += (double)st->inflate_ns * 1e-9;
    R.done_bytes += st->bytes_in;
    R.cur_bytes = 0;
    pith_warc_close(r);
  }
  if (S_signal) {
    /* drop pages not started; finish the ones in progress */
    pthread_mutex_lock(&R.mu);
    uint64_t q;
    for (q = R.head; q < R.tail; q++)
      if (R.slots[q % R.nslot].state == ST_TODO) break;
    for (uint64_t z = q; z < R.tail; z++) {
      slot *s = &R.slots[z % R.nslot];
      if (s->state == ST_TODO) R.inflight -= s->payload.len;
      if (s->state == ST_TODO) s->state = ST_FREE;
    }
    /* keep only the prefix that is done or in progress */
    uint64_t cut = q;
    pthread_mutex_unlock(&R.mu);
    while (1) {
      pthread_mutex_lock(&R.mu);
      int busy = 0;
      for (uint64_t z = R.head; z < R.tail; z++)
        if (R.slots[z % R.nslot].state == ST_BUSY) busy = 1;
      if (!busy) {
        R.tail = cut;
        pthread_mutex_unlock(&R.mu);
        break;
      }
      pthread_cond_wait(&R.cv_done, &R.mu);
      pthread_mutex_unlock(&R.mu);
    }
  }
  S_drain(&R, 1);

finish:
  if (R.nw) {
    pthread_mutex_lock(&R.mu);
    R.shutdown = 1;
    pthread_cond_broadcast(&R.cv_work);
    pthread_mutex_unlock(&R.mu);
    for (int i = 0; i < R.nw; i++) {
      pthread_join(R.w[i].th, NULL);
      pith_extractor_free(R.w[i].x);
    }
  }
  free(R.w);
  if (R.x1) pith_extractor_free(R.x1);
  S_progress(&R, 1);
  S_dedup_finish(&R);
  if (R.spool) {
    fclose(R.spool);
    remove(R.spool_path);
  }
  pith_dedup_free(R.dd);
  pith_buf_free(&R.ids);
  free(R.id_off);
  if (R.sigw && pith_zio_close_write(R.sigw)) {
    cli_err("%s: write error", o.signatures);
    R.t.failed++;
  }
  if (R.out) {
    double t = S_now();
    /* flush first: the lines that reached the file, for the summary */
    int frc = R.out_err ? 0 : pith_zio_flush(R.out);
    R.out_lines = pith_zio_lines(R.out);
    int fe = pith_zio_writer_errno(R.out);
    if ((pith_zio_close_write(R.out) || frc) && !R.out_err) {
      R.out_err = fe ? fe : errno ? errno : EIO;
      if (R.out_err != EPIPE)
        cli_err("%s: write error: %s", o.out ? o.out : "stdout", strerror(R.out_err));
    }
    R.t.t_output += S_now() - t;
  }
  if (R.rej && pith_zio_close_write(R.rej)) {
    cli_err("%s: write error", o.rejects);
    R.t.failed++;
  }
  if (R.slots) {
    for (unsigned i = 0; i < R.nslot; i++) {
      pith_buf_free(&R.slots[i].payload);
      pith_buf_free(&R.slots[i].meta);
      pith_buf_free(&R.slots[i].out);
      pith_buf_free(&R.slots[i].rej);
      pith_buf_free(&R.slots[i].sigl);
      pith_buf_free(&R.slots[i].dm);
    }
    free(R.slots);
    pthread_mutex_destroy(&R.mu);
    pthread_cond_destroy(&R.cv_work);
    pthread_cond_destroy(&R.cv_done);
  }
  if (code == PITH_EXIT_OK) {
    uint64_t errs = 0;
    for (int e = 1; e < PITH_WARC_E_COUNT; e++) errs += R.t.errors[e];
    if (errs || R.t.failed || R.t.files_failed || S_signal) code = PITH_EXIT_SOME_FAILED;
  }
  if (limit_hit || (o.max_errors && R.t.failed >= o.max_errors)) {
    cli_err("warc: stopped: %llu failed record%s or file%s (--max-errors %zu)",
            (unsigned long long)R.t.failed, R.t.failed == 1 ? "" : "s", R.t.failed == 1 ? "" : "s",
            o.max_errors);
    code = cli_exit_merge(code, PITH_EXIT_LIMIT);
  }
  if (R.out_err) code = cli_exit_merge(code, PITH_EXIT_OUTPUT);
  if (R.t.nomem || R.t.errors[PITH_WARC_E_NOMEM]) code = cli_exit_merge(code, PITH_EXIT_SYSTEM);
  if (code == PITH_EXIT_OK && R.resuming && R.resume_id) {
    cli_err("warc: --skip-existing: the last record written to %s (%s) is not in the inputs; "
            "nothing was appended",
            o.out, R.resume_id);
    code = PITH_EXIT_USAGE;
  }
  S_summary(&R, code);
  free(R.resume_id);
    free(R.resume_file);
  free(inputs);
  sigaction(SIGINT, &old_int, NULL);
  sigaction(SIGTERM, &old_term, NULL);
  if (S_signal) {
    int sig = S_signal;
    signal(sig, SIG_DFL);
    raise(sig);
  }
  return code;
usage:
  free(inputs);
  return PITH_EXIT_USAGE;
}
