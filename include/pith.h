/* pith.h - extract the article and its metadata from web pages.
 *
 * The one public header of libpith. Handles are opaque; every call that can
 * fail returns a pith_status. Ownership in one sentence: a pith_doc and every
 * string reached through it belong to the extractor that produced it and stay
 * valid until the next pith_extract/pith_clean_text on that extractor or
 * pith_extractor_free; nothing else is borrowed.
 *
 *   pith_options o;  pith_options_init(&o);
 *   pith_extractor *x = pith_extractor_new(&o);
 *   const pith_doc *d;
 *   if (pith_extract(x, html, len, url, NULL, &d) == PITH_OK)
 *     fwrite(pith_doc_text(d).ptr, 1, pith_doc_text(d).len, stdout);
 *   pith_extractor_free(x);
 *
 * One extractor per thread; extractors share nothing. */
#ifndef PITH_H
#define PITH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(PITH_BUILDING) && defined(__GNUC__)
#define PITH_EXPORT __attribute__((visibility("default")))
#else
#define PITH_EXPORT
#endif

#define PITH_VERSION_MAJOR 0
#define PITH_VERSION_MINOR 1
#define PITH_VERSION_PATCH 0
#define PITH_VERSION_STRING "0.1.0"
PITH_EXPORT const char *pith_version(void);

/** Status codes. Numbers are API: they are never renumbered or reused. */
typedef enum pith_status {
  PITH_OK = 0,            /**< success */
  PITH_NO_CONTENT = 1,    /**< parsed fine, but the page holds no article */
  PITH_ERR_NOMEM = 10,    /**< an allocation failed */
  PITH_ERR_LIMIT = 11,    /**< a configured limit was hit (see pith_doc_message) */
  PITH_ERR_INPUT = 12,    /**< input is not something pith can read (binary, ...) */
  PITH_ERR_ARG = 13,      /**< invalid argument */
  PITH_ERR_TIMEOUT = 14,  /**< per-document time budget exceeded */
  PITH_ERR_IO = 15,       /**< read or write error */
  PITH_ERR_FORMAT = 16,   /**< malformed container (WARC, gzip, JSONL record) */
  PITH_ERR_TRUNCATED = 17,/**< input ended early */
  PITH_ERR_INTERNAL = 18  /**< a bug: please report it */
} pith_status;

/** Human-readable name of a status ("ok", "out of memory", ...). */
PITH_EXPORT const char *pith_status_str(pith_status s);

/* Option flags (pith_options.flags). */
#define PITH_OPT_COMMENTS   (1u << 0) /**< extract reader comments into "comments" */
#define PITH_OPT_NO_TABLES  (1u << 1) /**< drop tables from the text */
#define PITH_OPT_EXPLAIN    (1u << 2) /**< record why each block was kept/dropped */
#define PITH_OPT_NO_META    (1u << 3) /**< skip metadata extraction */
#define PITH_OPT_RECALL     (1u << 4) /**< prefer recall: keep borderline blocks */
#define PITH_OPT_PRECISION  (1u << 5) /**< prefer precision: drop borderline blocks */
#define PITH_OPT_PARSE_ONLY (1u << 6) /**< stop after decoding and parsing (benchmarks) */

/** Options. Call pith_options_init first; it sets struct_size and defaults.
 *  A limit of 0 means "use the default". */
typedef struct pith_options {
  size_t struct_size;       /**< sizeof(pith_options), set by pith_options_init */
  unsigned flags;           /**< PITH_OPT_* */
  size_t max_input_bytes;   /**< default 64 MiB */
  size_t max_nodes;         /**< default 2,000,000 DOM nodes */
  size_t max_depth;         /**< default 2048; deeper elements are flattened, text kept */
  size_t max_attr_bytes;    /**< default 64 KiB per attribute value (longer ones cut) */
  size_t max_jsonld_bytes;  /**< default 1 MiB per JSON-LD block */
  size_t max_jsonld_depth;  /**< default 64 */
  size_t max_output_bytes;  /**< default 16 MiB of text */
  size_t max_memory_bytes;  /**< default 512 MiB arena per document */
  double time_budget_sec;   /**< default 0 = none */
  int parser;               /**< PITH_PARSER_HTML5 (default) or PITH_PARSER_LIBXML2 */
} pith_options;

/** HTML parser backends (pith_options.parser). */
#define PITH_PARSER_HTML5   0 /**< pith's WHATWG HTML5 parser: the tree browsers build */
#define PITH_PARSER_LIBXML2 1 /**< libxml2's HTML parser */

