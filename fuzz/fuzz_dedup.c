/* fuzz_dedup.c - pith_dedup_add / _cluster / _cluster_size.
 * The input is split at 0xFF bytes into documents; each is added twice.
 * Checks: indexes count up from 0; a document with a signature clusters with
 * its own copy; one without (PITH_NO_CONTENT) never does; the cluster of a
 * document is never a later document; cluster sizes add up to the count. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  pith_dedup *d = pith_dedup_new();
  if (!d) return 0;
  size_t start = 0, expect = 0;
  for (size_t i = 0; i <= size; i++) {
    if (i < size && data[i] != 0xFF) continue;
    const char *doc = (const char *)data + start;
    size_t n = i - start;
    size_t a = 0, b = 0;
    pith_status s1 = pith_dedup_add(d, doc, n, &a);
    pith_status s2 = pith_dedup_add(d, doc, n, &b);
    if (s1 != s2) FZ_FAIL("same text, different status %d / %d", (int)s1, (int)s2);
    if (s1 != PITH_OK && s1 != PITH_NO_CONTENT) FZ_FAIL("status %d", (int)s1);
    if (a != expect || b != expect + 1) FZ_FAIL("indexes %zu %zu, want %zu", a, b, expect);
    expect += 2;
    size_t ca = pith_dedup_cluster(d, a), cb = pith_dedup_cluster(d, b);
    if (s1 == PITH_OK && ca != cb) FZ_FAIL("a copy is not in its original's cluster");
    if (s1 == PITH_NO_CONTENT && (cb != b || pith_dedup_cluster_size(d, b) != 1))
      FZ_FAIL("a document without signature was clustered");
    start = i + 1;
  }
  size_t n = pith_dedup_count(d), total = 0;
  if (n != expect) FZ_FAIL("count %zu, want %zu", n, expect);
  for (size_t i = 0; i < n; i++) {
    size_t c = pith_dedup_cluster(d, i);
    if (c > i) FZ_FAIL("cluster %zu of document %zu is a later document", c, i);
    if (c == i) total += pith_dedup_cluster_size(d, i);
  }
  if (total != n) FZ_FAIL("cluster sizes add up to %zu of %zu", total, n);
  pith_dedup_free(d);
  return 0;
}
