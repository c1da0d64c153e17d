/* meta.c - metadata from the DOM in one pass over the nodes.
 *
 * The pass only records where things are (spans of attribute values, node
 * indices, parsed JSON-LD trees); afterwards each field is resolved by an
 * explicit order of candidates, modelled on what Readability.js reads
 * (JSON-LD Article, then Dublin Core / OpenGraph / <meta>, then the page),
 * widened to microdata, Parse.ly, Sailthru, citation_* and the rest. */
#include "meta/meta.h"

#include <stdio.h>

#include "meta/byline.h"
#include "meta/date.h"
#include "meta/json.h"
#include "meta/wire.h"

#define SRC_LD "json-ld"
#define SRC_META "meta"
#define SRC_MD "microdata"
#define SRC_DOM "dom"
#define SRC_URL "url"

typedef struct span {
  const char *p;
  size_t n;
} span;

static span S_span(const char *p, size_t n) {
  span s = {p, n};
  return s;
}

/* ---- <meta> keys ------------------------------------------------------ */

enum {
  K_DC_TITLE, K_DCTERM_TITLE, K_OG_TITLE, K_WEIBO_TITLE, K_TITLE, K_TW_TITLE, K_PARSELY_TITLE,
  K_SAILTHRU_TITLE, K_CITATION_TITLE, K_HEADLINE,
  K_DC_CREATOR, K_DCTERM_CREATOR, K_AUTHOR, K_PARSELY_AUTHOR, K_ARTICLE_AUTHOR, K_SAILTHRU_AUTHOR,
  K_CITATION_AUTHOR, K_BYL, K_BYLINE,
  K_DC_DESC, K_DCTERM_DESC, K_OG_DESC, K_WEIBO_DESC, K_DESC, K_TW_DESC,
  K_OG_SITE, K_APP_NAME, K_DC_PUBLISHER, K_APPLE_TITLE,
  K_PUB_TIME, K_PARSELY_PUB, K_DATE, K_CITATION_DATE, K_SAILTHRU_DATE, K_DC_DATE,
  K_MOD_TIME, K_OG_UPDATED, K_DC_MODIFIED,
  K_SECTION, K_PARSELY_SECTION, K_SECTION_META,
  K_TAG, K_NEWS_KEYWORDS, K_KEYWORDS, K_PARSELY_TAGS, K_SAILTHRU_TAGS, K_DC_SUBJECT,
  K_CONTENT_LANG, K_OG_LOCALE, K_LANGUAGE,
  K_OG_IMAGE, K_TW_IMAGE,
  K_OG_URL,
  K_COPYRIGHT, K_DC_RIGHTS,
  K_PROVIDER,
  K__COUNT
};

/* Names are matched after lower-casing and turning '.' into ':'. */
static const struct { const char *name; int key; } S_keys[] = {
  {"dc:title", K_DC_TITLE}, {"dcterm:title", K_DCTERM_TITLE}, {"dcterms:title", K_DCTERM_TITLE},
  {"og:title", K_OG_TITLE}, {"weibo:article:title", K_WEIBO_TITLE},
  {"weibo:webpage:title", K_WEIBO_TITLE}, {"title", K_TITLE}, {"twitter:title", K_TW_TITLE},
  {"parsely-title", K_PARSELY_TITLE}, {"sailthru:title", K_SAILTHRU_TITLE},
  {"citation_title", K_CITATION_TITLE}, {"headline", K_HEADLINE},
  {"dc:creator", K_DC_CREATOR}, {"dcterm:creator", K_DCTERM_CREATOR},
  {"dcterms:creator", K_DCTERM_CREATOR}, {"author", K_AUTHOR}, {"parsely-author", K_PARSELY_AUTHOR},
  {"article:author", K_ARTICLE_AUTHOR}, {"og:article:author", K_ARTICLE_AUTHOR},
  {"sailthru:author", K_SAILTHRU_AUTHOR}, {"citation_author", K_CITATION_AUTHOR},
  {"dc:contributor", K_SAILTHRU_AUTHOR}, {"byl", K_BYL}, {"byline", K_BYLINE},
  {"article:author_name", K_BYLINE}, {"author_name", K_BYLINE},
  {"dc:description", K_DC_DESC}, {"dcterm:description", K_DCTERM_DESC},
  {"dcterms:description", K_DCTERM_DESC}, {"dcterms:abstract", K_DCTERM_DESC},
  {"og:description", K_OG_DESC}, {"weibo:article:description", K_WEIBO_DESC},
  {"weibo:webpage:description", K_WEIBO_DESC}, {"description", K_DESC},
  {"twitter:description", K_TW_DESC},
  {"og:site_name", K_OG_SITE}, {"application-name", K_APP_NAME}, {"dc:publisher", K_DC_PUBLISHER},
  {"dcterms:publisher", K_DC_PUBLISHER}, {"publisher", K_DC_PUBLISHER},
  {"citation_publisher", K_DC_PUBLISHER}, {"citation_journal_title", K_DC_PUBLISHER},
  {"apple-mobile-web-app-title", K_APPLE_TITLE},
  {"article:published_time", K_PUB_TIME}, {"og:article:published_time", K_PUB_TIME},
  {"og:published_time", K_PUB_TIME}, {"article:published", K_PUB_TIME},
  {"parsely-pub-date", K_PARSELY_PUB},
  {"date", K_DATE}, {"pubdate", K_DATE}, {"publish-date", K_DATE}, {"publish_date", K_DATE},
  {"publishdate", K_DATE}, {"published_time", K_DATE}, {"published-date", K_DATE},
  {"pub_date", K_DATE}, {"og:pubdate", K_DATE}, {"article:publication_date", K_DATE},
  {"originalpublicationdate", K_DATE}, {"displaydate", K_DATE}, {"datepublished", K_DATE},
  {"article_date_original", K_DATE}, {"release_date", K_DATE}, {"cxenseparse:recs:publishtime", K_DATE},
  {"citation_publication_date", K_CITATION_DATE}, {"citation_date", K_CITATION_DATE},
  {"citation_online_date", K_CITATION_DATE},
  {"sailthru:date", K_SAILTHRU_DATE},
  {"dc:date", K_DC_DATE}, {"dcterms:date", K_DC_DATE}, {"dc:date:issued", K_DC_DATE},
  {"dcterms:created", K_DC_DATE}, {"dcterms:issued", K_DC_DATE}, {"dc:date:created", K_DC_DATE},
  {"article:modified_time", K_MOD_TIME}, {"og:article:modified_time", K_MOD_TIME},
  {"article:modified", K_MOD_TIME}, {"og:updated_time", K_OG_UPDATED},
  {"dcterms:modified", K_DC_MODIFIED}, {"last-modified", K_DC_MODIFIED},
  {"datemodified", K_DC_MODIFIED}, {"revised", K_DC_MODIFIED},
  {"article:section", K_SECTION}, {"og:article:section", K_SECTION},
  {"parsely-section", K_PARSELY_SECTION}, {"section", K_SECTION_META},
  {"article-section", K_SECTION_META}, {"category", K_SECTION_META},
  {"article:tag", K_TAG}, {"og:article:tag", K_TAG}, {"news_keywords", K_NEWS_KEYWORDS},
  {"keywords", K_KEYWORDS}, {"parsely-tags", K_PARSELY_TAGS}, {"sailthru:tags", K_SAILTHRU_TAGS},
  {"citation_keywords", K_SAILTHRU_TAGS}, {"dc:subject", K_DC_SUBJECT},
  {"dcterms:subject", K_DC_SUBJECT},
  {"content-language", K_CONTENT_LANG}, {"og:locale", K_OG_LOCALE}, {"language", K_LANGUAGE},
  {"dc:language", K_LANGUAGE}, {"dcterms:language", K_LANGUAGE}, {"citation_language", K_LANGUAGE},
  {"og:image", K_OG_IMAGE}, {"og:image:url", K_OG_IMAGE}, {"og:image:secure_url", K_OG_IMAGE},
  {"twitter:image", K_TW_IMAGE}, {"twitter:image:src", K_TW_IMAGE}, {"thumbnail", K_TW_IMAGE},
  {"og:url", K_OG_URL},
  {"copyright", K_COPYRIGHT}, {"dc:rights", K_DC_RIGHTS}, {"dcterms:rights", K_DC_RIGHTS},
  {"rights", K_DC_RIGHTS},
  {"provider", K_PROVIDER}, {"news_provider", K_PROVIDER}, {"original-source", K_PROVIDER},
  {"syndication-source", K_PROVIDER}, {"source", K_PROVIDER},
};

#define MAXMULTI 64

/* ---- microdata scopes ------------------------------------------------- */
enum { SC_OTHER = 0, SC_ARTICLE, SC_AUTHOR, SC_PUBLISHER, SC_BREADCRUMB };
#define MAXSCOPE 64

/* ---- pass state ------------------------------------------------------- */
#define MAXLD 32
#define MAXHEAD 128

typedef struct ctx {
  const pith_dom *d;
  pith_arena *a;
  const pith_options *o;
  unsigned *hit;
  /* <meta> */
  span k[K__COUNT];
  span multi_tag[MAXMULTI];
  size_t nmulti_tag;
  span multi_author[MAXMULTI]; /* article:author */
  size_t nmulti_author;
  span multi_cit[MAXMULTI]; /* citation_author */
  size_t nmulti_cit;
  span multi_dc[MAXMULTI]; /* dc.creator / dcterms.creator */
  size_t nmulti_dc;
  span multi_subj[MAXMULTI]; /* dc.subject */
  size_t nmulti_subj;
  /* links and the page */
  span html_lang, canonical, link_image;
  uint32_t h1_first, nh1;
  uint32_t heads[MAXHEAD]; /* h1/h2 */
  size_t nheads;
  span time_first, time_pub;
  /* microdata */
  struct { uint32_t start, end; int kind; } scope[MAXSCOPE];
  size_t nscope, scope_overflow_end;
  span md_title, md_name, md_date, md_mod, md_section, md_keywords, md_lang, md_desc, md_image,
      md_url, md_site;
  span md_authors[16];
  uint32_t md_author_par[16]; /* parent of the itemprop=author element */
  size_t nmd_authors;
  /* the visible byline (Readability's _checkByline) */
  uint32_t skip_until, skip_relaxed;
  int byline_checks;
  span dom_byline, dom_byline_relaxed, dom_byline_link;
  span vis_date; /* "YYYY-MM-DD" from a visible date element */
  int date_checks;
  /* JSON-LD */
  pith_json *ld[MAXLD];
  size_t nld, ld_bytes;
  int err;
} ctx;

/* ---- small helpers ---------------------------------------------------- */

static int S_lower_eq(const char *s, size_t n, const char *lit) { return pith_ieq(s, n, lit); }

/* Find word in a space-separated token list (case-insensitive). */
static int S_has_token(const char *s, size_t n, const char *w) {
  size_t wl = strlen(w), i = 0;
  while (i < n) {
    while (i < n && pith_is_space((unsigned char)s[i])) i++;
    size_t b = i;
    while (i < n && !pith_is_space((unsigned char)s[i])) i++;
    if (i - b == wl && pith_ieq(s + b, wl, w)) return 1;
  }
  return 0;
}

/* The JS "textContent" of a node into buf (raw, capped at cap-1 bytes, cut
 * on a character boundary); script/style/noscript/template skipped.
 * Returns the length. */
static size_t S_text_raw2(const pith_dom *d, uint32_t node, char *buf, size_t cap, int *overflow,
                          int spaced) {
  size_t o = 0;
  *overflow = 0;
  uint32_t end = d->nodes[node].end;
  for (uint32_t i = node + 1; i < end;) {
    const pith_node *nd = &d->nodes[i];
    /* spaced: lines as a reader sees them — a newline where a block or a
     * <br> breaks the text, source whitespace as plain spaces */
    if (spaced && nd->tag != PITH_TAG_TEXT && o && o + 1 < cap && buf[o - 1] != '\n' &&
        ((pith_tag_flags[nd->tag] & PITH_TAG_BLOCK) || nd->tag == PITH_TAG_br))
      buf[o++] = '\n';
    if (nd->tag == PITH_TAG_TEXT) {
      size_t n = nd->len;
      if (spaced) {
        size_t k = 0;
        const char *t = d->text.p + nd->off;
        for (; k < n && o + 1 < cap; k++) buf[o++] = pith_is_space((unsigned char)t[k]) ? ' ' : t[k];
        if (k < n) {
          while (o && ((unsigned char)buf[o - 1] & 0xC0) == 0x80) o--;
          if (o && (unsigned char)buf[o - 1] >= 0xC0) o--;
          *overflow = 1;
          break;
        }
        i++;
        continue;
      }
      if (o + n >= cap) {
        n = cap - 1 - o;
        while (n && ((unsigned char)d->text.p[nd->off + n] & 0xC0) == 0x80) n--;
        memcpy(buf + o, d->text.p + nd->off, n);
        o += n;
        *overflow = 1;
        break;
      }
      memcpy(buf + o, d->text.p + nd->off, n);
      o += n;
      i++;
      continue;
    }
    if (nd->tag == PITH_TAG_script || nd->tag == PITH_TAG_style || nd->tag == PITH_TAG_noscript ||
        nd->tag == PITH_TAG_template) {
      i = nd->end;
      continue;
    }
    i++;
  }
  buf[o] = 0;
  return o;
}

static size_t S_text_raw(const pith_dom *d, uint32_t node, char *buf, size_t cap, int *overflow) {
  return S_text_raw2(d, node, buf, cap, overflow, 0);
}

