/* fuzz_clean.c - text mode (pith_clean_text), options from the input.
 * Input: [flags][mode][n-lo][n-hi] text...   mode bit 0: allocation failure
 * at the n-th allocation must give PITH_ERR_NOMEM; bit 1: small output and
 * input limits; bit 2: fresh-extractor differential. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = {data, size};
  unsigned flags = fz_u8(&f), mode = fz_u8(&f), failn = fz_u16(&f);
  pith_options o;
  pith_options_init(&o);
  o.flags = flags & 0x3f;
  if (mode & 2) {
    o.max_output_bytes = 1 + (flags >> 6) * 40;
    o.max_input_bytes = (mode & 8) ? 64 : 0;
  }
  const char *t = (const char *)f.p;
  size_t len = f.n;
  pith_extractor *x = pith_extractor_new(&o);
  if (!x) FZ_FAIL("pith_extractor_new failed");
  const pith_doc *d = NULL;
  pith_status st;
  if ((mode & 1) && failn) {
    pith_alloc_fail_after(failn);
    st = pith_clean_text(x, t, len, &d);
    unsigned long cnt = pith_alloc_count();
    pith_alloc_fail_after(0);
    if (cnt >= failn && st != PITH_ERR_NOMEM)
      FZ_FAIL("allocation %u failed but pith_clean_text returned %d", failn, (int)st);
    if (d) fz_check_doc(d);
  }
  st = pith_clean_text(x, t, len, &d);
  if (st == PITH_ERR_NOMEM) FZ_FAIL("NOMEM without injection");
  if (d) fz_check_doc(d);
  else if (st == PITH_OK || st == PITH_NO_CONTENT) FZ_FAIL("status %d without a document", (int)st);
  if (mode & 4) {
    fz_sink a = {0}, b = {0};
    if (d) pith_render(d, PITH_FMT_JSONL, "x", fz_sink_fn, &a);
    pith_extractor *x2 = pith_extractor_new(&o);
    const pith_doc *d2 = NULL;
    pith_status st2 = pith_clean_text(x2, t, len, &d2);
    if (d2) pith_render(d2, PITH_FMT_JSONL, "x", fz_sink_fn, &b);
    if (st2 != st || a.len != b.len || (a.len && memcmp(a.p, b.p, a.len)))
      FZ_FAIL("text mode differs on a fresh extractor");
    free(a.p);
    free(b.p);
    pith_extractor_free(x2);
  }
  pith_extractor_free(x);
  return 0;
}
