/* json.h - a small, bounded, tolerant JSON parser for JSON-LD blocks.
 *
 * Iterative (no recursion): nesting deeper than max_depth and input longer
 * than max_bytes are refused with PITH_JSON_LIMIT. Tolerates what pages
 * really emit: trailing commas, raw control characters and newlines inside
 * strings, a block wrapped in <!-- --> or <![CDATA[ ]]>, several values
 * concatenated (returned as an array flagged `multi`), and trailing ';'.
 * HTML entities are not decoded. Values live in the arena (at most one
 * value per 16 bytes of max_bytes, so memory stays bounded). Linear time. */
#ifndef PITH_META_JSON_H
#define PITH_META_JSON_H

#include "core/core.h"

typedef enum pith_json_type {
  PITH_JSON_NULL = 0,
  PITH_JSON_BOOL,
  PITH_JSON_NUM,
  PITH_JSON_STR,
  PITH_JSON_ARR,
  PITH_JSON_OBJ
} pith_json_type;

typedef struct pith_json pith_json;
struct pith_json {
  pith_json *next;    /* next element / member */
  pith_json *child;   /* first element / member (arrays, objects) */
  pith_json *parent;
  pith_json *last;    /* last child (for building) */
  const char *key;    /* member name (NUL-terminated) or NULL */
  const char *s;      /* string value (decoded, NUL-terminated) or number text */
  size_t klen, len;   /* key length; string/number length, or child count */
  unsigned char type; /* pith_json_type */
  unsigned char b;    /* bool value; for the root array of concatenated values: 1 */
};

enum { PITH_JSON_OK = 0, PITH_JSON_SYNTAX = 1, PITH_JSON_LIMIT = 2 };

/* Parse s (n bytes). max_depth / max_bytes of 0 mean 64 / 1 MiB. On success
 * (PITH_JSON_OK) *out is the root value. Returns PITH_JSON_SYNTAX,
 * PITH_JSON_LIMIT or -PITH_ERR_NOMEM otherwise (*out = NULL). */
int pith_json_parse(const char *s, size_t n, pith_arena *a, size_t max_depth, size_t max_bytes,
                    pith_json **out);

/* Member of an object by key (exact match), or NULL. */
const pith_json *pith_json_get(const pith_json *obj, const char *key);
/* String value or NULL (for non-strings). */
static inline const char *pith_json_str(const pith_json *v, size_t *len) {
  if (!v || v->type != PITH_JSON_STR) return NULL;
  if (len) *len = v->len;
  return v->s;
}
/* Number value as double (0 when not a number; +-inf when out of range). */
double pith_json_num(const pith_json *v);

/* The escape "\uXXXX" whose hex digits start at p (p < e): its code point,
 * or that of a surrogate pair "XXXX\uYYYY"; a lone or broken surrogate
 * gives U+FFFD. Returns the bytes read after "\u" (4 or 10), or 0 when
 * XXXX is not four hex digits. Shared by this parser and pith clean's
 * JSONL reader. */
size_t pith_json_u_escape(const char *p, const char *e, uint32_t *cp);

#endif