/* Collapsed text content into the arena (capped at 1 KiB of raw text). */
static span S_text_arena(ctx *c, uint32_t node) {
  char buf[1024];
  int of;
  size_t n = S_text_raw(c->d, node, buf, sizeof buf, &of);
  char *p = pith_arena_alloc(c->a, n + 1);
  if (!p) {
    c->err = -PITH_ERR_NOMEM;
    return S_span(NULL, 0);
  }
  n = pith_meta_collapse(p, buf, n);
  return S_span(p, n);
}

/* Length in UTF-16 code units (what JS .length counts). */
static size_t S_u16len(const char *s, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if ((c & 0xC0) != 0x80) k += c >= 0xF0 ? 2 : 1;
  }
  return k;
}

/* JS String.prototype.trim (ASCII whitespace, NBSP, Unicode spaces, BOM). */
static void S_jstrim(const char **s, size_t *n) { pith_trim(s, n); }

/* ---- attributes of one element in one loop ---------------------------- */
typedef struct attrs {
  span cls, id, rel, itemprop, itemtype, style, aria_hidden, role, content, name, property,
      http_equiv, href, src, datetime, type, lang, xml_lang, data_src;
  int itemscope, hidden;
} attrs;

#define NAME_IS(lit) (nl == sizeof(lit) - 1 && !memcmp(nm, lit, sizeof(lit) - 1))

static void S_attrs(const pith_dom *d, uint32_t i, attrs *av) {
  memset(av, 0, sizeof *av);
  const pith_node *nd = &d->nodes[i];
  for (uint32_t k = 0; k < nd->len; k++) {
    const pith_attr *at = &d->attrs[nd->off + k];
    const char *nm = d->text.p + at->name;
    size_t nl = at->nlen;
    span v = S_span(d->text.p + at->value, at->vlen);
    switch (nm[0]) {
    case 'a': if (NAME_IS("aria-hidden")) av->aria_hidden = v; break;
    case 'c':
      if (NAME_IS("class")) av->cls = v;
      else if (NAME_IS("content")) av->content = v;
      break;
    case 'd':
      if (NAME_IS("datetime")) av->datetime = v;
      else if (NAME_IS("data-src")) av->data_src = v;
      break;
    case 'h':
      if (NAME_IS("href")) av->href = v;
      else if (NAME_IS("hidden")) av->hidden = 1;
      else if (NAME_IS("http-equiv")) av->http_equiv = v;
      break;
    case 'i':
      if (NAME_IS("id")) av->id = v;
      else if (NAME_IS("itemprop")) av->itemprop = v;
      else if (NAME_IS("itemtype")) av->itemtype = v;
      else if (NAME_IS("itemscope")) av->itemscope = 1;
      break;
    case 'l': if (NAME_IS("lang")) av->lang = v; break;
    case 'n': if (NAME_IS("name")) av->name = v; break;
    case 'p': if (NAME_IS("property")) av->property = v; break;
    case 'r':
      if (NAME_IS("rel")) av->rel = v;
      else if (NAME_IS("role")) av->role = v;
      break;
    case 's':
      if (NAME_IS("style")) av->style = v;
      else if (NAME_IS("src")) av->src = v;
      break;
    case 't': if (NAME_IS("type")) av->type = v; break;
    case 'x': if (NAME_IS("xml:lang")) av->xml_lang = v; break;
    default: break;
    }
  }
}

/* ---- <meta> ------------------------------------------------------------ */

static int S_key_lookup(const char *s, size_t n) {
  char k[64];
  pith_trim(&s, &n);
  if (!n || n >= sizeof k) return -1;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = pith_lower((unsigned char)s[i]);
    k[i] = c == '.' ? ':' : (char)c;
  }
  k[n] = 0;
  /* "og: title" → strip spaces around ':' */
  size_t o = 0;
  for (size_t i = 0; i < n; i++)
    if (k[i] != ' ' || (o && k[o - 1] != ':' && i + 1 < n && k[i + 1] != ':')) k[o++] = k[i];
  k[o] = 0;
  for (size_t i = 0; i < sizeof S_keys / sizeof S_keys[0]; i++)
    if (!strcmp(S_keys[i].name, k)) return S_keys[i].key;
  return -1;
}

static void S_meta_store(ctx *c, int key, span v) {
  if (key == K_TAG) {
    if (c->nmulti_tag < MAXMULTI) c->multi_tag[c->nmulti_tag++] = v;
    return;
  }
  if (key == K_ARTICLE_AUTHOR && c->nmulti_author < MAXMULTI) c->multi_author[c->nmulti_author++] = v;
  if (key == K_CITATION_AUTHOR && c->nmulti_cit < MAXMULTI) c->multi_cit[c->nmulti_cit++] = v;
  if ((key == K_DC_CREATOR || key == K_DCTERM_CREATOR) && c->nmulti_dc < MAXMULTI)
    c->multi_dc[c->nmulti_dc++] = v;
  if (key == K_DC_SUBJECT && c->nmulti_subj < MAXMULTI) c->multi_subj[c->nmulti_subj++] = v;
  /* Readability keeps the last value of a name; so do we */
  c->k[key] = v;
}

static void S_microdata_prop(ctx *c, uint32_t i, const attrs *av, int kind);

static void S_meta(ctx *c, const attrs *av) {
  span v = av->content;
  const char *vp = v.p;
  size_t vn = v.n;
  if (vp) pith_trim(&vp, &vn);
  if (!vp || !vn) return;
  v = S_span(vp, vn);
  int matched = 0;
  if (av->property.p) {
    /* space-separated list of properties */
    const char *s = av->property.p;
    size_t n = av->property.n, j = 0;
    while (j < n) {
      while (j < n && pith_is_space((unsigned char)s[j])) j++;
      size_t b = j;
      while (j < n && !pith_is_space((unsigned char)s[j])) j++;
      if (j > b) {
        int key = S_key_lookup(s + b, j - b);
        if (key >= 0) {
          S_meta_store(c, key, v);
          matched = 1;
        }
      }
    }
  }
  if (!matched && av->name.p) {
    int key = S_key_lookup(av->name.p, av->name.n);
    if (key >= 0) {
      S_meta_store(c, key, v);
      matched = 1;
    }
  }
  if (av->http_equiv.p && S_lower_eq(av->http_equiv.p, av->http_equiv.n, "content-language"))
    c->k[K_CONTENT_LANG] = v;
}

/* ---- microdata -------------------------------------------------------- */

static int S_type_is(const char *t, size_t n, const char *suffix) {
  size_t sl = strlen(suffix);
  return n >= sl && pith_ieq(t + n - sl, sl, suffix);
}

static int S_scope_kind_from_type(span t) {
  if (!t.p) return SC_OTHER;
  /* itemtype may hold several URLs; look at each */
  const char *s = t.p;
  size_t n = t.n, j = 0;
  while (j < n) {
    while (j < n && pith_is_space((unsigned char)s[j])) j++;
    size_t b = j;
    while (j < n && !pith_is_space((unsigned char)s[j])) j++;
    const char *w = s + b;
    size_t wn = j - b;
    while (wn && w[wn - 1] == '/') wn--;
    if (S_type_is(w, wn, "Article") || S_type_is(w, wn, "Posting") || S_type_is(w, wn, "/Report"))
      return SC_ARTICLE;
    if (S_type_is(w, wn, "/Person")) return SC_AUTHOR;
    if (S_type_is(w, wn, "Organization")) return SC_PUBLISHER;
    if (S_type_is(w, wn, "BreadcrumbList")) return SC_BREADCRUMB;
  }
  return SC_OTHER;
}

/* The value of an itemprop element: content, datetime, href/src, or text. */
static span S_md_value(ctx *c, uint32_t i, const attrs *av, int text_ok) {
  if (av->content.p) return av->content;
  if (av->datetime.p) return av->datetime;
  int tag = c->d->nodes[i].tag;
  if ((tag == PITH_TAG_a || tag == PITH_TAG_link) && av->href.p && !text_ok) return av->href;
  if ((tag == PITH_TAG_img || tag == PITH_TAG_source) && av->src.p) return av->src;
  if (tag == PITH_TAG_meta || tag == PITH_TAG_link) return av->href;
  if (!text_ok) return S_span(NULL, 0);
  return S_text_arena(c, i);
}

static int S_md_prop_is(const attrs *av, const char *w) {
  return av->itemprop.p && S_has_token(av->itemprop.p, av->itemprop.n, w);
}

/* kind: the scope the property belongs to (the enclosing one). */
static void S_microdata_prop(ctx *c, uint32_t i, const attrs *av, int kind) {
  if (kind == SC_AUTHOR) {
    if (S_md_prop_is(av, "name") && c->nmd_authors < 16) {
      span v = S_md_value(c, i, av, 1);
      uint32_t at = c->nscope ? c->scope[c->nscope - 1].start : i;
      c->md_author_par[c->nmd_authors] = c->d->nodes[at].parent;
      if (v.n && v.n < 100) c->md_authors[c->nmd_authors++] = v;
    }
    return;
  }
  if (kind == SC_PUBLISHER) {
    if (S_md_prop_is(av, "name") && !c->md_site.p) c->md_site = S_md_value(c, i, av, 1);
    return;
  }
  if (kind == SC_BREADCRUMB) return;
  if (S_md_prop_is(av, "headline") && !c->md_title.p) c->md_title = S_md_value(c, i, av, 1);
  if (kind == SC_ARTICLE && S_md_prop_is(av, "name") && !c->md_name.p)
    c->md_name = S_md_value(c, i, av, 1);
  if ((S_md_prop_is(av, "author") || S_md_prop_is(av, "creator")) && !av->itemscope &&
      c->nmd_authors < 16) {
    span v = S_md_value(c, i, av, 1);
    c->md_author_par[c->nmd_authors] = c->d->nodes[i].parent;
    if (v.n && v.n < 100) c->md_authors[c->nmd_authors++] = v;
  }
  if (S_md_prop_is(av, "datePublished") && !c->md_date.p) c->md_date = S_md_value(c, i, av, 1);
  if (S_md_prop_is(av, "dateModified") && !c->md_mod.p) c->md_mod = S_md_value(c, i, av, 1);
  if (S_md_prop_is(av, "articleSection") && !c->md_section.p)
    c->md_section = S_md_value(c, i, av, 1);
  if (S_md_prop_is(av, "keywords") && !c->md_keywords.p) c->md_keywords = S_md_value(c, i, av, 1);
  if (S_md_prop_is(av, "inLanguage") && !c->md_lang.p) c->md_lang = S_md_value(c, i, av, 1);
  if (S_md_prop_is(av, "description") && !c->md_desc.p && av->content.p) c->md_desc = av->content;
  if ((S_md_prop_is(av, "image") || S_md_prop_is(av, "thumbnailUrl")) && !c->md_image.p) {
    span v = S_md_value(c, i, av, 0);
    if (!v.p && av->data_src.p) v = av->data_src;
    if (v.p) c->md_image = v;
  }
  if (kind == SC_ARTICLE && S_md_prop_is(av, "url") && !c->md_url.p) c->md_url = S_md_value(c, i, av, 0);
}

/* ---- the visible byline (Readability's rules) ------------------------- */

static int S_style_has(span st, const char *prop, const char *val) {
  if (!st.p) return 0;
  size_t pl = strlen(prop), vl = strlen(val);
  const char *s = st.p;
  size_t n = st.n;
  for (size_t i = 0; i + pl <= n; i++) {
    if (!pith_ieq(s + i, pl, prop)) continue;
    if (i && (s[i - 1] == '-' || ((s[i - 1] | 32) >= 'a' && (s[i - 1] | 32) <= 'z'))) continue;
    size_t j = i + pl;
    while (j < n && s[j] == ' ') j++;
    if (j >= n || s[j] != ':') continue;
    j++;
    while (j < n && s[j] == ' ') j++;
    if (j + vl <= n && pith_ieq(s + j, vl, val)) return 1;
  }
  return 0;
}

static int S_any_of(span s, const char *const *w, size_t nw) {
  if (!s.p || !s.n) return 0;
  for (size_t i = 0; i < nw; i++)
    if (pith_ifind(s.p, s.n, w[i]) >= 0) return 1;
  return 0;
}

/* The class/id words Readability's regexes look for, matched in one scan:
 * W_UNL unlikelyCandidates, W_STRONG the subset that the relaxed scan also
 * avoids, W_MAYBE okMaybeItsACandidate, W_BYLINE byline. */
enum { W_UNL = 1, W_STRONG = 2, W_MAYBE = 4, W_BYLINE = 8, W_DATE = 16 };
static const struct { const char *w; unsigned char f; } S_cwords[] = {
  {"-ad-", W_UNL | W_STRONG}, {"ai2html", W_UNL | W_STRONG}, {"banner", W_UNL},
  {"breadcrumbs", W_UNL}, {"combx", W_UNL}, {"comment", W_UNL | W_STRONG},
  {"community", W_UNL}, {"cover-wrap", W_UNL | W_STRONG}, {"disqus", W_UNL | W_STRONG},
  {"extra", W_UNL}, {"footer", W_UNL | W_STRONG}, {"gdpr", W_UNL | W_STRONG},
  {"header", W_UNL}, {"legends", W_UNL | W_STRONG}, {"menu", W_UNL | W_STRONG},
  {"related", W_UNL | W_STRONG}, {"remark", W_UNL | W_STRONG}, {"replies", W_UNL | W_STRONG},
  {"rss", W_UNL | W_STRONG}, {"shoutbox", W_UNL | W_STRONG}, {"sidebar", W_UNL | W_STRONG},
  {"skyscraper", W_UNL | W_STRONG}, {"social", W_UNL}, {"sponsor", W_UNL | W_STRONG},
  {"supplemental", W_UNL}, {"ad-break", W_UNL | W_STRONG}, {"agegate", W_UNL | W_STRONG},
  {"pagination", W_UNL}, {"pager", W_UNL}, {"popup", W_UNL | W_STRONG},
  {"yom-remote", W_UNL | W_STRONG},
  {"and", W_MAYBE}, {"article", W_MAYBE}, {"body", W_MAYBE}, {"column", W_MAYBE},
  {"content", W_MAYBE}, {"main", W_MAYBE}, {"shadow", W_MAYBE},
  {"byline", W_BYLINE}, {"author", W_BYLINE}, {"dateline", W_BYLINE | W_DATE},
  {"writtenby", W_BYLINE}, {"p-author", W_BYLINE}, {"by-line", W_BYLINE}, {"writer", W_BYLINE},
  {"date", W_DATE}, {"time", W_DATE}, {"publish", W_DATE}, {"posted", W_DATE},
};
#define NCWORDS (sizeof S_cwords / sizeof S_cwords[0])
/* words by first byte: S_cfirst[c] is a bitmask of indices (fits in 64) */
static uint64_t S_cfirst[256];

