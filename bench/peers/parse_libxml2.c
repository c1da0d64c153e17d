/* parse_libxml2 - libxml2's HTML parser alone, as a floor for pith's speed.
 *
 *   parse_libxml2 [--sax] OUT.jsonl FILE...
 *
 * Loads every FILE first, then times only the parse loop: by default
 * htmlReadMemory builds libxml2's tree (freed at once); --sax runs the push
 * of the same parser with every callback empty, which is what pith's own
 * parse stage costs before it builds its DOM (src/parse/sax.c). The options
 * are pith's: recover, no errors or warnings, no network, no default DTD,
 * no implied elements, huge input allowed. The pages are handed over as
 * UTF-8 (every page of the bench sets is). Writes {"id","text":""} lines
 * (nothing to score: the file only proves every page was seen) and one JSON
 * line of figures on stdout, as pith_lib does. Never installed. */
#define _POSIX_C_SOURCE 200809L
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "pages.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

static const int S_OPTIONS = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                             HTML_PARSE_NONET | HTML_PARSE_NODEFDTD | HTML_PARSE_NOIMPLIED |
                             XML_PARSE_HUGE;

static void S_silent(void *ctx, const char *msg, ...) {
  (void)ctx;
  (void)msg;
}

/* One page through the SAX interface with no callbacks doing anything. */
static int S_parse_sax(const page *pg) {
  htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(pg->data, (int)pg->len);
  if (!ctxt) return -1;
  xmlSAXHandler *sax = (xmlSAXHandler *)ctxt->sax;
  memset(sax, 0, sizeof *sax);
  sax->warning = S_silent;
  sax->error = S_silent;
  sax->fatalError = S_silent;
  sax->initialized = 1;
  htmlCtxtUseOptions(ctxt, S_OPTIONS | HTML_PARSE_IGNORE_ENC);
  xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
  htmlParseDocument(ctxt);
  int bad = ctxt->errNo == XML_ERR_NO_MEMORY;
  if (ctxt->myDoc) xmlFreeDoc(ctxt->myDoc);
  ctxt->myDoc = NULL;
  htmlFreeParserCtxt(ctxt);
  return bad ? -1 : 0;
}

static int S_parse_tree(const page *pg) {
  htmlDocPtr doc = htmlReadMemory(pg->data, (int)pg->len, NULL, "UTF-8", S_OPTIONS);
  if (!doc) return -1;
  xmlFreeDoc(doc);
  return 0;
}

int main(int argc, char **argv) {
  int sax = 0, i = 1;
  if (i < argc && strcmp(argv[i], "--sax") == 0) {
    sax = 1;
    i++;
  }
  if (argc - i < 2) {
    fprintf(stderr, "usage: parse_libxml2 [--sax] OUT.jsonl FILE...\n");
    return 2;
  }
  const char *out = argv[i++];
  size_t np = (size_t)(argc - i), bytes;
  page *pages = S_load_all(argv + i, np, &bytes);
  if (!pages) return 1;
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  long rss_load = ru.ru_maxrss;
  xmlInitParser();

  size_t failures = 0;
  double c0 = S_secs(CLOCK_PROCESS_CPUTIME_ID), w0 = S_secs(CLOCK_MONOTONIC);
  for (size_t k = 0; k < np; k++) {
    if (pages[k].len > INT32_MAX || (sax ? S_parse_sax(&pages[k]) : S_parse_tree(&pages[k])) != 0)
      failures++;
  }
  double cpu = S_secs(CLOCK_PROCESS_CPUTIME_ID) - c0, wall = S_secs(CLOCK_MONOTONIC) - w0;

  membuf buf = {0};
  for (size_t k = 0; k < np; k++) {
    /* ids are file stems: no character of them needs JSON escaping */
    if (S_sink(&buf, "{\"id\":\"", 7) || S_sink(&buf, pages[k].id, strlen(pages[k].id)) ||
        S_sink(&buf, "\",\"text\":\"\"}\n", 13))
      return 1;
  }
  if (S_write_file(out, &buf) != 0) {
    fprintf(stderr, "parse_libxml2: cannot write %s\n", out);
    return 1;
  }
  getrusage(RUSAGE_SELF, &ru);
  printf("{\"pages\":%zu,\"bytes\":%zu,\"cpu\":%.6f,\"wall\":%.6f,\"failures\":%zu,"
         "\"rss_kb\":%ld,\"rss_load_kb\":%ld}\n",
         np, bytes, cpu, wall, failures, ru.ru_maxrss, rss_load);
  S_free_all(pages, np);
  free(buf.p);
  xmlCleanupParser();
  return 0;
}
