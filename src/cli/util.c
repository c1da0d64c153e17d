/* util.c - what the pith subcommands share (see util.h). */
#include "cli/util.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "input/zio.h"

void cli_err(const char *fmt, ...) {
  va_list ap;
  fputs("pith: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

/* ---- buffers and JSON -------------------------------------------------------- */

static int S_reserve(cli_buf *b, size_t extra) {
  if (b->err) return -1;
  if (b->len + extra + 1 <= b->cap) return 0;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + extra + 1) {
    if (cap > SIZE_MAX / 2) {
      b->err = ENOMEM;
      return -1;
    }
    cap *= 2;
  }
  char *q = realloc(b->p, cap);
  if (!q) {
    b->err = ENOMEM;
    return -1;
  }
  b->p = q;
  b->cap = cap;
  return 0;
}

int cli_buf_put(cli_buf *b, const void *s, size_t n) {
  if (S_reserve(b, n)) return -1;
  if (n) memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
  return 0;
}
int cli_buf_puts(cli_buf *b, const char *s) { return cli_buf_put(b, s, strlen(s)); }
int cli_buf_putc(cli_buf *b, char c) { return cli_buf_put(b, &c, 1); }

int cli_buf_printf(cli_buf *b, const char *fmt, ...) {
  char tmp[512];
  va_list ap;
  va_start(ap, fmt);
  int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (k < 0) return -1;
  if ((size_t)k < sizeof tmp) return cli_buf_put(b, tmp, (size_t)k);
  if (S_reserve(b, (size_t)k)) return -1;
  va_start(ap, fmt);
  vsnprintf(b->p + b->len, (size_t)k + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)k;
  return 0;
}

int cli_buf_json(cli_buf *b, const char *s, size_t n) {
  if (!s) s = "";
  if (cli_buf_putc(b, '"')) return -1;
  while (n) { /* in pieces cut at character starts: a huge text never reserves 6x */
    size_t k = n < 65536 ? n : 65536;
    if (k < n)
      for (size_t c = k; c > k - 4; c--)
        if (((unsigned char)s[c] & 0xC0) != 0x80) {
          k = c;
          break;
        }
    if (S_reserve(b, PITH_JSON_ESCAPE_MAX(k))) return -1;
    char *at = b->p + b->len;
    size_t w = pith_json_escape(at, s, k);
    memmove(at, at + 1, w - 2); /* without its quotes */
    b->len += w - 2;
    s += k;
    n -= k;
  }
  return cli_buf_putc(b, '"');
}

void cli_json_key(cli_buf *b, int *first, const char *key) {
  if (!*first) cli_buf_putc(b, ',');
  *first = 0;
  cli_buf_json(b, key, strlen(key));
  cli_buf_putc(b, ':');
}
void cli_json_kv(cli_buf *b, int *first, const char *key, const char *v) {
  if (!v) return;
  cli_json_key(b, first, key);
  cli_buf_json(b, v, strlen(v));
}
void cli_json_kn(cli_buf *b, int *first, const char *key, unsigned long long v) {
  cli_json_key(b, first, key);
  cli_buf_printf(b, "%llu", v);
}
void cli_buf_free(cli_buf *b) {
  free(b->p);
  memset(b, 0, sizeof *b);
}

/* ---- files and values ----------------------------------------------------------- */

int cli_read_file(const char *path, size_t max, char **buf, size_t *len) {
  FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  if (!f) return errno ? errno : EIO;
  struct stat sb;
  if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
    if (f != stdin) fclose(f);
    return EISDIR;
  }
  size_t cap = 65536, n = 0;
  char *p = malloc(cap);
  if (!p) {
    if (f != stdin) fclose(f);
    return ENOMEM;
  }
  for (;;) {
    if (n == cap) {
      if (n > max) break;
      size_t ncap = cap * 2;
      if (ncap > max + 2 && max + 2 > cap) ncap = max + 2;
      char *q = realloc(p, ncap);
      if (!q) {
        free(p);
        if (f != stdin) fclose(f);
        return ENOMEM;
      }
      p = q;
      cap = ncap;
    }
    size_t want = cap - n;
    size_t r = fread(p + n, 1, want, f);
    n += r;
    if (r < want) {
      if (ferror(f)) {
        int e = errno ? errno : EIO;
        free(p);
        if (f != stdin) fclose(f);
        return e;
      }
      break;
    }
    if (n > max) break;
  }
  if (f != stdin) fclose(f);
  *buf = p;
  *len = n;
  return 0;
}