__attribute__((constructor)) static void S_cwords_init(void) {
  for (size_t i = 0; i < NCWORDS; i++) S_cfirst[(unsigned char)S_cwords[i].w[0]] |= (uint64_t)1 << i;
}

static unsigned S_classify(span s) {
  unsigned f = 0;
  if (!s.p) return 0;
  for (size_t i = 0; i < s.n; i++) {
    uint64_t cand = S_cfirst[pith_lower((unsigned char)s.p[i])];
    while (cand) {
      int k = __builtin_ctzll(cand);
      cand &= cand - 1;
      const char *w = S_cwords[k].w;
      size_t j = 1;
      while (w[j] && i + j < s.n && pith_lower((unsigned char)s.p[i + j]) == (unsigned char)w[j]) j++;
      if (!w[j]) f |= S_cwords[k].f;
    }
  }
  return f;
}

static const char *const S_roles[] = {"menu", "menubar", "complementary", "navigation", "alert",
                                      "alertdialog", "dialog"};

static int S_has_ancestor(const pith_dom *d, uint32_t i, int tag, int maxdepth) {
  uint32_t p = d->nodes[i].parent;
  for (int k = 0; k < maxdepth && p; k++, p = d->nodes[p].parent)
    if (d->nodes[p].tag == tag) return 1;
  return 0;
}

#ifdef PITH_META_DEBUG
#define DBG(...) fprintf(stderr, __VA_ARGS__)
#else
#define DBG(...) ((void)0)
#endif

/* Readability strips unlikely candidates on its first attempt and reads
 * everything on a retry; the relaxed scan stands in for the retry but still
 * avoids the plainly wrong places (comments, footers, sidebars, menus). */
/* Try node i as a byline; on success store it in *out. */
static int S_try_byline(ctx *c, uint32_t i, span *out) {
  if (c->byline_checks >= 128) return 0;
  c->byline_checks++;
  char buf[512];
  int of;
  size_t n = S_text_raw(c->d, i, buf, sizeof buf, &of);
  const char *t = buf;
  S_jstrim(&t, &n);
  DBG("  byline cand [%.*s] of=%d\n", (int)n, t, of);
  if (of || !n || S_u16len(t, n) >= 100) return 0;
  /* the value keeps words apart where blocks and <br> separate them */
  n = S_text_raw2(c->d, i, buf, sizeof buf, &of, 1);
  t = buf;
  S_jstrim(&t, &n);
  char *p = pith_arena_strndup(c->a, t, n);
  if (!p) {
    c->err = -PITH_ERR_NOMEM;
    return 0;
  }
  *out = S_span(p, n);
  return 1;
}

static int S_unlikely_node(const pith_dom *d, uint32_t i, unsigned cf, unsigned flag) {
  const pith_node *nd = &d->nodes[i];
  if (nd->tag == PITH_TAG_body || nd->tag == PITH_TAG_a) return 0;
  if (!(cf & flag) || (cf & W_MAYBE)) return 0;
  if (S_has_ancestor(d, i, PITH_TAG_table, 3) || S_has_ancestor(d, i, PITH_TAG_code, 3)) return 0;
  return 1;
}

/* Links to an author page ("/authors/jane-roe"): a byline even when the
 * classes say nothing (hashed CSS class names). */
static int S_author_href(span h) {
  static const char *const paths[] = {"author/", "authors/", "staff/", "people/", "writers/",
                                      "writer/", "columnists/", "columnist/", "contributors/",
                                      "contributor/", "reporters/", "reporter/", "journalist/",
                                      "journalists/", "autor/", "autoren/", "auteur/",
                                      "auteurs/", "redacteur/", "byline/"};
  if (!h.p || h.n > 2048) return 0;
  /* one scan: at each '/', does an author-page segment follow? */
  for (size_t i = 0; i + 1 < h.n; i++) {
    if (h.p[i] != '/') continue;
    unsigned char c0 = pith_lower((unsigned char)h.p[i + 1]);
    if (c0 != 'a' && c0 != 's' && c0 != 'p' && c0 != 'w' && c0 != 'c' && c0 != 'r' && c0 != 'j' && c0 != 'b')
      continue;
    for (size_t k = 0; k < sizeof paths / sizeof paths[0]; k++)
      if (pith_istarts(h.p + i + 1, h.n - i - 1, paths[k])) return 1;
  }
  return 0;
}

static void S_try_link(ctx *c, uint32_t i) {
  const pith_dom *d = c->d;
  if (c->byline_checks >= 128) return;
  c->byline_checks++;
  char buf[512];
  int of;
  size_t n = S_text_raw(d, i, buf, 256, &of);
  if (of) return;
  n = pith_meta_collapse(buf, buf, n);
  if (!n || !pith_byline_is_person(buf, n)) return;
  /* the line around the link ("By <a>Jane Roe</a>"), when it is short */
  uint32_t p = d->nodes[i].parent;
  uint32_t use = i;
  if (p && d->nodes[p].tag != PITH_TAG_body && d->nodes[p].tag != PITH_TAG_ROOT) {
    size_t pn = S_text_raw(d, p, buf, sizeof buf, &of);
    const char *t = buf;
    S_jstrim(&t, &pn);
    if (!of && pn && S_u16len(t, pn) < 100) use = p;
  }
  n = S_text_raw2(d, use, buf, sizeof buf, &of, 1);
  const char *t = buf;
  S_jstrim(&t, &n);
  char *q = pith_arena_strndup(c->a, t, n);
  if (!q) {
    c->err = -PITH_ERR_NOMEM;
    return;
  }
  c->dom_byline_link = S_span(q, n);
}

/* A short element whose text is a date ("<p class=dateline>May 6, 2024</p>"). */
static void S_try_date(ctx *c, uint32_t i) {
  c->date_checks++;
  char buf[200];
  int of;
  size_t n = S_text_raw(c->d, i, buf, sizeof buf, &of);
  if (of || !n) return;
  char iso[40];
  if (!pith_date_parse(buf, n, iso)) return;
  char *q = pith_arena_strndup(c->a, iso, 10);
  if (!q) {
    c->err = -PITH_ERR_NOMEM;
    return;
  }
  c->vis_date = S_span(q, 10);
}

static void S_byline_scan(ctx *c, uint32_t i, const attrs *av) {
  const pith_dom *d = c->d;
  const pith_node *nd = &d->nodes[i];
  /* once the byline is found, read on only for a visible date, and only
   * while no machine-readable date has turned up */
  if (c->dom_byline.p && (c->vis_date.p || c->k[K_PUB_TIME].p || c->k[K_DATE].p ||
                          c->md_date.p || c->time_pub.p))
    return;
  int strict = i >= c->skip_until, relaxed = i >= c->skip_relaxed;
  if (!strict && !relaxed) return;
  DBG("node %u <%s class=%.*s id=%.*s> strict=%d\n", i, pith_tag_names[nd->tag], (int)av->cls.n,
      av->cls.p ? av->cls.p : "", (int)av->id.n, av->id.p ? av->id.p : "", strict);
  /* hidden subtrees are never read */
  if (S_style_has(av->style, "display", "none") || S_style_has(av->style, "visibility", "hidden") ||
      av->hidden ||
      (av->aria_hidden.p && S_lower_eq(av->aria_hidden.p, av->aria_hidden.n, "true") &&
       !(av->cls.p && pith_ifind(av->cls.p, av->cls.n, "fallback-image") >= 0))) {
    if (strict) c->skip_until = nd->end;
    if (relaxed) c->skip_relaxed = nd->end;
    DBG("  hidden\n");
    return;
  }
  unsigned cf = S_classify(av->cls) | S_classify(av->id);
  if (!c->dom_byline.p &&
      ((cf & W_BYLINE) || (av->rel.p && S_lower_eq(av->rel.p, av->rel.n, "author")) ||
       (av->itemprop.p && pith_ifind(av->itemprop.p, av->itemprop.n, "author") >= 0))) {
    if (strict) {
      if (S_try_byline(c, i, &c->dom_byline)) {
        c->skip_until = nd->end;
        return;
      }
    } else if (!c->dom_byline_relaxed.p) {
      if (S_try_byline(c, i, &c->dom_byline_relaxed)) return;
    }
  }
  if (!c->dom_byline.p && relaxed && !c->dom_byline_link.p && nd->tag == PITH_TAG_a &&
      S_author_href(av->href))
    S_try_link(c, i);
  if (relaxed && !c->vis_date.p && (cf & W_DATE) && c->date_checks < 32) S_try_date(c, i);
  int unl = 0;
  if (relaxed && S_unlikely_node(d, i, cf, W_STRONG)) {
    c->skip_relaxed = nd->end;
    unl = 1;
  }
  if (strict && (unl || S_unlikely_node(d, i, cf, W_UNL))) {
    c->skip_until = nd->end;
    DBG("  unlikely\n");
    return;
  }
  if (strict && av->role.p) {
    for (size_t k = 0; k < sizeof S_roles / sizeof *S_roles; k++)
      if (pith_ieq(av->role.p, av->role.n, S_roles[k])) {
        c->skip_until = nd->end;
        c->skip_relaxed = nd->end;
        return;
      }
  }
}

/* ---- JSON-LD ---------------------------------------------------------- */

static void S_jsonld_block(ctx *c, uint32_t i) {
  const pith_dom *d = c->d;
  const pith_node *nd = &d->nodes[i];
  if (c->nld >= MAXLD) return;
  /* the script's text: usually one text node */
  size_t total = 0, ntext = 0;
  uint32_t only = 0;
  for (uint32_t k = i + 1; k < nd->end; k++)
    if (d->nodes[k].tag == PITH_TAG_TEXT) {
      total += d->nodes[k].len;
      ntext++;
      only = k;
    }
  if (!total) return;
  size_t maxb = c->o && c->o->max_jsonld_bytes ? c->o->max_jsonld_bytes : (size_t)1 << 20;
  size_t maxd = c->o && c->o->max_jsonld_depth ? c->o->max_jsonld_depth : 64;
  /* one block over the cap, or more JSON-LD in all than four blocks' worth */
  if (total > maxb || c->ld_bytes + total > 4 * maxb) {
    if (c->hit) *c->hit |= PITH_HIT_JSONLD;
    return;
  }
  c->ld_bytes += total;
  const char *text;
  if (ntext == 1) {
    text = d->text.p + d->nodes[only].off;
  } else {
    char *t = pith_arena_alloc(c->a, total + 1);
    if (!t) {
      c->err = -PITH_ERR_NOMEM;
      return;
    }
    size_t o = 0;
    for (uint32_t k = i + 1; k < nd->end; k++)
      if (d->nodes[k].tag == PITH_TAG_TEXT) {
        memcpy(t + o, d->text.p + d->nodes[k].off, d->nodes[k].len);
        o += d->nodes[k].len;
      }
    text = t;
  }
  pith_json *root = NULL;
  int r = pith_json_parse(text, total, c->a, maxd, maxb, &root);
  if (r < 0) {
    c->err = r;
    return;
  }
  if (r == PITH_JSON_LIMIT && c->hit) *c->hit |= PITH_HIT_JSONLD;
  if (r == 0 && root) c->ld[c->nld++] = root;
}

enum { LT_OTHER = 0, LT_ARTICLE, LT_PAGE, LT_SITE, LT_ORG, LT_PERSON, LT_CRUMBS };

static int S_ld_type1(const char *t, size_t n) {
  /* strip "http://schema.org/" or "schema:" */
  for (size_t i = n; i-- > 0;)
    if (t[i] == '/' || t[i] == ':' || t[i] == '#') {
      t += i + 1;
      n -= i + 1;
      break;
    }
  if (!n) return LT_OTHER;
  if (S_type_is(t, n, "Article") || S_type_is(t, n, "Posting") || pith_ieq(t, n, "Report") ||
      pith_ieq(t, n, "APIReference"))
    return LT_ARTICLE;
  if (pith_ieq(t, n, "WebSite")) return LT_SITE;
  if (S_type_is(t, n, "Page")) return LT_PAGE;
  if (S_type_is(t, n, "Organization") || pith_ieq(t, n, "Corporation") ||
      pith_ieq(t, n, "NewsMediaOrganization"))
    return LT_ORG;
  if (pith_ieq(t, n, "Person")) return LT_PERSON;
  if (pith_ieq(t, n, "BreadcrumbList")) return LT_CRUMBS;
  return LT_OTHER;
}

static int S_ld_type(const pith_json *o) {
  const pith_json *t = pith_json_get(o, "@type");
  if (!t) return LT_OTHER;
  if (t->type == PITH_JSON_STR) return S_ld_type1(t->s, t->len);
  if (t->type == PITH_JSON_ARR) {
    int best = LT_OTHER;
    for (const pith_json *e = t->child; e; e = e->next)
      if (e->type == PITH_JSON_STR) {
        int k = S_ld_type1(e->s, e->len);
        if (k == LT_ARTICLE) return k;
        if (!best) best = k;
      }
    return best;
  }
  return LT_OTHER;
}

