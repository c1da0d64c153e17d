/* test_text.c - text mode: line-level metadata and the pith_clean_text
 * pipeline (fixtures, edge cases, allocation failures). */
#include <stdlib.h>

#include "core/doc.h"
#include "harness.h"
#include "pith.h"
#include "meta/wire.h"
#include "text/lines.h"

static int K(const char *s) { return pith_line_kind(s, strlen(s)); }

/* memmem without _GNU_SOURCE */
static const void *S_memmem(const void *h, size_t hn, const void *nd, size_t nn) {
  const char *p = h;
  if (!nn) return h;
  for (size_t i = 0; i + nn <= hn; i++)
    if (!memcmp(p + i, nd, nn)) return p + i;
  return NULL;
}

static void test_line_kinds(void) {
  INT_EQ(K("By Simone McCarthy, CNN"), PITH_LINE_BYLINE);
  INT_EQ(K("By KEVIN FREKING Associated Press"), PITH_LINE_BYLINE);
  INT_EQ(K("Von Katrin Hoffmann"), PITH_LINE_BYLINE);
  INT_EQ(K("Par Julien Moreau"), PITH_LINE_BYLINE);
  INT_EQ(K("Por Lucía Fernández"), PITH_LINE_BYLINE);
  INT_EQ(K("Author: Jane Doe"), PITH_LINE_BYLINE);
  INT_EQ(K("作者：李明"), PITH_LINE_BYLINE);
  INT_EQ(K("Автор: Ирина Смирнова"), PITH_LINE_BYLINE);
  INT_EQ(K("Posted on June 14, 2023 by Ellen Marsh"), PITH_LINE_BYLINE);
  INT_EQ(K("By the time the rain stopped, the river had already flooded three streets."),
         PITH_LINE_NONE);
  INT_EQ(K("Published: Apr. 11, 2024 at 3:42 PM EDT"), PITH_LINE_DATE);
  INT_EQ(K("Updated 10:32 AM ET, Tue March 1, 2023"), PITH_LINE_DATE);
  INT_EQ(K("The-CNN-Wire"), PITH_LINE_WIRE_CREDIT);
  INT_EQ(K("Associated Press"), PITH_LINE_WIRE_CREDIT);
  INT_EQ(K("™ & © 2023 Cable News Network, Inc., a Warner Bros. Discovery Company. All rights "
           "reserved."), PITH_LINE_COPYRIGHT);
  INT_EQ(K("Copyright 2024 The Associated Press. All rights reserved. This material may not be "
           "published, broadcast, rewritten or redistributed without permission."),
         PITH_LINE_COPYRIGHT);
  INT_EQ(K("© Rheinische Tagespost 2023 – Alle Rechte vorbehalten."), PITH_LINE_COPYRIGHT);
  INT_EQ(K("Copyright Policy"), PITH_LINE_NONE);
  INT_EQ(K("The publisher filed a copyright lawsuit against the streaming service on Monday, "
           "saying it had copied thousands of articles without permission."),
         PITH_LINE_NONE);
  INT_EQ(K("CNN’s Wayne Chang, Frederik Pleitgen, Zahra Ullah, Claudia Otto and Rob Picheta "
           "contributed reporting."), PITH_LINE_CONTRIBUTORS);
  INT_EQ(K("Associated Press writers Lisa Mascaro and Mary Clare Jalonick contributed to this "
           "report."), PITH_LINE_CONTRIBUTORS);
  INT_EQ(K("Reporting by Andy Bruce and David Milliken; Editing by William Schomberg"),
         PITH_LINE_CONTRIBUTORS);
  INT_EQ(K("Several volunteers contributed their time to rebuild the playground after the storm, "
           "and the city contributed the materials for the new benches and the fence around it."),
         PITH_LINE_NONE);
  INT_EQ(K("Article Topic Follows: CNN - Asia/Pacific"), PITH_LINE_SECTION);
  INT_EQ(K("Filed under: Garden Journal, Vegetables"), PITH_LINE_SECTION);
  INT_EQ(K("Tags: budget, city council, taxes"), PITH_LINE_TAGS);
  INT_EQ(K("Topics: Politics"), PITH_LINE_SECTION);
  INT_EQ(K("Note: the meeting was moved to Thursday because of the holiday."), PITH_LINE_NONE);
  INT_EQ(K(""), PITH_LINE_NONE);
  CHECK(strcmp(pith_line_kind_name(PITH_LINE_CONTRIBUTORS), "contributors") == 0);
}