int cli_parse_uint(const char *s, size_t *out) {
  if (!s || !*s) return -1;
  size_t v = 0;
  for (const char *p = s; *p; p++) {
    if (*p < '0' || *p > '9') return -1;
    size_t d = (size_t)(*p - '0');
    if (v > (SIZE_MAX - d) / 10) return -1;
    v = v * 10 + d;
  }
  *out = v;
  return 0;
}

int cli_parse_size(const char *s, size_t *out) {
  if (!s || !*s) return -1;
  size_t v = 0;
  const char *p = s;
  if (*p < '0' || *p > '9') return -1;
  for (; *p >= '0' && *p <= '9'; p++) {
    size_t d = (size_t)(*p - '0');
    if (v > (SIZE_MAX - d) / 10) return -1;
    v = v * 10 + d;
  }
  size_t mul = 1;
  switch (*p) {
  case '\0': break;
  case 'k': case 'K': mul = (size_t)1 << 10; p++; break;
  case 'm': case 'M': mul = (size_t)1 << 20; p++; break;
  case 'g': case 'G': mul = (size_t)1 << 30; p++; break;
  default: return -1;
  }
  if (*p == 'i' || *p == 'I') p++;
  if (*p == 'b' || *p == 'B') p++;
  if (*p) return -1;
  if (v && mul > SIZE_MAX / v) return -1;
  *out = v * mul;
  return 0;
}

void cli_basename_noext(const char *path, char *out, size_t outn) {
  const char *b = strrchr(path, '/');
  b = b ? b + 1 : path;
  size_t n = strlen(b);
  static const char *const zext[] = {".gz", ".zst", ".zstd", ".br"};
  for (size_t i = 0; i < sizeof zext / sizeof *zext; i++) {
    size_t k = strlen(zext[i]);
    if (n > k && !strcmp(b + n - k, zext[i])) {
      n -= k;
      break;
    }
  }
  for (size_t i = n; i > 1; i--)
    if (b[i - 1] == '.') {
      n = i - 1;
      break;
    }
  if (n >= outn) n = outn - 1;
  memcpy(out, b, n);
  out[n] = '\0';
}

const char *cli_coding_for(const char *path) {
  size_t n = strlen(path);
  if (n > 3 && !strcmp(path + n - 3, ".gz")) return "gzip";
  if (n > 4 && !strcmp(path + n - 4, ".zst")) return "zstd";
  if (n > 5 && !strcmp(path + n - 5, ".zstd")) return "zstd";
  if (n > 3 && !strcmp(path + n - 3, ".br")) return "br";
  return NULL;
}

int cli_parse_format(const char *s) {
  if (!strcmp(s, "text") || !strcmp(s, "txt")) return PITH_FMT_TEXT;
  if (!strcmp(s, "markdown") || !strcmp(s, "md")) return PITH_FMT_MARKDOWN;
  if (!strcmp(s, "json")) return PITH_FMT_JSON;
  if (!strcmp(s, "jsonl") || !strcmp(s, "ndjson")) return PITH_FMT_JSONL;
  return -1;
}

int cli_optis(const char *arg, const char *lng, const char *shrt) {
  if (shrt && !strcmp(arg, shrt)) return 1;
  size_t n = strlen(lng);
  return !strncmp(arg, lng, n) && (arg[n] == '\0' || arg[n] == '=');
}

const char *cli_optval(int argc, char **argv, int *i, const char *arg) {
  const char *eq = strchr(arg, '=');
  if (arg[0] == '-' && arg[1] == '-' && eq) return eq + 1;
  if (*i + 1 >= argc) return NULL;
  return argv[++*i];
}

const char *cli_need(int argc, char **argv, int *i, const char *cmd, const char *name) {
  const char *v = cli_optval(argc, argv, i, argv[*i]);
  if (!v) cli_err("%s: %s needs a value (try 'pith %s --help')", cmd, name, cmd);
  return v;
}