#define MAXIDS 256
typedef struct ldinfo {
  const pith_json *article, *page, *site, *org, *crumbs;
  const pith_json *ids[MAXIDS];
  size_t nids;
  size_t visited;
} ldinfo;

static void S_ld_visit(ldinfo *L, const pith_json *v, int depth) {
  if (!v || depth > 4 || L->visited > 4096) return;
  L->visited++;
  if (v->type == PITH_JSON_ARR) {
    for (const pith_json *e = v->child; e; e = e->next) S_ld_visit(L, e, depth + 1);
    return;
  }
  if (v->type != PITH_JSON_OBJ) return;
  const pith_json *id = pith_json_get(v, "@id");
  if (id && id->type == PITH_JSON_STR && v->len > 1 && L->nids < MAXIDS) L->ids[L->nids++] = v;
  switch (S_ld_type(v)) {
  case LT_ARTICLE: if (!L->article) L->article = v; break;
  case LT_PAGE: if (!L->page) L->page = v; break;
  case LT_SITE: if (!L->site) L->site = v; break;
  case LT_ORG: if (!L->org) L->org = v; break;
  case LT_CRUMBS: if (!L->crumbs) L->crumbs = v; break;
  default: break;
  }
  const pith_json *g = pith_json_get(v, "@graph");
  if (g) S_ld_visit(L, g, depth + 1);
  const pith_json *me = pith_json_get(v, "mainEntity");
  if (me && (me->type == PITH_JSON_OBJ || me->type == PITH_JSON_ARR)) S_ld_visit(L, me, depth + 1);
}

/* Follow {"@id": ...} references to the full object in the page's graphs. */
static const pith_json *S_ld_resolve(const ldinfo *L, const pith_json *v) {
  if (!v || v->type != PITH_JSON_OBJ) return v;
  if (pith_json_get(v, "name")) return v;
  const pith_json *id = pith_json_get(v, "@id");
  if (!id || id->type != PITH_JSON_STR) return v;
  for (size_t i = 0; i < L->nids; i++) {
    const pith_json *x = pith_json_get(L->ids[i], "@id");
    if (x && x->len == id->len && !memcmp(x->s, id->s, id->len) && L->ids[i] != v) return L->ids[i];
  }
  return v;
}

static span S_ld_str(const pith_json *o, const char *key) {
  size_t n;
  const char *s = pith_json_str(pith_json_get(o, key), &n);
  if (!s) return S_span(NULL, 0);
  pith_trim(&s, &n);
  return S_span(s, n);
}

/* name of an object (after resolving), or the string itself */
static span S_ld_name(const ldinfo *L, const pith_json *v) {
  if (!v) return S_span(NULL, 0);
  if (v->type == PITH_JSON_STR) {
    const char *s = v->s;
    size_t n = v->len;
    pith_trim(&s, &n);
    return S_span(s, n);
  }
  if (v->type == PITH_JSON_ARR) return S_ld_name(L, v->child);
  v = S_ld_resolve(L, v);
  return S_ld_str(v, "name");
}

/* first string of a string / array / object with url|@id|contentUrl */
static span S_ld_url(const ldinfo *L, const pith_json *v) {
  if (!v) return S_span(NULL, 0);
  if (v->type == PITH_JSON_STR) return S_span(v->s, v->len);
  if (v->type == PITH_JSON_ARR) return S_ld_url(L, v->child);
  if (v->type == PITH_JSON_OBJ) {
    span s = S_ld_str(v, "url");
    if (!s.p) s = S_ld_str(v, "contentUrl");
    if (!s.p) s = S_ld_str(v, "@id");
    return s;
  }
  return S_span(NULL, 0);
}

/* ---- Readability-style text similarity -------------------------------- */

typedef struct wtok {
  const char *p;
  size_t n;
} wtok;

static int S_jsword(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static size_t S_wtoks(const char *s, size_t n, wtok *t, size_t max) {
  size_t k = 0, i = 0;
  while (i < n && k < max) {
    while (i < n && !S_jsword((unsigned char)s[i])) i++;
    size_t b = i;
    while (i < n && S_jsword((unsigned char)s[i])) i++;
    if (i > b) t[k].p = s + b, t[k].n = i - b, k++;
  }
  return k;
}

static int S_wteq(const wtok *x, const wtok *y) {
  if (x->n != y->n) return 0;
  for (size_t q = 0; q < x->n; q++)
    if (pith_lower((unsigned char)x->p[q]) != pith_lower((unsigned char)y->p[q])) return 0;
  return 1;
}

/* 1 - (length of b's words not in a) / (length of b's words), words joined
 * by single spaces; 0 when either has no words. */
static double S_similarity(const char *a, size_t an, const char *b, size_t bn) {
  wtok ta[128], tb[128];
  size_t na = S_wtoks(a, an, ta, 128), nb = S_wtoks(b, bn, tb, 128);
  if (!na || !nb) return 0;
  size_t all = 0, uniq = 0, nu = 0;
  for (size_t j = 0; j < nb; j++) {
    all += tb[j].n;
    int found = 0;
    for (size_t i = 0; i < na && !found; i++) found = S_wteq(&ta[i], &tb[j]);
    if (!found) uniq += tb[j].n, nu++;
  }
  all += nb - 1;
  if (nu) uniq += nu - 1;
  return 1.0 - (double)uniq / (double)all;
}

/* ---- the <title> heuristics (Readability's _getArticleTitle) ----------- */

static int S_is_sep(unsigned char c) { return c == '|' || c == '-' || c == '\\' || c == '/' || c == '>'; }
/* » is C2 BB */
static size_t S_sep_at(const char *s, size_t n, size_t i, int hier_only) {
  unsigned char c = (unsigned char)s[i];
  if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xBB) return 2;
  if (hier_only) return (c == '\\' || c == '/' || c == '>') ? 1 : 0;
  return S_is_sep(c) ? 1 : 0;
}

/* JS str.split(/\s+/).length */
static size_t S_wordcount(const char *s, size_t n) {
  size_t k = 1, i = 0;
  while (i < n) {
    if (pith_is_space((unsigned char)s[i])) {
      k++;
      while (i < n && pith_is_space((unsigned char)s[i])) i++;
    } else {
      i++;
    }
  }
  return k;
}

static int S_heading_equals(ctx *c, const char *t, size_t tn) {
  char buf[1024];
  for (size_t h = 0; h < c->nheads; h++) {
    int of;
    size_t n = S_text_raw(c->d, c->heads[h], buf, sizeof buf, &of);
    if (of) continue;
    const char *p = buf;
    pith_trim(&p, &n);
    char tmp[1024];
    n = pith_meta_collapse(tmp, p, n);
    if (n == tn && !memcmp(tmp, t, n)) return 1;
  }
  return 0;
}

/* Writes the cleaned title to out (cap bytes); returns its length. */
static size_t S_article_title(ctx *c, const char *orig, size_t on, char *out, size_t cap) {
  if (on >= cap) on = cap - 1;
  const char *cur = orig;
  size_t cn = on;
  int hier = 0;
  char h1buf[1024];
  /* " [|-\/>»] " somewhere */
  int has_sep = 0;
  for (size_t i = 1; i + 2 < on && !has_sep; i++) {
    if (orig[i - 1] != ' ') continue;
    size_t w = S_sep_at(orig, on, i, 0);
    if (w && i + w < on && orig[i + w] == ' ') has_sep = 1;
  }
  if (has_sep) {
    for (size_t i = 1; i + 2 < on; i++) {
      if (orig[i - 1] != ' ') continue;
      size_t w = S_sep_at(orig, on, i, 1);
      if (w && i + w < on && orig[i + w] == ' ') hier = 1;
    }
    /* (.*)[sep] .*  -> text before the last "sep + space" */
    size_t last = (size_t)-1;
    for (size_t i = 0; i + 1 < on; i++) {
      size_t w = S_sep_at(orig, on, i, 0);
      if (w && i + w < on && orig[i + w] == ' ') last = i;
    }
    if (last != (size_t)-1) cn = last;
    if (S_wordcount(cur, cn) < 3) {
      /* [^sep]*[sep](.*) -> text after the first separator */
      for (size_t i = 0; i < on; i++) {
        size_t w = S_sep_at(orig, on, i, 0);
        if (w) {
          cur = orig + i + w;
          cn = on - i - w;
          break;
        }
      }
    }
  } else if (pith_ifind(orig, on, ": ") >= 0) {
    if (!S_heading_equals(c, orig, on)) {
      size_t lastc = 0, firstc = (size_t)-1;
      for (size_t i = 0; i < on; i++)
        if (orig[i] == ':') {
          lastc = i;
          if (firstc == (size_t)-1) firstc = i;
        }
      cur = orig + lastc + 1;
      cn = on - lastc - 1;
      if (S_wordcount(cur, cn) < 3) {
        cur = orig + firstc + 1;
        cn = on - firstc - 1;
      } else if (S_wordcount(orig, firstc) > 5) {
        cur = orig;
        cn = on;
      }
    }
  } else {
    size_t u = S_u16len(orig, on);
    if ((u > 150 || u < 15) && c->nh1 == 1) {
      int of;
      size_t n = S_text_raw(c->d, c->h1_first, h1buf, sizeof h1buf, &of);
      const char *p = h1buf;
      pith_trim(&p, &n);
      cur = p;
      cn = n;
    }
  }
  pith_trim(&cur, &cn);
  char *tmp = out;
  size_t tn = pith_meta_collapse(tmp, cur, cn);
  size_t wc = S_wordcount(tmp, tn);
  if (wc <= 4) {
    /* orig with separators removed: word count */
    char nos[1024];
    size_t k = 0;
    for (size_t i = 0; i < on && k + 1 < sizeof nos;) {
      size_t w = S_sep_at(orig, on, i, 0);
      if (w) {
        i += w;
        continue;
      }
      nos[k++] = orig[i++];
    }
    /* a short title stays whole (Readability), unless the page's own
     * headline says the short part is the title */
    if ((!hier || wc != S_wordcount(nos, k) - 1) && !(tn < on && wc >= 2 && S_heading_equals(c, tmp, tn))) {
      memmove(out, orig, on);
      out[on] = 0;
      return on;
    }
  }
  return tn;
}

/* ---- value clean-up ------------------------------------------------------ */

/* Readability unescapes &quot; &amp; &apos; &lt; &gt; and numeric references
 * in metadata (values escaped twice). Returns an arena copy (or the input
 * when there is nothing to do). */
static span S_unescape(ctx *c, span v) {
  if (!v.p || !memchr(v.p, '&', v.n)) return v;
  char *o = pith_arena_alloc(c->a, v.n + 1);
  if (!o) {
    c->err = -PITH_ERR_NOMEM;
    return S_span(NULL, 0);
  }
  size_t k = 0;
  for (size_t i = 0; i < v.n;) {
    if (v.p[i] == '&') {
      /* Readability's five, and a few that pages double-escape often */
      static const struct { const char *e, *c; } E[] = {
        {"&quot;", "\""}, {"&amp;", "&"}, {"&apos;", "'"}, {"&lt;", "<"}, {"&gt;", ">"},
        {"&nbsp;", "\xc2\xa0"}, {"&hellip;", "\xe2\x80\xa6"}, {"&mdash;", "\xe2\x80\x94"},
        {"&ndash;", "\xe2\x80\x93"}, {"&rsquo;", "\xe2\x80\x99"}, {"&lsquo;", "\xe2\x80\x98"},
        {"&ldquo;", "\xe2\x80\x9c"}, {"&rdquo;", "\xe2\x80\x9d"}, {"&#039;", "'"}};
      int done = 0;
      for (size_t e = 0; e < sizeof E / sizeof E[0] && !done; e++) {
        size_t el = strlen(E[e].e), cl = strlen(E[e].c);
        if (i + el <= v.n && !memcmp(v.p + i, E[e].e, el)) {
          memcpy(o + k, E[e].c, cl); /* never longer than the reference */
          k += cl;
          i += el;
          done = 1;
        }
      }
      if (!done && i + 3 < v.n && v.p[i + 1] == '#') {
        size_t j = i + 2;
        int hex = 0;
        if (v.p[j] == 'x' || v.p[j] == 'X') hex = 1, j++;
        uint32_t cp = 0;
        size_t digits = 0;
        while (j < v.n && digits < 8) {
          char ch = v.p[j];
          int dv;
          if (ch >= '0' && ch <= '9') dv = ch - '0';
          else if (hex && (ch | 32) >= 'a' && (ch | 32) <= 'f') dv = (ch | 32) - 'a' + 10;
          else break;
          cp = cp * (hex ? 16 : 10) + (uint32_t)dv;
          digits++;
          j++;
        }
        if (digits && j < v.n && v.p[j] == ';') {
          if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
          char u[4];
          int ul = pith_utf8_encode(cp, u);
          if ((size_t)ul <= j + 1 - i) { /* never longer than the reference */
            memcpy(o + k, u, (size_t)ul);
            k += (size_t)ul;
            i = j + 1;
            done = 1;
          }
        }
      }
      if (done) continue;
    }
    o[k++] = v.p[i++];
  }
  o[k] = 0;
  return S_span(o, k);
}

static int S_is_url(span v) {
  return v.p && (pith_istarts(v.p, v.n, "http://") || pith_istarts(v.p, v.n, "https://") ||
                 pith_istarts(v.p, v.n, "//") || pith_istarts(v.p, v.n, "www."));
}

static int S_set(ctx *c, pith_meta *m, pith_field f, span v, int pri, const char *src) {
  if (!v.p || !v.n) return 0;
  int r = pith_meta_set(m, c->a, f, v.p, v.n, pri, src);
  if (r < 0) c->err = r;
  return r;
}

