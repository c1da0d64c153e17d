/* extract.c - find the article in the DOM and turn it into blocks.
 *
 * Four passes over the node array, all iterative:
 *  1. hints (forward): what each element's tag, role and class/id tokens say
 *     (hidden, never content, boilerplate, comments, article body);
 *  2. stats (reverse, i.e. children before parents): characters, link
 *     characters, commas and inline text per element;
 *  3. prune + score (forward): boilerplate subtrees that are small relative
 *     to the page are cut; every paragraph-like element adds a content score
 *     to its ancestors (Readability's idea), damped by link density and
 *     class hints;
 *  4. select + emit: the best candidate plus the siblings that belong to it;
 *     then each block inside (paragraph, heading, list item, quote, row,
 *     caption) is judged on its own, so chrome inside the article container
 *     is dropped too (jusText's idea), and metadata lines go to the meta.
 * If the result is too short for the page, a recall fallback re-runs the
 * block judgement over the whole body (trafilatura's idea). */
#include "extract/extract.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "extract/classify.h"
#include "meta/wire.h"
#include "text/lines.h"

/* element hint flags */
enum {
  H_HIDDEN = 1u << 0,   /* hidden / never content: removed with its subtree */
  H_CHROME = 1u << 1,   /* nav/aside/footer/header/form... or boilerplate class */
  H_NEG = 1u << 2,      /* negative class/id tokens (weaker than CHROME) */
  H_POS = 1u << 3,      /* positive class/id tokens */
  H_BODY = 1u << 4,     /* strong article-body marker (itemprop=articleBody ...) */
  H_COMMENT = 1u << 5,  /* comment section */
  H_DEAD = 1u << 6,     /* pruned (set in pass 3) */
  H_CAPTION = 1u << 9,  /* caption / credit containers */
  H_META = 1u << 10,    /* byline / dateline containers */
  H_SHARE = 1u << 11,   /* share / social / newsletter / related: always cut */
  H_INPUT = 1u << 12,   /* holds a form control (input, button, select) */
  H_HASBODY = 1u << 13, /* some descendant is marked H_BODY */
  H_EMBED = 1u << 14    /* embedded post (tweet, instagram): quoted content */
};

/* A single <br> inside a block: a line break that may separate a
 * metadata line from the rest; becomes a space in the text. */
#define BR_MARK '\x1e'

typedef struct nstat {
  uint32_t chars;   /* visible characters (code points, no spaces) in the subtree */
  uint32_t lchars;  /* of which inside links */
  uint32_t inl;     /* characters of inline content (not inside a child block) */
  uint32_t linl;    /* of which inside links */
  uint16_t commas;  /* commas in the subtree (saturating) */
  uint16_t cinl;    /* commas in inline content */
  uint16_t paras;   /* paragraph-like descendants with >= 80 chars */
  uint16_t flags;
  float score;
  uint32_t good;    /* characters of scored paragraphs in the subtree */
  uint32_t bgood;   /* of which inside elements marked as article body */
  uint32_t dchars;  /* characters inside pruned subtrees */
} nstat;

/* ---- class/id token classification ---------------------------------- */

typedef struct tokrule {
  const char *tok;
  uint16_t flags;
  unsigned char prefix; /* 1: token only needs to start with tok */
} tokrule;

/* Tokens are class/id words split at space, '-', '_' and camelCase is not
 * split (we lower-case first). Matched whole (or as prefix where marked). */
static const tokrule S_rules[] = {
  /* boilerplate that is never the article, cut even when largish */
  {"share", H_SHARE, 1}, {"sharing", H_SHARE, 0}, {"social", H_SHARE, 1},
  {"newsletter", H_SHARE, 1}, {"subscribe", H_SHARE, 1}, {"subscription", H_SHARE, 0},
  {"signup", H_SHARE, 0}, {"related", H_SHARE, 1}, {"recommended", H_SHARE, 0},
  {"recommendations", H_SHARE, 0}, {"outbrain", H_SHARE, 0}, {"taboola", H_SHARE, 0},
  {"cookie", H_SHARE, 1}, {"cookies", H_SHARE, 0}, {"consent", H_SHARE, 0}, {"gdpr", H_SHARE, 0},
  {"breadcrumb", H_SHARE, 1}, {"breadcrumbs", H_SHARE, 0}, {"sidebar", H_SHARE, 0},
  {"promo", H_SHARE, 1}, {"advert", H_SHARE, 1}, {"advertisement", H_SHARE, 0},
  {"ad", H_SHARE, 0}, {"ads", H_SHARE, 0}, {"adsense", H_SHARE, 0}, {"dfp", H_SHARE, 0},
  {"sponsor", H_SHARE, 1}, {"popular", H_SHARE, 0}, {"trending", H_SHARE, 0},
  {"toolbar", H_SHARE, 0}, {"tools", H_SHARE, 0}, {"popup", H_SHARE, 0}, {"modal", H_SHARE, 0},
  {"overlay", H_SHARE, 0}, {"banner", H_SHARE, 0},
  {"masthead", H_SHARE, 0}, {"skip", H_SHARE, 0}, {"sr", H_SHARE, 0}, {"visually", H_SHARE, 0},
  {"screen", H_SHARE, 0}, {"print", H_SHARE, 0},
  {"pagination", H_SHARE, 0}, {"pager", H_SHARE, 0}, {"tags", H_SHARE, 0},
  {"tagcloud", H_SHARE, 0}, {"taglist", H_SHARE, 0}, {"keywords", H_SHARE, 0},
  {"topics", H_SHARE, 0}, {"follow", H_SHARE, 1}, {"login", H_SHARE, 0}, {"signin", H_SHARE, 0},
  {"rss", H_SHARE, 0}, {"widget", H_SHARE, 1}, {"teaser", H_SHARE, 1}, {"more", H_SHARE, 0},
  {"readmore", H_SHARE, 0}, {"next", H_SHARE, 0}, {"prev", H_SHARE, 0}, {"previous", H_SHARE, 0},
  {"author", H_META, 1}, {"byline", H_META, 1}, {"dateline", H_META, 0}, {"timestamp", H_META, 0},
  {"date", H_META, 0}, {"meta", H_META, 0}, {"published", H_META, 0}, {"bio", H_SHARE, 0},
  {"cta", H_SHARE, 0}, {"upsell", H_SHARE, 0}, {"donate", H_SHARE, 1}, {"donation", H_SHARE, 1},
  {"membership", H_SHARE, 0}, {"rating", H_SHARE, 1}, {"stars", H_SHARE, 0},
  {"embed", H_EMBED, 1}, {"embedded", H_EMBED, 0}, {"tweet", H_EMBED, 0},
  {"disclaimer", H_NEG, 0}, {"copyright", H_NEG, 0},
  {"comment", H_COMMENT, 1}, {"comments", H_COMMENT, 0}, {"disqus", H_COMMENT, 1},
  {"respond", H_COMMENT, 0}, {"replies", H_COMMENT, 0}, {"discussion", H_COMMENT, 0},
  {"nav", H_CHROME, 1}, {"navigation", H_CHROME, 0}, {"menu", H_CHROME, 1}, {"footer", H_CHROME, 1},
  {"header", H_NEG, 1}, {"masthead", H_CHROME, 0}, {"aside", H_CHROME, 0},
  {"caption", H_CAPTION, 1}, {"credit", H_CAPTION, 1}, {"credits", H_CAPTION, 0},
  {"extra", H_NEG, 0}, {"supplemental", H_NEG, 0}, {"combx", H_NEG, 0}, {"shoutbox", H_NEG, 0},
  {"skyscraper", H_NEG, 0}, {"rail", H_NEG, 0}, {"right", H_NEG, 0}, {"links", H_NEG, 0},
  /* positive */
  {"article", H_POS, 1}, {"content", H_POS, 1}, {"entry", H_POS, 1}, {"post", H_POS, 1},
  {"story", H_POS, 1}, {"body", H_POS, 1}, {"text", H_POS, 1}, {"main", H_POS, 1},
  {"blog", H_POS, 1}, {"prose", H_POS, 0}, {"richtext", H_POS, 0}, {"markdown", H_POS, 0},
  {"hentry", H_POS, 0}, {"page", H_POS, 0}, {"column", H_POS, 0},
};

