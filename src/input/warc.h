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

typedef enum pith_warc_type {
  PITH_WARC_WARCINFO = 0,
  PITH_WARC_RESPONSE,
  PITH_WARC_RESOURCE,
  PITH_WARC_REQUEST,
  PITH_WARC_METADATA,
  PITH_WARC_REVISIT,
  PITH_WARC_CONVERSION,
  PITH_WARC_CONTINUATION,
  PITH_WARC_OTHER, /* any other WARC-Type, or none */
  PITH_WARC_TYPE_COUNT
} pith_warc_type;

/* "warcinfo", "response", ..., "other". */
const char *pith_warc_type_name(pith_warc_type t);

/* Kinds of damage. Numbers are stable. */
typedef enum pith_warc_err {
  PITH_WARC_E_NONE = 0,
  PITH_WARC_E_GZIP_CORRUPT,   /* invalid deflate data or gzip header */
  PITH_WARC_E_GZIP_CRC,       /* gzip CRC32/ISIZE trailer mismatch */
  PITH_WARC_E_GZIP_TRUNCATED, /* the file ends inside a gzip member */
  PITH_WARC_E_TRUNCATED,      /* the file ends inside a record's block */
  PITH_WARC_E_LENGTH,         /* Content-Length does not match the block */
  PITH_WARC_E_GARBAGE,        /* bytes between records that are not a record */
  PITH_WARC_E_HEADER,         /* malformed header: no/bad Content-Length, too long */
  PITH_WARC_E_NOT_WARC,       /* nothing in the input looks like a WARC record */
  PITH_WARC_E_IO,             /* read error: nothing more is read */
  PITH_WARC_E_NOMEM,
  PITH_WARC_E_COUNT
} pith_warc_err;

/* "gzip_corrupt", "gzip_crc", "gzip_truncated", "truncated", "length",
 * "garbage", "header", "not_warc", "io", "nomem" ("none" for 0). */
const char *pith_warc_err_name(pith_warc_err e);

/* Tolerated deviations, counted in the stats. */
typedef enum pith_warc_warn {
  PITH_WARC_W_TRAILER = 0, /* record not followed by exactly CRLF CRLF */
  PITH_WARC_W_BARE_LF,     /* header lines ending in LF alone */
  PITH_WARC_W_VERSION,     /* a version other than WARC/1.0 and WARC/1.1 */
  PITH_WARC_W_MISALIGNED,  /* record not at a gzip member start (whole-file gzip) */
  PITH_WARC_W_PADDING,     /* zero bytes between gzip members */
  PITH_WARC_W_LENGTH,      /* Content-Length a few (<= 32) bytes short */
  PITH_WARC_W_COUNT
} pith_warc_warn;
/* "trailer", "bare_lf", "version", "misaligned", "padding", "length". */
const char *pith_warc_warn_name(pith_warc_warn w);

/* pith_warc_next results */
enum { PITH_WARC_EOF = 0, PITH_WARC_RECORD = 1, PITH_WARC_DAMAGE = 2 };

/* pith_warc_record.flags */
#define PITH_WARC_F_HTTP 0x01u         /* the block was parsed as an HTTP message */
#define PITH_WARC_F_CAPPED 0x02u       /* block longer than max_block: the rest was dropped */
#define PITH_WARC_F_BODY_CAPPED 0x04u  /* decoded body reached max_payload: the rest dropped */
#define PITH_WARC_F_BODY_INCOMPLETE 0x08u /* HTTP body ends early (inside a chunk/stream) */
#define PITH_WARC_F_HTTP_BAD 0x10u     /* HTTP body undecodable: http_msg says why */
#define PITH_WARC_F_MISALIGNED 0x20u   /* record not at a gzip member start: offset approximate */
#define PITH_WARC_F_LENGTH_SHORT 0x40u /* Content-Length a few bytes short (rec.skipped of them
                                          were skipped): tolerated, the record is good */

