/* fuzz_byline.c - pith_byline_parse and its helpers.
 * Input: [cap] byline...  cap picks the size of the caller's buffer for
 * pith_byline_clean / pith_byline_name (exact-size heap buffers, so ASan
 * sees any write past cap). Checks: results NUL-terminated, length < cap,
 * fields and authors valid UTF-8. */
#include "fuzz_common.h"
#include "meta/byline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = {data, size};
  size_t cap = 1 + fz_u8(&f) * 2;
  /* bylines reach the parser as decoded text: valid UTF-8, no NUL */
  pith_buf in;
  pith_buf_init(&in, 0);
  if (pith_utf8_sanitize(&in, (const char *)f.p, f.n) || pith_buf_nul(&in)) FZ_FAIL("sanitize");
  const char *s = in.p ? in.p : "";
  size_t n = in.len;

  pith_arena a;
  pith_arena_init(&a, 0);
  pith_meta m;
  memset(&m, 0, sizeof m);
  int r = pith_byline_parse(s, n, &m, &a, PITH_PRI_DOM, "dom");
  if (r < 0 && r != -PITH_ERR_NOMEM) FZ_FAIL("pith_byline_parse returned %d", r);
  for (int i = 0; i < PITH_F_COUNT; i++)
    if (m.f[i].ptr) fz_check_utf8("field", m.f[i].ptr, m.f[i].len, 1);
  for (int l = 0; l < PITH_L_COUNT; l++)
    for (size_t i = 0; i < m.l[l].n; i++) fz_check_utf8("list", m.l[l].v[i].ptr, m.l[l].v[i].len, 1);
  if (r > 0 && (size_t)r > m.l[PITH_L_AUTHORS].n + 16) FZ_FAIL("%d authors reported", r);

  char *buf = malloc(cap);
  size_t cn = pith_byline_clean(s, n, buf, cap);
  if (cn >= cap) FZ_FAIL("clean: length %zu >= cap %zu", cn, cap);
  if (buf[cn] != 0) FZ_FAIL("clean: not NUL-terminated");
  pith_byline_is_person(s, n);
  pith_byline_is_person(buf, cn);
  size_t nn = pith_byline_name(s, n, buf, cap);
  if (nn >= cap) FZ_FAIL("name: length %zu >= cap %zu", nn, cap);
  free(buf);
  pith_arena_free(&a);
  pith_buf_free(&in);
  return 0;
}