int cli_exit_merge(int a, int b) {
  static const int rank[] = {0, 1, 5, 2, 3, 4}; /* by code: OK, SOME, USAGE, LIMIT, OUTPUT, SYSTEM */
  if (a < 0 || a > 5) return a;
  if (b < 0 || b > 5) return b;
  return rank[b] > rank[a] ? b : a;
}

/* ---- output ------------------------------------------------------------------------- */

int cli_out_open(cli_out *o, const char *path, int level, uint64_t keep) {
  memset(o, 0, sizeof *o);
  o->name = path && strcmp(path, "-") ? path : "stdout";
  char err[512];
  o->w = pith_zio_open_write(path && *path ? path : "-", level, keep, err, sizeof err);
  if (!o->w) {
    o->err = errno ? errno : EIO;
    cli_err("%s", err);
    return -1;
  }
  return 0;
}

static void S_out_failed(cli_out *o) {
  int e = o->w ? pith_zio_writer_errno(o->w) : 0;
  o->err = e ? e : EIO;
  if (o->err != EPIPE) cli_err("%s: write error: %s", o->name, strerror(o->err));
}

int cli_out_write(cli_out *o, const char *p, size_t n) {
  if (o->err || !o->w) return -1;
  if (!n) return 0;
  for (size_t i = 0; i < n; i++) o->lines += p[i] == '\n';
  int rc = pith_zio_write(o->w, p, n);
  o->written = pith_zio_lines(o->w);
  if (rc != 0) {
    S_out_failed(o);
    return -1;
  }
  return 0;
}

int cli_out_close(cli_out *o) {
  if (!o->w) return o->err ? -1 : 0;
  int had = o->err;
  /* flush first, so that the count of lines in the file includes the last batch */
  int rc = had ? 0 : pith_zio_flush(o->w);
  o->written = pith_zio_lines(o->w);
  int e0 = pith_zio_writer_errno(o->w);
  errno = 0;
  if (pith_zio_close_write(o->w) != 0) rc = -1; /* frees the writer, sets errno */
  o->w = NULL;
  if (rc != 0 && !had) {
    o->err = e0 ? e0 : errno ? errno : EIO;
    if (o->err != EPIPE) cli_err("%s: write error: %s", o->name, strerror(o->err));
  }
  return o->err ? -1 : 0;
}

/* ---- the command line of extract and clean ------------------------------------------- */

const char cli_common_help[] =
    "Input:\n"
    "      --input-dir DIR   every regular file under DIR (sorted by path)\n"
    "      --files-from FILE the paths listed in FILE, one a line ('-' = stdin)\n"
    "\n"
    "Output:\n"
    "  -f, --format FMT      text (default), markdown, json or jsonl. jsonl: one\n"
    "                        line per input, \"id\" = the input's name as given\n"
    "                        (\"stdin\" for -); json: one object, or an\n"
    "                        array of objects for several inputs\n"
    "  -o, --output FILE     write to FILE instead of standard output; FILE.gz is\n"
    "                        written as gzip, FILE.zst as zstd\n"
    "      --output-dir DIR  one output file per input: DIR/PATH.txt (.md, .json,\n"
    "                        .jsonl by format), PATH being the input's path made\n"
    "                        relative (leading /, ./, ../ dropped), directories\n"
    "                        created as needed\n"
    "      --source NAME     the \"source\" of JSON records (default \"pith\"; dolma\n"
    "                        wants the corpus name there)\n"
    "      --explain         print, for each block, whether it was kept or dropped\n"
    "                        and why (to stderr; an \"explain\" field in json/jsonl)\n"
    "  -q, --quiet           do not report inputs without an article on stderr\n"
    "  -j, --jobs N          work on N threads (default 1; 0 = one per CPU); the\n"
    "                        output is in input order whatever N is\n"
    "      --max-errors N    stop after N failed inputs (exit 3)\n"
    "      --max-input SIZE  largest input read (default 64M; k/M/G suffixes)\n"
    "      --no-meta         skip metadata\n"
    "      --parser NAME     html5 (default: pith's WHATWG parser, the tree\n"
    "                        browsers build) or libxml2\n"
    "      --precision       drop borderline blocks; --recall keeps them\n"
    "  -h, --help            show this help;  -V, --version  the version\n";

