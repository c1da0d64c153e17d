/* test_byline.c - bylines, people vs organisations, wire services. */
#include <stdlib.h>

#include "harness.h"
#include "meta/byline.h"
#include "meta/meta.h"
#include "meta/wire.h"

static pith_arena A;
static pith_meta M;

static int B(const char *s) {
  pith_arena_reset(&A);
  memset(&M, 0, sizeof M);
  return pith_byline_parse(s, strlen(s), &M, &A, PITH_PRI_DOM, "dom");
}
static const char *F(pith_field f) { return M.f[f].ptr; }
static const char *AU(size_t i) { return i < M.l[PITH_L_AUTHORS].n ? M.l[PITH_L_AUTHORS].v[i].ptr : NULL; }

static void test_forms(void) {
  INT_EQ(B("By Simone McCarthy, CNN"), 1);
  STR_EQ(F(PITH_F_BYLINE), "Simone McCarthy, CNN");
  STR_EQ(AU(0), "Simone McCarthy");
  STR_EQ(F(PITH_F_WIRE), "CNN");
  STR_EQ(M.src[PITH_F_BYLINE], "dom");

  INT_EQ(B("By ABBY GOODNOUGH and JOHN DOE"), 2);
  STR_EQ(AU(0), "Abby Goodnough");
  STR_EQ(AU(1), "John Doe");
  CHECK(F(PITH_F_WIRE) == NULL);

  INT_EQ(B("Jane Roe | Reuters"), 1);
  STR_EQ(AU(0), "Jane Roe");
  STR_EQ(F(PITH_F_WIRE), "Reuters");

  INT_EQ(B("Von Anna Schmidt, dpa"), 1);
  STR_EQ(F(PITH_F_BYLINE), "Anna Schmidt, dpa");
  STR_EQ(AU(0), "Anna Schmidt");
  STR_EQ(F(PITH_F_WIRE), "dpa");

  INT_EQ(B("Par Jean Dupont"), 1);
  STR_EQ(F(PITH_F_BYLINE), "Jean Dupont");
  INT_EQ(B("Door Jan de Vries"), 1);
  STR_EQ(AU(0), "Jan de Vries");
  INT_EQ(B("Por Mar\xc3\xad" "a L\xc3\xb3pez y Juan P\xc3\xa9rez"), 2);
  STR_EQ(AU(1), "Juan P\xc3\xa9rez");

  INT_EQ(B("Staff Report"), 0);
  STR_EQ(F(PITH_F_BYLINE), "Staff Report");
  CHECK(AU(0) == NULL);

  INT_EQ(B("Jane Roe\nPublished 3:04 PM EST, Tue February 28, 2023"), 1);
  STR_EQ(F(PITH_F_BYLINE), "Jane Roe");
  STR_EQ(AU(0), "Jane Roe");

  INT_EQ(B("By\n\t\t\tScott Cunningham"), 1);
  STR_EQ(F(PITH_F_BYLINE), "Scott Cunningham");
  INT_EQ(B("By Nathan Willis\n      March 25, 2015"), 1);
  STR_EQ(F(PITH_F_BYLINE), "Nathan Willis");
  INT_EQ(B("By Jane Roe on March 3, 2023 at 10:00 am"), 1);
  STR_EQ(F(PITH_F_BYLINE), "Jane Roe");
  INT_EQ(B("Jane Roe \xc2\xb7 5 min read"), 1);
  STR_EQ(F(PITH_F_BYLINE), "Jane Roe");
  INT_EQ(B("Updated 10:22 AM ET, Tue July 4, 2023\nBy Jane Roe, CNN"), 1);
  STR_EQ(F(PITH_F_BYLINE), "Jane Roe, CNN");
  INT_EQ(B("Carrie ArnoldNovember 15, 2019"), 1);
  STR_EQ(AU(0), "Carrie Arnold");
}

static void test_people(void) {
  INT_EQ(B("The Associated Press"), 0);
  STR_EQ(F(PITH_F_WIRE), "AP");
  STR_EQ(F(PITH_F_BYLINE), "The Associated Press");
  INT_EQ(B("By Jane Roe, Associated Press Writer"), 1);
  STR_EQ(F(PITH_F_WIRE), "AP");
  INT_EQ(B("LISA MASCARO, MARY CLARE JALONICK and ERIC TUCKER Associated Press"), 3);
  STR_EQ(AU(2), "Eric Tucker");
  STR_EQ(F(PITH_F_WIRE), "AP");
  INT_EQ(B("Martin Untersinger (avec Damien Leloup et Morgane Tual)"), 3);
  STR_EQ(AU(2), "Morgane Tual");
  INT_EQ(B("Bradley M. Kuhn (http://ebb.org/bkuhn/)"), 1);
  STR_EQ(AU(0), "Bradley M. Kuhn");
  INT_EQ(B("Jong, Michiel de"), 1);
  STR_EQ(AU(0), "Michiel de Jong");
  INT_EQ(B("Written by Rob Ewaschuk\nEdited by Betsy Beyer"), 2);
  STR_EQ(AU(1), "Betsy Beyer");
  INT_EQ(B("Editorial Board"), 0);
  INT_EQ(B("News Desk"), 0);
  INT_EQ(B("Tanza Loudenback, Business Insider"), 1);
  INT_EQ(B("Analysis by Chris Cillizza, CNN Editor-at-large"), 1);
  STR_EQ(AU(0), "Chris Cillizza");
  INT_EQ(B("By SÉBASTIEN O'BRIEN-SMITH"), 1);
  STR_EQ(AU(0), "S\xc3\xa9" "bastien O'Brien-Smith");
  INT_EQ(B("\xe8\x82\x96\xe6\x98\xa5\xe8\x8a\xb3"), 1);
  INT_EQ(B(""), 0);
  CHECK(F(PITH_F_BYLINE) == NULL);
  INT_EQ(B("By"), 0);
  CHECK(F(PITH_F_BYLINE) == NULL);
  INT_EQ(B("March 3, 2023"), 0);
  CHECK(F(PITH_F_BYLINE) == NULL);

  CHECK(pith_byline_is_person("Jane Roe", 8));
  CHECK(!pith_byline_is_person("click here to read more", 23));
  CHECK(!pith_byline_is_person("jane@example.com", 16));
  CHECK(!pith_byline_is_person("Staff Writer", 12));
  CHECK(!pith_byline_is_person("Los Angeles Times", 17));
  CHECK(pith_meta_is_org_name("Associated Press", 16));
  CHECK(pith_meta_is_org_name("The Guardian", 12));
  CHECK(!pith_meta_is_org_name("Jane Roe", 8));

  char nb[64];
  size_t n = pith_byline_name("Rachael Link, MS, RD", 20, nb, sizeof nb);
  SPAN_EQ(nb, n, "Rachael Link");
  n = pith_byline_name("Jane Roe, PhD", 13, nb, sizeof nb);
  SPAN_EQ(nb, n, "Jane Roe");
  n = pith_byline_name("JOE HILDEBRAND", 14, nb, sizeof nb);
  SPAN_EQ(nb, n, "Joe Hildebrand");
  n = pith_byline_name("Jane Roe (@janeroe)", 19, nb, sizeof nb);
  SPAN_EQ(nb, n, "Jane Roe");
  n = pith_byline_name("Jane Roe", 8, nb, 4);
  CHECK(n == 3 && nb[3] == 0);
}

