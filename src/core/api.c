/* api.c - the public entry points of libpith. */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#include <libxml/parser.h>

#include "core/doc.h"
#include "extract/extract.h"
#include "input/charset.h"
#include "input/http.h"
#include "input/sniff.h"
#include "meta/meta.h"
#include "text/text.h"

const char *pith_version(void) { return PITH_VERSION_STRING; }

const char *pith_status_str(pith_status s) {
  switch (s) {
  case PITH_OK: return "ok";
  case PITH_NO_CONTENT: return "no content";
  case PITH_ERR_NOMEM: return "out of memory";
  case PITH_ERR_LIMIT: return "limit exceeded";
  case PITH_ERR_INPUT: return "unreadable input";
  case PITH_ERR_ARG: return "invalid argument";
  case PITH_ERR_TIMEOUT: return "time budget exceeded";
  case PITH_ERR_IO: return "i/o error";
  case PITH_ERR_FORMAT: return "malformed input";
  case PITH_ERR_TRUNCATED: return "truncated input";
  case PITH_ERR_INTERNAL: return "internal error";
  }
  return "unknown status";
}

static const char *const S_field_names[PITH_F_COUNT] = {
  "title", "byline", "date", "date_modified", "site_name", "lang", "canonical_url", "description",
  "image", "section", "wire", "wire_credit", "distributor", "copyright", "charset",
};
static const char *const S_list_names[PITH_L_COUNT] = {"authors", "tags", "contributors", "comments"};

const char *pith_field_name(pith_field f) {
  return (unsigned)f < PITH_F_COUNT ? S_field_names[f] : NULL;
}
const char *pith_list_name(pith_list l) {
  return (unsigned)l < PITH_L_COUNT ? S_list_names[l] : NULL;
}

void pith_options_init(pith_options *o) {
  memset(o, 0, sizeof *o);
  o->struct_size = sizeof *o;
  o->max_input_bytes = (size_t)64 << 20;
  o->max_nodes = 2000000;
  o->max_depth = 2048;
  o->max_attr_bytes = 65536;
  o->max_jsonld_bytes = (size_t)1 << 20;
  o->max_jsonld_depth = 64;
  o->max_output_bytes = (size_t)16 << 20;
  o->max_memory_bytes = (size_t)512 << 20;
  o->time_budget_sec = 0;
}

/* libxml2 2.9 sets up its global state (dictionary lock, random seed)
 * lazily and not thread-safely: do it once, before any extractor runs. */
static pthread_once_t S_xml_once = PTHREAD_ONCE_INIT;
static void S_xml_init(void) { xmlInitParser(); }

pith_extractor *pith_extractor_new(const pith_options *o) {
  pthread_once(&S_xml_once, S_xml_init);
  pith_options def;
  pith_options_init(&def);
  if (o) {
    if (o->struct_size < offsetof(pith_options, flags) + sizeof(unsigned)) return NULL;
    size_t n = o->struct_size < sizeof def ? o->struct_size : sizeof def;
    memcpy(&def, o, n);
    def.struct_size = sizeof def;
    pith_options d2;
    pith_options_init(&d2);
    /* 0 = default */
    if (!def.max_input_bytes) def.max_input_bytes = d2.max_input_bytes;
    if (!def.max_nodes) def.max_nodes = d2.max_nodes;
    if (!def.max_depth) def.max_depth = d2.max_depth;
    if (!def.max_attr_bytes) def.max_attr_bytes = d2.max_attr_bytes;
    if (!def.max_jsonld_bytes) def.max_jsonld_bytes = d2.max_jsonld_bytes;
    if (!def.max_jsonld_depth) def.max_jsonld_depth = d2.max_jsonld_depth;
    if (!def.max_output_bytes) def.max_output_bytes = d2.max_output_bytes;
    if (!def.max_memory_bytes) def.max_memory_bytes = d2.max_memory_bytes;
    if (!(def.time_budget_sec >= 0)) return NULL; /* negative or NaN */
    if (def.parser != PITH_PARSER_HTML5 && def.parser != PITH_PARSER_LIBXML2) return NULL;
  }
  pith_extractor *x = pith_malloc(sizeof *x);
  if (!x) return NULL;
  memset(x, 0, sizeof *x);
  x->opt = def;
  pith_arena_init(&x->arena, def.max_memory_bytes);
  pith_dom_init(&x->dom);
  x->dom.max_nodes = def.max_nodes;
  x->dom.max_depth = def.max_depth;
  x->dom.parser = def.parser;
  x->dom.max_attr = def.max_attr_bytes;
  pith_buf_init(&x->input, def.max_input_bytes * 4 + 64);
  pith_buf_init(&x->scratch, 0);
  pith_buf_init(&x->coded, def.max_input_bytes);
  pith_buf_init(&x->doc.btext, def.max_output_bytes);
  pith_buf_init(&x->doc.text, 0);
  pith_buf_init(&x->doc.comments, def.max_output_bytes);
  pith_buf_init(&x->doc.explain, 0);
  return x;
}