static void test_line_take(void) {
  pith_arena a;
  pith_arena_init(&a, 0);
  pith_meta m;
  memset(&m, 0, sizeof m);
  const char *c = "CNN’s Wayne Chang, Frederik Pleitgen, Zahra Ullah, Claudia Otto and Rob Picheta "
                  "contributed reporting.";
  CHECK(pith_line_take(&m, &a, PITH_LINE_CONTRIBUTORS, c, strlen(c)) >= 0);
  INT_EQ(m.l[PITH_L_CONTRIBUTORS].n, 5);
  if (m.l[PITH_L_CONTRIBUTORS].n == 5) {
    STR_EQ(m.l[PITH_L_CONTRIBUTORS].v[0].ptr, "Wayne Chang");
    STR_EQ(m.l[PITH_L_CONTRIBUTORS].v[4].ptr, "Rob Picheta");
  }
  const char *sec = "Filed under: Garden Journal, Vegetables";
  pith_line_take(&m, &a, PITH_LINE_SECTION, sec, strlen(sec));
  STR_EQ(m.f[PITH_F_SECTION].ptr, "Garden Journal");
  INT_EQ(m.l[PITH_L_TAGS].n, 2);
  const char *w = "The-CNN-Wire";
  pith_line_take(&m, &a, PITH_LINE_WIRE_CREDIT, w, strlen(w));
  STR_EQ(m.f[PITH_F_WIRE_CREDIT].ptr, "The-CNN-Wire");
  STR_EQ(m.f[PITH_F_WIRE].ptr, "CNN");
  const char *b = "作者：李明";
  pith_line_take(&m, &a, PITH_LINE_BYLINE, b, strlen(b));
  STR_EQ(m.f[PITH_F_BYLINE].ptr, "李明");
  const char *d = "Posted on June 14, 2023 by Ellen Marsh";
  memset(&m, 0, sizeof m);
  pith_line_take(&m, &a, PITH_LINE_BYLINE, d, strlen(d));
  STR_EQ(m.f[PITH_F_DATE].ptr, "2023-06-14");
  INT_EQ(m.l[PITH_L_AUTHORS].n, 1);
  pith_arena_free(&a);
}

static void test_site_and_dateline(void) {
  const char *o;
  size_t n;
  const char *g = "News Channel 3-12 is committed to providing a forum for civil and constructive "
                  "conversation.";
  n = pith_line_site_name(g, strlen(g), &o);
  SPAN_EQ(o, n, "News Channel 3-12");
  const char *g2 = "We are committed to providing a forum for civil conversation.";
  INT_EQ(pith_line_site_name(g2, strlen(g2), &o), 0);
  const char *c = "© 2024 Valley Courier. All rights reserved.";
  n = pith_line_site_name(c, strlen(c), &o);
  SPAN_EQ(o, n, "Valley Courier");
  const char *c2 = "Tutti i diritti riservati © 2024 La Gazzetta di Provincia";
  n = pith_line_site_name(c2, strlen(c2), &o);
  SPAN_EQ(o, n, "La Gazzetta di Provincia");
  const char *p = "WASHINGTON (AP) — The Senate on Thursday approved a sweeping overhaul.";
  const char *cr;
  size_t crn;
  STR_EQ(pith_line_dateline_wire(p, strlen(p), &cr, &crn), "AP");
  SPAN_EQ(cr, crn, "(AP)");
  const char *q = "The senator (who asked not to be named) — and two aides — left early.";
  CHECK(pith_line_dateline_wire(q, strlen(q), NULL, NULL) == NULL);
  CHECK(pith_line_is_org_name("CNN Newsource", 13));
  CHECK(!pith_line_is_org_name("Please keep your comments respectful.", 38));
}

/* The wire in every shape a real page prints it: datelines, credit,
 * copyright and contributors lines, the agency's own address. */
