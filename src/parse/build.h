/* build.h - the DOM builder both parser backends feed (internal).
 *
 * A backend reports start tags, attributes, text and end tags in document
 * order; the builder applies pith's caps the same way for both: node cap
 * (later markup ignored), depth cap (deeper elements flattened, their text
 * kept), attribute value cap, memory and time caps (the parse stops). */
#ifndef PITH_PARSE_BUILD_H
#define PITH_PARSE_BUILD_H

#include "parse/dom.h"

typedef struct pith_builder {
  pith_dom *d;
  uint32_t *stack;  /* open elements; stack[0] = root */
  uint32_t *last;   /* last child of each open element */
  size_t depth, cap;
  size_t phantom;   /* elements not created (depth/node cap): their end tags are ignored */
  unsigned ticks;   /* elements since the last clock check */
  size_t extra_mem; /* bytes the backend holds besides the DOM (counted by the memory cap) */
  void (*stop)(void *ctx);  /* called when a cap stops the parse */
  void *stop_ctx;
} pith_builder;

/* Reset d, create the root. Returns 0 or PITH_ERR_NOMEM. */
int pith_build_begin(pith_builder *b, pith_dom *d);
/* Close what is open, release the builder. Returns 0 or a pith_status. */
int pith_build_finish(pith_builder *b, int rc);
/* Memory and time caps; nonzero (d->err) when the parse must stop. */
int pith_build_over(pith_builder *b);
/* Start tag: returns the new element or 0 (dropped). Attributes follow. */
uint32_t pith_build_start(pith_builder *b, int tag);
/* One attribute of the element pith_build_start just returned. */
void pith_build_attr(pith_builder *b, uint32_t el, const char *name, size_t nl, const char *value,
                     size_t vl);
void pith_build_end(pith_builder *b, int tag);
void pith_build_text(pith_builder *b, const char *s, size_t len);

/* The backends. */
int pith_dom_parse_libxml2(pith_dom *d, const char *utf8, size_t len);
int pith_dom_parse_html5(pith_dom *d, const char *utf8, size_t len);

#endif
