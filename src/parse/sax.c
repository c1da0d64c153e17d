/* sax.c - libxml2's HTML parser driven through SAX into pith's DOM.
 *
 * No libxml2 tree is built. The input must be valid UTF-8 without NUL bytes
 * (charset.c makes it so); the parser is told "UTF-8" and to ignore <meta>
 * charset hints, and XML_PARSE_HUGE lifts libxml2's own depth limit (256)
 * because pith enforces its own (max_depth), flattening instead of dropping. */
#include "parse/build.h"

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

typedef struct sax_ctx {
  pith_builder b;
  htmlParserCtxtPtr ctxt;
} sax_ctx;

static void S_stop(void *ctx) {
  sax_ctx *c = ctx;
  if (c->ctxt) xmlStopParser(c->ctxt);
}

static void S_start(void *ud, const xmlChar *name, const xmlChar **atts) {
  sax_ctx *c = ud;
  const char *nm = (const char *)name;
  uint32_t i = pith_build_start(&c->b, pith_tag_lookup(nm, strlen(nm)));
  if (!i || !atts) return;
  for (size_t k = 0; atts[k]; k += 2) {
    const char *v = (const char *)atts[k + 1];
    pith_build_attr(&c->b, i, (const char *)atts[k], strlen((const char *)atts[k]), v,
                    v ? strlen(v) : 0);
  }
}

static void S_end(void *ud, const xmlChar *name) {
  sax_ctx *c = ud;
  const char *nm = (const char *)name;
  pith_build_end(&c->b, pith_tag_lookup(nm, strlen(nm)));
}

static void S_chars(void *ud, const xmlChar *ch, int len) {
  sax_ctx *c = ud;
  if (len > 0) pith_build_text(&c->b, (const char *)ch, (size_t)len);
}

static void S_silent(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }

/* ---- pre-pass: what libxml2 2.9 gets wrong ------------------------------
 * 1. Numeric character references to NUL, surrogates or past U+10FFFF are
 *    dropped by libxml2; HTML5 makes them U+FFFD. They are rewritten.
 * 2. libxml2 checks each attribute against all earlier ones of the same
 *    element: quadratic in the attribute count (100 000 attributes: 14 s).
 *    Tags longer than 8 KiB keep their first MAX_TAG_ATTRS attributes.
 * Pages without either (nearly all) are not copied. */
#define MAX_TAG_ATTRS 256
#define LONG_TAG 8192

/* Length of a bad numeric reference at s ("&#xD800;"), or 0. */
static size_t S_bad_charref(const char *s, size_t n) {
  if (n < 3 || s[0] != '&' || s[1] != '#') return 0;
  size_t i = 2;
  int hex = 0;
  if (i < n && (s[i] == 'x' || s[i] == 'X')) hex = 1, i++;
  size_t d0 = i;
  unsigned long v = 0;
  int big = 0;
  while (i < n && i - d0 < 64) {
    unsigned char c = (unsigned char)s[i];
    int dv = c >= '0' && c <= '9' ? c - '0' : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
    if (dv < 0) break;
    if (v > 0x10FFFF) big = 1;
    else v = v * (hex ? 16 : 10) + (unsigned long)dv;
    i++;
  }
  if (i == d0 || i - d0 >= 64) return 0;
  if (!(big || v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))) return 0;
  if (i < n && s[i] == ';') i++;
  return i;
}

/* End of the kept part of an over-long tag at s (from '<' to '>'): just
 * before the attribute that would be number MAX_TAG_ATTRS + 1; 0 = keep all. */
static size_t S_attr_cut(const char *s, size_t n) {
  size_t eq = 0;
  char q = 0;
  for (size_t i = 1; i < n; i++) {
    char c = s[i];
    if (q) {
      if (c == q) q = 0;
      continue;
    }
    if (c == '"' || c == '\'') q = c;
    else if (c == '=' && ++eq > MAX_TAG_ATTRS) {
      size_t k = i;
      while (k > 1 && s[k - 1] != ' ' && s[k - 1] != '\t' && s[k - 1] != '\n') k--;
      return k;
    }
  }
  return 0;
}

