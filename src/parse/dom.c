/* dom.c - tag table, DOM storage and helpers. */
#include "parse/dom.h"

#include <stdlib.h>

const unsigned char pith_tag_flags[PITH_TAG__COUNT] = {
  0, 0, 0,
#define X(n, f) f,
  PITH_TAGS(X)
#undef X
};

const char *const pith_tag_names[PITH_TAG__COUNT] = {
  "#root", "#text", "#unknown",
#define X(n, f) #n,
  PITH_TAGS(X)
#undef X
};

/* Open-addressing hash of tag names, built once (thread-safe: built by a
 * constructor at load time). */
#define TAGHASH 512
static uint16_t S_taghash[TAGHASH];

static uint32_t S_hash(const char *s, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) h = (h ^ pith_lower((unsigned char)s[i])) * 16777619u;
  return h;
}

__attribute__((constructor)) static void S_taghash_init(void) {
  for (int t = PITH_TAG_UNKNOWN + 1; t < PITH_TAG__COUNT; t++) {
    const char *nm = pith_tag_names[t];
    uint32_t h = S_hash(nm, strlen(nm)) & (TAGHASH - 1);
    while (S_taghash[h]) h = (h + 1) & (TAGHASH - 1);
    S_taghash[h] = (uint16_t)t;
  }
}

int pith_tag_lookup(const char *name, size_t n) {
  if (n == 0 || n > 16) return PITH_TAG_UNKNOWN;
  uint32_t h = S_hash(name, n) & (TAGHASH - 1);
  while (S_taghash[h]) {
    int t = S_taghash[h];
    if (pith_ieq(name, n, pith_tag_names[t])) return t;
    h = (h + 1) & (TAGHASH - 1);
  }
  return PITH_TAG_UNKNOWN;
}

void pith_dom_init(pith_dom *d) {
  memset(d, 0, sizeof *d);
  pith_buf_init(&d->text, 0);
  d->max_nodes = 2000000;
  d->max_depth = 2048;
  d->max_attr = 65536;
  d->parser = PITH_PARSER_HTML5;
}

void pith_dom_reset(pith_dom *d) {
  d->n = 0;
  d->nattrs = 0;
  pith_buf_clear(&d->text);
  d->hit = 0;
  d->err = 0;
  d->head = d->body = d->title_node = d->html = 0;
}

void pith_dom_free(pith_dom *d) {
  pith_free(d->nodes);
  pith_free(d->attrs);
  pith_buf_free(&d->text);
  d->nodes = NULL;
  d->attrs = NULL;
  d->n = d->cap = d->nattrs = d->attrs_cap = 0;
}

const char *pith_dom_attr(const pith_dom *d, uint32_t node, const char *name, size_t *len) {
  const pith_node *nd = &d->nodes[node];
  if (nd->tag == PITH_TAG_TEXT || nd->tag == PITH_TAG_ROOT) return NULL;
  for (uint32_t i = 0; i < nd->len; i++) {
    const pith_attr *a = &d->attrs[nd->off + i];
    if (strcmp(d->text.p + a->name, name) == 0) {
      if (len) *len = a->vlen;
      return d->text.p + a->value;
    }
  }
  return NULL;
}

int pith_dom_text_content(const pith_dom *d, uint32_t node, pith_buf *out) {
  uint32_t end = d->nodes[node].end;
  uint32_t ends[64]; /* ends of open block elements: leaving one is a break */
  int nends = 0;
  for (uint32_t i = node; i < end;) {
    if (nends && ends[nends - 1] <= i) {
      while (nends && ends[nends - 1] <= i) nends--;
      if (out->len && out->p[out->len - 1] != ' ' && pith_buf_putc(out, ' ')) return out->err;
    }
    const pith_node *nd = &d->nodes[i];
    if (nd->tag == PITH_TAG_TEXT) {
      if (pith_buf_put_collapsed(out, d->text.p + nd->off, nd->len)) return out->err;
      i++;
      continue;
    }
    if (i != node && (pith_tag_flags[nd->tag] & PITH_TAG_SKIP)) {
      i = nd->end;
      continue;
    }
    if ((pith_tag_flags[nd->tag] & PITH_TAG_BLOCK) || nd->tag == PITH_TAG_br) {
      if (out->len && out->p[out->len - 1] != ' ' && pith_buf_putc(out, ' ')) return out->err;
      if (nd->tag != PITH_TAG_br && i != node && nends < 64) ends[nends++] = nd->end;
    }
    i++;
  }
  /* no trailing space */
  while (out->len && out->p[out->len - 1] == ' ') out->len--;
  return 0;
}

uint32_t pith_dom_find(const pith_dom *d, uint32_t root, int tag) {
  for (uint32_t i = root + 1; i < d->nodes[root].end; i++)
    if (d->nodes[i].tag == tag) return i;
  return 0;
}

int pith_dom_classid_has(const pith_dom *d, uint32_t node, const char *word) {
  size_t n;
  const char *v = pith_dom_attr(d, node, "class", &n);
  if (v && pith_ifind(v, n, word) >= 0) return 1;
  v = pith_dom_attr(d, node, "id", &n);
  return v && pith_ifind(v, n, word) >= 0;
}
