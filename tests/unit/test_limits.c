/* test_limits.c - every limit of pith_options (RELIABILITY.md section 3 and
 * #2-#6, #12, #36): hitting it is reported - a status, a message and a
 * PITH_HIT_* flag - and never gives a silently shorter result; 0 means the
 * default; nonsense values are refused rather than divided by. */
#include <stdlib.h>

#include "harness.h"
#include "pith.h"

/* ---- helpers ----------------------------------------------------------- */
typedef struct gbuf {
  char *p;
  size_t n, cap;
} gbuf;
static void gput(gbuf *b, const char *s, size_t n) {
  if (b->n + n + 1 > b->cap) {
    b->cap = (b->n + n + 1) * 2;
    b->p = realloc(b->p, b->cap);
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = 0;
}
static void gputs(gbuf *b, const char *s) { gput(b, s, strlen(s)); }
static void grep_(gbuf *b, const char *s, size_t times) {
  for (size_t i = 0; i < times; i++) gputs(b, s);
}

static const char S_para[] =
    "<p>The council voted on Tuesday to approve the harbor plan, which had been debated for "
    "more than two years by residents, shop owners and the fishing cooperative.</p>\n";

static pith_extractor *S_x(void (*set)(pith_options *)) {
  pith_options o;
  pith_options_init(&o);
  if (set) set(&o);
  return pith_extractor_new(&o);
}

static int S_contains(pith_str s, const char *needle) {
  size_t k = strlen(needle);
  if (!s.ptr || s.len < k) return 0;
  for (size_t i = 0; i + k <= s.len; i++)
    if (!memcmp(s.ptr + i, needle, k)) return 1;
  return 0;
}

/* ---- defaults ---------------------------------------------------------- */
static void test_defaults_documented(void) {
  pith_options o;
  pith_options_init(&o);
  INT_EQ(o.struct_size, sizeof o);
  INT_EQ(o.max_input_bytes, (size_t)64 << 20);
  INT_EQ(o.max_nodes, 2000000);
  INT_EQ(o.max_depth, 2048);
  INT_EQ(o.max_attr_bytes, 65536);
  INT_EQ(o.max_jsonld_bytes, (size_t)1 << 20);
  INT_EQ(o.max_jsonld_depth, 64);
  INT_EQ(o.max_output_bytes, (size_t)16 << 20);
  INT_EQ(o.max_memory_bytes, (size_t)512 << 20);
  CHECK(o.time_budget_sec == 0);
}

static void S_zero_limits(pith_options *o) {
  o->max_input_bytes = o->max_nodes = o->max_depth = o->max_attr_bytes = 0;
  o->max_jsonld_bytes = o->max_jsonld_depth = o->max_output_bytes = o->max_memory_bytes = 0;
  o->time_budget_sec = 0;
}

/* 0 = default: an all-zero options struct behaves exactly as the defaults. */
static void test_zero_means_default(void) {
  gbuf b = {0};
  gputs(&b, "<html><head><title>Harbor plan</title></head><body><article><h1>Harbor plan</h1>");
  grep_(&b, S_para, 20);
  gputs(&b, "</article></body></html>");
  pith_extractor *x0 = S_x(S_zero_limits), *xd = S_x(NULL);
  CHECK(x0 && xd);
  const pith_doc *d0, *dd;
  pith_status s0 = pith_extract(x0, b.p, b.n, NULL, NULL, &d0);
  pith_status sd = pith_extract(xd, b.p, b.n, NULL, NULL, &dd);
  INT_EQ(s0, PITH_OK);
  INT_EQ(sd, PITH_OK);
  pith_str t0 = pith_doc_text(d0), td = pith_doc_text(dd);
  CHECK(t0.len == td.len && t0.len > 1000 && !memcmp(t0.ptr, td.ptr, t0.len));
  INT_EQ(pith_doc_limits_hit(d0), 0);
  /* a struct with only struct_size/flags (an old caller) is accepted too */
  pith_options small;
  memset(&small, 0, sizeof small);
  small.struct_size = offsetof(pith_options, flags) + sizeof(unsigned);
  pith_extractor *xs = pith_extractor_new(&small);
  CHECK(xs != NULL);
  if (xs) {
    const pith_doc *ds;
    INT_EQ(pith_extract(xs, b.p, b.n, NULL, NULL, &ds), PITH_OK);
  }
  /* a struct_size too small to hold flags is refused */
  small.struct_size = 1;
  CHECK(pith_extractor_new(&small) == NULL);
  pith_extractor_free(xs);
  pith_extractor_free(x0);
  pith_extractor_free(xd);
  free(b.p);
}

static void S_neg_time(pith_options *o) { o->time_budget_sec = -1; }
static void test_bad_values_refused(void) {
  /* a negative time budget is nonsense: refused, not treated as "none" */
  CHECK(S_x(S_neg_time) == NULL);
}

/* ---- max_input_bytes (#2) --------------------------------------------- */
static void S_input_1k(pith_options *o) { o->max_input_bytes = 1000; }
static void test_input_limit(void) {
  pith_extractor *x = S_x(S_input_1k);
  gbuf b = {0};
  grep_(&b, "x", 1001);
  const pith_doc *d;
  INT_EQ(pith_extract(x, b.p, 1001, NULL, NULL, &d), PITH_ERR_LIMIT);
  CHECK(d != NULL);
  if (d) {
    INT_EQ(pith_doc_status(d), PITH_ERR_LIMIT);
    CHECK(strstr(pith_doc_message(d), "limit") != NULL);
    INT_EQ(pith_doc_text(d).len, 0);
  }
  /* exactly at the limit is fine */
  pith_status st = pith_extract(x, b.p, 1000, NULL, NULL, &d);
  CHECK(st == PITH_OK || st == PITH_NO_CONTENT);
  /* text mode honours it as well */
  INT_EQ(pith_clean_text(x, b.p, 1001, &d), PITH_ERR_LIMIT);
  /* and the extractor still works afterwards */
  st = pith_extract(x, "<p>hello</p>", 12, NULL, NULL, &d);
  CHECK(st == PITH_OK || st == PITH_NO_CONTENT);
  pith_extractor_free(x);
  free(b.p);
}

/* ---- max_nodes (#4) ----------------------------------------------------- */
static void S_nodes_100(pith_options *o) { o->max_nodes = 100; }
static void test_node_limit(void) {
  gbuf b = {0};
  gputs(&b, "<html><body><article>");
  grep_(&b, S_para, 400);
  gputs(&b, "<p>THE-LAST-PARAGRAPH of the article, also long enough to be kept as prose by "
            "the extractor.</p></article></body></html>");
  pith_extractor *x = S_x(S_nodes_100);
  const pith_doc *d;
  pith_status st = pith_extract(x, b.p, b.n, NULL, NULL, &d);
  INT_EQ(st, PITH_ERR_LIMIT);
  CHECK(d != NULL);
  if (d) {
    CHECK(pith_doc_limits_hit(d) & PITH_HIT_NODES);
    CHECK(strstr(pith_doc_message(d), "node") != NULL);
    /* markup past the cap is ignored (its text may still be kept): either
     * way the result is flagged, never silently different */
  }
  pith_extractor_free(x);
  /* default: the whole page */
  x = S_x(NULL);
  INT_EQ(pith_extract(x, b.p, b.n, NULL, NULL, &d), PITH_OK);
  CHECK(S_contains(pith_doc_text(d), "THE-LAST-PARAGRAPH"));
  INT_EQ(pith_doc_limits_hit(d) & PITH_HIT_NODES, 0);
  pith_extractor_free(x);
  free(b.p);
}

/* ---- max_depth (#3) ----------------------------------------------------- */
static void S_depth_10(pith_options *o) { o->max_depth = 10; }
static void test_depth_limit(void) {
  gbuf b = {0};
  gputs(&b, "<html><body><article>");
  grep_(&b, "<div>", 200);
  gputs(&b, "<p>DEEP-TEXT at the bottom of two hundred nested divs, long enough to be a "
            "paragraph of the story that must be kept.</p>");
  grep_(&b, S_para, 3);
  grep_(&b, "</div>", 200);
  gputs(&b, "</article></body></html>");
  pith_extractor *x = S_x(S_depth_10);
  const pith_doc *d;
  pith_status st = pith_extract(x, b.p, b.n, NULL, NULL, &d);
  CHECK(st == PITH_OK);
  CHECK(d && (pith_doc_limits_hit(d) & PITH_HIT_DEPTH));
  /* flattened, text kept */
  CHECK(d && S_contains(pith_doc_text(d), "DEEP-TEXT"));
  pith_extractor_free(x);
  x = S_x(NULL);
  INT_EQ(pith_extract(x, b.p, b.n, NULL, NULL, &d), PITH_OK);
  INT_EQ(pith_doc_limits_hit(d) & PITH_HIT_DEPTH, 0);
  CHECK(S_contains(pith_doc_text(d), "DEEP-TEXT"));
  pith_extractor_free(x);
  free(b.p);
}

/* ---- max_attr_bytes (#6) ------------------------------------------------ */
static void S_attr_1k(pith_options *o) { o->max_attr_bytes = 1000; }
static void test_attr_limit(void) {
  gbuf b = {0};
  gputs(&b, "<html><body><article class=\"");
  grep_(&b, "story-body ", 10000); /* 110 KB, over the default too */
  gputs(&b, "\"><h1>Title</h1>");
  grep_(&b, S_para, 5);
  gputs(&b, "</article></body></html>");
  pith_extractor *x = S_x(S_attr_1k);
  const pith_doc *d;
  pith_status st = pith_extract(x, b.p, b.n, NULL, NULL, &d);
  CHECK(st == PITH_OK);
  CHECK(d && (pith_doc_limits_hit(d) & PITH_HIT_ATTR));
  CHECK(d && S_contains(pith_doc_text(d), "fishing cooperative"));
  pith_extractor_free(x);
  x = S_x(NULL);
  pith_extract(x, b.p, b.n, NULL, NULL, &d);
  CHECK(pith_doc_limits_hit(d) & PITH_HIT_ATTR); /* 110 KB > 64 KiB default */
  pith_extractor_free(x);
  free(b.p);
}

/* ---- max_jsonld_bytes / max_jsonld_depth (#12) --------------------------- */
static void S_json_small(pith_options *o) { o->max_jsonld_bytes = 200; }
static void S_json_shallow(pith_options *o) { o->max_jsonld_depth = 3; }
static void S_jsonld_page(gbuf *b, int deep) {
  gputs(b, "<html><head><title>Dom Title</title><script type=\"application/ld+json\">"
           "{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\","
           "\"headline\":\"LD Headline\",\"author\":{\"@type\":\"Person\",\"name\":\"Jane Roe\"},"
           "\"description\":\"");
  grep_(b, "padding ", 40); /* ~320 bytes */
  gputs(b, "\"");
  if (deep) {
    gputs(b, ",\"x\":{\"y\":{\"z\":{\"w\":[1]}}}");
  }
  gputs(b, "}</script></head><body><article>");
  grep_(b, S_para, 5);
  gputs(b, "</article></body></html>");
}
static void test_jsonld_limits(void) {
  gbuf b = {0};
  S_jsonld_page(&b, 0);
  const pith_doc *d;
  pith_extractor *x = S_x(NULL);
  INT_EQ(pith_extract(x, b.p, b.n, NULL, NULL, &d), PITH_OK);
  SPAN_EQ(pith_doc_field(d, PITH_F_TITLE).ptr, pith_doc_field(d, PITH_F_TITLE).len, "LD Headline");
  INT_EQ(pith_doc_limits_hit(d) & PITH_HIT_JSONLD, 0);
  pith_extractor_free(x);
  /* too big: the block is ignored (other sources used) and the hit is flagged */
  x = S_x(S_json_small);
  INT_EQ(pith_extract(x, b.p, b.n, NULL, NULL, &d), PITH_OK);
  CHECK(pith_doc_limits_hit(d) & PITH_HIT_JSONLD);
  SPAN_EQ(pith_doc_field(d, PITH_F_TITLE).ptr, pith_doc_field(d, PITH_F_TITLE).len, "Dom Title");
  pith_extractor_free(x);
  free(b.p);
  /* too deep */
  memset(&b, 0, sizeof b);
  S_jsonld_page(&b, 1);
  x = S_x(S_json_shallow);
  INT_EQ(pith_extract(x, b.p, b.n, NULL, NULL, &d), PITH_OK);
  CHECK(pith_doc_limits_hit(d) & PITH_HIT_JSONLD);
  pith_extractor_free(x);
  free(b.p);
  /* 10 000-deep arrays under the default depth cap: flagged, no crash */
  memset(&b, 0, sizeof b);
  gputs(&b, "<html><head><title>T</title><script type=\"application/ld+json\">");
  grep_(&b, "[", 10000);
  grep_(&b, "]", 10000);
  gputs(&b, "</script></head><body><article>");
  grep_(&b, S_para, 3);
  gputs(&b, "</article></body></html>");
  x = S_x(NULL);
  INT_EQ(pith_extract(x, b.p, b.n, NULL, NULL, &d), PITH_OK);
  CHECK(pith_doc_limits_hit(d) & PITH_HIT_JSONLD);
  pith_extractor_free(x);
  free(b.p);
}

/* ---- max_output_bytes --------------------------------------------------- */
static void S_out_1k(pith_options *o) { o->max_output_bytes = 1000; }
static void test_output_limit(void) {
  gbuf b = {0};
  gputs(&b, "<html><body><article>");
  grep_(&b, S_para, 50);
  gputs(&b, "</article></body></html>");
  pith_extractor *x = S_x(S_out_1k);
  const pith_doc *d;
  INT_EQ(pith_extract(x, b.p, b.n, NULL, NULL, &d), PITH_ERR_LIMIT);
  CHECK(d != NULL);
  if (d) {
    CHECK(pith_doc_limits_hit(d) & PITH_HIT_OUTPUT);
    CHECK(strstr(pith_doc_message(d), "output") != NULL);
    CHECK(pith_doc_text(d).len <= 1000 + 64);
  }
  /* text mode */
  gbuf t = {0};
  for (int i = 0; i < 50; i++) { /* distinct paragraphs: repeated ones may be merged */
    char line[256];
    snprintf(line, sizeof line,
             "In session %d the council voted to approve part %d of the harbor plan, which had "
             "been debated for more than two years by residents and shop owners.\n\n", i, i * 7);
    gputs(&t, line);
  }
  INT_EQ(pith_clean_text(x, t.p, t.n, &d), PITH_ERR_LIMIT);
  CHECK(d && (pith_doc_limits_hit(d) & PITH_HIT_OUTPUT));
  pith_extractor_free(x);
  free(b.p);
  free(t.p);
}

/* ---- max_memory_bytes ---------------------------------------------------- */
static void S_mem_small(pith_options *o) { o->max_memory_bytes = 100000; }
static void test_memory_limit(void) {
  gbuf b = {0};
  gputs(&b, "<html><head><title>T</title><meta name=author content=\"Jane Roe\"></head><body><article>");
  grep_(&b, S_para, 3000); /* ~500 KB */
  gputs(&b, "</article></body></html>");
  pith_extractor *x = S_x(S_mem_small);
  const pith_doc *d;
  pith_status st = pith_extract(x, b.p, b.n, NULL, NULL, &d);
  /* a configured cap is a limit, not an out-of-memory condition */
  INT_EQ(st, PITH_ERR_LIMIT);
  CHECK(st != PITH_OK);
  pith_extractor_free(x);
  free(b.p);
}

/* ---- time_budget_sec ------------------------------------------------------ */
static void S_time_tiny(pith_options *o) { o->time_budget_sec = 1e-6; }
static void test_time_budget(void) {
  gbuf b = {0};
  gputs(&b, "<html><body><article>");
  grep_(&b, S_para, 20000); /* ~3.4 MB: takes far longer than 1 microsecond */
  gputs(&b, "</article></body></html>");
  pith_extractor *x = S_x(S_time_tiny);
  const pith_doc *d;
  pith_status st = pith_extract(x, b.p, b.n, NULL, NULL, &d);
  INT_EQ(st, PITH_ERR_TIMEOUT);
  pith_extractor_free(x);
  /* 0 = no budget */
  x = S_x(NULL);
  INT_EQ(pith_extract(x, b.p, b.n, NULL, NULL, &d), PITH_OK);
  pith_extractor_free(x);
  free(b.p);
}

int main(void) {
  RUN(test_defaults_documented);
  RUN(test_zero_means_default);
  RUN(test_bad_values_refused);
  RUN(test_input_limit);
  RUN(test_node_limit);
  RUN(test_depth_limit);
  RUN(test_attr_limit);
  RUN(test_jsonld_limits);
  RUN(test_output_limit);
  RUN(test_memory_limit);
  RUN(test_time_budget);
  return REPORT();
}