/* Language tags: "en_US" -> "en-US", "EN" -> "en", "de-de" -> "de-DE". */
size_t pith_lang_normalize(const char *s, size_t n, char out[16]) {
  out[0] = 0;
  if (!s) return 0;
  pith_trim(&s, &n);
  /* first of a list ("en, fr") */
  size_t e = 0;
  while (e < n && s[e] != ',' && s[e] != ';' && s[e] != ' ') e++;
  n = e;
  if (n < 2 || n > 15) return 0;
  size_t k = 0, part = 0, plen = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '_' || c == '-') {
      if (!plen) return 0;
      out[k++] = '-';
      part++;
      plen = 0;
      continue;
    }
    if (!((c | 32) >= 'a' && (c | 32) <= 'z') && !(c >= '0' && c <= '9')) return 0;
    if (part == 0) c = pith_lower(c);
    out[k++] = (char)c;
    plen++;
  }
  if (!plen) return 0;
  out[k] = 0;
  /* primary subtag: 2-3 letters */
  size_t p0 = 0;
  while (p0 < k && out[p0] != '-') p0++;
  if (p0 < 2 || p0 > 3) return 0;
  for (size_t i = 0; i < p0; i++)
    if (!(out[i] >= 'a' && out[i] <= 'z')) return 0;
  /* region subtags of two letters in upper case, script subtags title case */
  size_t i = p0;
  while (i < k) {
    size_t b = i + 1, j = b;
    while (j < k && out[j] != '-') j++;
    size_t l = j - b;
    for (size_t q = b; q < j; q++) {
      if (l == 2) out[q] = (char)((out[q] >= 'a' && out[q] <= 'z') ? out[q] - 32 : out[q]);
      else if (l == 4) out[q] = (char)(q == b ? ((out[q] >= 'a' && out[q] <= 'z') ? out[q] - 32 : out[q])
                                              : (char)pith_lower((unsigned char)out[q]));
      else out[q] = (char)pith_lower((unsigned char)out[q]);
    }
    i = j;
  }
  return k;
}

/* A url's host without "www." (for the last-resort site name). */
static span S_url_host(const char *url) {
  if (!url) return S_span(NULL, 0);
  const char *p = strstr(url, "://");
  if (!p) return S_span(NULL, 0);
  p += 3;
  const char *e = p;
  while (*e && *e != '/' && *e != ':' && *e != '?' && *e != '#') e++;
  const char *at = memchr(p, '@', (size_t)(e - p));
  if (at) p = at + 1;
  if (e - p > 4 && pith_istarts(p, (size_t)(e - p), "www.")) p += 4;
  if (e <= p) return S_span(NULL, 0);
  return S_span(p, (size_t)(e - p));
}

/* Resolve a possibly relative URL against the page URL into the arena. */
static span S_abs_url(ctx *c, span v, const char *base) {
  if (!v.p || !v.n) return v;
  const char *s = v.p;
  size_t n = v.n;
  pith_trim(&s, &n);
  v = S_span(s, n);
  if (pith_istarts(s, n, "http://") || pith_istarts(s, n, "https://")) return v;
  if (!base || !strstr(base, "://")) return (n && s[0] == '/' && !(n > 1 && s[1] == '/')) ? S_span(NULL, 0) : v;
  const char *colon = strstr(base, "://");
  size_t schemelen = (size_t)(colon - base);
  size_t need;
  char *o;
  if (n >= 2 && s[0] == '/' && s[1] == '/') {
    need = schemelen + 1 + n;
    o = pith_arena_alloc(c->a, need + 1);
    if (!o) return c->err = -PITH_ERR_NOMEM, S_span(NULL, 0);
    memcpy(o, base, schemelen + 1);
    memcpy(o + schemelen + 1, s, n);
    o[need] = 0;
    return S_span(o, need);
  }
  if (n && s[0] == '/') {
    const char *h = colon + 3;
    while (*h && *h != '/' && *h != '?' && *h != '#') h++;
    size_t bl = (size_t)(h - base);
    need = bl + n;
    o = pith_arena_alloc(c->a, need + 1);
    if (!o) return c->err = -PITH_ERR_NOMEM, S_span(NULL, 0);
    memcpy(o, base, bl);
    memcpy(o + bl, s, n);
    o[need] = 0;
    return S_span(o, need);
  }
  return S_span(NULL, 0); /* other relative forms: not worth guessing */
}

/* ---- resolving the fields -------------------------------------------- */

static int S_span_ieq(span a, span b) {
  if (!a.p || !b.p) return 0;
  pith_trim(&a.p, &a.n);
  pith_trim(&b.p, &b.n);
  if (a.n != b.n) return 0;
  for (size_t i = 0; i < a.n; i++)
    if (pith_lower((unsigned char)a.p[i]) != pith_lower((unsigned char)b.p[i])) return 0;
  return 1;
}

typedef struct cand {
  span v;
  int pri;
  const char *src;
} cand;

typedef struct cands {
  cand v[40];
  size_t n;
} cands;

static void S_add(cands *cs, span v, int pri, const char *src) {
  if (!v.p) return;
  pith_trim(&v.p, &v.n);
  if (!v.n || cs->n >= sizeof cs->v / sizeof cs->v[0]) return;
  cs->v[cs->n].v = v;
  cs->v[cs->n].pri = pri;
  cs->v[cs->n].src = src;
  cs->n++;
}

/* First candidate wins (after HTML unescaping). */
static void S_pick_text(ctx *c, pith_meta *m, pith_field f, const cands *cs) {
  for (size_t i = 0; i < cs->n && !c->err; i++) {
    span v = S_unescape(c, cs->v[i].v);
    if (!v.p) return;
    pith_trim(&v.p, &v.n);
    if (!v.n) continue;
    S_set(c, m, f, v, cs->v[i].pri, cs->v[i].src);
    return;
  }
}


/* The first candidate that reads as a date, always in the one shape
 * pith_date_parse writes (even an ISO 8601 value is rewritten: pages write
 * "+0000", ".000Z", "Z" and "+00:00" for the same instant). */
static void S_pick_date(ctx *c, pith_meta *m, pith_field f, const cands *cs) {
  char iso[40];
  for (size_t i = 0; i < cs->n && !c->err; i++) {
    span v = cs->v[i].v;
    if (!pith_date_parse(v.p, v.n, iso)) continue;
    S_set(c, m, f, S_span(iso, strlen(iso)), cs->v[i].pri, cs->v[i].src);
    return;
  }
}

static void S_pick_url(ctx *c, pith_meta *m, pith_field f, const cands *cs, const char *base) {
  for (size_t i = 0; i < cs->n && !c->err; i++) {
    span v = S_abs_url(c, cs->v[i].v, base);
    if (!v.p || !v.n) continue;
    if (!(pith_istarts(v.p, v.n, "http://") || pith_istarts(v.p, v.n, "https://"))) continue;
    if (memchr(v.p, ' ', v.n) || memchr(v.p, '\n', v.n)) continue;
    S_set(c, m, f, v, cs->v[i].pri, cs->v[i].src);
    return;
  }
}

/* JSON-LD value that may be a string, a number (epoch) or an array of them */
static span S_ld_scalar(ctx *c, const pith_json *v) {
  if (!v) return S_span(NULL, 0);
  if (v->type == PITH_JSON_ARR) v = v->child;
  if (!v) return S_span(NULL, 0);
  if (v->type == PITH_JSON_STR || v->type == PITH_JSON_NUM) return S_span(v->s, v->len);
  (void)c;
  return S_span(NULL, 0);
}

/* The end of the next tag in v from i: the first ',', ';' or '|' outside
 * parentheses and brackets ("Smith (1950, 2001)" is one tag). A bracket
 * that is never closed does not count, so "a (b, c" splits as before. */
static size_t S_tag_end(span v, size_t i) {
  int depth = 0;
  size_t b = i;
  for (; i < v.n; i++) {
    char ch = v.p[i];
    if (ch == '(' || ch == '[') depth++;
    else if ((ch == ')' || ch == ']') && depth > 0) depth--;
    else if (!depth && (ch == ',' || ch == ';' || ch == '|')) break;
  }
  if (depth > 0)
    for (i = b; i < v.n && v.p[i] != ',' && v.p[i] != ';' && v.p[i] != '|'; i++) {}
  return i;
}

/* A library-catalogue name heading split at its comma: the first part is
 * one capitalised word ("Beshear") and the next part ends in a parenthesised
 * group holding a year ("Andrew G (1977- )"). Judged by shape only. */
static int S_name_inversion(const char *a, size_t an, const char *b, size_t bn) {
  if (!an || an > 40 || !(a[0] >= 'A' && a[0] <= 'Z') || memchr(a, ' ', an)) return 0;
  if (bn < 6 || b[bn - 1] != ')') return 0;
  const char *open = NULL;
  for (size_t i = bn; i-- > 0;)
    if (b[i] == '(') { open = b + i; break; }
  if (!open || open == b) return 0;
  int run = 0;
  for (const char *q = open; q < b + bn; q++) {
    run = (*q >= '0' && *q <= '9') ? run + 1 : 0;
    if (run == 4) return 1;
  }
  return 0;
}

/* Tags from one value. split: a comma-separated string (meta keywords,
 * a JSON-LD keywords string); 0 for one element of a JSON-LD keywords
 * array, which is a whole tag whatever it holds. */
static void S_tags_from(ctx *c, pith_meta *m, span v, int split, int pri, const char *src, int *claimed) {
  if (!v.p || !v.n) return;
  v = S_unescape(c, v);
  if (!v.p) return;
  size_t i = 0;
  while (i < v.n && !c->err) {
    size_t b = i;
    i = split ? S_tag_end(v, i) : v.n;
    const char *t = v.p + b;
    size_t tn = i - b;
    if (split && i < v.n && v.p[i] == ',') {
      size_t j = S_tag_end(v, i + 1);
      const char *u = v.p + i + 1, *h = t;
      size_t un = j - i - 1, hn = tn;
      pith_trim(&u, &un);
      pith_trim(&h, &hn);
      if (S_name_inversion(h, hn, u, un)) i = j, tn = i - b;
    }
    i++;
    pith_trim(&t, &tn);
    if (!tn || tn > 100) continue;
    if (!*claimed) {
      if (!pith_meta_list_claim(m, PITH_L_TAGS, pri, src)) return;
      *claimed = 1;
    }
    if (m->l[PITH_L_TAGS].n >= 64) return;
    int r = pith_meta_list_add(m, c->a, PITH_L_TAGS, t, tn);
    if (r < 0) c->err = r;
  }
}

/* The last segment of a "Title | Site" title, when it is short. */
static span S_title_site(span t) {
  static const char *seps[] = {" | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " :: ", " \xc2\xb7 ",
                               " \xc2\xbb ", " // "};
  if (!t.p) return S_span(NULL, 0);
  size_t best = 0, bw = 0;
  for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
    size_t sl = strlen(seps[k]);
    for (size_t i = 0; i + sl <= t.n; i++)
      if (!memcmp(t.p + i, seps[k], sl) && i + sl > best) best = i + sl, bw = i;
  }
  if (!best) return S_span(NULL, 0);
  span site = S_span(t.p + best, t.n - best);
  pith_trim(&site.p, &site.n);
  if (!site.n || S_wordcount(site.p, site.n) > 5 || S_wordcount(t.p, bw) < S_wordcount(site.p, site.n))
    return S_span(NULL, 0);
  return site;
}

/* Breadcrumbs: the last item's name, or the one before when the last is
 * the article itself. */
static span S_crumb_section(const ldinfo *L, span title) {
  if (!L->crumbs) return S_span(NULL, 0);
  const pith_json *items = pith_json_get(L->crumbs, "itemListElement");
  if (!items || items->type != PITH_JSON_ARR) return S_span(NULL, 0);
  span names[64];
  size_t n = 0;
  for (const pith_json *e = items->child; e && n < 64; e = e->next) {
    span nm = S_ld_str(e, "name");
    if (!nm.p) {
      const pith_json *it = pith_json_get(e, "item");
      if (it && it->type == PITH_JSON_OBJ) nm = S_ld_str(it, "name");
    }
    if (nm.p && nm.n) names[n++] = nm;
  }
  while (n && title.p &&
         (S_span_ieq(names[n - 1], title) || S_similarity(names[n - 1].p, names[n - 1].n, title.p, title.n) > 0.75))
    n--;
  if (!n) return S_span(NULL, 0);
  if (n == 1 && (pith_ieq(names[0].p, names[0].n, "home") || pith_ieq(names[0].p, names[0].n, "startseite")))
    return S_span(NULL, 0);
  return names[n - 1];
}

/* A section as a reader would name it: the first of a list, not a host
 * name, not a CMS placeholder ("post", "homepage", "uncategorized"). */
static span S_section_clean(span v) {
  static const char *junk[] = {"post", "posts", "article", "articles", "homepage", "home",
                               "front page", "frontpage", "all", "uncategorized", "default",
                               "general", "page", "story", "stories", "index", "none", "null",
                               "undefined", "blog", "main"};
  if (!v.p) return S_span(NULL, 0);
  const char *comma = memchr(v.p, ',', v.n);
  if (comma) v.n = (size_t)(comma - v.p);
  pith_trim(&v.p, &v.n);
  if (!v.n || v.n > 80 || S_is_url(v)) return S_span(NULL, 0);
  if (!memchr(v.p, ' ', v.n) && memchr(v.p, '.', v.n)) return S_span(NULL, 0); /* "gizmodo.com" */
  for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
    if (pith_ieq(v.p, v.n, junk[i])) return S_span(NULL, 0);
  return v;
}

