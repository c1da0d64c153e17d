/* fuzz_extract.c - HTML extraction (pith_extract), options from the input.
 *
 * Input layout: [flags][limits-a][limits-b][content-type][url][mode][n-lo][n-hi] html...
 *   flags    PITH_OPT_* bits (PARSE_ONLY only when limits-a bit 7 is set too)
 *   limits   pick small values for the node/depth/attribute/output/JSON-LD/
 *            input/memory limits, so every limit path is reached
 *   mode     bit 0: inject an allocation failure at the n-th allocation and
 *                   require PITH_ERR_NOMEM (libxml2's failure-report check),
 *                   then require the same extractor to still work;
 *            bit 1: differential - a fresh extractor must give byte-identical
 *                   JSONL (no state leaks between documents). */
#include "fuzz_common.h"

static const size_t S_nodes[] = {0, 1, 7, 100};
static const size_t S_depth[] = {0, 1, 3, 16};
static const size_t S_attr[] = {0, 1, 8, 100};
static const size_t S_output[] = {0, 1, 16, 200};
static const size_t S_jbytes[] = {0, 10, 100, 1000};
static const size_t S_jdepth[] = {0, 1, 2, 5};
static const size_t S_input[] = {0, 0, 16, 1000};
static const size_t S_mem[] = {0, 0, 70000, 200000};

static char *S_render(const pith_doc *d, size_t *n) {
  fz_sink s = {0};
  if (!d || pith_render(d, PITH_FMT_JSONL, "x", fz_sink_fn, &s) != PITH_OK || s.nomem) {
    free(s.p);
    *n = 0;
    return NULL;
  }
  *n = s.len;
  return s.p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = {data, size};
  unsigned flags = fz_u8(&f), la = fz_u8(&f), lb = fz_u8(&f);
  unsigned ct = fz_u8(&f), url = fz_u8(&f), mode = fz_u8(&f);
  unsigned failn = fz_u16(&f);
  pith_options o;
  pith_options_init(&o);
  o.flags = flags & 0x3f;
  if ((flags & 0x40) && (la & 0x80)) o.flags |= PITH_OPT_PARSE_ONLY;
  if (la & 0x40) {
    o.max_nodes = S_nodes[la & 3];
    o.max_depth = S_depth[(la >> 2) & 3];
    o.max_attr_bytes = S_attr[(la >> 4) & 3];
  }
  if (lb & 0x80) {
    o.max_output_bytes = S_output[lb & 3];
    o.max_jsonld_bytes = S_jbytes[(lb >> 2) & 3];
    o.max_jsonld_depth = S_jdepth[(lb >> 4) & 3];
  }
  if ((lb & 0xC0) == 0x40) {
    o.max_input_bytes = S_input[lb & 3];
    o.max_memory_bytes = S_mem[(lb >> 2) & 3];
  }
  const char *ctype = fz_ctypes[ct % FZ_NCTYPES];
  const char *u = fz_urls[url % FZ_NURLS];
  const char *html = (const char *)f.p;
  size_t len = f.n;

  pith_extractor *x = pith_extractor_new(&o);
  if (!x) FZ_FAIL("pith_extractor_new failed");
  const pith_doc *d = NULL;
  pith_status st;
  if ((mode & 1) && failn) {
    pith_alloc_fail_after(failn);
    st = pith_extract(x, html, len, u, ctype, &d);
    unsigned long cnt = pith_alloc_count();
    pith_alloc_fail_after(0);
    if (cnt >= failn && st != PITH_ERR_NOMEM)
      FZ_FAIL("allocation %u failed but pith_extract returned %d (%s)", failn, (int)st,
              pith_status_str(st));
    if (st == PITH_ERR_NOMEM && d) FZ_FAIL("NOMEM with a document");
    if (d) fz_check_doc(d);
  }
  st = pith_extract(x, html, len, u, ctype, &d);
  if (st == PITH_ERR_NOMEM && !o.max_memory_bytes) FZ_FAIL("NOMEM without injection");
  if (d) {
    if (pith_doc_status(d) != st) FZ_FAIL("status %d but doc says %d", st, pith_doc_status(d));
    fz_check_doc(d);
  } else if (st == PITH_OK || st == PITH_NO_CONTENT) {
    FZ_FAIL("status %d without a document", (int)st);
  }
  if (mode & 2) {
    size_t n1, n2;
    char *r1 = S_render(d, &n1);
    pith_extractor *x2 = pith_extractor_new(&o);
    if (!x2) FZ_FAIL("pith_extractor_new failed");
    const pith_doc *d2 = NULL;
    pith_status st2 = pith_extract(x2, html, len, u, ctype, &d2);
    char *r2 = S_render(d2, &n2);
    if (st2 != st) FZ_FAIL("status %d vs %d on a fresh extractor", (int)st, (int)st2);
    if (n1 != n2 || (n1 && memcmp(r1, r2, n1)))
      FZ_FAIL("output differs on a fresh extractor:\n%.*s\n%.*s", (int)n1, r1 ? r1 : "",
              (int)n2, r2 ? r2 : "");
    free(r1);
    free(r2);
    pith_extractor_free(x2);
  }
  pith_extractor_free(x);
  return 0;
}