/* Takes argv[*i] when it is a shared option: 1 taken, 0 not one, -1 bad. */
static int S_common_option(int argc, char **argv, int *i, const char *cmd, cli_common *c) {
  const char *a = argv[*i], *v;
  size_t n;
  if (cli_optis(a, "--format", "-f")) {
    if (!(v = cli_optval(argc, argv, i, a)) || (c->format = cli_parse_format(v)) < 0) {
      cli_err("%s: --format: expected text, markdown, json or jsonl, got '%s'", cmd, v ? v : "");
      return -1;
    }
  } else if (cli_optis(a, "--output", "-o")) {
    if (!(c->out = cli_need(argc, argv, i, cmd, "--output"))) return -1;
  } else if (cli_optis(a, "--output-dir", NULL)) {
    if (!(c->out_dir = cli_need(argc, argv, i, cmd, "--output-dir"))) return -1;
  } else if (cli_optis(a, "--source", NULL)) {
    if (!(c->source = cli_need(argc, argv, i, cmd, "--source"))) return -1;
  } else if (!strcmp(a, "--explain")) {
    c->po.flags |= PITH_OPT_EXPLAIN;
    c->explain = 1;
  } else if (cli_optis(a, "--quiet", "-q")) {
    c->quiet = 1;
  } else if (!strcmp(a, "--no-meta")) {
    c->po.flags |= PITH_OPT_NO_META;
  } else if (cli_optis(a, "--parser", NULL)) {
    v = cli_optval(argc, argv, i, a);
    if (v && !strcmp(v, "html5")) {
      c->po.parser = PITH_PARSER_HTML5;
    } else if (v && !strcmp(v, "libxml2")) {
      c->po.parser = PITH_PARSER_LIBXML2;
    } else {
      cli_err("%s: --parser: expected html5 or libxml2, got '%s'", cmd, v ? v : "");
      return -1;
    }
  } else if (!strcmp(a, "--precision")) {
    c->po.flags |= PITH_OPT_PRECISION;
  } else if (!strcmp(a, "--recall")) {
    c->po.flags |= PITH_OPT_RECALL;
  } else if (cli_optis(a, "--jobs", "-j")) {
    if (!(v = cli_need(argc, argv, i, cmd, "--jobs"))) return -1;
    if (cli_parse_uint(v, &n) || n > 256) {
      cli_err("%s: --jobs wants a number from 0 to 256, not '%s'", cmd, v);
      return -1;
    }
    if (n == 0) {
      long k = sysconf(_SC_NPROCESSORS_ONLN);
      n = k > 0 ? (size_t)(k > 256 ? 256 : k) : 1;
    }
    c->jobs = (int)n;
  } else if (cli_optis(a, "--max-errors", NULL)) {
    if (!(v = cli_need(argc, argv, i, cmd, "--max-errors"))) return -1;
    if (cli_parse_uint(v, &c->max_errors) || !c->max_errors) {
      cli_err("%s: --max-errors wants a positive number, not '%s'", cmd, v);
      return -1;
    }
  } else if (cli_optis(a, "--max-input", NULL)) {
    v = cli_optval(argc, argv, i, a);
    if (!v || cli_parse_size(v, &c->po.max_input_bytes) || !c->po.max_input_bytes) {
      cli_err("%s: --max-input: expected a size such as 64M, got '%s'", cmd, v ? v : "");
      return -1;
    }
  } else {
    return 0;
  }
  return 1;
}

typedef struct flist {
  char **v;
  int n, cap;
} flist;

static int S_push(flist *l, const char *s, size_t n) {
  if (l->n == l->cap) {
    int cap = l->cap ? l->cap * 2 : 64;
    char **v = realloc(l->v, (size_t)cap * sizeof *v);
    if (!v) return -1;
    l->v = v;
    l->cap = cap;
  }
  char *c = malloc(n + 1);
  if (!c) return -1;
  memcpy(c, s, n);
  c[n] = '\0';
  l->v[l->n++] = c;
  return 0;
}