static void test_priority(void) {
  pith_arena_reset(&A);
  memset(&M, 0, sizeof M);
  CHECK(pith_byline_parse("By Jane Roe", 11, &M, &A, PITH_PRI_META, "meta") == 1);
  /* a weaker source changes nothing */
  CHECK(pith_byline_parse("By John Doe", 11, &M, &A, PITH_PRI_TEXT, "text") == 1);
  STR_EQ(F(PITH_F_BYLINE), "Jane Roe");
  INT_EQ(M.l[PITH_L_AUTHORS].n, 1);
  STR_EQ(AU(0), "Jane Roe");
  /* a stronger one replaces both */
  CHECK(pith_byline_parse("By John Doe", 11, &M, &A, PITH_PRI_JSONLD, "json-ld") == 1);
  STR_EQ(F(PITH_F_BYLINE), "John Doe");
  INT_EQ(M.l[PITH_L_AUTHORS].n, 1);
  STR_EQ(M.lsrc[PITH_L_AUTHORS], "json-ld");
}

static void test_wire(void) {
  static const struct { const char *s, *want; } v[] = {
    {"The-CNN-Wire", "CNN"}, {"CNN Newsource", "CNN"}, {"Associated Press", "AP"}, {"(AP)", "AP"},
    {"AP Photo/John Minchillo", "AP"}, {"Thomson Reuters", "Reuters"}, {"REUTERS", "Reuters"},
    {"Agence France-Presse", "AFP"}, {"AFP", "AFP"}, {"Bloomberg News", "Bloomberg"},
    {"Deutsche Presse-Agentur", "dpa"}, {"dpa", "dpa"}, {"United Press International", "UPI"},
    {"UPI", "UPI"}, {"Xinhua", "Xinhua"}, {"PA Media", "PA"}, {"PA", "PA"}, {"ANSA", "ANSA"},
    {"EFE", "EFE"}, {"Kyodo News", "Kyodo"}, {"Tribune Content Agency", "Tribune Content Agency"},
    {"States Newsroom", "States Newsroom"}, {"The Conversation", "The Conversation"},
    {"By Jane Roe, AP", "AP"}, {"APPLE", NULL}, {"map", NULL}, {"Ap", NULL}, {"snap", NULL},
    {"a conversation", NULL}, {"Pittsburgh, PA", NULL}, {"CNNMoney", NULL}, {"", NULL},
    {"Jane Roe", NULL}, {"Paper", NULL},
  };
  for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) STR_EQ(pith_wire_lookup(v[i].s, strlen(v[i].s)), v[i].want);
  STR_EQ(pith_wire_exact("The Associated Press", 20), "AP");
  STR_EQ(pith_wire_exact("Jane Roe, AP", 12), NULL);
  CHECK(pith_wire_lookup(NULL, 0) == NULL);
  size_t a, b;
  const char *s = "ERIC TUCKER Associated Press";
  STR_EQ(pith_wire_find(s, strlen(s), &a, &b), "AP");
  SPAN_EQ(s + a, b - a, "Associated Press");
}

static void test_pathological(void) {
  /* a megabyte byline: capped, no crash, linear */
  size_t n = 1 << 20;
  char *s = malloc(n + 1);
  for (size_t i = 0; i < n; i++) s[i] = "By Jane Roe and 12/12/2023 "[i % 27];
  s[n] = 0;
  pith_arena_reset(&A);
  memset(&M, 0, sizeof M);
  int r = pith_byline_parse(s, n, &M, &A, PITH_PRI_DOM, "dom");
  CHECK(r >= 0);
  memset(s, '(', n);
  r = pith_byline_parse(s, n, &M, &A, PITH_PRI_DOM, "dom");
  CHECK(r >= 0);
  CHECK(pith_wire_lookup(s, n) == NULL);
  free(s);
}

int main(void) {
  pith_arena_init(&A, 0);
  RUN(test_forms);
  RUN(test_people);
  RUN(test_priority);
  RUN(test_wire);
  RUN(test_pathological);
  pith_arena_free(&A);
  return REPORT();
}
