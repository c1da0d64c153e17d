/* test_dom.c - pith's DOM built by both parser backends (html5, the
 * default, and libxml2's SAX events): the shared tests run with each. */
#include <stdlib.h>

#include "harness.h"
#include "parse/dom.h"

static pith_dom D;

static void parse(const char *html) {
  pith_dom_reset(&D);
  INT_EQ(pith_dom_parse(&D, html, strlen(html)), 0);
}

static char *text_of(uint32_t node) {
  static pith_buf b;
  pith_buf_clear(&b);
  pith_dom_text_content(&D, node, &b);
  pith_buf_nul(&b);
  return b.p ? b.p : "";
}

static void test_tree_shape(void) {
  parse("<html><head><title>T</title></head><body><div id=a><p>one <b>two</b></p><p>three</p></div></body></html>");
  CHECK(D.body != 0);
  CHECK(D.head != 0);
  CHECK(D.title_node != 0);
  uint32_t div = pith_dom_find(&D, 0, PITH_TAG_div);
  CHECK(div != 0);
  size_t n;
  const char *id = pith_dom_attr(&D, div, "id", &n);
  STR_EQ(id, "a");
  INT_EQ(n, 1);
  /* subtree = index range; children linked as siblings */
  uint32_t p1 = D.nodes[div].first;
  INT_EQ(D.nodes[p1].tag, PITH_TAG_p);
  uint32_t p2 = D.nodes[p1].next;
  INT_EQ(D.nodes[p2].tag, PITH_TAG_p);
  INT_EQ(D.nodes[p2].next, 0);
  CHECK(D.nodes[p1].end <= p2);
  INT_EQ(D.nodes[div].end, D.nodes[p2].end);
  STR_EQ(text_of(div), "one two three");
  STR_EQ(text_of(p1), "one two");
  INT_EQ(D.nodes[p1].parent, div);
}

static void test_entities_and_attrs(void) {
  parse("<p class=\"a &amp; b\" data-x=1 ID=Up>caf&eacute; &lt;ok&gt; &#8220;q&#8221;</p>");
  uint32_t p = pith_dom_find(&D, 0, PITH_TAG_p);
  STR_EQ(pith_dom_attr(&D, p, "class", NULL), "a & b");
  STR_EQ(pith_dom_attr(&D, p, "id", NULL), "Up");            /* names lower-cased */
  CHECK(pith_dom_attr(&D, p, "data-x", NULL) == NULL);      /* not stored */
  STR_EQ(text_of(p), "caf\xC3\xA9 <ok> \xE2\x80\x9Cq\xE2\x80\x9D");
}

static void test_script_not_split(void) {
  /* libxml2 without RECOVER ends a script at any "</x": text would leak */
  parse("<body><script>var s = '</div><p>leak</p>';</script><p>real</p></body>");
  STR_EQ(text_of(D.body), "real");
  uint32_t sc = pith_dom_find(&D, 0, PITH_TAG_script);
  CHECK(sc != 0);
  pith_str t = pith_dom_textspan(&D, D.nodes[sc].first);
  CHECK(t.len > 0 && memchr(t.ptr, '<', t.len) != NULL);
}

static void test_skip_subtrees(void) {
  parse("<body><p>a</p><style>p{}</style><noscript>js off</noscript><template><p>t</p></template><p>b</p></body>");
  STR_EQ(text_of(D.body), "a b");
}

static void test_depth_flattened(void) {
  /* past max_depth elements are dropped but their text is kept */
  D.max_depth = 50;
  pith_buf b;
  pith_buf_init(&b, 0);
  pith_buf_puts(&b, "<body>");
  for (int i = 0; i < 5000; i++) pith_buf_puts(&b, "<div>");
  pith_buf_puts(&b, "deep");
  for (int i = 0; i < 5000; i++) pith_buf_puts(&b, "</div>");
  pith_buf_puts(&b, "<p>after</p></body>");
  pith_dom_reset(&D);
  INT_EQ(pith_dom_parse(&D, b.p, b.len), 0);
  CHECK(D.hit & PITH_HIT_DEPTH);
  STR_EQ(text_of(0), "deep after");
  int maxd = 0;
  for (uint32_t i = 0; i < D.n; i++)
    if (D.nodes[i].depth > maxd) maxd = D.nodes[i].depth;
  CHECK(maxd <= 52);
  pith_buf_free(&b);
  D.max_depth = 2048;
}

static void test_node_cap(void) {
  D.max_nodes = 100;
  pith_buf b;
  pith_buf_init(&b, 0);
  for (int i = 0; i < 1000; i++) pith_buf_puts(&b, "<p>x</p>");
  pith_dom_reset(&D);
  INT_EQ(pith_dom_parse(&D, b.p, b.len), 0);
  CHECK(D.hit & PITH_HIT_NODES);
  CHECK(D.n <= 100);
  pith_buf_free(&b);
  D.max_nodes = 2000000;
}

