/* util.c - helpers shared by the pith subcommands. */
#include "cli/util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

int cli_read_file(const char *path, size_t max, char **buf, size_t *len) {
  FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  if (!f) return errno ? errno : EIO;
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
  const char *dot = strrchr(b, '.');
  if (dot && dot != b) n = (size_t)(dot - b);
  /* .html.gz and the like: strip one more known extension */
  if (n >= outn) n = outn - 1;
  memcpy(out, b, n);
  out[n] = '\0';
}

int cli_file_sink(void *ud, const char *p, size_t n) {
  FILE *f = ud;
  return fwrite(p, 1, n, f) != n;
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

int cli_common_option(int argc, char **argv, int *i, cli_common *c) {
  const char *a = argv[*i], *v;
  if (cli_optis(a, "--format", "-f")) {
    if (!(v = cli_optval(argc, argv, i, a)) || (c->format = cli_parse_format(v)) < 0) {
      cli_err("--format: expected text, markdown, json or jsonl, got '%s'", v ? v : "");
      return -1;
    }
  } else if (cli_optis(a, "--output", "-o")) {
    if (!(c->out = cli_optval(argc, argv, i, a))) {
      cli_err("--output needs a file name");
      return -1;
    }
  } else if (!strcmp(a, "--explain")) {
    c->po.flags |= PITH_OPT_EXPLAIN;
    c->explain = 1;
  } else if (cli_optis(a, "--quiet", "-q")) {
    c->quiet = 1;
  } else if (!strcmp(a, "--no-meta")) {
    c->po.flags |= PITH_OPT_NO_META;
  } else if (!strcmp(a, "--precision")) {
    c->po.flags |= PITH_OPT_PRECISION;
  } else if (!strcmp(a, "--recall")) {
    c->po.flags |= PITH_OPT_RECALL;
  } else if (cli_optis(a, "--max-input", NULL)) {
    v = cli_optval(argc, argv, i, a);
    if (!v || cli_parse_size(v, &c->po.max_input_bytes) || !c->po.max_input_bytes) {
      cli_err("--max-input: expected a size such as 64M, got '%s'", v ? v : "");
      return -1;
    }
  } else {
    return 0;
  }
  return 1;
}

int cli_parse_args(int argc, char **argv, const char *cmd, const char *help, cli_common *c,
                   cli_opt_fn own, void *ctx, const char ***files, int *nfiles) {
  const char **f = calloc((size_t)argc + 1, sizeof *f);
  if (!f) {
    cli_err("out of memory");
    return -1;
  }
  int nf = 0, endopts = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (endopts || a[0] != '-' || !strcmp(a, "-")) {
      f[nf++] = a;
      continue;
    }
    if (!strcmp(a, "--")) {
      endopts = 1;
      continue;
    }
    if (cli_optis(a, "--help", "-h")) {
      fputs(help, stdout);
      free(f);
      return 1;
    }
    int r = cli_common_option(argc, argv, &i, c);
    if (!r) r = own(ctx, argc, argv, &i);
    if (!r) cli_err("%s: unknown option '%s' (try 'pith %s --help')", cmd, a, cmd);
    if (r <= 0) {
      free(f);
      return -1;
    }
  }
  if (nf == 0) f[nf++] = "-";
  *files = f;
  *nfiles = nf;
  return 0;
}

int cli_run_files(const char **files, int nfiles, pith_extractor *x, const cli_common *c,
                  cli_doc_fn fn, void *ctx, int emit) {
  FILE *out = stdout;
  if (c->out && strcmp(c->out, "-")) {
    out = fopen(c->out, "wb");
    if (!out) {
      cli_err("cannot open '%s' for writing: %s", c->out, strerror(errno));
      return PITH_EXIT_USAGE;
    }
  }
  int failed = 0, werr = 0;
  for (int k = 0; k < nfiles && !werr; k++) {
    const char *path = files[k];
    const char *shown = strcmp(path, "-") ? path : "(stdin)";
    char *buf = NULL;
    size_t len = 0;
    int e = cli_read_file(path, c->po.max_input_bytes, &buf, &len);
    if (e) {
      cli_err("%s: %s", shown, strerror(e));
      failed++;
      continue;
    }
    const pith_doc *doc = NULL;
    pith_status st = fn(ctx, x, buf, len, &doc);
    free(buf);
    if (!emit) continue;
    failed += cli_emit_doc(out, doc, st, c->format, path, shown, c->quiet, c->explain, nfiles > 1,
                           k + 1 >= nfiles, &werr);
  }
  if (fflush(out) == EOF || ferror(out)) werr = 1;
  if (out != stdout && fclose(out) == EOF) werr = 1;
  if (werr) {
    if (errno != EPIPE) cli_err("write error: %s", strerror(errno ? errno : EIO));
    return errno == EPIPE ? PITH_EXIT_SOME_FAILED : PITH_EXIT_USAGE;
  }
  return failed ? PITH_EXIT_SOME_FAILED : PITH_EXIT_OK;
}

int cli_emit_doc(FILE *out, const pith_doc *doc, pith_status st, int format, const char *path,
                 const char *shown, int quiet, int explain, int multi, int last, int *werr) {
  int failed = 0;
  if (st != PITH_OK && st != PITH_NO_CONTENT) {
    cli_err("%s: %s", shown, doc && pith_doc_message(doc)[0] ? pith_doc_message(doc)
                                                             : pith_status_str(st));
    failed = 1;
  } else if (st == PITH_NO_CONTENT && !quiet) {
    cli_err("%s: %s", shown, pith_doc_message(doc));
  }
  if (!doc || *werr) return failed;
  char id[512];
  cli_basename_noext(strcmp(path, "-") ? path : "stdin", id, sizeof id);
  int has_text = pith_doc_text(doc).len > 0;
  if (format == PITH_FMT_TEXT && multi && has_text && fprintf(out, "==> %s <==\n", shown) < 0)
    *werr = 1;
  pith_render_extra ex[1];
  size_t nex = 0;
  pith_str expl = pith_doc_explain(doc);
  char *explain_copy = NULL;
  if (explain && (format == PITH_FMT_JSON || format == PITH_FMT_JSONL)) {
    explain_copy = malloc(expl.len + 1);
    if (explain_copy) {
      memcpy(explain_copy, expl.ptr, expl.len);
      explain_copy[expl.len] = '\0';
      ex[nex].key = "explain";
      ex[nex].value = explain_copy;
      nex++;
    }
  } else if (explain) {
    fprintf(stderr, "==> %s: explain <==\n", shown);
    fwrite(expl.ptr, 1, expl.len, stderr);
  }
  if (!*werr && pith_render_with(doc, (pith_format)format, id, ex, nex, cli_file_sink, out) != PITH_OK)
    *werr = 1;
  free(explain_copy);
  if (!*werr && format == PITH_FMT_TEXT && multi && !last && has_text && fputc('\n', out) == EOF)
    *werr = 1;
  return failed;
}

void cli_err(const char *fmt, ...) {
  va_list ap;
  fputs("pith: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}
