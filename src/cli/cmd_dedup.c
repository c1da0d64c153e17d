/* cmd_dedup.c - pith dedup: near-duplicate clusters over JSONL records. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <stdio.h>

#include "cli/cli.h"
#include "cli/util.h"
#include "core/core.h"
#include "input/zio.h"
#include "meta/json.h"

static const char S_help[] =
    "Usage: pith dedup [OPTIONS] FILE.jsonl[.gz|.zst]...|-\n"
    "\n"
    "Find near-duplicate documents: the same wire story on many sites, the same\n"
    "page crawled twice with different chrome. Reads JSONL records (the output of\n"
    "pith extract/clean/warc, or any corpus with a text field) and writes, for\n"
    "every record in input order, one line:\n"
    "\n"
    "  {\"n\":5,\"id\":\"...\",\"cluster\":2,\"cluster_size\":3,\"duplicate\":true}\n"
    "\n"
    "n is the record's number (from 0, across all files); cluster is the number of\n"
    "the first record of its cluster; duplicate is true for every member but the\n"
    "first, so keeping the records with \"duplicate\":false keeps one of each story.\n"
    "Texts are compared as sets of 5-word shingles (MinHash, LSH with 16 bands of\n"
    "8): about 70% alike or more is one cluster. A text with fewer than 5 words,\n"
    "or only numbers and punctuation, has no signature and is never clustered.\n"
    "A line that is not a JSON object is reported with its line number and gets\n"
    "a cluster of its own; nothing is dropped. A damaged stretch of compressed\n"
    "input (a gzip member or zstd frame that fails its check) is reported with\n"
    "its offset and counted as unreadable; the records after it are read.\n"
    "A summary line goes to stderr.\n"
    "\n"
    "Options:\n"
    "      --field NAME      the text field (default \"text\")\n"
    "      --id-field NAME   the id field copied to the output (default \"id\")\n"
    "  -o, --output FILE     write to FILE (.gz/.zst compress) instead of stdout\n"
    "      --max-errors N    stop reading after N unreadable records or files\n"
    "                        (exit 3); the records read so far are written\n"
    "  -h, --help            show this help\n"
    "\n"
    "Exit status: 0 success; 1 some records could not be read (reported);\n"
    "2 usage or I/O error.\n";

typedef struct idtab {
  pith_buf ids;   /* NUL-terminated ids back to back */
  uint32_t *off;  /* per record: offset in ids + 1, 0 = no id */
  size_t n, cap;
} idtab;

static int S_push_id(idtab *t, const char *s, size_t n) {
  if (t->n == t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 4096;
    uint32_t *o = realloc(t->off, cap * sizeof *o);
    if (!o) return -1;
    t->off = o;
    t->cap = cap;
  }
  if (!s || t->ids.len > 0xFFFFFF00u) {
    t->off[t->n++] = 0;
    return 0;
  }
  t->off[t->n++] = (uint32_t)t->ids.len + 1;
  if (pith_buf_put(&t->ids, s, n) || pith_buf_putc(&t->ids, '\0')) return -1;
  return 0;
}

static void S_json_str(pith_buf *b, const char *s) {
  pith_buf_putc(b, '"');
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\') {
      pith_buf_putc(b, '\\');
      pith_buf_putc(b, (char)*p);
    } else if (*p < 0x20) {
      char e[8];
      snprintf(e, sizeof e, "\\u%04x", *p);
      pith_buf_puts(b, e);
    } else {
      pith_buf_putc(b, (char)*p);
    }
  }
  pith_buf_putc(b, '"');
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