/* "Story | Site", "Site – Story": drop the part that is the site name. */
static span S_strip_site(span t, span site) {
  static const char *seps[] = {" | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " :: ", " \xc2\xb7 ",
                               " \xc2\xbb ", " / ", " : "};
  if (!site.n || !t.n) return t;
  for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
    size_t sl = strlen(seps[k]);
    if (t.n > site.n + sl && !memcmp(t.p + t.n - site.n - sl, seps[k], sl) &&
        S_span_ieq(S_span(t.p + t.n - site.n, site.n), site)) {
      span r = S_span(t.p, t.n - site.n - sl);
      pith_trim(&r.p, &r.n);
      if (r.n) return r;
    }
    if (t.n > site.n + sl && !memcmp(t.p + site.n, seps[k], sl) && S_span_ieq(S_span(t.p, site.n), site)) {
      span r = S_span(t.p + site.n + sl, t.n - site.n - sl);
      pith_trim(&r.p, &r.n);
      if (r.n) return r;
    }
  }
  return t;
}

static void S_pass(ctx *c) {
  const pith_dom *d = c->d;
  for (uint32_t i = 1; i < d->n && !c->err; i++) {
    const pith_node *nd = &d->nodes[i];
    if (nd->tag == PITH_TAG_TEXT) continue;
    while (c->nscope && c->scope[c->nscope - 1].end <= i) c->nscope--;
    if (c->scope_overflow_end && c->scope_overflow_end <= i) c->scope_overflow_end = 0;
    int tag = nd->tag;
    if (tag == PITH_TAG_h1) {
      if (!c->nh1) c->h1_first = i;
      c->nh1++;
      if (c->nheads < MAXHEAD) c->heads[c->nheads++] = i;
    } else if (tag == PITH_TAG_h2) {
      if (c->nheads < MAXHEAD) c->heads[c->nheads++] = i;
    }
    if (!nd->len) continue; /* no attributes: nothing else to see */
    attrs av;
    S_attrs(d, i, &av);
    S_byline_scan(c, i, &av);
    switch (tag) {
    case PITH_TAG_html:
      if (!c->html_lang.p) c->html_lang = av.lang.p ? av.lang : av.xml_lang;
      break;
    case PITH_TAG_meta:
      S_meta(c, &av);
      break;
    case PITH_TAG_link:
      if (av.rel.p && av.href.p) {
        if (!c->canonical.p && S_has_token(av.rel.p, av.rel.n, "canonical")) c->canonical = av.href;
        if (!c->link_image.p && S_has_token(av.rel.p, av.rel.n, "image_src")) c->link_image = av.href;
      }
      break;
    case PITH_TAG_script:
      if (av.type.p && pith_ifind(av.type.p, av.type.n, "ld+json") >= 0) S_jsonld_block(c, i);
      break;
    case PITH_TAG_time:
      if (av.datetime.p && av.datetime.n) {
        if (!c->time_first.p) c->time_first = av.datetime;
        static const char *const pubw[] = {"publish", "pubdate", "posted", "created", "date-time"};
        if (!c->time_pub.p && (S_any_of(av.cls, pubw, 5) || S_any_of(av.id, pubw, 5)))
          c->time_pub = av.datetime;
      }
      break;
    default:
      break;
    }
    if (av.itemprop.p) {
      int kind = c->nscope ? c->scope[c->nscope - 1].kind : SC_OTHER;
      if (c->scope_overflow_end) kind = SC_OTHER;
      S_microdata_prop(c, i, &av, kind);
    }
    if (av.itemscope) {
      int kind = S_scope_kind_from_type(av.itemtype);
      if (av.itemprop.p && (S_md_prop_is(&av, "author") || S_md_prop_is(&av, "creator")))
        kind = SC_AUTHOR;
      else if (av.itemprop.p && S_md_prop_is(&av, "publisher"))
        kind = SC_PUBLISHER;
      else if (kind == SC_AUTHOR || (kind == SC_PUBLISHER && av.itemprop.p))
        kind = SC_OTHER; /* a person who is not the author (a commenter, ...) */
      if (c->nscope < MAXSCOPE) {
        c->scope[c->nscope].start = i;
        c->scope[c->nscope].end = nd->end;
        c->scope[c->nscope].kind = kind;
        c->nscope++;
      } else if (!c->scope_overflow_end) {
        c->scope_overflow_end = nd->end;
      }
    }
  }
}

/* Remove authors that are really the site or the publisher. */
static void S_filter_authors(pith_meta *m, span site, span publisher) {
  pith_strlist *L = &m->l[PITH_L_AUTHORS];
  size_t k = 0;
  for (size_t i = 0; i < L->n; i++) {
    span v = S_span(L->v[i].ptr, L->v[i].len);
    if (S_span_ieq(v, site) || S_span_ieq(v, publisher)) continue;
    L->v[k++] = L->v[i];
  }
  L->n = k;
}

/* Authors from a JSON-LD author value: joined (every name, for the byline)
 * and people (objects that are not organisations). */
static void S_ld_authors(ctx *c, const ldinfo *L, const pith_json *au, pith_buf *joined,
                         span *people, size_t *np, size_t maxp, pith_meta *m) {
  int arr = au->type == PITH_JSON_ARR;
  const pith_json *one = arr ? au->child : au;
  size_t guard = 0;
  for (; one && guard < 64; one = arr ? one->next : NULL, guard++) {
    const pith_json *o = one;
    span name;
    int org = 0;
    if (o->type == PITH_JSON_OBJ) {
      o = S_ld_resolve(L, o);
      org = S_ld_type(o) == LT_ORG;
      name = S_ld_str(o, "name");
      if (!name.p) {
        /* {"name": ["Jane Roe"]} or {"name": {"@value": ...}} are rare; skip */
        continue;
      }
    } else if (o->type == PITH_JSON_STR) {
      name = S_span(o->s, o->len);
      pith_trim(&name.p, &name.n);
    } else {
      continue;
    }
    if (!name.n || S_is_url(name)) continue;
    name = S_unescape(c, name);
    if (!name.p) return;
    if (joined->len && pith_buf_put(joined, ", ", 2)) return;
    if (pith_buf_put(joined, name.p, name.n)) return;
    const char *w = pith_wire_exact(name.p, name.n);
    if (w) {
      S_set(c, m, PITH_F_WIRE, S_span(w, strlen(w)), PITH_PRI_JSONLD, SRC_LD);
      continue;
    }
    if (o->type == PITH_JSON_STR) continue; /* parsed with the byline */
    if (org || pith_meta_is_org_name(name.p, name.n)) continue;
    if (*np < maxp) people[(*np)++] = name;
  }
}

static span S_join(ctx *c, const span *v, size_t n, int skip_urls) {
  size_t total = 0;
  for (size_t i = 0; i < n; i++) total += v[i].n + 2;
  if (!total) return S_span(NULL, 0);
  char *o = pith_arena_alloc(c->a, total + 1);
  if (!o) {
    c->err = -PITH_ERR_NOMEM;
    return S_span(NULL, 0);
  }
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    span s = v[i];
    pith_trim(&s.p, &s.n);
    if (!s.n || (skip_urls && S_is_url(s))) continue;
    int dup = 0;
    for (size_t j = 0; j < i && !dup; j++) dup = S_span_ieq(v[j], s);
    if (dup) continue;
    if (k) o[k++] = ',', o[k++] = ' ';
    memcpy(o + k, s.p, s.n);
    k += s.n;
  }
  o[k] = 0;
  return S_span(o, k);
}

/* Is this credit a distributor's account ("CNN Newsource") rather than a
 * byline? */
static int S_is_distributor(span v) {
  return v.p && (pith_ifind(v.p, v.n, "newsource") >= 0 || pith_ifind(v.p, v.n, "syndicat") >= 0) &&
         v.n < 60;
}

/* Case-insensitive (ASCII) substring test. */
static int S_contains(span hay, const char *needle, size_t nn) {
  if (!nn || nn > hay.n) return 0;
  for (size_t i = 0; i + nn <= hay.n; i++) {
    size_t k = 0;
    while (k < nn && pith_lower((unsigned char)hay.p[i + k]) == pith_lower((unsigned char)needle[k])) k++;
    if (k == nn) return 1;
  }
  return 0;
}

/* Does the visible credit name the given people (each once, as whole words)
 * and otherwise only agencies, roles and connectors ("Jane Roe and John
 * Doe, Associated Press"), not a biography or contact details? */
static int S_credit_agrees(span dv, const span *names, size_t nn) {
  char b[512];
  if (!dv.p || dv.n >= sizeof b || !nn) return 0;
  memcpy(b, dv.p, dv.n);
  size_t n = dv.n;
  for (size_t k = 0; k < nn; k++) {
    const char *nm = names[k].p;
    size_t nl = names[k].n;
    if (!nl || nl > n) return 0;
    int found = 0;
    for (size_t i = 0; i + nl <= n; i++) {
      size_t q = 0;
      while (q < nl && pith_lower((unsigned char)b[i + q]) == pith_lower((unsigned char)nm[q])) q++;
      if (q < nl) continue;
      int lb = i == 0 || !S_jsword((unsigned char)b[i - 1]);
      int rb = i + nl == n || !S_jsword((unsigned char)b[i + nl]);
      if (!lb || !rb) continue;
      if (found) return 0; /* the same name twice: a glued duplicate */
      found = 1;
      memset(b + i, ',', nl);
      i += nl - 1;
    }
    if (!found) return 0;
  }
  /* what is left: short segments without digits or '@' */
  size_t i = 0;
  while (i < n) {
    while (i < n && (b[i] == ',' || b[i] == ' ' || b[i] == '|' || b[i] == ';' || b[i] == '/' ||
                     b[i] == '(' || b[i] == ')' || b[i] == '&' || b[i] == '-'))
      i++;
    size_t st = i, words = 0;
    int inw = 0;
    while (i < n && b[i] != ',' && b[i] != '|' && b[i] != ';' && b[i] != '/' && b[i] != '(' && b[i] != ')') {
      unsigned char ch = (unsigned char)b[i];
      if ((ch >= '0' && ch <= '9') || ch == '@') return 0;
      if (ch == ' ') inw = 0;
      else if (!inw) inw = 1, words++;
      i++;
    }
    /* "and" / "und" / "et" alone are connectors */
    span seg = S_span(b + st, i - st);
    pith_trim(&seg.p, &seg.n);
    if (pith_ieq(seg.p, seg.n, "and") || pith_ieq(seg.p, seg.n, "und") || pith_ieq(seg.p, seg.n, "et") ||
        pith_ieq(seg.p, seg.n, "y"))
      continue;
    if (words > 4) return 0;
  }
  return 1;
}

static int S_copy_authors(ctx *c, pith_meta *m, const pith_meta *t, int pri, const char *src) {
  if (!t->l[PITH_L_AUTHORS].n || !pith_meta_list_claim(m, PITH_L_AUTHORS, pri, src)) return 0;
  for (size_t k = 0; k < t->l[PITH_L_AUTHORS].n; k++) {
    int r = pith_meta_list_add(m, c->a, PITH_L_AUTHORS, t->l[PITH_L_AUTHORS].v[k].ptr, t->l[PITH_L_AUTHORS].v[k].len);
    if (r < 0) return c->err = r;
  }
  return 1;
}

/* The byline: the first of JSON-LD, Dublin Core / <meta>, the visible
 * byline, microdata (Readability's order) — but the visible credit "as
 * printed" when it names the same people ("Jane Roe, dpa" over a meta
 * author "Jane Roe"), or people where the structured source names only an
 * organisation. Authors: structured people first. */
