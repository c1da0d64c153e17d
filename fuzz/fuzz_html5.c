/* fuzz_html5.c - libFuzzer target for the html5 tokenizer and tree builder
 * (built by fuzz/CMakeLists.txt with the other targets; `make fuzz`):
 *
 *   build-fuzz/fuzz_html5 -max_len=65536 corpus/
 *
 * The first byte picks the tokenizer's initial state for a bare
 * tokenization; the whole input is then parsed into a tree (scripting flag
 * on when the first byte has bit 0x40) and dumped. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html5/tokenizer.h"
#include "html5/tree.h"

static int S_emit(void *ctx, h5_tokenizer *t, h5_token *k) {
  size_t *sum = ctx;
  (void)t;
  *sum += k->data.n + k->nattrs;
  for (size_t i = 0; i < k->nattrs; i++) *sum += k->attrs[i].name.n + k->attrs[i].value.n;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size) {
    size_t sum = 0;
    h5_tokenizer t;
    h5_tokenizer_init(&t, (const char *)data + 1, size - 1, S_emit, &sum);
    h5_tokenizer_set_state(&t, data[0] % 6);
    if (data[0] & 0x80) h5_tokenizer_set_last_start_tag(&t, "script", 6);
    h5_tokenize(&t);
    h5_tokenizer_free(&t);
  }
  h5_doc *d = h5_parse_ex((const char *)data, size, size && (data[0] & 0x40) ? H5_SCRIPTING : 0);
  if (d) {
    char *out = NULL;
    size_t n = 0;
    if (h5_doc_dump(d, &out, &n) == 0) free(out);
    h5_doc_free(d);
  }
  return 0;
}