/* Strong article-body markers: two consecutive tokens or a single one. */
static const char *const S_body_pairs[][2] = {
  {"article", "body"}, {"article", "content"}, {"article", "text"}, {"story", "body"},
  {"story", "content"}, {"story", "text"}, {"entry", "content"}, {"post", "content"},
  {"post", "body"}, {"post", "text"}, {"body", "text"}, {"article", "main"},
  {"news", "body"}, {"news", "text"}, {"main", "content"}, {"content", "body"},
  {"rich", "text"}, {"blog", "content"}, {"page", "content"}, {"single", "content"},
};
static const char *const S_body_single[] = {
  "articlebody", "storybody", "entrycontent", "postcontent", "articlecontent", "bodytext",
  "storycontent", "articletext", "postbody", "artikel", "textbody", "mainarticle",
};

/* Rules bucketed by first letter, built once (pthread-free: the table is
 * filled at load time by a constructor). */
#define NRULES (sizeof S_rules / sizeof *S_rules)
static uint8_t S_rule_len[NRULES];
static uint16_t S_bucket[27][24]; /* rule indices + 1, 0-terminated */

__attribute__((constructor)) static void S_rules_init(void) {
  uint8_t fill[27] = {0};
  for (size_t r = 0; r < NRULES; r++) {
    S_rule_len[r] = (uint8_t)strlen(S_rules[r].tok);
    int b = S_rules[r].tok[0] - 'a';
    if (b < 0 || b > 25) b = 26;
    if (fill[b] < 23) S_bucket[b][fill[b]++] = (uint16_t)(r + 1);
  }
}

static int S_tok_in(const char *tok, size_t k, const char *const *list, size_t n) {
  for (size_t r = 0; r < n; r++)
    if (list[r][0] == tok[0] && strlen(list[r]) == k && !memcmp(list[r], tok, k)) return 1;
  return 0;
}

