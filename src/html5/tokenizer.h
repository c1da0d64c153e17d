/* tokenizer.h - a WHATWG HTML5 tokenizer (HTML Living Standard, 13.2.5).
 *
 * One pass over UTF-8 input, no allocation per token: token strings point
 * into the input where they are a plain copy of it, and into reusable
 * scratch buffers where the spec transforms them (character references,
 * NUL, CR/CRLF -> LF, lower-casing). Strings of a token are valid only
 * during the callback that receives it.
 *
 * The input is not copied nor preprocessed: CR and CRLF are folded into LF
 * while tokenizing. Bytes >= 0x80 are passed through (the caller gives
 * UTF-8); only ASCII decides state changes, as in the spec.
 *
 * The tree builder drives the tokenizer from its callback: it may switch
 * the state (RCDATA for <title>, ...) and say whether the adjusted current
 * node is foreign (for <![CDATA[). */
#ifndef PITH_HTML5_TOKENIZER_H
#define PITH_HTML5_TOKENIZER_H

#include <stddef.h>
#include <stdint.h>

enum h5_token_type {
  H5_CHARS = 1,   /* data: a run of characters (adjacent runs coalesced) */
  H5_START_TAG,
  H5_END_TAG,
  H5_COMMENT,
  H5_DOCTYPE,
  H5_EOF
};

/* States a caller may set (the others are internal). */
enum h5_state {
  H5_DATA = 0,
  H5_RCDATA,
  H5_RAWTEXT,
  H5_SCRIPT_DATA,
  H5_PLAINTEXT,
  H5_CDATA_SECTION
};

typedef struct h5_str {
  const char *p;
  size_t n;
} h5_str;

typedef struct h5_attr {
  h5_str name;   /* lower-case */
  h5_str value;
} h5_attr;

typedef struct h5_token {
  int type;
  h5_str data;          /* chars, comment text, tag name, doctype name */
  h5_attr *attrs;       /* tags: duplicates already dropped */
  size_t nattrs;
  int self_closing;
  /* DOCTYPE */
  int force_quirks, has_name, has_public, has_system;
  h5_str public_id, system_id;
  int atom;             /* free for the consumer (the tree builder caches
                           its tag atom here); the tokenizer sets -1 */
} h5_token;

struct h5_tokenizer;
/* Return non-zero to stop tokenizing (h5_tokenize returns that value). */
typedef int (*h5_emit_fn)(void *ctx, struct h5_tokenizer *t, h5_token *tok);
/* Non-zero when the adjusted current node is not an HTML element. */
typedef int (*h5_foreign_fn)(void *ctx);

typedef struct h5_span {
  size_t off, len;
  int owned;     /* 0: offset into the input; 1: into the span's buffer */
} h5_span;

typedef struct h5_sbuf {
  char *p;
  size_t n, cap;
} h5_sbuf;

typedef struct h5_pattr {
  h5_span name, value;
  uint32_t hash;
  int dup;       /* a repeated name: dropped on emit */
} h5_pattr;

typedef struct h5_tokenizer {
  const uint8_t *in;
  size_t len, pos;
  int state, ret_state;     /* ret_state: after a character reference */
  int stop;                 /* value returned by the callback */
  h5_emit_fn emit;
  h5_foreign_fn foreign;
  void *ctx;
  size_t errors;            /* parse errors seen */
  int oom;

  /* current tag / comment / doctype */
  int cur_type;
  h5_span name, data, pub, sys;
  int self_closing, force_quirks, has_name, has_pub, has_sys;
  h5_pattr *pattrs;
  size_t npattrs, pattrs_cap;
  uint32_t *attr_hash;      /* open-addressed set of attribute indices + 1 */
  size_t attr_hash_cap;
  h5_sbuf tagbuf;           /* owned strings of the current token */
  h5_attr *attrs;           /* resolved attributes handed to emit */
  size_t attrs_cap;

  /* pending characters */
  h5_span chars;
  h5_sbuf charbuf;

  h5_sbuf tmp;              /* the spec's temporary buffer */
  h5_sbuf last_start;       /* name of the last start tag emitted */
  size_t cr_len;            /* bytes of the last character read (CRLF = 2) */
} h5_tokenizer;

void h5_tokenizer_init(h5_tokenizer *t, const char *in, size_t len,
                       h5_emit_fn emit, void *ctx);
void h5_tokenizer_free(h5_tokenizer *t);
/* Set the state (e.g. from the emit callback after a start tag). */
void h5_tokenizer_set_state(h5_tokenizer *t, int state);
/* The appropriate-end-tag name (tests set it; start tags update it). */
void h5_tokenizer_set_last_start_tag(h5_tokenizer *t, const char *name, size_t n);
/* Run to the end of the input (or until emit returns non-zero). Returns
 * 0, the callback's value, or -1 when memory ran out. */
int h5_tokenize(h5_tokenizer *t);

/* Longest named character reference that is a prefix of s[0..n):
 * returns its length (0 if none) and the code points (cp[1] may be 0). */
size_t h5_entity_match(const char *s, size_t n, uint32_t cp[2]);
/* UTF-8 encoding of cp into out (4 bytes room); returns the length. */
size_t h5_utf8_put(char *out, uint32_t cp);

#endif
