/* build.c - the DOM builder shared by the libxml2 and html5 backends:
 * every cap and PITH_HIT_* report lives here, so both backends apply them
 * the same way. */
#include "parse/build.h"

#include <time.h>

double pith_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int pith_build_over(pith_builder *b) {
  pith_dom *d = b->d;
  if (d->err) return d->err;
  if (d->max_mem) {
    size_t used = (size_t)d->cap * sizeof(pith_node) + (size_t)d->attrs_cap * sizeof(pith_attr) +
                  d->text.cap + b->extra_mem;
    if (used > d->max_mem) {
      d->hit |= PITH_HIT_MEMORY;
      d->err = PITH_ERR_LIMIT;
    }
  }
  if (!d->err && d->deadline > 0 && pith_now() > d->deadline) {
    d->hit |= PITH_HIT_TIME;
    d->err = PITH_ERR_TIMEOUT;
  }
  if (d->err && b->stop) b->stop(b->stop_ctx);
  return d->err;
}

static int S_grow_nodes(pith_dom *d) {
  uint32_t cap = d->cap ? d->cap * 2 : 4096;
  pith_node *p = pith_realloc(d->nodes, (size_t)cap * sizeof *p);
  if (!p) return d->err = PITH_ERR_NOMEM;
  d->nodes = p;
  d->cap = cap;
  return 0;
}

int pith_build_begin(pith_builder *b, pith_dom *d) {
  pith_dom_reset(d);
  memset(b, 0, sizeof *b);
  b->d = d;
  b->cap = 256;
  b->stack = pith_malloc(b->cap * sizeof *b->stack);
  b->last = pith_malloc(b->cap * sizeof *b->last);
  if (!b->stack || !b->last || (d->cap == 0 && S_grow_nodes(d))) {
    pith_free(b->stack);
    pith_free(b->last);
    b->stack = b->last = NULL;
    return PITH_ERR_NOMEM;
  }
  /* node 0: the document root */
  pith_node *root = &d->nodes[0];
  memset(root, 0, sizeof *root);
  root->tag = PITH_TAG_ROOT;
  d->n = 1;
  b->stack[0] = 0;
  b->last[0] = 0;
  b->depth = 1;
  return 0;
}

int pith_build_finish(pith_builder *b, int rc) {
  pith_dom *d = b->d;
  while (b->depth > 1) {
    b->depth--;
    d->nodes[b->stack[b->depth]].end = d->n;
  }
  d->nodes[0].end = d->n;
  pith_free(b->stack);
  pith_free(b->last);
  b->stack = b->last = NULL;
  if (!rc && d->err) rc = d->err;
  if (!rc && d->text.err) rc = d->text.err;
  if (!rc) pith_buf_nul(&d->text);
  return rc;
}

static uint32_t S_new_node(pith_builder *b, int tag) {
  pith_dom *d = b->d;
  if (d->err) return 0;
  if (d->n >= d->max_nodes) {
    d->hit |= PITH_HIT_NODES;
    return 0;
  }
  if (d->n == d->cap && (S_grow_nodes(d) || pith_build_over(b))) return 0;
  if (++b->ticks >= 4096) {
    b->ticks = 0;
    if (pith_build_over(b)) return 0;
  }
  uint32_t i = d->n++;
  pith_node *nd = &d->nodes[i];
  uint32_t parent = b->stack[b->depth - 1];
  nd->parent = parent;
  nd->next = 0;
  nd->first = 0;
  nd->end = i + 1;
  nd->off = 0;
  nd->len = 0;
  nd->tag = (uint16_t)tag;
  nd->depth = b->depth > 65535 ? 65535 : (uint16_t)b->depth;
  uint32_t prev = b->last[b->depth - 1];
  if (prev)
    d->nodes[prev].next = i;
  else
    d->nodes[parent].first = i;
  b->last[b->depth - 1] = i;
  return i;
}

/* Attributes pith reads; others are not stored. */
static int S_want_attr(const char *n) {
  switch (n[0]) {
  case 'a': return !strcmp(n, "aria-hidden") || !strcmp(n, "aria-label") || !strcmp(n, "alt");
  case 'c': return !strcmp(n, "class") || !strcmp(n, "content") || !strcmp(n, "charset") ||
                   !strcmp(n, "colspan");
  case 'd': return !strcmp(n, "datetime") || !strcmp(n, "data-src");
  case 'h': return !strcmp(n, "href") || !strcmp(n, "hidden") || !strcmp(n, "http-equiv");
  case 'i': return !strcmp(n, "id") || !strcmp(n, "itemprop") || !strcmp(n, "itemtype") ||
                   !strcmp(n, "itemscope");
  case 'l': return !strcmp(n, "lang");
  case 'n': return !strcmp(n, "name");
  case 'p': return !strcmp(n, "property");
  case 'r': return !strcmp(n, "rel") || !strcmp(n, "role");
  case 's': return !strcmp(n, "src") || !strcmp(n, "style");
  case 't': return !strcmp(n, "type") || !strcmp(n, "title");
  case 'x': return !strcmp(n, "xml:lang");
  default: return 0;
  }
}

/* At most this many stored attributes per element. */
#define MAX_ELEM_ATTRS 256

