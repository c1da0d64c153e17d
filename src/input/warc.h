/* warc.h - a streaming WARC 1.0/1.1 reader that reports damage and goes on.
 *
 *   pith_warc_options o;  pith_warc_options_init(&o);
 *   char err[256];
 *   pith_warc_reader *r = pith_warc_open("x.warc.gz", &o, err, sizeof err);
 *   pith_warc_record rec;
 *   int k;
 *   while ((k = pith_warc_next(r, &rec)) != PITH_WARC_EOF) {
 *     if (k == PITH_WARC_DAMAGE) { report(rec.err, rec.offset, rec.message); continue; }
 *     if (rec.err) { ...a record that is damaged: counted, normally skipped... }
 *     else if (rec.type == PITH_WARC_RESPONSE && rec.http_status == 200) use(rec.payload, ...);
 *   }
 *   pith_warc_close(r);
 *
 * Input: uncompressed WARC, per-record gzip (Common Crawl's layout),
 * whole-file gzip, or any mix of members, and zstd (28 b5 2f fd: one frame
 * for the file or a frame per record, decoded as one stream; offsets are
 * then uncompressed offsets; after a corrupt frame reading resumes at the
 * next frame magic, so a frame-per-record file loses only the damaged
 * record; reported as gzip_corrupt / gzip_truncated); sniffed from the first bytes, not the
 * file name. WARC/0.17, 0.18, 1.0 and 1.1 are read; bare-LF lines,
 * records followed by one CRLF instead of two, and angle-bracketed target
 * URIs are accepted and counted as warnings.
 *
 * Damage never ends the stream early and is never silent: every problem is
 * reported once, with its byte offset, either on the record it spoils
 * (rec.err != 0: a gzip error inside it, the file ending inside it, a
 * Content-Length that does not match, a malformed header) or as a
 * PITH_WARC_DAMAGE item between records (garbage between records, a corrupt
 * member that held no record start). The reader then resynchronises: in
 * gzip input at the next member that starts "1f 8b 08" and inflates to
 * "WARC/", in uncompressed input at the next line starting "WARC/<digit>."
 * (or at a "WARC/<d>.<d>" line end-to-end after stray bytes on the same
 * line: the stray bytes are reported as garbage with their offset).
 *
 * A header that lies loses no intact record. A Content-Length that is too
 * long is caught where the next record header appears inside the declared
 * span: in gzip input a member boundary always wins over the length; in
 * uncompressed input, when the block is not followed by CRLF CRLF and a
 * record start (or the end) at the declared end - or when it is, but a
 * line-start "WARC/<d>.<d>" lies inside the block - reading resumes at the
 * first line-start version inside the block (one the declared end cuts
 * off is completed from the bytes after it). A length past the end of the
 * file is handled the same way. What the window cannot take back goes to
 * a replay buffer, so a lie of x10 or +100 KB still yields every record it
 * covered. A header with no blank line ends where the next record starts.
 * One
 * that is at most 32 bytes short (Common Crawl 2018-34 is off by two) is
 * tolerated: the record stays good, flagged PITH_WARC_F_LENGTH_SHORT, and
 * counted as a "length" warning; a bigger gap is damage.
 *
 * Memory is fixed: a 256 KiB window, the gzip input buffer (1 MiB), a
 * header copy (at most 64 KiB), the block/payload buffers, which never
 * grow past max_block / max_payload, and the replay buffer (at most one
 * block plus the window, only after a lying length). Memory does not grow
 * with file size.
 *
 * Ownership in one sentence: every pointer in a pith_warc_record belongs to
 * the reader and stays valid until the next pith_warc_next/close call. */
#ifndef PITH_INPUT_WARC_H
#define PITH_INPUT_WARC_H

#include <stddef.h>
#include <stdint.h>

#include "input/gz.h"
#include "input/http.h"

/* The record, option, stats and damage types are public: see pith.h. */

typedef struct pith_warc_reader pith_warc_reader;

/* Open path ("-" = stdin). NULL on failure with a message in err. */
pith_warc_reader *pith_warc_open(const char *path, const pith_warc_options *o, char *err,
                                 size_t errn);
/* Read from any byte source (memory, a pipe, a fuzzer). */
pith_warc_reader *pith_warc_open_source(pith_read_fn read, void *ud, const pith_warc_options *o);
void pith_warc_close(pith_warc_reader *r);
/* Hand p to the reader: fn(p) runs at pith_warc_close (the public openers'
 * source state). */
void pith_warc_set_owned(pith_warc_reader *r, void *p, void (*fn)(void *));

/* The next item: PITH_WARC_RECORD (a record, maybe damaged: rec->err),
 * PITH_WARC_DAMAGE (damage between records) or PITH_WARC_EOF. After
 * PITH_WARC_EOF every call returns PITH_WARC_EOF. */
int pith_warc_next(pith_warc_reader *r, pith_warc_record *rec);

/* Any header of the current record (case-insensitive name; first
 * occurrence), NULL when absent. */
const char *pith_warc_header(const pith_warc_reader *r, const char *name);
/* The parsed HTTP head of the current record; NULL without one. */
const pith_http_head *pith_warc_http(const pith_warc_reader *r);

const pith_warc_stats *pith_warc_get_stats(const pith_warc_reader *r);

#endif
