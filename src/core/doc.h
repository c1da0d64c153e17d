/* doc.h - the internal shape of a pith_doc and pith_extractor.
 *
 * Everything a document points to lives in the extractor's arena (strings,
 * lists) or in buffers the extractor reuses (text, blocks, explain); all of
 * it is reset by the next extraction. */
#ifndef PITH_DOC_H
#define PITH_DOC_H

#include "core/core.h"
#include "parse/dom.h"

typedef struct pith_strlist {
  pith_str *v;  /* arena-allocated */
  size_t n, cap;
} pith_strlist;

/* Field priorities: a source only replaces a field set by a weaker one. */
enum {
  PITH_PRI_NONE = 0,
  PITH_PRI_TEXT = 1,      /* guessed from visible text lines */
  PITH_PRI_DOM = 2,       /* byline/time elements, <title> */
  PITH_PRI_META = 3,      /* <meta> name/property, Dublin Core */
  PITH_PRI_MICRODATA = 4,
  PITH_PRI_JSONLD = 5
};

typedef struct pith_meta {
  pith_str f[PITH_F_COUNT];           /* .ptr NULL = absent; NUL-terminated */
  const char *src[PITH_F_COUNT];      /* static string: "json-ld", "meta", ... */
  unsigned char pri[PITH_F_COUNT];
  pith_strlist l[PITH_L_COUNT];
  const char *lsrc[PITH_L_COUNT];
  unsigned char lpri[PITH_L_COUNT];
} pith_meta;

/* Set field f from (s, n) when pri is stronger than what is there. The
 * value is trimmed, whitespace-collapsed and copied into the arena. Empty
 * values are ignored. Returns 1 if set, 0 if not, <0 (-PITH_ERR_NOMEM). */
int pith_meta_set(pith_meta *m, pith_arena *a, pith_field f, const char *s, size_t n,
                  int pri, const char *src);
/* Replace list l by an empty list at priority pri if pri is stronger than
 * the current list's; returns 1 if the caller may now add items. */
int pith_meta_list_claim(pith_meta *m, pith_list l, int pri, const char *src);
/* Append an item (trimmed, collapsed, copied; duplicates ignored). */
int pith_meta_list_add(pith_meta *m, pith_arena *a, pith_list l, const char *s, size_t n);

typedef struct pith_block {
  uint32_t off, len;  /* span of doc->text */
  uint8_t kind;       /* pith_block_kind */
  uint8_t level;
  uint16_t num;       /* ordered list item number, 0 = unordered */
} pith_block;

struct pith_doc {
  pith_status status;
  char message[256];
  pith_buf btext;      /* raw block texts, back to back (pith_block spans) */
  pith_buf text;       /* rendered plain text: blocks joined by "\n\n" */
  pith_block *blocks;
  size_t nblocks, blocks_cap;
  pith_buf comments;   /* comment texts separated by '\0' (see meta.l[COMMENTS]) */
  pith_meta meta;
  pith_buf explain;
  unsigned hit;        /* PITH_HIT_* */
  int explain_on;
  int comments_on;     /* PITH_OPT_COMMENTS: "comments" is always written */
  const char *url;     /* the address the caller gave (arena copy), or NULL */
};

struct pith_extractor {
  pith_options opt;
  pith_arena arena;    /* per document */
  pith_dom dom;
  pith_buf input;      /* decoded UTF-8 input */
  pith_buf scratch;
  pith_buf coded;      /* the input with its content coding undone */
  pith_doc doc;
  /* per-node working arrays for extraction, grown as needed */
  void *work;
  size_t work_cap;
};

/* Add a block to the document (copies text, collapsing whitespace; empty
 * blocks are ignored). Returns 0 or a pith_status. */
int pith_doc_add_block(pith_doc *d, int kind, int level, const char *s, size_t n);
int pith_doc_add_block_num(pith_doc *d, int kind, int level, int num, const char *s, size_t n);
/* Add a comment (text mode or HTML) when comments are wanted. */
int pith_doc_add_comment(pith_doc *d, pith_arena *a, const char *s, size_t n);
void pith_doc_reset(pith_doc *d, int explain);
void pith_doc_free(pith_doc *d);
/* Build d->text from the blocks (called once at the end of extraction). */
int pith_doc_finish(pith_doc *d);
/* Append a line to the explain log: "keep|drop\treason\ttext". */
void pith_doc_explain_line(pith_doc *d, int keep, const char *reason, const char *s, size_t n);
void pith_doc_set_status(pith_doc *d, pith_status st, const char *fmt, ...);

#endif
