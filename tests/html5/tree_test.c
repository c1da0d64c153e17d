/* tree_test.c - html5lib-tests tree-construction/ *.dat through h5_parse.
 *
 *   h5_tree_test DIR [KNOWN_FAILURES] [-v]
 *
 * Runs the document cases (not #document-fragment) with the scripting flag
 * off and on (only the one a #script-on/#script-off case names), compares
 * the html5lib tree dump, prints the pass count and every failing
 * case as "file.dat #N"; fails when a failing case is not listed in
 * KNOWN_FAILURES (lines "tree file.dat #N<TAB>reason"). Exit 77 when DIR
 * has no .dat files. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html5/tree.h"

static char *S_slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long l = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *p = malloc((size_t)l + 1);
  if (!p) { fclose(f); return NULL; }
  *n = fread(p, 1, (size_t)l, f);
  p[*n] = 0;
  fclose(f);
  return p;
}

static int S_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static char *known;  /* KNOWN_FAILURES contents */

static int S_known(const char *key) {
  if (!known) return 0;
  char pat[400];
  snprintf(pat, sizeof pat, "\ntree %s\t", key);
  return strstr(known, pat) != NULL;
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: h5_tree_test DIR [KNOWN_FAILURES] [-v]\n"); return 2; }
  if (h5_tree_selfcheck()) { fprintf(stderr, "tag table out of order at %d\n", h5_tree_selfcheck()); return 1; }
  int verbose = argc > 3 && !strcmp(argv[3], "-v");
  if (argc > 2) {
    size_t kn;
    char *k = S_slurp(argv[2], &kn);
    if (k) {
      known = malloc(kn + 2);
      known[0] = '\n';
      memcpy(known + 1, k, kn + 1);
      free(k);
    }
  }
  DIR *d = opendir(argv[1]);
  if (!d) { printf("%s absent: skipped\n", argv[1]); return 77; }
  char *names[512];
  int nn = 0;
  struct dirent *e;
  while ((e = readdir(d)) && nn < 512) {
    size_t l = strlen(e->d_name);
    if (l > 4 && !strcmp(e->d_name + l - 4, ".dat")) names[nn++] = strdup(e->d_name);
  }
  closedir(d);
  if (!nn) { printf("no .dat files in %s: skipped\n", argv[1]); return 77; }
  qsort(names, (size_t)nn, sizeof *names, S_cmp);
  int total = 0, passed = 0, skipped = 0, unexpected = 0;
  for (int f = 0; f < nn; f++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", argv[1], names[f]);
    size_t n;
    char *txt = S_slurp(path, &n);
    if (!txt) continue;
    int idx = 0;
    char *p = txt;
    while ((p = strstr(p, "#data\n")) != NULL) {
      if (p != txt && p[-1] != '\n') { p += 6; continue; }
      char *data = p + 6;
      char *next = strstr(data, "\n\n#data\n");
      char *end = next ? next + 1 : txt + n;
      idx++;
      char *errs = strstr(data, "\n#errors\n");
      char *doc = strstr(data, "\n#document\n");
      if (!errs || errs > end) { p = end; continue; }
      int frag = 0, script_on = 0, script_off = 0;
      for (char *q = errs; q && q < end; q = strchr(q + 1, '\n')) {
        if (!strncmp(q, "\n#document-fragment", 19)) frag = 1;
        if (!strncmp(q, "\n#script-on", 11)) script_on = 1;
        if (!strncmp(q, "\n#script-off", 12)) script_off = 1;
      }
      if (frag || !doc || doc > end) { skipped++; p = end; continue; }
      size_t dlen = (size_t)(errs - data);
      char *want = doc + 11;
      size_t wlen = (size_t)(end - want);
      while (wlen && want[wlen - 1] == '\n') wlen--;
      /* a case without #script-on/off holds with the flag either way */
      for (int scripting = 0; scripting < 2; scripting++) {
      if ((scripting && script_off) || (!scripting && script_on)) continue;
      total++;
      h5_doc *dom = h5_parse_ex(data, dlen, scripting ? H5_SCRIPTING : 0);
      char *got = NULL;
      size_t glen = 0;
      if (dom) h5_doc_dump(dom, &got, &glen);
      while (glen && got[glen - 1] == '\n') glen--;
      if (got && glen == wlen && !memcmp(got, want, wlen)) {
        passed++;
      } else {
        char key[300];
        snprintf(key, sizeof key, "%s #%d%s", names[f], idx, scripting ? " script-on" : "");
        int k = S_known(key);
        if (!k) unexpected++;
        printf("%s %s\n", k ? "known" : "FAIL", key);
        if (verbose || !k) {
          printf("  data: %.*s\n  want:\n%.*s\n  got:\n%.*s\n", (int)dlen, data, (int)wlen, want,
                 (int)glen, got ? got : "");
        }
      }
      free(got);
      h5_doc_free(dom);
      }
      p = end;
    }
    free(txt);
    free(names[f]);
  }
  printf("html5lib tree-construction: %d/%d runs passed (%.2f%%; each case with the scripting flag off and\n"
         "  on unless it says #script-on/#script-off), %d #document-fragment cases skipped\n",
         passed, total, total ? 100.0 * passed / total : 0.0, skipped);
  free(known);
  return unexpected ? 1 : 0;
}