PITH_EXPORT void pith_options_init(pith_options *o);

typedef struct pith_extractor pith_extractor;
typedef struct pith_doc pith_doc;

/** A borrowed byte span, UTF-8, not NUL-terminated unless stated. */
typedef struct pith_str {
  const char *ptr;
  size_t len;
} pith_str;

/** New extractor; NULL on allocation failure or bad options. */
PITH_EXPORT pith_extractor *pith_extractor_new(const pith_options *o);
PITH_EXPORT void pith_extractor_free(pith_extractor *x);

/** Extract the article from an HTML page.
 *  url: the page's address or NULL; content_type: the HTTP Content-Type
 *  header value (used for its charset) or NULL. On return *out is set
 *  whenever a document was produced (also for PITH_NO_CONTENT and, with
 *  partial results, PITH_ERR_LIMIT); it is NULL otherwise. */
PITH_EXPORT pith_status pith_extract(pith_extractor *x, const char *html, size_t len,
                                     const char *url, const char *content_type,
                                     const pith_doc **out);

/** pith_extract for bytes that still carry an HTTP content coding:
 *  content_encoding is the Content-Encoding value ("gzip", "deflate",
 *  "zstd", "br"; NULL, "" or "identity" = none), undone before anything
 *  else (the decoded size counts against max_input_bytes). Undecodable
 *  bytes give PITH_ERR_INPUT with the reason in pith_doc_message.
 *
 *  Both functions refuse what is not text - a known binary signature
 *  (image, executable, archive, compressed stream) or bytes dense with NUL
 *  or control characters - with PITH_ERR_INPUT and a message that names
 *  what was found; *out is then a document carrying that status. */
PITH_EXPORT pith_status pith_extract_encoded(pith_extractor *x, const char *data, size_t len,
                                             const char *url, const char *content_type,
                                             const char *content_encoding,
                                             const pith_doc **out);

/** Recover the story and its facts from already flattened text. */
PITH_EXPORT pith_status pith_clean_text(pith_extractor *x, const char *text, size_t len,
                                        const pith_doc **out);

/** Scalar fields. Numbers are API. */
typedef enum pith_field {
  PITH_F_TITLE = 0,
  PITH_F_BYLINE,        /**< the credit as printed ("By Jane Roe, AP") */
  PITH_F_DATE,          /**< ISO 8601 published */
  PITH_F_DATE_MODIFIED, /**< ISO 8601 */
  PITH_F_SITE_NAME,
  PITH_F_LANG,
  PITH_F_URL,           /**< canonical URL */
  PITH_F_DESCRIPTION,
  PITH_F_IMAGE,
  PITH_F_SECTION,
  PITH_F_WIRE,          /**< wire service: "AP", "Reuters", "CNN", ... */
  PITH_F_WIRE_CREDIT,   /**< the wire credit as printed */
  PITH_F_DISTRIBUTOR,   /**< who distributed the syndicated story */
  PITH_F_COPYRIGHT,
  PITH_F_CHARSET,       /**< the charset the page was decoded from */
  PITH_F_COUNT
} pith_field;

/** List fields. */
typedef enum pith_list {
  PITH_L_AUTHORS = 0,
  PITH_L_TAGS,
  PITH_L_CONTRIBUTORS,
  PITH_L_COMMENTS,
  PITH_L_COUNT
} pith_list;

/** Name of a field as used in JSON output ("title", "date_modified", ...). */
PITH_EXPORT const char *pith_field_name(pith_field f);
PITH_EXPORT const char *pith_list_name(pith_list l);

PITH_EXPORT pith_status pith_doc_status(const pith_doc *d);
/** Human-readable message for the status (empty for PITH_OK). */
PITH_EXPORT const char *pith_doc_message(const pith_doc *d);
/** The article text: paragraphs separated by one blank line. */
PITH_EXPORT pith_str pith_doc_text(const pith_doc *d);
/** A field; .ptr is NULL when absent. */
PITH_EXPORT pith_str pith_doc_field(const pith_doc *d, pith_field f);
/** Where a field came from: "json-ld", "meta", "microdata", "dom", "text",
 *  "url", "http" — or NULL when absent. */
PITH_EXPORT const char *pith_doc_field_source(const pith_doc *d, pith_field f);
PITH_EXPORT size_t pith_doc_list_count(const pith_doc *d, pith_list l);
PITH_EXPORT pith_str pith_doc_list_item(const pith_doc *d, pith_list l, size_t i);