static unsigned S_classify_tokens(const char *v, size_t n, int *body) {
  unsigned fl = 0;
  char tok[48], prev[48] = "";
  size_t prevk = 0;
  size_t i = 0;
  if (n > 1024) n = 1024; /* attribute scans are capped */
  while (i < n) {
    while (i < n && !((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z') ||
                      (v[i] >= '0' && v[i] <= '9')))
      i++;
    size_t k = 0;
    while (i < n && ((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z') ||
                     (v[i] >= '0' && v[i] <= '9'))) {
      /* split camelCase: "articleBody" -> "article", "body" */
      if (k > 0 && v[i] >= 'A' && v[i] <= 'Z' && tok[k - 1] >= 'a' && tok[k - 1] <= 'z') break;
      if (k < sizeof tok - 1) tok[k++] = (char)pith_lower((unsigned char)v[i]);
      i++;
    }
    if (!k) continue;
    tok[k] = '\0';
    int b = tok[0] - 'a';
    if (b < 0 || b > 25) b = 26;
    for (const uint16_t *r = S_bucket[b]; *r; r++) {
      const tokrule *ru = &S_rules[*r - 1];
      size_t tl = S_rule_len[*r - 1];
      if (ru->prefix ? (k >= tl && memcmp(tok, ru->tok, tl) == 0)
                     : (k == tl && !memcmp(tok, ru->tok, tl))) {
        fl |= ru->flags;
        break;
      }
    }
    if (S_tok_in(tok, k, S_body_single, sizeof S_body_single / sizeof *S_body_single)) *body = 1;
    if (prevk) {
      for (size_t r = 0; r < sizeof S_body_pairs / sizeof *S_body_pairs; r++)
        if (S_body_pairs[r][1][0] == tok[0] && !strcmp(prev, S_body_pairs[r][0]) &&
            !strcmp(tok, S_body_pairs[r][1]))
          *body = 1;
    }
    memcpy(prev, tok, k + 1);
    prevk = k;
  }
  return fl;
}

static int S_style_hidden(const char *s, size_t n) {
  /* display:none / visibility:hidden, spaces allowed */
  long p = pith_ifind(s, n > 512 ? 512 : n, "display");
  if (p >= 0) {
    size_t i = (size_t)p + 7;
    while (i < n && (s[i] == ' ' || s[i] == ':')) i++;
    if (pith_istarts(s + i, n - i, "none")) return 1;
  }
  p = pith_ifind(s, n > 512 ? 512 : n, "visibility");
  if (p >= 0) {
    size_t i = (size_t)p + 10;
    while (i < n && (s[i] == ' ' || s[i] == ':')) i++;
    if (pith_istarts(s + i, n - i, "hidden")) return 1;
  }
  return 0;
}

/* Pass 1: hints from tag and attributes. */
static unsigned S_hints(const pith_dom *d, uint32_t i) {
  const pith_node *nd = &d->nodes[i];
  int tag = nd->tag;
  unsigned fl = 0;
  if (pith_tag_flags[tag] & PITH_TAG_SKIP) return H_HIDDEN;
  switch (tag) {
  case PITH_TAG_nav: case PITH_TAG_menu: fl |= H_CHROME; break;
  case PITH_TAG_aside: case PITH_TAG_footer: case PITH_TAG_header: fl |= H_CHROME; break;
  case PITH_TAG_form: case PITH_TAG_fieldset: case PITH_TAG_dialog: fl |= H_CHROME; break;
  case PITH_TAG_button: case PITH_TAG_label: case PITH_TAG_input: fl |= H_HIDDEN; break;
  case PITH_TAG_figcaption: case PITH_TAG_figure: fl |= H_CAPTION; break;
  case PITH_TAG_head: return H_HIDDEN;
  default: break;
  }
  for (uint32_t k = 0; k < nd->len; k++) {
    const pith_attr *a = &d->attrs[nd->off + k];
    const char *an = d->text.p + a->name, *av = d->text.p + a->value;
    size_t vl = a->vlen;
    switch (an[0]) {
    case 'h':
      if (!strcmp(an, "hidden")) fl |= H_HIDDEN;
      break;
    case 'a':
      if (!strcmp(an, "aria-hidden") && pith_ieq(av, vl, "true") && tag != PITH_TAG_img)
        fl |= H_HIDDEN;
      break;
    case 's':
      if (!strcmp(an, "style") && S_style_hidden(av, vl)) fl |= H_HIDDEN;
      break;
    case 'r':
      if (!strcmp(an, "role")) {
        if (pith_ieq(av, vl, "navigation") || pith_ieq(av, vl, "menu") ||
            pith_ieq(av, vl, "menubar") || pith_ieq(av, vl, "search") ||
            pith_ieq(av, vl, "banner") || pith_ieq(av, vl, "contentinfo") ||
            pith_ieq(av, vl, "complementary") || pith_ieq(av, vl, "dialog") ||
            pith_ieq(av, vl, "alertdialog") || pith_ieq(av, vl, "toolbar"))
          fl |= H_CHROME;
        else if (pith_ieq(av, vl, "article") || pith_ieq(av, vl, "main"))
          fl |= H_POS;
      }
      break;
    case 'i':
      if (!strcmp(an, "itemprop")) {
        if (pith_ifind(av, vl, "articleBody") >= 0 || pith_ifind(av, vl, "reviewBody") >= 0)
          fl |= H_BODY;
        else if (pith_ifind(av, vl, "comment") >= 0) fl |= H_COMMENT;
        else if (pith_ifind(av, vl, "author") >= 0 || pith_ifind(av, vl, "datePublished") >= 0)
          fl |= H_META;
      } else if (!strcmp(an, "itemtype")) {
        if (pith_ifind(av, vl, "Comment") >= 0) fl |= H_COMMENT;
      } else if (!strcmp(an, "id")) {
        int body = 0;
        fl |= S_classify_tokens(av, vl, &body);
        if (body) fl |= H_BODY;
      }
      break;
    case 'c':
      if (!strcmp(an, "class")) {
        int body = 0;
        fl |= S_classify_tokens(av, vl, &body);
        if (body) fl |= H_BODY;
      }
      break;
    default: break;
    }
  }
  /* an embedded post is quoted content, even in a "social-embed" box */
  if (fl & H_EMBED) fl &= ~(unsigned)(H_NEG | H_SHARE);
  /* the article body marker wins over weak negatives on the same element */
  if (fl & H_BODY) fl &= ~(unsigned)(H_NEG | H_META | H_SHARE | H_CHROME);
  return fl;
}

/* ---- text statistics ---------------------------------------------------- */

static void S_count_text(const char *s, size_t n, uint32_t *chars, uint32_t *commas) {
  const unsigned char *u = (const unsigned char *)s;
  uint32_t c = 0, k = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char b = u[i];
    if (b < 0x80) {
      c += b > ' ';
      k += b == ',';
      continue;
    }
    if ((b & 0xC0) == 0x80) continue;
    c++;
    if (b == ',') k++;
    else if (b == 0xEF && i + 2 < n && u[i + 1] == 0xBC && u[i + 2] == 0x8C) k++; /* ， */
    else if (b == 0xE3 && i + 2 < n && u[i + 1] == 0x80 && u[i + 2] == 0x81) k++; /* 、 */
    else if (b == 0xD8 && i + 1 < n && u[i + 1] == 0x8C) k++;                    /* ، */
  }
  /* CJK text has no spaces and few characters per idea: weight it up */
  *chars = c;
  *commas = k;
}

static inline uint16_t S_sat16(uint32_t v) { return v > 65535 ? 65535 : (uint16_t)v; }

/* ---- the extractor state ----------------------------------------------- */

typedef struct ex {
  pith_extractor *x;
  pith_dom *d;
  pith_doc *doc;
  nstat *st;
  pith_buf blk;      /* current block text */
  pith_buf tmp;
  const char *title; /* document title (meta) for heading dedup */
  size_t title_len;
  uint32_t body;
  int comments_wanted;
  int no_tables;
  int recall, precision;
  /* current block being assembled */
  int bkind, blevel, bnum;
  uint32_t blinks;   /* link chars in the current block */
  int in_comment;
  size_t kept_chars;
} ex;

static int S_is_heading(int tag) { return tag >= PITH_TAG_h1 && tag <= PITH_TAG_h6; }

/* An <a> that goes somewhere: not a javascript: pseudo-link or an anchor
 * without href (those wrap ordinary text on some pages). */
static int S_real_link(const pith_dom *d, uint32_t i) {
  size_t n = 0;
  const char *h = pith_dom_attr(d, i, "href", &n);
  if (!h) return 0;
  while (n && pith_is_space((unsigned char)*h)) h++, n--;
  return !pith_istarts(h, n, "javascript:");
}

/* Pass 2: statistics, children before parents. */
static void S_stats(ex *e) {
  pith_dom *d = e->d;
  nstat *st = e->st;
  for (uint32_t i = d->n; i-- > 1;) {
    const pith_node *nd = &d->nodes[i];
    nstat *s = &st[i];
    if (s->flags & H_HIDDEN) {
      /* hidden subtrees count nothing, but a form control says "form box" */
      int t = nd->tag;
      if ((t == PITH_TAG_input || t == PITH_TAG_textarea) && !(st[nd->parent].flags & H_HIDDEN)) {
        size_t tl = 0;
        const char *ty = pith_dom_attr(d, i, "type", &tl);
        /* text-entry controls: e-mail, search, text; not checkboxes/buttons */
        if (t == PITH_TAG_textarea || !ty || pith_ieq(ty, tl, "text") || pith_ieq(ty, tl, "email") ||
            pith_ieq(ty, tl, "search") || pith_ieq(ty, tl, "tel"))
          st[nd->parent].flags |= H_INPUT;
      }
      continue;
    }
    if (nd->tag == PITH_TAG_TEXT) {
      uint32_t c, k;
      S_count_text(d->text.p + nd->off, nd->len, &c, &k);
      s->chars = c;
      s->inl = c;
      s->commas = S_sat16(k);
      s->cinl = S_sat16(k);
    } else {
      if (nd->tag == PITH_TAG_a && S_real_link(d, i)) {
        s->lchars = s->chars;
        s->linl = s->inl;
      }
      int block = (pith_tag_flags[nd->tag] & PITH_TAG_BLOCK) != 0;
      if (block && s->inl >= 80 && s->linl * 2 < s->inl && nd->tag != PITH_TAG_li &&
          !S_is_heading(nd->tag))
        s->paras = S_sat16((uint32_t)s->paras + 1);
    }
    nstat *p = &st[nd->parent];
    if (s->flags & (H_BODY | H_HASBODY)) p->flags |= H_HASBODY;
    if (s->flags & H_INPUT) p->flags |= H_INPUT;
    p->chars += s->chars;
    p->lchars += s->lchars;
    p->commas = S_sat16((uint32_t)p->commas + s->commas);
    p->paras = S_sat16((uint32_t)p->paras + s->paras);
    int block = nd->tag != PITH_TAG_TEXT && (pith_tag_flags[nd->tag] & PITH_TAG_BLOCK);
    if (!block) {
      p->inl += s->inl;
      p->linl += s->linl;
      p->cinl = S_sat16((uint32_t)p->cinl + s->cinl);
    }
  }
}

static float S_ld(const nstat *s) { return s->chars ? (float)s->lchars / (float)s->chars : 0.f; }

/* A list of teaser cards: at least three children that each hold a link
 * and a little text (headline link + standfirst), making up most of the
 * element. Related-story rails, "recent articles", topic pages. */
/* Does the element's visible text begin inside a link (a headline link)? */
static int S_link_led(ex *e, uint32_t c) {
  pith_dom *d = e->d;
  uint32_t link_end = 0;
  for (uint32_t j = c; j < d->nodes[c].end; j++) {
    const pith_node *n = &d->nodes[j];
    if (e->st[j].flags & H_HIDDEN) { j = n->end - 1; continue; }
    if (n->tag == PITH_TAG_a && !link_end) link_end = n->end;
    if (link_end && j >= link_end) link_end = 0;
    if (n->tag == PITH_TAG_TEXT && e->st[j].chars) return link_end != 0;
  }
  return 0;
}

static int S_card_list(ex *e, uint32_t i) {
  pith_dom *d = e->d;
  nstat *st = e->st;
  uint32_t kids = 0, cards = 0, card_chars = 0;
  for (uint32_t c = d->nodes[i].first; c; c = d->nodes[c].next) {
    const pith_node *cn = &d->nodes[c];
    if (cn->tag == PITH_TAG_TEXT || (st[c].flags & H_HIDDEN) || st[c].chars == 0) continue;
    kids++;
    if (st[c].lchars >= 10 && st[c].chars < 450 && st[c].lchars * 5 >= st[c].chars &&
        st[c].paras <= 1 && S_link_led(e, c))
      cards++, card_chars += st[c].chars;
  }
  return cards >= 3 && cards * 10 >= kids * 7 && card_chars * 10 >= st[i].chars * 8;
}

/* Pass 3: pruning. Boilerplate subtrees are cut unless they hold a large
 * share of the page's paragraph text (then the hint was wrong: a page
 * wrapper called "has-sidebar", say). */
static void S_prune(ex *e) {
  pith_dom *d = e->d;
  nstat *st = e->st;
  uint32_t total = st[e->body].chars ? st[e->body].chars : 1;
  uint32_t tparas = st[e->body].paras;
  for (uint32_t i = e->body + 1; i < d->nodes[e->body].end;) {
    const pith_node *nd = &d->nodes[i];
    nstat *s = &st[i];
    if (nd->tag == PITH_TAG_TEXT) { i++; continue; }
    unsigned fl = s->flags;
    if (fl & H_HIDDEN) { s->flags |= H_DEAD; i = nd->end; continue; }
    int big = s->chars * 2 > total || (tparas >= 3 && s->paras * 2 > tparas);
    /* does it contain the marked article body? then it is a wrapper */
    int holds_body = (fl & H_HASBODY) != 0;
    int cut = 0;
    /* inline elements (a, span, b...) are words of a sentence: class hints
     * on them ("popup", "tooltip", "ad-link") never cut text, except
     * bylines and datelines */
    if (pith_tag_flags[nd->tag] & PITH_TAG_INLINE) {
      if ((fl & H_META) && s->chars < 200 && !(fl & H_BODY)) {
        s->flags |= H_DEAD;
        i = nd->end;
      } else {
        i++;
      }
      continue;
    }
    if (!holds_body && !(fl & H_BODY)) {
      if (fl & H_COMMENT) cut = !big || s->paras < 3 || (fl & H_COMMENT);
      if ((fl & H_SHARE) && !big) cut = 1;
      if ((fl & H_CHROME) && !big) cut = 1;
      if ((fl & H_META) && s->paras == 0 && s->chars < 400) cut = 1;
      /* figures and their captions are not the story's prose (unless
       * --recall); a "figure" that wraps paragraphs is a layout box */
      if ((fl & H_CAPTION) && !e->recall && s->paras < 2 && !getenv("KEEPCAP")) cut = 1;
      /* header/footer tags with real paragraphs inside article pages stay */
      if ((fl & H_CHROME) && big && S_ld(s) > 0.5f) cut = 1;
    }
    /* comment sections are cut even when their items use "entry-content"
     * classes, unless they are most of the page */
    if ((fl & H_COMMENT) && !(fl & H_BODY) && s->chars < total - s->chars) cut = 1;
    /* teaser cards are cut even when they are most of the page: then the
     * page is a listing, not an article */
    if (!cut && !holds_body && !(fl & H_BODY) &&
        (!big || (nd->tag != PITH_TAG_ol && nd->tag != PITH_TAG_ul)) && S_card_list(e, i))
      cut = 1;
    /* a small box with a form control: sign-up, search, story-tip forms */
    if (!cut && (fl & H_INPUT) && !(fl & (H_BODY | H_HASBODY)) && s->paras == 0 && s->chars < 300 &&
        nd->tag != PITH_TAG_p && nd->tag != PITH_TAG_ul && nd->tag != PITH_TAG_ol &&
        nd->tag != PITH_TAG_li && nd->tag != PITH_TAG_table && nd->tag != PITH_TAG_tr &&
        nd->tag != PITH_TAG_td)
      cut = 1;
    if (cut) {
      for (uint32_t a = nd->parent; a; a = d->nodes[a].parent) st[a].dchars += s->chars;
      if (getenv("PITH_DEBUG")) {
        size_t cl = 0;
        const char *cls = pith_dom_attr(d, i, "class", &cl);
        if (!cls) cls = pith_dom_attr(d, i, "id", &cl);
        fprintf(stderr, "prune <%s %.80s> fl=%x chars=%u paras=%u (total %u/%u)\n",
                pith_tag_names[nd->tag], cls ? cls : "", fl, s->chars, s->paras, total, tparas);
      }
      s->flags |= H_DEAD;
      i = nd->end;
      continue;
    }
    i++;
  }
}

/* Pass 3b: content scores. */
static void S_score(ex *e) {
  pith_dom *d = e->d;
  nstat *st = e->st;
  uint32_t end = d->nodes[e->body].end;
  for (uint32_t i = e->body; i < end;) {
    const pith_node *nd = &d->nodes[i];
    nstat *s = &st[i];
    if (s->flags & H_DEAD) { i = nd->end; continue; }
    if (nd->tag == PITH_TAG_TEXT) { i++; continue; }
    int tag = nd->tag;
    if ((pith_tag_flags[tag] & PITH_TAG_BLOCK) && s->inl >= 25 && !S_is_heading(tag) &&
        tag != PITH_TAG_dt && tag != PITH_TAG_th && tag != PITH_TAG_li && s->linl * 2 < s->inl) {
      float sc = 1.f + (float)s->cinl + (s->inl >= 300 ? 3.f : (float)s->inl / 100.f);
      if (tag == PITH_TAG_td || tag == PITH_TAG_dd || tag == PITH_TAG_li) sc *= 0.5f;
      /* add to ancestors with decreasing weight */
      uint32_t a = nd->parent;
      for (int lv = 0; lv < 5 && a; lv++) {
        float div = lv == 0 ? 1.f : lv == 1 ? 2.f : (float)(lv * 3);
        st[a].score += sc / div;
        a = d->nodes[a].parent;
      }
      /* the block itself is a candidate too, for pages with one big block */
      s->score += sc * 0.5f;
      int inbody = 0;
      for (uint32_t g = i; g; g = d->nodes[g].parent) {
        st[g].good += s->inl;
        if (st[g].flags & H_BODY) inbody = 1;
        if (inbody) st[g].bgood += s->inl;
      }
    }
    i++;
  }
}

static float S_tag_base(int tag) {
  switch (tag) {
  case PITH_TAG_div: case PITH_TAG_article: case PITH_TAG_main: case PITH_TAG_section: return 5.f;
  case PITH_TAG_pre: case PITH_TAG_td: case PITH_TAG_blockquote: return 3.f;
  case PITH_TAG_address: case PITH_TAG_ol: case PITH_TAG_ul: case PITH_TAG_dl:
  case PITH_TAG_dd: case PITH_TAG_dt: case PITH_TAG_li: case PITH_TAG_form: return -3.f;
  case PITH_TAG_th: case PITH_TAG_h1: case PITH_TAG_h2: case PITH_TAG_h3: case PITH_TAG_h4:
  case PITH_TAG_h5: case PITH_TAG_h6: return -5.f;
  default: return 0.f;
  }
}

static float S_final_score(ex *e, uint32_t i) {
  nstat *s = &e->st[i];
  if (s->score <= 0.f) return 0.f;
  float sc = s->score + S_tag_base(e->d->nodes[i].tag);
  unsigned fl = s->flags;
  /* class hints count in proportion to how much prose the element holds:
   * a "content-wrapper" around one line is not the article */
  float w = s->good >= 400 ? 1.f : (float)s->good / 400.f;
  if (fl & H_POS) sc += 25.f * w;
  if (fl & (H_NEG | H_CHROME | H_SHARE)) sc -= 25.f;
  if (fl & H_BODY) sc += 50.f * w;
  return sc * (1.f - S_ld(s));
}

/* ---- block emission ----------------------------------------------------- */

static int S_norm_eq(const char *a, size_t an, const char *b, size_t bn) {
  /* compare ignoring case, spaces and punctuation (ASCII only folding) */
  size_t i = 0, j = 0;
  for (;;) {
    while (i < an && ((unsigned char)a[i] < 0x80 && !((a[i] >= 'a' && a[i] <= 'z') || (a[i] >= 'A' && a[i] <= 'Z') || (a[i] >= '0' && a[i] <= '9')))) i++;
    while (j < bn && ((unsigned char)b[j] < 0x80 && !((b[j] >= 'a' && b[j] <= 'z') || (b[j] >= 'A' && b[j] <= 'Z') || (b[j] >= '0' && b[j] <= '9')))) j++;
    if (i >= an || j >= bn) return i >= an && j >= bn;
    if (pith_lower((unsigned char)a[i]) != pith_lower((unsigned char)b[j])) return 0;
    i++;
    j++;
  }
}

/* Letters and digits only, ASCII lower-cased (other bytes kept). */
static size_t S_norm(const char *s, size_t n, char *out, size_t cap) {
  size_t k = 0;
  for (size_t i = 0; i < n && k < cap; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x80) out[k++] = (char)c;
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out[k++] = (char)c;
    else if (c >= 'A' && c <= 'Z') out[k++] = (char)(c + 32);
  }
  return k;
}

