/* h5dom.c - pith's DOM from the html5 tree builder (src/html5/).
 *
 * The WHATWG tree is built first (h5_doc), then walked in document order
 * into the shared builder (build.c), so the caps and reports are exactly
 * the libxml2 backend's. The scripting flag is on: <noscript> is raw text,
 * as in a browser with JavaScript (with it off, a never-closed
 * <noscript><iframe> swallows the rest of the page as raw text).
 *
 * The tree builder has its own depth bound (H5_MAX_DEPTH, 512: deeper
 * elements become siblings of the deepest one, their text kept); reaching
 * it is reported as PITH_HIT_DEPTH, like pith's own max_depth, which still
 * applies (flattening) when it is lower. Foreign (SVG/MathML) elements
 * other than <svg>/<math> themselves are PITH_TAG_UNKNOWN: they sit in a
 * skipped subtree, and an SVG <title> or <a> must not pass for HTML's.
 * Comments and doctypes are dropped, as in the libxml2 backend; template
 * contents become the template's children (a skipped subtree); a
 * <noscript>'s markup is parsed again without the flag (S_noscript). */
#include "parse/build.h"

#include "html5/tree.h"

static int S_tag(const h5_doc *h, const h5_node *n) {
  const char *nm = h->str + n->name;
  if (n->ns != H5_NS_HTML) {
    if (n->ns == H5_NS_SVG && n->name_len == 3 && !memcmp(nm, "svg", 3)) return PITH_TAG_svg;
    if (n->ns == H5_NS_MATHML && n->name_len == 4 && !memcmp(nm, "math", 4)) return PITH_TAG_math;
    return PITH_TAG_UNKNOWN;
  }
  return pith_tag_lookup(nm, n->name_len);
}

static size_t S_h5_bytes(const h5_doc *h) {
  return (size_t)h->cap * sizeof(h5_node) + (size_t)h->attrs_cap * sizeof(h5_dattr) + h->str_cap +
         h->text_cap;
}

/* First child in document order; a template's are in its contents. */
static uint32_t S_first(const h5_doc *h, uint32_t i) {
  const h5_node *n = &h->nodes[i];
  if (n->type == H5_NODE_ELEMENT && n->content) return h->nodes[n->content].first;
  return n->first;
}

static int S_walk(pith_builder *B, const h5_doc *h, uint32_t c, int sub);

/* A <noscript> parsed with the scripting flag holds its markup as one
 * text node. Browsers without JavaScript, crawlers and the libxml2
 * backend see that markup (forums such as Discourse put the whole
 * server-rendered thread there, authors' itemprops included), so it is
 * parsed again, without the flag, as a document of its own, and the
 * children of its <head> and <body> become the noscript's children. A
 * never-closed element in it ends with the noscript, not the page. */
static int S_noscript(pith_builder *B, const char *s, size_t n) {
  h5_doc *h = h5_parse_ex(s, n, 0);
  if (!h) return PITH_ERR_NOMEM;
  size_t saved = B->extra_mem;
  B->extra_mem += S_h5_bytes(h);
  if (h->depth_clamped) B->d->hit |= PITH_HIT_DEPTH;
  int rc = 0;
  for (uint32_t e = h->nodes[0].first; e && !rc; e = h->nodes[e].next) {
    if (h->nodes[e].type != H5_NODE_ELEMENT) continue;
    for (uint32_t k = h->nodes[e].first; k && !rc; k = h->nodes[k].next)
      if (h->nodes[k].type == H5_NODE_ELEMENT && h->nodes[k].first)
        rc = S_walk(B, h, h->nodes[k].first, 1);
  }
  B->extra_mem = saved;
  h5_doc_free(h);
  return rc;
}

/* Emit c, its following siblings and their subtrees in document order. */
static int S_walk(pith_builder *B, const h5_doc *h, uint32_t c, int sub) {
  int rc = 0;
  /* explicit stack of open h5 elements (parents of the current node) */
  size_t sn = 0, scap = 64;
  uint32_t *st = pith_malloc(scap * sizeof *st);
  if (!st) return PITH_ERR_NOMEM;
  while (c && !rc && !pith_build_over(B)) {
    const h5_node *n = &h->nodes[c];
    uint32_t down = 0;
    if (n->type == H5_NODE_TEXT) {
      pith_build_text(B, h->text + n->d_off, n->d_len);
    } else if (n->type == H5_NODE_ELEMENT) {
      int tag = S_tag(h, n);
      uint32_t el = pith_build_start(B, tag);
      if (el)
        for (uint32_t k = 0; k < n->a_n; k++) {
          const h5_dattr *a = &h->attrs[n->a_off + k];
          if (a->ns) continue; /* xlink:href and the like: pith reads none */
          pith_build_attr(B, el, h->str + a->name, a->name_len, h->str + a->value, a->value_len);
        }
      down = S_first(h, c);
      if (tag == PITH_TAG_noscript && !sub && down && !h->nodes[down].next &&
          h->nodes[down].type == H5_NODE_TEXT) {
        const h5_node *t = &h->nodes[down];
        if (el) rc = S_noscript(B, h->text + t->d_off, t->d_len);
        down = 0;
      }
      if (!down) pith_build_end(B, tag);
    }
    if (down) {
      if (sn == scap) {
        uint32_t *p = pith_realloc(st, scap * 2 * sizeof *st);
        if (!p) { rc = PITH_ERR_NOMEM; break; }
        st = p;
        scap *= 2;
      }
      st[sn++] = c;
      c = down;
      continue;
    }
    /* next in document order: the next sibling, else close parents */
    while (!h->nodes[c].next && sn) {
      c = st[--sn];
      pith_build_end(B, S_tag(h, &h->nodes[c]));
    }
    c = h->nodes[c].next;
  }
  /* stopped early (a cap): close what this walk opened */
  while (sn) pith_build_end(B, S_tag(h, &h->nodes[st[--sn]]));
  pith_free(st);
  return rc;
}

int pith_dom_parse_html5(pith_dom *d, const char *utf8, size_t len) {
  if (len > INT32_MAX) {
    pith_dom_reset(d);
    return PITH_ERR_LIMIT;
  }
  pith_builder B;
  if (pith_build_begin(&B, d)) return PITH_ERR_NOMEM;
  if (len == 0) return pith_build_finish(&B, 0);
  if (pith_build_over(&B)) return pith_build_finish(&B, 0);
  h5_doc *h = h5_parse_ex(utf8, len, H5_SCRIPTING);
  if (!h) return pith_build_finish(&B, PITH_ERR_NOMEM);
  /* the html5 tree counts against the memory cap while it lives */
  B.extra_mem = S_h5_bytes(h);
  if (h->depth_clamped) d->hit |= PITH_HIT_DEPTH;
  int rc = S_walk(&B, h, h->nodes[0].first, 0);
  h5_doc_free(h);
  B.extra_mem = 0;
  return pith_build_finish(&B, rc);
}