static void test_wire_shapes(void) {
  static const struct { const char *line, *wire; } dl[] = {
    {"TAIPEI, Taiwan (AP) - Taiwan's main opposition party picked a new leader.", "AP"},
    {"WELLINGTON (Reuters) Prime Minister Chris Hipkins said on Monday the budget would wait.", "Reuters"},
    {"LONDON, March 3 (Reuters) - British retail sales rose more than expected.", "Reuters"},
    {"PARIS ( AFP ) \xe2\x80\x94 Farmers blocked the ring road for a third day.", "AFP"},
    {"GENEVA (AP/Reuters) \xe2\x80\x93 Talks resumed behind closed doors.", "AP"},
    {"Kempten (dpa) - Ein Lastwagen ist auf der A7 umgekippt.", "dpa"},
    {"MADRID, 3 mar (EFE).- El Gobierno aprob\xc3\xb3 el decreto.", "EFE"},
    {"ROMA (ANSA) - Il consiglio dei ministri ha approvato la legge.", "ANSA"},
    /* not datelines */
    {"The agency (AP) said nothing more about the case on Tuesday.", NULL},
    {"Police said the driver (AP Photo/Jane Roe) \xe2\x80\x94 was not hurt.", NULL},
    {"Officials in Lagos (Nigeria) said the port would reopen.", NULL},
    {"The results (Reuters) were not published, she said.", NULL},
  };
  for (size_t i = 0; i < sizeof dl / sizeof *dl; i++) {
    const char *w = pith_line_dateline_wire(dl[i].line, strlen(dl[i].line), NULL, NULL);
    if (dl[i].wire) STR_EQ(w ? w : "(none)", dl[i].wire);
    else if (w) {
      fprintf(stderr, "  false dateline wire %s in: %s\n", w, dl[i].line);
      CHECK(w == NULL);
    }
  }
  static const struct { const char *line, *wire; } ln[] = {
    {"Copyright 2008 The Associated Press. All rights reserved.", "AP"},
    {"(c) Reuters 2008", "Reuters"},
    {"\xc2\xa9 AP", "AP"},
    {"\xc2\xa9 dpa-infocom, dpa:240305-99-112233/4", "dpa"},
    {"\xc2\xa9 2024 Daily Courier. All rights reserved.", NULL},
    {"Photo: \xc2\xa9 AP", NULL},
    {"The Associated Press contributed to this report.", "AP"},
    {"Associated Press writer Jane Roe in Denver contributed to this report.", "AP"},
    {"Mit Material von dpa", "dpa"},
    {"Con informaci\xc3\xb3n de EFE", "EFE"},
    {"(Reporting by Ana Silva in Lisbon; Additional reporting by Tom Reed; Editing by Mark Hale)", "Reuters"},
    {"Jane Roe and Tom Reed contributed reporting.", NULL},
  };
  /* credit lines of their own */
  static const struct { const char *line, *wire; } cl[] = {
    {"Avec AFP", "AFP"},
    {"This report by The Canadian Press was first published March 3, 2024.", "CP"},
    {"This report by our newsroom was first published March 3, 2024.", NULL},
  };
  for (size_t i = 0; i < sizeof cl / sizeof *cl; i++) {
    int k = pith_line_kind(cl[i].line, strlen(cl[i].line));
    if (!cl[i].wire) {
      CHECK(k != PITH_LINE_WIRE_CREDIT);
      continue;
    }
    INT_EQ(k, PITH_LINE_WIRE_CREDIT);
    pith_arena a;
    pith_arena_init(&a, 0);
    pith_meta m;
    memset(&m, 0, sizeof m);
    CHECK(pith_line_take(&m, &a, k, cl[i].line, strlen(cl[i].line)) >= 0);
    STR_EQ(m.f[PITH_F_WIRE].ptr ? m.f[PITH_F_WIRE].ptr : "(none)", cl[i].wire);
    pith_arena_free(&a);
  }
  STR_EQ(pith_wire_exact("PA Political Correspondent", 26), "PA");
  CHECK(pith_wire_exact("Political Correspondent", 23) == NULL);
  for (size_t i = 0; i < sizeof ln / sizeof *ln; i++) {
    pith_arena a;
    pith_arena_init(&a, 0);
    pith_meta m;
    memset(&m, 0, sizeof m);
    int k = pith_line_kind(ln[i].line, strlen(ln[i].line));
    CHECK(k == PITH_LINE_COPYRIGHT || k == PITH_LINE_CONTRIBUTORS);
    CHECK(pith_line_take(&m, &a, k, ln[i].line, strlen(ln[i].line)) >= 0);
    if (ln[i].wire) STR_EQ(m.f[PITH_F_WIRE].ptr ? m.f[PITH_F_WIRE].ptr : "(none)", ln[i].wire);
    else CHECK(m.f[PITH_F_WIRE].ptr == NULL);
    if (!ln[i].wire && m.f[PITH_F_WIRE].ptr) fprintf(stderr, "  false wire from: %s\n", ln[i].line);
    pith_arena_free(&a);
  }
  static const struct { const char *url, *wire; } us[] = {
    {"https://apnews.com/article/bridge-0123", "AP"},
    {"https://www.reuters.com/world/asia/", "Reuters"},
    {"http://user@en.yna.co.kr:8080/view", "Yonhap"},
    {"https://notapnews.com/article/x", NULL},
    {"https://apnews.com.example.org/x", NULL},
    {"apnews.com/article/x", NULL},
  };
  for (size_t i = 0; i < sizeof us / sizeof *us; i++) {
    const char *w = pith_wire_from_url(us[i].url, strlen(us[i].url));
    if (us[i].wire) STR_EQ(w ? w : "(none)", us[i].wire);
    else CHECK(w == NULL);
  }
}

