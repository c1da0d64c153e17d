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

/* Report one document's status on stderr (errors always, "no article"
 * unless quiet), then write it to out in format: the "==> name <=="
 * header and blank separator for several text outputs, --explain on
 * stderr or as an "explain" field. Returns 1 when the document failed,
 * 0 otherwise; *werr is set on a write error. */
int cli_emit_doc(FILE *out, const pith_doc *doc, pith_status st, int format, const char *path,
                 const char *shown, int quiet, int explain, int multi, int last, int *werr);

/* Print "pith: " + message to stderr. */
void cli_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
