/* html5_textdiff.c - diagnostic (not a test): does the html5 tree hold the
 * same text as pith's libxml2 DOM?
 *
 *   h5_textdiff [DIR [PAGE]]   (default ../shared/bench/data/scrapinghub/html;
 *   PAGE: write that page's two texts to textdiff.{libxml2,html5}.txt)
 *
 * For every page that is valid UTF-8 without NUL (what pith_dom_parse
 * takes; others are skipped), the document's text (script/style-like
 * subtrees skipped, block boundaries as spaces, as pith_dom_text_content
 * does) from both trees, compared as bags of words (F1) and in order.
 * Prints the mean F1, how many pages reach 0.98, how many have the same
 * word sequence, and the worst pages. The html5 parse has the scripting
 * flag on (as a browser with JavaScript), H5_NO_SCRIPTING=1 turns it off. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html5/tree.h"
#include "parse/dom.h"

typedef struct words { char **w; size_t n, cap; } words;

static void S_words(words *ws, char *s) {
  for (char *tok = strtok(s, " \t\n\r\f"); tok; tok = strtok(NULL, " \t\n\r\f")) {
    if (ws->n == ws->cap) {
      ws->cap = ws->cap ? ws->cap * 2 : 256;
      ws->w = realloc(ws->w, ws->cap * sizeof *ws->w);
    }
    ws->w[ws->n++] = tok;
  }
}

static int S_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static double S_f1(words *a, words *b) {
  if (!a->n && !b->n) return 1.0;
  qsort(a->w, a->n, sizeof *a->w, S_cmp);
  qsort(b->w, b->n, sizeof *b->w, S_cmp);
  size_t i = 0, j = 0, same = 0;
  while (i < a->n && j < b->n) {
    int c = strcmp(a->w[i], b->w[j]);
    if (!c) { same++; i++; j++; } else if (c < 0) i++; else j++;
  }
  return 2.0 * same / (double)(a->n + b->n);
}


/* The h5 tree's text, the way pith_dom_text_content walks pith's DOM. */
static void S_h5_text(const h5_doc *d, uint32_t n, pith_buf *o) {
  for (uint32_t c = d->nodes[n].first; c; c = d->nodes[c].next) {
    const h5_node *x = &d->nodes[c];
    if (x->type == H5_NODE_TEXT) { pith_buf_put_collapsed(o, d->text + x->d_off, x->d_len); continue; }
    if (x->type != H5_NODE_ELEMENT) continue;
    int tag = x->ns == H5_NS_HTML ? pith_tag_lookup(d->str + x->name, x->name_len)
                                  : (x->name_len == 3 && !memcmp(d->str + x->name, "svg", 3) ? PITH_TAG_svg
                                     : PITH_TAG_math);
    unsigned f = pith_tag_flags[tag];
    if (f & PITH_TAG_SKIP) continue;
    int block = (f & PITH_TAG_BLOCK) || tag == PITH_TAG_br;
    if (block) pith_buf_putc(o, ' ');
    S_h5_text(d, c, o);
    if (block) pith_buf_putc(o, ' ');
  }
}

static int S_valid_utf8(const unsigned char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    unsigned c = s[i];
    if (!c) return 0;
    if (c < 0x80) { i++; continue; }
    size_t l = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (!l || c > 0xF4 || i + l > n) return 0;
    for (size_t k = 1; k < l; k++)
      if ((s[i + k] & 0xC0) != 0x80) return 0;
    i += l;
  }
  return 1;
}

typedef struct worst { double f1; char name[80]; } worst;

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "../shared/bench/data/scrapinghub/html";
  DIR *dh = opendir(dir);
  if (!dh) { perror(dir); return 2; }
  struct dirent *e;
  size_t pages = 0, skipped = 0, good = 0, ordered = 0;
  double sum = 0;
  worst w[8];
  for (int i = 0; i < 8; i++) w[i].f1 = 2.0;
  while ((e = readdir(dh))) {
    size_t l = strlen(e->d_name);
    if (l < 5 || strcmp(e->d_name + l - 5, ".html")) continue;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    FILE *f = fopen(path, "rb");
    if (!f) continue;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *in = malloc((size_t)n + 1);
    size_t got = fread(in, 1, (size_t)n, f);
    fclose(f);
    in[got] = 0;
    if (!S_valid_utf8((const unsigned char *)in, got)) { skipped++; free(in); continue; }
    pith_dom dom;
    pith_dom_init(&dom);
    pith_buf a, b;
    pith_buf_init(&a, 0);
    pith_buf_init(&b, 0);
    if (pith_dom_parse(&dom, in, got) == 0) pith_dom_text_content(&dom, 0, &a);
    h5_doc *d = h5_parse_ex(in, got, getenv("H5_NO_SCRIPTING") ? 0 : H5_SCRIPTING);
    if (d) S_h5_text(d, 0, &b);
    pith_buf_putc(&a, 0);
    pith_buf_putc(&b, 0);
    if (argc > 2 && strstr(e->d_name, argv[2])) {  /* dump one page's two texts */
      FILE *o = fopen("textdiff.libxml2.txt", "w");
      if (o) { fputs(a.p, o); fclose(o); }
      o = fopen("textdiff.html5.txt", "w");
      if (o) { fputs(b.p, o); fclose(o); }
    }
    words wa = {0, 0, 0}, wb = {0, 0, 0};
    S_words(&wa, a.p);
    S_words(&wb, b.p);
    int same_order = wa.n == wb.n;
    for (size_t i = 0; same_order && i < wa.n; i++) same_order = !strcmp(wa.w[i], wb.w[i]);
    ordered += same_order;
    double f1 = S_f1(&wa, &wb);
    pages++;
    sum += f1;
    good += f1 >= 0.98;
    for (int i = 0; i < 8; i++)
      if (f1 < w[i].f1) {
        memmove(w + i + 1, w + i, (7 - (size_t)i) * sizeof *w);
        w[i].f1 = f1;
        snprintf(w[i].name, sizeof w[i].name, "%.70s", e->d_name);
        break;
      }
    free(wa.w);
    free(wb.w);
    pith_buf_free(&a);
    pith_buf_free(&b);
    h5_doc_free(d);
    pith_dom_free(&dom);
    free(in);
  }
  closedir(dh);
  printf("%zu pages compared (%zu not UTF-8: skipped), mean word F1 %.4f, %zu (%.1f%%) >= 0.98\n",
         pages, skipped, pages ? sum / pages : 0, good, pages ? 100.0 * good / pages : 0);
  printf("%zu pages with the same words in the same order\n", ordered);
  for (int i = 0; i < 8 && w[i].f1 < 1.0; i++) printf("  %.4f %s\n", w[i].f1, w[i].name);
  return 0;
}
