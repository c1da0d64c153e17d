/* tree.h - WHATWG HTML5 tree construction (HTML Living Standard, 13.2.6)
 * over the html5 tokenizer, into a small linked DOM of its own.
 *
 * Nodes live in one array (index 0 = the document); links are indices,
 * 0 = none. Strings (names, attributes, comments, doctype) live in one
 * append-only buffer, text node data in another (a text node owns a
 * region with room to grow, so appending to it is amortised O(1) even
 * when other text comes in between). No scripting; no fragment parsing.
 *
 * Bounds that keep it linear on hostile input (as browsers bound them):
 * the stack of open elements is at most H5_MAX_DEPTH deep (an element past
 * it closes the current node and becomes its sibling), the list of active
 * formatting elements keeps at most H5_NOAH_SCAN entries after its last
 * marker (the oldest goes), the adoption agency keeps the spec's 8 / 3
 * loop limits. Every scan of the stack or the list is then bounded. */
#ifndef PITH_HTML5_TREE_H
#define PITH_HTML5_TREE_H

#include <stddef.h>
#include <stdint.h>

#define H5_MAX_DEPTH 512
#define H5_NOAH_SCAN 128

enum { H5_NODE_DOCUMENT, H5_NODE_ELEMENT, H5_NODE_TEXT, H5_NODE_COMMENT, H5_NODE_DOCTYPE,
       H5_NODE_FRAGMENT /* template contents */ };
enum { H5_NS_HTML, H5_NS_SVG, H5_NS_MATHML };
enum { H5_QUIRKS_NO, H5_QUIRKS_LIMITED, H5_QUIRKS_FULL };

typedef struct h5_node {
  uint8_t type, ns;
  uint16_t tag;          /* H5_TAG_* atom for HTML/foreign names it knows, else 0 */
  uint32_t parent, first, last, next, prev;
  uint32_t name, name_len;  /* in str: element local name, doctype name */
  uint32_t a_off, a_n;      /* attributes: doc->attrs[a_off .. a_off + a_n) */
  uint32_t d_off, d_len, d_cap;  /* text: in doc->text; comment: in str;
                                    doctype: public id (d_off/d_len) */
  uint32_t sys, sys_len;    /* doctype system id */
  uint32_t content;         /* template: its contents fragment */
  uint8_t flags;            /* doctype: 1 has public, 2 has system, 4 has name */
} h5_node;

typedef struct h5_dattr {
  uint32_t name, name_len, value, value_len;
  uint8_t ns;               /* 0, or 1 xlink, 2 xml, 3 xmlns (foreign attributes) */
} h5_dattr;

typedef struct h5_doc {
  h5_node *nodes;
  uint32_t n, cap;
  h5_dattr *attrs;
  uint32_t nattrs, attrs_cap;
  char *str;
  size_t str_n, str_cap;
  char *text;
  size_t text_n, text_cap;
  int quirks;
  size_t errors;            /* tokenizer + tree construction parse errors */
  size_t depth_clamped;     /* elements placed as siblings at H5_MAX_DEPTH */
  int oom;
} h5_doc;

/* Parse a whole document (UTF-8). NULL only when out of memory. */
h5_doc *h5_parse(const char *in, size_t len);
/* The same with flags: H5_SCRIPTING sets the spec's scripting flag (what a
 * browser with JavaScript builds: <noscript> content is raw text, not
 * markup). h5_parse leaves it off. */
#define H5_SCRIPTING 1u
h5_doc *h5_parse_ex(const char *in, size_t len, unsigned flags);
void h5_doc_free(h5_doc *d);
/* 0 when the internal tag table is in order (for the tests). */
int h5_tree_selfcheck(void);
/* The html5lib-tests tree format ("| <html>" lines), appended to *out
 * (malloc'd, *n bytes). Returns 0, -1 when out of memory. */
int h5_doc_dump(const h5_doc *d, char **out, size_t *n);

#endif
