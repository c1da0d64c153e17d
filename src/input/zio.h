/* zio.h - streaming line I/O through plain, gzip and zstd files.
 *
 * Reading: open a path or "-" (stdin); the format is sniffed from the first
 * bytes (1f 8b = gzip, 28 b5 2f fd = zstd, anything else = plain), so a
 * misnamed file still reads. Lines come out one at a time through a capped
 * line buffer: memory does not grow with line length or file size. Damaged
 * compressed input is reported and skipped (gzip resynchronises at the next
 * member, zstd at the next frame), never turned into a quiet EOF. A member
 * or frame of up to 8 MiB is held until its check (CRC32/ISIZE, zstd
 * checksum) passes: the lines of one that fails are dropped and reported,
 * never handed out; a bigger one is passed on as it comes and a late
 * failure reported after its lines.
 *
 *   pith_zio_reader *r = pith_zio_open_read("in.jsonl.gz", 16 << 20, err, sizeof err);
 *   const char *line; size_t len; unsigned fl; int k;
 *   while ((k = pith_zio_getline(r, &line, &len, &fl)) > 0) use(line, len, fl);
 *   if (k < 0) report(pith_zio_reader_error(r));
 *   pith_zio_close_read(r);
 *
 * Writing: the format follows the suffix (".gz", ".zst", else plain).
 * Writes are line-atomic: pith_zio_write takes whole lines, which are
 * batched and written out as one unit; a gzip batch is one gzip member, a
 * zstd batch one frame (both concatenate into a valid stream). A batch is
 * at most 1 MiB (256 KiB plain) or 10,000 lines, so the file on disk
 * trails the lines handed over by at most that much. After a
 * write error (ENOSPC, EPIPE, ...) a regular output file is cut back to
 * the end of the last complete batch, so it never ends in half a line; an
 * interrupted run leaves at worst one incomplete batch at the end, which
 * pith_zio_valid_prefix() finds so that a rerun can cut it and append.
 *
 * Ownership in one sentence: readers and writers own their buffers; a line
 * returned by pith_zio_getline is valid until the next call on that reader. */
#ifndef PITH_INPUT_ZIO_H
#define PITH_INPUT_ZIO_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

typedef enum pith_zio_format { PITH_ZIO_PLAIN = 0, PITH_ZIO_GZIP, PITH_ZIO_ZSTD } pith_zio_format;

/* Format from a file name's suffix: ".gz" gzip, ".zst"/".zstd" zstd. */
pith_zio_format pith_zio_format_for(const char *path);

/* ---- reading ------------------------------------------------------------- */

typedef struct pith_zio_reader pith_zio_reader;

/* Line flags */
#define PITH_ZIO_LINE_CUT 0x1u     /* longer than max_line: the rest was skipped */
#define PITH_ZIO_LINE_NOEOL 0x2u   /* the input ended without a final '\n' */
#define PITH_ZIO_LINE_DAMAGED 0x4u /* first line after damaged compressed data */
#define PITH_ZIO_LINE_UNCHECKED 0x8u /* from a member the file ends inside: unverified */

/* Open path ("-" = stdin). max_line: the longest line returned whole
 * (0 = 16 MiB). NULL on failure, with a message in err. */
pith_zio_reader *pith_zio_open_read(const char *path, size_t max_line, char *err, size_t errn);
/* Next line, without its '\n'. Returns 1, 0 at the end, -1 on a read error
 * (reading stops). Damage in compressed input is not an error here: the
 * partial line before it is dropped, the next line is flagged
 * PITH_ZIO_LINE_DAMAGED and pith_zio_damage_count() goes up. */
int pith_zio_getline(pith_zio_reader *r, const char **line, size_t *len, unsigned *flags);
/* Raw decompressed bytes (do not mix with getline). >0, 0 at the end, -1. */
long pith_zio_read(pith_zio_reader *r, void *buf, size_t n);
uint64_t pith_zio_lineno(const pith_zio_reader *r);
uint64_t pith_zio_damage_count(const pith_zio_reader *r);
/* Called once for each stretch of damage, with its message ("offset N:
 * gzip ... in the member at offset M; the member's K lines were dropped"),
 * so that two damaged members in a row are two reports. */
typedef void (*pith_zio_damage_fn)(void *ud, const char *msg);
void pith_zio_on_damage(pith_zio_reader *r, pith_zio_damage_fn fn, void *ud);
/* The last error or damage message ("" if none). */
const char *pith_zio_reader_error(const pith_zio_reader *r);
/* Non-zero when reading failed for want of memory (not the file's fault). */
int pith_zio_reader_nomem(const pith_zio_reader *r);
pith_zio_format pith_zio_reader_format(const pith_zio_reader *r);
/* Compressed bytes read so far (for progress). */
uint64_t pith_zio_bytes_in(const pith_zio_reader *r);
void pith_zio_close_read(pith_zio_reader *r);

/* ---- writing ------------------------------------------------------------- */

typedef struct pith_zio_writer pith_zio_writer;

#define PITH_ZIO_TRUNCATE UINT64_MAX

/* Open path ("-" = stdout) for writing; format by suffix. level: 0 = the
 * format's default. keep: PITH_ZIO_TRUNCATE to start empty, else keep the
 * first `keep` bytes of an existing file and append after them (resume).
 * NULL on failure, with a message in err. */
pith_zio_writer *pith_zio_open_write(const char *path, int level, uint64_t keep, char *err,
                                     size_t errn);
/* Append n bytes that end with '\n' (one or more whole lines). Returns 0,
 * PITH_ERR_ARG when p does not end a line, PITH_ERR_IO after a write error
 * (see pith_zio_writer_errno; nothing more is written). */
int pith_zio_write(pith_zio_writer *w, const char *p, size_t n);
/* Write out everything buffered (ends the current gzip member/zstd frame). */
int pith_zio_flush(pith_zio_writer *w);
/* Flush and close. Returns 0, or PITH_ERR_IO with errno set to the first
 * write error (ENOSPC, EFBIG, EPIPE, ...). */
int pith_zio_close_write(pith_zio_writer *w);
/* errno of the first write error (EPIPE, ENOSPC, ...), 0 if none. */
int pith_zio_writer_errno(const pith_zio_writer *w);
/* Lines in the batches written out so far: the lines a reader of the file
 * will find (what pith_zio_write accepted but is still batched, or was lost
 * to a write error, is not counted). */
uint64_t pith_zio_lines(const pith_zio_writer *w);
/* Bytes of the file that hold complete batches. */
uint64_t pith_zio_committed(const pith_zio_writer *w);

/* How much of an existing file is complete lines in complete members or
 * frames. *keep: the byte length to keep; *lines: lines in it; last_line
 * (may be NULL) receives the start (up to 64 KiB) of the last complete line.
 * A missing file gives keep = 0 and returns 0; returns -1 with err on a
 * read error. */
int pith_zio_valid_prefix(const char *path, uint64_t *keep, uint64_t *lines, pith_buf *last_line,
                          char *err, size_t errn);

#endif