/* A heading that repeats the page title (or the title with a site suffix
 * around it). */
static int S_is_title(ex *e, const char *s, size_t n) {
  if (!e->title || n > 600) return 0;
  char a[600], b[600];
  size_t an = S_norm(s, n, a, sizeof a), bn = S_norm(e->title, e->title_len, b, sizeof b);
  if (an < 8 || bn < 8) return an == bn && an && !memcmp(a, b, an);
  if (an == bn) return !memcmp(a, b, an);
  /* one contains the other, and the shorter is at least half the longer */
  const char *big = an > bn ? a : b, *small = an > bn ? b : a;
  size_t bl = an > bn ? an : bn, sl = an > bn ? bn : an;
  if (sl * 2 < bl) return 0;
  for (size_t i = 0; i + sl <= bl; i++)
    if (big[i] == small[0] && !memcmp(big + i, small, sl)) return 1;
  return 0;
}

static int S_kind_of(int tag) {
  if (S_is_heading(tag)) return PITH_B_HEADING;
  switch (tag) {
  case PITH_TAG_li: case PITH_TAG_dd: case PITH_TAG_dt: return PITH_B_LIST_ITEM;
  case PITH_TAG_blockquote: return PITH_B_QUOTE;
  case PITH_TAG_pre: return PITH_B_CODE;
  case PITH_TAG_tr: return PITH_B_TABLE_ROW;
  case PITH_TAG_figcaption: case PITH_TAG_caption: return PITH_B_CAPTION;
  default: return PITH_B_PARAGRAPH;
  }
}