/** Blocks of the article, in order. */
typedef enum pith_block_kind {
  PITH_B_PARAGRAPH = 0,
  PITH_B_HEADING,
  PITH_B_LIST_ITEM,
  PITH_B_QUOTE,
  PITH_B_CODE,
  PITH_B_TABLE_ROW,
  PITH_B_CAPTION
} pith_block_kind;
PITH_EXPORT size_t pith_doc_block_count(const pith_doc *d);
/** level: heading level 1-6, list nesting depth, else 0. */
PITH_EXPORT pith_str pith_doc_block(const pith_doc *d, size_t i, pith_block_kind *kind,
                                    int *level);

/** With PITH_OPT_EXPLAIN: one line per judged block, "keep|drop<TAB>reason<TAB>text". */
PITH_EXPORT pith_str pith_doc_explain(const pith_doc *d);

/** Bitmask of limits that were hit while reading this document. */
#define PITH_HIT_DEPTH   (1u << 0) /**< nesting flattened at max_depth */
#define PITH_HIT_NODES   (1u << 1) /**< node cap reached: later markup ignored */
#define PITH_HIT_ATTR    (1u << 2) /**< an attribute value was cut */
#define PITH_HIT_OUTPUT  (1u << 3) /**< text cut at max_output_bytes */
#define PITH_HIT_JSONLD  (1u << 4) /**< a JSON-LD block was too big or deep */
#define PITH_HIT_MEMORY  (1u << 5) /**< max_memory_bytes reached: the page was not finished */
#define PITH_HIT_TIME    (1u << 6) /**< time_budget_sec ran out: the page was not finished */
PITH_EXPORT unsigned pith_doc_limits_hit(const pith_doc *d);

/** Output formats for pith_render. */
typedef enum pith_format {
  PITH_FMT_TEXT = 0,
  PITH_FMT_MARKDOWN,
  PITH_FMT_JSON,  /**< pretty, one object */
  PITH_FMT_JSONL  /**< one line */
} pith_format;

/** Sink for rendered output: return 0 to continue, non-zero to stop. */
typedef int (*pith_sink)(void *ud, const char *p, size_t n);

/** Render a document. id (may be NULL) becomes the "id" field of JSON
 *  output. Returns PITH_ERR_IO when the sink stops. */
PITH_EXPORT pith_status pith_render(const pith_doc *d, pith_format f, const char *id,
                                    pith_sink sink, void *ud);

/** Extra fields for JSON output, written right after "id" in the given
 *  order (e.g. {"warc_date", "2024-01-01T00:00:00Z"}). Values are strings,
 *  JSON-escaped by the renderer, unless flags has PITH_EXTRA_NUMBER: then
 *  the value is written bare and must be a JSON number (else
 *  PITH_ERR_ARG). A NULL value is skipped. */
#define PITH_EXTRA_NUMBER 1u
typedef struct pith_render_extra {
  const char *key;
  const char *value;
  unsigned flags;
} pith_render_extra;
PITH_EXPORT pith_status pith_render_with(const pith_doc *d, pith_format f, const char *id,
                                         const pith_render_extra *extra, size_t nextra,
                                         pith_sink sink, void *ud);

/** Write s[0..n) as a JSON string literal, quotes included, into dst,
 *  which must have room for PITH_JSON_ESCAPE_MAX(n) bytes; returns the
 *  bytes written (no NUL is added). The result is valid UTF-8 whatever s
 *  holds: invalid sequences become U+FFFD; control characters, '"', '\\'
 *  and U+2028/U+2029 are escaped. The renderer uses this for every string. */
#define PITH_JSON_ESCAPE_MAX(n) (6 * (size_t)(n) + 2)
PITH_EXPORT size_t pith_json_escape(char *dst, const char *s, size_t n);

/* ---- near-duplicate clusters -------------------------------------------
 * Texts -> 5-word shingles -> a MinHash signature of PITH_DEDUP_K 16-bit
 * values (one-permutation hashing with densification). The fraction of
 * equal values estimates the Jaccard similarity |A^B|/|AuB| of two shingle
 * sets (standard deviation sqrt(J(1-J)/128), 0.035 at J = 0.8). Documents
 * are added (texts or ready signatures), then clustered in one batch when
 * a cluster is first asked for: LSH bands chosen for the threshold propose
 * candidate pairs, each candidate is verified by its estimate from the full
 * signatures, and verified pairs are joined (union-find). Each cluster has
 * a canonical member chosen by a documented rule (pith_dedup_canonical).
 * Memory: 256 bytes of signature + ~24 bytes per document. */