static int S_cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file under dir, iteratively (a stack of directories). */
static int S_walk(flist *l, const char *dir, const char *cmd) {
  flist todo = {0};
  if (S_push(&todo, dir, strlen(dir))) return -1;
  int first = l->n, rc = 0;
  while (todo.n && !rc) {
    char *d = todo.v[--todo.n];
    DIR *dh = opendir(d);
    if (!dh) {
      cli_err("%s: --input-dir: %s: %s", cmd, d, strerror(errno));
      rc = -1;
    }
    struct dirent *e;
    while (dh && !rc && (e = readdir(dh))) {
      if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
      size_t dl = strlen(d), el = strlen(e->d_name);
      char *p = malloc(dl + el + 2);
      if (!p) {
        rc = -1;
        break;
      }
      memcpy(p, d, dl);
      p[dl] = '/';
      memcpy(p + dl + 1, e->d_name, el + 1);
      struct stat sb;
      if (stat(p, &sb) == 0) {
        if (S_ISDIR(sb.st_mode)) rc = S_push(&todo, p, strlen(p));
        else if (S_ISREG(sb.st_mode)) rc = S_push(l, p, strlen(p));
      }
      free(p);
    }
    if (dh) closedir(dh);
    free(d);
  }
  for (int k = 0; k < todo.n; k++) free(todo.v[k]);
  free(todo.v);
  if (!rc) qsort(l->v + first, (size_t)(l->n - first), sizeof *l->v, S_cmp);
  return rc;
}

static int S_files_from(flist *l, const char *path, const char *cmd) {
  FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
  if (!f) {
    cli_err("%s: --files-from: %s: %s", cmd, path, strerror(errno));
    return -1;
  }
  char *line = NULL;
  size_t cap = 0;
  ssize_t k;
  int rc = 0;
  while (!rc && (k = getline(&line, &cap, f)) >= 0) {
    while (k && (line[k - 1] == '\n' || line[k - 1] == '\r')) k--;
    if (k) rc = S_push(l, line, (size_t)k);
  }
  free(line);
  if (f != stdin) fclose(f);
  return rc;
}

void cli_files_free(char **files, int nfiles) {
  for (int k = 0; k < nfiles; k++) free(files[k]);
  free(files);
}

int cli_parse_args(int argc, char **argv, const char *cmd, const char *help, cli_common *c,
                   cli_opt_fn own, void *ctx, char ***files, int *nfiles) {
  flist l = {0};
  int endopts = 0, rc = 0;
  if (!c->jobs) c->jobs = 1;
  for (int i = 1; i < argc && !rc; i++) {
    const char *a = argv[i];
    if (endopts || a[0] != '-' || !strcmp(a, "-")) {
      if (S_push(&l, a, strlen(a))) rc = -2;
      continue;
    }
    if (!strcmp(a, "--")) {
      endopts = 1;
      continue;
    }
    if (cli_optis(a, "--help", "-h")) {
      fputs(help, stdout);
      rc = 1;
      break;
    }
    if (cli_optis(a, "--version", "-V")) {
      printf("pith %s\n", pith_version());
      rc = 1;
      break;
    }
    if (cli_optis(a, "--input-dir", NULL)) {
      const char *v = cli_need(argc, argv, &i, cmd, "--input-dir");
      rc = !v ? -1 : S_walk(&l, v, cmd);
      continue;
    }
    if (cli_optis(a, "--files-from", NULL)) {
      const char *v = cli_need(argc, argv, &i, cmd, "--files-from");
      rc = !v ? -1 : S_files_from(&l, v, cmd);
      continue;
    }
    int r = S_common_option(argc, argv, &i, cmd, c);
    if (!r && own) r = own(ctx, argc, argv, &i);
    if (!r) cli_err("%s: unknown option '%s' (try 'pith %s --help')", cmd, a, cmd);
    if (r <= 0) rc = -1;
  }
  if (rc == 0 && l.n == 0 && S_push(&l, "-", 1)) rc = -2;
  if (rc == -2) cli_err("out of memory");
  if (rc == 0 && c->out && c->out_dir) {
    cli_err("%s: --output and --output-dir do not go together", cmd);
    rc = -1;
  }
  if (rc) {
    cli_files_free(l.v, l.n);
    return rc > 0 ? 1 : -1;
  }
  *files = l.v;
  *nfiles = l.n;
  return 0;
}

/* ---- the per-input loop ------------------------------------------------------------------ */