/* Judge the block in e->blk and add it (or not). */
/* Lines of a short block split at <br>: metadata lines ("The-CNN-Wire",
 * "© 2024 ...") are taken out one by one; the rest stays the block. */
static void S_split_lines(ex *e, const char **sp, size_t *np) {
  const char *s = *sp;
  size_t n = *np;
  pith_buf *t = &e->tmp;
  pith_buf_clear(t);
  size_t i = 0;
  while (i <= n) {
    size_t j = i;
    while (j < n && s[j] != BR_MARK) j++;
    const char *l = s + i;
    size_t ln = j - i;
    pith_trim(&l, &ln);
    if (ln) {
      int mk = pith_line_kind(l, ln);
      if (mk != PITH_LINE_NONE) {
        pith_line_take(&e->doc->meta, &e->x->arena, mk, l, ln);
        pith_doc_explain_line(e->doc, 0, pith_line_kind_name(mk), l, ln);
      } else {
        if (t->len) pith_buf_putc(t, ' ');
        pith_buf_put(t, l, ln);
      }
    }
    i = j + 1;
  }
  *sp = t->p ? t->p : "";
  *np = t->len;
}

static int S_flush(ex *e) {
  pith_buf *b = &e->blk;
  if (b->err) return b->err;
  const char *s = b->p;
  size_t n = b->len;
  if (!s) { e->blinks = 0; return 0; }
  pith_trim(&s, &n);
  if (n == 0) {
    pith_buf_clear(b);
    e->blinks = 0;
    return 0;
  }
  if (memchr(s, BR_MARK, n)) {
    if (n < 1200 && !e->in_comment) {
      S_split_lines(e, &s, &n);
      if (n == 0) {
        pith_buf_clear(b);
        e->blinks = 0;
        return 0;
      }
    } else {
      for (size_t k = 0; k < n; k++)
        if (b->p[(s - b->p) + k] == BR_MARK) b->p[(s - b->p) + k] = ' ';
    }
  }
  pith_doc *doc = e->doc;
  const char *why = NULL;
  int keep = 1;
  uint32_t chars = (uint32_t)pith_utf8_count(s, n);
  float ld = chars ? (float)e->blinks / (float)chars : 0.f;
  if (ld > 1.f) ld = 1.f;
  int kind = e->bkind;
  int mk;
  pith_chrome ck;
  if (e->in_comment) {
    keep = 0;
    why = "comment";
  } else if (e->title && (kind == PITH_B_HEADING || e->kept_chars < 600) &&
             S_is_title(e, s, n)) {
    keep = 0;
    why = "title";
  } else if (chars < 400 && (mk = pith_line_kind(s, n)) != PITH_LINE_NONE) {
    keep = 0;
    why = pith_line_kind_name(mk);
    pith_line_take(&doc->meta, &e->x->arena, mk, s, n);
  } else if (kind != PITH_B_TABLE_ROW && (ck = pith_chrome_kind(s, n)) != PITH_CHROME_NONE) {
    keep = 0;
    why = pith_chrome_name(ck);
  } else if (ld > 0.5f && kind != PITH_B_HEADING && !(kind == PITH_B_LIST_ITEM && ld < 0.9f && chars > 60)) {
    keep = 0;
    why = "links";
  } else if (kind == PITH_B_CAPTION && e->precision) {
    keep = 0;
    why = "caption";
  }
  if (keep) {
    int rc = kind == PITH_B_LIST_ITEM
                 ? pith_doc_add_block_num(doc, kind, e->blevel, e->bnum, s, n)
                 : pith_doc_add_block(doc, kind, e->blevel, s, n);
    if (rc == PITH_ERR_NOMEM) return rc;
    e->kept_chars += chars;
    why = "content";
  }
  pith_doc_explain_line(doc, keep, why, s, n);
  pith_buf_clear(b);
  e->blinks = 0;
  return 0;
}

/* Decide whether a table holds data (rows of short cells) or page layout. */
static int S_data_table(ex *e, uint32_t t) {
  pith_dom *d = e->d;
  uint32_t cells = 0, blocks = 0;
  for (uint32_t j = t + 1; j < d->nodes[t].end; j++) {
    int tg = d->nodes[j].tag;
    if (tg == PITH_TAG_table) return 0; /* nested tables: layout */
    if (tg == PITH_TAG_td || tg == PITH_TAG_th) cells++;
    if (tg == PITH_TAG_p || tg == PITH_TAG_div || S_is_heading(tg) || tg == PITH_TAG_ul) {
      if (e->st[j].chars > 120) blocks++;
    }
  }
  if (!cells) return 0;
  if (blocks > 1) return 0;
  return e->st[t].chars / cells < 200;
}

/* Emit the blocks of the subtree at root. Iterative: we track open block
 * elements with the node indices where they end. */