typedef struct pith_dedup pith_dedup;
#define PITH_DEDUP_K 128
/** Jaccard mode, threshold 0.8. */
PITH_EXPORT pith_dedup *pith_dedup_new(void);
/** threshold: Jaccard in (0,1] (0 = 0.8). containment: 0 = off, else in
 *  (0,1]: two documents are also copies when |A^B|/|smaller| >= containment
 *  (a syndicated copy trimmed to 12 of 21 paragraphs). NULL on a bad value
 *  or no memory. */
PITH_EXPORT pith_dedup *pith_dedup_new_with(double threshold, double containment);
/** What the canonical rule needs to know of a document; every pointer may be
 *  NULL. date: ISO 8601 (2008-03-01, 2008-03-01T12:00:00Z, +hh:mm offsets).
 *  length: the text's length in bytes (0 = the length of the text added). */
typedef struct pith_dedup_meta {
  const char *url;
  const char *canonical_url;
  const char *site_name;
  const char *wire;
  const char *date;
  size_t length;
  int truncated; /* the text is marked incomplete */
} pith_dedup_meta;
/** Add a document. *index receives its number (0, 1, 2, ... in the order
 *  added). PITH_NO_CONTENT: the text has no shingle (fewer than 5 words, or
 *  only punctuation and numbers): it gets no signature and is never
 *  clustered with another document. PITH_ERR_NOMEM, PITH_ERR_LIMIT (more
 *  than 4 billion documents) leave the set unchanged. */
PITH_EXPORT pith_status pith_dedup_add(pith_dedup *d, const char *text, size_t len,
                                       size_t *index);
/** pith_dedup_add with the facts the canonical rule uses (meta may be NULL). */
PITH_EXPORT pith_status pith_dedup_add_meta(pith_dedup *d, const char *text, size_t len,
                                            const pith_dedup_meta *meta, size_t *index);
/** A text's signature without adding it: sig[PITH_DEDUP_K], *shingles the
 *  number of shingles hashed. PITH_NO_CONTENT when there is none. */
PITH_EXPORT pith_status pith_dedup_sign(const char *text, size_t len, uint16_t *sig,
                                        uint32_t *shingles);
/** Add a signature made by pith_dedup_sign (NULL or shingles == 0: a
 *  document without one). Same signature, same clusters as adding the text. */
PITH_EXPORT pith_status pith_dedup_add_signature(pith_dedup *d, const uint16_t *sig,
                                                 uint32_t shingles, const pith_dedup_meta *meta,
                                                 size_t *index);
/** Number of documents added. */
PITH_EXPORT size_t pith_dedup_count(const pith_dedup *d);
/** The cluster of document i: the index of its cluster's first document.
 *  (size_t)-1 for a bad i or when clustering ran out of memory. */
PITH_EXPORT size_t pith_dedup_cluster(pith_dedup *d, size_t i);
/** How many documents share document i's cluster. */
PITH_EXPORT size_t pith_dedup_cluster_size(pith_dedup *d, size_t i);
/** The canonical document of i's cluster. The rule, in order: (1) a copy on
 *  the wire agency's own site (url or canonical_url host is the agency's
 *  domain -- apnews.com for AP, reuters.com for Reuters, afp.com for AFP, ...
 *  -- for the agency named in wire, or for any agency when wire is unset;
 *  or site_name is the agency named in wire); (2) the earliest date (dated
 *  before undated); (3) a complete text before one marked truncated, the
 *  longer first; (4) the first added. */
PITH_EXPORT size_t pith_dedup_canonical(pith_dedup *d, size_t i);
/** Estimated Jaccard similarity of documents i and j (-1 without signature). */
PITH_EXPORT double pith_dedup_similarity(const pith_dedup *d, size_t i, size_t j);
/** 1 when host (a host name or a URL) is the own site of the agency named
 *  wire (a pith wire name: "AP", "Reuters", "AFP", ...; NULL = any agency). */
PITH_EXPORT int pith_dedup_wire_site(const char *host, const char *wire);
PITH_EXPORT void pith_dedup_free(pith_dedup *d);


