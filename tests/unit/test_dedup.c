/* test_dedup.c - near-duplicate clusters. */
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"
#include "pith.h"

/* A story of n sentences drawn from a topic's own words with a fixed
 * pseudo-random sequence; variant v rewrites sentence v (0 = none). */
static char *story(int topic, int n, int variant, const char *chrome) {
  static const char *const words[4][12] = {
    {"harbor", "council", "ferry", "dock", "fishermen", "permit", "tide", "breakwater",
     "vote", "mayor", "budget", "pier"},
    {"reservoir", "drought", "farmers", "pipeline", "rainfall", "pumps", "valley", "irrigation",
     "engineers", "canal", "rationing", "wells"},
    {"library", "readers", "books", "volunteers", "branch", "evening", "children", "shelves",
     "archive", "donors", "catalog", "hours"},
    {"researchers", "glacier", "samples", "laboratory", "climate", "ice", "survey", "satellite",
     "students", "expedition", "sediment", "models"}};
  size_t cap = 16384;
  char *b = malloc(cap);
  size_t k = (size_t)snprintf(b, cap, "%s", chrome ? chrome : "");
  unsigned x = 12345u + (unsigned)topic * 7919u;
  for (int i = 1; i <= n; i++) {
    k += (size_t)snprintf(b + k, cap - k, "The");
    for (int w = 0; w < 9; w++) {
      x = x * 1103515245u + 12345u;
      k += (size_t)snprintf(b + k, cap - k, " %s", words[topic][(x >> 16) % 12]);
    }
    if (i == variant) k += (size_t)snprintf(b + k, cap - k, " with a late amendment nobody expected");
    k += (size_t)snprintf(b + k, cap - k, ". ");
  }
  return b;
}

static void test_near_duplicates(void) {
  pith_dedup *d = pith_dedup_new();
  CHECK(d != NULL);
  size_t i0, i1, i2, i3, i4;
  char *a = story(0, 30, 0, NULL);
  char *a_copy = story(0, 30, 0, "KXYZ Channel 5 | Weather | Sports\n");  /* same story, other site */
  char *a_edit = story(0, 30, 12, NULL);                                     /* one sentence edited */
  char *b = story(1, 30, 0, NULL);                                           /* another story */
  char *c = story(2, 30, 0, NULL);
  INT_EQ(pith_dedup_add(d, a, strlen(a), &i0), PITH_OK);
  INT_EQ(pith_dedup_add(d, b, strlen(b), &i1), PITH_OK);
  INT_EQ(pith_dedup_add(d, a_copy, strlen(a_copy), &i2), PITH_OK);
  INT_EQ(pith_dedup_add(d, a_edit, strlen(a_edit), &i3), PITH_OK);
  INT_EQ(pith_dedup_add(d, c, strlen(c), &i4), PITH_OK);
  INT_EQ(i0, 0);
  INT_EQ(i4, 4);
  INT_EQ(pith_dedup_count(d), 5);
  INT_EQ(pith_dedup_cluster(d, i2), i0); /* named by its first document */
  INT_EQ(pith_dedup_cluster(d, i3), i0);
  INT_EQ(pith_dedup_cluster(d, i1), i1);
  INT_EQ(pith_dedup_cluster(d, i4), i4);
  INT_EQ(pith_dedup_cluster_size(d, i0), 3);
  INT_EQ(pith_dedup_cluster_size(d, i1), 1);
  INT_EQ(pith_dedup_cluster(d, 99), (size_t)-1);
  free(a); free(a_copy); free(a_edit); free(b); free(c);
  pith_dedup_free(d);
}

static void test_no_signature(void) {
  /* item 38: shorter than a shingle, or nothing but numbers and punctuation */
  pith_dedup *d = pith_dedup_new();
  size_t i;
  INT_EQ(pith_dedup_add(d, "Too short here.", 15, &i), PITH_NO_CONTENT);
  INT_EQ(pith_dedup_add(d, "Too short here.", 15, &i), PITH_NO_CONTENT);
  INT_EQ(pith_dedup_cluster(d, 1), 1); /* identical, but never clustered */
  const char *nums = "2024 - 11 - 27 ... 12:30 $4.50 (99%) -- *** ### 1 2 3 4 5 6 7 8 9";
  INT_EQ(pith_dedup_add(d, nums, strlen(nums), &i), PITH_NO_CONTENT);
  INT_EQ(pith_dedup_add(d, nums, strlen(nums), &i), PITH_NO_CONTENT);
  INT_EQ(pith_dedup_cluster(d, 3), 3);
  INT_EQ(pith_dedup_add(d, "", 0, &i), PITH_NO_CONTENT);
  INT_EQ(pith_dedup_add(d, NULL, 0, &i), PITH_NO_CONTENT);
  INT_EQ(pith_dedup_add(d, NULL, 5, &i), PITH_ERR_ARG);
  INT_EQ(pith_dedup_count(d), 6);
  pith_dedup_free(d);
}

static void test_scripts(void) {
  /* CJK text has no spaces: each character is a word */
  const char *zh1 = "市图书馆今天宣布将在新建住宅小区配套建设阅读空间力争到年底实现城乡公共阅读服务网络全覆盖";
  const char *zh2 = "本报讯市图书馆今天宣布将在新建住宅小区配套建设阅读空间力争到年底实现城乡公共阅读服务网络全覆盖";
  const char *de = "Die Stadtbibliothek hat am Dienstag angekündigt, in neuen Wohngebieten Leseräume "
                   "einzurichten, damit bis Ende des Jahres jeder Stadtteil versorgt ist.";
  pith_dedup *d = pith_dedup_new();
  size_t a, b, c;
  INT_EQ(pith_dedup_add(d, zh1, strlen(zh1), &a), PITH_OK);
  INT_EQ(pith_dedup_add(d, zh2, strlen(zh2), &b), PITH_OK);
  INT_EQ(pith_dedup_add(d, de, strlen(de), &c), PITH_OK);
  INT_EQ(pith_dedup_cluster(d, b), a);
  INT_EQ(pith_dedup_cluster(d, c), c);
  pith_dedup_free(d);
}

static void test_many_copies(void) {
  /* item 39 (scaled for a unit test): one giant bucket, memory O(n) */
  pith_dedup *d = pith_dedup_new();
  char *a = story(3, 10, 0, NULL);
  size_t n = strlen(a), idx = 0;
  int ok = 1;
  for (int k = 0; k < 100000; k++) ok &= pith_dedup_add(d, a, n, &idx) == PITH_OK;
  CHECK(ok);
  INT_EQ(pith_dedup_cluster(d, 99999), 0);
  INT_EQ(pith_dedup_cluster_size(d, 5), 100000);
  free(a);
  pith_dedup_free(d);
}

int main(void) {
  RUN(test_near_duplicates);
  RUN(test_no_signature);
  RUN(test_scripts);
  RUN(test_many_copies);
  return REPORT();
}