static int S_emit(ex *e, uint32_t root) {
  pith_dom *d = e->d;
  nstat *st = e->st;
  /* stack of pending "block ends": when i reaches end[k], flush */
  uint32_t ends[256];
  int nends = 0;
  uint32_t link_end = 0;     /* inside <a> until this index */
  uint32_t comment_end = 0;
  uint32_t table_end = 0, row_end = 0;
  int row_cells = 0;
  int list_level = 0;
  uint32_t list_ends[64];
  int list_num[64];
  int nlists = 0;
  uint32_t end = d->nodes[root].end;
  e->bkind = PITH_B_PARAGRAPH;
  e->blevel = 0;
  e->bnum = 0;
  for (uint32_t i = root; i <= end; i++) {
    /* close finished elements */
    while (nends && ends[nends - 1] <= i) {
      nends--;
      if (S_flush(e)) return PITH_ERR_NOMEM;
      e->bkind = PITH_B_PARAGRAPH;
    }
    while (nlists && list_ends[nlists - 1] <= i) nlists--;
    list_level = nlists;
    if (row_end && row_end <= i) {
      row_end = 0;
      if (S_flush(e)) return PITH_ERR_NOMEM;
    }
    if (table_end && table_end <= i) table_end = 0;
    if (comment_end && comment_end <= i) { comment_end = 0; e->in_comment = 0; }
    if (link_end && link_end <= i) link_end = 0;
    if (i == end) break;
    const pith_node *nd = &d->nodes[i];
    if (nd->tag == PITH_TAG_TEXT) {
      if (pith_buf_put(&e->blk, d->text.p + nd->off, nd->len)) return e->blk.err;
      if (link_end) e->blinks += st[i].chars;
      continue;
    }
    unsigned fl = st[i].flags;
    if (i != root && (fl & H_DEAD)) {
      /* a pruned subtree is a block boundary */
      if (pith_tag_flags[nd->tag] & PITH_TAG_BLOCK) {
        if (!row_end && S_flush(e)) return PITH_ERR_NOMEM;
      } else {
        pith_buf_putc(&e->blk, ' ');
      }
      if (e->doc->explain_on && st[i].chars) {
        pith_buf_clear(&e->tmp);
        pith_dom_text_content(d, i, &e->tmp);
        pith_doc_explain_line(e->doc, 0,
                              (fl & H_HIDDEN) ? "hidden" : (fl & H_COMMENT) ? "comments"
                              : (fl & H_SHARE) ? "boilerplate" : (fl & H_META) ? "byline/date"
                              : (fl & H_CAPTION) ? "figure/caption" : "chrome",
                              e->tmp.p, e->tmp.len);
        /* byline containers still feed the metadata */
      }
      if ((fl & H_META) && !(fl & H_HIDDEN) && st[i].chars < 300) {
        pith_buf_clear(&e->tmp);
        pith_dom_text_content(d, i, &e->tmp);
        int mk = pith_line_kind(e->tmp.p, e->tmp.len);
        if (mk != PITH_LINE_NONE) pith_line_take(&e->doc->meta, &e->x->arena, mk, e->tmp.p, e->tmp.len);
      }
      i = nd->end - 1;
      continue;
    }
    int tag = nd->tag;
    if (tag == PITH_TAG_br) {
      /* <br><br> separates paragraphs; one <br> is a space */
      if (i + 1 < end && (d->nodes[i + 1].tag == PITH_TAG_br ||
                          (d->nodes[i + 1].tag == PITH_TAG_TEXT && i + 2 < end &&
                           d->nodes[i + 2].tag == PITH_TAG_br && st[i + 1].chars == 0))) {
        if (!row_end && S_flush(e)) return PITH_ERR_NOMEM;
      } else {
        pith_buf_putc(&e->blk, BR_MARK);
      }
      continue;
    }
    if (tag == PITH_TAG_img || tag == PITH_TAG_hr) {
      if (tag == PITH_TAG_hr && !row_end && S_flush(e)) return PITH_ERR_NOMEM;
      continue;
    }
    if (tag == PITH_TAG_a && !link_end && S_real_link(d, i)) link_end = nd->end;
    if (tag == PITH_TAG_table) {
      if (e->no_tables) {
        if (S_flush(e)) return PITH_ERR_NOMEM;
        pith_doc_explain_line(e->doc, 0, "table (--no-tables)", "", 0);
        i = nd->end - 1;
        continue;
      }
      if (!table_end && S_data_table(e, i)) table_end = nd->end;
    }
    if (table_end && tag == PITH_TAG_tr) {
      if (S_flush(e)) return PITH_ERR_NOMEM;
      row_end = nd->end;
      row_cells = 0;
      e->bkind = PITH_B_TABLE_ROW;
      e->blevel = 0;
      continue;
    }
    if (row_end && (tag == PITH_TAG_td || tag == PITH_TAG_th)) {
      if (row_cells++) pith_buf_puts(&e->blk, " | ");
      continue;
    }
    if (row_end) continue; /* inside a data row everything is inline */
    if (tag == PITH_TAG_ul || tag == PITH_TAG_ol || tag == PITH_TAG_dl) {
      if (nlists < 64) {
        list_ends[nlists] = nd->end;
        list_num[nlists] = tag == PITH_TAG_ol ? 1 : 0;
        nlists++;
      }
    }
    if (pith_tag_flags[tag] & PITH_TAG_BLOCK) {
      if (S_flush(e)) return PITH_ERR_NOMEM;
      int k = S_kind_of(tag);
      /* nested paragraphs inside list items or quotes keep the outer kind */
      if (k == PITH_B_PARAGRAPH && nends > 0 && e->bkind != PITH_B_PARAGRAPH) k = e->bkind;
      e->bkind = k;
      e->blevel = S_is_heading(tag) ? tag - PITH_TAG_h1 + 1 : k == PITH_B_LIST_ITEM ? list_level : 0;
      if (k == PITH_B_LIST_ITEM && tag == PITH_TAG_li && nlists && list_num[nlists - 1]) {
        e->bnum = list_num[nlists - 1]++;
      } else if (k != PITH_B_LIST_ITEM) {
        e->bnum = 0;
      }
      if (tag == PITH_TAG_li && nlists && !list_num[nlists - 1]) e->bnum = 0;
      if (nends < 256) ends[nends++] = nd->end;
    }
  }
  return S_flush(e);
}

/* ---- comments ---------------------------------------------------------- */

/* Is this element the text of one comment (not its header or footer)? */
static int S_comment_text_like(const pith_dom *d, uint32_t j) {
  size_t n = 0;
  const char *v = pith_dom_attr(d, j, "itemprop", &n);
  if (v && (pith_ieq(v, n, "text") || pith_ieq(v, n, "commentText"))) return 2;
  static const char *const inner[] = {"comment-content", "comment-text", "comment__text",
                                      "comment__content", "comment_text", "commentText",
                                      "comment-message", "post-message", "reply-content",
                                      "commentbody", "comment-entry"};
  for (size_t k = 0; k < sizeof inner / sizeof *inner; k++)
    if (pith_dom_classid_has(d, j, inner[k])) return 2;
  if (pith_dom_classid_has(d, j, "comment-body") || pith_dom_classid_has(d, j, "comment__body"))
    return 1;
  return 0;
}

static int S_add_comment_node(ex *e, uint32_t j) {
  pith_dom *d = e->d;
  nstat *st = e->st;
  /* the comment's text blocks, without its header/footer (author, date,
   * "Reply" links) */
  pith_buf_clear(&e->tmp);
  for (uint32_t k = j; k < d->nodes[j].end; k++) {
    const pith_node *m = &d->nodes[k];
    if (st[k].flags & H_HIDDEN) { k = m->end - 1; continue; }
    if (m->tag == PITH_TAG_TEXT) {
      pith_buf_put_collapsed(&e->tmp, d->text.p + m->off, m->len);
      continue;
    }
    if (k != j && (m->tag == PITH_TAG_footer || m->tag == PITH_TAG_header ||
                   (st[k].flags & (H_META | H_CHROME | H_SHARE)) ||
                   pith_dom_classid_has(d, k, "reply"))) {
      k = m->end - 1;
      continue;
    }
    if ((pith_tag_flags[m->tag] & PITH_TAG_BLOCK) || m->tag == PITH_TAG_br)
      pith_buf_putc(&e->tmp, ' ');
  }
  if (e->tmp.err) return PITH_ERR_NOMEM;
  return pith_doc_add_comment(e->doc, &e->x->arena, e->tmp.p, e->tmp.len) < 0 ? PITH_ERR_NOMEM : 0;
}