/* ---- WARC archives --------------------------------------------------------
 * A streaming reader for WARC 0.17-1.1 files as crawlers write them:
 * uncompressed, gzip per record (Common Crawl), whole-file gzip, or zstd,
 * sniffed from the bytes. It reports damage with byte offsets and goes on
 * (resynchronising at the next record), parses HTTP responses and undoes
 * chunked transfer coding and gzip/deflate/zstd/brotli content coding.
 *
 *   pith_warc_options o;  pith_warc_options_init(&o);
 *   char err[256];
 *   pith_warc_reader *r = pith_warc_open("x.warc.gz", &o, err, sizeof err);
 *   pith_warc_record rec;
 *   int k;
 *   while ((k = pith_warc_next(r, &rec)) != PITH_WARC_EOF) {
 *     if (k == PITH_WARC_DAMAGE) { report(rec.offset, rec.message); continue; }
 *     if (rec.err) continue;  // a damaged record (rec.message says how)
 *     if (rec.type == PITH_WARC_RESPONSE && rec.http_status == 200)
 *       use(rec.target_uri, rec.payload, rec.payload_len);
 *   }
 *   pith_warc_close(r);
 *
 * Memory is fixed (a 256 KiB window, the gzip buffer, block and payload
 * buffers capped by max_block / max_payload); it does not grow with the file.
 * Ownership in one sentence: every pointer in a pith_warc_record, and every
 * string the pith_warc_header / pith_warc_http_* calls return, belongs to the
 * reader and stays valid until the next pith_warc_next or pith_warc_close.
 * One reader per thread; readers share nothing. */

/* pith_warc_record.http_flags: what was done to the HTTP body. */
#define PITH_HTTP_DECHUNKED 0x01u   /* chunked transfer coding was undone */
#define PITH_HTTP_NOT_CHUNKED 0x02u /* declared chunked, stored de-chunked: used as is */
#define PITH_HTTP_DECODED 0x04u     /* a content coding (gzip/deflate/zstd) was undone */
#define PITH_HTTP_NOT_ENCODED 0x08u /* declared content coding, stored decoded: used as is */
#define PITH_HTTP_INCOMPLETE 0x10u  /* the body ends early (inside a chunk / a stream) */
#define PITH_HTTP_CAPPED 0x20u      /* decoded output reached the cap; the rest was dropped */

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
PITH_EXPORT const char *pith_warc_type_name(pith_warc_type t);

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
PITH_EXPORT const char *pith_warc_err_name(pith_warc_err e);

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
PITH_EXPORT const char *pith_warc_warn_name(pith_warc_warn w);

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

/** One item from pith_warc_next: a view into the reader, valid until the
 *  next pith_warc_next or pith_warc_close. The caller provides the struct
 *  and pith_warc_next fills all of it, so fields are only ever added with
 *  a new SONAME. */
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

PITH_EXPORT void pith_warc_options_init(pith_warc_options *o);

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

/** A byte source: returns bytes read (>0), 0 at the end, -1 on error (errno
 *  set). Short reads are fine. */
typedef long (*pith_read_fn)(void *ud, void *buf, size_t n);

/** Open path ("-" = stdin). NULL on failure with a message in err. */
PITH_EXPORT pith_warc_reader *pith_warc_open(const char *path, const pith_warc_options *o,
                                             char *err, size_t errn);
/** Read a file descriptor from its current position; take != 0: the reader
 *  closes it. NULL on allocation failure or a negative fd. */
PITH_EXPORT pith_warc_reader *pith_warc_open_fd(int fd, int take, const pith_warc_options *o);
/** Read a stdio stream (not closed by the reader; do not read it meanwhile). */
PITH_EXPORT pith_warc_reader *pith_warc_open_file(FILE *fp, const pith_warc_options *o);
/** Read n bytes of memory, borrowed: they must outlive the reader. */
PITH_EXPORT pith_warc_reader *pith_warc_open_memory(const void *p, size_t n,
                                                    const pith_warc_options *o);
/** Read any byte source (a socket, a decompressor, a Python file object). */
PITH_EXPORT pith_warc_reader *pith_warc_open_source(pith_read_fn read, void *ud,
                                                    const pith_warc_options *o);
PITH_EXPORT void pith_warc_close(pith_warc_reader *r);

/** The next item into *rec: PITH_WARC_RECORD (a record, maybe damaged:
 *  rec->err), PITH_WARC_DAMAGE (damage between records: rec->err,
 *  rec->offset, rec->message, rec->skipped) or PITH_WARC_EOF (for good). */
PITH_EXPORT int pith_warc_next(pith_warc_reader *r, pith_warc_record *rec);

/** Any WARC header of the current record (case-insensitive name, first
 *  occurrence, NUL-terminated), NULL when absent. */