/* One input's result, rendered by a worker, written by the main thread. */
typedef struct slot {
  int state; /* 0 free, 1 taken, 2 done */
  cli_buf out, msg, id;
  int failed;
} slot;

typedef struct runner {
  char **files;
  int nfiles;
  const cli_common *c;
  cli_doc_fn fn;
  void *ctx;
  int emit;
  slot *slots;
  int nslot;
  int next;  /* next input to take */
  int limit; /* inputs below this may be taken (the ring's window) */
  int stop;
  pthread_mutex_t mu;
  pthread_cond_t cv;
} runner;

static const char *S_fmt_ext(int f) {
  return f == PITH_FMT_MARKDOWN ? ".md" : f == PITH_FMT_JSON ? ".json" : f == PITH_FMT_JSONL ? ".jsonl" : ".txt";
}

static int S_sink(void *ud, const char *p, size_t n) { return cli_buf_put(ud, p, n); }

/* --output-dir: DIR/<input path>, made relative (leading "/", "./" and
 * "../" dropped, as tar does), its extension (and .gz/.zst/.br) replaced by
 * the format's. Directories are kept, so a/index.html and b/index.html
 * give two files, and --input-dir's tree is mirrored. */
static void S_out_name(cli_buf *b, const char *dir, const char *in, const char *ext) {
  if (!strcmp(in, "-")) in = "stdin";
  for (;;) {
    if (in[0] == '/') in++;
    else if (in[0] == '.' && in[1] == '/') in += 2;
    else if (in[0] == '.' && in[1] == '.' && in[2] == '/') in += 3;
    else break;
  }
  const char *slash = strrchr(in, '/');
  char stem[1024];
  cli_basename_noext(in, stem, sizeof stem);
  cli_buf_printf(b, "%s/%.*s%s%s", dir, slash ? (int)(slash - in + 1) : 0, in, stem, ext);
}

/* mkdir -p for the directories of file path p. */
static int S_mkdirs(char *p) {
  for (char *q = strchr(p + 1, '/'); q; q = strchr(q + 1, '/')) {
    *q = '\0';
    int bad = mkdir(p, 0777) != 0 && errno != EEXIST;
    if (bad) cli_err("%s: %s", p, strerror(errno));
    *q = '/';
    if (bad) return -1;
  }
  return 0;
}

/* Read, run and render input k into s (any thread). */
static void S_one(runner *R, pith_extractor *x, int k, slot *s) {
  const cli_common *c = R->c;
  const char *path = R->files[k];
  const char *shown = strcmp(path, "-") ? path : "(stdin)";
  /* "id" is the input as it was named: unique within a run (two files
   * called index.html in different directories stay two ids), and what a
   * user greps for. */
  s->out.len = s->msg.len = s->id.len = 0;
  s->failed = 0;
  cli_buf_puts(&s->id, strcmp(path, "-") ? path : "stdin");
  const char *idb = s->id.err ? "" : s->id.p;
  char *buf = NULL;
  size_t len = 0;
  int e = cli_read_file(path, c->po.max_input_bytes, &buf, &len);
  if (e) {
    cli_buf_printf(&s->msg, "pith: %s: %s\n", shown, e == ENOMEM ? "out of memory" : strerror(e));
    s->failed = e == ENOMEM ? 2 : 1; /* no memory is the machine's fault, not the input's */
    return;
  }
  const pith_doc *doc = NULL;
  pith_status st = R->fn(R->ctx, x, path, buf, len, &doc);
  free(buf);
  if (st != PITH_OK && st != PITH_NO_CONTENT) {
    cli_buf_printf(&s->msg, "pith: %s: %s\n", shown,
                   doc && pith_doc_message(doc)[0] ? pith_doc_message(doc) : pith_status_str(st));
    s->failed = st == PITH_ERR_NOMEM ? 2 : 1;
  } else if (st == PITH_NO_CONTENT && !c->quiet) {
    cli_buf_printf(&s->msg, "pith: %s: %s\n", shown, pith_doc_message(doc));
  }
  if (!doc || !R->emit) return;
  pith_str expl = pith_doc_explain(doc);
  int json = c->format == PITH_FMT_JSON || c->format == PITH_FMT_JSONL;
  if (c->explain && !json) {
    cli_buf_printf(&s->msg, "==> %s: explain <==\n", shown);
    cli_buf_put(&s->msg, expl.ptr, expl.len);
  }
  pith_render_extra ex[2];
  size_t nex = 0;
  cli_buf ebuf = {0};
  if (json) ex[nex++] = (pith_render_extra){"source", c->source ? c->source : "pith", 0};
  if (c->explain && json) {
    cli_buf_put(&ebuf, expl.ptr, expl.len);
    ex[nex++] = (pith_render_extra){"explain", ebuf.p ? ebuf.p : "", 0};
  }
  if (pith_render_with(doc, (pith_format)c->format, idb, ex, nex, S_sink, &s->out) != PITH_OK ||
      s->out.err) {
    s->out.len = 0;
    cli_buf_printf(&s->msg, "pith: %s: out of memory while writing the output\n", shown);
    s->failed = 2;
  }
  cli_buf_free(&ebuf);
  /* JSON outputs end in a newline; text that is empty gives nothing */
  if (s->out.len && s->out.p[s->out.len - 1] != '\n') cli_buf_putc(&s->out, '\n');
}

