/* fuzz_lines.c - line-level metadata of text mode (text/lines.h): the
 * byline/date/wire/copyright/contributors/section/tags classifier and the
 * fact takers, on one line or short block of (valid UTF-8) text.
 * Checks: kinds in range, names non-NULL, spans inside the input, fields
 * and lists valid UTF-8. */
#include "fuzz_common.h"
#include "text/lines.h"

static int S_inside(const char *p, size_t n, const char *lo, size_t ln) {
  if (!p) return n == 0;
  uintptr_t a = (uintptr_t)p, l = (uintptr_t)lo;
  return a >= l && a - l <= ln && n <= ln - (a - l);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  pith_buf in;
  pith_buf_init(&in, 0);
  if (pith_utf8_sanitize(&in, (const char *)data, size) || pith_buf_nul(&in)) FZ_FAIL("sanitize");
  const char *s = in.p ? in.p : "";
  size_t n = in.len;
  int kind = pith_line_kind(s, n);
  if (kind < 0 || kind >= PITH_LINE_COUNT) FZ_FAIL("kind %d", kind);
  if (!pith_line_kind_name(kind)) FZ_FAIL("no name for kind %d", kind);
  pith_arena a;
  pith_arena_init(&a, 0);
  pith_meta m;
  memset(&m, 0, sizeof m);
  for (int k = 1; k < PITH_LINE_COUNT; k++) {
    int r = pith_line_take(&m, &a, k, s, n);
    if (r < 0 && r != -PITH_ERR_NOMEM) FZ_FAIL("take %d returned %d", k, r);
  }
  for (int i = 0; i < PITH_F_COUNT; i++)
    if (m.f[i].ptr) fz_check_utf8("field", m.f[i].ptr, m.f[i].len, 1);
  for (int l = 0; l < PITH_L_COUNT; l++)
    for (size_t i = 0; i < m.l[l].n; i++) fz_check_utf8("list", m.l[l].v[i].ptr, m.l[l].v[i].len, 1);
  const char *credit = NULL;
  size_t cl = 0;
  if (pith_line_dateline_wire(s, n, &credit, &cl) && !S_inside(credit, cl, s, n))
    FZ_FAIL("credit outside the line");
  const char *site = NULL;
  size_t sl = pith_line_site_name(s, n, &site);
  if (sl && !S_inside(site, sl, s, n)) FZ_FAIL("site name outside the line");
  (void)pith_line_is_org_name(s, n);
  pith_arena_free(&a);
  pith_buf_free(&in);
  return 0;
}
