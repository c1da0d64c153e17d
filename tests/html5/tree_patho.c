/* tree_patho.c - the tree builder's quadratic traps (unclosed formatting
 * elements, deep nesting, misnested tables, attribute floods, a 50 MB text
 * node), generated here. Asserts the parse completes and what must hold
 * whatever the bounds do: no text is lost, elements are all there, the
 * tree is no deeper than H5_MAX_DEPTH. No timing: a quadratic parse of
 * these sizes would not finish within CTest's timeout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html5/tree.h"

typedef struct stats {
  size_t elements, text_bytes, x_bytes, max_depth, named;
} stats;

static stats S_stats(const h5_doc *d, const char *name) {
  stats s;
  memset(&s, 0, sizeof s);
  /* iterative walk: depth by following parents is O(depth) per node, so
   * keep a running depth instead */
  uint32_t n = d->nodes[0].first;
  size_t depth = 1;
  while (n) {
    const h5_node *x = &d->nodes[n];
    if (x->type == H5_NODE_ELEMENT) {
      s.elements++;
      if (x->name_len == strlen(name) && !memcmp(d->str + x->name, name, x->name_len)) s.named++;
    } else if (x->type == H5_NODE_TEXT) {
      s.text_bytes += x->d_len;
      for (uint32_t i = 0; i < x->d_len; i++) s.x_bytes += d->text[x->d_off + i] == 'x';
    }
    if (depth > s.max_depth) s.max_depth = depth;
    if (x->first) { n = x->first; depth++; continue; }
    while (n && !d->nodes[n].next) { n = d->nodes[n].parent; depth--; }
    if (n) n = d->nodes[n].next;
  }
  return s;
}

static int fails;
static void S_check(const char *name, int ok) {
  printf("%s %s\n", ok ? "ok" : "FAIL", name);
  fflush(stdout);
  if (!ok) fails++;
}

/* n copies of unit */
static char *S_rep(const char *head, const char *unit, size_t n, const char *tail, size_t *len) {
  size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
  char *p = malloc(hl + ul * n + tl + 1);
  if (!p) { perror("malloc"); exit(1); }
  memcpy(p, head, hl);
  for (size_t i = 0; i < n; i++) memcpy(p + hl + i * ul, unit, ul);
  memcpy(p + hl + ul * n, tail, tl);
  *len = hl + ul * n + tl;
  p[*len] = 0;
  return p;
}

static stats S_parse(const char *label, const char *head, const char *unit, size_t n,
                     const char *tail, const char *count_name, h5_doc **out) {
  size_t len;
  char *in = S_rep(head, unit, n, tail, &len);
  h5_doc *d = h5_parse(in, len);
  free(in);
  stats s;
  memset(&s, 0, sizeof s);
  if (!d) { S_check(label, 0); return s; }
  s = S_stats(d, count_name);
  if (out) *out = d; else h5_doc_free(d);
  return s;
}

int main(void) {
  stats s;
  const size_t depth_bound = H5_MAX_DEPTH + 8;  /* document, html, body, ... */

  s = S_parse("1e5 <b>", "", "<b>x", 100000, "", "b", NULL);
  S_check("10^5 unclosed <b>: all text, all <b>, bounded depth",
          s.x_bytes == 100000 && s.named >= 100000 && s.max_depth <= depth_bound);
  s = S_parse("1e6 <b>", "", "<b>", 1000000, "x", "b", NULL);
  S_check("10^6 unclosed <b>", s.x_bytes == 1 && s.named >= 1000000 && s.max_depth <= depth_bound);
  s = S_parse("1e5 <b class>", "", "<b class=a>x", 100000, "", "b", NULL);
  S_check("10^5 unclosed <b class=a> (Noah's Ark compares attributes)", s.x_bytes == 100000);
  s = S_parse("<b> then misnested </p>", "", "<b><p>x</b></p>", 100000, "", "p", NULL);
  S_check("10^5 <b><p>x</b></p> (adoption agency)", s.x_bytes == 100000 && s.named >= 100000);
  s = S_parse("1e5 <a>", "", "<a><div>x", 100000, "", "a", NULL);
  S_check("10^5 <a><div>x (adoption on every <a>)", s.x_bytes == 100000);
  s = S_parse("deep div", "", "<div>", 200000, "x", "div", NULL);
  S_check("2x10^5 nested <div>", s.named == 200000 && s.x_bytes == 1 && s.max_depth <= depth_bound);
  s = S_parse("deep p", "", "<p><p>x", 200000, "", "p", NULL);
  S_check("<p><p> x 2x10^5", s.named == 400000 && s.x_bytes == 200000);
  s = S_parse("object markers", "", "<object><span>x", 100000, "</p>", "object", NULL);
  S_check("10^5 nested <object> (markers)", s.named == 100000 && s.x_bytes == 100000);
  s = S_parse("misnested tables", "", "<table><tr><td>x<table>y", 50000, "", "table", NULL);
  S_check("5x10^4 nested tables", s.named == 100000 && s.x_bytes == 50000);
  s = S_parse("foster parenting", "<table>", "x<tr>", 200000, "", "tr", NULL);
  S_check("2x10^5 foster-parented texts", s.x_bytes == 200000 && s.named == 200000);
  s = S_parse("table text", "<table>", "<b>x", 100000, "", "b", NULL);
  S_check("10^5 <b> in a table", s.x_bytes == 100000);
  s = S_parse("select", "<select>", "<option>x<optgroup>", 100000, "", "option", NULL);
  S_check("10^5 options", s.named == 100000 && s.x_bytes == 100000);
  s = S_parse("svg", "", "<svg><g>", 100000, "x", "g", NULL);
  S_check("10^5 nested svg", s.named == 100000 && s.x_bytes == 1);
  s = S_parse("attribute flood", "<div", " a=1", 100000, ">x", "div", NULL);
  S_check("<div> with 10^5 attributes", s.named == 1 && s.x_bytes == 1);
  s = S_parse("body attribute flood", "<body>", "<body a=1 b=2>", 100000, "x", "body", NULL);
  S_check("10^5 <body> merging attributes", s.named == 1 && s.x_bytes == 1);
  s = S_parse("50MB text", "<p>", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 1u << 20, "", "p", NULL);
  S_check("50 MB text node", s.x_bytes == 50u << 20);
  /* the foster-parented x's all append to one text node before the table,
   * between the cells' own texts: that node's region must grow amortised */
  s = S_parse("interleaved", "<table><tr><td>", "x</td></tr>x<tr><td>", 50000, "", "td", NULL);
  S_check("text alternating between cells and a foster-parented node", s.x_bytes == 100000 && s.named == 50001);
  {
    /* 10^5 distinct <b id=N> (Noah's Ark cannot merge them), then 10^5
     * paragraphs, each reconstructing the formatting elements */
    size_t cap = 100000 * 24 + 100000 * 16, len = 0;
    char *in = malloc(cap);
    if (!in) return 1;
    for (size_t i = 0; i < 100000; i++) len += (size_t)sprintf(in + len, "<b id=%zu>", i);
    for (size_t i = 0; i < 100000; i++) len += (size_t)sprintf(in + len, "</div>x<div>");
    h5_doc *d = h5_parse(in, len);
    free(in);
    s = d ? S_stats(d, "b") : (stats){0, 0, 0, 0, 0};
    S_check("10^5 distinct <b id>, then 10^5 reconstructions", d && s.x_bytes == 100000 &&
            s.named >= 100000 && s.max_depth <= depth_bound);
    h5_doc_free(d);
  }
  return fails ? 1 : 0;
}
