/* test_extract.c - the public extraction API on small pages written here. */
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"
#include "pith.h"

static pith_extractor *X;

/* A paragraph of natural prose, numbered so paragraphs differ. */
static void para(char *out, size_t cap, int i) {
  snprintf(out, cap,
           "<p>Paragraph %d of the story explains, in plain words and with some detail, how the "
           "council reviewed the plan, why residents asked for changes, and what happens next "
           "when the vote comes up again in the spring.</p>",
           i);
}

static char *article(const char *before, const char *inside, const char *after, int nparas) {
  size_t cap = 65536;
  char *b = malloc(cap);
  char p[512];
  size_t n = (size_t)snprintf(b, cap,
                              "<html><head><title>Council delays vote | Town Herald</title></head>"
                              "<body><nav><a href=/>Home</a> <a href=/news>News</a></nav>%s"
                              "<article><h1>Council delays vote</h1><div class=story-body>",
                              before);
  for (int i = 1; i <= nparas; i++) {
    para(p, sizeof p, i);
    n += (size_t)snprintf(b + n, cap - n, "%s", p);
    if (i == 2) n += (size_t)snprintf(b + n, cap - n, "%s", inside);
  }
  snprintf(b + n, cap - n, "</div></article>%s<footer>© 2024 Town Herald</footer></body></html>", after);
  return b;
}

static const pith_doc *run(const char *html, pith_status want) {
  const pith_doc *d = NULL;
  pith_status st = pith_extract(X, html, strlen(html), "https://herald.example/a", NULL, &d);
  INT_EQ(st, want);
  CHECK(d != NULL);
  return d;
}

static int text_has(const pith_doc *d, const char *needle) {
  pith_str t = pith_doc_text(d);
  size_t nl = strlen(needle);
  for (size_t i = 0; i + nl <= t.len; i++)
    if (!memcmp(t.ptr + i, needle, nl)) return 1;
  return 0;
}

static void test_article_and_chrome(void) {
  char *h = article("",
                    "<div class=newsletter-box><h3>Get our newsletter</h3><p>Sign up to receive "
                    "the morning briefing in your inbox.</p></div>"
                    "<div class=share-tools><a href=#>Share on Facebook</a></div>",
                    "<aside class=related><h3>Related</h3><ul><li><a href=/x>Other story</a></li></ul></aside>",
                    6);
  const pith_doc *d = run(h, PITH_OK);
  CHECK(text_has(d, "Paragraph 1 of the story"));
  CHECK(text_has(d, "Paragraph 6 of the story"));
  CHECK(!text_has(d, "newsletter"));
  CHECK(!text_has(d, "Share on Facebook"));
  CHECK(!text_has(d, "Other story"));
  CHECK(!text_has(d, "Home"));
  CHECK(!text_has(d, "Council delays vote")); /* the title is not body text */
  INT_EQ(pith_doc_block_count(d), 6);
  pith_block_kind k;
  pith_doc_block(d, 0, &k, NULL);
  INT_EQ(k, PITH_B_PARAGRAPH);
  free(h);
}

static void test_comments_apart(void) {
  char *h = article("", "",
                    "<section id=comments><h3>3 Comments</h3><div class=comment><div "
                    "class=comment-meta>Ann says:</div><div class=comment-content><p>I went to the "
                    "meeting and it was packed.</p></div></div></section>",
                    5);
  const pith_doc *d = run(h, PITH_OK);
  CHECK(!text_has(d, "packed"));
  INT_EQ(pith_doc_list_count(d, PITH_L_COMMENTS), 0);
  pith_options o;
  pith_options_init(&o);
  o.flags = PITH_OPT_COMMENTS;
  pith_extractor *x2 = pith_extractor_new(&o);
  const pith_doc *d2 = NULL;
  INT_EQ(pith_extract(x2, h, strlen(h), NULL, NULL, &d2), PITH_OK);
  INT_EQ(pith_doc_list_count(d2, PITH_L_COMMENTS), 1);
  pith_str c = pith_doc_list_item(d2, PITH_L_COMMENTS, 0);
  SPAN_EQ(c.ptr, c.len, "I went to the meeting and it was packed.");
  pith_extractor_free(x2);
  free(h);
}