static void test_attr_cap(void) {
  D.max_attr = 16;
  parse("<div class=\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">x</div>");
  size_t n = 0;
  const char *v = pith_dom_attr(&D, pith_dom_find(&D, 0, PITH_TAG_div), "class", &n);
  CHECK(v != NULL);
  INT_EQ(n, 16);
  CHECK(D.hit & PITH_HIT_ATTR);
  D.max_attr = 65536;
}

static void test_broken_html(void) {
  parse("<div><p>one<p>two</span></div></div><b><i>three</b></i><table><td>cell</table>");
  STR_EQ(text_of(0), "one two three cell");
}

static void test_empty(void) {
  pith_dom_reset(&D);
  INT_EQ(pith_dom_parse(&D, "", 0), 0);
  INT_EQ(D.n, 1);
  INT_EQ(D.nodes[0].end, 1);
}

static void test_tag_lookup(void) {
  INT_EQ(pith_tag_lookup("DIV", 3), PITH_TAG_div);
  INT_EQ(pith_tag_lookup("h6", 2), PITH_TAG_h6);
  INT_EQ(pith_tag_lookup("custom-element", 14), PITH_TAG_UNKNOWN);
  INT_EQ(pith_tag_lookup("", 0), PITH_TAG_UNKNOWN);
}

/* Links agree with the index ranges: every node's children are exactly
 * the subtrees packed in [i+1, end), in order. */
static void check_invariants(void) {
  int bad = 0;
  for (uint32_t i = 0; i < D.n && !bad; i++) {
    uint32_t c = D.nodes[i].first, at = i + 1;
    if (D.nodes[i].end > D.n || D.nodes[i].end <= i) bad = 1;
    for (; c && !bad; c = D.nodes[c].next) {
      if (c != at || D.nodes[c].parent != i) bad = 1;
      at = D.nodes[c].end;
    }
    if (!bad && at != D.nodes[i].end) bad = 1;
  }
  CHECK(!bad);
}

static void test_invariants(void) {
  parse("<div><p>one<p>two</span></div></div><b><i>three</b></i><table><td>cell</table>"
        "<svg><title>x</title></svg><template><p>t</p></template><noscript><p>n</p></noscript>");
  check_invariants();
}

/* ---- html5 only: the WHATWG tree --------------------------------------- */

static void test_h5_spec_tree(void) {
  /* misnested formatting: the adoption agency makes "b" two elements, the
   * second inside the <p> */
  parse("<body><b>1<p>2</b>3</p></body>");
  uint32_t p = pith_dom_find(&D, 0, PITH_TAG_p);
  CHECK(p != 0);
  INT_EQ(D.nodes[D.nodes[p].first].tag, PITH_TAG_b);
  STR_EQ(text_of(p), "23");
  /* foster parenting: text in a table before any cell goes before it */
  parse("<body><table>lost<tr><td>cell</td></tr></table></body>");
  uint32_t t = pith_dom_find(&D, 0, PITH_TAG_table);
  CHECK(t != 0);
  uint32_t before = D.nodes[D.body].first;
  CHECK(before != t && pith_dom_is_text(&D, before));
  INT_EQ(D.nodes[before].next, t);
  /* implied head/body; an SVG <title> is not the page's */
  parse("<p>x</p><svg><title>not it</title></svg>");
  CHECK(D.html && D.head && D.body);
  CHECK(D.title_node == 0);
  /* <noscript> markup is kept as elements, never as text */
  parse("<body><noscript><div class=n>inside<iframe></noscript><p>after</p></body>");
  uint32_t ns = pith_dom_find(&D, 0, PITH_TAG_noscript);
  CHECK(ns != 0);
  uint32_t div = pith_dom_find(&D, ns, PITH_TAG_div);
  CHECK(div != 0 && div < D.nodes[ns].end);
  STR_EQ(pith_dom_attr(&D, div, "class", NULL), "n");
  STR_EQ(text_of(D.body), "after");
  check_invariants();
}

static void test_h5_depth_bound(void) {
  /* past the tree builder's own depth bound (512, under max_depth) the
   * elements become siblings: reported as a depth hit, text kept */
  pith_buf b;
  pith_buf_init(&b, 0);
  for (int i = 0; i < 3000; i++) pith_buf_puts(&b, "<div>");
  pith_buf_puts(&b, "deep");
  pith_dom_reset(&D);
  INT_EQ(pith_dom_parse(&D, b.p, b.len), 0);
  CHECK(D.hit & PITH_HIT_DEPTH);
  STR_EQ(text_of(0), "deep");
  check_invariants();
  pith_buf_free(&b);
}

static void run_shared(void) {
  RUN(test_tree_shape);
  RUN(test_entities_and_attrs);
  RUN(test_script_not_split);
  RUN(test_skip_subtrees);
  RUN(test_depth_flattened);
  RUN(test_node_cap);
  RUN(test_attr_cap);
  RUN(test_broken_html);
  RUN(test_empty);
  RUN(test_invariants);
}

int main(void) {
  pith_dom_init(&D);
  INT_EQ(D.parser, PITH_PARSER_HTML5);
  run_shared();
  RUN(test_h5_spec_tree);
  RUN(test_h5_depth_bound);
  D.parser = PITH_PARSER_LIBXML2;
  run_shared();
  RUN(test_tag_lookup);
  pith_dom_free(&D);
  return REPORT();
}
