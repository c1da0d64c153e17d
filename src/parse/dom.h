/* dom.h - pith's compact arena DOM.
 *
 * Nodes live in one array in document order (pre-order), so a node's
 * subtree is the index range [i+1, node.end): walking a subtree is a loop,
 * skipping one is `i = node.end`. Index 0 is the document root. Links use 0
 * for "none" (the root can never be a child or sibling).
 *
 * Text nodes hold a span of dom->text (raw, entities decoded, whitespace
 * not collapsed). Elements hold a range of dom->attrs. Tag names are
 * interned to PITH_TAG_* integers; unknown tags are PITH_TAG_UNKNOWN. */
#ifndef PITH_DOM_H
#define PITH_DOM_H

#include "core/core.h"

/* X(name, flags). Flags: B = block-level, V = void, S = skipped subtree
 * (never text), I = inline formatting. */
#define PITH_TAG_BLOCK  1u
#define PITH_TAG_VOID   2u
#define PITH_TAG_SKIP   4u
#define PITH_TAG_INLINE 8u
#define PITH_TAGS(X) \
  X(a, 8) X(abbr, 8) X(address, 1) X(area, 2) X(article, 1) X(aside, 1) X(audio, 4) \
  X(b, 8) X(base, 2) X(bdi, 8) X(bdo, 8) X(blockquote, 1) X(body, 1) X(br, 2) \
  X(button, 8) X(canvas, 4) X(caption, 1) X(center, 1) X(cite, 8) X(code, 8) \
  X(col, 2) X(colgroup, 1) X(data, 8) X(datalist, 4) X(dd, 1) X(del, 8) X(details, 1) \
  X(dfn, 8) X(dialog, 1) X(dir, 1) X(div, 1) X(dl, 1) X(dt, 1) X(em, 8) X(embed, 6) \
  X(fieldset, 1) X(figcaption, 1) X(figure, 1) X(font, 8) X(footer, 1) X(form, 1) \
  X(frame, 6) X(frameset, 1) X(h1, 1) X(h2, 1) X(h3, 1) X(h4, 1) X(h5, 1) X(h6, 1) \
  X(head, 1) X(header, 1) X(hgroup, 1) X(hr, 3) X(html, 1) X(i, 8) X(iframe, 4) \
  X(img, 2) X(input, 2) X(ins, 8) X(kbd, 8) X(label, 8) X(legend, 1) X(li, 1) \
  X(link, 2) X(main, 1) X(map, 8) X(mark, 8) X(math, 4) X(menu, 1) X(meta, 2) \
  X(meter, 8) X(nav, 1) X(noscript, 4) X(object, 4) X(ol, 1) X(optgroup, 4) \
  X(option, 4) X(output, 8) X(p, 1) X(param, 2) X(picture, 8) X(pre, 1) \
  X(progress, 8) X(q, 8) X(rp, 8) X(rt, 8) X(ruby, 8) X(s, 8) X(samp, 8) \
  X(script, 4) X(section, 1) X(select, 4) X(slot, 8) X(small, 8) X(source, 2) \
  X(span, 8) X(strike, 8) X(strong, 8) X(style, 4) X(sub, 8) X(summary, 1) X(sup, 8) \
  X(svg, 4) X(table, 1) X(tbody, 1) X(td, 1) X(template, 4) X(textarea, 4) \
  X(tfoot, 1) X(th, 1) X(thead, 1) X(time, 8) X(title, 4) X(tr, 1) X(track, 2) \
  X(tt, 8) X(u, 8) X(ul, 1) X(var, 8) X(video, 4) X(wbr, 2) X(xmp, 1) X(plaintext, 1) \
  X(noembed, 4) X(noframes, 4) X(marquee, 1) X(nobr, 8) X(big, 8) X(acronym, 8) \
  X(applet, 4) X(basefont, 2) X(image, 2) X(keygen, 2) X(listing, 1) X(search, 1)

enum {
  PITH_TAG_ROOT = 0,
  PITH_TAG_TEXT,
  PITH_TAG_UNKNOWN,
#define X(n, f) PITH_TAG_##n,
  PITH_TAGS(X)
#undef X
  PITH_TAG__COUNT
};

extern const unsigned char pith_tag_flags[PITH_TAG__COUNT];
extern const char *const pith_tag_names[PITH_TAG__COUNT];
/* Intern a tag name (any case); PITH_TAG_UNKNOWN if not known. */
int pith_tag_lookup(const char *name, size_t n);

typedef struct pith_node {
  uint32_t parent;
  uint32_t next;   /* next sibling, 0 = none */
  uint32_t first;  /* first child, 0 = none */
  uint32_t end;    /* one past the last node of the subtree */
  uint32_t off;    /* text: offset in dom->text; element: first attr index */
  uint32_t len;    /* text: bytes; element: number of attrs */
  uint16_t tag;
  uint16_t depth;  /* saturates at 65535 */
} pith_node;

typedef struct pith_attr {
  uint32_t name;   /* offset in dom->text, NUL-terminated, lower-case */
  uint32_t value;  /* offset in dom->text, NUL-terminated */
  uint32_t vlen;
  uint32_t nlen;
} pith_attr;

typedef struct pith_dom {
  pith_node *nodes;
  uint32_t n, cap;
  pith_attr *attrs;
  uint32_t nattrs, attrs_cap;
  pith_buf text;        /* text node bytes and attribute strings */
  /* limits and what was hit */
  size_t max_nodes, max_depth, max_attr;
  size_t max_mem;       /* bytes for nodes + attributes + text; 0 = none */
  double deadline;      /* CLOCK_MONOTONIC seconds; 0 = none */
  unsigned hit;         /* PITH_HIT_* */
  int err;              /* PITH_ERR_NOMEM when building failed */
  uint32_t head, body, title_node, html;  /* 0 if absent */
  int parser;           /* PITH_PARSER_*: which backend pith_dom_parse uses */
} pith_dom;

void pith_dom_init(pith_dom *d);
void pith_dom_reset(pith_dom *d);
void pith_dom_free(pith_dom *d);

/* Build the DOM from UTF-8 bytes (must already be valid UTF-8 without NUL:
 * see charset.h) with the backend d->parser names. Returns 0 or a
 * pith_status. */
int pith_dom_parse(pith_dom *d, const char *utf8, size_t len);

static inline const pith_node *pith_dom_node(const pith_dom *d, uint32_t i) { return &d->nodes[i]; }
static inline int pith_dom_is_text(const pith_dom *d, uint32_t i) { return d->nodes[i].tag == PITH_TAG_TEXT; }
static inline pith_str pith_dom_textspan(const pith_dom *d, uint32_t i) {
  pith_str s = {d->text.p + d->nodes[i].off, d->nodes[i].len};
  return s;
}
/* Attribute value (NUL-terminated) or NULL; *len gets its length. */
const char *pith_dom_attr(const pith_dom *d, uint32_t node, const char *name, size_t *len);
/* Append the node's text content, whitespace collapsed, skipping script/
 * style-like subtrees, to out. Block boundaries become a space. */
int pith_dom_text_content(const pith_dom *d, uint32_t node, pith_buf *out);
/* Seconds on the monotonic clock. */
double pith_now(void);

/* First element with tag under root (pre-order), or 0. */
uint32_t pith_dom_find(const pith_dom *d, uint32_t root, int tag);
/* True when class or id attribute contains word (case-insensitive substring). */
int pith_dom_classid_has(const pith_dom *d, uint32_t node, const char *word);

#endif
