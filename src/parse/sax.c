/* sax.c - libxml2's HTML parser driven through SAX into pith's DOM.
 *
 * No libxml2 tree is built. The input must be valid UTF-8 without NUL bytes
 * (charset.c makes it so); the parser is told "UTF-8" and to ignore <meta>
 * charset hints, and XML_PARSE_HUGE lifts libxml2's own depth limit (256)
 * because pith enforces its own (max_depth), flattening instead of dropping. */
#include "parse/dom.h"

#include <time.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

typedef struct builder {
  pith_dom *d;
  uint32_t *stack;  /* open elements; stack[0] = root */
  uint32_t *last;   /* last child of each open element */
  size_t depth, cap;
  size_t phantom;   /* elements not created (depth/node cap): their end tags are ignored */
  htmlParserCtxtPtr ctxt;
  unsigned ticks;   /* elements since the last clock check */
} builder;

double pith_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Memory and time caps, checked where the DOM grows. Stops the parser. */
static int S_over(builder *b) {
  pith_dom *d = b->d;
  if (d->max_mem) {
    size_t used = (size_t)d->cap * sizeof(pith_node) + (size_t)d->attrs_cap * sizeof(pith_attr) +
                  d->text.cap;
    if (used > d->max_mem) {
      d->hit |= PITH_HIT_MEMORY;
      d->err = PITH_ERR_LIMIT;
    }
  }
  if (!d->err && d->deadline > 0 && pith_now() > d->deadline) {
    d->hit |= PITH_HIT_TIME;
    d->err = PITH_ERR_TIMEOUT;
  }
  if (d->err && b->ctxt) xmlStopParser(b->ctxt);
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

static uint32_t S_new_node(builder *b, int tag) {
  pith_dom *d = b->d;
  if (d->err) return 0;
  if (d->n >= d->max_nodes) {
    d->hit |= PITH_HIT_NODES;
    return 0;
  }
  if (d->n == d->cap && (S_grow_nodes(d) || S_over(b))) return 0;
  if (++b->ticks >= 4096) {
    b->ticks = 0;
    if (S_over(b)) return 0;
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

static int S_add_attr(builder *b, const char *name, const char *value) {
  pith_dom *d = b->d;
  char lname[32];
  size_t nl = strlen(name);
  if (nl >= sizeof lname) return 0;
  for (size_t i = 0; i <= nl; i++) lname[i] = (char)pith_lower((unsigned char)name[i]);
  if (!S_want_attr(lname)) return 0;
  if (!value) value = "";
  size_t vl = strlen(value);
  if (vl > d->max_attr) {
    vl = d->max_attr;
    /* do not cut inside a UTF-8 sequence */
    while (vl && ((unsigned char)value[vl] & 0xC0) == 0x80) vl--;
    d->hit |= PITH_HIT_ATTR;
  }
  if (d->nattrs == d->attrs_cap) {
    uint32_t cap = d->attrs_cap ? d->attrs_cap * 2 : 1024;
    pith_attr *p = pith_realloc(d->attrs, (size_t)cap * sizeof *p);
    if (!p) return d->err = PITH_ERR_NOMEM;
    d->attrs = p;
    d->attrs_cap = cap;
  }
  pith_attr *a = &d->attrs[d->nattrs];
  a->name = (uint32_t)d->text.len;
  a->nlen = (uint32_t)nl;
  if (pith_buf_put(&d->text, lname, nl + 1)) return d->err = d->text.err;
  a->value = (uint32_t)d->text.len;
  a->vlen = (uint32_t)vl;
  if (pith_buf_put(&d->text, value, vl) || pith_buf_putc(&d->text, '\0'))
    return d->err = d->text.err;
  d->nattrs++;
  return 1;
}

static void S_start(void *ud, const xmlChar *name, const xmlChar **atts) {
  builder *b = ud;
  pith_dom *d = b->d;
  if (d->err) return;
  const char *nm = (const char *)name;
  int tag = pith_tag_lookup(nm, strlen(nm));
  if (b->depth >= d->max_depth + 1 || b->phantom) {
    /* flatten: the element itself is dropped, its text lands in the
     * deepest open element */
    if (b->depth >= d->max_depth + 1) d->hit |= PITH_HIT_DEPTH;
    b->phantom++;
    return;
  }
  uint32_t i = S_new_node(b, tag);
  if (!i) {
    b->phantom++;
    return;
  }
  uint32_t a0 = d->nattrs, na = 0;
  if (atts) {
    for (size_t k = 0; atts[k] && na < 256; k += 2) {
      int r = S_add_attr(b, (const char *)atts[k], (const char *)atts[k + 1]);
      if (r < 0 || d->err) return;
      na += (uint32_t)r;
    }
  }
  d->nodes[i].off = a0;
  d->nodes[i].len = na;
  if (tag == PITH_TAG_body && !d->body) d->body = i;
  else if (tag == PITH_TAG_head && !d->head) d->head = i;
  else if (tag == PITH_TAG_html && !d->html) d->html = i;
  else if (tag == PITH_TAG_title && !d->title_node) d->title_node = i;
  if (pith_tag_flags[tag] & PITH_TAG_VOID) return; /* libxml2 still sends an end event */
  if (b->depth == b->cap) {
    size_t cap = b->cap * 2;
    uint32_t *s = pith_realloc(b->stack, cap * sizeof *s);
    if (!s) { d->err = PITH_ERR_NOMEM; return; }
    b->stack = s;
    uint32_t *l = pith_realloc(b->last, cap * sizeof *l);
    if (!l) { d->err = PITH_ERR_NOMEM; return; }
    b->last = l;
    b->cap = cap;
  }
  b->stack[b->depth] = i;
  b->last[b->depth] = 0;
  b->depth++;
}

static void S_end(void *ud, const xmlChar *name) {
  builder *b = ud;
  pith_dom *d = b->d;
  if (b->phantom) {
    b->phantom--;
    return;
  }
  const char *nm = (const char *)name;
  int tag = pith_tag_lookup(nm, strlen(nm));
  if (pith_tag_flags[tag] & PITH_TAG_VOID) {
    /* void elements were never pushed */
    if (b->depth > 1 && d->nodes[b->stack[b->depth - 1]].tag == tag) {
      /* an odd parser event for a void tag that was pushed: pop it */
    } else {
      return;
    }
  }
  if (b->depth <= 1) return;
  b->depth--;
  uint32_t i = b->stack[b->depth];
  d->nodes[i].end = d->n;
}

static void S_chars(void *ud, const xmlChar *ch, int len) {
  builder *b = ud;
  pith_dom *d = b->d;
  if (d->err || len <= 0) return;
  uint32_t cur = b->stack[b->depth - 1];
  uint32_t last = b->last[b->depth - 1];
  if (d->text.len + (size_t)len >= d->text.cap && (d->max_mem || d->deadline > 0) && S_over(b)) return;
  if (last && d->nodes[last].tag == PITH_TAG_TEXT &&
      d->nodes[last].off + d->nodes[last].len == d->text.len && last == d->n - 1) {
    if (pith_buf_put(&d->text, ch, (size_t)len)) { d->err = d->text.err; return; }
    d->nodes[last].len += (uint32_t)len;
    return;
  }
  (void)cur;
  uint32_t i = S_new_node(b, PITH_TAG_TEXT);
  if (!i) return;
  d->nodes[i].off = (uint32_t)d->text.len;
  d->nodes[i].len = (uint32_t)len;
  if (pith_buf_put(&d->text, ch, (size_t)len)) d->err = d->text.err;
}

static void S_silent(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }

/* ---- pre-pass: what libxml2 2.9 gets wrong ------------------------------
 * 1. Numeric character references to NUL, surrogates or past U+10FFFF are
 *    dropped by libxml2; HTML5 makes them U+FFFD. They are rewritten.
 * 2. libxml2 checks each attribute against all earlier ones of the same
 *    element: quadratic in the attribute count (100 000 attributes: 14 s).
 *    Tags longer than 8 KiB keep their first MAX_TAG_ATTRS attributes.
 * Pages without either (nearly all) are not copied. */
#define MAX_TAG_ATTRS 256
#define LONG_TAG 8192

/* Length of a bad numeric reference at s ("&#xD800;"), or 0. */
static size_t S_bad_charref(const char *s, size_t n) {
  if (n < 3 || s[0] != '&' || s[1] != '#') return 0;
  size_t i = 2;
  int hex = 0;
  if (i < n && (s[i] == 'x' || s[i] == 'X')) hex = 1, i++;
  size_t d0 = i;
  unsigned long v = 0;
  int big = 0;
  while (i < n && i - d0 < 64) {
    unsigned char c = (unsigned char)s[i];
    int dv = c >= '0' && c <= '9' ? c - '0' : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
    if (dv < 0) break;
    if (v > 0x10FFFF) big = 1;
    else v = v * (hex ? 16 : 10) + (unsigned long)dv;
    i++;
  }
  if (i == d0 || i - d0 >= 64) return 0;
  if (!(big || v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))) return 0;
  if (i < n && s[i] == ';') i++;
  return i;
}

/* End of the kept part of an over-long tag at s (from '<' to '>'): just
 * before the attribute that would be number MAX_TAG_ATTRS + 1; 0 = keep all. */
static size_t S_attr_cut(const char *s, size_t n) {
  size_t eq = 0;
  char q = 0;
  for (size_t i = 1; i < n; i++) {
    char c = s[i];
    if (q) {
      if (c == q) q = 0;
      continue;
    }
    if (c == '"' || c == '\'') q = c;
    else if (c == '=' && ++eq > MAX_TAG_ATTRS) {
      size_t k = i;
      while (k > 1 && s[k - 1] != ' ' && s[k - 1] != '\t' && s[k - 1] != '\n') k--;
      return k;
    }
  }
  return 0;
}

static const char *S_prepass(const char *in, size_t len, pith_buf *out, size_t *outlen) {
  /* find the first thing to fix */
  int need = 0;
  for (const char *p = in; !need && (p = memchr(p, '&', (size_t)(in + len - p))) != NULL; p++)
    if (p + 1 < in + len && p[1] == '#' && S_bad_charref(p, (size_t)(in + len - p))) need = 1;
  const char *last = in;
  for (const char *p = in; !need && (p = memchr(p, '>', (size_t)(in + len - p))) != NULL; p++) {
    if (p - last > LONG_TAG) need = 1;
    last = p;
  }
  if (!need && in + len - last > LONG_TAG) need = 1;
  if (!need) {
    *outlen = len;
    return in;
  }
  pith_buf_clear(out);
  if (pith_buf_reserve(out, len + 64)) return NULL;
  size_t i = 0, run = 0;
  while (i < len) {
    char c = in[i];
    if (c == '&') {
      size_t k = S_bad_charref(in + i, len - i);
      if (k) {
        pith_buf_put(out, in + i - run, run);
        run = 0;
        pith_buf_puts(out, "&#xFFFD;");
        i += k;
        continue;
      }
    } else if (c == '<') {
      const char *gt = memchr(in + i, '>', len - i);
      size_t tl = gt ? (size_t)(gt - (in + i)) : len - i;
      if (tl > LONG_TAG) {
        size_t cut = S_attr_cut(in + i, tl);
        if (cut) {
          pith_buf_put(out, in + i - run, run);
          run = 0;
          pith_buf_put(out, in + i, cut);
          i += tl; /* continue at the '>' (or the end) */
          if (!gt) pith_buf_putc(out, '>');
          continue;
        }
        /* copy the whole long tag as it is */
        run += tl;
        i += tl;
        continue;
      }
    }
    run++;
    i++;
  }
  pith_buf_put(out, in + i - run, run);
  if (out->err) return NULL;
  *outlen = out->len;
  return out->p;
}

int pith_dom_parse(pith_dom *d, const char *utf8, size_t len) {
  pith_dom_reset(d);
  if (len > INT32_MAX) return PITH_ERR_LIMIT;
  builder b = {0};
  b.d = d;
  b.cap = 256;
  b.stack = pith_malloc(b.cap * sizeof *b.stack);
  b.last = pith_malloc(b.cap * sizeof *b.last);
  if (!b.stack || !b.last || (d->cap == 0 && S_grow_nodes(d))) {
    pith_free(b.stack);
    pith_free(b.last);
    return PITH_ERR_NOMEM;
  }
  /* node 0: the document root */
  pith_node *root = &d->nodes[0];
  memset(root, 0, sizeof *root);
  root->tag = PITH_TAG_ROOT;
  d->n = 1;
  b.stack[0] = 0;
  b.last[0] = 0;
  b.depth = 1;

  int rc = 0;
  pith_buf fixed;
  pith_buf_init(&fixed, 0);
  if (len > 0) {
    utf8 = S_prepass(utf8, len, &fixed, &len);
    if (!utf8) {
      pith_free(b.stack);
      pith_free(b.last);
      pith_buf_free(&fixed);
      return PITH_ERR_NOMEM;
    }
  }
  if (len > 0 && len <= INT32_MAX) {
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(utf8, (int)len);
    if (!ctxt) {
      rc = PITH_ERR_NOMEM;
    } else {
      xmlSAXHandler *sax = (xmlSAXHandler *)ctxt->sax;
      memset(sax, 0, sizeof *sax);
      sax->startElement = S_start;
      sax->endElement = S_end;
      sax->characters = S_chars;
      sax->ignorableWhitespace = S_chars;
      sax->cdataBlock = S_chars;
      sax->warning = S_silent;
      sax->error = S_silent;
      sax->fatalError = S_silent;
      sax->initialized = 1;
      ctxt->userData = &b;
      b.ctxt = ctxt;
      htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                   HTML_PARSE_IGNORE_ENC | HTML_PARSE_NODEFDTD |
                                   HTML_PARSE_NOIMPLIED);
      ctxt->options |= XML_PARSE_HUGE;
      xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
      htmlParseDocument(ctxt);
      b.ctxt = NULL;
      /* libxml2 reports its own allocation failures only here: a page it
       * could not finish is an error, never a silently shorter one */
      if (ctxt->errNo == XML_ERR_NO_MEMORY) rc = PITH_ERR_NOMEM;
      if (ctxt->myDoc) xmlFreeDoc(ctxt->myDoc);
      ctxt->myDoc = NULL;
      htmlFreeParserCtxt(ctxt);
    }
  }
  while (b.depth > 1) {
    b.depth--;
    d->nodes[b.stack[b.depth]].end = d->n;
  }
  d->nodes[0].end = d->n;
  pith_free(b.stack);
  pith_free(b.last);
  pith_buf_free(&fixed);
  if (!rc && d->err) rc = d->err;
  if (!rc && d->text.err) rc = d->text.err;
  if (!rc) pith_buf_nul(&d->text);
  return rc;
}
