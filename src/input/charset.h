/* charset.h - find a page's character encoding and decode it to UTF-8.
 *
 * Follows the WHATWG Encoding standard's labels and the HTML standard's
 * "encoding sniffing" order: BOM > HTTP Content-Type > <meta> prescan of the
 * first 1024 bytes > sniffing. Everything that is not UTF-8, UTF-16,
 * windows-1252 or x-user-defined (decoded here) goes through glibc iconv.
 *
 * Ownership in one sentence: nothing here allocates except into the caller's
 * scratch buffer, and the decoded text is either a pointer into the input or
 * scratch->p. Thread-safe: no mutable globals; an iconv handle is opened and
 * closed per call (only when a legacy multi-byte or rare encoding is used). */
#ifndef PITH_INPUT_CHARSET_H
#define PITH_INPUT_CHARSET_H

#include <stddef.h>
#include "core/core.h"

/* How many leading bytes the <meta> prescan looks at. */
#define PITH_CHARSET_PRESCAN_BYTES 1024

/* Decode raw page bytes into valid UTF-8 with no NUL bytes.
 *
 * Precedence: BOM > HTTP Content-Type charset (content_type may be NULL) >
 * <meta charset> / <meta http-equiv=Content-Type content="...charset=...">
 * within the first 1024 bytes (WHATWG prescan: comments and other tags are
 * skipped, a meta charset of utf-16* means utf-8, x-user-defined means
 * windows-1252) > sniffing. Unknown labels (utf-7, garbage) fall through to
 * the next step, and so does a known label whose iconv converter is missing.
 *
 * Sniffing picks utf-8 when the bytes are valid UTF-8 (a sequence cut off at
 * the very end, as in truncated WARC payloads, and NUL bytes do not count
 * against it) or when stray invalid bytes are few next to many multi-byte
 * sequences (at least 4 valid sequences per invalid byte); otherwise
 * windows-1252.
 *
 * A non-UTF-8 label from <meta> on bytes that are valid UTF-8 with at least
 * one multi-byte sequence is overridden: utf-8 is used and *source says
 * "sniff" (trafilatura#231). A label from the BOM or HTTP is always kept.
 * A declared UTF-8 that is not valid stays UTF-8, each bad byte -> U+FFFD.
 *
 * Deviation from WHATWG: labels of its "replacement" encoding that glibc can
 * decode (iso-2022-kr, iso-2022-cn, iso-2022-cn-ext) are decoded rather than
 * turned into a single U+FFFD; hz-gb-2312 is treated as unknown.
 *
 * Invalid sequences become U+FFFD and decoding always continues; NUL bytes
 * (and U+0000 from UTF-16) become U+FFFD. The result is valid UTF-8.
 *
 * Fast path: when no conversion is needed (valid UTF-8 without NULs, or pure
 * ASCII without NULs in an ASCII-compatible charset) the result points into
 * `in` itself - `in`, or in + 3 after a UTF-8 BOM - and nothing is copied.
 * Otherwise scratch is cleared, the text written into it (NUL-terminated,
 * not counted) and scratch->p returned. Empty input returns `in` (or "" when
 * `in` is NULL) with *out_len = 0.
 *
 * name (may be NULL, else >= 32 bytes) receives the canonical WHATWG name
 * used ("utf-8", "windows-1252", "shift_jis", "gbk", "utf-16le", ...);
 * *source (source may be NULL) a static string: "bom", "http", "meta" or
 * "sniff".
 * Returns NULL when scratch->max is exceeded or an allocation fails
 * (scratch->err is PITH_ERR_LIMIT / PITH_ERR_NOMEM), or when a conversion is
 * needed and scratch is NULL. Linear time; no recursion. */
const char *pith_charset_decode(const char *in, size_t len, const char *content_type,
                                pith_buf *scratch, size_t *out_len,
                                char name[32], const char **source);

/* Parse the charset parameter of a Content-Type value (n bytes, need not be
 * NUL-terminated); returns 1 and copies the canonical name into name[32]
 * when a known label is found, else 0. Only the first charset parameter
 * counts; quoted values with backslash escapes are understood. */
int pith_charset_from_content_type(const char *ct, size_t n, char name[32]);

/* WHATWG "get an encoding": map a label (surrounding ASCII whitespace
 * ignored, any case) to its canonical name. Returns 1 if known, else 0. */
int pith_charset_label(const char *label, size_t n, char name[32]);

/* The <meta> prescan alone, over the first PITH_CHARSET_PRESCAN_BYTES of
 * in. Returns 1 and the canonical name (after the utf-16 -> utf-8 and
 * x-user-defined -> windows-1252 rewrites) when a usable declaration is
 * found, else 0. */
int pith_charset_prescan(const char *in, size_t len, char name[32]);

#endif
