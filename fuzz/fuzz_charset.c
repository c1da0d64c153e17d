/* fuzz_charset.c - pith_charset_decode and the label/prescan helpers.
 * Input: [ct-len] content-type bytes [scratch-cap] page bytes...
 * Checks the decode contract: the result is valid UTF-8 without NUL bytes,
 * or NULL with scratch.err = LIMIT/NOMEM; the name is a NUL-terminated
 * string within 32 bytes; the source one of bom/http/meta/sniff. */
#include "fuzz_common.h"
#include "input/charset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = {data, size};
  size_t ctn = fz_u8(&f) % 64;
  if (ctn > f.n) ctn = f.n;
  char ct[64];
  memcpy(ct, f.p, ctn);
  ct[ctn] = 0;
  f.p += ctn;
  f.n -= ctn;
  unsigned capsel = fz_u8(&f);
  const char *in = (const char *)f.p;
  size_t n = f.n;

  pith_buf scratch;
  pith_buf_init(&scratch, (capsel & 0x80) ? (size_t)(capsel & 0x7f) * 8 + 1 : 0);
  char name[32];
  memset(name, 'X', sizeof name);
  const char *src = NULL;
  size_t olen = 0;
  const char *out = pith_charset_decode(in, n, (capsel & 0x40) ? NULL : ct, &scratch, &olen, name,
                                        &src);
  if (out) {
    fz_check_utf8("decoded", out, olen, 1);
    if (!memchr(name, 0, 32)) FZ_FAIL("name not NUL-terminated");
    if (src && strcmp(src, "bom") && strcmp(src, "http") && strcmp(src, "meta") && strcmp(src, "sniff"))
      FZ_FAIL("source \"%s\"", src);
  } else if (scratch.err != PITH_ERR_LIMIT && scratch.err != PITH_ERR_NOMEM) {
    FZ_FAIL("NULL with scratch.err %d", scratch.err);
  }
  char nm[32];
  memset(nm, 'X', sizeof nm);
  if (pith_charset_from_content_type(ct, ctn, nm) && !memchr(nm, 0, 32)) FZ_FAIL("ct name");
  if (pith_charset_label(ct, ctn, nm) && !memchr(nm, 0, 32)) FZ_FAIL("label name");
  if (pith_charset_prescan(in, n, nm) && !memchr(nm, 0, 32)) FZ_FAIL("prescan name");
  pith_buf_free(&scratch);
  return 0;
}
