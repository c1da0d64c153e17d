/* cmd_extract.c - pith extract: HTML pages to articles. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/util.h"

static const char S_help[] =
    "Usage: pith extract [OPTIONS] [FILE...|-]\n"
    "\n"
    "Extract the article from each HTML page: its text, paragraph by paragraph,\n"
    "without navigation, share bars, teasers, newsletter boxes, comment prompts\n"
    "or footers; and its metadata (title, authors, date, site, language, canonical\n"
    "URL, section, tags, wire service, ...). With no FILE, or when FILE is -,\n"
    "read standard input. Many files are handled in one process. A file that is\n"
    "not text (an image, a program, random bytes) is refused and reported; a\n"
    "FILE.gz / .zst / .br is decoded first.\n"
    "\n"
    "Extraction:\n"
    "  -u, --url URL         the page's address: the record's \"url\" (and the base\n"
    "                        for the canonical URL and site fallbacks)\n"
    "      --content-type CT HTTP Content-Type of the page, for its charset\n"
    "      --content-encoding CE  the page still carries this HTTP content coding\n"
    "                        (gzip, deflate, zstd, br): decode it first\n"
    "      --comments        also extract reader comments into \"comments\"\n"
    "      --no-tables       drop tables from the text\n"
    "      --parse-only      parse the pages and print nothing (benchmarking)\n"
    "      --max-nodes N     most DOM nodes per page (default 2000000)\n"
    "      --max-depth N     deeper elements are flattened, text kept (default 2048)\n"
    "\n"
    "%s"
    "\n"
    "JSON fields (README and 'man pith' describe each): id, text, source, url,\n"
    "canonical_url, title, authors, byline, date, date_modified, site_name, lang,\n"
    "section, tags, wire, wire_credit, distributor, copyright, contributors,\n"
    "description, image, comments, status, message, provenance.\n"
    "\n"
    "%s"
    "\n"
    "Examples:\n"
    "  pith extract page.html\n"
    "  curl -s https://example.com/story | pith extract -u https://example.com/story -f json\n"
    "  pith extract -f jsonl -j 2 --input-dir pages/ -o articles.jsonl.zst\n";

typedef struct opts {
  cli_common c; /* --format, --output, --explain, --quiet, ... */
  const char *url;
  const char *ctype;
  const char *cenc;
  int parse_only;
} opts;

static pith_status S_extract_doc(void *ctx, pith_extractor *x, const char *path, const char *buf,
                                 size_t len, const pith_doc **doc) {
  const opts *o = ctx;
  const char *ce = o->cenc ? o->cenc : cli_coding_for(path);
  return pith_extract_encoded(x, buf, len, o->url, o->ctype, ce, doc);
}

/* extract's own options (cli_opt_fn) */
static int S_opt(void *ctx, int argc, char **argv, int *i) {
  opts *o = ctx;
  const char *a = argv[*i], *v;
  if (cli_optis(a, "--url", "-u")) {
    if (!(o->url = cli_optval(argc, argv, i, a))) {
      cli_err("--url needs a value");
      return -1;
    }
  } else if (cli_optis(a, "--content-type", NULL)) {
    if (!(o->ctype = cli_optval(argc, argv, i, a))) {
      cli_err("--content-type needs a value");
      return -1;
    }
  } else if (cli_optis(a, "--content-encoding", NULL)) {
    if (!(o->cenc = cli_optval(argc, argv, i, a))) {
      cli_err("--content-encoding needs a value");
      return -1;
    }
  } else if (!strcmp(a, "--comments")) {
    o->c.po.flags |= PITH_OPT_COMMENTS;
  } else if (!strcmp(a, "--no-tables")) {
    o->c.po.flags |= PITH_OPT_NO_TABLES;
  } else if (!strcmp(a, "--parse-only")) {
    o->parse_only = 1;
    o->c.po.flags |= PITH_OPT_PARSE_ONLY;
  } else if (cli_optis(a, "--max-nodes", NULL)) {
    v = cli_optval(argc, argv, i, a);
    if (!v || cli_parse_uint(v, &o->c.po.max_nodes) || !o->c.po.max_nodes || o->c.po.max_nodes > 0xFFFFFFF0u) {
      cli_err("--max-nodes: expected a positive number, got '%s'", v ? v : "");
      return -1;
    }
  } else if (cli_optis(a, "--max-depth", NULL)) {
    v = cli_optval(argc, argv, i, a);
    if (!v || cli_parse_uint(v, &o->c.po.max_depth) || !o->c.po.max_depth) {
      cli_err("--max-depth: expected a positive number, got '%s'", v ? v : "");
      return -1;
    }
  } else {
    return 0;
  }
  return 1;
}

int pith_cmd_extract(int argc, char **argv) {
  opts o;
  memset(&o, 0, sizeof o);
  pith_options_init(&o.c.po);
  o.c.format = PITH_FMT_TEXT;
  char help[sizeof S_help + 4096 + sizeof PITH_EXIT_HELP];
  snprintf(help, sizeof help, S_help, cli_common_help, PITH_EXIT_HELP);
  char **files;
  int nfiles;
  int pr = cli_parse_args(argc, argv, "extract", help, &o.c, S_opt, &o, &files, &nfiles);
  if (pr) return pr > 0 ? PITH_EXIT_OK : PITH_EXIT_USAGE;
  int rc = cli_run_files(files, nfiles, &o.c, S_extract_doc, &o, !o.parse_only);
  cli_files_free(files, nfiles);
  return rc;
}