void pith_extractor_free(pith_extractor *x) {
  if (!x) return;
  pith_arena_free(&x->arena);
  pith_dom_free(&x->dom);
  pith_buf_free(&x->input);
  pith_buf_free(&x->scratch);
  pith_buf_free(&x->coded);
  pith_doc_free(&x->doc);
  pith_free(x->work);
  pith_free(x);
}

static void S_begin(pith_extractor *x) {
  x->dom.deadline = x->opt.time_budget_sec > 0 ? pith_now() + x->opt.time_budget_sec : 0;
  x->dom.max_mem = x->opt.max_memory_bytes;
  pith_arena_reset(&x->arena);
  pith_doc_reset(&x->doc, (x->opt.flags & PITH_OPT_EXPLAIN) != 0);
  x->doc.comments_on = (x->opt.flags & PITH_OPT_COMMENTS) != 0;
  /* keep big buffers from one huge page from pinning memory forever */
  if (x->input.cap > ((size_t)8 << 20)) pith_buf_free(&x->input);
  if (x->scratch.cap > ((size_t)8 << 20)) pith_buf_free(&x->scratch);
  if (x->coded.cap > ((size_t)8 << 20)) pith_buf_free(&x->coded);
}

static pith_status S_finish(pith_extractor *x, int rc, const pith_doc **out) {
  pith_doc *d = &x->doc;
  d->hit |= x->dom.hit;
  if (rc == PITH_ERR_NOMEM) {
    pith_doc_set_status(d, PITH_ERR_NOMEM, "out of memory");
    if (out) *out = NULL;
    return PITH_ERR_NOMEM;
  }
  if (pith_doc_finish(d)) {
    pith_doc_set_status(d, PITH_ERR_NOMEM, "out of memory");
    if (out) *out = NULL;
    return PITH_ERR_NOMEM;
  }
  if (d->status == PITH_OK) {
    if (rc == PITH_ERR_TIMEOUT || (d->hit & PITH_HIT_TIME))
      pith_doc_set_status(d, PITH_ERR_TIMEOUT, "time budget (%g s) ran out: the page was not finished",
                          x->opt.time_budget_sec);
    else if (d->hit & PITH_HIT_MEMORY)
      pith_doc_set_status(d, PITH_ERR_LIMIT, "memory limit (%zu bytes) reached: the page was not finished",
                          x->opt.max_memory_bytes);
    else if (rc == PITH_ERR_LIMIT && x->arena.cap && x->arena.used_total + 4096 > x->arena.cap)
      pith_doc_set_status(d, PITH_ERR_LIMIT, "memory limit (%zu bytes) reached", x->opt.max_memory_bytes);
    else if (d->hit & PITH_HIT_NODES)
      pith_doc_set_status(d, PITH_ERR_LIMIT, "node limit (%zu) reached: the rest of the page was not read",
                          x->opt.max_nodes);
    else if (d->hit & PITH_HIT_OUTPUT)
      pith_doc_set_status(d, PITH_ERR_LIMIT, "output limit (%zu bytes) reached: text cut",
                          x->opt.max_output_bytes);
    else if (rc && rc != PITH_NO_CONTENT)
      pith_doc_set_status(d, (pith_status)rc, "%s", pith_status_str((pith_status)rc));
    else if (d->nblocks == 0)
      pith_doc_set_status(d, PITH_NO_CONTENT, "no article found on the page");
  }
  if (out) *out = d;
  return d->status;
}

