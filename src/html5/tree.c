/* tree.c - WHATWG tree construction: see tree.h.
 *
 * The insertion modes follow the spec's sections one to one; the token
 * handlers return to a mode loop when the spec says "reprocess the token".
 * Character tokens are split where a mode treats whitespace differently.
 *
 * <select> follows the customizable-select parser html5lib-tests now
 * expect: its content is parsed in body (no "in select" modes), a nested
 * <select> or an <input> closes it. */
#include "html5/tree.h"

#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <string.h>

#include "html5/tokenizer.h"

/* ---- tag atoms -------------------------------------------------------- */

#define H5_TAGS(X) \
  X(a) X(address) X(annotation_xml) X(applet) X(area) X(article) X(aside) X(b) X(base) \
  X(basefont) X(bgsound) X(big) X(blockquote) X(body) X(br) X(button) X(caption) \
  X(center) X(code) X(col) X(colgroup) X(dd) X(desc) X(details) X(dialog) X(dir) X(div) \
  X(dl) X(dt) X(em) X(embed) X(fieldset) X(figcaption) X(figure) X(font) X(footer) \
  X(foreignObject) X(form) X(frame) X(frameset) X(h1) X(h2) X(h3) X(h4) X(h5) X(h6) \
  X(head) X(header) X(hgroup) X(hr) X(html) X(i) X(iframe) X(image) X(img) X(input) \
  X(keygen) X(li) X(link) X(listing) X(main) X(malignmark) X(marquee) X(math) X(menu) \
  X(menuitem) X(meta) X(mglyph) X(mi) X(mn) X(mo) X(ms) X(mtext) X(nav) X(nobr) X(noembed) \
  X(noframes) X(noscript) X(object) X(ol) X(optgroup) X(option) X(p) X(param) \
  X(plaintext) X(pre) X(rb) X(rp) X(rt) X(rtc) X(ruby) X(s) X(script) X(search) \
  X(section) X(select) X(small) X(source) X(span) X(strike) X(strong) X(style) X(sub) \
  X(summary) X(sup) X(svg) X(table) X(tbody) X(td) X(template) X(textarea) X(tfoot) \
  X(th) X(thead) X(title) X(tr) X(track) X(tt) X(u) X(ul) X(var) X(wbr) X(xmp)

enum {
  T_none = 0,
#define X(n) T_##n,
  H5_TAGS(X)
#undef X
  T__count
};

static const char *const S_tag_names[T__count] = {
  "",
#define X(n) #n,
  H5_TAGS(X)
#undef X
};

/* Atom for a lower-case HTML tag name (H5_TAGS is in strcmp order, with
 * '_' standing for '-'; h5_tree_selfcheck verifies the order). */
/* The names hashed once into an open-addressing table: a lookup is one
 * hash and (almost always) one memcmp, where a binary search over 128
 * names cost seven strcmp calls per tag (3% of the whole extraction). */
#define ATOM_SLOTS 512
static struct { uint8_t len; uint8_t atom; } S_atom_tab[ATOM_SLOTS];
static char S_atom_name[T__count][20];
static pthread_once_t S_atom_once = PTHREAD_ONCE_INIT;

static unsigned S_atom_hash(const char *s, size_t n) {
  unsigned h = (unsigned)n * 0x9E37u;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 0x01000193u;
  return (h ^ (h >> 15)) & (ATOM_SLOTS - 1);
}

static void S_atom_init(void) {
  for (int t = 1; t < T__count; t++) {
    size_t n = strlen(S_tag_names[t]);
    for (size_t i = 0; i < n; i++) S_atom_name[t][i] = S_tag_names[t][i] == '_' ? '-' : S_tag_names[t][i];
    unsigned h = S_atom_hash(S_atom_name[t], n);
    while (S_atom_tab[h].atom) h = (h + 1) & (ATOM_SLOTS - 1);
    S_atom_tab[h].atom = (uint8_t)t;
    S_atom_tab[h].len = (uint8_t)n;
  }
}

static int S_atom(const char *s, size_t n) {
  if (n == 0 || n >= sizeof S_atom_name[0]) return T_none;
  pthread_once(&S_atom_once, S_atom_init);
  for (unsigned h = S_atom_hash(s, n);; h = (h + 1) & (ATOM_SLOTS - 1)) {
    int t = S_atom_tab[h].atom;
    if (!t) return T_none;
    if (S_atom_tab[h].len == n && !memcmp(S_atom_name[t], s, n)) return t;
  }
}

static int S_tag(const h5_token *k);

int h5_tree_selfcheck(void) {
  for (int i = 2; i < T__count; i++)
    if (strcmp(S_tag_names[i - 1], S_tag_names[i]) >= 0) return i;
  return 0;
}

/* ---- the document ----------------------------------------------------- */

static void *S_grow(h5_doc *d, void *p, size_t elem, uint32_t *cap, size_t need) {
  if (need <= *cap) return p;
  size_t c = *cap ? *cap : 64;
  while (c < need) c *= 2;
  void *q = realloc(p, c * elem);
  if (!q) { d->oom = 1; return NULL; }
  *cap = (uint32_t)c;
  return q;
}

static int S_bytes_reserve(h5_doc *d, char **p, size_t *cap, size_t need) {
  if (need <= *cap) return 0;
  size_t c = *cap ? *cap : 1024;
  while (c < need) c *= 2;
  char *q = realloc(*p, c);
  if (!q) { d->oom = 1; return -1; }
  *p = q;
  *cap = c;
  return 0;
}

static uint32_t S_str_put(h5_doc *d, const char *p, size_t n) {
  if (S_bytes_reserve(d, &d->str, &d->str_cap, d->str_n + n + 1)) return 0;
  uint32_t at = (uint32_t)d->str_n;
  if (n) memcpy(d->str + at, p, n);
  d->str[at + n] = 0;
  d->str_n += n + 1;
  return at;
}

static uint32_t S_node_new(h5_doc *d, int type) {
  h5_node *nn = S_grow(d, d->nodes, sizeof *d->nodes, &d->cap, (size_t)d->n + 1);
  if (!nn) return 0;
  d->nodes = nn;
  uint32_t i = d->n++;
  memset(&d->nodes[i], 0, sizeof d->nodes[i]);
  d->nodes[i].type = (uint8_t)type;
  return i;
}

static void S_detach(h5_doc *d, uint32_t c) {
  h5_node *n = &d->nodes[c];
  if (!n->parent) return;
  h5_node *p = &d->nodes[n->parent];
  if (n->prev) d->nodes[n->prev].next = n->next; else p->first = n->next;
  if (n->next) d->nodes[n->next].prev = n->prev; else p->last = n->prev;
  n->parent = n->next = n->prev = 0;
}

/* Insert c into parent before `before` (0: append). */
static void S_insert_node(h5_doc *d, uint32_t parent, uint32_t before, uint32_t c) {
  S_detach(d, c);
  h5_node *n = &d->nodes[c], *p = &d->nodes[parent];
  n->parent = parent;
  if (!before) {
    n->prev = p->last;
    if (p->last) d->nodes[p->last].next = c; else p->first = c;
    p->last = c;
  } else {
    h5_node *b = &d->nodes[before];
    n->next = before;
    n->prev = b->prev;
    if (b->prev) d->nodes[b->prev].next = c; else p->first = c;
    b->prev = c;
  }
}

/* Append bytes to text node t: its region grows by doubling (moved to the
 * end of the text buffer when it is full). */
static void S_text_append(h5_doc *d, uint32_t t, const char *p, size_t n) {
  h5_node *x = &d->nodes[t];
  if (x->d_len + n > x->d_cap) {
    size_t need = (size_t)x->d_len + n, cap = need < 16 ? 16 : need * 2;
    if (x->d_off + x->d_cap == d->text_n) {  /* last region: grow in place */
      if (S_bytes_reserve(d, &d->text, &d->text_cap, x->d_off + cap)) return;
      d->text_n = x->d_off + cap;
    } else {
      if (S_bytes_reserve(d, &d->text, &d->text_cap, d->text_n + cap)) return;
      x = &d->nodes[t];
      if (x->d_len) memmove(d->text + d->text_n, d->text + x->d_off, x->d_len);
      x->d_off = (uint32_t)d->text_n;
      d->text_n += cap;
    }
    x->d_cap = (uint32_t)cap;
  }
  memcpy(d->text + x->d_off + x->d_len, p, n);
  x->d_len += (uint32_t)n;
}

void h5_doc_free(h5_doc *d) {
  if (!d) return;
  free(d->nodes);
  free(d->attrs);
  free(d->str);
  free(d->text);
  free(d);
}

/* ---- the tree builder's state ---------------------------------------- */

enum {
  M_INITIAL, M_BEFORE_HTML, M_BEFORE_HEAD, M_IN_HEAD, M_IN_HEAD_NOSCRIPT, M_AFTER_HEAD,
  M_IN_BODY, M_TEXT, M_IN_TABLE, M_IN_TABLE_TEXT, M_IN_CAPTION, M_IN_COLUMN_GROUP,
  M_IN_TABLE_BODY, M_IN_ROW, M_IN_CELL, M_IN_TEMPLATE,
  M_AFTER_BODY, M_IN_FRAMESET, M_AFTER_FRAMESET, M_AFTER_AFTER_BODY, M_AFTER_AFTER_FRAMESET
};

#define F_HTML_IP 0x10  /* element flag: HTML integration point (annotation-xml) */

typedef struct tb {
  h5_doc *d;
  h5_tokenizer *tok;
  uint32_t *stack;
  uint32_t sn, scap;
  uint32_t *afe;      /* 0 = marker */
  uint32_t an, acap;
  uint8_t *tmodes;
  uint32_t tmn, tmcap;
  int mode, orig_mode;
  uint32_t head, form;
  int frameset_ok, foster, skip_lf, done;
  int scripting;      /* the scripting flag: <noscript> is raw text */
  char *ptext;        /* pending table character tokens */
  size_t ptn, ptcap;
} tb;

static inline h5_node *S_n(tb *b, uint32_t i) { return &b->d->nodes[i]; }
static inline uint32_t S_cur(tb *b) { return b->sn ? b->stack[b->sn - 1] : 0; }
static inline int S_is(tb *b, uint32_t i, int tag) {
  return i && b->d->nodes[i].type == H5_NODE_ELEMENT && b->d->nodes[i].ns == H5_NS_HTML &&
         b->d->nodes[i].tag == tag;
}
static inline int S_cur_is(tb *b, int tag) { return S_is(b, S_cur(b), tag); }
static inline int S_is_html(tb *b, uint32_t i) { return b->d->nodes[i].ns == H5_NS_HTML; }

static int S_tag_in(int tag, const uint8_t *set) {
  for (; *set; set++)
    if (*set == tag) return 1;
  return 0;
}
#define SET(...) ((const uint8_t[]){__VA_ARGS__, 0})

static int S_is_special(tb *b, uint32_t i) {
  h5_node *n = S_n(b, i);
  int t = n->tag;
  if (n->ns == H5_NS_MATHML)
    return t == T_mi || t == T_mo || t == T_mn || t == T_ms || t == T_mtext || t == T_annotation_xml;
  if (n->ns == H5_NS_SVG) return t == T_foreignObject || t == T_desc || t == T_title;
  static const uint8_t special[] = {
    T_address, T_applet, T_area, T_article, T_aside, T_base, T_basefont, T_bgsound,
    T_blockquote, T_body, T_br, T_button, T_caption, T_center, T_col, T_colgroup, T_dd,
    T_details, T_dir, T_div, T_dl, T_dt, T_embed, T_fieldset, T_figcaption, T_figure,
    T_footer, T_form, T_frame, T_frameset, T_h1, T_h2, T_h3, T_h4, T_h5, T_h6, T_head,
    T_header, T_hgroup, T_hr, T_html, T_iframe, T_img, T_input, T_keygen, T_li, T_link,
    T_listing, T_main, T_marquee, T_menu, T_meta, T_nav, T_noembed, T_noframes, T_noscript,
    T_object, T_ol, T_p, T_param, T_plaintext, T_pre, T_script, T_search, T_section,
    T_select, T_source, T_style, T_summary, T_table, T_tbody, T_td, T_template, T_textarea,
    T_tfoot, T_th, T_thead, T_title, T_tr, T_track, T_ul, T_wbr, T_xmp, 0};
  return t && S_tag_in(t, special);
}

enum { SC_DEFAULT, SC_LIST, SC_BUTTON, SC_TABLE, SC_SELECT };

