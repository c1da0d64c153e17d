/* html5_tokbench.c - micro-benchmark (not a test): the html5 tokenizer
 * against libxml2's htmlReadMemory on the same pages in the same run.
 *
 *   h5_tokbench [DIR [N]]   (DIR defaults to ../shared/bench/data/scrapinghub/html)
 *
 * Loads every DIR/*.html in memory, then N rounds (default 5) of each
 * parser over all pages; prints MB/s for both and the ratio. libxml2
 * builds a tree, the tokenizer only tokenizes: the ratio is an upper bound
 * on what the tokenizer alone buys, not a parser-to-parser figure. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/HTMLparser.h>

#include "html5/tokenizer.h"
#ifdef PITH_H5_TREE
#include "html5/tree.h"
#endif

typedef struct page {
  char *p;
  size_t n;
} page;

static double S_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static size_t tokens;
static int S_emit(void *ctx, h5_tokenizer *t, h5_token *k) {
  (void)ctx;
  tokens++;
  /* what a tree builder does for raw text elements */
  if (k->type == H5_START_TAG && k->data.n >= 5) {
    if ((k->data.n == 6 && !memcmp(k->data.p, "script", 6))) h5_tokenizer_set_state(t, H5_SCRIPT_DATA);
    else if (k->data.n == 5 && (!memcmp(k->data.p, "style", 5) || !memcmp(k->data.p, "title", 5)))
      h5_tokenizer_set_state(t, k->data.p[1] == 't' ? H5_RAWTEXT : H5_RCDATA);
  }
  return 0;
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "../shared/bench/data/scrapinghub/html";
  int rounds = argc > 2 ? atoi(argv[2]) : 5;
  DIR *d = opendir(dir);
  if (!d) { perror(dir); return 2; }
  page *pages = NULL;
  size_t np = 0, cap = 0, total = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t l = strlen(e->d_name);
    if (l < 5 || strcmp(e->d_name + l - 5, ".html")) continue;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    FILE *f = fopen(path, "rb");
    if (!f) continue;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    if (np == cap) { cap = cap ? cap * 2 : 256; pages = realloc(pages, cap * sizeof *pages); }
    pages[np].p = malloc((size_t)n + 1);
    pages[np].n = fread(pages[np].p, 1, (size_t)n, f);
    total += pages[np].n;
    np++;
    fclose(f);
  }
  closedir(d);
  if (!np) { fprintf(stderr, "no pages in %s\n", dir); return 2; }
  double mb = (double)total * rounds / 1e6;

  double t0 = S_now();
  for (int r = 0; r < rounds; r++)
    for (size_t i = 0; i < np; i++) {
      h5_tokenizer t;
      h5_tokenizer_init(&t, pages[i].p, pages[i].n, S_emit, NULL);
      h5_tokenize(&t);
      h5_tokenizer_free(&t);
    }
  double th5 = S_now() - t0;

  t0 = S_now();
  for (int r = 0; r < rounds; r++)
    for (size_t i = 0; i < np; i++) {
      htmlDocPtr doc = htmlReadMemory(pages[i].p, (int)pages[i].n, NULL, "utf-8",
                                      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                      HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
      if (doc) xmlFreeDoc(doc);
    }
  double tx = S_now() - t0;

  printf("%zu pages, %.1f MB x %d rounds\n", np, total / 1e6, rounds);
  printf("html5 tokenizer   %8.1f MB/s  %8.0f pages/s  (%zu tokens/round)\n", mb / th5,
         np * rounds / th5, tokens / (size_t)rounds);
#ifdef PITH_H5_TREE
  t0 = S_now();
  for (int r = 0; r < rounds; r++)
    for (size_t i = 0; i < np; i++) {
      h5_doc *doc = h5_parse(pages[i].p, pages[i].n);
      h5_doc_free(doc);
    }
  double tt = S_now() - t0;
  printf("html5 tree build  %8.1f MB/s  %8.0f pages/s\n", mb / tt, np * rounds / tt);
#endif
  printf("libxml2 htmlRead  %8.1f MB/s  %8.0f pages/s\n", mb / tx, np * rounds / tx);
  printf("ratio tokenizer / libxml2: %.2fx\n", tx / th5);
#ifdef PITH_H5_TREE
  printf("ratio tree build / libxml2: %.2fx\n", tx / tt);
#endif
  for (size_t i = 0; i < np; i++) free(pages[i].p);
  free(pages);
  return 0;
}