/* What every entry point checks first: the size limit, empty input, and
 * bytes that are not text at all. Returns PITH_OK to go on, else the
 * status of the document already made. */
static pith_status S_precheck(pith_extractor *x, const char *p, size_t len, const pith_doc **out) {
  pith_doc *d = &x->doc;
  if (len > x->opt.max_input_bytes) {
    pith_doc_set_status(d, PITH_ERR_LIMIT, "input is %zu bytes, over the limit of %zu", len,
                        x->opt.max_input_bytes);
    if (out) *out = d;
    return PITH_ERR_LIMIT;
  }
  if (len == 0) {
    pith_doc_set_status(d, PITH_NO_CONTENT, "empty input");
    if (pith_doc_finish(d)) {
      pith_doc_set_status(d, PITH_ERR_NOMEM, "out of memory");
      return PITH_ERR_NOMEM;
    }
    if (out) *out = d;
    return PITH_NO_CONTENT;
  }
  const char *why = pith_sniff_binary(p, len);
  if (why) {
    if (pith_sniff_compressed((const unsigned char *)p, len))
      pith_doc_set_status(d, PITH_ERR_INPUT,
                          "not text: %s (give its content encoding to have it decoded)", why);
    else
      pith_doc_set_status(d, PITH_ERR_INPUT, "not text: %s", why);
    if (pith_doc_finish(d)) {
      pith_doc_set_status(d, PITH_ERR_NOMEM, "out of memory");
      return PITH_ERR_NOMEM;
    }
    if (out) *out = d;
    return PITH_ERR_INPUT;
  }
  return PITH_OK;
}

pith_status pith_extract(pith_extractor *x, const char *html, size_t len, const char *url,
                         const char *content_type, const pith_doc **out) {
  return pith_extract_encoded(x, html, len, url, content_type, NULL, out);
}

pith_status pith_extract_encoded(pith_extractor *x, const char *html, size_t len, const char *url,
                                 const char *content_type, const char *content_encoding,
                                 const pith_doc **out) {
  if (out) *out = NULL;
  if (!x || (!html && len)) return PITH_ERR_ARG;
  S_begin(x);
  pith_doc *d = &x->doc;
  if (url && *url) d->url = pith_arena_strndup(&x->arena, url, strlen(url));
  if (content_encoding && *content_encoding && len) {
    if (len > x->opt.max_input_bytes) return S_precheck(x, html, len, out);
    const char *dec;
    size_t decn;
    unsigned hf = 0;
    char msg[200] = "";
    pith_status ds = pith_http_decode_coding(content_encoding, strlen(content_encoding), html, len,
                                             x->opt.max_input_bytes, &x->coded, &dec, &decn, &hf,
                                             msg, sizeof msg);
    if (ds == PITH_ERR_NOMEM) return S_finish(x, PITH_ERR_NOMEM, out);
    if (ds == PITH_ERR_FORMAT) {
      pith_doc_set_status(d, PITH_ERR_INPUT, "content encoding '%s': %s", content_encoding,
                          msg[0] ? msg : "cannot be decoded");
      return S_finish(x, PITH_ERR_INPUT, out);
    }
    if (ds == PITH_ERR_LIMIT) {
      pith_doc_set_status(d, PITH_ERR_LIMIT, "decoded input is over the limit of %zu bytes",
                          x->opt.max_input_bytes);
      return S_finish(x, PITH_ERR_LIMIT, out);
    }
    html = dec;
    len = decn;
  }
  pith_status pre = S_precheck(x, html, len, out);
  if (pre != PITH_OK) return pre;
  char csname[32] = "";
  const char *cssrc = NULL;
  size_t ulen = 0;
  const char *u = pith_charset_decode(html, len, content_type, &x->input, &ulen, csname, &cssrc);
  if (!u) return S_finish(x, x->input.err ? x->input.err : PITH_ERR_NOMEM, out);
  if (csname[0]) pith_meta_set(&d->meta, &x->arena, PITH_F_CHARSET, csname, strlen(csname),
                               PITH_PRI_JSONLD, cssrc ? cssrc : "sniff");
  if (x->dom.deadline > 0 && pith_now() > x->dom.deadline) return S_finish(x, PITH_ERR_TIMEOUT, out);
  int rc = pith_dom_parse(&x->dom, u, ulen);
  if (rc == PITH_ERR_NOMEM) return S_finish(x, rc, out);
  if (rc) return S_finish(x, rc, out);
  if (x->opt.flags & PITH_OPT_PARSE_ONLY) return S_finish(x, 0, out);
  if (!(x->opt.flags & PITH_OPT_NO_META)) {
    rc = pith_meta_from_dom(&d->meta, &x->dom, url, &x->arena, &x->opt, &d->hit);
    if (rc < 0) return S_finish(x, -rc, out);
  }
  if (x->dom.deadline > 0 && pith_now() > x->dom.deadline) return S_finish(x, PITH_ERR_TIMEOUT, out);
  rc = pith_content_extract(x);
  return S_finish(x, rc, out);
}