int pith_cmd_dedup(int argc, char **argv) {
  const char *field = "text", *idfield = "id", *outpath = "-";
  size_t max_errors = 0;
  const char **files = calloc((size_t)argc + 1, sizeof *files);
  int nfiles = 0;
  if (!files) return PITH_EXIT_USAGE;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      fputs(S_help, stdout);
      fputs("\n" PITH_EXIT_HELP, stdout);
      free(files);
      return 0;
    } else if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
      printf("pith %s\n", pith_version());
      free(files);
      return 0;
    } else if (!strcmp(a, "--field") && i + 1 < argc) {
      field = argv[++i];
    } else if (!strncmp(a, "--field=", 8)) {
      field = a + 8;
    } else if (!strcmp(a, "--id-field") && i + 1 < argc) {
      idfield = argv[++i];
    } else if (!strncmp(a, "--id-field=", 11)) {
      idfield = a + 11;
    } else if (!strcmp(a, "--max-errors") || !strncmp(a, "--max-errors=", 13)) {
      const char *v = a[12] == '=' ? a + 13 : i + 1 < argc ? argv[++i] : NULL;
      if (!v || cli_parse_uint(v, &max_errors) || !max_errors) {
        cli_err("dedup: --max-errors wants a positive number, not '%s'", v ? v : "");
        free(files);
        return PITH_EXIT_USAGE;
      }
    } else if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && i + 1 < argc) {
      outpath = argv[++i];
    } else if (!strncmp(a, "--output=", 9)) {
      outpath = a + 9;
    } else if (a[0] == '-' && a[1]) {
      cli_err("dedup: unknown option or missing value '%s' (try 'pith dedup --help')", a);
      free(files);
      return PITH_EXIT_USAGE;
    } else {
      files[nfiles++] = a;
    }
  }
  if (!nfiles) files[nfiles++] = "-";
  if (!*field) {
    cli_err("dedup: --field needs a name");
    free(files);
    return PITH_EXIT_USAGE;
  }
  cli_out w;
  if (cli_out_open(&w, outpath, 0, UINT64_MAX)) { /* before reading anything (reported) */
    free(files);
    return PITH_EXIT_OUTPUT;
  }
  pith_dedup *dd = pith_dedup_new();
  idtab ids;
  memset(&ids, 0, sizeof ids);
  pith_buf_init(&ids.ids, 0);
  pith_arena arena;
  pith_arena_init(&arena, 0);
  unsigned long long bad = 0, signed_docs = 0;
  int rc = PITH_EXIT_OK;
  int limit_hit = 0;
  for (int f = 0; f < nfiles && dd && !limit_hit; f++) {
    if (max_errors && bad >= max_errors) { /* only when there is more to read */
      limit_hit = 1;
      break;
    }
    char err[256];
    errno = 0;
    pith_zio_reader *r = pith_zio_open_read(files[f], 0, err, sizeof err);
    if (!r) {
      cli_err("%s", err);
      if (errno == ENOMEM) {
        rc = PITH_EXIT_SYSTEM;
        break;
      }
      rc = PITH_EXIT_SOME_FAILED;
      bad++;
      continue;
    }
    dmg_ctx d = {files[f], &bad};
    pith_zio_on_damage(r, S_on_damage, &d);
    const char *shown = strcmp(files[f], "-") ? files[f] : "(stdin)";
    const char *line;
    size_t len;
    unsigned fl;
    int k;
    while ((k = pith_zio_getline(r, &line, &len, &fl)) > 0) {
      if (max_errors && bad >= max_errors) { /* the damage callback counts too */
        limit_hit = 1;
        break;
      }
      pith_arena_reset(&arena);
      pith_json *root = NULL;
      const char *text = NULL, *id = NULL;
      size_t tn = 0, idn = 0;
      int bad_json = (fl & PITH_ZIO_LINE_CUT) ||
                     pith_json_parse(line, len, &arena, 64, len + 1, &root) != PITH_JSON_OK ||
                     !root || root->type != PITH_JSON_OBJ;
      if (bad_json && (fl & (PITH_ZIO_LINE_DAMAGED | PITH_ZIO_LINE_UNCHECKED))) {
        /* the rest of a record cut by damaged compressed data: not a record */
        cli_err("%s:%llu: damaged data after a damaged stretch of compressed input: skipped",
                shown, (unsigned long long)pith_zio_lineno(r));
        bad++;
        continue;
      }
      if (bad_json) {
        cli_err("%s:%llu: not a JSON object%s; it gets a cluster of its own", shown,
                (unsigned long long)pith_zio_lineno(r), (fl & PITH_ZIO_LINE_CUT) ? " (line too long)" : "");
        bad++;
      } else {
        text = pith_json_str(pith_json_get(root, field), &tn);
        id = pith_json_str(pith_json_get(root, idfield), &idn);
      }
      size_t idx;
      pith_status st = pith_dedup_add(dd, text, text ? tn : 0, &idx);
      if (st == PITH_OK) signed_docs++;
      else if (st != PITH_NO_CONTENT) {
        cli_err("dedup: %s", pith_status_str(st));
        rc = PITH_EXIT_SYSTEM;
        break;
      }
      if (S_push_id(&ids, id, idn)) {
        cli_err("out of memory");
        rc = PITH_EXIT_SYSTEM;
        break;
      }
    }
    if (k < 0) {
      cli_err("%s: %s", files[f], pith_zio_reader_error(r));
      bad++;
      rc = pith_zio_reader_nomem(r) ? PITH_EXIT_SYSTEM : PITH_EXIT_SOME_FAILED;
    }
    pith_zio_close_read(r);
    if (rc == PITH_EXIT_SYSTEM) break;
  }
  if (limit_hit) cli_err("dedup: stopped after %llu unreadable (--max-errors %zu)", bad, max_errors);
  if (!dd) {
    cli_err("out of memory");
    rc = PITH_EXIT_SYSTEM;
  }
  size_t n = pith_dedup_count(dd), clusters = 0, dups = 0, largest = 0;
  if (rc != PITH_EXIT_SYSTEM) {
    {
      pith_buf b;
      pith_buf_init(&b, 0);
      for (size_t i = 0; i < n; i++) {
        size_t c = pith_dedup_cluster(dd, i), sz = pith_dedup_cluster_size(dd, i);
        if (c == i) clusters++;
        else dups++;
        if (sz > largest) largest = sz;
        pith_buf_clear(&b);
        char num[96];
        snprintf(num, sizeof num, "{\"n\":%zu,\"id\":", i);
        pith_buf_puts(&b, num);
        if (ids.off[i]) S_json_str(&b, ids.ids.p + ids.off[i] - 1);
        else pith_buf_puts(&b, "null");
        snprintf(num, sizeof num, ",\"cluster\":%zu,\"cluster_size\":%zu,\"duplicate\":%s}\n", c, sz,
                 c != i ? "true" : "false");
        pith_buf_puts(&b, num);
        if (b.err) {
          cli_err("out of memory");
          rc = PITH_EXIT_SYSTEM;
          break;
        }
        if (cli_out_write(&w, b.p, b.len)) { /* reported with its errno */
          rc = PITH_EXIT_OUTPUT;
          break;
        }
      }
      pith_buf_free(&b);
    }
  }
  if (cli_out_close(&w)) rc = cli_exit_merge(rc, PITH_EXIT_OUTPUT);
  fprintf(stderr,
          "{\"records\":%zu,\"with_signature\":%llu,\"unreadable\":%llu,\"clusters\":%zu,"
          "\"duplicates\":%zu,\"largest_cluster\":%zu",
          n, signed_docs, bad, clusters, dups, largest);
  if (w.err) /* the lines in the output, and why the rest are not */
    fprintf(stderr, ",\"written\":%llu,\"write_errors\":1,\"output_error\":\"%s\"",
            (unsigned long long)w.written, w.err == EPIPE ? "EPIPE" : strerror(w.err));
  fputs("}\n", stderr);
  if (rc == PITH_EXIT_OK && bad) rc = PITH_EXIT_SOME_FAILED;
  if (limit_hit) rc = cli_exit_merge(rc, PITH_EXIT_LIMIT);
  pith_arena_free(&arena);
  pith_buf_free(&ids.ids);
  free(ids.off);
  pith_dedup_free(dd);
  free(files);
  return rc;
}