static const char *S_prepass(const char *in, size_t len, pith_buf *out, size_t *outlen) {
  /* find the first thing to fix */
  int need = 0;
  for (const char *p = in; !need && (p = memchr(p, '&', (size_t)(in + len - p))) != NULL; p++)
    if (p + 1 < in + len && p[1] == '#' && S_bad_charref(p, (size_t)(in + len - p))) need = 1;
  const char *last = in;
  for (const char *p = in; !need && (p = memchr(p, '>', (size_t)(in + len - p))) != NULL; p++) {
    if (p - last > LONG_TAG) need = 1;
    last = p;
  }
  if (!need && in + len - last > LONG_TAG) need = 1;
  if (!need) {
    *outlen = len;
    return in;
  }
  pith_buf_clear(out);
  if (pith_buf_reserve(out, len + 64)) return NULL;
  size_t i = 0, run = 0;
  while (i < len) {
    char c = in[i];
    if (c == '&') {
      size_t k = S_bad_charref(in + i, len - i);
      if (k) {
        pith_buf_put(out, in + i - run, run);
        run = 0;
        pith_buf_puts(out, "&#xFFFD;");
        i += k;
        continue;
      }
    } else if (c == '<') {
      const char *gt = memchr(in + i, '>', len - i);
      size_t tl = gt ? (size_t)(gt - (in + i)) : len - i;
      if (tl > LONG_TAG) {
        size_t cut = S_attr_cut(in + i, tl);
        if (cut) {
          pith_buf_put(out, in + i - run, run);
          run = 0;
          pith_buf_put(out, in + i, cut);
          i += tl; /* continue at the '>' (or the end) */
          if (!gt) pith_buf_putc(out, '>');
          continue;
        }
        /* copy the whole long tag as it is */
        run += tl;
        i += tl;
        continue;
      }
    }
    run++;
    i++;
  }
  pith_buf_put(out, in + i - run, run);
  if (out->err) return NULL;
  *outlen = out->len;
  return out->p;
}

int pith_dom_parse_libxml2(pith_dom *d, const char *utf8, size_t len) {
  if (len > INT32_MAX) {
    pith_dom_reset(d);
    return PITH_ERR_LIMIT;
  }
  sax_ctx C;
  if (pith_build_begin(&C.b, d)) return PITH_ERR_NOMEM;
  C.ctxt = NULL;
  C.b.stop = S_stop;
  C.b.stop_ctx = &C;

  int rc = 0;
  pith_buf fixed;
  pith_buf_init(&fixed, 0);
  if (len > 0) {
    utf8 = S_prepass(utf8, len, &fixed, &len);
    if (!utf8) {
      pith_buf_free(&fixed);
      return pith_build_finish(&C.b, PITH_ERR_NOMEM);
    }
  }
  if (len > 0 && len <= INT32_MAX) {
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(utf8, (int)len);
    if (!ctxt) {
      rc = PITH_ERR_NOMEM;
    } else {
      xmlSAXHandler *sax = (xmlSAXHandler *)ctxt->sax;
      memset(sax, 0, sizeof *sax);
      sax->startElement = S_start;
      sax->endElement = S_end;
      sax->characters = S_chars;
      sax->ignorableWhitespace = S_chars;
      sax->cdataBlock = S_chars;
      sax->warning = S_silent;
      sax->error = S_silent;
      sax->fatalError = S_silent;
      sax->initialized = 1;
      ctxt->userData = &C;
      C.ctxt = ctxt;
      htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                   HTML_PARSE_IGNORE_ENC | HTML_PARSE_NODEFDTD |
                                   HTML_PARSE_NOIMPLIED);
      ctxt->options |= XML_PARSE_HUGE;
      xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
      htmlParseDocument(ctxt);
      C.ctxt = NULL;
      /* libxml2 reports its own allocation failures only here: a page it
       * could not finish is an error, never a silently shorter one */
      if (ctxt->errNo == XML_ERR_NO_MEMORY) rc = PITH_ERR_NOMEM;
      if (ctxt->myDoc) xmlFreeDoc(ctxt->myDoc);
      ctxt->myDoc = NULL;
      htmlFreeParserCtxt(ctxt);
    }
  }
  pith_buf_free(&fixed);
  return pith_build_finish(&C.b, rc);
}
