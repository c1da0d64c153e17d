/* tok_harness.c - drives the html5 tokenizer for tokenizer_test.py.
 *
 * Reads requests from stdin, each "STATE LASTLEN INLEN\n" followed by the
 * last start tag name (LASTLEN bytes) and the input (INLEN bytes); writes
 * the tokens as html5lib-format JSON arrays, one per line, then "#END". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html5/tokenizer.h"

static void S_json_str(h5_str s) {
  putchar('"');
  for (size_t i = 0; i < s.n; i++) {
    unsigned char c = (unsigned char)s.p[i];
    if (c == '"' || c == '\\') printf("\\%c", c);
    else if (c < 0x20 || c == 0x7F) printf("\\u%04x", c);
    else putchar(c);
  }
  putchar('"');
}

static int S_emit(void *ctx, h5_tokenizer *t, h5_token *k) {
  (void)ctx; (void)t;
  switch (k->type) {
  case H5_CHARS:
    fputs("[\"Character\",", stdout); S_json_str(k->data); puts("]");
    break;
  case H5_START_TAG:
    fputs("[\"StartTag\",", stdout); S_json_str(k->data); fputs(",{", stdout);
    for (size_t i = 0; i < k->nattrs; i++) {
      if (i) putchar(',');
      S_json_str(k->attrs[i].name); putchar(':'); S_json_str(k->attrs[i].value);
    }
    putchar('}');
    if (k->self_closing) fputs(",true", stdout);
    puts("]");
    break;
  case H5_END_TAG:
    fputs("[\"EndTag\",", stdout); S_json_str(k->data); puts("]");
    break;
  case H5_COMMENT:
    fputs("[\"Comment\",", stdout); S_json_str(k->data); puts("]");
    break;
  case H5_DOCTYPE:
    fputs("[\"DOCTYPE\",", stdout);
    if (k->has_name) S_json_str(k->data); else fputs("null", stdout);
    putchar(',');
    if (k->has_public) S_json_str(k->public_id); else fputs("null", stdout);
    putchar(',');
    if (k->has_system) S_json_str(k->system_id); else fputs("null", stdout);
    printf(",%s]\n", k->force_quirks ? "false" : "true");
    break;
  default:
    break;
  }
  return 0;
}

int main(void) {
  int state;
  size_t ll, il;
  while (scanf("%d %zu %zu", &state, &ll, &il) == 3) {
    if (getchar() != '\n') return 2;
    char *last = malloc(ll + 1), *in = malloc(il + 1);
    if (!last || !in) return 2;
    if (fread(last, 1, ll, stdin) != ll || fread(in, 1, il, stdin) != il) return 2;
    h5_tokenizer t;
    h5_tokenizer_init(&t, in, il, S_emit, NULL);
    h5_tokenizer_set_state(&t, state);
    if (ll) h5_tokenizer_set_last_start_tag(&t, last, ll);
    int r = h5_tokenize(&t);
    printf("#END %d %zu\n", r, t.errors);
    fflush(stdout);
    h5_tokenizer_free(&t);
    free(last);
    free(in);
  }
  return 0;
}
