/* util.h - what the pith subcommands share: the command line, the one
 * output path, the per-input loop, JSON strings, and the exit status. */
#ifndef PITH_CLI_UTIL_H
#define PITH_CLI_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "pith.h"

/* ---- small things --------------------------------------------------------- */

/* Print "pith: " + message to stderr. */
void cli_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable byte buffer of the CLI's own. err sticks after a failed
 * allocation (ENOMEM); the functions then do nothing and return -1. */
typedef struct cli_buf {
  char *p;
  size_t len, cap;
  int err;
} cli_buf;
int cli_buf_put(cli_buf *b, const void *s, size_t n);
int cli_buf_puts(cli_buf *b, const char *s);
int cli_buf_putc(cli_buf *b, char c);
int cli_buf_printf(cli_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* s as a JSON string literal, quotes included (pith_json_escape: valid
 * UTF-8 whatever s holds). */
int cli_buf_json(cli_buf *b, const char *s, size_t n);
/* ,"key":"value" (no comma before the first key: *first). NULL v: nothing. */
void cli_json_kv(cli_buf *b, int *first, const char *key, const char *v);
void cli_json_kn(cli_buf *b, int *first, const char *key, unsigned long long v);
void cli_json_key(cli_buf *b, int *first, const char *key);
void cli_buf_free(cli_buf *b);

/* Read a whole file ("-" = stdin) into *buf (malloc'd, caller frees).
 * Reads at most max+1 bytes: *len > max means the file is over the limit.
 * Returns 0, or an errno value. */
int cli_read_file(const char *path, size_t max, char **buf, size_t *len);

/* Parse a size like "64M", "1G", "500k", "1000" (bytes): 0, or -1. */
int cli_parse_size(const char *s, size_t *out);
/* Parse a non-negative integer; -1 if malformed. */
int cli_parse_uint(const char *s, size_t *out);
/* The file name without directory and extension ("a/b/x.html" -> "x";
 * "x.html.gz" -> "x"), written into out (size outn). */
void cli_basename_noext(const char *path, char *out, size_t outn);
/* Parse a --format value; -1 when unknown. */
int cli_parse_format(const char *s);

/* Command-line options. cli_optis: is arg the option long ("--name", also
 * as "--name=value") or short ("-x", may be NULL)? cli_optval: its value,
 * from "--name=value" or the next argument (advancing *i); NULL when
 * there is none. */
int cli_optis(const char *arg, const char *lng, const char *shrt);
const char *cli_optval(int argc, char **argv, int *i, const char *arg);
/* The option's value or a reported usage error ("CMD: --x needs a value"). */
const char *cli_need(int argc, char **argv, int *i, const char *cmd, const char *name);

/* The higher of two exit statuses (cli.h: 5 > 4 > 3 > 1 > 0). */
int cli_exit_merge(int a, int b);

/* ---- the one output path ---------------------------------------------------- */

/* Every command writes through this: "-" or NULL is stdout; FILE.gz is
 * gzip, FILE.zst zstd, else plain (pith_zio_writer: writes whole lines,
 * a compressed file in independent members/frames). The first write error
 * is reported once with its errno (a closed pipe silently), and nothing
 * more is written; the run then exits PITH_EXIT_OUTPUT. */
typedef struct cli_out {
  void *w; /* pith_zio_writer */
  const char *name;
  int err;        /* errno of the first error, 0 = none */
  uint64_t lines;   /* lines handed over */
  uint64_t written; /* lines in the output (complete batches); after an error,
                     * lines - written were lost */
} cli_out;
/* Open for writing (keep: bytes of an existing file to keep and append
 * after, or UINT64_MAX to start empty). Returns 0, or reports the error
 * and returns -1. */
int cli_out_open(cli_out *o, const char *path, int level, uint64_t keep);
/* Append whole lines (n bytes ending in '\n'). 0, or -1 after an error. */
int cli_out_write(cli_out *o, const char *p, size_t n);
/* Flush and close: 0, or -1 (reported). Safe on an unopened cli_out. */
int cli_out_close(cli_out *o);

/* ---- extract and clean: the command line and the per-input loop ----------------- */

typedef struct cli_common {
  int format;
  const char *out, *out_dir;
  const char *source; /* the "source" key of JSON records (dolma) */
  int explain, quiet, jobs;
  size_t max_errors;  /* 0 = no limit */
  pith_options po;
} cli_common;

/* A command's own options for cli_parse_args: 1 when argv[*i] is one
 * (taken, *i advanced past its value), 0 when it is not, -1 after
 * reporting a bad value. */
typedef int (*cli_opt_fn)(void *ctx, int argc, char **argv, int *i);
/* The command line of extract and clean: files ("-" is stdin; after "--"
 * every argument is a file; none means stdin), --input-dir DIR (every
 * regular file under DIR, sorted), --files-from FILE (one path a line; "-"
 * = stdin), --help (to stdout), --version, the shared options into c, the
 * others through own. Returns 0 with *files and *nfiles (free with
 * cli_files_free), 1 after --help/--version, -1 after a usage error. */
int cli_parse_args(int argc, char **argv, const char *cmd, const char *help, cli_common *c,
                   cli_opt_fn own, void *ctx, char ***files, int *nfiles);
void cli_files_free(char **files, int nfiles);
/* The help paragraph of the options cli_parse_args takes. */
extern const char cli_common_help[];

/* Run one document through pith (extract or clean) for cli_run_files. */
typedef pith_status (*cli_doc_fn)(void *ctx, pith_extractor *x, const char *path,
                                  const char *buf, size_t len, const pith_doc **doc);
/* The content coding a file name says ("x.html.gz" -> "gzip", .zst ->
 * "zstd", .br -> "br"), or NULL. */
const char *cli_coding_for(const char *path);
/* The per-input loop of extract and clean: every input read and run
 * through fn on c->jobs threads (one extractor each), the results written
 * in input order to c->out (or one file per input in c->out_dir), every
 * failure reported on stderr. The output is opened before any input is
 * read. Returns the exit status. emit = 0: run and report, write nothing. */
int cli_run_files(char **files, int nfiles, const cli_common *c, cli_doc_fn fn, void *ctx,
                  int emit);

#endif
