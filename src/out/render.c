/* render.c - text, Markdown and JSON/JSONL output of a pith_doc.
 *
 * JSON keys come in a fixed order; absent fields are omitted; strings are
 * valid UTF-8 (the document guarantees it) with control characters escaped.
 * The whole record is built in memory and handed to the sink in one call,
 * so a sink that writes it with one write() never leaves half a line. */
#include <stdio.h>

#include "core/doc.h"

static void S_json_str(pith_buf *b, const char *s, size_t n) { pith_buf_put_json(b, s, n); }

typedef struct jw {
  pith_buf *b;
  int pretty;
  int first;
} jw;

static void S_key(jw *w, const char *k) {
  if (!w->first) pith_buf_putc(w->b, ',');
  w->first = 0;
  if (w->pretty) pith_buf_puts(w->b, "\n  ");
  S_json_str(w->b, k, strlen(k));
  pith_buf_puts(w->b, w->pretty ? ": " : ":");
}

static void S_kv(jw *w, const char *k, const char *s, size_t n) {
  S_key(w, k);
  S_json_str(w->b, s, n);
}

static void S_list(jw *w, const pith_doc *d, pith_list l, int always) {
  const pith_strlist *sl = &d->meta.l[l];
  if (!sl->n && !always) return;
  S_key(w, pith_list_name(l));
  pith_buf_putc(w->b, '[');
  for (size_t i = 0; i < sl->n; i++) {
    if (i) pith_buf_puts(w->b, w->pretty ? ", " : ",");
    S_json_str(w->b, sl->v[i].ptr, sl->v[i].len);
  }
  pith_buf_putc(w->b, ']');
}

static const char *S_status_key(pith_status s) {
  switch (s) {
  case PITH_OK: return "ok";
  case PITH_NO_CONTENT: return "no_content";
  case PITH_ERR_NOMEM: return "nomem";
  case PITH_ERR_LIMIT: return "limit";
  case PITH_ERR_INPUT: return "input";
  case PITH_ERR_ARG: return "arg";
  case PITH_ERR_TIMEOUT: return "timeout";
  case PITH_ERR_IO: return "io";
  case PITH_ERR_FORMAT: return "format";
  case PITH_ERR_TRUNCATED: return "truncated";
  default: return "internal";
  }
}