static int S_scope_boundary(tb *b, uint32_t i, int kind) {
  h5_node *n = S_n(b, i);
  int t = n->tag;
  if (kind == SC_SELECT) return !(n->ns == H5_NS_HTML && (t == T_optgroup || t == T_option));
  if (n->ns == H5_NS_HTML) {
    if (t == T_html || t == T_table || t == T_template) return 1;
    if (kind == SC_TABLE) return 0;
    /* select: as html5lib-tests expect since the customizable-select
     * parser (an end tag outside it does not reach into it) */
    if (t == T_applet || t == T_caption || t == T_td || t == T_th || t == T_marquee || t == T_object ||
        t == T_select)
      return 1;
    if (kind == SC_LIST && (t == T_ol || t == T_ul)) return 1;
    if (kind == SC_BUTTON && t == T_button) return 1;
    return 0;
  }
  if (kind == SC_TABLE) return 0;
  if (n->ns == H5_NS_MATHML)
    return t == T_mi || t == T_mo || t == T_mn || t == T_ms || t == T_mtext || t == T_annotation_xml;
  return t == T_foreignObject || t == T_desc || t == T_title;
}

/* Has an HTML element with tag in the given scope. */
static int S_in_scope(tb *b, int tag, int kind) {
  for (uint32_t k = b->sn; k-- > 0;) {
    uint32_t i = b->stack[k];
    if (S_is(b, i, tag)) return 1;
    if (S_scope_boundary(b, i, kind)) return 0;
  }
  return 0;
}

static int S_node_in_scope(tb *b, uint32_t node, int kind) {
  for (uint32_t k = b->sn; k-- > 0;) {
    uint32_t i = b->stack[k];
    if (i == node) return 1;
    if (S_scope_boundary(b, i, kind)) return 0;
  }
  return 0;
}

static void S_push(tb *b, uint32_t i) {
  uint32_t *s = S_grow(b->d, b->stack, sizeof *b->stack, &b->scap, (size_t)b->sn + 1);
  if (!s) return;
  b->stack = s;
  b->stack[b->sn++] = i;
}
static void S_pop(tb *b) { if (b->sn) b->sn--; }
static void S_pop_until(tb *b, int tag) {
  while (b->sn) {
    uint32_t i = b->stack[--b->sn];
    if (S_is(b, i, tag)) return;
  }
}
static void S_pop_until_set(tb *b, const uint8_t *set) {
  while (b->sn) {
    uint32_t i = b->stack[--b->sn];
    if (S_is_html(b, i) && S_tag_in(S_n(b, i)->tag, set)) return;
  }
}
static int S_stack_index(tb *b, uint32_t node) {
  for (uint32_t k = b->sn; k-- > 0;)
    if (b->stack[k] == node) return (int)k;
  return -1;
}
static void S_stack_remove(tb *b, uint32_t node) {
  int k = S_stack_index(b, node);
  if (k < 0) return;
  memmove(b->stack + k, b->stack + k + 1, (b->sn - (uint32_t)k - 1) * sizeof *b->stack);
  b->sn--;
}
static int S_template_on_stack(tb *b) {
  for (uint32_t k = 0; k < b->sn; k++)
    if (S_is(b, b->stack[k], T_template)) return 1;
  return 0;
}

static const uint8_t S_implied[] = {T_dd, T_dt, T_li, T_optgroup, T_option, T_p, T_rb, T_rp,
                                    T_rt, T_rtc, 0};

static void S_implied_end(tb *b, int except) {
  while (b->sn) {
    uint32_t i = S_cur(b);
    if (!S_is_html(b, i)) return;
    int t = S_n(b, i)->tag;
    if (t == except || !t || !S_tag_in(t, S_implied)) return;
    S_pop(b);
  }
}
static void S_implied_end_all(tb *b) {
  static const uint8_t more[] = {T_caption, T_colgroup, T_tbody, T_td, T_tfoot, T_th, T_thead,
                                 T_tr, 0};
  while (b->sn) {
    uint32_t i = S_cur(b);
    int t = S_n(b, i)->tag;
    if (!S_is_html(b, i) || !t || !(S_tag_in(t, S_implied) || S_tag_in(t, more))) return;
    S_pop(b);
  }
}

/* ---- elements --------------------------------------------------------- */

static const char *const S_svg_tags[][2] = {
  {"altglyph", "altGlyph"}, {"altglyphdef", "altGlyphDef"}, {"altglyphitem", "altGlyphItem"},
  {"animatecolor", "animateColor"}, {"animatemotion", "animateMotion"},
  {"animatetransform", "animateTransform"}, {"clippath", "clipPath"}, {"feblend", "feBlend"},
  {"fecolormatrix", "feColorMatrix"}, {"fecomponenttransfer", "feComponentTransfer"},
  {"fecomposite", "feComposite"}, {"feconvolvematrix", "feConvolveMatrix"},
  {"fediffuselighting", "feDiffuseLighting"}, {"fedisplacementmap", "feDisplacementMap"},
  {"fedistantlight", "feDistantLight"}, {"fedropshadow", "feDropShadow"}, {"feflood", "feFlood"},
  {"fefunca", "feFuncA"}, {"fefuncb", "feFuncB"}, {"fefuncg", "feFuncG"}, {"fefuncr", "feFuncR"},
  {"fegaussianblur", "feGaussianBlur"}, {"feimage", "feImage"}, {"femerge", "feMerge"},
  {"femergenode", "feMergeNode"}, {"femorphology", "feMorphology"}, {"feoffset", "feOffset"},
  {"fepointlight", "fePointLight"}, {"fespecularlighting", "feSpecularLighting"},
  {"fespotlight", "feSpotLight"}, {"fetile", "feTile"}, {"feturbulence", "feTurbulence"},
  {"foreignobject", "foreignObject"}, {"glyphref", "glyphRef"},
  {"lineargradient", "linearGradient"}, {"radialgradient", "radialGradient"},
  {"textpath", "textPath"}, {NULL, NULL}};

static const char *const S_svg_attrs[][2] = {
  {"attributename", "attributeName"}, {"attributetype", "attributeType"},
  {"basefrequency", "baseFrequency"}, {"baseprofile", "baseProfile"}, {"calcmode", "calcMode"},
  {"clippathunits", "clipPathUnits"}, {"diffuseconstant", "diffuseConstant"},
  {"edgemode", "edgeMode"}, {"filterunits", "filterUnits"}, {"glyphref", "glyphRef"},
  {"gradienttransform", "gradientTransform"}, {"gradientunits", "gradientUnits"},
  {"kernelmatrix", "kernelMatrix"}, {"kernelunitlength", "kernelUnitLength"},
  {"keypoints", "keyPoints"}, {"keysplines", "keySplines"}, {"keytimes", "keyTimes"},
  {"lengthadjust", "lengthAdjust"}, {"limitingconeangle", "limitingConeAngle"},
  {"markerheight", "markerHeight"}, {"markerunits", "markerUnits"},
  {"markerwidth", "markerWidth"}, {"maskcontentunits", "maskContentUnits"},
  {"maskunits", "maskUnits"}, {"numoctaves", "numOctaves"}, {"pathlength", "pathLength"},
  {"patterncontentunits", "patternContentUnits"}, {"patterntransform", "patternTransform"},
  {"patternunits", "patternUnits"}, {"pointsatx", "pointsAtX"}, {"pointsaty", "pointsAtY"},
  {"pointsatz", "pointsAtZ"}, {"preservealpha", "preserveAlpha"},
  {"preserveaspectratio", "preserveAspectRatio"}, {"primitiveunits", "primitiveUnits"},
  {"refx", "refX"}, {"refy", "refY"}, {"repeatcount", "repeatCount"},
  {"repeatdur", "repeatDur"}, {"requiredextensions", "requiredExtensions"},
  {"requiredfeatures", "requiredFeatures"}, {"specularconstant", "specularConstant"},
  {"specularexponent", "specularExponent"}, {"spreadmethod", "spreadMethod"},
  {"startoffset", "startOffset"}, {"stddeviation", "stdDeviation"},
  {"stitchtiles", "stitchTiles"}, {"surfacescale", "surfaceScale"},
  {"systemlanguage", "systemLanguage"}, {"tablevalues", "tableValues"}, {"targetx", "targetX"},
  {"targety", "targetY"}, {"textlength", "textLength"}, {"viewbox", "viewBox"},
  {"viewtarget", "viewTarget"}, {"xchannelselector", "xChannelSelector"},
  {"ychannelselector", "yChannelSelector"}, {"zoomandpan", "zoomAndPan"}, {NULL, NULL}};

/* xlink:href and friends: {token name, local name, namespace code} */
static const struct { const char *name, *local; uint8_t ns; } S_foreign_attrs[] = {
  {"xlink:actuate", "actuate", 1}, {"xlink:arcrole", "arcrole", 1}, {"xlink:href", "href", 1},
  {"xlink:role", "role", 1}, {"xlink:show", "show", 1}, {"xlink:title", "title", 1},
  {"xlink:type", "type", 1}, {"xml:lang", "lang", 2}, {"xml:space", "space", 2},
  {"xmlns", "xmlns", 3}, {"xmlns:xlink", "xlink", 3}, {NULL, NULL, 0}};

static const char *S_lookup2(const char *const (*tab)[2], h5_str s) {
  for (; (*tab)[0]; tab++)
    if (strlen((*tab)[0]) == s.n && memcmp((*tab)[0], s.p, s.n) == 0) return (*tab)[1];
  return NULL;
}

static int S_str_eq(h5_str s, const char *lit) {
  return strlen(lit) == s.n && memcmp(lit, s.p, s.n) == 0;
}

