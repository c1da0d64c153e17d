/* tok_patho.c - pathological inputs for the html5 tokenizer.
 *
 * Each input is generated here with the token counts it must give, known
 * from its construction; the test asserts the tokenizer finishes and gives
 * them (no timing: linear time shows as the whole test finishing within
 * CTest's timeout, a quadratic scan over these sizes would not). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html5/tokenizer.h"

typedef struct counts {
  size_t chars_bytes, chars_tokens, start, end, comments, comment_bytes, doctypes, eof;
  size_t max_attrs;
  size_t amp_bytes;  /* '&' bytes in character data */
} counts;

static int S_emit(void *ctx, h5_tokenizer *t, h5_token *k) {
  counts *c = ctx;
  (void)t;
  switch (k->type) {
  case H5_CHARS:
    c->chars_bytes += k->data.n;
    c->chars_tokens++;
    for (size_t i = 0; i < k->data.n; i++) c->amp_bytes += k->data.p[i] == '&';
    break;
  case H5_START_TAG:
    c->start++;
    if (k->nattrs > c->max_attrs) c->max_attrs = k->nattrs;
    if (k->data.n == 6 && memcmp(k->data.p, "script", 6) == 0) h5_tokenizer_set_state(t, H5_SCRIPT_DATA);
    break;
  case H5_END_TAG: c->end++; break;
  case H5_COMMENT: c->comments++; c->comment_bytes += k->data.n; break;
  case H5_DOCTYPE: c->doctypes++; break;
  case H5_EOF: c->eof++; break;
  }
  return 0;
}

static counts S_run(const char *in, size_t n) {
  counts c;
  memset(&c, 0, sizeof c);
  h5_tokenizer t;
  h5_tokenizer_init(&t, in, n, S_emit, &c);
  if (h5_tokenize(&t) != 0) { fprintf(stderr, "tokenize failed\n"); exit(1); }
  h5_tokenizer_free(&t);
  return c;
}

static int fails;
#define CHECK(name, cond)                                           \
  do {                                                              \
    if (!(cond)) { fprintf(stderr, "FAIL %s: %s\n", name, #cond); fails++; } \
    else printf("ok %s\n", name);  \
    fflush(stdout);                                   \
  } while (0)

static char *S_alloc(size_t n) {
  char *p = malloc(n + 1);
  if (!p) { perror("malloc"); exit(1); }
  return p;
}

int main(void) {
  size_t n, i, k;
  char *b;
  counts c;

  /* 50 MB text node with CRLF line ends (folded to LF) */
  n = 50u << 20;
  b = S_alloc(n);
  size_t lines = 0;
  for (i = 0; i < n; i++) {
    if (i % 80 == 78 && i + 1 < n) { b[i++] = '\r'; b[i] = '\n'; lines++; }
    else b[i] = 'x';
  }
  c = S_run(b, n);
  CHECK("50MB text", c.chars_bytes == n - lines && c.chars_tokens == 1 && c.eof == 1);
  /* the same bytes as one unterminated comment, then one unterminated
   * double-quoted attribute value (no token but EOF) */
  memcpy(b, "<!--", 4);
  c = S_run(b, n);
  CHECK("50MB unterminated comment", c.comments == 1 && c.comment_bytes == n - 4 - lines && c.chars_bytes == 0);
  memcpy(b, "<a b=\"", 6);
  c = S_run(b, n);
  CHECK("50MB unterminated attribute", c.start == 0 && c.chars_bytes == 0 && c.eof == 1);
  /* unterminated script with "<!--<script" escapes over and over */
  memcpy(b, "<script>", 8);
  for (i = 8; i + 11 <= n; i += 11) memcpy(b + i, "<!--<script", 11);
  c = S_run(b, i);
  CHECK("script escapes", c.start == 1 && c.chars_bytes == i - 8);
  free(b);

  /* 10^5 attributes, each name twice: half are dropped as duplicates */
  size_t na = 100000;
  n = na * 2 * 12 + 16;
  b = S_alloc(n);
  k = (size_t)sprintf(b, "<p");
  for (size_t rep = 0; rep < 2; rep++)
    for (i = 0; i < na; i++) k += (size_t)sprintf(b + k, " a%zu=v", i);
  k += (size_t)sprintf(b + k, ">");
  c = S_run(b, k);
  CHECK("attribute flood", c.start == 1 && c.max_attrs == na);
  free(b);

  /* 10^6 '<' */
  n = 1000000;
  b = S_alloc(n);
  memset(b, '<', n);
  c = S_run(b, n);
  CHECK("10^6 <", c.chars_bytes == n && c.chars_tokens == 1);
  /* 10^6 '&', "&#", an endless digit run and an endless name */
  memset(b, '&', n);
  c = S_run(b, n);
  CHECK("10^6 &", c.chars_bytes == n && c.amp_bytes == n);
  for (i = 0; i + 2 <= n; i += 2) memcpy(b + i, "&#", 2);
  c = S_run(b, i);
  CHECK("&# flood", c.chars_bytes == i && c.amp_bytes == i / 2);
  b[0] = '&'; b[1] = '#';
  memset(b + 2, '9', n - 2);
  c = S_run(b, n);
  CHECK("endless numeric reference", c.chars_bytes == 3 && c.amp_bytes == 0);  /* U+FFFD */
  b[0] = '&';
  memset(b + 1, 'n', n - 1);
  c = S_run(b, n);
  CHECK("endless name reference", c.chars_bytes == n && c.amp_bytes == 1);
  /* a NUL inside a would-be reference name ends it (fuzzer finding: the
   * NUL matched the terminator of "&lang"'s shorter prefix entries) */
  memcpy(b, "&amp;\0&amp\0x", 12);
  c = S_run(b, 12);
  CHECK("NUL after a reference name", c.chars_bytes == 5 && c.amp_bytes == 2);
  /* "&notin" without ';' repeated: each is &not + "in" */
  for (i = 0; i + 6 <= n; i += 6) memcpy(b + i, "&notin", 6);
  c = S_run(b, i);
  CHECK("&notin flood", c.amp_bytes == 0 && c.chars_bytes == (i / 6) * 4);  /* U+00AC is 2 bytes */
  /* 10^6 / 4 unclosed tags and bogus comments */
  for (i = 0; i + 4 <= n; i += 4) memcpy(b + i, "<b>x", 4);
  c = S_run(b, i);
  CHECK("unclosed tags", c.start == i / 4 && c.chars_bytes == i / 4);
  for (i = 0; i + 4 <= n; i += 4) memcpy(b + i, "<?x>", 4);
  c = S_run(b, i);
  CHECK("bogus comments", c.comments == i / 4);
  for (i = 0; i + 4 <= n; i += 4) memcpy(b + i, "<!--", 4);
  c = S_run(b, i);
  /* each inner "<!--" stays in the data; the last one's "--" is still
   * pending (comment end state) at EOF and is dropped */
  CHECK("nested comment openers", c.comments == 1 && c.comment_bytes == i - 4 - 2);
  free(b);

  return fails ? 1 : 0;
}
