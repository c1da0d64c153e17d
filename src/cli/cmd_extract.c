/* cmd_extract.c - pith extract: HTML pages to articles. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
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
    "read standard input. Many files are handled in one process.\n"
    "\n"
    "Output:\n"
    "  -f, --format FMT      text (default), markdown, json or jsonl. jsonl writes\n"
    "                        one line per input with \"id\" = the file name without\n"
    "                        directory and extension; json writes one object per\n"
    "                        input. Fields: id, text, url, title, authors, byline,\n"
    "                        date, date_modified, site_name, lang, section, tags,\n"
    "                        wire, wire_credit, distributor, copyright,\n"
    "                        contributors, description, image, comments, status,\n"
    "                        message, source (where each field came from).\n"
    "  -o, --output FILE     write to FILE instead of standard output\n"
    "      --explain         print, for each block, whether it was kept or\n"
    "                        dropped and why (to stderr; text/markdown output) or\n"
    "                        as an \"explain\" field (json/jsonl)\n"
    "  -q, --quiet           do not report pages without an article on stderr\n"
    "\n"
    "Extraction:\n"
    "  -u, --url URL         the page's address (used for the canonical URL and\n"
    "                        site fallbacks); with several files it applies to all\n"
    "      --content-type CT HTTP Content-Type of the page, for its charset\n"
    "      --comments        also extract reader comments into \"comments\"\n"
    "      --no-tables       drop tables from the text\n"
    "      --precision       drop borderline blocks (captions, short lines)\n"
    "      --recall          keep borderline blocks\n"
    "      --no-meta         skip metadata extraction\n"
    "      --parse-only      parse the pages and print nothing (benchmarking)\n"
    "\n"
    "Limits (a limit that is hit is reported for that page, never silent):\n"
    "      --max-input SIZE  largest page read (default 64M; k/M/G suffixes)\n"
    "      --max-nodes N     most DOM nodes per page (default 2000000)\n"
    "      --max-depth N     deeper elements are flattened, text kept (default 2048)\n"
    "\n"
    "  -h, --help            show this help\n"
    "\n"
    "Exit status: 0 every page was read (pages without an article included);\n"
    "1 some pages failed (unreadable file, limit hit, ...: each is reported on\n"
    "stderr and the others are still written); 2 usage error or output error.\n"
    "\n"
    "Examples:\n"
    "  pith extract page.html\n"
    "  curl -s https://example.com/story | pith extract -u https://example.com/story -f json\n"
    "  pith extract -f jsonl pages/*.html > articles.jsonl\n";

typedef struct opts {
  cli_common c; /* --format, --output, --explain, --quiet, ... */
  const char *url;
  const char *ctype;
  int parse_only;
} opts;

static pith_status S_extract_doc(void *ctx, pith_extractor *x, const char *buf, size_t len,
                                 const pith_doc **doc) {
  const opts *o = ctx;
  return pith_extract(x, buf, len, o->url, o->ctype, doc);
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
  const char **files;
  int nfiles;
  int pr = cli_parse_args(argc, argv, "extract", S_help, &o.c, S_opt, &o, &files, &nfiles);
  if (pr) return pr > 0 ? PITH_EXIT_OK : PITH_EXIT_USAGE;

  pith_extractor *x = pith_extractor_new(&o.c.po);
  if (!x) {
    cli_err("out of memory");
    free(files);
    return PITH_EXIT_USAGE;
  }
  int rc = cli_run_files(files, nfiles, x, &o.c, S_extract_doc, &o, !o.parse_only);
  pith_extractor_free(x);
  free(files);
  return rc;
}