PITH_EXPORT const char *pith_warc_header(const pith_warc_reader *r, const char *name);
/** The current record's WARC headers in order (at most 256 kept). */
PITH_EXPORT size_t pith_warc_header_count(const pith_warc_reader *r);
/** Header i: 0 and *name / *value (NUL-terminated), or PITH_ERR_ARG when i
 *  is out of range. */
PITH_EXPORT pith_status pith_warc_header_at(const pith_warc_reader *r, size_t i,
                                            const char **name, const char **value);

/** The HTTP head of the current record (rec.flags & PITH_WARC_F_HTTP):
 *  headers in order (at most 128 kept), lookup by name (case-insensitive,
 *  first occurrence; .ptr NULL when absent), the status line's reason and
 *  protocol version ("HTTP/1.1"). Without an HTTP head: 0 headers, empty
 *  spans. Spans point into the record's block: not NUL-terminated. */
PITH_EXPORT size_t pith_warc_http_header_count(const pith_warc_reader *r);
PITH_EXPORT pith_status pith_warc_http_header_at(const pith_warc_reader *r, size_t i,
                                                 pith_str *name, pith_str *value);
PITH_EXPORT pith_str pith_warc_http_header(const pith_warc_reader *r, const char *name);
PITH_EXPORT pith_str pith_warc_http_reason(const pith_warc_reader *r);
PITH_EXPORT pith_str pith_warc_http_version(const pith_warc_reader *r);

/** Counters so far (records, damage by kind, bytes read / decompressed). */
PITH_EXPORT const pith_warc_stats *pith_warc_get_stats(const pith_warc_reader *r);

/** Is this record a page, as `pith warc` decides? */
typedef enum pith_warc_page_kind {
  PITH_WARC_SKIP = 0,      /**< not a page: reason says why */
  PITH_WARC_PAGE_HTML = 1, /**< an HTML page: pith_extract(rec.payload, url, http_content_type) */
  PITH_WARC_PAGE_TEXT = 2  /**< flattened text (a WET conversion record): pith_clean_text */
} pith_warc_page_kind;

/* pith_warc_page_options.flags */
#define PITH_WARC_P_KEEP_DAMAGED 0x01u /**< a damaged record is a page too (page.damage says how) */
#define PITH_WARC_P_NO_DIGESTS 0x02u   /**< do not check sha1 WARC-Block/Payload-Digest */

typedef struct pith_warc_page_options {
  unsigned flags;      /**< PITH_WARC_P_* */
  const int *statuses; /**< HTTP statuses taken (1-9: that class, 2 = 2xx); NULL = {200} */
  size_t nstatuses;
  size_t max_payload;  /**< what the reader was opened with (0 = its 16 MiB default):
                            only used in the too_large detail */
} pith_warc_page_options;

typedef struct pith_warc_page {
  pith_warc_page_kind kind;
  /** skip reason, as in `pith warc`'s skipped_by_reason: a WARC-Type name
   *  ("request", ..., "other_type"), "not_http", "status", "empty",
   *  "not_html", "damaged", "http_decode", "too_large"; NULL for a page */
  const char *reason;
  const char *detail;     /**< more on the reason, or "" (valid as the record) */
  pith_warc_err damage;   /**< a kept damaged record's damage, else PITH_WARC_E_NONE */
  int digest;             /**< 1 block digest mismatch, 2 payload digest mismatch, 0 */
  const char *truncated;  /**< WARC-Truncated, or "incomplete" for a body cut short, or NULL */
  char buf[96];           /**< holds detail when it is formatted */
} pith_warc_page;

/** Check a record's sha1 digests: 1 when its WARC-Block-Digest does not
 *  match the block, 2 when it has no checkable block digest and its
 *  WARC-Payload-Digest matches neither the HTTP body as stored nor the
 *  de-chunked body, 0 otherwise (no sha1 digest, a capped block, a body
 *  that cannot be rebuilt, a revisit). pith_warc_classify uses it. */
PITH_EXPORT int pith_warc_digest_check(const pith_warc_reader *r, const pith_warc_record *rec);

/** Decide what `pith warc` does with a record (kind == PITH_WARC_RECORD):
 *  o may be NULL for the defaults. Returns page->kind. */
PITH_EXPORT pith_warc_page_kind pith_warc_classify(const pith_warc_reader *r,
                                                   const pith_warc_record *rec,
                                                   const pith_warc_page_options *o,
                                                   pith_warc_page *page);

#ifdef __cplusplus
}
#endif
#endif