static int S_comments(ex *e) {
  pith_dom *d = e->d;
  nstat *st = e->st;
  for (uint32_t i = e->body; i < d->nodes[e->body].end; i++) {
    const pith_node *nd = &d->nodes[i];
    if (nd->tag == PITH_TAG_TEXT || !(st[i].flags & H_COMMENT)) continue;
    if (st[i].flags & H_HIDDEN) { i = nd->end - 1; continue; }
    uint32_t sec = i, found = 0;
    for (uint32_t j = sec + 1; j < d->nodes[sec].end; j++) {
      const pith_node *m = &d->nodes[j];
      if (m->tag == PITH_TAG_TEXT) continue;
      if ((st[j].flags & H_HIDDEN) || m->tag == PITH_TAG_form) { j = m->end - 1; continue; }
      int kind = S_comment_text_like(d, j);
      if (!kind) continue;
      if (kind == 1) {
        /* a comment body that wraps a more specific text element: go in */
        int inner = 0;
        for (uint32_t k = j + 1; k < m->end && !inner; k++)
          if (d->nodes[k].tag != PITH_TAG_TEXT && S_comment_text_like(d, k) == 2) inner = 1;
        if (inner) continue;
      }
      if (S_add_comment_node(e, j)) return PITH_ERR_NOMEM;
      found++;
      j = m->end - 1;
    }
    if (!found) {
      /* no marked comment texts: each paragraph is a comment */
      for (uint32_t j = sec + 1; j < d->nodes[sec].end; j++) {
        const pith_node *m = &d->nodes[j];
        if (m->tag == PITH_TAG_TEXT) continue;
        if ((st[j].flags & H_HIDDEN) || m->tag == PITH_TAG_form) { j = m->end - 1; continue; }
        if ((m->tag == PITH_TAG_p || m->tag == PITH_TAG_blockquote) && st[j].chars >= 2 &&
            st[j].lchars * 2 < st[j].chars) {
          pith_buf_clear(&e->tmp);
          pith_dom_text_content(d, j, &e->tmp);
          if (pith_chrome_kind(e->tmp.p, e->tmp.len) == PITH_CHROME_NONE &&
              pith_doc_add_comment(e->doc, &e->x->arena, e->tmp.p, e->tmp.len) < 0)
            return PITH_ERR_NOMEM;
          j = m->end - 1;
        }
      }
    }
    i = d->nodes[sec].end - 1;
  }
  return 0;
}

/* ---- error pages ---------------------------------------------------------- */

/* "Page not found", "Error 404", "Seite nicht gefunden"... in a title or a
 * heading: the page is an error page, whatever text it has. */
static int S_error_words(const char *s, size_t n) {
  static const char *const words[] = {
    "page not found", "not found", "404", "error 404", "no longer available",
    "seite nicht gefunden", "nicht gefunden", "page introuvable", "introuvable",
    "página no encontrada", "no encontrada", "pagina non trovata", "página não encontrada",
    "pagina niet gevonden", "страница не найдена", "页面不存在", "找不到", "ページが見つかりません",
    "الصفحة غير موجودة", "sayfa bulunamadı", "strona nie została znaleziona",
  };
  if (!s || n == 0 || n > 200) return 0;
  for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
    long p = pith_ifind(s, n, words[i]);
    if (p < 0) continue;
    if (!strcmp(words[i], "404")) {
      /* a number in a headline ("404 days") is not an error: want a word
       * boundary and a short title */
      size_t q = (size_t)p;
      if ((q > 0 && s[q - 1] >= '0' && s[q - 1] <= '9') || (q + 3 < n && s[q + 3] >= '0' && s[q + 3] <= '9'))
        continue;
      if (n > 60) continue;
    }
    return 1;
  }
  return 0;
}

static int S_error_page(ex *e) {
  pith_doc *doc = e->doc;
  if (e->kept_chars > 1500) return 0;
  pith_str t = doc->meta.f[PITH_F_TITLE];
  if (S_error_words(t.ptr, t.len)) return 1;
  for (size_t b = 0; b < doc->nblocks && b < 3; b++)
    if (doc->blocks[b].kind == PITH_B_HEADING &&
        S_error_words(doc->btext.p + doc->blocks[b].off, doc->blocks[b].len))
      return 1;
  return 0;
}

/* Wire facts the story itself gives, after the page's markup had its say:
 * a dateline credit opening one of the first paragraphs ("TAIPEI, Taiwan
 * (AP) - ..."), shared with text mode; else the wire's own site (the page's
 * canonical URL, else the URL it was fetched from). */
static int S_story_wire(ex *e) {
  pith_doc *doc = e->doc;
  pith_meta *m = &doc->meta;
  for (size_t b = 0, k = 0; b < doc->nblocks && k < 3; b++) {
    if (doc->blocks[b].kind != PITH_B_PARAGRAPH) continue;
    k++;
    const char *w = pith_line_dateline_wire(doc->btext.p + doc->blocks[b].off, doc->blocks[b].len, NULL, NULL);
    if (w) {
      if (pith_meta_set(m, &e->x->arena, PITH_F_WIRE, w, strlen(w), PITH_PRI_TEXT, "text") < 0)
        return PITH_ERR_NOMEM;
      break;
    }
  }
  if (m->f[PITH_F_WIRE].ptr) return 0;
  pith_str cu = m->f[PITH_F_URL];
  const char *w = cu.ptr ? pith_wire_from_url(cu.ptr, cu.len) : NULL;
  if (!w && doc->url) w = pith_wire_from_url(doc->url, strlen(doc->url));
  if (w && pith_meta_set(m, &e->x->arena, PITH_F_WIRE, w, strlen(w), PITH_PRI_TEXT, "url") < 0)
    return PITH_ERR_NOMEM;
  return 0;
}

/* ---- selection ------------------------------------------------------------ */

static int S_sibling_belongs(ex *e, uint32_t sib, float top) {
  nstat *s = &e->st[sib];
  if (s->flags & H_DEAD) return 0;
  float sc = S_final_score(e, sib);
  if (sc >= top * 0.2f && sc >= 10.f) return 1;
  const pith_node *nd = &e->d->nodes[sib];
  if (nd->tag == PITH_TAG_p || nd->tag == PITH_TAG_TEXT) {
    float ld = S_ld(s);
    if (s->chars > 80 && ld < 0.25f) return 1;
    if (s->chars > 0 && s->chars <= 80 && ld == 0.f && s->commas) return 1;
  }
  return 0;
}