typedef struct pith_warc_record {
  uint64_t offset;  /* in the file: start of the gzip member holding the record
                       start (gzip), or of the record (uncompressed); for
                       PITH_WARC_DAMAGE the start of the damaged bytes */
  uint64_t uoffset; /* in the decompressed stream */
  /* WARC header fields (NUL-terminated, NULL when absent) */
  pith_warc_type type;
  const char *type_name;    /* WARC-Type as written */
  const char *version;      /* "WARC/1.0" */
  const char *record_id;    /* WARC-Record-ID */
  const char *target_uri;   /* WARC-Target-URI, <> and spaces around stripped */
  const char *date;         /* WARC-Date */
  const char *content_type; /* Content-Type of the block */
  const char *truncated;    /* WARC-Truncated ("length", "time", ...) */
  uint64_t content_length;
  /* the block as stored, at most max_block bytes */
  const char *block;
  size_t block_len;
  /* HTTP (flags & PITH_WARC_F_HTTP) */
  int http_status;               /* response status, 0 if none */
  const char *http_content_type; /* NULL when absent */
  unsigned http_flags;           /* PITH_HTTP_* (dechunked, not encoded, ...) */
  const char *http_msg;          /* why the body could not be decoded, or "" */
  /* the payload: the decoded HTTP body of an HTTP block, else the block */
  const char *payload;
  size_t payload_len;
  unsigned flags; /* PITH_WARC_F_* */
  /* damage (PITH_WARC_DAMAGE items, and damaged records) */
  pith_warc_err err;   /* PITH_WARC_E_NONE for a good record */
  const char *message; /* "offset 1234: gzip data corrupt (...); 5678 bytes skipped", or "" */
  uint64_t err_offset; /* file offset where the damage is */
  uint64_t skipped;    /* bytes skipped to resynchronise after it */
} pith_warc_record;

/* pith_warc_options.flags */
#define PITH_WARC_O_NO_HTTP 0x01u   /* do not parse HTTP blocks */
#define PITH_WARC_O_DECODE_ALL 0x02u /* decode HTTP bodies of all types, not only responses */
#define PITH_WARC_O_TIMING 0x04u    /* measure time spent in inflate (stats.inflate_ns) */

typedef struct pith_warc_options {
  size_t max_block;   /* block bytes kept per record; default 16 MiB */
  size_t max_payload; /* decoded HTTP body cap; default 16 MiB */
  unsigned flags;     /* PITH_WARC_O_* */
} pith_warc_options;

void pith_warc_options_init(pith_warc_options *o);

typedef struct pith_warc_stats {
  uint64_t records;                           /* records returned (damaged ones included) */
  uint64_t by_type[PITH_WARC_TYPE_COUNT];
  uint64_t damaged;                           /* records returned with err != 0 */
  uint64_t errors[PITH_WARC_E_COUNT];         /* damage reports by kind */
  uint64_t warnings[PITH_WARC_W_COUNT];
  uint64_t bytes_in;       /* bytes read from the file */
  uint64_t bytes_out;      /* decompressed bytes (== bytes_in uncompressed) */
  uint64_t bytes_resynced; /* bytes skipped while resynchronising: compressed
                              bytes for gzip damage, decompressed bytes for
                              WARC-level garbage */
  uint64_t members;        /* gzip members read */
  uint64_t warc_truncated; /* records with a WARC-Truncated header */
  uint64_t inflate_ns;     /* with PITH_WARC_O_TIMING */
  int gzip;                /* 1 when the input is gzip */
} pith_warc_stats;

typedef struct pith_warc_reader pith_warc_reader;

/* Open path ("-" = stdin). NULL on failure with a message in err. */
pith_warc_reader *pith_warc_open(const char *path, const pith_warc_options *o, char *err,
                                 size_t errn);
/* Read from any byte source (memory, a pipe, a fuzzer). */
pith_warc_reader *pith_warc_open_source(pith_read_fn read, void *ud, const pith_warc_options *o);
void pith_warc_close(pith_warc_reader *r);

/* The next item: PITH_WARC_RECORD (a record, maybe damaged: rec->err),
 * PITH_WARC_DAMAGE (damage between records) or PITH_WARC_EOF. After
 * PITH_WARC_EOF every call returns PITH_WARC_EOF. */
int pith_warc_next(pith_warc_reader *r, pith_warc_record *rec);

/* Any header of the current record (case-insensitive name; first
 * occurrence), NULL when absent. */
const char *pith_warc_header(const pith_warc_reader *r, const char *name);
/* The parsed HTTP head of the current record (valid with PITH_WARC_F_HTTP). */
const pith_http_head *pith_warc_http(const pith_warc_reader *r);

const pith_warc_stats *pith_warc_get_stats(const pith_warc_reader *r);

#endif
