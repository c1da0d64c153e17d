/* util.h - helpers shared by the pith subcommands. */
#ifndef PITH_CLI_UTIL_H
#define PITH_CLI_UTIL_H

#include <stddef.h>
#include <stdio.h>

#include "pith.h"

/* Read a whole file ("-" = stdin) into *buf (malloc'd, caller frees).
 * Reads at most max+1 bytes: *len > max means the file is over the limit.
 * Returns 0, or an errno value. */
int cli_read_file(const char *path, size_t max, char **buf, size_t *len);

/* Parse a size like "64M", "1G", "500k", "1000" (bytes). Returns 0 and sets
 * *out, or -1 for a malformed value. */
int cli_parse_size(const char *s, size_t *out);
/* Parse a non-negative integer; -1 if malformed. */
int cli_parse_uint(const char *s, size_t *out);

/* The file name without directory and extension ("a/b/x.html" -> "x"),
 * written into out (size outn). */
void cli_basename_noext(const char *path, char *out, size_t outn);

/* A sink writing to a FILE*: returns non-zero on write error. */
int cli_file_sink(void *ud, const char *p, size_t n);

/* Parse a --format value; -1 when unknown. */
int cli_parse_format(const char *s);

/* Command-line options. cli_optis: is arg the option long ("--name", also
 * as "--name=value") or short ("-x", may be NULL)? cli_optval: its value,
 * from "--name=value" or the next argument (advancing *i); NULL when
 * there is none. */
int cli_optis(const char *arg, const char *lng, const char *shrt);
const char *cli_optval(int argc, char **argv, int *i, const char *arg);

/* The options pith extract and pith clean share: --format, --output,
 * --explain, --quiet, --no-meta, --precision, --recall, --max-input. */
typedef struct cli_common {
  int format;
  const char *out;
  int explain, quiet;
  pith_options po;
} cli_common;
/* Takes argv[*i] when it is one of them: 1 when taken, 0 when not one of
 * them, -1 after reporting a bad value. */
int cli_common_option(int argc, char **argv, int *i, cli_common *c);

/* Report one document's status on stderr (errors always, "no article"
 * unless quiet), then write it to out in format: the "==> name <=="
 * header and blank separator for several text outputs, --explain on
 * stderr or as an "explain" field. Returns 1 when the document failed,
 * 0 otherwise; *werr is set on a write error. */
int cli_emit_doc(FILE *out, const pith_doc *doc, pith_status st, int format, const char *path,
                 const char *shown, int quiet, int explain, int multi, int last, int *werr);

/* A command's own options for cli_parse_args: 1 when argv[*i] is one
 * (taken, *i advanced past its value), 0 when it is not, -1 after
 * reporting a bad value. */
typedef int (*cli_opt_fn)(void *ctx, int argc, char **argv, int *i);
/* The command line of extract and clean: files ("-" is stdin; after "--"
 * every argument is a file; none means stdin), --help (help printed to
 * stdout), the shared options into c, the others through own. Returns 0
 * with *files (malloc'd, the caller frees it) and *nfiles, 1 after --help,
 * -1 after reporting a usage error. */
int cli_parse_args(int argc, char **argv, const char *cmd, const char *help, cli_common *c,
                   cli_opt_fn own, void *ctx, const char ***files, int *nfiles);

/* Run one document through pith (extract or clean) for cli_run_files. */
typedef pith_status (*cli_doc_fn)(void *ctx, pith_extractor *x, const char *buf, size_t len,
                                  const pith_doc **doc);
/* The per-file loop of extract and clean: write each file's document to
 * c->out (stdout when NULL or "-") with cli_emit_doc (none when !emit),
 * a file that cannot be read is reported and skipped. Returns the exit
 * status: PITH_EXIT_OK, PITH_EXIT_SOME_FAILED, or PITH_EXIT_USAGE when the
 * output cannot be opened or written. */
int cli_run_files(const char **files, int nfiles, pith_extractor *x, const cli_common *c,
                  cli_doc_fn fn, void *ctx, int emit);

/* Print "pith: " + message to stderr. */
void cli_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