static int S_ieq(const char *p, size_t n, const char *lit) {
  if (strlen(lit) != n) return 0;
  for (size_t i = 0; i < n; i++) {
    char c = p[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
    if (c != lit[i]) return 0;
  }
  return 1;
}

/* Copy the token's attributes into the document, adjusted for ns. */
static void S_copy_attrs(tb *b, uint32_t el, const h5_token *k, int ns) {
  h5_doc *d = b->d;
  h5_dattr *a = S_grow(d, d->attrs, sizeof *d->attrs, &d->attrs_cap, (size_t)d->nattrs + k->nattrs);
  if (!a) return;
  d->attrs = a;
  d->nodes[el].a_off = d->nattrs;
  for (size_t i = 0; i < k->nattrs; i++) {
    h5_str nm = k->attrs[i].name;
    const char *adj = NULL;
    uint8_t ans = 0;
    if (ns == H5_NS_SVG) adj = S_lookup2(S_svg_attrs, nm);
    else if (ns == H5_NS_MATHML && S_str_eq(nm, "definitionurl")) adj = "definitionURL";
    if (ns != H5_NS_HTML && !adj)
      for (int f = 0; S_foreign_attrs[f].name; f++)
        if (S_str_eq(nm, S_foreign_attrs[f].name)) { adj = S_foreign_attrs[f].local; ans = S_foreign_attrs[f].ns; }
    h5_dattr *x = &d->attrs[d->nattrs++];
    if (adj) { x->name = S_str_put(d, adj, strlen(adj)); x->name_len = (uint32_t)strlen(adj); }
    else { x->name = S_str_put(d, nm.p, nm.n); x->name_len = (uint32_t)nm.n; }
    x->value = S_str_put(d, k->attrs[i].value.p, k->attrs[i].value.n);
    x->value_len = (uint32_t)k->attrs[i].value.n;
    x->ns = ans;
  }
  d->nodes[el].a_n = (uint32_t)k->nattrs;
}

static const h5_dattr *S_attr(tb *b, uint32_t el, const char *name) {
  h5_node *n = S_n(b, el);
  for (uint32_t i = 0; i < n->a_n; i++) {
    const h5_dattr *a = &b->d->attrs[n->a_off + i];
    if (!a->ns && a->name_len == strlen(name) && memcmp(b->d->str + a->name, name, a->name_len) == 0)
      return a;
  }
  return NULL;
}

static const h5_attr *S_tok_attr(const h5_token *k, const char *name) {
  for (size_t i = 0; i < k->nattrs; i++)
    if (S_str_eq(k->attrs[i].name, name)) return &k->attrs[i];
  return NULL;
}

static uint32_t S_create(tb *b, const char *name, size_t n, int ns, const h5_token *k) {
  h5_doc *d = b->d;
  const char *adj = NULL;
  h5_str s = {name, n};
  if (ns == H5_NS_SVG) adj = S_lookup2(S_svg_tags, s);
  if (adj) { name = adj; n = strlen(adj); }
  uint32_t el = S_node_new(d, H5_NODE_ELEMENT);
  if (d->oom) return 0;
  h5_node *x = &d->nodes[el];
  x->ns = (uint8_t)ns;
  x->tag = (uint16_t)S_atom(name, n);
  uint32_t off = S_str_put(d, name, n);
  x = &d->nodes[el];
  x->name = off;
  x->name_len = (uint32_t)n;
  if (k) S_copy_attrs(b, el, k, ns);
  x = &d->nodes[el];
  if (ns == H5_NS_HTML && x->tag == T_template) {
    uint32_t f = S_node_new(d, H5_NODE_FRAGMENT);
    d->nodes[el].content = f;
  }
  if (ns == H5_NS_MATHML && x->tag == T_annotation_xml && k) {
    const h5_attr *enc = S_tok_attr(k, "encoding");
    if (enc && (S_ieq(enc->value.p, enc->value.n, "text/html") ||
                S_ieq(enc->value.p, enc->value.n, "application/xhtml+xml")))
      d->nodes[el].flags |= F_HTML_IP;
  }
  return el;
}

/* A copy of an element (same name, namespace and attributes: the attribute
 * range is shared, attributes never change once copied, except html/body's
 * which are never cloned). */
static uint32_t S_clone(tb *b, uint32_t src) {
  uint32_t el = S_node_new(b->d, H5_NODE_ELEMENT);
  if (b->d->oom) return 0;
  h5_node *s = S_n(b, src), *x = S_n(b, el);
  x->ns = s->ns;
  x->tag = s->tag;
  x->name = s->name;
  x->name_len = s->name_len;
  x->a_off = s->a_off;
  x->a_n = s->a_n;
  return el;
}

/* The appropriate place for inserting a node: parent and the node to
 * insert before (0 = at the end). */
static void S_place(tb *b, uint32_t target, uint32_t *parent, uint32_t *before) {
  if (!target) target = S_cur(b);
  *before = 0;
  *parent = target;
  h5_node *t = S_n(b, target);
  if (b->foster && t->ns == H5_NS_HTML &&
      (t->tag == T_table || t->tag == T_tbody || t->tag == T_tfoot || t->tag == T_thead || t->tag == T_tr)) {
    int lt = -1, lb = -1;
    for (uint32_t k = b->sn; k-- > 0;) {
      if (lt < 0 && S_is(b, b->stack[k], T_template)) lt = (int)k;
      if (lb < 0 && S_is(b, b->stack[k], T_table)) lb = (int)k;
    }
    if (lt >= 0 && (lb < 0 || lt > lb)) {
      *parent = S_n(b, b->stack[lt])->content;
      return;
    }
    if (lb < 0) { *parent = b->stack[0]; return; }
    uint32_t table = b->stack[lb];
    if (S_n(b, table)->parent) {
      *parent = S_n(b, table)->parent;
      *before = table;
      return;
    }
    *parent = b->stack[lb - 1];
    return;
  }
  if (S_is(b, *parent, T_template)) *parent = S_n(b, *parent)->content;
}

static void S_afe_remove_at(tb *b, int k);

/* The stack is full (H5_MAX_DEPTH): the current node is closed so the new
 * element becomes its sibling; a formatting element closed this way leaves
 * the list too, or every later character would reconstruct it again. */
static void S_depth_pop(tb *b) {
  uint32_t c = S_cur(b);
  b->d->depth_clamped++;
  for (uint32_t k = b->an, seen = 0; k-- > 0 && seen < H5_NOAH_SCAN; seen++)
    if (b->afe[k] == c) { S_afe_remove_at(b, (int)k); break; }
  S_pop(b);
}

static uint32_t S_insert_element_ns(tb *b, const h5_token *k, const char *name, size_t n, int ns) {
  uint32_t parent, before;
  S_place(b, 0, &parent, &before);
  uint32_t el = S_create(b, name, n, ns, k);
  if (!el) return 0;
  /* depth bound: past H5_MAX_DEPTH the element becomes a sibling */
  if (b->sn >= H5_MAX_DEPTH) {
    S_depth_pop(b);
    S_place(b, 0, &parent, &before);
  }
  S_insert_node(b->d, parent, before, el);
  S_push(b, el);
  return el;
}

static uint32_t S_insert_html(tb *b, const h5_token *k) {
  return S_insert_element_ns(b, k, k->data.p, k->data.n, H5_NS_HTML);
}

static uint32_t S_insert_tag(tb *b, int tag) {
  return S_insert_element_ns(b, NULL, S_tag_names[tag], strlen(S_tag_names[tag]), H5_NS_HTML);
}

static void S_insert_text(tb *b, const char *p, size_t n) {
  if (!n) return;
  uint32_t parent, before;
  S_place(b, 0, &parent, &before);
  if (S_n(b, parent)->type == H5_NODE_DOCUMENT) return;
  uint32_t prev = before ? S_n(b, before)->prev : S_n(b, parent)->last;
  if (prev && S_n(b, prev)->type == H5_NODE_TEXT) {
    S_text_append(b->d, prev, p, n);
    return;
  }
  uint32_t t = S_node_new(b->d, H5_NODE_TEXT);
  if (b->d->oom) return;
  S_insert_node(b->d, parent, before, t);
  S_text_append(b->d, t, p, n);
}

#define AT_PLACE UINT32_MAX  /* the appropriate place for inserting a node */
#define DOC_NODE 0u

static void S_insert_comment(tb *b, const h5_token *k, uint32_t parent) {
  uint32_t before = 0;
  if (parent == AT_PLACE) S_place(b, 0, &parent, &before);
  uint32_t c = S_node_new(b->d, H5_NODE_COMMENT);
  if (b->d->oom) return;
  uint32_t off = S_str_put(b->d, k->data.p, k->data.n);
  S_n(b, c)->d_off = off;
  S_n(b, c)->d_len = (uint32_t)k->data.n;
  S_insert_node(b->d, parent, before, c);
}

/* ---- active formatting elements -------------------------------------- */

static void S_afe_add(tb *b, uint32_t v) {
  uint32_t *a = S_grow(b->d, b->afe, sizeof *b->afe, &b->acap, (size_t)b->an + 1);
  if (!a) return;
  b->afe = a;
  b->afe[b->an++] = v;
}

static int S_same_attrs(tb *b, uint32_t x, uint32_t y) {
  h5_node *p = S_n(b, x), *q = S_n(b, y);
  if (p->a_n != q->a_n) return 0;
  if (p->a_off == q->a_off) return 1;
  for (uint32_t i = 0; i < p->a_n; i++) {
    const h5_dattr *a = &b->d->attrs[p->a_off + i];
    int found = 0;
    for (uint32_t j = 0; j < q->a_n && !found; j++) {
      const h5_dattr *c = &b->d->attrs[q->a_off + j];
      found = a->ns == c->ns && a->name_len == c->name_len && a->value_len == c->value_len &&
              !memcmp(b->d->str + a->name, b->d->str + c->name, a->name_len) &&
              !memcmp(b->d->str + a->value, b->d->str + c->value, a->value_len);
    }
    if (!found) return 0;
  }
  return 1;
}

/* Push onto the list with the Noah's Ark clause (at most three equal
 * elements after the last marker; the look-back is bounded). */
static void S_afe_push(tb *b, uint32_t el) {
  int same = 0, earliest = -1;
  uint32_t seen = 0;
  for (uint32_t k = b->an; k-- > 0 && seen < H5_NOAH_SCAN; seen++) {
    uint32_t e = b->afe[k];
    if (!e) break;
    h5_node *x = S_n(b, e), *y = S_n(b, el);
    if (x->tag == y->tag && x->ns == y->ns && x->name_len == y->name_len &&
        !memcmp(b->d->str + x->name, b->d->str + y->name, x->name_len) && S_same_attrs(b, e, el)) {
      same++;
      earliest = (int)k;
    }
  }
  if (same >= 3) {
    memmove(b->afe + earliest, b->afe + earliest + 1, (b->an - (uint32_t)earliest - 1) * sizeof *b->afe);
    b->an--;
  } else if (seen == H5_NOAH_SCAN && b->afe[b->an - H5_NOAH_SCAN]) {
    /* bound: at most H5_NOAH_SCAN entries after the last marker, the
     * oldest goes (keeps reconstruction and the list scans O(1) per token) */
    S_afe_remove_at(b, (int)(b->an - H5_NOAH_SCAN));
  }
  S_afe_add(b, el);
}

static int S_afe_index(tb *b, uint32_t el) {
  for (uint32_t k = b->an; k-- > 0;)
    if (b->afe[k] == el) return (int)k;
  return -1;
}

static void S_afe_remove_at(tb *b, int k) {
  memmove(b->afe + k, b->afe + k + 1, (b->an - (uint32_t)k - 1) * sizeof *b->afe);
  b->an--;
}

static void S_afe_clear_to_marker(tb *b) {
  while (b->an) {
    uint32_t e = b->afe[--b->an];
    if (!e) return;
  }
}

static void S_afe_reconstruct(tb *b) {
  if (!b->an) return;
  uint32_t e = b->afe[b->an - 1];
  if (!e || S_stack_index(b, e) >= 0) return;
  uint32_t k = b->an - 1;
  while (k > 0) {
    e = b->afe[k - 1];
    if (!e || S_stack_index(b, e) >= 0) break;
    k--;
  }
  for (; k < b->an; k++) {
    uint32_t src = b->afe[k];
    uint32_t parent, before;
    S_place(b, 0, &parent, &before);
    uint32_t el = S_clone(b, src);
    if (!el) return;
    if (b->sn >= H5_MAX_DEPTH) { S_depth_pop(b); S_place(b, 0, &parent, &before); }
    S_insert_node(b->d, parent, before, el);
    S_push(b, el);
    b->afe[k] = el;
  }
}

/* Last element with tag after the last marker, or 0. */
static uint32_t S_afe_find(tb *b, int tag) {
  for (uint32_t k = b->an; k-- > 0;) {
    uint32_t e = b->afe[k];
    if (!e) return 0;
    if (S_is(b, e, tag)) return e;
  }
  return 0;
}

/* ---- algorithms shared by the modes ---------------------------------- */

static void S_reset_mode(tb *b) {
  for (uint32_t k = b->sn; k-- > 0;) {
    uint32_t i = b->stack[k];
    int last = k == 0;
    h5_node *n = S_n(b, i);
    if (n->ns != H5_NS_HTML) { if (last) { b->mode = M_IN_BODY; return; } continue; }
    switch (n->tag) {
    case T_td: case T_th: if (!last) { b->mode = M_IN_CELL; return; } break;
    case T_tr: b->mode = M_IN_ROW; return;
    case T_tbody: case T_thead: case T_tfoot: b->mode = M_IN_TABLE_BODY; return;
    case T_caption: b->mode = M_IN_CAPTION; return;
    case T_colgroup: b->mode = M_IN_COLUMN_GROUP; return;
    case T_table: b->mode = M_IN_TABLE; return;
    case T_template: b->mode = b->tmn ? b->tmodes[b->tmn - 1] : M_IN_BODY; return;
    case T_head: if (!last) { b->mode = M_IN_HEAD; return; } break;
    case T_body: b->mode = M_IN_BODY; return;
    case T_frameset: b->mode = M_IN_FRAMESET; return;
    case T_html: b->mode = b->head ? M_AFTER_HEAD : M_BEFORE_HEAD; return;
    default: break;
    }
    if (last) { b->mode = M_IN_BODY; return; }
  }
  b->mode = M_IN_BODY;
}

static void S_tmode_push(tb *b, int m) {
  uint8_t *t = S_grow(b->d, b->tmodes, 1, &b->tmcap, (size_t)b->tmn + 1);
  if (!t) return;
  b->tmodes = t;
  b->tmodes[b->tmn++] = (uint8_t)m;
}

static void S_close_p(tb *b) {
  S_implied_end(b, T_p);
  S_pop_until(b, T_p);
}
static void S_close_p_if(tb *b) {
  if (S_in_scope(b, T_p, SC_BUTTON)) S_close_p(b);
}

static void S_raw_text(tb *b, const h5_token *k, int state) {
  S_insert_html(b, k);
  h5_tokenizer_set_state(b->tok, state);
  b->orig_mode = b->mode;
  b->mode = M_TEXT;
}

/* "Any other end tag" in body. */
static void S_any_other_end(tb *b, const h5_token *k) {
  int tag = S_tag(k);
  for (uint32_t j = b->sn; j-- > 0;) {
    uint32_t i = b->stack[j];
    h5_node *n = S_n(b, i);
    if (n->ns == H5_NS_HTML && n->name_len == k->data.n &&
        memcmp(b->d->str + n->name, k->data.p, k->data.n) == 0) {
      S_implied_end(b, tag ? tag : -1);
      /* generate implied end tags except for this name: T_none names are
       * never implied */
      while (b->sn > j) S_pop(b);
      return;
    }
    if (S_is_special(b, i)) return;
  }
}

/* The adoption agency algorithm; returns 1 when the caller must act as
 * "any other end tag". */
static int S_adoption(tb *b, const h5_token *k, int tag) {
  uint32_t cur = S_cur(b);
  if (S_is(b, cur, tag) && S_afe_index(b, cur) < 0) { S_pop(b); return 0; }
  for (int outer = 0; outer < 8; outer++) {
    uint32_t fmt = S_afe_find(b, tag);
    if (!fmt) return 1;
    int fs = S_stack_index(b, fmt);
    if (fs < 0) { S_afe_remove_at(b, S_afe_index(b, fmt)); return 0; }
    if (!S_node_in_scope(b, fmt, SC_DEFAULT)) return 0;
    uint32_t fb = 0;
    int fbs = -1;
    for (uint32_t j = (uint32_t)fs + 1; j < b->sn; j++)
      if (S_is_special(b, b->stack[j])) { fb = b->stack[j]; fbs = (int)j; break; }
    if (!fb) {
      b->sn = (uint32_t)fs;
      S_afe_remove_at(b, S_afe_index(b, fmt));
      return 0;
    }
    uint32_t common = b->stack[fs - 1];
    int bookmark = S_afe_index(b, fmt);
    uint32_t node, last = fb;
    int ni = fbs;  /* stack index of node */
    for (int inner = 1;; inner++) {
      ni--;
      node = b->stack[ni];
      if (node == fmt) break;
      int ai = S_afe_index(b, node);
      if (inner > 3 && ai >= 0) {
        S_afe_remove_at(b, ai);
        if (ai < bookmark) bookmark--;
        ai = -1;
      }
      if (ai < 0) {
        memmove(b->stack + ni, b->stack + ni + 1, (b->sn - (uint32_t)ni - 1) * sizeof *b->stack);
        b->sn--;
        continue;
      }
      uint32_t el = S_clone(b, node);
      if (!el) return 0;
      b->afe[ai] = el;
      b->stack[ni] = el;
      node = el;
      if (last == fb) bookmark = ai + 1;
      S_insert_node(b->d, node, 0, last);
      last = node;
    }
    uint32_t parent, before;
    S_place(b, common, &parent, &before);
    S_detach(b->d, last);
    S_insert_node(b->d, parent, before, last);
    uint32_t el = S_clone(b, fmt);
    if (!el) return 0;
    while (S_n(b, fb)->first) S_insert_node(b->d, el, 0, S_n(b, fb)->first);
    S_insert_node(b->d, fb, 0, el);
    int fi = S_afe_index(b, fmt);
    S_afe_remove_at(b, fi);
    if (fi < bookmark) bookmark--;
    uint32_t *a = S_grow(b->d, b->afe, sizeof *b->afe, &b->acap, (size_t)b->an + 1);
    if (!a) return 0;
    b->afe = a;
    memmove(b->afe + bookmark + 1, b->afe + bookmark, (b->an - (uint32_t)bookmark) * sizeof *b->afe);
    b->afe[bookmark] = el;
    b->an++;
    S_stack_remove(b, fmt);
    int fbi = S_stack_index(b, fb);
    S_push(b, 0);  /* room */
    memmove(b->stack + fbi + 2, b->stack + fbi + 1, (b->sn - (uint32_t)fbi - 2) * sizeof *b->stack);
    b->stack[fbi + 1] = el;
    (void)k;
  }
  return 0;
}

static int S_is_ws_byte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
static size_t S_ws_prefix(const char *p, size_t n) {
  size_t i = 0;
  while (i < n && S_is_ws_byte(p[i])) i++;
  return i;
}
static int S_all_ws(const char *p, size_t n) { return S_ws_prefix(p, n) == n; }

/* ---- quirks ----------------------------------------------------------- */

static int S_prefix_ci(h5_str s, const char *pre) {
  size_t n = strlen(pre);
  return s.n >= n && S_ieq(s.p, n, pre);
}

static int S_quirks_of(const h5_token *k) {
  static const char *const pub_prefix[] = {
    "+//silmaril//dtd html pro v0r11 19970101//", "-//as//dtd html 3.0 aswedit + extensions//",
    "-//advasoft ltd//dtd html 3.0 aswedit + extensions//", "-//ietf//dtd html 2.0 level 1//",
    "-//ietf//dtd html 2.0 level 2//", "-//ietf//dtd html 2.0 strict level 1//",
    "-//ietf//dtd html 2.0 strict level 2//", "-//ietf//dtd html 2.0 strict//",
    "-//ietf//dtd html 2.0//", "-//ietf//dtd html 2.1e//", "-//ietf//dtd html 3.0//",
    "-//ietf//dtd html 3.2 final//", "-//ietf//dtd html 3.2//", "-//ietf//dtd html 3//",
    "-//ietf//dtd html level 0//", "-//ietf//dtd html level 1//", "-//ietf//dtd html level 2//",
    "-//ietf//dtd html level 3//", "-//ietf//dtd html strict level 0//",
    "-//ietf//dtd html strict level 1//", "-//ietf//dtd html strict level 2//",
    "-//ietf//dtd html strict level 3//", "-//ietf//dtd html strict//", "-//ietf//dtd html//",
    "-//metrius//dtd metrius presentational//",
    "-//microsoft//dtd internet explorer 2.0 html strict//",
    "-//microsoft//dtd internet explorer 2.0 html//",
    "-//microsoft//dtd internet explorer 2.0 tables//",
    "-//microsoft//dtd internet explorer 3.0 html strict//",
    "-//microsoft//dtd internet explorer 3.0 html//",
    "-//microsoft//dtd internet explorer 3.0 tables//", "-//netscape comm. corp.//dtd html//",
    "-//netscape comm. corp.//dtd strict html//", "-//o'reilly and associates//dtd html 2.0//",
    "-//o'reilly and associates//dtd html extended 1.0//",
    "-//o'reilly and associates//dtd html extended relaxed 1.0//",
    "-//sq//dtd html 2.0 hotmetal + extensions//",
    "-//softquad software//dtd hotmetal pro 6.0::19990601::extensions to html 4.0//",
    "-//softquad//dtd hotmetal pro 4.0::19971010::extensions to html 4.0//",
    "-//spyglass//dtd html 2.0 extended//", "-//sun microsystems corp.//dtd hotjava html//",
    "-//sun microsystems corp.//dtd hotjava strict html//", "-//w3c//dtd html 3 1995-03-24//",
    "-//w3c//dtd html 3.2 draft//", "-//w3c//dtd html 3.2 final//", "-//w3c//dtd html 3.2//",
    "-//w3c//dtd html 3.2s draft//", "-//w3c//dtd html 4.0 frameset//",
    "-//w3c//dtd html 4.0 transitional//", "-//w3c//dtd html experimental 19960712//",
    "-//w3c//dtd html experimental 970421//", "-//w3c//dtd w3 html//",
    "-//w3o//dtd w3 html 3.0//", "-//webtechs//dtd mozilla html 2.0//",
    "-//webtechs//dtd mozilla html//", NULL};
  if (k->force_quirks || !k->has_name || !S_str_eq(k->data, "html")) return H5_QUIRKS_FULL;
  h5_str pub = k->has_public ? k->public_id : (h5_str){"", 0};
  h5_str sys = k->system_id;
  if (k->has_public) {
    if (S_ieq(pub.p, pub.n, "-//w3o//dtd w3 html strict 3.0//en//") ||
        S_ieq(pub.p, pub.n, "-/w3c/dtd html 4.0 transitional/en") || S_ieq(pub.p, pub.n, "html"))
      return H5_QUIRKS_FULL;
    for (int i = 0; pub_prefix[i]; i++)
      if (S_prefix_ci(pub, pub_prefix[i])) return H5_QUIRKS_FULL;
    if (!k->has_system && (S_prefix_ci(pub, "-//w3c//dtd html 4.01 frameset//") ||
                           S_prefix_ci(pub, "-//w3c//dtd html 4.01 transitional//")))
      return H5_QUIRKS_FULL;
    if (S_prefix_ci(pub, "-//w3c//dtd xhtml 1.0 frameset//") ||
        S_prefix_ci(pub, "-//w3c//dtd xhtml 1.0 transitional//"))
      return H5_QUIRKS_LIMITED;
    if (k->has_system && (S_prefix_ci(pub, "-//w3c//dtd html 4.01 frameset//") ||
                          S_prefix_ci(pub, "-//w3c//dtd html 4.01 transitional//")))
      return H5_QUIRKS_LIMITED;
  }
  if (k->has_system && S_ieq(sys.p, sys.n, "http://www.ibm.com/data/dtd/v11/ibmxhtml1-transitional.dtd"))
    return H5_QUIRKS_FULL;
  return H5_QUIRKS_NO;
}

/* ---- insertion modes ------------------------------------------------- */

typedef int (*mode_fn)(tb *b, h5_token *k);
static int S_mode(tb *b, int mode, h5_token *k);
#define REPROCESS 1

/* The token's tag atom, looked up once per token (cached in k->atom). */
static int S_tag(const h5_token *k) {
  h5_token *m = (h5_token *)(uintptr_t)k;
  if (m->atom < 0) m->atom = S_atom(k->data.p, k->data.n);
  return m->atom;
}
static int S_start(const h5_token *k, int tag) { return k->type == H5_START_TAG && S_tag(k) == tag; }
static int S_end(const h5_token *k, int tag) { return k->type == H5_END_TAG && S_tag(k) == tag; }
static int S_start_in(const h5_token *k, const uint8_t *set) {
  int t;
  return k->type == H5_START_TAG && (t = S_tag(k)) && S_tag_in(t, set);
}
static int S_end_in(const h5_token *k, const uint8_t *set) {
  int t;
  return k->type == H5_END_TAG && (t = S_tag(k)) && S_tag_in(t, set);
}

/* Handle the leading whitespace of a character token with fn (insert or
 * ignore); 1 if characters remain (k->data now holds them). */
static int S_split_ws(tb *b, h5_token *k, int insert) {
  size_t w = S_ws_prefix(k->data.p, k->data.n);
  if (w && insert) S_insert_text(b, k->data.p, w);
  k->data.p += w;
  k->data.n -= w;
  return k->data.n > 0;
}

static int M_initial(tb *b, h5_token *k) {
  if (k->type == H5_CHARS && !S_split_ws(b, k, 0)) return 0;
  if (k->type == H5_COMMENT) { S_insert_comment(b, k, DOC_NODE); return 0; }
  if (k->type == H5_DOCTYPE) {
    uint32_t n = S_node_new(b->d, H5_NODE_DOCTYPE);
    if (b->d->oom) return 0;
    uint32_t nm = S_str_put(b->d, k->data.p, k->data.n);
    uint32_t pub = S_str_put(b->d, k->public_id.p, k->public_id.n);
    uint32_t sys = S_str_put(b->d, k->system_id.p, k->system_id.n);
    h5_node *x = S_n(b, n);
    x->name = nm; x->name_len = (uint32_t)k->data.n;
    x->d_off = pub; x->d_len = (uint32_t)k->public_id.n;
    x->sys = sys; x->sys_len = (uint32_t)k->system_id.n;
    x->flags = (uint8_t)((k->has_public ? 1 : 0) | (k->has_system ? 2 : 0) | (k->has_name ? 4 : 0));
    S_insert_node(b->d, 0, 0, n);
    b->d->quirks = S_quirks_of(k);
    b->mode = M_BEFORE_HTML;
    return 0;
  }
  b->d->quirks = H5_QUIRKS_FULL;
  b->mode = M_BEFORE_HTML;
  return REPROCESS;
}

static int M_before_html(tb *b, h5_token *k) {
  if (k->type == H5_DOCTYPE) return 0;
  if (k->type == H5_COMMENT) { S_insert_comment(b, k, DOC_NODE); return 0; }
  if (k->type == H5_CHARS && !S_split_ws(b, k, 0)) return 0;
  if (S_start(k, T_html)) {
    uint32_t el = S_create(b, "html", 4, H5_NS_HTML, k);
    if (!el) return 0;
    S_insert_node(b->d, 0, 0, el);
    S_push(b, el);
    b->mode = M_BEFORE_HEAD;
    return 0;
  }
  if (k->type == H5_END_TAG && !S_end_in(k, SET(T_head, T_body, T_html, T_br))) return 0;
  uint32_t el = S_create(b, "html", 4, H5_NS_HTML, NULL);
  if (!el) return 0;
  S_insert_node(b->d, 0, 0, el);
  S_push(b, el);
  b->mode = M_BEFORE_HEAD;
  return REPROCESS;
}

static int M_before_head(tb *b, h5_token *k) {
  if (k->type == H5_CHARS && !S_split_ws(b, k, 0)) return 0;
  if (k->type == H5_COMMENT) { S_insert_comment(b, k, AT_PLACE); return 0; }
  if (k->type == H5_DOCTYPE) return 0;
  if (S_start(k, T_html)) return S_mode(b, M_IN_BODY, k);
  if (S_start(k, T_head)) {
    b->head = S_insert_html(b, k);
    b->mode = M_IN_HEAD;
    return 0;
  }
  if (k->type == H5_END_TAG && !S_end_in(k, SET(T_head, T_body, T_html, T_br))) return 0;
  b->head = S_insert_tag(b, T_head);
  b->mode = M_IN_HEAD;
  return REPROCESS;
}

static int M_in_head(tb *b, h5_token *k) {
  if (k->type == H5_CHARS && !S_split_ws(b, k, 1)) return 0;
  if (k->type == H5_COMMENT) { S_insert_comment(b, k, AT_PLACE); return 0; }
  if (k->type == H5_DOCTYPE) return 0;
  if (k->type == H5_START_TAG) {
    int t = S_tag(k);
    switch (t) {
    case T_html: return S_mode(b, M_IN_BODY, k);
    case T_base: case T_basefont: case T_bgsound: case T_link: case T_meta:
      S_insert_html(b, k);
      S_pop(b);
      return 0;
    case T_title: S_raw_text(b, k, H5_RCDATA); return 0;
    case T_noscript:
      if (b->scripting) { S_raw_text(b, k, H5_RAWTEXT); return 0; }
      S_insert_html(b, k);
      b->mode = M_IN_HEAD_NOSCRIPT;
      return 0;
    case T_noframes: case T_style: S_raw_text(b, k, H5_RAWTEXT); return 0;
    case T_script: S_raw_text(b, k, H5_SCRIPT_DATA); return 0;
    case T_template:
      S_insert_html(b, k);
      S_afe_add(b, 0);
      b->frameset_ok = 0;
      b->mode = M_IN_TEMPLATE;
      S_tmode_push(b, M_IN_TEMPLATE);
      return 0;
    case T_head: return 0;
    default: break;
    }
  } else if (k->type == H5_END_TAG) {
    int t = S_tag(k);
    if (t == T_head) { S_pop(b); b->mode = M_AFTER_HEAD; return 0; }
    if (t == T_template) {
      if (!S_template_on_stack(b)) return 0;
      S_implied_end_all(b);
      S_pop_until(b, T_template);
      S_afe_clear_to_marker(b);
      if (b->tmn) b->tmn--;
      S_reset_mode(b);
      return 0;
    }
    if (t != T_body && t != T_html && t != T_br) return 0;
  }
  S_pop(b);
  b->mode = M_AFTER_HEAD;
  return REPROCESS;
}

static int M_in_head_noscript(tb *b, h5_token *k) {
  if (k->type == H5_DOCTYPE) return 0;
  if (S_start(k, T_html)) return S_mode(b, M_IN_BODY, k);
  if (S_end(k, T_noscript)) { S_pop(b); b->mode = M_IN_HEAD; return 0; }
  if (k->type == H5_CHARS) {
    size_t w = S_ws_prefix(k->data.p, k->data.n);
    if (w) {
      h5_token ws = *k;
      ws.data.n = w;
      S_mode(b, M_IN_HEAD, &ws);
      k->data.p += w;
      k->data.n -= w;
      if (!k->data.n) return 0;
    }
  }
  if (k->type == H5_COMMENT ||
      S_start_in(k, SET(T_basefont, T_bgsound, T_link, T_meta, T_noframes, T_style)))
    return S_mode(b, M_IN_HEAD, k);
  if (S_start_in(k, SET(T_head, T_noscript))) return 0;
  if (k->type == H5_END_TAG && !S_end(k, T_br)) return 0;
  S_pop(b);
  b->mode = M_IN_HEAD;
  return REPROCESS;
}

static int M_after_head(tb *b, h5_token *k) {
  if (k->type == H5_CHARS && !S_split_ws(b, k, 1)) return 0;
  if (k->type == H5_COMMENT) { S_insert_comment(b, k, AT_PLACE); return 0; }
  if (k->type == H5_DOCTYPE) return 0;
  if (k->type == H5_START_TAG) {
    int t = S_tag(k);
    if (t == T_html) return S_mode(b, M_IN_BODY, k);
    if (t == T_body) {
      S_insert_html(b, k);
      b->frameset_ok = 0;
      b->mode = M_IN_BODY;
      return 0;
    }
    if (t == T_frameset) { S_insert_html(b, k); b->mode = M_IN_FRAMESET; return 0; }
    if (t && S_tag_in(t, SET(T_base, T_basefont, T_bgsound, T_link, T_meta, T_noframes, T_script,
                             T_style, T_template, T_title))) {
      uint32_t head = b->head;
      S_push(b, head);
      S_mode(b, M_IN_HEAD, k);
      S_stack_remove(b, head);
      return 0;
    }
    if (t == T_head) return 0;
  } else if (k->type == H5_END_TAG) {
    int t = S_tag(k);
    if (t == T_template) return S_mode(b, M_IN_HEAD, k);
    if (t != T_body && t != T_html && t != T_br) return 0;
  }
  S_insert_tag(b, T_body);
  b->mode = M_IN_BODY;
  return REPROCESS;
}

static void S_body_chars(tb *b, h5_token *k) {
  const char *p = k->data.p, *e = p + k->data.n;
  while (p < e) {
    const char *z = memchr(p, 0, (size_t)(e - p));
    const char *stop = z ? z : e;
    if (stop > p) {
      S_afe_reconstruct(b);
      S_insert_text(b, p, (size_t)(stop - p));
      if (b->frameset_ok && !S_all_ws(p, (size_t)(stop - p))) b->frameset_ok = 0;
    }
    p = z ? z + 1 : e;  /* U+0000: parse error, ignored */
  }
}

static void S_add_missing_attrs(tb *b, uint32_t el, const h5_token *k) {
  h5_doc *d = b->d;
  size_t extra = 0;
  for (size_t i = 0; i < k->nattrs; i++) {
    char nm[64];
    if (k->attrs[i].name.n >= sizeof nm) { extra++; continue; }
    memcpy(nm, k->attrs[i].name.p, k->attrs[i].name.n);
    nm[k->attrs[i].name.n] = 0;
    if (!S_attr(b, el, nm)) extra++;
  }
  if (!extra) return;
  /* move the element's attributes to the end, then append the new ones */
  h5_node *n = S_n(b, el);
  uint32_t old = n->a_off, on = n->a_n;
  h5_dattr *a = S_grow(d, d->attrs, sizeof *d->attrs, &d->attrs_cap, (size_t)d->nattrs + on + extra);
  if (!a) return;
  d->attrs = a;
  memmove(d->attrs + d->nattrs, d->attrs + old, on * sizeof *d->attrs);
  n = S_n(b, el);
  n->a_off = d->nattrs;
  d->nattrs += on;
  for (size_t i = 0; i < k->nattrs; i++) {
    char nm[64];
    if (k->attrs[i].name.n < sizeof nm) {
      memcpy(nm, k->attrs[i].name.p, k->attrs[i].name.n);
      nm[k->attrs[i].name.n] = 0;
      if (S_attr(b, el, nm)) continue;
    }
    h5_dattr *x = &d->attrs[d->nattrs++];
    x->name = S_str_put(d, k->attrs[i].name.p, k->attrs[i].name.n);
    x->name_len = (uint32_t)k->attrs[i].name.n;
    x->value = S_str_put(d, k->attrs[i].value.p, k->attrs[i].value.n);
    x->value_len = (uint32_t)k->attrs[i].value.n;
    x->ns = 0;
    S_n(b, el)->a_n++;
  }
}

static void S_insert_foreign(tb *b, h5_token *k, int ns) {
  S_insert_element_ns(b, k, k->data.p, k->data.n, ns);
  if (k->self_closing) S_pop(b);
}

static int M_in_body(tb *b, h5_token *k) {
  int t;
  switch (k->type) {
  case H5_CHARS: S_body_chars(b, k); return 0;
  case H5_COMMENT: S_insert_comment(b, k, AT_PLACE); return 0;
  case H5_DOCTYPE: return 0;
  case H5_EOF:
    if (b->tmn) return S_mode(b, M_IN_TEMPLATE, k);
    b->done = 1;
    return 0;
  case H5_START_TAG:
    t = S_tag(k);
    switch (t) {
    case T_html:
      if (!S_template_on_stack(b) && b->sn) S_add_missing_attrs(b, b->stack[0], k);
      return 0;
    case T_base: case T_basefont: case T_bgsound: case T_link: case T_meta: case T_noframes:
    case T_script: case T_style: case T_template: case T_title:
      return S_mode(b, M_IN_HEAD, k);
    case T_body:
      if (b->sn < 2 || !S_is(b, b->stack[1], T_body) || S_template_on_stack(b)) return 0;
      b->frameset_ok = 0;
      S_add_missing_attrs(b, b->stack[1], k);
      return 0;
    case T_frameset:
      if (b->sn < 2 || !S_is(b, b->stack[1], T_body) || !b->frameset_ok) return 0;
      S_detach(b->d, b->stack[1]);
      b->sn = 1;
      S_insert_html(b, k);
      b->mode = M_IN_FRAMESET;
      return 0;
    case T_address: case T_article: case T_aside: case T_blockquote: case T_center:
    case T_details: case T_dialog: case T_dir: case T_div: case T_dl: case T_fieldset:
    case T_figcaption: case T_figure: case T_footer: case T_header: case T_hgroup: case T_main:
    case T_menu: case T_nav: case T_ol: case T_p: case T_search: case T_section: case T_summary:
    case T_ul:
      S_close_p_if(b);
      S_insert_html(b, k);
      return 0;
    case T_h1: case T_h2: case T_h3: case T_h4: case T_h5: case T_h6:
      S_close_p_if(b);
      if (S_is_html(b, S_cur(b)) && S_tag_in(S_n(b, S_cur(b))->tag, SET(T_h1, T_h2, T_h3, T_h4, T_h5, T_h6)))
        S_pop(b);
      S_insert_html(b, k);
      return 0;
    case T_pre: case T_listing:
      S_close_p_if(b);
      S_insert_html(b, k);
      b->skip_lf = 1;
      b->frameset_ok = 0;
      return 0;
    case T_form: {
      int tpl = S_template_on_stack(b);
      if (b->form && !tpl) return 0;
      S_close_p_if(b);
      uint32_t el = S_insert_html(b, k);
      if (!tpl) b->form = el;
      return 0;
    }
    case T_li: case T_dd: case T_dt: {
      b->frameset_ok = 0;
      for (uint32_t j = b->sn; j-- > 0;) {
        uint32_t n = b->stack[j];
        int nt = S_is_html(b, n) ? S_n(b, n)->tag : -1;
        if ((t == T_li && nt == T_li) || (t != T_li && (nt == T_dd || nt == T_dt))) {
          S_implied_end(b, nt);
          S_pop_until(b, nt);
          break;
        }
        if (S_is_special(b, n) && !(S_is_html(b, n) && (nt == T_address || nt == T_div || nt == T_p)))
          break;
      }
      S_close_p_if(b);
      S_insert_html(b, k);
      return 0;
    }
    case T_plaintext:
      S_close_p_if(b);
      S_insert_html(b, k);
      h5_tokenizer_set_state(b->tok, H5_PLAINTEXT);
      return 0;
    case T_button:
      if (S_in_scope(b, T_button, SC_DEFAULT)) {
        S_implied_end(b, -1);
        S_pop_until(b, T_button);
      }
      S_afe_reconstruct(b);
      S_insert_html(b, k);
      b->frameset_ok = 0;
      return 0;
    case T_a: {
      uint32_t a = S_afe_find(b, T_a);
      if (a) {
        if (S_adoption(b, k, T_a)) S_any_other_end(b, k);
        int i = S_afe_index(b, a);
        if (i >= 0) S_afe_remove_at(b, i);
        S_stack_remove(b, a);
      }
      S_afe_reconstruct(b);
      S_afe_push(b, S_insert_html(b, k));
      return 0;
    }
    case T_b: case T_big: case T_code: case T_em: case T_font: case T_i: case T_s: case T_small:
    case T_strike: case T_strong: case T_tt: case T_u:
      S_afe_reconstruct(b);
      S_afe_push(b, S_insert_html(b, k));
      return 0;
    case T_nobr:
      S_afe_reconstruct(b);
      if (S_in_scope(b, T_nobr, SC_DEFAULT)) {
        if (S_adoption(b, k, T_nobr)) S_any_other_end(b, k);
        S_afe_reconstruct(b);
      }
      S_afe_push(b, S_insert_html(b, k));
      return 0;
    case T_applet: case T_marquee: case T_object:
      S_afe_reconstruct(b);
      S_insert_html(b, k);
      S_afe_add(b, 0);
      b->frameset_ok = 0;
      return 0;
    case T_table:
      if (b->d->quirks != H5_QUIRKS_FULL) S_close_p_if(b);
      S_insert_html(b, k);
      b->frameset_ok = 0;
      b->mode = M_IN_TABLE;
      return 0;
    case T_area: case T_br: case T_embed: case T_img: case T_keygen: case T_wbr:
      S_afe_reconstruct(b);
      S_insert_html(b, k);
      S_pop(b);
      b->frameset_ok = 0;
      return 0;
    case T_input: {
      if (S_in_scope(b, T_select, SC_DEFAULT)) S_pop_until(b, T_select);
      S_afe_reconstruct(b);
      S_insert_html(b, k);
      S_pop(b);
      const h5_attr *ty = S_tok_attr(k, "type");
      if (!ty || !S_ieq(ty->value.p, ty->value.n, "hidden")) b->frameset_ok = 0;
      return 0;
    }
    case T_param: case T_source: case T_track:
      S_insert_html(b, k);
      S_pop(b);
      return 0;
    case T_hr:
      S_close_p_if(b);
      if (S_in_scope(b, T_select, SC_DEFAULT)) S_implied_end(b, -1);
      S_insert_html(b, k);
      S_pop(b);
      b->frameset_ok = 0;
      return 0;
    case T_image:
      k->data.p = "img";
      k->data.n = 3;
      k->atom = T_img;
      return M_in_body(b, k);
    case T_textarea:
      S_insert_html(b, k);
      b->skip_lf = 1;
      h5_tokenizer_set_state(b->tok, H5_RCDATA);
      b->orig_mode = b->mode;
      b->frameset_ok = 0;
      b->mode = M_TEXT;
      return 0;
    case T_xmp:
      S_close_p_if(b);
      S_afe_reconstruct(b);
      b->frameset_ok = 0;
      S_raw_text(b, k, H5_RAWTEXT);
      return 0;
    case T_iframe:
      b->frameset_ok = 0;
      S_raw_text(b, k, H5_RAWTEXT);
      return 0;
    case T_noembed:
      S_raw_text(b, k, H5_RAWTEXT);
      return 0;
    case T_noscript:
      if (b->scripting) {
        S_raw_text(b, k, H5_RAWTEXT);
      } else {  /* an ordinary element */
        S_afe_reconstruct(b);
        S_insert_html(b, k);
      }
      return 0;
    case T_select:
      /* the customizable-select parser: select content is parsed in body;
       * a nested select closes the open one */
      if (S_in_scope(b, T_select, SC_DEFAULT)) {
        S_pop_until(b, T_select);
        return 0;
      }
      S_afe_reconstruct(b);
      S_insert_html(b, k);
      b->frameset_ok = 0;
      return 0;
    case T_option:
      if (S_in_scope(b, T_select, SC_DEFAULT)) S_implied_end(b, T_optgroup);
      else if (S_cur_is(b, T_option)) S_pop(b);
      S_afe_reconstruct(b);
      S_insert_html(b, k);
      return 0;
    case T_optgroup:
      if (S_in_scope(b, T_select, SC_DEFAULT)) S_implied_end(b, -1);
      else if (S_cur_is(b, T_option)) S_pop(b);
      S_afe_reconstruct(b);
      S_insert_html(b, k);
      return 0;
    case T_rb: case T_rtc:
      if (S_in_scope(b, T_ruby, SC_DEFAULT)) S_implied_end(b, -1);
      S_insert_html(b, k);
      return 0;
    case T_rp: case T_rt:
      if (S_in_scope(b, T_ruby, SC_DEFAULT)) S_implied_end(b, T_rtc);
      S_insert_html(b, k);
      return 0;
    case T_math:
      S_afe_reconstruct(b);
      S_insert_foreign(b, k, H5_NS_MATHML);
      return 0;
    case T_svg:
      S_afe_reconstruct(b);
      S_insert_foreign(b, k, H5_NS_SVG);
      return 0;
    case T_caption: case T_col: case T_colgroup: case T_frame: case T_head: case T_tbody:
    case T_td: case T_tfoot: case T_th: case T_thead: case T_tr:
      return 0;
    default:
      S_afe_reconstruct(b);
      S_insert_html(b, k);
      return 0;
    }
  case H5_END_TAG:
    t = S_tag(k);
    switch (t) {
    case T_template: return S_mode(b, M_IN_HEAD, k);
    case T_body:
      if (!S_in_scope(b, T_body, SC_DEFAULT)) return 0;
      b->mode = M_AFTER_BODY;
      return 0;
    case T_html:
      if (!S_in_scope(b, T_body, SC_DEFAULT)) return 0;
      b->mode = M_AFTER_BODY;
      return REPROCESS;
    case T_address: case T_article: case T_aside: case T_blockquote: case T_button:
    case T_center: case T_details: case T_dialog: case T_dir: case T_div: case T_dl:
    case T_fieldset: case T_figcaption: case T_figure: case T_footer: case T_header:
    case T_hgroup: case T_listing: case T_main: case T_menu: case T_nav: case T_ol: case T_pre:
    case T_search: case T_section: case T_summary: case T_ul:
      if (!S_in_scope(b, t, SC_DEFAULT)) return 0;
      S_implied_end(b, -1);
      S_pop_until(b, t);
      return 0;
    case T_form:
      if (!S_template_on_stack(b)) {
        uint32_t node = b->form;
        b->form = 0;
        if (!node || !S_node_in_scope(b, node, SC_DEFAULT)) return 0;
        S_implied_end(b, -1);
        S_stack_remove(b, node);
      } else {
        if (!S_in_scope(b, T_form, SC_DEFAULT)) return 0;
        S_implied_end(b, -1);
        S_pop_until(b, T_form);
      }
      return 0;
    case T_p:
      if (!S_in_scope(b, T_p, SC_BUTTON)) S_insert_tag(b, T_p);
      S_close_p(b);
      return 0;
    case T_li:
      if (!S_in_scope(b, T_li, SC_LIST)) return 0;
      S_implied_end(b, T_li);
      S_pop_until(b, T_li);
      return 0;
    case T_dd: case T_dt:
      if (!S_in_scope(b, t, SC_DEFAULT)) return 0;
      S_implied_end(b, t);
      S_pop_until(b, t);
      return 0;
    case T_h1: case T_h2: case T_h3: case T_h4: case T_h5: case T_h6:
      if (!S_in_scope(b, T_h1, SC_DEFAULT) && !S_in_scope(b, T_h2, SC_DEFAULT) &&
          !S_in_scope(b, T_h3, SC_DEFAULT) && !S_in_scope(b, T_h4, SC_DEFAULT) &&
          !S_in_scope(b, T_h5, SC_DEFAULT) && !S_in_scope(b, T_h6, SC_DEFAULT))
        return 0;
      S_implied_end(b, -1);
      S_pop_until_set(b, SET(T_h1, T_h2, T_h3, T_h4, T_h5, T_h6));
      return 0;
    case T_a: case T_b: case T_big: case T_code: case T_em: case T_font: case T_i: case T_nobr:
    case T_s: case T_small: case T_strike: case T_strong: case T_tt: case T_u:
      if (S_adoption(b, k, t)) S_any_other_end(b, k);
      return 0;
    case T_applet: case T_marquee: case T_object:
      if (!S_in_scope(b, t, SC_DEFAULT)) return 0;
      S_implied_end(b, -1);
      S_pop_until(b, t);
      S_afe_clear_to_marker(b);
      return 0;
    case T_br: {
      h5_token br = *k;
      br.type = H5_START_TAG;
      br.nattrs = 0;
      br.self_closing = 0;
      return M_in_body(b, &br);
    }
    default:
      S_any_other_end(b, k);
      return 0;
    }
  }
  return 0;
}

static int M_text(tb *b, h5_token *k) {
  if (k->type == H5_CHARS) { S_insert_text(b, k->data.p, k->data.n); return 0; }
  if (k->type == H5_EOF) { S_pop(b); b->mode = b->orig_mode; return REPROCESS; }
  if (k->type == H5_END_TAG) { S_pop(b); b->mode = b->orig_mode; }
  return 0;
}

static void S_clear_to(tb *b, const uint8_t *set) {
  while (b->sn && !(S_is_html(b, S_cur(b)) && S_tag_in(S_n(b, S_cur(b))->tag, set))) S_pop(b);
}
#define TABLE_CTX SET(T_table, T_template, T_html)
#define TBODY_CTX SET(T_tbody, T_tfoot, T_thead, T_template, T_html)
#define ROW_CTX SET(T_tr, T_template, T_html)

static int M_in_table(tb *b, h5_token *k);

static int S_table_anything(tb *b, h5_token *k) {
  b->foster = 1;
  int r = M_in_body(b, k);
  b->foster = 0;
  return r;
}

static int M_in_table(tb *b, h5_token *k) {
  int t;
  switch (k->type) {
  case H5_CHARS: {
    uint32_t c = S_cur(b);
    if (S_is_html(b, c) && S_tag_in(S_n(b, c)->tag, SET(T_table, T_tbody, T_template, T_tfoot, T_thead, T_tr))) {
      b->ptn = 0;
      b->orig_mode = b->mode;
      b->mode = M_IN_TABLE_TEXT;
      return REPROCESS;
    }
    return S_table_anything(b, k);
  }
  case H5_COMMENT: S_insert_comment(b, k, AT_PLACE); return 0;
  case H5_DOCTYPE: return 0;
  case H5_EOF: return M_in_body(b, k);
  case H5_START_TAG:
    t = S_tag(k);
    switch (t) {
    case T_caption:
      S_clear_to(b, TABLE_CTX);
      S_afe_add(b, 0);
      S_insert_html(b, k);
      b->mode = M_IN_CAPTION;
      return 0;
    case T_colgroup:
      S_clear_to(b, TABLE_CTX);
      S_insert_html(b, k);
      b->mode = M_IN_COLUMN_GROUP;
      return 0;
    case T_col:
      S_clear_to(b, TABLE_CTX);
      S_insert_tag(b, T_colgroup);
      b->mode = M_IN_COLUMN_GROUP;
      return REPROCESS;
    case T_tbody: case T_tfoot: case T_thead:
      S_clear_to(b, TABLE_CTX);
      S_insert_html(b, k);
      b->mode = M_IN_TABLE_BODY;
      return 0;
    case T_td: case T_th: case T_tr:
      S_clear_to(b, TABLE_CTX);
      S_insert_tag(b, T_tbody);
      b->mode = M_IN_TABLE_BODY;
      return REPROCESS;
    case T_table:
      if (!S_in_scope(b, T_table, SC_TABLE)) return 0;
      S_pop_until(b, T_table);
      S_reset_mode(b);
      return REPROCESS;
    case T_style: case T_script: case T_template:
      return S_mode(b, M_IN_HEAD, k);
    case T_input: {
      const h5_attr *ty = S_tok_attr(k, "type");
      if (!ty || !S_ieq(ty->value.p, ty->value.n, "hidden")) break;
      S_insert_html(b, k);
      S_pop(b);
      return 0;
    }
    case T_form:
      if (S_template_on_stack(b) || b->form) return 0;
      b->form = S_insert_html(b, k);
      S_pop(b);
      return 0;
    default: break;
    }
    return S_table_anything(b, k);
  case H5_END_TAG:
    t = S_tag(k);
    if (t == T_table) {
      if (!S_in_scope(b, T_table, SC_TABLE)) return 0;
      S_pop_until(b, T_table);
      S_reset_mode(b);
      return 0;
    }
    if (t && S_tag_in(t, SET(T_body, T_caption, T_col, T_colgroup, T_html, T_tbody, T_td, T_tfoot,
                             T_th, T_thead, T_tr)))
      return 0;
    if (t == T_template) return S_mode(b, M_IN_HEAD, k);
    return S_table_anything(b, k);
  }
  return 0;
}

static int M_in_table_text(tb *b, h5_token *k) {
  if (k->type == H5_CHARS) {
    for (size_t i = 0; i < k->data.n; i++) {
      if (!k->data.p[i]) continue;  /* U+0000: parse error, ignored */
      if (b->ptn == b->ptcap) {
        size_t cap = b->ptcap ? b->ptcap * 2 : 256;
        char *p = realloc(b->ptext, cap);
        if (!p) { b->d->oom = 1; return 0; }
        b->ptext = p;
        b->ptcap = cap;
      }
      b->ptext[b->ptn++] = k->data.p[i];
    }
    return 0;
  }
  if (b->ptn) {
    h5_token c;
    memset(&c, 0, sizeof c);
    c.atom = -1;
    c.type = H5_CHARS;
    c.data.p = b->ptext;
    c.data.n = b->ptn;
    if (!S_all_ws(b->ptext, b->ptn)) S_table_anything(b, &c);
    else S_insert_text(b, b->ptext, b->ptn);
    b->ptn = 0;
  }
  b->mode = b->orig_mode;
  return REPROCESS;
}

static int M_in_caption(tb *b, h5_token *k) {
  if (S_end(k, T_caption) ||
      S_start_in(k, SET(T_caption, T_col, T_colgroup, T_tbody, T_td, T_tfoot, T_th, T_thead, T_tr)) ||
      S_end(k, T_table)) {
    if (!S_in_scope(b, T_caption, SC_TABLE)) return 0;
    S_implied_end(b, -1);
    S_pop_until(b, T_caption);
    S_afe_clear_to_marker(b);
    b->mode = M_IN_TABLE;
    return S_end(k, T_caption) ? 0 : REPROCESS;
  }
  if (S_end_in(k, SET(T_body, T_col, T_colgroup, T_html, T_tbody, T_td, T_tfoot, T_th, T_thead, T_tr)))
    return 0;
  return M_in_body(b, k);
}

static int M_in_column_group(tb *b, h5_token *k) {
  if (k->type == H5_CHARS && !S_split_ws(b, k, 1)) return 0;
  if (k->type == H5_COMMENT) { S_insert_comment(b, k, AT_PLACE); return 0; }
  if (k->type == H5_DOCTYPE) return 0;
  if (S_start(k, T_html)) return M_in_body(b, k);
  if (S_start(k, T_col)) { S_insert_html(b, k); S_pop(b); return 0; }
  if (S_end(k, T_colgroup)) {
    if (!S_cur_is(b, T_colgroup)) return 0;
    S_pop(b);
    b->mode = M_IN_TABLE;
    return 0;
  }
  if (S_end(k, T_col)) return 0;
  if (S_start(k, T_template) || S_end(k, T_template)) return S_mode(b, M_IN_HEAD, k);
  if (k->type == H5_EOF) return M_in_body(b, k);
  if (!S_cur_is(b, T_colgroup)) return 0;
  S_pop(b);
  b->mode = M_IN_TABLE;
  return REPROCESS;
}

static int M_in_table_body(tb *b, h5_token *k) {
  if (S_start(k, T_tr)) {
    S_clear_to(b, TBODY_CTX);
    S_insert_html(b, k);
    b->mode = M_IN_ROW;
    return 0;
  }
  if (S_start_in(k, SET(T_th, T_td))) {
    S_clear_to(b, TBODY_CTX);
    S_insert_tag(b, T_tr);
    b->mode = M_IN_ROW;
    return REPROCESS;
  }
  if (S_end_in(k, SET(T_tbody, T_tfoot, T_thead))) {
    if (!S_in_scope(b, S_tag(k), SC_TABLE)) return 0;
    S_clear_to(b, TBODY_CTX);
    S_pop(b);
    b->mode = M_IN_TABLE;
    return 0;
  }
  if (S_start_in(k, SET(T_caption, T_col, T_colgroup, T_tbody, T_tfoot, T_thead)) || S_end(k, T_table)) {
    if (!S_in_scope(b, T_tbody, SC_TABLE) && !S_in_scope(b, T_thead, SC_TABLE) &&
        !S_in_scope(b, T_tfoot, SC_TABLE))
      return 0;
    S_clear_to(b, TBODY_CTX);
    S_pop(b);
    b->mode = M_IN_TABLE;
    return REPROCESS;
  }
  if (S_end_in(k, SET(T_body, T_caption, T_col, T_colgroup, T_html, T_td, T_th, T_tr))) return 0;
  return M_in_table(b, k);
}

static int M_in_row(tb *b, h5_token *k) {
  if (S_start_in(k, SET(T_th, T_td))) {
    S_clear_to(b, ROW_CTX);
    S_insert_html(b, k);
    b->mode = M_IN_CELL;
    S_afe_add(b, 0);
    return 0;
  }
  if (S_end(k, T_tr)) {
    if (!S_in_scope(b, T_tr, SC_TABLE)) return 0;
    S_clear_to(b, ROW_CTX);
    S_pop(b);
    b->mode = M_IN_TABLE_BODY;
    return 0;
  }
  if (S_start_in(k, SET(T_caption, T_col, T_colgroup, T_tbody, T_tfoot, T_thead, T_tr)) ||
      S_end(k, T_table)) {
    if (!S_in_scope(b, T_tr, SC_TABLE)) return 0;
    S_clear_to(b, ROW_CTX);
    S_pop(b);
    b->mode = M_IN_TABLE_BODY;
    return REPROCESS;
  }
  if (S_end_in(k, SET(T_tbody, T_tfoot, T_thead))) {
    if (!S_in_scope(b, S_tag(k), SC_TABLE) || !S_in_scope(b, T_tr, SC_TABLE)) return 0;
    S_clear_to(b, ROW_CTX);
    S_pop(b);
    b->mode = M_IN_TABLE_BODY;
    return REPROCESS;
  }
  if (S_end_in(k, SET(T_body, T_caption, T_col, T_colgroup, T_html, T_td, T_th))) return 0;
  return M_in_table(b, k);
}

static void S_close_cell(tb *b) {
  S_implied_end(b, -1);
  S_pop_until_set(b, SET(T_td, T_th));
  S_afe_clear_to_marker(b);
  b->mode = M_IN_ROW;
}

static int M_in_cell(tb *b, h5_token *k) {
  if (S_end_in(k, SET(T_td, T_th))) {
    int t = S_tag(k);
    if (!S_in_scope(b, t, SC_TABLE)) return 0;
    S_implied_end(b, -1);
    S_pop_until(b, t);
    S_afe_clear_to_marker(b);
    b->mode = M_IN_ROW;
    return 0;
  }
  if (S_start_in(k, SET(T_caption, T_col, T_colgroup, T_tbody, T_td, T_tfoot, T_th, T_thead, T_tr))) {
    if (!S_in_scope(b, T_td, SC_TABLE) && !S_in_scope(b, T_th, SC_TABLE)) return 0;
    S_close_cell(b);
    return REPROCESS;
  }
  if (S_end_in(k, SET(T_body, T_caption, T_col, T_colgroup, T_html))) return 0;
  if (S_end_in(k, SET(T_table, T_tbody, T_tfoot, T_thead, T_tr))) {
    if (!S_in_scope(b, S_tag(k), SC_TABLE)) return 0;
    S_close_cell(b);
    return REPROCESS;
  }
  return M_in_body(b, k);
}

static int M_in_template(tb *b, h5_token *k) {
  int t;
  switch (k->type) {
  case H5_CHARS: case H5_COMMENT: case H5_DOCTYPE: return M_in_body(b, k);
  case H5_START_TAG:
    t = S_tag(k);
    if (t && S_tag_in(t, SET(T_base, T_basefont, T_bgsound, T_link, T_meta, T_noframes, T_script,
                             T_style, T_template, T_title)))
      return S_mode(b, M_IN_HEAD, k);
    {
      int m = M_IN_BODY;
      if (t == T_caption || t == T_colgroup || t == T_tbody || t == T_tfoot || t == T_thead) m = M_IN_TABLE;
      else if (t == T_col) m = M_IN_COLUMN_GROUP;
      else if (t == T_tr) m = M_IN_TABLE_BODY;
      else if (t == T_td || t == T_th) m = M_IN_ROW;
      if (b->tmn) b->tmn--;
      S_tmode_push(b, m);
      b->mode = m;
      return REPROCESS;
    }
  case H5_END_TAG:
    if (S_end(k, T_template)) return S_mode(b, M_IN_HEAD, k);
    return 0;
  case H5_EOF:
    if (!S_template_on_stack(b)) { b->done = 1; return 0; }
    S_pop_until(b, T_template);
    S_afe_clear_to_marker(b);
    if (b->tmn) b->tmn--;
    S_reset_mode(b);
    return REPROCESS;
  }
  return 0;
}

static int M_after_body(tb *b, h5_token *k) {
  if (k->type == H5_CHARS) {
    size_t w = S_ws_prefix(k->data.p, k->data.n);
    if (w) {
      h5_token ws = *k;
      ws.data.n = w;
      M_in_body(b, &ws);
      k->data.p += w;
      k->data.n -= w;
      if (!k->data.n) return 0;
    }
  }
  if (k->type == H5_COMMENT) { S_insert_comment(b, k, b->sn ? b->stack[0] : DOC_NODE); return 0; }
  if (k->type == H5_DOCTYPE) return 0;
  if (S_start(k, T_html)) return M_in_body(b, k);
  if (S_end(k, T_html)) { b->mode = M_AFTER_AFTER_BODY; return 0; }
  if (k->type == H5_EOF) { b->done = 1; return 0; }
  b->mode = M_IN_BODY;
  return REPROCESS;
}

static int M_in_frameset(tb *b, h5_token *k) {
  if (k->type == H5_CHARS) {
    /* only whitespace is inserted; the rest is ignored */
    for (size_t i = 0; i < k->data.n; i++)
      if (S_is_ws_byte(k->data.p[i])) S_insert_text(b, k->data.p + i, 1);
    return 0;
  }
  if (k->type == H5_COMMENT) { S_insert_comment(b, k, AT_PLACE); return 0; }
  if (k->type == H5_DOCTYPE) return 0;
  if (S_start(k, T_html)) return M_in_body(b, k);
  if (S_start(k, T_frameset)) { S_insert_html(b, k); return 0; }
  if (S_end(k, T_frameset)) {
    if (b->sn == 1) return 0;
    S_pop(b);
    if (!S_cur_is(b, T_frameset)) b->mode = M_AFTER_FRAMESET;
    return 0;
  }
  if (S_start(k, T_frame)) { S_insert_html(b, k); S_pop(b); return 0; }
  if (S_start(k, T_noframes)) return S_mode(b, M_IN_HEAD, k);
  if (k->type == H5_EOF) { b->done = 1; return 0; }
  return 0;
}

static int M_after_frameset(tb *b, h5_token *k) {
  if (k->type == H5_CHARS) {
    for (size_t i = 0; i < k->data.n; i++)
      if (S_is_ws_byte(k->data.p[i])) S_insert_text(b, k->data.p + i, 1);
    return 0;
  }
  if (k->type == H5_COMMENT) { S_insert_comment(b, k, AT_PLACE); return 0; }
  if (k->type == H5_DOCTYPE) return 0;
  if (S_start(k, T_html)) return M_in_body(b, k);
  if (S_end(k, T_html)) { b->mode = M_AFTER_AFTER_FRAMESET; return 0; }
  if (S_start(k, T_noframes)) return S_mode(b, M_IN_HEAD, k);
  if (k->type == H5_EOF) { b->done = 1; return 0; }
  return 0;
}

static int M_after_after_body(tb *b, h5_token *k) {
  if (k->type == H5_COMMENT) { S_insert_comment(b, k, DOC_NODE); return 0; }
  if (k->type == H5_CHARS) {
    size_t w = S_ws_prefix(k->data.p, k->data.n);
    if (w) {
      h5_token ws = *k;
      ws.data.n = w;
      M_in_body(b, &ws);
      k->data.p += w;
      k->data.n -= w;
      if (!k->data.n) return 0;
    }
  }
  if (k->type == H5_DOCTYPE || S_start(k, T_html)) return M_in_body(b, k);
  if (k->type == H5_EOF) { b->done = 1; return 0; }
  b->mode = M_IN_BODY;
  return REPROCESS;
}

static int M_after_after_frameset(tb *b, h5_token *k) {
  if (k->type == H5_COMMENT) { S_insert_comment(b, k, DOC_NODE); return 0; }
  if (k->type == H5_CHARS) {
    size_t w = S_ws_prefix(k->data.p, k->data.n);
    if (w) {
      h5_token ws = *k;
      ws.data.n = w;
      M_in_body(b, &ws);
    }
    return 0;
  }
  if (k->type == H5_DOCTYPE || S_start(k, T_html)) return M_in_body(b, k);
  if (k->type == H5_EOF) { b->done = 1; return 0; }
  if (S_start(k, T_noframes)) return S_mode(b, M_IN_HEAD, k);
  return 0;
}

static const mode_fn S_modes[] = {
  M_initial, M_before_html, M_before_head, M_in_head, M_in_head_noscript, M_after_head,
  M_in_body, M_text, M_in_table, M_in_table_text, M_in_caption, M_in_column_group,
  M_in_table_body, M_in_row, M_in_cell, M_in_template,
  M_after_body, M_in_frameset, M_after_frameset, M_after_after_body, M_after_after_frameset};

/* "Process the token using the rules for" mode, without switching to it. */
static int S_mode(tb *b, int mode, h5_token *k) { return S_modes[mode](b, k); }

/* ---- foreign content and the dispatcher ------------------------------ */

static int S_mathml_text_ip(tb *b, uint32_t i) {
  h5_node *n = S_n(b, i);
  return n->ns == H5_NS_MATHML &&
         (n->tag == T_mi || n->tag == T_mo || n->tag == T_mn || n->tag == T_ms || n->tag == T_mtext);
}
static int S_html_ip(tb *b, uint32_t i) {
  h5_node *n = S_n(b, i);
  if (n->ns == H5_NS_MATHML) return (n->flags & F_HTML_IP) != 0;
  return n->ns == H5_NS_SVG && (n->tag == T_foreignObject || n->tag == T_desc || n->tag == T_title);
}

/* The element's name, ASCII-lower-cased, equals s (a token's name). */
static int S_lower_eq(tb *b, uint32_t i, h5_str s) {
  h5_node *n = S_n(b, i);
  if (n->name_len != s.n) return 0;
  for (size_t j = 0; j < s.n; j++) {
    char c = b->d->str[n->name + j];
    if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
    if (c != s.p[j]) return 0;
  }
  return 1;
}

static void S_foreign(tb *b, h5_token *k) {
  switch (k->type) {
  case H5_CHARS: {
    const char *p = k->data.p, *e = p + k->data.n;
    while (p < e) {
      const char *z = memchr(p, 0, (size_t)(e - p));
      const char *stop = z ? z : e;
      S_insert_text(b, p, (size_t)(stop - p));
      if (b->frameset_ok && !S_all_ws(p, (size_t)(stop - p))) b->frameset_ok = 0;
      if (z) S_insert_text(b, "\xEF\xBF\xBD", 3);
      p = z ? z + 1 : e;
    }
    return;
  }
  case H5_COMMENT: S_insert_comment(b, k, AT_PLACE); return;
  case H5_DOCTYPE: return;
  case H5_START_TAG: {
    int t = S_tag(k);
    static const uint8_t breakout[] = {
      T_b, T_big, T_blockquote, T_body, T_br, T_center, T_code, T_dd, T_div, T_dl, T_dt, T_em,
      T_embed, T_h1, T_h2, T_h3, T_h4, T_h5, T_h6, T_head, T_hr, T_i, T_img, T_li, T_listing,
      T_menu, T_meta, T_nobr, T_ol, T_p, T_pre, T_ruby, T_s, T_small, T_span, T_strong, T_strike,
      T_sub, T_sup, T_table, T_tt, T_u, T_ul, T_var, 0};
    if ((t && S_tag_in(t, breakout)) ||
        (t == T_font && (S_tok_attr(k, "color") || S_tok_attr(k, "face") || S_tok_attr(k, "size")))) {
      while (b->sn > 1) {
        uint32_t c = S_cur(b);
        if (S_mathml_text_ip(b, c) || S_html_ip(b, c) || S_is_html(b, c)) break;
        S_pop(b);
      }
      while (S_mode(b, b->mode, k) == REPROCESS && !b->done) {}
      return;
    }
    S_insert_foreign(b, k, S_n(b, S_cur(b))->ns);
    return;
  }
  case H5_END_TAG: {
    if (S_str_eq(k->data, "br") || S_str_eq(k->data, "p")) {
      /* parse error: break out of foreign content, then the HTML rules */
      while (b->sn > 1) {
        uint32_t c = S_cur(b);
        if (S_mathml_text_ip(b, c) || S_html_ip(b, c) || S_is_html(b, c)) break;
        S_pop(b);
      }
      while (S_mode(b, b->mode, k) == REPROCESS && !b->done) {}
      return;
    }
    uint32_t j = b->sn - 1;
    uint32_t node = b->stack[j];
    while (j > 0) {
      if (S_lower_eq(b, node, k->data)) {
        b->sn = j;
        return;
      }
      node = b->stack[--j];
      if (S_is_html(b, node)) {
        while (S_mode(b, b->mode, k) == REPROCESS && !b->done) {}
        return;
      }
    }
    return;
  }
  default:
    while (S_mode(b, b->mode, k) == REPROCESS && !b->done) {}
  }
}

static void S_dispatch(tb *b, h5_token *k) {
  if (b->skip_lf) {
    b->skip_lf = 0;
    if (k->type == H5_CHARS && k->data.n && k->data.p[0] == '\n') {
      k->data.p++;
      k->data.n--;
      if (!k->data.n) return;
    }
  }
  uint32_t c = S_cur(b);
  int html = !b->sn || S_is_html(b, c) || k->type == H5_EOF;
  if (!html && S_mathml_text_ip(b, c)) {
    if (k->type == H5_CHARS) html = 1;
    if (k->type == H5_START_TAG) {
      int t = S_tag(k);
      html = !(S_str_eq(k->data, "mglyph") || S_str_eq(k->data, "malignmark"));
      (void)t;
    }
  }
  if (!html && S_n(b, c)->ns == H5_NS_MATHML && S_n(b, c)->tag == T_annotation_xml &&
      k->type == H5_START_TAG && S_str_eq(k->data, "svg"))
    html = 1;
  if (!html && S_html_ip(b, c) && (k->type == H5_START_TAG || k->type == H5_CHARS)) html = 1;
  if (html) {
    while (!b->done && S_mode(b, b->mode, k) == REPROCESS) {}
  } else {
    S_foreign(b, k);
  }
}

static int S_on_token(void *ctx, h5_tokenizer *t, h5_token *k) {
  tb *b = ctx;
  (void)t;
  if (b->done || b->d->oom) return b->d->oom ? 1 : 0;
  S_dispatch(b, k);
  return b->d->oom ? 1 : 0;
}

static int S_on_foreign(void *ctx) {
  tb *b = ctx;
  return b->sn && !S_is_html(b, S_cur(b));
}

/* Deep copy of src's children appended to dst. */
static void S_clone_children(h5_doc *d, uint32_t dst, uint32_t src, int depth) {
  for (uint32_t c = d->nodes[src].first; c && !d->oom; c = d->nodes[c].next) {
    uint32_t n = S_node_new(d, d->nodes[c].type);
    if (d->oom) return;
    h5_node *x = &d->nodes[n], *o = &d->nodes[c];
    if (o->type == H5_NODE_TEXT) {
      uint32_t off = o->d_off, len = o->d_len;
      S_insert_node(d, dst, 0, n);
      /* copy through a temporary: the text buffer may move */
      char *tmp = malloc(len ? len : 1);
      if (!tmp) { d->oom = 1; return; }
      memcpy(tmp, d->text + off, len);
      S_text_append(d, n, tmp, len);
      free(tmp);
      continue;
    }
    x->ns = o->ns; x->tag = o->tag; x->name = o->name; x->name_len = o->name_len;
    x->a_off = o->a_off; x->a_n = o->a_n; x->d_off = o->d_off; x->d_len = o->d_len;
    x->flags = o->flags;
    S_insert_node(d, dst, 0, n);
    if (o->type == H5_NODE_ELEMENT && depth < H5_MAX_DEPTH) S_clone_children(d, n, c, depth + 1);
  }
}

/* <selectedcontent> gets a copy of the selected option's content: the
 * last option with a selected attribute, else the first option (the spec
 * clones as options close; without scripts the end result is the same). */
static void S_selectedcontent(tb *b) {
  h5_doc *d = b->d;
  uint32_t count = d->n;
  for (uint32_t i = 1; i < count; i++) {
    if (!S_is(b, i, T_select)) continue;
    uint32_t sc = 0, first = 0, sel = 0;
    /* pre-order walk of the select's subtree */
    uint32_t n = d->nodes[i].first;
    while (n) {
      h5_node *x = &d->nodes[n];
      if (x->type == H5_NODE_ELEMENT && x->ns == H5_NS_HTML) {
        if (!sc && x->name_len == 15 && !memcmp(d->str + x->name, "selectedcontent", 15)) sc = n;
        if (x->tag == T_option) {
          if (!first) first = n;
          if (S_attr(b, n, "selected")) sel = n;
        }
      }
      if (x->first) { n = x->first; continue; }
      while (n && n != i && !d->nodes[n].next) n = d->nodes[n].parent;
      n = (n && n != i) ? d->nodes[n].next : 0;
    }
    if (!sel) sel = first;
    if (!sc || !sel || S_attr(b, i, "multiple")) continue;
    while (d->nodes[sc].first) S_detach(d, d->nodes[sc].first);
    S_clone_children(d, sc, sel, 0);
  }
}

h5_doc *h5_parse(const char *in, size_t len) { return h5_parse_ex(in, len, 0); }

h5_doc *h5_parse_ex(const char *in, size_t len, unsigned flags) {
  h5_doc *d = calloc(1, sizeof *d);
  if (!d) return NULL;
  S_node_new(d, H5_NODE_DOCUMENT);
  tb b;
  memset(&b, 0, sizeof b);
  b.d = d;
  b.frameset_ok = 1;
  b.scripting = (flags & H5_SCRIPTING) != 0;
  h5_tokenizer tok;
  h5_tokenizer_init(&tok, in, len, S_on_token, &b);
  tok.foreign = S_on_foreign;
  b.tok = &tok;
  h5_tokenize(&tok);
  if (!d->oom) S_selectedcontent(&b);
  d->errors = tok.errors;
  if (tok.oom) d->oom = 1;
  h5_tokenizer_free(&tok);
  free(b.stack);
  free(b.afe);
  free(b.tmodes);
  free(b.ptext);
  if (d->oom) { h5_doc_free(d); return NULL; }
  return d;
}

/* ---- html5lib tree format -------------------------------------------- */

typedef struct obuf {
  char *p;
  size_t n, cap;
  int oom;
} obuf;

static void S_out(obuf *o, const char *p, size_t n) {
  if (!n) return;
  if (o->n + n > o->cap) {
    size_t c = o->cap ? o->cap : 4096;
    while (c < o->n + n) c *= 2;
    char *q = realloc(o->p, c);
    if (!q) { o->oom = 1; return; }
    o->p = q;
    o->cap = c;
  }
  memcpy(o->p + o->n, p, n);
  o->n += n;
}
static void S_outs(obuf *o, const char *s) { S_out(o, s, strlen(s)); }
static void S_indent(obuf *o, int depth) {
  S_outs(o, "| ");
  for (int i = 0; i < depth; i++) S_outs(o, "  ");
}

static const h5_doc *S_sort_doc;
static int S_attr_cmp(const void *x, const void *y) {
  const h5_dattr *a = x, *b = y;
  static const char *const pre[] = {"", "xlink ", "xml ", "xmlns "};
  char ka[512], kb[512];
  snprintf(ka, sizeof ka, "%s%.*s", pre[a->ns], (int)a->name_len, S_sort_doc->str + a->name);
  snprintf(kb, sizeof kb, "%s%.*s", pre[b->ns], (int)b->name_len, S_sort_doc->str + b->name);
  return strcmp(ka, kb);
}

static void S_dump(const h5_doc *d, obuf *o, uint32_t parent, int depth) {
  for (uint32_t c = d->nodes[parent].first; c; c = d->nodes[c].next) {
    const h5_node *n = &d->nodes[c];
    S_indent(o, depth);
    switch (n->type) {
    case H5_NODE_DOCTYPE:
      S_outs(o, "<!DOCTYPE ");
      S_out(o, d->str + n->name, n->name_len);
      if (n->flags & 3) {
        S_outs(o, " \"");
        S_out(o, d->str + n->d_off, n->d_len);
        S_outs(o, "\" \"");
        S_out(o, d->str + n->sys, n->sys_len);
        S_outs(o, "\"");
      }
      S_outs(o, ">\n");
      break;
    case H5_NODE_COMMENT:
      S_outs(o, "<!-- ");
      S_out(o, d->str + n->d_off, n->d_len);
      S_outs(o, " -->\n");
      break;
    case H5_NODE_TEXT:
      S_outs(o, "\"");
      S_out(o, d->text + n->d_off, n->d_len);
      S_outs(o, "\"\n");
      break;
    case H5_NODE_ELEMENT: {
      S_outs(o, "<");
      if (n->ns == H5_NS_SVG) S_outs(o, "svg ");
      else if (n->ns == H5_NS_MATHML) S_outs(o, "math ");
      S_out(o, d->str + n->name, n->name_len);
      S_outs(o, ">\n");
      if (n->a_n) {
        h5_dattr *sorted = malloc(n->a_n * sizeof *sorted);
        if (!sorted) { o->oom = 1; return; }
        memcpy(sorted, d->attrs + n->a_off, n->a_n * sizeof *sorted);
        S_sort_doc = d;
        qsort(sorted, n->a_n, sizeof *sorted, S_attr_cmp);
        static const char *const pre[] = {"", "xlink ", "xml ", "xmlns "};
        for (uint32_t i = 0; i < n->a_n; i++) {
          S_indent(o, depth + 1);
          S_outs(o, pre[sorted[i].ns]);
          S_out(o, d->str + sorted[i].name, sorted[i].name_len);
          S_outs(o, "=\"");
          S_out(o, d->str + sorted[i].value, sorted[i].value_len);
          S_outs(o, "\"\n");
        }
        free(sorted);
      }
      if (n->content) {
        S_indent(o, depth + 1);
        S_outs(o, "content\n");
        S_dump(d, o, n->content, depth + 2);
      }
      S_dump(d, o, c, depth + 1);
      break;
    }
    default:
      S_outs(o, "?\n");
    }
  }
}

int h5_doc_dump(const h5_doc *d, char **out, size_t *n) {
  obuf o = {0, 0, 0, 0};
  S_dump(d, &o, 0, 0);
  if (o.oom) { free(o.p); return -1; }
  *out = o.p;
  *n = o.n;
  return 0;
}
