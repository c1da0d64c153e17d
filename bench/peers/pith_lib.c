/* pith_lib - time libpith in process, the way a program linking it would run.
 *
 *   pith_lib [--parse-only|--clean] [--cap SECONDS] OUT.jsonl FILE...
 *
 * Reads every FILE into memory first, then times only the loop of
 * pith_extract (+ pith_render into a memory buffer, since the document is
 * gone at the next call) over all of them, and writes the JSONL (id = the
 * file's name without ".html" or ".txt", as truth.jsonl keys pages) after
 * the clock stops. --clean runs pith_clean_text on flattened text instead.
 * Prints one JSON line of figures on stdout:
 *   {"pages":N,"bytes":B,"cpu":S,"wall":S,"failures":F,"rss_kb":K,"rss_load_kb":K}
 * (rss_load_kb: the peak once every page is loaded, before the loop)
 * A page pith refuses (any status but ok / no content) counts as a failure;
 * --cap sets pith's own per-page time budget (a page over it fails).
 * This is a bench helper, not part of libpith: it is never installed. */
#define _POSIX_C_SOURCE 200809L
#include <pith.h>

#include "pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

int main(int argc, char **argv) {
  int parse_only = 0, clean = 0, i = 1;
  double cap = 0;
  for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
    if (strcmp(argv[i], "--parse-only") == 0) {
      parse_only = 1;
    } else if (strcmp(argv[i], "--clean") == 0) {
      clean = 1;
    } else if (strcmp(argv[i], "--cap") == 0 && i + 1 < argc) {
      cap = atof(argv[++i]);
    } else {
      fprintf(stderr, "pith_lib: unknown option %s\n", argv[i]);
      return 2;
    }
  }
  if (argc - i < 2) {
    fprintf(stderr, "usage: pith_lib [--parse-only|--clean] [--cap S] OUT.jsonl FILE...\n");
    return 2;
  }
  const char *out = argv[i++];
  size_t np = (size_t)(argc - i);
  size_t bytes;
  page *pages = S_load_all(argv + i, np, &bytes);
  if (!pages) return 1;
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  long rss_load = ru.ru_maxrss;

  pith_options o;
  pith_options_init(&o);
  if (parse_only) o.flags |= PITH_OPT_PARSE_ONLY;
  if (cap > 0) o.time_budget_sec = cap;
  pith_extractor *x = pith_extractor_new(&o);
  if (!x) return 1;
  membuf buf = {0};
  size_t failures = 0;

  double c0 = S_secs(CLOCK_PROCESS_CPUTIME_ID), w0 = S_secs(CLOCK_MONOTONIC);
  for (size_t k = 0; k < np; k++) {
    const pith_doc *d = NULL;
    pith_status st = clean ? pith_clean_text(x, pages[k].data, pages[k].len, &d)
                           : pith_extract(x, pages[k].data, pages[k].len, NULL, NULL, &d);
    if (st != PITH_OK && st != PITH_NO_CONTENT) failures++;
    /* a failed page still gets a line (its text empty), as the CLI writes */
    if (d && !parse_only) {
      if (pith_render(d, PITH_FMT_JSONL, pages[k].id, S_sink, &buf) != PITH_OK) return 1;
    }
  }
  double cpu = S_secs(CLOCK_PROCESS_CPUTIME_ID) - c0, wall = S_secs(CLOCK_MONOTONIC) - w0;

  if (S_write_file(out, &buf) != 0) {
    fprintf(stderr, "pith_lib: cannot write %s\n", out);
    return 1;
  }
  getrusage(RUSAGE_SELF, &ru);
  printf("{\"pages\":%zu,\"bytes\":%zu,\"cpu\":%.6f,\"wall\":%.6f,\"failures\":%zu,"
         "\"rss_kb\":%ld,\"rss_load_kb\":%ld}\n",
         np, bytes, cpu, wall, failures, ru.ru_maxrss, rss_load);
  pith_extractor_free(x);
  S_free_all(pages, np);
  free(buf.p);
  return 0;
}
