/* pages.h - what the C bench runners share: load every page into memory
 * before the clock starts, name it as truth.jsonl does, read the clocks.
 * Header-only (static functions) so each runner stays one file. */
#ifndef PITH_BENCH_PAGES_H
#define PITH_BENCH_PAGES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct page {
  char *id;
  char *data;
  size_t len;
} page;

typedef struct membuf {
  char *p;
  size_t n, cap;
} membuf;

static inline int S_sink(void *ud, const char *p, size_t n) {
  membuf *b = ud;
  if (b->n + n > b->cap) {
    size_t cap = b->cap ? b->cap : 1 << 20;
    while (cap < b->n + n) cap *= 2;
    char *q = realloc(b->p, cap);
    if (!q) return 1;
    b->p = q;
    b->cap = cap;
  }
  memcpy(b->p + b->n, p, n);
  b->n += n;
  return 0;
}

static inline double S_secs(clockid_t c) {
  struct timespec t;
  clock_gettime(c, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* "dir/abc.html" -> "abc" */
static inline char *S_stem(const char *path) {
  const char *b = strrchr(path, '/');
  b = b ? b + 1 : path;
  size_t n = strlen(b);
  if (n > 5 && strcmp(b + n - 5, ".html") == 0) n -= 5;
  else if (n > 4 && strcmp(b + n - 4, ".txt") == 0) n -= 4;
  char *s = malloc(n + 1);
  if (!s) return NULL;
  memcpy(s, b, n);
  s[n] = '\0';
  return s;
}

static inline int S_load(const char *path, page *pg) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  size_t cap = 1 << 16, n = 0;
  char *p = malloc(cap);
  size_t k;
  while (p && (k = fread(p + n, 1, cap - n, f)) > 0) {
    n += k;
    if (n == cap) {
      char *q = realloc(p, cap * 2);
      if (!q) {
        free(p);
        p = NULL;
        break;
      }
      p = q;
      cap *= 2;
    }
  }
  int bad = ferror(f);
  fclose(f);
  if (!p || bad) {
    free(p);
    return -1;
  }
  pg->data = p;
  pg->len = n;
  pg->id = S_stem(path);
  return pg->id ? 0 : -1;
}

/* Every file of paths[0..n) into memory; NULL (with a message) when one
 * cannot be read. *bytes receives the total size. */
static inline page *S_load_all(char **paths, size_t n, size_t *bytes) {
  page *pages = calloc(n ? n : 1, sizeof *pages);
  if (!pages) return NULL;
  *bytes = 0;
  for (size_t k = 0; k < n; k++) {
    if (S_load(paths[k], &pages[k]) != 0) {
      fprintf(stderr, "bench: cannot read %s\n", paths[k]);
      return NULL;
    }
    *bytes += pages[k].len;
  }
  return pages;
}

static inline void S_free_all(page *pages, size_t n) {
  for (size_t k = 0; k < n; k++) {
    free(pages[k].data);
    free(pages[k].id);
  }
  free(pages);
}

/* Write the whole buffer to path; 0 on success. */
static inline int S_write_file(const char *path, const membuf *b) {
  FILE *f = fopen(path, "wb");
  if (!f) return -1;
  int bad = b->n && fwrite(b->p, 1, b->n, f) != b->n;
  if (fclose(f) != 0) bad = 1;
  return bad ? -1 : 0;
}

#endif
