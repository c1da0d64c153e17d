/* http.h - HTTP/1.x messages as archived in WARC records.
 *
 * Parses a status (or request) line and header block leniently (CRLF or
 * bare LF, "HTTP/1.1 200 " without reason, "HTTPX/1.1", obs-fold lines),
 * undoes chunked transfer coding and gzip / deflate / zstd / brotli content coding
 * with an output cap, and sniffs whether a payload is an HTML document.
 *
 * Real archives lie in both directions, so declarations are checked
 * against the bytes: "Transfer-Encoding: chunked" on a body stored
 * de-chunked, or "Content-Encoding: gzip" on a body stored decoded, is used
 * as is and flagged (PITH_HTTP_NOT_CHUNKED / PITH_HTTP_NOT_ENCODED).
 *
 * Ownership in one sentence: spans point into the caller's bytes; decoded
 * bodies live in the two caller-owned scratch buffers. No globals. */
#ifndef PITH_INPUT_HTTP_H
#define PITH_INPUT_HTTP_H

#include <stddef.h>

#include "core/core.h"

#define PITH_HTTP_MAX_HEADERS 128      /* headers kept for lookup; the rest are scanned */
#define PITH_HTTP_MAX_HEAD (64u << 10) /* a header block longer than this is an error */

typedef struct pith_http_head {
  int status;      /* 100..999 for a response; 0 for a request */
  int is_request;  /* "GET /x HTTP/1.1" */
  pith_str version; /* "HTTP/1.1" */
  pith_str reason;  /* may be empty */
  pith_str method, target; /* requests only */
  size_t head_len; /* bytes up to and including the blank line */
  int bare_lf;     /* some line ended in LF alone */
  size_t nheaders; /* headers stored in name[]/value[] */
  size_t nlines;   /* header lines seen */
  pith_str name[PITH_HTTP_MAX_HEADERS];
  pith_str value[PITH_HTTP_MAX_HEADERS];
  /* first occurrence of what the body decoder needs (.ptr NULL when absent) */
  pith_str content_type, content_encoding, transfer_encoding, content_length;
} pith_http_head;

/* Parse the head of an HTTP message at p[0..n). Returns PITH_OK;
 * PITH_ERR_FORMAT when the first line is neither a status line nor a request
 * line; PITH_ERR_TRUNCATED when no blank line ends the headers within n bytes
 * (h then describes what was seen, head_len = n); PITH_ERR_LIMIT when the
 * head is longer than PITH_HTTP_MAX_HEAD. */
pith_status pith_http_parse_head(const char *p, size_t n, pith_http_head *h);

/* Value of the first header called name (case-insensitive), trimmed;
 * .ptr NULL when absent. */
pith_str pith_http_header(const pith_http_head *h, const char *name);

/* The media type of a Content-Type value, trimmed, without parameters
 * ("text/html" of "Text/HTML; charset=x"); case is kept. */
pith_str pith_http_mime(const char *ct, size_t n);
/* The charset parameter of a Content-Type value, unquoted and trimmed;
 * .ptr NULL when absent. */
pith_str pith_http_charset(const char *ct, size_t n);

/* The PITH_HTTP_* flags describing what pith_http_decode_body did are
 * public (pith_warc_record.http_flags): see pith.h. */

/* Decode a body according to h's Transfer-Encoding and Content-Encoding.
 * out and outn receive the result: a pointer into body (nothing to undo) or
 * into b1/b2 (scratch buffers owned by the caller, reused across calls).
 * cap bounds the decoded size (0 = 64 MiB): a decompression bomb stops
 * there. Returns PITH_OK (possibly with PITH_HTTP_INCOMPLETE),
 * PITH_ERR_LIMIT (output cut at cap, PITH_HTTP_CAPPED), PITH_ERR_FORMAT
 * (undecodable: bad chunk sizes, corrupt compressed data, unsupported
 * coding; msg says which and where) or PITH_ERR_NOMEM. */
pith_status pith_http_decode_body(const pith_http_head *h, const char *body, size_t n,
                                  size_t cap, pith_buf *b1, pith_buf *b2, const char **out,
                                  size_t *outn, unsigned *flags, char *msg, size_t msgn);

/* Undo one content coding (ce: "gzip", "x-gzip", "deflate", "zstd", "br";
 * "identity"/"none"/empty: nothing to undo) of cur[0..curn); same contract
 * as pith_http_decode_body (out/outn, cap, b2 scratch, flags, msg). */
pith_status pith_http_decode_coding(const char *ce, size_t cel, const char *cur, size_t curn,
                                    size_t cap, pith_buf *b2, const char **out, size_t *outn,
                                    unsigned *flags, char *msg, size_t msgn);

/* Does this payload look like an HTML document? ct: the HTTP Content-Type
 * (may be NULL). Labels are hints, bytes decide: binary signatures (PDF,
 * images, archives, fonts, media) and control-byte-heavy data are never
 * HTML; an HTML/XHTML label needs markup; a missing or generic label
 * (octet-stream, text/plain, unknown, xml) needs an HTML signature at the
 * start (WHATWG MIME sniffing's HTML patterns); any other label is not
 * HTML. Returns 1 or 0; *why (may be NULL) gets a short static reason. */
int pith_http_sniff_html(const char *ct, size_t ctn, const char *p, size_t n, const char **why);

#endif