static void test_tables(void) {
  char *h = article("",
                    "<table><tr><th>Ward</th><th>Votes</th></tr><tr><td>North</td><td>1,204</td></tr>"
                    "<tr><td>South</td><td>988</td></tr></table>",
                    "", 5);
  const pith_doc *d = run(h, PITH_OK);
  CHECK(text_has(d, "Ward | Votes"));
  CHECK(text_has(d, "North | 1,204"));
  pith_options o;
  pith_options_init(&o);
  o.flags = PITH_OPT_NO_TABLES;
  pith_extractor *x2 = pith_extractor_new(&o);
  const pith_doc *d2 = NULL;
  INT_EQ(pith_extract(x2, h, strlen(h), NULL, NULL, &d2), PITH_OK);
  CHECK(!text_has(d2, "North"));
  CHECK(text_has(d2, "Paragraph 3"));
  pith_extractor_free(x2);
  free(h);
}

static void test_no_article(void) {
  /* a teaser grid: headline links with a line each, no story */
  char b[8192];
  size_t n = (size_t)snprintf(b, sizeof b, "<html><body><h1>Town Herald</h1><div class=grid>");
  for (int i = 0; i < 8; i++)
    n += (size_t)snprintf(b + n, sizeof b - n,
                          "<div class=c><h3><a href=/s%d>Headline number %d about the town</a></h3>"
                          "<p>A short standfirst for teaser %d that sums the story up.</p></div>",
                          i, i, i);
  snprintf(b + n, sizeof b - n, "</div></body></html>");
  const pith_doc *d = run(b, PITH_NO_CONTENT);
  INT_EQ(pith_doc_text(d).len, 0);
  CHECK(strlen(pith_doc_message(d)) > 0);
  /* an error page */
  const char *e404 = "<html><head><title>Page not found | Town Herald</title></head><body><h1>Page "
                     "not found</h1><p>Sorry, the page you are looking for may have been moved or "
                     "deleted. Try the search box or go back to the home page.</p></body></html>";
  d = run(e404, PITH_NO_CONTENT);
  INT_EQ(pith_doc_text(d).len, 0);
  /* empty input */
  const pith_doc *d3 = NULL;
  INT_EQ(pith_extract(X, "", 0, NULL, NULL, &d3), PITH_NO_CONTENT);
}

static void test_bad_bytes(void) {
  /* NUL bytes and invalid UTF-8 inside the story: output is valid UTF-8 */
  char h[4096];
  char *a = article("", "", "", 4);
  size_t n = strlen(a);
  memcpy(h, a, n < sizeof h ? n : sizeof h);
  free(a);
  /* put a NUL and a stray 0xFF into paragraph 3 */
  char *p3 = strstr(h, "Paragraph 3");
  CHECK(p3 != NULL);
  p3[9] = '\0';
  p3[10] = (char)0xFF;
  const pith_doc *d = NULL;
  pith_status st = pith_extract(X, h, n, NULL, NULL, &d);
  INT_EQ(st, PITH_OK);
  pith_str t = pith_doc_text(d);
  CHECK(memchr(t.ptr, '\0', t.len) == NULL);
  CHECK(text_has(d, "Paragraph 4")); /* nothing after the NUL was lost */
  CHECK(text_has(d, "\xEF\xBF\xBD"));
}

static void test_charset_header(void) {
  /* windows-1252 bytes, declared by the HTTP header only */
  char *a = article("", "<p>\x93Quoted words\x94 cost \x80" "5 at the caf\xE9 on Main Street, she said.</p>", "", 4);
  const pith_doc *d = NULL;
  INT_EQ(pith_extract(X, a, strlen(a), NULL, "text/html; charset=windows-1252", &d), PITH_OK);
  CHECK(text_has(d, "\xE2\x80\x9CQuoted words\xE2\x80\x9D cost \xE2\x82\xAC" "5 at the caf\xC3\xA9"));
  pith_str cs = pith_doc_field(d, PITH_F_CHARSET);
  SPAN_EQ(cs.ptr, cs.len, "windows-1252");
  free(a);
}