/* ---- the pipeline through the public API ------------------------------------ */

static char *S_slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *p = malloc((size_t)n + 1);
  if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
    free(p);
    p = NULL;
  }
  fclose(f);
  if (p) {
    p[n] = 0;
    *len = (size_t)n;
  }
  return p;
}

static pith_str F(const pith_doc *d, pith_field f) { return pith_doc_field(d, f); }

static void test_seed(void) {
  size_t len;
  char *src = S_slurp(PITH_TEST_DATA "/textpages/cnn-wire-local-tv/source.txt", &len);
  CHECK(src != NULL);
  if (!src) return;
  pith_options o;
  pith_options_init(&o);
  o.flags |= PITH_OPT_EXPLAIN;
  pith_extractor *x = pith_extractor_new(&o);
  const pith_doc *d = NULL;
  INT_EQ(pith_clean_text(x, src, len, &d), PITH_OK);
  CHECK(d != NULL);
  if (d) {
    INT_EQ(pith_doc_block_count(d), 21);
    SPAN_EQ(F(d, PITH_F_TITLE).ptr, F(d, PITH_F_TITLE).len,
            "China rolls out the red carpet for key Putin ally as US warns against aiding "
            "Russia’s war");
    SPAN_EQ(F(d, PITH_F_BYLINE).ptr, F(d, PITH_F_BYLINE).len, "Simone McCarthy, CNN");
    SPAN_EQ(F(d, PITH_F_WIRE).ptr, F(d, PITH_F_WIRE).len, "CNN");
    SPAN_EQ(F(d, PITH_F_WIRE_CREDIT).ptr, F(d, PITH_F_WIRE_CREDIT).len, "The-CNN-Wire");
    SPAN_EQ(F(d, PITH_F_DISTRIBUTOR).ptr, F(d, PITH_F_DISTRIBUTOR).len, "CNN Newsource");
    SPAN_EQ(F(d, PITH_F_SECTION).ptr, F(d, PITH_F_SECTION).len, "CNN - Asia/Pacific");
    SPAN_EQ(F(d, PITH_F_SITE_NAME).ptr, F(d, PITH_F_SITE_NAME).len, "News Channel 3-12");
    INT_EQ(pith_doc_list_count(d, PITH_L_CONTRIBUTORS), 5);
    INT_EQ(pith_doc_list_count(d, PITH_L_AUTHORS), 1);
    INT_EQ(pith_doc_list_count(d, PITH_L_COMMENTS), 0);
    pith_str e = pith_doc_explain(d);
    CHECK(e.len > 0 && S_memmem(e.ptr, e.len, "drop\tchrome:skip-link\tSkip to Content", 37) != NULL);
    pith_str t = pith_doc_text(d);
    CHECK(S_memmem(t.ptr, t.len, "Skip to", 7) == NULL);
    CHECK(S_memmem(t.ptr, t.len, "Community Guidelines", 20) == NULL);
  }
  pith_extractor_free(x);
  free(src);
}

/* Every fixture: the text is what expected.txt says (the Python checker
 * does this too; here it runs under the sanitizers). */