pith_status pith_clean_text(pith_extractor *x, const char *text, size_t len, const pith_doc **out) {
  if (out) *out = NULL;
  if (!x || (!text && len)) return PITH_ERR_ARG;
  S_begin(x);
  pith_status pre = S_precheck(x, text, len, out);
  if (pre != PITH_OK) return pre;
  char csname[32] = "";
  const char *cssrc = NULL;
  size_t ulen = 0;
  /* text has no <meta>: the prescan finds nothing, sniffing decides */
  const char *u = pith_charset_decode(text, len, NULL, &x->input, &ulen, csname, &cssrc);
  if (!u) return S_finish(x, x->input.err ? x->input.err : PITH_ERR_NOMEM, out);
  if (x->dom.deadline > 0 && pith_now() > x->dom.deadline) return S_finish(x, PITH_ERR_TIMEOUT, out);
  int rc = pith_text_clean(x, u, ulen);
  if (!rc && x->dom.deadline > 0 && pith_now() > x->dom.deadline) rc = PITH_ERR_TIMEOUT;
  return S_finish(x, rc, out);
}

/* ---- accessors ------------------------------------------------------- */
pith_status pith_doc_status(const pith_doc *d) { return d ? d->status : PITH_ERR_ARG; }
const char *pith_doc_message(const pith_doc *d) { return d ? d->message : ""; }
pith_str pith_doc_text(const pith_doc *d) {
  pith_str s = {"", 0};
  if (d && d->text.p) {
    s.ptr = d->text.p;
    s.len = d->text.len;
  }
  return s;
}
pith_str pith_doc_field(const pith_doc *d, pith_field f) {
  pith_str none = {NULL, 0};
  if (!d || (unsigned)f >= PITH_F_COUNT) return none;
  return d->meta.f[f];
}
const char *pith_doc_field_source(const pith_doc *d, pith_field f) {
  if (!d || (unsigned)f >= PITH_F_COUNT || !d->meta.f[f].ptr) return NULL;
  return d->meta.src[f];
}
size_t pith_doc_list_count(const pith_doc *d, pith_list l) {
  return d && (unsigned)l < PITH_L_COUNT ? d->meta.l[l].n : 0;
}
pith_str pith_doc_list_item(const pith_doc *d, pith_list l, size_t i) {
  pith_str none = {NULL, 0};
  if (!d || (unsigned)l >= PITH_L_COUNT || i >= d->meta.l[l].n) return none;
  return d->meta.l[l].v[i];
}
size_t pith_doc_block_count(const pith_doc *d) { return d ? d->nblocks : 0; }
pith_str pith_doc_block(const pith_doc *d, size_t i, pith_block_kind *kind, int *level) {
  pith_str none = {NULL, 0};
  if (!d || i >= d->nblocks) return none;
  const pith_block *b = &d->blocks[i];
  if (kind) *kind = (pith_block_kind)b->kind;
  if (level) *level = b->level;
  pith_str s = {d->btext.p + b->off, b->len};
  return s;
}
pith_str pith_doc_explain(const pith_doc *d) {
  pith_str s = {"", 0};
  if (d && d->explain.p) {
    s.ptr = d->explain.p;
    s.len = d->explain.len;
  }
  return s;
}
unsigned pith_doc_limits_hit(const pith_doc *d) { return d ? d->hit : 0; }