static void *S_worker(void *arg) {
  runner *R = arg;
  pith_extractor *x = pith_extractor_new(&R->c->po);
  pthread_mutex_lock(&R->mu);
  for (;;) {
    while (!R->stop && R->next < R->nfiles && R->next >= R->limit) pthread_cond_wait(&R->cv, &R->mu);
    if (R->stop || R->next >= R->nfiles) break;
    int k = R->next++;
    slot *s = &R->slots[k % R->nslot];
    s->state = 1;
    pthread_mutex_unlock(&R->mu);
    if (x) {
      S_one(R, x, k, s);
    } else {
      s->msg.len = 0;
      cli_buf_puts(&s->msg, "pith: out of memory (no extractor for a worker)\n");
      s->failed = 2;
    }
    pthread_mutex_lock(&R->mu);
    s->state = 2;
    pthread_cond_broadcast(&R->cv);
  }
  pthread_mutex_unlock(&R->mu);
  pith_extractor_free(x);
  return NULL;
}

int cli_run_files(char **files, int nfiles, const cli_common *c, cli_doc_fn fn, void *ctx,
                  int emit) {
  int code = PITH_EXIT_OK;
  int fmt = c->format, json_array = emit && fmt == PITH_FMT_JSON && nfiles > 1 && !c->out_dir;
  int text_multi = emit && fmt == PITH_FMT_TEXT && nfiles > 1 && !c->out_dir;
  cli_out out = {0};
  if (emit && !c->out_dir && cli_out_open(&out, c->out, 0, UINT64_MAX)) return PITH_EXIT_OUTPUT;
  if (emit && c->out_dir) {
    struct stat sb;
    if (stat(c->out_dir, &sb) != 0 && mkdir(c->out_dir, 0777) != 0) {
      cli_err("--output-dir %s: %s", c->out_dir, strerror(errno));
      return PITH_EXIT_OUTPUT;
    }
    if (stat(c->out_dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
      cli_err("--output-dir %s: not a directory", c->out_dir);
      return PITH_EXIT_OUTPUT;
    }
  }
  runner R;
  memset(&R, 0, sizeof R);
  R.files = files;
  R.nfiles = nfiles;
  R.c = c;
  R.fn = fn;
  R.ctx = ctx;
  R.emit = emit;
  int jobs = c->jobs > 1 ? c->jobs : 1;
  if (jobs > nfiles) jobs = nfiles;
  R.nslot = jobs * 4;
  R.slots = calloc((size_t)R.nslot, sizeof *R.slots);
  if (!R.slots) {
    cli_err("out of memory");
    cli_out_close(&out);
    return PITH_EXIT_SYSTEM;
  }
  R.limit = R.nslot;
  pthread_mutex_init(&R.mu, NULL);
  pthread_cond_init(&R.cv, NULL);
  pthread_t *th = NULL;
  pith_extractor *x1 = NULL;
  int nth = 0;
  if (jobs > 1) {
    th = calloc((size_t)jobs, sizeof *th);
    for (int i = 0; th && i < jobs; i++)
      if (pthread_create(&th[i], NULL, S_worker, &R) == 0) nth++;
    if (!nth) {
      cli_err("cannot start worker threads");
      code = PITH_EXIT_SYSTEM;
    }
  } else {
    x1 = pith_extractor_new(&c->po);
    if (!x1) {
      cli_err("out of memory (or bad options): cannot create an extractor");
      code = PITH_EXIT_SYSTEM;
    }
  }
  size_t failed = 0;
  int wrote_any = 0;
  cli_buf held = {0}; /* -f json array: the previous element */
  if (json_array && code == PITH_EXIT_OK) cli_out_write(&out, "[\n", 2);
  for (int k = 0; k < nfiles && code == PITH_EXIT_OK; k++) {
    slot *s = &R.slots[k % R.nslot];
    if (nth) {
      pthread_mutex_lock(&R.mu);
      while (s->state != 2) pthread_cond_wait(&R.cv, &R.mu);
      pthread_mutex_unlock(&R.mu);
    } else {
      S_one(&R, x1, k, s);
    }
    if (s->msg.len) fwrite(s->msg.p, 1, s->msg.len, stderr);
    if (s->failed) {
      failed++;
      if (s->failed == 2) code = PITH_EXIT_SYSTEM;
    }
    if (emit && s->out.len) {
      if (c->out_dir) {
        cli_buf path = {0};
        S_out_name(&path, c->out_dir, files[k], S_fmt_ext(fmt));
        cli_out one;
        if (path.err || S_mkdirs(path.p) || cli_out_open(&one, path.p, 0, UINT64_MAX)) {
          code = PITH_EXIT_OUTPUT;
        } else {
          cli_out_write(&one, s->out.p, s->out.len);
          if (cli_out_close(&one)) code = PITH_EXIT_OUTPUT;
        }
        cli_buf_free(&path);
      } else if (json_array) {
        if (held.len) {
          held.len--; /* its newline: a comma goes first */
          cli_buf_puts(&held, ",\n");
          cli_out_write(&out, held.p, held.len);
        }
        held.len = 0;
        cli_buf_put(&held, s->out.p, s->out.len);
      } else {
        if (text_multi && wrote_any) cli_out_write(&out, "\n", 1);
        if (text_multi) {
          cli_buf h = {0};
          cli_buf_printf(&h, "==> %s <==\n", strcmp(files[k], "-") ? files[k] : "(stdin)");
          cli_out_write(&out, h.p, h.len);
          cli_buf_free(&h);
        }
        cli_out_write(&out, s->out.p, s->out.len);
      }
      wrote_any = 1;
      if (out.err) code = PITH_EXIT_OUTPUT;
    }
    if (c->max_errors && failed >= c->max_errors && k + 1 < nfiles && code == PITH_EXIT_OK) {
      cli_err("%zu inputs failed (--max-errors %zu): stopping; %d inputs not read", failed,
              c->max_errors, nfiles - k - 1);
      code = PITH_EXIT_LIMIT;
    }
    if (nth) {
      pthread_mutex_lock(&R.mu);
      s->state = 0;
      R.limit = k + 1 + R.nslot;
      pthread_cond_broadcast(&R.cv);
      pthread_mutex_unlock(&R.mu);
    }
  }
  if (json_array && !out.err && code != PITH_EXIT_SYSTEM) {
    if (held.len) cli_out_write(&out, held.p, held.len);
    cli_out_write(&out, "]\n", 2);
  }
  cli_buf_free(&held);
  if (nth) {
    pthread_mutex_lock(&R.mu);
    R.stop = 1;
    pthread_cond_broadcast(&R.cv);
    pthread_mutex_unlock(&R.mu);
    for (int i = 0; i < nth; i++) pthread_join(th[i], NULL);
  }
  free(th);
  pith_extractor_free(x1);
  for (int i = 0; i < R.nslot; i++) {
    cli_buf_free(&R.slots[i].out);
    cli_buf_free(&R.slots[i].msg);
    cli_buf_free(&R.slots[i].id);
  }
  free(R.slots);
  pthread_mutex_destroy(&R.mu);
  pthread_cond_destroy(&R.cv);
  if (emit && !c->out_dir && cli_out_close(&out)) code = cli_exit_merge(code, PITH_EXIT_OUTPUT);
  if (failed) code = cli_exit_merge(code, PITH_EXIT_SOME_FAILED);
  return code;
}