void pith_build_attr(pith_builder *b, uint32_t el, const char *name, size_t nl, const char *value,
                     size_t vl) {
  pith_dom *d = b->d;
  char lname[32];
  if (d->err || !el || nl == 0 || nl >= sizeof lname || d->nodes[el].len >= MAX_ELEM_ATTRS) return;
  for (size_t i = 0; i < nl; i++) lname[i] = (char)pith_lower((unsigned char)name[i]);
  lname[nl] = '\0';
  if (memchr(lname, '\0', nl) || !S_want_attr(lname)) return;
  if (!value) value = "", vl = 0;
  if (vl > d->max_attr) {
    vl = d->max_attr;
    /* do not cut inside a UTF-8 sequence */
    while (vl && ((unsigned char)value[vl] & 0xC0) == 0x80) vl--;
    d->hit |= PITH_HIT_ATTR;
  }
  if (d->nattrs == d->attrs_cap) {
    uint32_t cap = d->attrs_cap ? d->attrs_cap * 2 : 1024;
    pith_attr *p = pith_realloc(d->attrs, (size_t)cap * sizeof *p);
    if (!p) { d->err = PITH_ERR_NOMEM; return; }
    d->attrs = p;
    d->attrs_cap = cap;
  }
  pith_attr *a = &d->attrs[d->nattrs];
  a->name = (uint32_t)d->text.len;
  a->nlen = (uint32_t)nl;
  if (pith_buf_put(&d->text, lname, nl + 1)) { d->err = d->text.err; return; }
  a->value = (uint32_t)d->text.len;
  a->vlen = (uint32_t)vl;
  if (pith_buf_put(&d->text, value, vl) || pith_buf_putc(&d->text, '\0')) {
    d->err = d->text.err;
    return;
  }
  d->nattrs++;
  d->nodes[el].len++;
}

uint32_t pith_build_start(pith_builder *b, int tag) {
  pith_dom *d = b->d;
  if (d->err) return 0;
  if (b->depth >= d->max_depth + 1 || b->phantom) {
    /* flatten: the element itself is dropped, its text lands in the
     * deepest open element */
    if (b->depth >= d->max_depth + 1) d->hit |= PITH_HIT_DEPTH;
    b->phantom++;
    return 0;
  }
  uint32_t i = S_new_node(b, tag);
  if (!i) {
    b->phantom++;
    return 0;
  }
  d->nodes[i].off = d->nattrs;
  d->nodes[i].len = 0;
  if (tag == PITH_TAG_body && !d->body) d->body = i;
  else if (tag == PITH_TAG_head && !d->head) d->head = i;
  else if (tag == PITH_TAG_html && !d->html) d->html = i;
  else if (tag == PITH_TAG_title && !d->title_node) d->title_node = i;
  if (pith_tag_flags[tag] & PITH_TAG_VOID) return i; /* never pushed; its end tag is ignored */
  if (b->depth == b->cap) {
    size_t cap = b->cap * 2;
    uint32_t *s = pith_realloc(b->stack, cap * sizeof *s);
    if (!s) { d->err = PITH_ERR_NOMEM; return 0; }
    b->stack = s;
    uint32_t *l = pith_realloc(b->last, cap * sizeof *l);
    if (!l) { d->err = PITH_ERR_NOMEM; return 0; }
    b->last = l;
    b->cap = cap;
  }
  b->stack[b->depth] = i;
  b->last[b->depth] = 0;
  b->depth++;
  return i;
}

void pith_build_end(pith_builder *b, int tag) {
  pith_dom *d = b->d;
  if (b->phantom) {
    b->phantom--;
    return;
  }
  /* void elements were never pushed */
  if ((pith_tag_flags[tag] & PITH_TAG_VOID) &&
      !(b->depth > 1 && d->nodes[b->stack[b->depth - 1]].tag == tag))
    return;
  if (b->depth <= 1) return;
  b->depth--;
  uint32_t i = b->stack[b->depth];
  d->nodes[i].end = d->n;
}

void pith_build_text(pith_builder *b, const char *ch, size_t len) {
  pith_dom *d = b->d;
  if (d->err || len == 0) return;
  uint32_t last = b->last[b->depth - 1];
  if (d->text.len + len >= d->text.cap && (d->max_mem || d->deadline > 0) && pith_build_over(b)) return;
  if (last && d->nodes[last].tag == PITH_TAG_TEXT &&
      d->nodes[last].off + d->nodes[last].len == d->text.len && last == d->n - 1) {
    if (pith_buf_put(&d->text, ch, len)) { d->err = d->text.err; return; }
    d->nodes[last].len += (uint32_t)len;
    return;
  }
  uint32_t i = S_new_node(b, PITH_TAG_TEXT);
  if (!i) return;
  d->nodes[i].off = (uint32_t)d->text.len;
  d->nodes[i].len = (uint32_t)len;
  if (pith_buf_put(&d->text, ch, len)) d->err = d->text.err;
}

int pith_dom_parse(pith_dom *d, const char *utf8, size_t len) {
  if (d->parser == PITH_PARSER_LIBXML2) return pith_dom_parse_libxml2(d, utf8, len);
  return pith_dom_parse_html5(d, utf8, len);
}