static int S_resolve_byline(ctx *c, pith_meta *m, const ldinfo *L, const pith_json *art,
                            const pith_json *page, span site, span publisher) {
  pith_arena *a = c->a;
  pith_buf joined;
  pith_buf_init(&joined, 8192);
  span people[32];
  size_t np = 0;
  const pith_json *au = art ? pith_json_get(art, "author") : NULL;
  if (!au && art) au = pith_json_get(art, "creator");
  if (!au && page) au = pith_json_get(page, "author");
  if (au) S_ld_authors(c, L, au, &joined, people, &np, 32, m);
  span ldj = S_span(NULL, 0);
  if (joined.len && !joined.err) {
    char *p = pith_arena_strndup(a, joined.p, joined.len);
    if (!p) c->err = -PITH_ERR_NOMEM;
    ldj = S_span(p, joined.len);
  }
  pith_buf_free(&joined);
  if (c->err) return c->err;

  cands cs;
  cs.n = 0;
  S_add(&cs, ldj, PITH_PRI_JSONLD, SRC_LD);
  /* dc.creator may repeat: the byline is the last (as Readability), the
   * authors all of them (below) */
  S_add(&cs, c->k[K_DC_CREATOR], PITH_PRI_META, SRC_META);
  size_t dc_at = cs.n ? cs.n - 1 : 0;
  int dc_in = c->k[K_DC_CREATOR].p != NULL;
  S_add(&cs, c->k[K_DCTERM_CREATOR], PITH_PRI_META, SRC_META);
  if (!dc_in && c->k[K_DCTERM_CREATOR].p) dc_at = cs.n - 1, dc_in = 1;
  if (!S_is_url(c->k[K_AUTHOR])) S_add(&cs, c->k[K_AUTHOR], PITH_PRI_META, SRC_META);
  S_add(&cs, c->k[K_PARSELY_AUTHOR], PITH_PRI_META, SRC_META);
  S_add(&cs, S_join(c, c->multi_cit, c->nmulti_cit, 1), PITH_PRI_META, SRC_META);
  S_add(&cs, c->k[K_SAILTHRU_AUTHOR], PITH_PRI_META, SRC_META);
  S_add(&cs, c->k[K_BYL], PITH_PRI_META, SRC_META);
  S_add(&cs, c->k[K_BYLINE], PITH_PRI_META, SRC_META);
  /* the visible byline (which already covers itemprop=author elements) */
  S_add(&cs, c->dom_byline, PITH_PRI_DOM, SRC_DOM);
  /* article:author is often a profile URL and sometimes another person */
  S_add(&cs, S_join(c, c->multi_author, c->nmulti_author, 1), PITH_PRI_META, SRC_META);
  span mdj = c->nmd_authors ? S_join(c, c->md_authors, c->nmd_authors, 1) : S_span(NULL, 0);
  S_add(&cs, mdj, PITH_PRI_MICRODATA, SRC_MD);
  S_add(&cs, c->dom_byline_relaxed, PITH_PRI_DOM, SRC_DOM);
  S_add(&cs, c->dom_byline_link, PITH_PRI_DOM, SRC_DOM);
  if (c->err) return c->err;

  /* a distributor's account is no byline */
  size_t k = 0;
  for (size_t i = 0; i < cs.n; i++) {
    if (S_is_distributor(cs.v[i].v)) {
      S_set(c, m, PITH_F_DISTRIBUTOR, cs.v[i].v, cs.v[i].pri, cs.v[i].src);
      continue;
    }
    cs.v[k++] = cs.v[i];
  }
  cs.n = k;

  /* the winner */
  pith_meta *tw = pith_arena_alloc(a, sizeof *tw), *td = pith_arena_alloc(a, sizeof *td);
  if (!tw || !td) return c->err = -PITH_ERR_NOMEM;
  size_t win = cs.n;
  for (size_t i = 0; i < cs.n; i++) {
    span v = S_unescape(c, cs.v[i].v);
    if (!v.p) return c->err;
    memset(tw, 0, sizeof *tw);
    int r = pith_byline_parse(v.p, v.n, tw, a, cs.v[i].pri, cs.v[i].src);
    if (r < 0) return c->err = r;
    if (tw->f[PITH_F_BYLINE].ptr) {
      win = i;
      break;
    }
  }
  if (win == cs.n) {
    S_filter_authors(m, site, publisher);
    return 0;
  }
  int wpri = cs.v[win].pri;
  const char *wsrc = cs.v[win].src;

  /* the visible credit as printed, when it agrees */
  span dom = c->dom_byline.p ? c->dom_byline : c->dom_byline_link;
  int use_dom = 0;
  memset(td, 0, sizeof *td);
  if (dom.p && strcmp(wsrc, SRC_DOM) != 0) {
    span dv = S_unescape(c, dom);
    if (!dv.p) return c->err;
    int r = pith_byline_parse(dv.p, dv.n, td, a, PITH_PRI_DOM, SRC_DOM);
    if (r < 0) return c->err = r;
    if (td->f[PITH_F_BYLINE].ptr) {
      size_t nw = np ? np : tw->l[PITH_L_AUTHORS].n;
      span names[32];
      if (nw > 32) nw = 32;
      for (size_t i = 0; i < nw; i++)
        names[i] = np ? people[i] : S_span(tw->l[PITH_L_AUTHORS].v[i].ptr, tw->l[PITH_L_AUTHORS].v[i].len);
      use_dom = nw && S_credit_agrees(S_span(td->f[PITH_F_BYLINE].ptr, td->f[PITH_F_BYLINE].len), names, nw);
    }
  }
  const pith_meta *bsrc = use_dom ? td : tw;
  int r = pith_meta_set(m, a, PITH_F_BYLINE, bsrc->f[PITH_F_BYLINE].ptr, bsrc->f[PITH_F_BYLINE].len, wpri,
                        use_dom ? SRC_DOM : wsrc);
  if (r < 0) return c->err = r;
  const pith_meta *wires[2] = {use_dom ? td : tw, use_dom ? tw : td};
  for (int i = 0; i < 2; i++)
    if (wires[i]->f[PITH_F_WIRE].ptr) {
      S_set(c, m, PITH_F_WIRE, S_span(wires[i]->f[PITH_F_WIRE].ptr, wires[i]->f[PITH_F_WIRE].len), wpri,
            wires[i]->src[PITH_F_WIRE]);
      break;
    }

  /* authors: structured people, else the winner's, else the visible credit's */
  if (dc_in && win == dc_at && c->nmulti_dc > 1 && !np) {
    /* every dc.creator */
    for (size_t i = 0; i < c->nmulti_dc; i++) {
      span v = S_unescape(c, c->multi_dc[i]);
      if (!v.p) return c->err;
      memset(td, 0, sizeof *td);
      r = pith_byline_parse(v.p, v.n, td, a, wpri, wsrc);
      if (r < 0) return c->err = r;
      if (!i && !pith_meta_list_claim(m, PITH_L_AUTHORS, wpri, wsrc)) break;
      for (size_t q = 0; q < td->l[PITH_L_AUTHORS].n; q++) {
        r = pith_meta_list_add(m, a, PITH_L_AUTHORS, td->l[PITH_L_AUTHORS].v[q].ptr, td->l[PITH_L_AUTHORS].v[q].len);
        if (r < 0) return c->err = r;
      }
    }
  } else if (use_dom && td->l[PITH_L_AUTHORS].n > (np ? np : tw->l[PITH_L_AUTHORS].n)) {
    /* the credit as printed names more people than the structured data */
    S_copy_authors(c, m, td, wpri, SRC_DOM);
  } else if (np && pith_meta_list_claim(m, PITH_L_AUTHORS, PITH_PRI_JSONLD, SRC_LD)) {
    for (size_t i = 0; i < np; i++) {
      char nb[256];
      size_t nl = pith_byline_name(people[i].p, people[i].n, nb, sizeof nb);
      r = pith_meta_list_add(m, a, PITH_L_AUTHORS, nb, nl);
      if (r < 0) return c->err = r;
    }
  } else if (!S_copy_authors(c, m, tw, wpri, wsrc) && !c->err) {
    if (use_dom) S_copy_authors(c, m, td, wpri, SRC_DOM);
  }
  if (c->err) return c->err;
  /* none yet: look for people further down */
  for (size_t i = win + 1; i < cs.n && !m->l[PITH_L_AUTHORS].n; i++) {
    span v = S_unescape(c, cs.v[i].v);
    if (!v.p) return c->err;
    memset(td, 0, sizeof *td);
    r = pith_byline_parse(v.p, v.n, td, a, cs.v[i].pri, cs.v[i].src);
    if (r < 0) return c->err = r;
    if (S_copy_authors(c, m, td, cs.v[i].pri, cs.v[i].src) && td->f[PITH_F_WIRE].ptr)
      S_set(c, m, PITH_F_WIRE, S_span(td->f[PITH_F_WIRE].ptr, td->f[PITH_F_WIRE].len), td->pri[PITH_F_WIRE],
            td->src[PITH_F_WIRE]);
    if (c->err) return c->err;
  }
  /* microdata that names more of the same people ("by A and B", each in its
   * own itemprop=author) */
  span sib[16];
  size_t nsib = 0;
  for (size_t i = 0; i < c->nmd_authors; i++)
    if (c->md_author_par[i] == c->md_author_par[0]) sib[nsib++] = c->md_authors[i];
  mdj = nsib ? S_join(c, sib, nsib, 1) : S_span(NULL, 0);
  if (c->err) return c->err;
  if (nsib > m->l[PITH_L_AUTHORS].n && m->l[PITH_L_AUTHORS].n) {
    int sub = 1;
    for (size_t i = 0; i < m->l[PITH_L_AUTHORS].n && sub; i++)
      sub = S_contains(mdj, m->l[PITH_L_AUTHORS].v[i].ptr, m->l[PITH_L_AUTHORS].v[i].len);
    if (sub) {
      memset(td, 0, sizeof *td);
      span v = S_unescape(c, mdj);
      if (!v.p) return c->err;
      r = pith_byline_parse(v.p, v.n, td, a, PITH_PRI_MICRODATA, SRC_MD);
      if (r < 0) return c->err = r;
      if (td->l[PITH_L_AUTHORS].n > m->l[PITH_L_AUTHORS].n) {
        m->l[PITH_L_AUTHORS].n = 0;
        m->lpri[PITH_L_AUTHORS] = 0;
        S_copy_authors(c, m, td, PITH_PRI_MICRODATA, SRC_MD);
      }
    }
  }
  S_filter_authors(m, site, publisher);
  return c->err;
}