/* A JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int S_is_number(const char *s) {
  if (*s == '-') s++;
  if (*s == '0') s++;
  else if (*s >= '1' && *s <= '9')
    while (*s >= '0' && *s <= '9') s++;
  else return 0;
  if (*s == '.') {
    if (!(*++s >= '0' && *s <= '9')) return 0;
    while (*s >= '0' && *s <= '9') s++;
  }
  if (*s == 'e' || *s == 'E') {
    s++;
    if (*s == '+' || *s == '-') s++;
    if (!(*s >= '0' && *s <= '9')) return 0;
    while (*s >= '0' && *s <= '9') s++;
  }
  return *s == 0;
}

static void S_json(const pith_doc *d, pith_buf *b, int pretty, const char *id,
                   const pith_render_extra *ex, size_t nex) {
  jw w = {b, pretty, 1};
  const pith_meta *m = &d->meta;
  pith_buf_putc(b, '{');
  if (id) S_kv(&w, "id", id, strlen(id));
  int have_url = 0;
  for (size_t i = 0; i < nex; i++) {
    if (!ex[i].value) continue;
    if (!strcmp(ex[i].key, "url")) have_url = 1;
    if (ex[i].flags & PITH_EXTRA_NUMBER) {
      S_key(&w, ex[i].key);
      pith_buf_puts(b, ex[i].value); /* checked by S_is_number */
    } else {
      S_kv(&w, ex[i].key, ex[i].value, strlen(ex[i].value));
    }
  }
  S_kv(&w, "text", d->text.p ? d->text.p : "", d->text.len);
  /* url: where the page was fetched (the caller's); canonical_url: what
   * the page says its address is */
  if (!have_url && d->url) S_kv(&w, "url", d->url, strlen(d->url));
  static const pith_field order1[] = {PITH_F_URL, PITH_F_TITLE};
  for (size_t i = 0; i < sizeof order1 / sizeof *order1; i++) {
    pith_field f = order1[i];
    if (m->f[f].ptr) S_kv(&w, pith_field_name(f), m->f[f].ptr, m->f[f].len);
  }
  S_list(&w, d, PITH_L_AUTHORS, 0);
  static const pith_field order2[] = {PITH_F_BYLINE, PITH_F_DATE, PITH_F_DATE_MODIFIED,
                                      PITH_F_SITE_NAME, PITH_F_LANG, PITH_F_SECTION};
  for (size_t i = 0; i < sizeof order2 / sizeof *order2; i++) {
    pith_field f = order2[i];
    if (m->f[f].ptr) S_kv(&w, pith_field_name(f), m->f[f].ptr, m->f[f].len);
  }
  S_list(&w, d, PITH_L_TAGS, 0);
  static const pith_field order3[] = {PITH_F_WIRE, PITH_F_WIRE_CREDIT, PITH_F_DISTRIBUTOR,
                                      PITH_F_COPYRIGHT};
  for (size_t i = 0; i < sizeof order3 / sizeof *order3; i++) {
    pith_field f = order3[i];
    if (m->f[f].ptr) S_kv(&w, pith_field_name(f), m->f[f].ptr, m->f[f].len);
  }
  S_list(&w, d, PITH_L_CONTRIBUTORS, 0);
  static const pith_field order4[] = {PITH_F_DESCRIPTION, PITH_F_IMAGE};
  for (size_t i = 0; i < sizeof order4 / sizeof *order4; i++) {
    pith_field f = order4[i];
    if (m->f[f].ptr) S_kv(&w, pith_field_name(f), m->f[f].ptr, m->f[f].len);
  }
  if (d->comments_on) S_list(&w, d, PITH_L_COMMENTS, 1);
  if (d->status != PITH_OK) {
    const char *st = S_status_key(d->status);
    S_kv(&w, "status", st, strlen(st));
    if (d->message[0]) S_kv(&w, "message", d->message, strlen(d->message));
  }
  /* where each field came from, and the record schema's version */
  S_key(&w, "provenance");
  pith_buf_putc(b, '{');
  S_json_str(b, "schema", 6);
  pith_buf_puts(b, pretty ? ": 1" : ":1");
  int first = 0;
  for (int f = 0; f < PITH_F_COUNT; f++) {
    if (!m->f[f].ptr || !m->src[f]) continue;
    if (!first) pith_buf_putc(b, ',');
    if (!first && pretty) pith_buf_putc(b, ' ');
    first = 0;
    const char *k = pith_field_name((pith_field)f);
    if (f == PITH_F_CHARSET) {
      S_json_str(b, "charset", 7);
      pith_buf_putc(b, ':');
      if (pretty) pith_buf_putc(b, ' ');
      S_json_str(b, m->f[f].ptr, m->f[f].len);
      pith_buf_putc(b, ',');
      if (pretty) pith_buf_putc(b, ' ');
      S_json_str(b, "charset_from", 12);
    } else {
      S_json_str(b, k, strlen(k));
    }
    pith_buf_putc(b, ':');
    if (pretty) pith_buf_putc(b, ' ');
    S_json_str(b, m->src[f], strlen(m->src[f]));
  }
  for (int l = 0; l < PITH_L_COUNT; l++) {
    if (!m->l[l].n || !m->lsrc[l] || l == PITH_L_COMMENTS) continue;
    if (!first) pith_buf_putc(b, ',');
    if (!first && pretty) pith_buf_putc(b, ' ');
    first = 0;
    const char *k = pith_list_name((pith_list)l);
    S_json_str(b, k, strlen(k));
    pith_buf_putc(b, ':');
    if (pretty) pith_buf_putc(b, ' ');
    S_json_str(b, m->lsrc[l], strlen(m->lsrc[l]));
  }
  pith_buf_putc(b, '}');
  if (pretty) pith_buf_puts(b, "\n}\n");
  else pith_buf_puts(b, "}\n");
}