static void test_fixtures(void) {
  static const char *names[] = {"cnn-wire-local-tv", "ap-wire-local-tv", "blog-with-comments",
                                "de-regional-news", "fr-news-inline-teaser", "es-news-c4-lines",
                                "zh-city-news", "reuters-wire-portal", "it-news-teasers",
                                "ru-city-news", "press-release-hard-wrapped",
                                "blog-with-comments", "recipe-blog-cookie-banner",
                                "tech-news-newsletter-box", "pt-news-photo-credit", "ar-news",
                                "feature-two-authors-tags", "section-front-no-story"};
  pith_options o;
  pith_options_init(&o);
  pith_extractor *x = pith_extractor_new(&o);
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    char p1[512], p2[512];
    snprintf(p1, sizeof p1, PITH_TEST_DATA "/textpages/%s/source.txt", names[i]);
    snprintf(p2, sizeof p2, PITH_TEST_DATA "/textpages/%s/expected.txt", names[i]);
    size_t l1, l2;
    char *src = S_slurp(p1, &l1), *exp = S_slurp(p2, &l2);
    CHECK(src && exp);
    if (src && exp) {
      while (l2 && exp[l2 - 1] == '\n') l2--;
      const pith_doc *d = NULL;
      pith_clean_text(x, src, l1, &d);
      pith_str t = d ? pith_doc_text(d) : (pith_str){"", 0};
      if (!(t.len == l2 && memcmp(t.ptr, exp, l2) == 0)) {
        fprintf(stderr, "fixture %s: text differs\n", names[i]);
        CHECK(0);
      } else {
        CHECK(1);
      }
    }
    free(src);
    free(exp);
  }
  pith_extractor_free(x);
}

static void test_edges(void) {
  pith_options o;
  pith_options_init(&o);
  o.flags |= PITH_OPT_EXPLAIN;
  pith_extractor *x = pith_extractor_new(&o);
  const pith_doc *d;
  INT_EQ(pith_clean_text(x, "", 0, &d), PITH_NO_CONTENT);
  INT_EQ(pith_clean_text(x, "\n\n   \n\t\n", 8, &d), PITH_NO_CONTENT);
  INT_EQ(pith_clean_text(x, "Home\nNews\nSports\nContact", 24, &d), PITH_NO_CONTENT);
  /* CRLF line endings and NUL bytes */
  const char crlf[] = "Skip to content\r\n\r\nA long enough paragraph of story text that goes on "
                      "for a while, with commas, and a full stop at the end of it. It has two "
                      "sentences and plenty of the little words that prose is made of.\r\n\r\n"
                      "Share\r\n";
  CHECK(pith_clean_text(x, crlf, sizeof crlf - 1, &d) == PITH_OK);
  if (d) {
    pith_str t = pith_doc_text(d);
    CHECK(t.len > 50 && memchr(t.ptr, '\r', t.len) == NULL);
    CHECK(S_memmem(t.ptr, t.len, "Share", 5) == NULL);
  }
  const char nul[] = "Story\0text with a NUL byte in the middle of a sentence that is long "
                     "enough to count as prose for the classifier, and then some more words.";
  pith_clean_text(x, nul, sizeof nul - 1, &d);
  /* invalid UTF-8, a very long line, many short lines */
  size_t big = 300000;
  char *b = malloc(big + 1);
  for (size_t i = 0; i < big; i++) b[i] = (char)("ab c\xff\xfe d. \n"[i % 11]);
  b[big] = 0;
  pith_clean_text(x, b, big, &d);
  for (size_t i = 0; i < big; i++) b[i] = (i % 97 == 96) ? '\n' : "the cat sat on it "[i % 18];
  pith_clean_text(x, b, big, &d);
  CHECK(d != NULL);
  free(b);
  pith_extractor_free(x);
}

static void test_alloc_failures(void) {
  size_t len;
  char *src = S_slurp(PITH_TEST_DATA "/textpages/ap-wire-local-tv/source.txt", &len);
  if (!src) return;
  for (unsigned long k = 1; k < 400; k++) {
    pith_options o;
    pith_options_init(&o);
    o.flags |= PITH_OPT_EXPLAIN;
    pith_alloc_fail_after(k);
    pith_extractor *x = pith_extractor_new(&o);
    if (x) {
      const pith_doc *d = NULL;
      pith_status st = pith_clean_text(x, src, len, &d);
      CHECK(st == PITH_OK || st == PITH_ERR_NOMEM || st == PITH_NO_CONTENT || st == PITH_ERR_LIMIT);
      pith_extractor_free(x);
    }
    pith_alloc_fail_after(0);
  }
  free(src);
}

int main(void) {
  RUN(test_line_kinds);
  RUN(test_line_take);
  RUN(test_site_and_dateline);
  RUN(test_wire_shapes);
  RUN(test_seed);
  RUN(test_fixtures);
  RUN(test_edges);
  RUN(test_alloc_failures);
  return REPORT();
}