int pith_meta_from_dom(pith_meta *m, const pith_dom *d, const char *url, pith_arena *a,
                       const pith_options *o, unsigned *hit) {
  if (!m || !a) return 0;
  ctx *c = pith_arena_alloc(a, sizeof *c);
  ldinfo *L = pith_arena_alloc(a, sizeof *L);
  if (!c || !L) return -PITH_ERR_NOMEM;
  memset(c, 0, sizeof *c);
  memset(L, 0, sizeof *L);
  c->d = d;
  c->a = a;
  c->o = o;
  c->hit = hit;
  if (d && d->n && d->nodes) S_pass(c);
  if (c->err) return c->err;

  for (size_t b = 0; b < c->nld; b++) S_ld_visit(L, c->ld[b], 0);
  const pith_json *art = L->article;
  const pith_json *page = L->page;
  cands cs;

  /* the page title, Readability style */
  char tbuf[1024];
  span doc_title = S_span(NULL, 0), raw_title = S_span(NULL, 0);
  if (d && d->title_node && d->title_node < d->n) {
    char raw[1024];
    int of;
    size_t n = S_text_raw(d, d->title_node, raw, sizeof raw, &of);
    char *t = pith_arena_alloc(a, n + 1);
    if (!t) return -PITH_ERR_NOMEM;
    n = pith_meta_collapse(t, raw, n);
    raw_title = S_span(t, n);
    if (n) {
      size_t tn = S_article_title(c, t, n, tbuf, sizeof tbuf);
      doc_title = S_span(tbuf, tn);
    }
  }

  /* ---- site name (before authors: a name equal to it is no author) ---- */
  const pith_json *pubj = art ? pith_json_get(art, "publisher") : NULL;
  if (!pubj && page) pubj = pith_json_get(page, "publisher");
  span publisher = S_ld_name(L, pubj);
  cs.n = 0;
  S_add(&cs, publisher, PITH_PRI_JSONLD, SRC_LD);
  S_add(&cs, c->k[K_OG_SITE], PITH_PRI_META, SRC_META);
  if (art) S_add(&cs, S_ld_name(L, pith_json_get(art, "isPartOf")), PITH_PRI_JSONLD, SRC_LD);
  if (L->site) S_add(&cs, S_ld_str(L->site, "name"), PITH_PRI_JSONLD, SRC_LD);
  S_add(&cs, c->k[K_APP_NAME], PITH_PRI_META, SRC_META);
  if (L->org) S_add(&cs, S_ld_str(L->org, "name"), PITH_PRI_JSONLD, SRC_LD);
  S_add(&cs, c->md_site, PITH_PRI_MICRODATA, SRC_MD);
  S_add(&cs, c->k[K_DC_PUBLISHER], PITH_PRI_META, SRC_META);
  S_add(&cs, c->k[K_APPLE_TITLE], PITH_PRI_META, SRC_META);
  S_add(&cs, S_title_site(raw_title), PITH_PRI_DOM, SRC_DOM);
  S_add(&cs, S_url_host(url), PITH_PRI_TEXT, SRC_URL);
  for (size_t i = 0; i < cs.n; i++) {
    span v = cs.v[i].v;
    if (S_is_url(v)) {
      /* "https://www.example.com" as a site name: its host */
      const char *h = v.p, *e = v.p + v.n;
      const char *sep = v.n > 3 ? memchr(v.p, ':', v.n) : NULL;
      if (sep && e - sep >= 3 && sep[1] == '/' && sep[2] == '/') h = sep + 3;
      else if (v.n >= 2 && v.p[0] == '/' && v.p[1] == '/') h = v.p + 2;
      if (e - h > 4 && pith_istarts(h, (size_t)(e - h), "www.")) h += 4;
      const char *q = h;
      while (q < e && *q != '/' && *q != '?' && *q != '#' && *q != ':') q++;
      cs.v[i].v = S_span(h, (size_t)(q - h));
    } else if (v.n && v.p[0] == '@') {
      cs.v[i].v = S_span(NULL, 0);
    }
  }
  {
    /* drop the emptied candidates */
    size_t k = 0;
    for (size_t i = 0; i < cs.n; i++)
      if (cs.v[i].v.p && cs.v[i].v.n) cs.v[k++] = cs.v[i];
    cs.n = k;
  }
  S_pick_text(c, m, PITH_F_SITE_NAME, &cs);
  if (c->err) return c->err;
  span site = S_span(m->f[PITH_F_SITE_NAME].ptr, m->f[PITH_F_SITE_NAME].len);
  /* a site name read from the page itself (not from the title) */
  int site_known = site.p && m->src[PITH_F_SITE_NAME] && strcmp(m->src[PITH_F_SITE_NAME], SRC_DOM) != 0 &&
                   strcmp(m->src[PITH_F_SITE_NAME], SRC_URL) != 0;


  /* ---- title ---- */
  span ld_title = S_span(NULL, 0);
  if (art) {
    span nm = S_ld_str(art, "name"), hl = S_ld_str(art, "headline");
    if (nm.n && hl.n && !(nm.n == hl.n && !memcmp(nm.p, hl.p, nm.n))) {
      double sn = doc_title.n ? S_similarity(nm.p, nm.n, doc_title.p, doc_title.n) : 0;
      double sh = doc_title.n ? S_similarity(hl.p, hl.n, doc_title.p, doc_title.n) : 0;
      ld_title = (sh > 0.75 && !(sn > 0.75)) ? hl : nm;
    } else {
      ld_title = nm.n ? nm : hl;
    }
  }
  cs.n = 0;
  S_add(&cs, ld_title, PITH_PRI_JSONLD, SRC_LD);
  static const int title_keys[] = {K_DC_TITLE, K_DCTERM_TITLE, K_OG_TITLE, K_WEIBO_TITLE, K_TITLE,
                                   K_TW_TITLE, K_PARSELY_TITLE, K_SAILTHRU_TITLE, K_CITATION_TITLE,
                                   K_HEADLINE};
  for (size_t i = 0; i < sizeof title_keys / sizeof *title_keys; i++)
    S_add(&cs, c->k[title_keys[i]], PITH_PRI_META, SRC_META);
  /* Readability reads no microdata; the <title> it cleans comes first */
  if (doc_title.n && site_known) {
    doc_title = S_strip_site(doc_title, site);
  }
  S_add(&cs, doc_title, PITH_PRI_DOM, SRC_DOM);
  S_add(&cs, c->md_title, PITH_PRI_MICRODATA, SRC_MD);
  S_add(&cs, c->md_name, PITH_PRI_MICRODATA, SRC_MD);
  if (c->nh1 == 1) S_add(&cs, S_text_arena(c, c->h1_first), PITH_PRI_DOM, SRC_DOM);
  S_pick_text(c, m, PITH_F_TITLE, &cs);
  if (c->err) return c->err;
  span title = S_span(m->f[PITH_F_TITLE].ptr, m->f[PITH_F_TITLE].len);

  /* ---- byline and authors ---- */
  {
    int r = S_resolve_byline(c, m, L, art, page, site, publisher);
    if (r < 0) return r;
  }

  /* ---- dates ---- */
  cs.n = 0;
  if (art) S_add(&cs, S_ld_scalar(c, pith_json_get(art, "datePublished")), PITH_PRI_JSONLD, SRC_LD);
  S_add(&cs, c->k[K_PUB_TIME], PITH_PRI_META, SRC_META);
  S_add(&cs, c->k[K_PARSELY_PUB], PITH_PRI_META, SRC_META);
  S_add(&cs, c->md_date, PITH_PRI_MICRODATA, SRC_MD);
  S_add(&cs, c->k[K_DATE], PITH_PRI_META, SRC_META);
  S_add(&cs, c->k[K_DC_DATE], PITH_PRI_META, SRC_META);
  S_add(&cs, c->k[K_CITATION_DATE], PITH_PRI_META, SRC_META);
  S_add(&cs, c->k[K_SAILTHRU_DATE], PITH_PRI_META, SRC_META);
  if (art) S_add(&cs, S_ld_scalar(c, pith_json_get(art, "dateCreated")), PITH_PRI_JSONLD, SRC_LD);
  if (art) S_add(&cs, S_ld_scalar(c, pith_json_get(art, "uploadDate")), PITH_PRI_JSONLD, SRC_LD);
  if (page) S_add(&cs, S_ld_scalar(c, pith_json_get(page, "datePublished")), PITH_PRI_JSONLD, SRC_LD);
  S_add(&cs, c->time_pub, PITH_PRI_DOM, SRC_DOM);
  S_add(&cs, c->time_first, PITH_PRI_DOM, SRC_DOM);
  /* dates a reader sees: the day only */
  S_add(&cs, c->vis_date, PITH_PRI_DOM, SRC_DOM);
  char bday[16];
  if (c->dom_byline.p) {
    char iso[40];
    if (pith_date_parse(c->dom_byline.p, c->dom_byline.n, iso)) {
      memcpy(bday, iso, 10);
      bday[10] = 0;
      S_add(&cs, S_span(bday, 10), PITH_PRI_DOM, SRC_DOM);
    }
  }
  S_pick_date(c, m, PITH_F_DATE, &cs);

  cs.n = 0;
  if (art) S_add(&cs, S_ld_scalar(c, pith_json_get(art, "dateModified")), PITH_PRI_JSONLD, SRC_LD);
  S_add(&cs, c->k[K_MOD_TIME], PITH_PRI_META, SRC_META);
  S_add(&cs, c->k[K_OG_UPDATED], PITH_PRI_META, SRC_META);
  S_add(&cs, c->md_mod, PITH_PRI_MICRODATA, SRC_MD);
  S_add(&cs, c->k[K_DC_MODIFIED], PITH_PRI_META, SRC_META);
  if (page) S_add(&cs, S_ld_scalar(c, pith_json_get(page, "dateModified")), PITH_PRI_JSONLD, SRC_LD);
  S_pick_date(c, m, PITH_F_DATE_MODIFIED, &cs);
  if (c->err) return c->err;

  /* ---- description ---- */
  cs.n = 0;
  if (art) S_add(&cs, S_ld_str(art, "description"), PITH_PRI_JSONLD, SRC_LD);
  static const int desc_keys[] = {K_DC_DESC, K_DCTERM_DESC, K_OG_DESC, K_WEIBO_DESC, K_DESC, K_TW_DESC};
  for (size_t i = 0; i < sizeof desc_keys / sizeof *desc_keys; i++)
    S_add(&cs, c->k[desc_keys[i]], PITH_PRI_META, SRC_META);
  S_add(&cs, c->md_desc, PITH_PRI_MICRODATA, SRC_MD);
  S_pick_text(c, m, PITH_F_DESCRIPTION, &cs);
  if (c->err) return c->err;

  /* ---- language ---- */
  {
    cs.n = 0;
    S_add(&cs, c->html_lang, PITH_PRI_DOM, SRC_DOM);
    S_add(&cs, c->k[K_CONTENT_LANG], PITH_PRI_META, SRC_META);
    S_add(&cs, c->k[K_OG_LOCALE], PITH_PRI_META, SRC_META);
    if (art) S_add(&cs, S_ld_scalar(c, pith_json_get(art, "inLanguage")), PITH_PRI_JSONLD, SRC_LD);
    if (page) S_add(&cs, S_ld_scalar(c, pith_json_get(page, "inLanguage")), PITH_PRI_JSONLD, SRC_LD);
    S_add(&cs, c->md_lang, PITH_PRI_MICRODATA, SRC_MD);
    S_add(&cs, c->k[K_LANGUAGE], PITH_PRI_META, SRC_META);
    for (size_t i = 0; i < cs.n; i++) {
      char lang[16];
      size_t ln = pith_lang_normalize(cs.v[i].v.p, cs.v[i].v.n, lang);
      if (ln) {
        S_set(c, m, PITH_F_LANG, S_span(lang, ln), cs.v[i].pri, cs.v[i].src);
        break;
      }
    }
    if (c->err) return c->err;
  }

  /* ---- canonical URL ---- */
  cs.n = 0;
  S_add(&cs, c->canonical, PITH_PRI_META, SRC_META);
  S_add(&cs, c->k[K_OG_URL], PITH_PRI_META, SRC_META);
  if (art) {
    S_add(&cs, S_ld_str(art, "url"), PITH_PRI_JSONLD, SRC_LD);
    S_add(&cs, S_ld_url(L, pith_json_get(art, "mainEntityOfPage")), PITH_PRI_JSONLD, SRC_LD);
  }
  S_add(&cs, c->md_url, PITH_PRI_MICRODATA, SRC_MD);
  if (url) S_add(&cs, S_span(url, strlen(url)), PITH_PRI_TEXT, SRC_URL);
  S_pick_url(c, m, PITH_F_URL, &cs, url);
  if (c->err) return c->err;

  /* ---- image ---- */
  cs.n = 0;
  S_add(&cs, c->k[K_OG_IMAGE], PITH_PRI_META, SRC_META);
  if (art) S_add(&cs, S_ld_url(L, pith_json_get(art, "image")), PITH_PRI_JSONLD, SRC_LD);
  if (art) S_add(&cs, S_ld_url(L, pith_json_get(art, "thumbnailUrl")), PITH_PRI_JSONLD, SRC_LD);
  S_add(&cs, c->k[K_TW_IMAGE], PITH_PRI_META, SRC_META);
  S_add(&cs, c->link_image, PITH_PRI_DOM, SRC_DOM);
  S_add(&cs, c->md_image, PITH_PRI_MICRODATA, SRC_MD);
  const char *ibase = m->f[PITH_F_URL].ptr ? m->f[PITH_F_URL].ptr : url;
  S_pick_url(c, m, PITH_F_IMAGE, &cs, ibase);
  if (c->err) return c->err;

  /* ---- section ---- */
  cs.n = 0;
  S_add(&cs, c->k[K_SECTION], PITH_PRI_META, SRC_META);
  if (art) S_add(&cs, S_ld_scalar(c, pith_json_get(art, "articleSection")), PITH_PRI_JSONLD, SRC_LD);
  S_add(&cs, c->k[K_PARSELY_SECTION], PITH_PRI_META, SRC_META);
  S_add(&cs, c->k[K_SECTION_META], PITH_PRI_META, SRC_META);
  S_add(&cs, c->md_section, PITH_PRI_MICRODATA, SRC_MD);
  S_add(&cs, S_crumb_section(L, title), PITH_PRI_JSONLD, SRC_LD);
  for (size_t i = 0; i < cs.n; i++) {
    span v = S_section_clean(cs.v[i].v);
    if (!v.n) continue;
    v = S_unescape(c, v);
    if (!v.p) return c->err;
    S_set(c, m, PITH_F_SECTION, v, cs.v[i].pri, cs.v[i].src);
    break;
  }
  if (c->err) return c->err;

  /* ---- tags ---- */
  {
    int claimed = 0;
    for (size_t i = 0; i < c->nmulti_tag && !c->err; i++)
      S_tags_from(c, m, c->multi_tag[i], 1, PITH_PRI_META, SRC_META, &claimed);
    if (!claimed && art) {
      const pith_json *kw = pith_json_get(art, "keywords");
      if (kw && kw->type == PITH_JSON_STR) {
        S_tags_from(c, m, S_span(kw->s, kw->len), 1, PITH_PRI_JSONLD, SRC_LD, &claimed);
      } else if (kw && kw->type == PITH_JSON_ARR) {
        size_t g = 0;
        for (const pith_json *e = kw->child; e && g < 64; e = e->next, g++)
          if (e->type == PITH_JSON_STR) S_tags_from(c, m, S_span(e->s, e->len), 0, PITH_PRI_JSONLD, SRC_LD, &claimed);
      }
    }
    static const int tag_keys[] = {K_NEWS_KEYWORDS, K_KEYWORDS};
    for (size_t i = 0; i < sizeof tag_keys / sizeof *tag_keys && !claimed; i++)
      S_tags_from(c, m, c->k[tag_keys[i]], 1, PITH_PRI_META, SRC_META, &claimed);
    for (size_t i = 0; i < c->nmulti_subj && !c->err; i++)
      S_tags_from(c, m, c->multi_subj[i], 1, PITH_PRI_META, SRC_META, &claimed);
    static const int tag_keys2[] = {K_PARSELY_TAGS, K_SAILTHRU_TAGS};
    for (size_t i = 0; i < sizeof tag_keys2 / sizeof *tag_keys2 && !claimed; i++)
      S_tags_from(c, m, c->k[tag_keys2[i]], 1, PITH_PRI_META, SRC_META, &claimed);
    if (!claimed) S_tags_from(c, m, c->md_keywords, 1, PITH_PRI_MICRODATA, SRC_MD, &claimed);
    if (c->err) return c->err;
  }

  /* ---- wire service named by the page's provider metadata ---- */
  {
    span pv[4];
    size_t npv = 0;
    if (c->k[K_PROVIDER].p) pv[npv++] = c->k[K_PROVIDER];
    if (art) {
      span x = S_ld_name(L, pith_json_get(art, "provider"));
      if (x.p) pv[npv++] = x;
      x = S_ld_name(L, pith_json_get(art, "sourceOrganization"));
      if (x.p) pv[npv++] = x;
    }
    int named = 0;
    for (size_t i = 0; i < npv; i++) {
      const char *w = pith_wire_lookup(pv[i].p, pv[i].n);
      if (w) {
        S_set(c, m, PITH_F_WIRE, S_span(w, strlen(w)), i == 0 && c->k[K_PROVIDER].p ? PITH_PRI_META : PITH_PRI_JSONLD,
              i == 0 && c->k[K_PROVIDER].p ? SRC_META : SRC_LD);
        named = 1;
        break;
      }
    }
    /* "isBasedOn": the original the story was made from, by the agency's
     * address ("https://apnews.com/article/...") or its publisher's name */
    if (art && !named) {
      const pith_json *ib = pith_json_get(art, "isBasedOn");
      if (!ib) ib = pith_json_get(art, "isBasedOnUrl");
      span u = S_ld_url(L, ib);
      const char *w = u.p ? pith_wire_from_url(u.p, u.n) : NULL;
      if (!w && ib && ib->type == PITH_JSON_OBJ) {
        span pn = S_ld_name(L, pith_json_get(ib, "publisher"));
        if (!pn.p) pn = S_ld_name(L, pith_json_get(ib, "author"));
        if (pn.p) w = pith_wire_exact(pn.p, pn.n);
      }
      if (w) S_set(c, m, PITH_F_WIRE, S_span(w, strlen(w)), PITH_PRI_JSONLD, SRC_LD);
    }
    if (c->err) return c->err;
  }

  /* ---- copyright ---- */
  cs.n = 0;
  S_add(&cs, c->k[K_COPYRIGHT], PITH_PRI_META, SRC_META);
  if (art) S_add(&cs, S_ld_str(art, "copyrightNotice"), PITH_PRI_JSONLD, SRC_LD);
  S_add(&cs, c->k[K_DC_RIGHTS], PITH_PRI_META, SRC_META);
  S_pick_text(c, m, PITH_F_COPYRIGHT, &cs);
  return c->err;
}