static void S_markdown(const pith_doc *d, pith_buf *b) {
  const pith_meta *m = &d->meta;
  if (m->f[PITH_F_TITLE].ptr) {
    pith_buf_puts(b, "# ");
    pith_buf_put(b, m->f[PITH_F_TITLE].ptr, m->f[PITH_F_TITLE].len);
    pith_buf_puts(b, "\n\n");
  }
  int in_code = 0;
  for (size_t i = 0; i < d->nblocks; i++) {
    const pith_block *bl = &d->blocks[i];
    const char *s = d->btext.p + bl->off;
    int next_same = i + 1 < d->nblocks && d->blocks[i + 1].kind == bl->kind;
    switch (bl->kind) {
    case PITH_B_HEADING: {
      int lv = bl->level < 2 ? 2 : bl->level > 6 ? 6 : bl->level;
      for (int k = 0; k < lv; k++) pith_buf_putc(b, '#');
      pith_buf_putc(b, ' ');
      pith_buf_put(b, s, bl->len);
      pith_buf_puts(b, "\n\n");
      break;
    }
    case PITH_B_LIST_ITEM:
      for (int k = 1; k < bl->level; k++) pith_buf_puts(b, "  ");
      if (bl->num) {
        char nb[16];
        int k = snprintf(nb, sizeof nb, "%u. ", (unsigned)bl->num);
        pith_buf_put(b, nb, (size_t)k);
      } else {
        pith_buf_puts(b, "- ");
      }
      pith_buf_put(b, s, bl->len);
      pith_buf_puts(b, next_same ? "\n" : "\n\n");
      break;
    case PITH_B_QUOTE:
      pith_buf_puts(b, "> ");
      pith_buf_put(b, s, bl->len);
      pith_buf_puts(b, "\n\n");
      break;
    case PITH_B_CODE:
      if (!in_code) pith_buf_puts(b, "```\n");
      pith_buf_put(b, s, bl->len);
      pith_buf_puts(b, "\n```\n\n");
      break;
    case PITH_B_TABLE_ROW:
      pith_buf_puts(b, "| ");
      pith_buf_put(b, s, bl->len);
      pith_buf_puts(b, next_same ? " |\n" : " |\n\n");
      break;
    case PITH_B_CAPTION:
      pith_buf_putc(b, '*');
      pith_buf_put(b, s, bl->len);
      pith_buf_puts(b, "*\n\n");
      break;
    default:
      pith_buf_put(b, s, bl->len);
      pith_buf_puts(b, "\n\n");
    }
  }
  (void)in_code;
  /* one trailing newline */
  while (b->len >= 2 && b->p[b->len - 1] == '\n' && b->p[b->len - 2] == '\n') b->len--;
}

pith_status pith_render_with(const pith_doc *d, pith_format f, const char *id,
                             const pith_render_extra *extra, size_t nextra, pith_sink sink,
                             void *ud) {
  if (!d || !sink || (nextra && !extra)) return PITH_ERR_ARG;
  for (size_t i = 0; i < nextra; i++)
    if (!extra[i].key || ((extra[i].flags & PITH_EXTRA_NUMBER) && extra[i].value &&
                          !S_is_number(extra[i].value)))
      return PITH_ERR_ARG; /* a NULL value is documented: skipped */
  pith_buf b;
  pith_buf_init(&b, 0);
  switch (f) {
  case PITH_FMT_TEXT:
    if (d->text.len) {
      pith_buf_put(&b, d->text.p, d->text.len);
      pith_buf_putc(&b, '\n');
    }
    break;
  case PITH_FMT_MARKDOWN: S_markdown(d, &b); break;
  case PITH_FMT_JSON: S_json(d, &b, 1, id, extra, nextra); break;
  case PITH_FMT_JSONL: S_json(d, &b, 0, id, extra, nextra); break;
  default: return PITH_ERR_ARG;
  }
  if (b.err) {
    pith_status e = (pith_status)b.err;
    pith_buf_free(&b);
    return e;
  }
  int stop = b.len ? sink(ud, b.p, b.len) : 0;
  pith_buf_free(&b);
  return stop ? PITH_ERR_IO : PITH_OK;
}

pith_status pith_render(const pith_doc *d, pith_format f, const char *id, pith_sink sink, void *ud) {
  return pith_render_with(d, f, id, NULL, 0, sink, ud);
}
