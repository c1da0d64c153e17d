/* doc.c - building a pith_doc: blocks, comments, explain log, status. */
#include "core/doc.h"

#include <stdarg.h>
#include <stdio.h>

void pith_doc_reset(pith_doc *d, int explain) {
  d->status = PITH_OK;
  d->message[0] = '\0';
  pith_buf_clear(&d->btext);
  pith_buf_clear(&d->text);
  pith_buf_clear(&d->comments);
  pith_buf_clear(&d->explain);
  d->nblocks = 0;
  memset(&d->meta, 0, sizeof d->meta);
  d->hit = 0;
  d->explain_on = explain;
  d->comments_on = 0;
  d->url = NULL;
}

void pith_doc_free(pith_doc *d) {
  pith_buf_free(&d->btext);
  pith_buf_free(&d->text);
  pith_buf_free(&d->comments);
  pith_buf_free(&d->explain);
  pith_free(d->blocks);
  d->blocks = NULL;
  d->nblocks = d->blocks_cap = 0;
}

int pith_doc_add_block_num(pith_doc *d, int kind, int level, int num, const char *s, size_t n) {
  pith_trim(&s, &n);
  if (n == 0) return 0;
  if (d->nblocks == d->blocks_cap) {
    size_t cap = d->blocks_cap ? d->blocks_cap * 2 : 64;
    pith_block *b = pith_realloc(d->blocks, cap * sizeof *b);
    if (!b) return PITH_ERR_NOMEM;
    d->blocks = b;
    d->blocks_cap = cap;
  }
  size_t off = d->btext.len;
  if (pith_buf_put_collapsed(&d->btext, s, n)) {
    d->btext.len = off;
    int e = d->btext.err;
    d->btext.err = 0;
    if (e == PITH_ERR_LIMIT) d->hit |= PITH_HIT_OUTPUT;
    return e;
  }
  /* collapsing may leave one trailing space */
  while (d->btext.len > off && d->btext.p[d->btext.len - 1] == ' ') d->btext.len--;
  if (d->btext.len == off) return 0;
  pith_block *b = &d->blocks[d->nblocks++];
  b->off = (uint32_t)off;
  b->len = (uint32_t)(d->btext.len - off);
  b->kind = (uint8_t)kind;
  b->level = (uint8_t)(level > 255 ? 255 : level < 0 ? 0 : level);
  b->num = (uint16_t)(num < 0 ? 0 : num > 65535 ? 65535 : num);
  return 0;
}

int pith_doc_add_block(pith_doc *d, int kind, int level, const char *s, size_t n) {
  return pith_doc_add_block_num(d, kind, level, 0, s, n);
}

int pith_doc_add_comment(pith_doc *d, pith_arena *a, const char *s, size_t n) {
  pith_trim(&s, &n);
  if (!n) return 0;
  if (!d->meta.lsrc[PITH_L_COMMENTS]) d->meta.lsrc[PITH_L_COMMENTS] = "dom";
  return pith_meta_list_add(&d->meta, a, PITH_L_COMMENTS, s, n);
}

void pith_doc_explain_line(pith_doc *d, int keep, const char *reason, const char *s, size_t n) {
  if (!d->explain_on) return;
  pith_buf *e = &d->explain;
  pith_buf_puts(e, keep ? "keep\t" : "drop\t");
  pith_buf_puts(e, reason);
  pith_buf_putc(e, '\t');
  pith_trim(&s, &n);
  size_t start = e->len;
  pith_buf_put_collapsed(e, s, n > 2000 ? 2000 : n);
  /* never cut a UTF-8 sequence in half */
  if (n > 2000) {
    while (e->len > start && ((unsigned char)e->p[e->len - 1] & 0xC0) == 0x80) e->len--;
    if (e->len > start && ((unsigned char)e->p[e->len - 1] & 0x80)) e->len--;
    pith_buf_puts(e, "…");
  }
  pith_buf_putc(e, '\n');
}

void pith_doc_set_status(pith_doc *d, pith_status st, const char *fmt, ...) {
  d->status = st;
  if (!fmt) {
    d->message[0] = '\0';
    return;
  }
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(d->message, sizeof d->message, fmt, ap);
  va_end(ap);
}

int pith_doc_finish(pith_doc *d) {
  pith_buf *t = &d->text;
  pith_buf_clear(t);
  for (size_t i = 0; i < d->nblocks; i++) {
    const pith_block *b = &d->blocks[i];
    if (i) pith_buf_put(t, "\n\n", 2);
    if (b->kind == PITH_B_LIST_ITEM) {
      if (b->num) {
        char nb[16];
        int k = snprintf(nb, sizeof nb, "%u. ", (unsigned)b->num);
        pith_buf_put(t, nb, (size_t)k);
      } else {
        pith_buf_put(t, "- ", 2);
      }
    }
    pith_buf_put(t, d->btext.p + b->off, b->len);
  }
  pith_buf_nul(t);
  return t->err;
}