static void test_limits(void) {
  pith_options o;
  pith_options_init(&o);
  o.max_input_bytes = 100;
  pith_extractor *x2 = pith_extractor_new(&o);
  char *a = article("", "", "", 3);
  const pith_doc *d = NULL;
  INT_EQ(pith_extract(x2, a, strlen(a), NULL, NULL, &d), PITH_ERR_LIMIT);
  CHECK(d != NULL && strstr(pith_doc_message(d), "limit") != NULL);
  pith_extractor_free(x2);
  pith_options_init(&o);
  o.max_nodes = 40;
  x2 = pith_extractor_new(&o);
  free(a);
  a = article("", "", "", 30);
  INT_EQ(pith_extract(x2, a, strlen(a), NULL, NULL, &d), PITH_ERR_LIMIT);
  CHECK(pith_doc_limits_hit(d) & PITH_HIT_NODES);
  pith_extractor_free(x2);
  free(a);
}

static void test_explain(void) {
  pith_options o;
  pith_options_init(&o);
  o.flags = PITH_OPT_EXPLAIN;
  pith_extractor *x2 = pith_extractor_new(&o);
  char *a = article("", "<p><a href=/a>Read more: the budget story</a></p>", "", 4);
  const pith_doc *d = NULL;
  INT_EQ(pith_extract(x2, a, strlen(a), NULL, NULL, &d), PITH_OK);
  pith_str ex = pith_doc_explain(d);
  CHECK(ex.len > 0);
  CHECK(strstr(ex.ptr, "keep\tcontent\tParagraph 1") != NULL);
  CHECK(strstr(ex.ptr, "drop\t") != NULL);
  pith_extractor_free(x2);
  free(a);
}

static void test_reuse(void) {
  /* one extractor, many documents: each result is independent */
  char *a = article("", "", "", 3), *b = article("", "", "", 7);
  for (int i = 0; i < 50; i++) {
    const pith_doc *d = NULL;
    INT_EQ(pith_extract(X, (i & 1) ? a : b, strlen((i & 1) ? a : b), NULL, NULL, &d), PITH_OK);
    if (i >= 48) INT_EQ(pith_doc_block_count(d), (i & 1) ? 3 : 7);
  }
  free(a);
  free(b);
}

typedef struct sinkbuf {
  char p[16384];
  size_t n;
  int calls;
} sinkbuf;

static int sink(void *ud, const char *p, size_t n) {
  sinkbuf *b = ud;
  b->calls++;
  if (b->n + n >= sizeof b->p) return 1;
  memcpy(b->p + b->n, p, n);
  b->n += n;
  b->p[b->n] = '\0';
  return 0;
}