int pith_content_extract(pith_extractor *x) {
  pith_dom *d = &x->dom;
  if (d->n < 2) return 0;
  size_t need = (size_t)d->n * sizeof(nstat);
  if (need > x->work_cap) {
    void *w = pith_realloc(x->work, need);
    if (!w) return PITH_ERR_NOMEM;
    x->work = w;
    x->work_cap = need;
  }
  ex e;
  memset(&e, 0, sizeof e);
  e.x = x;
  e.d = d;
  e.doc = &x->doc;
  e.st = x->work;
  memset(e.st, 0, need);
  pith_buf_init(&e.blk, 0);
  pith_buf_init(&e.tmp, 0);
  e.comments_wanted = (x->opt.flags & PITH_OPT_COMMENTS) != 0;
  e.no_tables = (x->opt.flags & PITH_OPT_NO_TABLES) != 0;
  e.recall = (x->opt.flags & PITH_OPT_RECALL) != 0;
  e.precision = (x->opt.flags & PITH_OPT_PRECISION) != 0;
  pith_str t = x->doc.meta.f[PITH_F_TITLE];
  e.title = t.ptr;
  e.title_len = t.len;
  e.body = d->body ? d->body : 0;

  /* pass 1: hints, inherited hidden */
  for (uint32_t i = 1; i < d->n; i++) {
    const pith_node *nd = &d->nodes[i];
    if (nd->tag == PITH_TAG_TEXT) continue;
    e.st[i].flags = (uint16_t)S_hints(d, i);
    if (e.st[i].flags & H_HIDDEN) {
      /* the subtree is gone: no need to look inside */
      for (uint32_t j = i + 1; j < nd->end; j++) e.st[j].flags = H_HIDDEN;
      i = nd->end - 1;
    }
  }
  /* the body and html elements are never pruned by hints */
  e.st[e.body].flags &= (uint16_t) ~(H_HIDDEN | H_CHROME | H_NEG | H_SHARE | H_COMMENT | H_META);
  if (d->html) e.st[d->html].flags &= (uint16_t) ~(H_HIDDEN | H_CHROME | H_NEG | H_SHARE | H_COMMENT | H_META);
  S_stats(&e);
  S_prune(&e);
  S_score(&e);

  /* pick the best candidate */
  uint32_t best = 0;
  float bestsc = 0.f;
  for (uint32_t i = e.body; i < d->nodes[e.body].end; i++) {
    if (d->nodes[i].tag == PITH_TAG_TEXT) continue;
    if (e.st[i].flags & H_DEAD) { i = d->nodes[i].end - 1; continue; }
    float sc = S_final_score(&e, i);
    if (sc > bestsc) {
      bestsc = sc;
      best = i;
    }
  }
  int rc = 0;
  if (!best || bestsc < 5.f) {
    /* No candidate: a tiny page or one without paragraphs. Judge every
     * block of the body; a link list or teaser page keeps nothing. */
    pith_doc_explain_line(e.doc, 0, "no-candidate", "", 0);
    nstat *bs = &e.st[e.body];
    if (bs->chars && bs->lchars * 2 < bs->chars) rc = S_emit(&e, e.body);
  } else {
    /* Climb while an ancestor holds clearly more paragraph text and is
     * still mostly paragraphs: articles split into several sections. */
    for (uint32_t cur = best;;) {
      uint32_t p = d->nodes[cur].parent;
      if (!p || p == d->html || p == e.body) break;
      nstat *ps = &e.st[p], *bs = &e.st[best];
      if (ps->flags & H_DEAD) break;
      if (getenv("PITH_DEBUG"))
        fprintf(stderr, "climb? <%s> good %u/%u chars %u/%u\n", pith_tag_names[d->nodes[p].tag],
                ps->good, bs->good, ps->chars, bs->chars);
      uint32_t extra_good = ps->good - bs->good;
      uint32_t pt = ps->chars - ps->lchars, bt = bs->chars - bs->lchars;
      pt = pt > ps->dchars ? pt - ps->dchars : 0;
      bt = bt > bs->dchars ? bt - bs->dchars : 0;
      uint32_t extra_text = pt > bt ? pt - bt : 0;
      /* from a marked article body, only climb to gather more marked body */
      int body_ok = !bs->bgood || ps->bgood >= bs->bgood + bs->bgood / 5 + 50;
      if (body_ok && ps->good >= bs->good + bs->good / 5 + 50 &&
          (float)extra_good >= 0.6f * (float)extra_text && S_ld(ps) < 0.35f) {
        best = p;
        bestsc = S_final_score(&e, p);
      }
      cur = p;
    }
    if (e.doc->explain_on) {
      char msg[128];
      size_t cl = 0;
      const char *cls = pith_dom_attr(d, best, "class", &cl);
      snprintf(msg, sizeof msg, "<%s class=\"%.60s\"> score %.1f", pith_tag_names[d->nodes[best].tag],
               cls ? cls : "", (double)bestsc);
      pith_doc_explain_line(e.doc, 1, "candidate", msg, strlen(msg));
    }
    /* the candidate and the siblings that belong to it, in order */
    uint32_t parent = d->nodes[best].parent;
    if (parent && parent != best) {
      for (uint32_t s = d->nodes[parent].first; s; s = d->nodes[s].next) {
        if (s == best || S_sibling_belongs(&e, s, bestsc)) {
          if (d->nodes[s].tag == PITH_TAG_TEXT) {
            pith_buf_put(&e.blk, d->text.p + d->nodes[s].off, d->nodes[s].len);
            continue;
          }
          if ((rc = S_flush(&e))) break;
          if ((rc = S_emit(&e, s))) break;
        }
      }
      if (!rc) rc = S_flush(&e);
    } else {
      rc = S_emit(&e, best);
    }
    /* Recall fallback: the chosen container gave next to nothing while
     * the page has plenty of paragraph text elsewhere (a wrong pick, or an
     * article spread over sibling containers): judge the whole body's
     * blocks instead and keep that if it is clearly more. */
    nstat *bs = &e.st[e.body];
    if (!rc && e.kept_chars < 250 && bs->good >= 3 * (e.kept_chars + 100) &&
        bs->lchars * 2 < bs->chars) {
      size_t nb = e.doc->nblocks, bl = e.doc->btext.len, kc = e.kept_chars;
      pith_doc_explain_line(e.doc, 0, "fallback", "candidate too short: judging the whole body", 42);
      e.kept_chars = 0;
      rc = S_emit(&e, e.body);
      if (!rc && e.kept_chars < kc * 2) {
        /* not better: restore the first result */
        e.doc->nblocks = nb;
        e.doc->btext.len = bl;
        e.kept_chars = kc;
      } else if (!rc) {
        /* keep only the body pass */
        size_t drop = nb;
        if (drop) {
          memmove(e.doc->blocks, e.doc->blocks + drop, (e.doc->nblocks - drop) * sizeof *e.doc->blocks);
          e.doc->nblocks -= drop;
        }
      }
    }
  }
  /* headings with nothing after them are section labels of chrome (but a
   * page of nothing but headings keeps them) */
  int has_body_block = 0;
  for (size_t b = 0; b < e.doc->nblocks; b++)
    if (e.doc->blocks[b].kind != PITH_B_HEADING) has_body_block = 1;
  while (!rc && has_body_block && e.doc->nblocks &&
         e.doc->blocks[e.doc->nblocks - 1].kind == PITH_B_HEADING) {
    e.doc->btext.len = e.doc->blocks[e.doc->nblocks - 1].off;
    e.doc->nblocks--;
  }
  /* A "title" that is only the site's or the author's name (blogs whose
   * <title> is the same on every page): the article's own leading heading
   * is the real title, and it leaves the text. */
  if (!rc && e.doc->nblocks && e.doc->blocks[0].kind == PITH_B_HEADING && e.doc->blocks[0].level <= 2 &&
      e.title) {
    pith_meta *m = &e.doc->meta;
    int generic = 0;
    pith_str sn = m->f[PITH_F_SITE_NAME];
    if (sn.ptr && S_norm_eq(e.title, e.title_len, sn.ptr, sn.len)) generic = 1;
    for (size_t k = 0; !generic && k < m->l[PITH_L_AUTHORS].n; k++)
      if (S_norm_eq(e.title, e.title_len, m->l[PITH_L_AUTHORS].v[k].ptr, m->l[PITH_L_AUTHORS].v[k].len))
        generic = 1;
    const pith_block *h = &e.doc->blocks[0];
    /* a headline has a few words ("research" is a section label) */
    int spaces = 0;
    for (uint32_t k = 0; k < h->len; k++) spaces += e.doc->btext.p[h->off + k] == ' ';
    if (generic && spaces >= 2 && h->len < 300) {
      if (pith_meta_set(m, &x->arena, PITH_F_TITLE, e.doc->btext.p + h->off, h->len, 250, "dom") < 0)
        rc = PITH_ERR_NOMEM;
      pith_doc_explain_line(e.doc, 0, "title (the page title is only a name)", e.doc->btext.p + h->off, h->len);
      memmove(e.doc->blocks, e.doc->blocks + 1, (e.doc->nblocks - 1) * sizeof *e.doc->blocks);
      e.doc->nblocks--;
    }
  }
  if (!rc && e.doc->nblocks && S_error_page(&e)) {
    pith_doc_explain_line(e.doc, 0, "error-page", "", 0);
    e.doc->nblocks = 0;
    e.doc->btext.len = 0;
    pith_doc_set_status(e.doc, PITH_NO_CONTENT, "the page is an error page (not found)");
  }
  if (!rc && e.doc->nblocks) rc = S_story_wire(&e);
  if (!rc && e.comments_wanted) {
    e.doc->meta.lsrc[PITH_L_COMMENTS] = "dom";
    rc = S_comments(&e);
  }
  pith_buf_free(&e.blk);
  pith_buf_free(&e.tmp);
  return rc;
}
