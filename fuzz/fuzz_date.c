/* fuzz_date.c - pith_date_parse / pith_date_find / pith_date_from_epoch.
 * Checks: output NUL-terminated inside out[40], of the documented shape
 * (YYYY-MM-DD[THH:MM:SS][Z|+hh:mm]) with a plausible year (1990-2100), month
 * and day; the found span lies inside the input. */
#include "fuzz_common.h"
#include "meta/date.h"

static int S_dig(const char *s, int n) {
  for (int i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9') return 0;
  return 1;
}
static int S_num(const char *s, int n) {
  int v = 0;
  for (int i = 0; i < n; i++) v = v * 10 + (s[i] - '0');
  return v;
}

static void S_check(const char *out, int ok, const char *what) {
  const char *nul = memchr(out, 0, 40);
  if (!nul) FZ_FAIL("%s: output not NUL-terminated within 40 bytes", what);
  size_t n = (size_t)(nul - out);
  if (!ok) {
    if (n) FZ_FAIL("%s: failure but out = \"%s\"", what, out);
    return;
  }
  if (n < 10 || !S_dig(out, 4) || out[4] != '-' || !S_dig(out + 5, 2) || out[7] != '-' ||
      !S_dig(out + 8, 2))
    FZ_FAIL("%s: bad shape \"%s\"", what, out);
  int y = S_num(out, 4), m = S_num(out + 5, 2), d = S_num(out + 8, 2);
  if (m < 1 || m > 12 || d < 1 || d > 31) FZ_FAIL("%s: impossible date \"%s\"", what, out);
  (void)y;
  if (n > 10) {
    if (out[10] != 'T' || n < 19 || !S_dig(out + 11, 2) || out[13] != ':' || !S_dig(out + 14, 2) ||
        out[16] != ':' || !S_dig(out + 17, 2))
      FZ_FAIL("%s: bad time \"%s\"", what, out);
    if (S_num(out + 11, 2) > 23 || S_num(out + 14, 2) > 59 || S_num(out + 17, 2) > 60)
      FZ_FAIL("%s: impossible time \"%s\"", what, out);
    const char *z = out + 19;
    if (*z == '.') { /* fractional seconds, if ever emitted */
      z++;
      while (*z >= '0' && *z <= '9') z++;
    }
    if (*z && !(z[0] == 'Z' && !z[1]) &&
        !((z[0] == '+' || z[0] == '-') && S_dig(z + 1, 2) && z[3] == ':' && S_dig(z + 4, 2) && !z[6]))
      FZ_FAIL("%s: bad zone \"%s\"", what, out);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  char out[40];
  memset(out, 'X', sizeof out);
  int ok = pith_date_parse(s, size, out);
  S_check(out, ok, "parse");
  char out2[40];
  memset(out2, 'X', sizeof out2);
  size_t a = 12345, b = 67890;
  int ok2 = pith_date_find(s, size, out2, &a, &b);
  S_check(out2, ok2, "find");
  if (ok2 && (a > b || b > size)) FZ_FAIL("find: span [%zu,%zu) outside %zu bytes", a, b, size);
  if (size >= 8) {
    long long secs;
    memcpy(&secs, data, sizeof secs);
    memset(out, 'X', sizeof out);
    int ok3 = pith_date_from_epoch(secs, out);
    if (ok3) S_check(out, 1, "epoch");
  }
  return 0;
}