static void test_render(void) {
  char *a = article("", "<p>A \"quoted\" word and a back\\slash.</p>", "", 3);
  const pith_doc *d = run(a, PITH_OK);
  sinkbuf b = {{0}, 0, 0};
  pith_render_extra ex[] = {{"warc_date", "2024-01-02T03:04:05Z"}};
  INT_EQ(pith_render_with(d, PITH_FMT_JSONL, "x1", ex, 1, sink, &b), PITH_OK);
  INT_EQ(b.calls, 1); /* one write per record: never half a line */
  CHECK(b.n > 0 && b.p[b.n - 1] == '\n');
  CHECK(memchr(b.p, '\n', b.n) == b.p + b.n - 1);
  static const char head[] = "{\"id\":\"x1\",\"warc_date\":\"2024-01-02T03:04:05Z\",\"text\":";
  CHECK(strncmp(b.p, head, sizeof head - 1) == 0);
  CHECK(strstr(b.p, "A \\\"quoted\\\" word and a back\\\\slash.") != NULL);
  CHECK(strstr(b.p, "\"title\":\"Council delays vote\"") != NULL);
  if (!strstr(b.p, "\"title\":\"Council delays vote\"")) fprintf(stderr, "%s\n", b.p);
  /* a sink that refuses: reported, not ignored */
  sinkbuf full = {{0}, sizeof full.p, 0};
  INT_EQ(pith_render(d, PITH_FMT_TEXT, NULL, sink, &full), PITH_ERR_IO);
  /* markdown has the title as a heading */
  sinkbuf md = {{0}, 0, 0};
  INT_EQ(pith_render(d, PITH_FMT_MARKDOWN, NULL, sink, &md), PITH_OK);
  CHECK(strncmp(md.p, "# Council delays vote\n\n", 23) == 0);
  /* NULL where an array or a string is due: PITH_ERR_ARG, never a crash */
  sinkbuf nb = {{0}, 0, 0};
  pith_render_extra half[] = {{NULL, "v"}}, skip[] = {{"k", NULL}};
  INT_EQ(pith_render_with(d, PITH_FMT_JSONL, "x", NULL, 1, sink, &nb), PITH_ERR_ARG);
  INT_EQ(pith_render_with(d, PITH_FMT_JSONL, "x", half, 1, sink, &nb), PITH_ERR_ARG);
  INT_EQ(pith_render_with(NULL, PITH_FMT_JSONL, "x", NULL, 0, sink, &nb), PITH_ERR_ARG);
  INT_EQ(pith_render_with(d, PITH_FMT_JSONL, "x", ex, 1, NULL, &nb), PITH_ERR_ARG);
  INT_EQ(pith_render_with(d, (pith_format)99, "x", NULL, 0, sink, &nb), PITH_ERR_ARG);
  INT_EQ(nb.calls, 0);
  INT_EQ(pith_render_with(d, PITH_FMT_JSONL, NULL, NULL, 0, sink, &nb), PITH_OK);
  INT_EQ(pith_render_with(d, PITH_FMT_JSONL, NULL, skip, 1, sink, &nb), PITH_OK);
  CHECK(!strstr(nb.p, "\"k\""));
  /* a number extra is written bare; anything but a JSON number is refused */
  sinkbuf num = {{0}, 0, 0};
  pith_render_extra n1[] = {{"warc_offset", "123456789012", PITH_EXTRA_NUMBER}};
  INT_EQ(pith_render_with(d, PITH_FMT_JSONL, "n", n1, 1, sink, &num), PITH_OK);
  CHECK(strncmp(num.p, "{\"id\":\"n\",\"warc_offset\":123456789012,\"text\":", 42) == 0);
  static const char *const notnum[] = {"", "-", "01", "1.", "1e", "12a", "1 ", "\"1\"", "NaN"};
  for (size_t i = 0; i < sizeof notnum / sizeof *notnum; i++) {
    pith_render_extra bad[] = {{"k", notnum[i], PITH_EXTRA_NUMBER}};
    INT_EQ(pith_render_with(d, PITH_FMT_JSONL, "n", bad, 1, sink, &nb), PITH_ERR_ARG);
  }
  static const char *const isnum[] = {"0", "-1", "2.5", "1e9", "-0.25E-3"};
  for (size_t i = 0; i < sizeof isnum / sizeof *isnum; i++) {
    pith_render_extra good[] = {{"k", isnum[i], PITH_EXTRA_NUMBER}};
    INT_EQ(pith_render_with(d, PITH_FMT_JSONL, "n", good, 1, sink, &nb), PITH_OK);
  }
  free(a);
}

static void test_title_is_only_a_name(void) {
  /* a blog whose <title> is the author's name on every page */
  char p[512], b[8192];
  size_t n = (size_t)snprintf(b, sizeof b,
                              "<html><head><title>Jane Doe</title><meta name=author content=\"Jane "
                              "Doe\"></head><body><div class=post><h1>Notes from a week on the "
                              "coast</h1>");
  for (int i = 1; i <= 5; i++) {
    para(p, sizeof p, i);
    n += (size_t)snprintf(b + n, sizeof b - n, "%s", p);
  }
  snprintf(b + n, sizeof b - n, "</div></body></html>");
  const pith_doc *d = run(b, PITH_OK);
  pith_str t = pith_doc_field(d, PITH_F_TITLE);
  SPAN_EQ(t.ptr, t.len, "Notes from a week on the coast");
  CHECK(!text_has(d, "Notes from a week"));
  CHECK(text_has(d, "Paragraph 1 of the story"));
}

int main(void) {
  X = pith_extractor_new(NULL);
  CHECK(X != NULL);
  RUN(test_article_and_chrome);
  RUN(test_comments_apart);
  RUN(test_tables);
  RUN(test_no_article);
  RUN(test_bad_bytes);
  RUN(test_charset_header);
  RUN(test_limits);
  RUN(test_explain);
  RUN(test_reuse);
  RUN(test_render);
  RUN(test_title_is_only_a_name);
  pith_extractor_free(X);
  return REPORT();
}
