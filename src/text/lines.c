/* lines.c - line-level metadata classification (see lines.h).
 *
 * Each test looks at the shape of the whole line: a leading label or
 * keyword, how many words follow, whether the rest is names, a date or an
 * agency. Story sentences that merely mention such words are left alone. */
#include "text/lines.h"

#include <string.h>

#include "meta/byline.h"
#include "meta/date.h"
#include "meta/meta.h"
#include "meta/wire.h"

#define LINE_MAX_BYTES 600
#define LC_MAX 128 /* bytes of a line lower-cased for the short-line tests (date lines fit) */

/* ---- small helpers ----------------------------------------------------- */
/* word bytes: ASCII letters and digits, and every byte of a multi-byte
 * UTF-8 sequence */
#define W10 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
static const unsigned char S_wct[256] = {
  ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
  ['A'] = W10, W10, 1, 1, 1, 1, 1, 1,
  ['a'] = W10, W10, 1, 1, 1, 1, 1, 1,
  [0x80] = W10, W10, W10, W10, W10, W10, W10, W10, W10, W10, W10, W10, 1, 1, 1, 1, 1, 1, 1, 1};
#undef W10
static inline int S_wc(unsigned char c) { return S_wct[c]; }

/* Case-insensitive: does s start with word/phrase w followed by a non-word char? */
static size_t S_starts(const char *s, size_t n, const char *w) {
  /* w is lower-case; compares as it goes, so a mismatch costs one byte */
  size_t k = 0;
  for (; w[k]; k++) {
    if (k >= n) return 0;
    unsigned char a = (unsigned char)s[k], b = (unsigned char)w[k];
    if (a != b && pith_lower(a) != b) return 0;
  }
  /* a word boundary must follow an alphanumeric ASCII ending (CJK has none) */
  if (n > k && S_wc((unsigned char)s[k]) && S_wc((unsigned char)w[k - 1]) &&
      ((unsigned char)w[k - 1] < 0x80 || (unsigned char)s[k] < 0x80 ||
       ((unsigned char)s[k] >= 0xC0 && (unsigned char)s[k] <= 0xDF)))
    return 0;
  return k;
}

/* The first n bytes of s equal lower-case w, ignoring ASCII case. */
static int S_ieq_lower(const char *s, const char *w, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (pith_lower((unsigned char)s[i]) != (unsigned char)w[i]) return 0;
  return 1;
}

/* Case-insensitive search for phrase w at word boundaries; offset or -1. */
static long S_find(const char *s, size_t n, const char *w) {
  size_t k = strlen(w);
  size_t from = 0;
  while (from + k <= n) {
    long o = pith_ifind(s + from, n - from, w);
    if (o < 0) return -1;
    size_t at = from + (size_t)o;
    int okl = at == 0 || !S_wc((unsigned char)s[at - 1]) || !S_wc((unsigned char)w[0]);
    int okr = at + k == n || !S_wc((unsigned char)s[at + k]) || !S_wc((unsigned char)w[k - 1]);
    if (okl && okr) return (long)at;
    from = at + 1;
  }
  return -1;
}

static size_t S_words(const char *s, size_t n) {
  size_t w = 0, i = 0;
  while (i < n) {
    while (i < n && !S_wc((unsigned char)s[i])) i++;
    if (i >= n) break;
    w++;
    while (i < n && S_wc((unsigned char)s[i])) i++;
  }
  return w;
}

static void S_skip_space(const char **s, size_t *n) {
  while (*n && (**s == ' ' || **s == '\t')) (*s)++, (*n)--;
}

/* Skip leading punctuation/dashes/bullets/quotes (ASCII and common UTF-8). */
static void S_skip_lead_punct(const char **sp, size_t *np) {
  const unsigned char *s = (const unsigned char *)*sp;
  size_t n = *np;
  for (;;) {
    if (n && (s[0] == ' ' || s[0] == '-' || s[0] == '*' || s[0] == '|' || s[0] == '(' ||
              s[0] == ':' || s[0] == '/' || s[0] == '\t')) {
      s++, n--;
      continue;
    }
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x93 || s[2] == 0x94 || s[2] == 0xA2)) {
      s += 3, n -= 3;
      continue;
    }
    break;
  }
  *sp = (const char *)s;
  *np = n;
}

/* Does the text end a sentence ("." not after an initial / abbreviation)? */
static int S_has_sentence_end(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == '!' || c == '?') return 1;
    if (c == '.' && i + 1 < n && s[i + 1] == ' ') {
      /* "J. Smith", "Inc. ", "Jr. " are not sentence ends */
      size_t b = i;
      while (b && S_wc((unsigned char)s[b - 1])) b--;
      size_t wl = i - b;
      if (wl <= 3) continue;
      return 1;
    }
  }
  return 0;
}

/* The copyright sign, "(c)" before a year, or "copyright". */
static int S_copyright_mark(const char *s, size_t n, size_t *at) {
  for (size_t i = 0; i + 1 < n; i++)
    if ((unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA9) {
      if (at) *at = i;
      return 1;
    }
  long o = S_find(s, n, "copyright");
  if (o >= 0) {
    if (at) *at = (size_t)o;
    return 1;
  }
  o = pith_ifind(s, n, "(c) ");
  if (o >= 0 && (size_t)o + 5 < n && s[o + 4] >= '1' && s[o + 4] <= '2') {
    if (at) *at = (size_t)o;
    return 1;
  }
  /* "(c) Reuters 2008": the mark opening the line, a name after it */
  if (o >= 0 && (size_t)o + 5 < n && s[o + 4] >= 'A' && s[o + 4] <= 'Z') {
    size_t k = 0;
    while (k < (size_t)o && (s[k] == ' ' || s[k] == '\t')) k++;
    if (k == (size_t)o) {
      if (at) *at = (size_t)o;
      return 1;
    }
  }
  return 0;
}

static const char *const S_reserved[] = {
  "all rights reserved", "alle rechte vorbehalten", "tous droits réservés", "tous droits reserves",
  "todos los derechos reservados", "tutti i diritti riservati", "todos os direitos reservados",
  "alle rechten voorbehouden", "все права защищены", "版权所有", "版權所有", "無断転載",
  "جميع الحقوق محفوظة", "some rights reserved",
};

static int S_reserved_at(const char *s, size_t n) {
  for (size_t i = 0; i < sizeof S_reserved / sizeof S_reserved[0]; i++)
    if (pith_ifind(s, n, S_reserved[i]) >= 0) return 1;
  return 0;
}

/* ---- kinds ------------------------------------------------------------------ */
static const char *const S_names[PITH_LINE_COUNT] = {
  "none", "byline", "date", "wire-credit", "copyright", "contributors", "section", "tags"};

const char *pith_line_kind_name(int kind) {
  return kind >= 0 && kind < PITH_LINE_COUNT ? S_names[kind] : "?";
}

/* Contributors phrases: the names come before (suffix) or after (prefix). */
static const char *const S_contrib_suffix[] = {
  "contributed reporting", "contributed to this report", "contributed to this story",
  "contributed to this article", "contributed additional reporting", "contributed research",
  "contributed to the report", "also contributed", "contributed",
  "hat zu diesem bericht beigetragen", "haben zu diesem bericht beigetragen",
  "ont contribué à cet article", "a contribué à cet article", "contribuyó a este informe",
  "contribuyeron a este informe", "hanno contribuito", "ha contribuito",
  "colaborou com esta reportagem", "colaboraram", "werkte mee aan dit artikel",
};
static const char *const S_contrib_prefix[] = {
  "additional reporting by", "reporting by", "with reporting by", "additional reporting from",
  "research by", "mitarbeit:", "mitarbeit von", "mit material von", "avec la contribution de",
  "con información de", "con reportes de", "con la collaborazione di", "colaboração de",
  "met medewerking van",
};

static int S_is_contributors(const char *s, size_t n) {
  size_t w = S_words(s, n);
  if (w < 3 || w > 70) return 0;
  for (size_t i = 0; i < sizeof S_contrib_suffix / sizeof S_contrib_suffix[0]; i++) {
    long o = S_find(s, n, S_contrib_suffix[i]);
    if (o <= 0) continue;
    /* the part before must be short-ish names, and the phrase near the end */
    size_t after = n - (size_t)o - strlen(S_contrib_suffix[i]);
    if (S_words(s + o, n - (size_t)o) > 14) continue;
    if (S_words(s, (size_t)o) > 40) continue;
    if (!strcmp(S_contrib_suffix[i], "contributed") && after > 40) continue;
    /* first word capitalised (a name or an organisation) */
    const char *p = s;
    size_t pn = n;
    S_skip_lead_punct(&p, &pn);
    if (!pn || !((*p >= 'A' && *p <= 'Z') || (unsigned char)*p >= 0x80)) continue;
    return 1;
  }
  for (size_t i = 0; i < sizeof S_contrib_prefix / sizeof S_contrib_prefix[0]; i++) {
    const char *p = s;
    size_t pn = n;
    S_skip_lead_punct(&p, &pn);
    if (S_starts(p, pn, S_contrib_prefix[i]) && w <= 40) return 1;
  }
  return 0;
}

/* Label before a colon: "Tags:", "Filed under:", "Article Topic Follows:". */
static const char *const S_section_keys[] = {
  "topic", "section", "category", "categories", "filed under", "posted in", "rubrik", "ressort",
  "rubrique", "sección", "seccion", "categoría", "categoria", "sezione", "secção", "seção",
  "rubriek", "рубрика", "раздел", "栏目", "分类", "カテゴリ", "القسم", "التصنيف",
};
static const char *const S_tag_keys[] = {
  "tags", "tag", "topics", "keywords", "schlagwörter", "schlagworte", "stichwörter", "themen",
  "mots-clés", "mots clés", "étiquettes", "etiquetas", "palabras clave", "temas", "argomenti",
  "parole chiave", "trefwoorden", "onderwerpen", "теги", "ключевые слова", "标签", "关键词", "タグ",
  "الوسوم", "كلمات مفتاحية", "related topics", "more about", "mehr zu",
};

/* Finds "label: value"; returns 1 with the label and value spans. */
static int S_label(const char *s, size_t n, const char **lab, size_t *labn, const char **val,
                   size_t *valn) {
  size_t lim = n < 60 ? n : 60;
  for (size_t i = 1; i < lim; i++) {
    int w = 0;
    if (s[i] == ':') w = 1;
    else if (i + 2 < n && (unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xBC &&
             (unsigned char)s[i + 2] == 0x9A)
      w = 3; /* fullwidth colon */
    if (!w) continue;
    *lab = s;
    *labn = i;
    pith_trim(lab, labn);
    *val = s + i + w;
    *valn = n - i - w;
    pith_trim(val, valn);
    return *labn > 0 && S_words(*lab, *labn) <= 4;
  }
  return 0;
}

static int S_key_in(const char *lab, size_t labn, const char *const *keys, size_t nk) {
  /* a key starting with an ASCII letter is found at a word start: the
   * label's word initials rule most keys out without a search */
  uint32_t ini = 0;
  for (size_t i = 0; i < labn; i++) {
    unsigned char c = (unsigned char)lab[i];
    if (S_wc(c) && (i == 0 || !S_wc((unsigned char)lab[i - 1])) && c < 0x80)
      ini |= 1u << (pith_lower(c) & 31);
  }
  for (size_t i = 0; i < nk; i++) {
    unsigned char k0 = (unsigned char)keys[i][0];
    if (((k0 >= 'a' && k0 <= 'z') && !(ini & (1u << (k0 & 31))))) continue;
    if (S_find(lab, labn, keys[i]) >= 0) return 1;
  }
  return 0;
}

/* Items in a list value separated by , ; | • / */
static size_t S_count_items(const char *s, size_t n) {
  size_t items = n ? 1 : 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == ',' || c == ';' || c == '|') items++;
    else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0xA2)
      items++;
  }
  return items;
}

static int S_is_section_or_tags(const char *s, size_t n, int *kind) {
  const char *lab, *val;
  size_t labn, valn;
  if (S_label(s, n, &lab, &labn, &val, &valn)) {
    if (!valn || valn > 300) return 0;
    size_t items = S_count_items(val, valn);
    if (S_has_sentence_end(val, valn)) return 0;
    if (S_key_in(lab, labn, S_tag_keys, sizeof S_tag_keys / sizeof S_tag_keys[0])) {
      if (items == 1 && S_words(val, valn) > 8) return 0;
      *kind = items > 1 ? PITH_LINE_TAGS : PITH_LINE_SECTION;
      /* a single "Topics: X" is a section */
      return 1;
    }
    if (S_key_in(lab, labn, S_section_keys, sizeof S_section_keys / sizeof S_section_keys[0])) {
      if (items == 1 && S_words(val, valn) > 10) return 0;
      *kind = items > 2 ? PITH_LINE_TAGS : PITH_LINE_SECTION;
      return 1;
    }
    return 0;
  }
  /* "Filed under Politics, World" / "Posted in News" without a colon */
  static const char *nocolon[] = {"filed under", "posted in", "more on"};
  for (size_t i = 0; i < 3; i++) {
    size_t k = S_starts(s, n, nocolon[i]);
    if (!k) continue;
    const char *v = s + k;
    size_t vn = n - k;
    pith_trim(&v, &vn);
    if (!vn || S_words(v, vn) > 12 || S_has_sentence_end(v, vn)) return 0;
    if (!((*v >= 'A' && *v <= 'Z') || (unsigned char)*v >= 0x80)) return 0;
    if (i == 2 && S_count_items(v, vn) < 2) return 0;
    *kind = S_count_items(v, vn) > 2 ? PITH_LINE_TAGS : PITH_LINE_SECTION;
    return 1;
  }
  return 0;
}

static int S_has_year(const char *s, size_t n) {
  for (size_t i = 0; i + 4 <= n; i++)
    if ((s[i] == '1' && s[i + 1] == '9') || (s[i] == '2' && s[i + 1] == '0'))
      if (s[i + 2] >= '0' && s[i + 2] <= '9' && s[i + 3] >= '0' && s[i + 3] <= '9' &&
          (i == 0 || !(s[i - 1] >= '0' && s[i - 1] <= '9')) &&
          (i + 4 == n || !(s[i + 4] >= '0' && s[i + 4] <= '9')))
        return 1;
  return 0;
}

/* A line that is a date and at most a few words around it. The words
 * that may open it, by first byte (a switch picks the few to compare). */
static const char *const S_dl_p[] = {"published", "posted", "publi\xc3\xa9", "publi\xc3\xa9 le",
                                     "publicado", "pubblicato"};
static const char *const S_dl_u[] = {"updated"};
static const char *const S_dl_l[] = {"last updated", "last modified"};
static const char *const S_dl_m[] = {"modified", "mis \xc3\xa0 jour", "mis \xc3\xa0 jour le"};
static const char *const S_dl_f[] = {"first published"};
static const char *const S_dl_o[] = {"originally published"};
static const char *const S_dl_d[] = {"date"};
static const char *const S_dl_v[] = {"ver\xc3\xb6" "ffentlicht"};
static const char *const S_dl_a[] = {"aktualisiert", "actualizado", "aggiornato"};
static const char *const S_dl_s[] = {"stand"};
static const char *const S_dl_g[] = {"gepubliceerd"};
static const char *const S_dl_b[] = {"bijgewerkt"};
static const char *const S_dl_other[] = {
  "опубликовано", "обновлено", "发布时间", "更新时间", "发布于", "公開日", "更新日", "نشر", "تاريخ النشر"};

/* Does p open with a date lead word ("Published", "Mis à jour le", ...)? */
static int S_date_lead(const char *p, size_t pn) {
  if (!pn) return 0;
  const char *const *L;
  size_t nL;
#define DSET(a) (L = (a), nL = sizeof(a) / sizeof((a)[0]))
  switch (pith_lower((unsigned char)p[0])) {
  case 'p': DSET(S_dl_p); break;
  case 'u': DSET(S_dl_u); break;
  case 'l': DSET(S_dl_l); break;
  case 'm': DSET(S_dl_m); break;
  case 'f': DSET(S_dl_f); break;
  case 'o': DSET(S_dl_o); break;
  case 'd': DSET(S_dl_d); break;
  case 'v': DSET(S_dl_v); break;
  case 'a': DSET(S_dl_a); break;
  case 's': DSET(S_dl_s); break;
  case 'g': DSET(S_dl_g); break;
  case 'b': DSET(S_dl_b); break;
  default:
    if ((unsigned char)p[0] < 0x80) return 0;
    DSET(S_dl_other);
  }
#undef DSET
  for (size_t i = 0; i < nL; i++)
    if (S_starts(p, pn, L[i])) return 1;
  return 0;
}

static int S_is_date_line(const char *s, size_t n, int digits) {
  if (n > 120) return 0;
  /* a year, or a lead word ("Updated 3:04 PM ET"): most short lines have
   * neither (digits: 0 when the caller knows the line has no digit) */
  int numdate = 0; /* 11/13/19, 9:45 */
  for (size_t i = 1; digits && i + 1 < n && !numdate; i++)
    if ((s[i] == '/' || s[i] == ':') && s[i - 1] >= '0' && s[i - 1] <= '9' && s[i + 1] >= '0' &&
        s[i + 1] <= '9')
      numdate = 1;
  if (!numdate && !(digits && S_has_year(s, n))) {
    const char *p0 = s;
    size_t pn0 = n;
    S_skip_lead_punct(&p0, &pn0);
    if (!S_date_lead(p0, pn0)) return 0;
  }
  char iso[40];
  size_t ds, de;
  if (!pith_date_find(s, n, iso, &ds, &de)) return 0;
  size_t rest = S_words(s, ds) + S_words(s + de, n - de);
  if (rest == 0) return 1;
  const char *p = s;
  size_t pn = n;
  S_skip_lead_punct(&p, &pn);
  if (S_date_lead(p, pn)) return rest <= 8;
  /* "Tuesday, Feb 28" leftovers: weekday names / "at" / time zones */
  if (rest <= 3 && !S_has_sentence_end(s, n)) return 1;
  return 0;
}

/* "Posted on June 14, 2023 by Ellen Marsh": a date line naming its
 * author. Returns the offset of "by" (0 when not this shape). */
static size_t S_date_by(const char *s, size_t n) {
  if (n > 160) return 0;
  char iso[40];
  size_t ds, de;
  if (!pith_date_find(s, n, iso, &ds, &de)) return 0;
  long o = S_find(s, n, "by");
  if (o <= 0) return 0;
  const char *r = s + o + 2;
  size_t rn = n - (size_t)o - 2;
  pith_trim(&r, &rn);
  size_t e = 0;
  while (e < rn && r[e] != ',' && r[e] != '|' && r[e] != '(' && r[e] != ';') e++;
  while (e && (r[e - 1] == ' ' || r[e - 1] == '.')) e--;
  if (!e || S_words(r, e) > 5) return 0;
  if (!pith_byline_is_person(r, e)) return 0;
  return (size_t)o;
}

/* Labels that introduce a byline with a colon ("Autor: ...", "作者：..."). */
static const char *const S_lead_colon[] = {"author", "authors", "Автор", "АВТОР", "Авторы", "autor", "autorin", "autoren", "auteur",
                                     "auteurs", "autore", "texto", "text", "texte", "redacción",
                                     "byline", "автор", "作者", "著者", "الكاتب", "كتب", "penulis",
                                     "yazar"};

/* "By Jane Roe, CNN": a credit word and then names. */
static int S_is_byline(const char *s, size_t n) {
  if (n > 200) return 0;
  const char *p = s;
  size_t pn = n;
  S_skip_lead_punct(&p, &pn);
  static const char *lead_any[] = {"by", "written by", "words by", "story by", "text by",
                                   "posted by", "reported by"};
  static const char *lead_cap[] = {"von", "par", "por", "door", "di", "de", "av", "af", "przez", "oleh"};

  size_t k = 0;
  int colon_needed = 0, cap_needed = 0;
  for (size_t i = 0; i < sizeof lead_any / sizeof lead_any[0] && !k; i++) k = S_starts(p, pn, lead_any[i]);
  if (!k)
    for (size_t i = 0; i < sizeof lead_cap / sizeof lead_cap[0] && !k; i++)
      if ((k = S_starts(p, pn, lead_cap[i]))) cap_needed = 1;
  if (!k)
    for (size_t i = 0; i < sizeof S_lead_colon / sizeof S_lead_colon[0] && !k; i++)
      if ((k = S_starts(p, pn, S_lead_colon[i]))) colon_needed = 1;
  if (!k) return 0;
  const char *r = p + k;
  size_t rn = pn - k;
  S_skip_space(&r, &rn);
  int colon = 0;
  if (rn && *r == ':') {
    colon = 1;
    r++, rn--;
  } else if (rn >= 3 && (unsigned char)r[0] == 0xEF && (unsigned char)r[1] == 0xBC &&
             (unsigned char)r[2] == 0x9A) {
    colon = 1;
    r += 3, rn -= 3;
  }
  S_skip_space(&r, &rn);
  if (colon_needed && !colon) return 0;
  if (!rn) return 0;
  unsigned char c0 = (unsigned char)*r;
  if (cap_needed && !colon && !((c0 >= 'A' && c0 <= 'Z') || c0 >= 0x80)) return 0;
  if (!((c0 >= 'A' && c0 <= 'Z') || c0 >= 0x80 || c0 == '@')) return 0;
  if (S_words(r, rn) > 16) return 0;
  /* the first name: up to a separator */
  size_t e = 0;
  while (e < rn && r[e] != ',' && r[e] != '|' && r[e] != ';' && r[e] != '(' && r[e] != '\n' &&
         !(r[e] == ' ' && e + 4 < rn && (r[e + 1] == 'a' || r[e + 1] == 'u' || r[e + 1] == 'e') &&
           (!strncmp(r + e, " and ", 5) || !strncmp(r + e, " und ", 5) || !strncmp(r + e, " et ", 4))))
    e++;
  /* a date may follow the name without a separator ("By Jane Roe Feb 2, 2023") */
  char iso[40];
  size_t ds, de;
  if (pith_date_find(r, e, iso, &ds, &de) && ds > 0) e = ds;
  const char *nm = r;
  size_t nn = e;
  pith_trim(&nm, &nn);
  while (nn && (nm[nn - 1] == '-' || nm[nn - 1] == ' ')) nn--;
  if (!nn) return 0;
  if (pith_byline_is_person(nm, nn)) return 1;
  if (pith_wire_lookup(nm, nn)) return 1;
  /* "By The Associated Press", "By CNN Staff" */
  if (pith_meta_is_org_name(nm, nn) && S_words(nm, nn) <= 6 && !S_has_sentence_end(nm, nn)) {
    /* capitalised words only */
    size_t i = 0;
    while (i < nn) {
      while (i < nn && !S_wc((unsigned char)nm[i])) i++;
      if (i >= nn) break;
      unsigned char c = (unsigned char)nm[i];
      if (c >= 'a' && c <= 'z') {
        size_t b = i;
        while (i < nn && S_wc((unsigned char)nm[i])) i++;
        if (!(i - b <= 3)) return 0; /* "of", "the", "and" */
        continue;
      }
      while (i < nn && S_wc((unsigned char)nm[i])) i++;
    }
    return 1;
  }
  return 0;
}

/* "The-CNN-Wire", "Associated Press", "— Reuters", "(AP)". */
static int S_is_wire_credit(const char *s, size_t n) {
  if (n > 80 || S_words(s, n) > 8) return 0;
  const char *p = s;
  size_t pn = n;
  S_skip_lead_punct(&p, &pn);
  while (pn && (p[pn - 1] == ')' || p[pn - 1] == '.' || p[pn - 1] == ' ')) pn--;
  if (!pn) return 0;
  if (pith_wire_exact(p, pn)) return 1;
  /* "The-X-Wire" / "X Wire" shapes naming a known agency */
  if ((pith_ifind(p, pn, "wire") >= 0 || pith_ifind(p, pn, "news service") >= 0) &&
      pith_wire_lookup(p, pn) && S_words(p, pn) <= 4)
    return 1;
  return 0;
}

/* "This report/story/article by <Agency> was first published ...". */
static int S_is_first_published(const char *s, size_t n) {
  static const char *const lead[] = {"this report by", "this story by", "this article by"};
  size_t k = 0;
  for (size_t i = 0; i < sizeof lead / sizeof *lead && !k; i++) k = S_starts(s, n, lead[i]);
  if (!k) return 0;
  long o = pith_ifind(s + k, n - k, " was first published");
  return o > 0 && pith_wire_exact(s + k, (size_t)o) != NULL;
}

static int S_is_copyright(const char *s, size_t n) {
  if (n > LINE_MAX_BYTES) return 0;
  size_t at = 0;
  int mark = S_copyright_mark(s, n, &at);
  int res = S_reserved_at(s, n);
  if (!mark && !res) return 0;
  /* the word alone ("Copyright Policy" links) needs a year */
  int sign = 0;
  for (size_t i = 0; i + 1 < n && !sign; i++)
    sign = (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA9;
  if (!sign && !res && !S_has_year(s, n)) return 0;
  size_t w = S_words(s, n);
  if (w > 70) return 0;
  /* starts with the mark (after ™, &, "Copyright") */
  if (mark && S_words(s, at) <= 2) return 1;
  if (res && w <= 40) return 1;
  if (mark && w <= 20 && !S_has_sentence_end(s, n)) return 1;
  return 0;
}

/* Byte search (needle already lower-case) in a lower-cased copy. */
#define S_has(lc, n, lit) S_hasn(lc, n, lit, sizeof(lit) - 1)
static int S_hasn(const char *lc, size_t n, const char *needle, size_t k) {
  if (k > n) return 0;
  const char *p = lc, *end = lc + n - k + 1;
  while (p < end) {
    p = memchr(p, needle[0], (size_t)(end - p));
    if (!p) return 0;
    if (!memcmp(p, needle, k)) return 1;
    p++;
  }
  return 0;
}

/* Trigger words, tested at word starts only (the copyright sign anywhere):
 * a copyright trailer (T_COPY) or a contributors note (T_CONTRIB) may be
 * on the line. Grouped by first byte, so a word start costs one switch. */
enum { T_COPY = 1, T_CONTRIB = 2 };
typedef struct trig { const char *w; unsigned char len, kind; } trig;
#define TG(w, k) {w, sizeof(w) - 1, k}
static const trig S_trig_c[] = {TG("copyright", T_COPY), TG("contribu", T_CONTRIB),
                                TG("collabora", T_CONTRIB), TG("colabora", T_CONTRIB)};
static const trig S_trig_paren[] = {TG("(c)", T_COPY)};
static const trig S_trig_r[] = {TG("reserv", T_COPY), TG("riservat", T_COPY),
                                TG("reporting", T_CONTRIB), TG("research by", T_CONTRIB),
                                TG("reportes de", T_CONTRIB)};
static const trig S_trig_v[] = {TG("vorbehalt", T_COPY), TG("voorbehoud", T_COPY)};
static const trig S_trig_m[] = {TG("mitarbeit", T_CONTRIB), TG("mit material", T_CONTRIB),
                                TG("medewerking", T_CONTRIB)};
static const trig S_trig_i[] = {TG("informaci\xc3\xb3n de", T_CONTRIB)};
static const trig S_trig_b[] = {TG("beigetragen", T_CONTRIB)};
static const trig S_trig_d0[] = {TG("\xd0\xb7\xd0\xb0\xd1\x89\xd0\xb8\xd1\x89\xd0\xb5\xd0\xbd\xd1\x8b", T_COPY)}; /* защищены */
static const trig S_trig_e7[] = {TG("\xe7\x89\x88\xe6\x9d\x83", T_COPY),  /* 版权 */
                                 TG("\xe7\x89\x88\xe6\xac\x8a", T_COPY),  /* 版權 */
                                 TG("\xe7\x84\xa1\xe6\x96\xad", T_COPY)}; /* 無断 */
static const trig S_trig_d9[] = {TG("\xd9\x85\xd8\xad\xd9\x81\xd9\x88\xd8\xb8\xd8\xa9", T_COPY)}; /* محفوظة */
#undef TG

/* Byte classes for the scans of a line in pith_line_kind: upper-case
 * ASCII, word byte (S_wc), digit, a label's colon (or a fullwidth colon's
 * lead byte). */
enum { K_UP = 1, K_WORD = 2, K_DIG = 4, K_COLON = 8 };
#define LK_ALNUM(c) (((c) >= '0' && (c) <= '9') || ((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))
#define LK(c)                                                                                      \
  ((((c) >= 'A' && (c) <= 'Z') ? K_UP : 0) | ((LK_ALNUM(c) || (c) >= 0x80) ? K_WORD : 0) |           \
   (((c) >= '0' && (c) <= '9') ? K_DIG : 0) | (((c) == ':' || (c) == 0xEF) ? K_COLON : 0))
#define LK4(b) LK(b), LK(b + 1), LK(b + 2), LK(b + 3)
#define LK16(b) LK4(b), LK4(b + 4), LK4(b + 8), LK4(b + 12)
#define LK64(b) LK16(b), LK16(b + 16), LK16(b + 32), LK16(b + 48)
static const unsigned char S_lk[256] = {LK64(0), LK64(64), LK64(128), LK64(192)};
/* bit (letter - 'a') of an ASCII letter, else 0 */
#define LI(c)                                                                                      \
  ((((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z')) ? (1u << ((((c) | 0x20) - 'a') & 31)) : 0u)
#define LI4(b) LI(b), LI(b + 1), LI(b + 2), LI(b + 3)
#define LI16(b) LI4(b), LI4(b + 4), LI4(b + 8), LI4(b + 12)
#define LI64(b) LI16(b), LI16(b + 16), LI16(b + 32), LI16(b + 48)
static const uint32_t S_li[256] = {LI64(0), LI64(64), LI64(128), LI64(192)};
#undef LI64
#undef LI16
#undef LI4
#undef LI
#undef LK64
#undef LK16
#undef LK4
#undef LK
#undef LK_ALNUM

/* Where a trigger word (or the copyright sign) may start, by its first
 * two bytes: S_tp1[first] & S_tp2[second] is non-zero only for the pairs
 * the words above begin with (co (c re ri vo mi me in be, any case; the
 * non-Latin lead bytes; C2 A9). The ASCII groups count at word starts. */
enum { TP_CO = 1, TP_PC = 2, TP_REI = 4, TP_VO = 8, TP_MIE = 16, TP_IN = 32, TP_BE = 64,
       TP_ASCII = 127, TP_D0 = 128, TP_E7 = 256, TP_D9 = 512, TP_C2 = 1024 };
static const uint16_t S_tp1[256] = {
  ['c'] = TP_CO, ['C'] = TP_CO, ['('] = TP_PC, ['r'] = TP_REI, ['R'] = TP_REI,
  ['v'] = TP_VO, ['V'] = TP_VO, ['m'] = TP_MIE, ['M'] = TP_MIE, ['i'] = TP_IN, ['I'] = TP_IN,
  ['b'] = TP_BE, ['B'] = TP_BE, [0xD0] = TP_D0, [0xE7] = TP_E7, [0xD9] = TP_D9, [0xC2] = TP_C2};
static const uint16_t S_tp2[256] = {
  ['o'] = TP_CO | TP_VO, ['O'] = TP_CO | TP_VO, ['c'] = TP_PC, ['C'] = TP_PC,
  ['e'] = TP_REI | TP_MIE | TP_BE, ['E'] = TP_REI | TP_MIE | TP_BE, ['i'] = TP_REI | TP_MIE,
  ['I'] = TP_REI | TP_MIE, ['n'] = TP_IN, ['N'] = TP_IN, [0xB7] = TP_D0, [0x89] = TP_E7,
  [0x84] = TP_E7, [0x85] = TP_D9, [0xA9] = TP_C2};

/* The kinds (T_COPY | T_CONTRIB) of the trigger words p starts with (any
 * ASCII case). */
static int S_trig_at(const char *p, size_t left) {
  const trig *t;
  size_t nt;
#define TSET(a) (t = (a), nt = sizeof(a) / sizeof((a)[0]))
  switch ((unsigned char)p[0] | ((unsigned char)p[0] < 0x80 ? 0x20 : 0)) {
  case 'c': TSET(S_trig_c); break;
  case '(': TSET(S_trig_paren); break;
  case 'r': TSET(S_trig_r); break;
  case 'v': TSET(S_trig_v); break;
  case 'm': TSET(S_trig_m); break;
  case 'i': TSET(S_trig_i); break;
  case 'b': TSET(S_trig_b); break;
  case 0xD0: TSET(S_trig_d0); break;
  case 0xE7: TSET(S_trig_e7); break;
  case 0xD9: TSET(S_trig_d9); break;
  default: return 0;
  }
#undef TSET
  int kinds = 0;
  for (size_t i = 0; i < nt; i++) {
    if (t[i].len > left) continue;
    size_t k = 1;
    for (; k < t[i].len; k++) {
      unsigned char a = (unsigned char)p[k];
      if (a >= 'A' && a <= 'Z') a = (unsigned char)(a + 32);
      if (a != (unsigned char)t[i].w[k]) break;
    }
    if (k == t[i].len) kinds |= t[i].kind;
  }
  return kinds;
}

int pith_line_kind(const char *s, size_t n) {
  if (!s) return PITH_LINE_NONE;
  pith_trim(&s, &n);
  if (!n || n > LINE_MAX_BYTES) return PITH_LINE_NONE;
  int k;
  /* cheap triggers first: most lines are story text and have none. Short
   * table-driven scans of the first bytes (and the ends of a long line)
   * collect what the tests below are gated on. */
  int tcopy = 0, tcontrib = 0;
  unsigned tcaps = 0, colon = 0;
  uint32_t initials = 0; /* bit (c - 'a') for each word initial seen */
  unsigned acc = 0;      /* the classes seen */
  size_t nl = n < LC_MAX ? n : LC_MAX, words = 0;
  /* long lines (story paragraphs): a copyright or contributors note sits
   * at the start or the end; only those parts are searched for triggers */
  size_t skip_from = n > 220 ? 100 : n, skip_to = n > 220 ? n - 120 : n;
  /* A trigger word (ASCII ones at word starts, the others anywhere) may
   * start at i when the pair table says so (S_tp1/S_tp2); pk: the classes
   * of the byte before. */
#define TRIG_AT(i, pk)                                                                 \
  do {                                                                                 \
    unsigned g_ = S_tp1[(unsigned char)s[i]] & S_tp2[(unsigned char)s[(i) + 1]];       \
    if (__builtin_expect(g_ != 0, 0) && !((g_ & TP_ASCII) && ((pk) & K_WORD))) {       \
      if (g_ & TP_C2) {                                                                \
        tcopy = 1; /* © */                                                            \
      } else {                                                                         \
        int kinds_ = S_trig_at(s + (i), n - (i));                                      \
        tcopy |= kinds_ & T_COPY;                                                      \
        tcontrib |= kinds_ & T_CONTRIB;                                                \
      }                                                                                \
    }                                                                                  \
  } while (0)
  if (n <= 80) {
    /* a short line (it may be a wire credit), in one pass: classes, a
     * label's colon in the first 64 bytes, words, their initials,
     * capitals in a row, trigger words */
    unsigned pk = 0;
    for (size_t i = 0; i < n; i++) {
      unsigned c = (unsigned char)s[i], kc = S_lk[c];
      unsigned ws = (kc & ~pk & K_WORD) >> 1; /* a word starts here */
      acc |= kc;
      colon |= kc & K_COLON & (0u - (i < 64));
      words += ws;
      initials |= S_li[c] & (0u - ws);
      tcaps |= kc & pk & K_UP;
      if (i + 1 < n) TRIG_AT(i, pk);
      pk = kc;
    }
  } else {
    /* the classes of the first bytes, a colon in the first 64 */
    for (size_t i = 0; i < 64; i++) acc |= S_lk[(unsigned char)s[i]];
    colon = acc & K_COLON;
    for (size_t i = 64; i < nl; i++) acc |= S_lk[(unsigned char)s[i]];
    /* trigger words in the first bytes and, on a long line, its last ones */
    size_t e1 = skip_from < n - 1 ? skip_from : n - 1;
    for (size_t i = 0; i < e1; i++) TRIG_AT(i, i ? S_lk[(unsigned char)s[i - 1]] : 0u);
    for (size_t i = skip_to > e1 ? skip_to : e1; i + 1 < n; i++)
      TRIG_AT(i, S_lk[(unsigned char)s[i - 1]]);
  }
#undef TRIG_AT
  /* the first word's first byte, lower-cased */
  unsigned char first_init = 0;
  for (size_t i = 0; i < nl; i++)
    if (S_lk[(unsigned char)s[i]] & K_WORD) {
      first_init = pith_lower((unsigned char)s[i]);
      break;
    }
  int digit = (acc & K_DIG) != 0;
  if (tcopy && S_is_copyright(s, n)) return PITH_LINE_COPYRIGHT;
  if (tcontrib && S_is_contributors(s, n)) return PITH_LINE_CONTRIBUTORS;
  if (n > 300) return PITH_LINE_NONE;
  /* bylines open with a credit word (checked by S_is_byline); test the
   * first word here so that most lines skip it */
  {
/* credit words, by first letter (a switch picks the few to compare) */
#define LW(w) {w, sizeof(w) - 1}
    typedef struct { const char *w; size_t n; } lw;
    static const lw la[] = {LW("af"), LW("av"), LW("author"), LW("authors"), LW("autor"),
                            LW("autorin"), LW("autoren"), LW("auteur"), LW("auteurs"), LW("autore")};
    static const lw lb[] = {LW("by"), LW("byline")};
    static const lw ld[] = {LW("door"), LW("di"), LW("de")};
    static const lw lp[] = {LW("posted"), LW("par"), LW("por"), LW("przez"), LW("penulis")};
    static const lw lo[] = {LW("oleh")};
    static const lw ly[] = {LW("yazar")};
    static const lw lr[] = {LW("reported"), LW("redacci\xc3\xb3n")};
    static const lw ls[] = {LW("story")};
    static const lw lt[] = {LW("text"), LW("texto"), LW("texte")};
    static const lw lv[] = {LW("von")};
    static const lw lwr[] = {LW("written"), LW("words")};
#undef LW
    size_t f = 0;
    while (f < nl && (s[f] == ' ' || s[f] == '-' || s[f] == '*' || s[f] == '|' || s[f] == '(' ||
                     s[f] == ':' || s[f] == '/' || s[f] == '\t'))
      f++;
    size_t g = f;
    while (g < nl && S_wc((unsigned char)s[g])) g++;
    int lead = 0;
    if (f >= nl) {
      lead = 0; /* only separators in the first bytes: no label */
    } else if ((unsigned char)s[f] >= 0x80 && (unsigned char)s[f] != 0xC3) {
      lead = 1; /* non-Latin labels: автор, 作者, 著者, الكاتب, كتب, and dashes */
    } else {
      const lw *L = NULL;
      size_t nL = 0;
#define LSET(a) (L = (a), nL = sizeof(a) / sizeof((a)[0]))
      switch (pith_lower((unsigned char)s[f])) {
      case 'a': LSET(la); break;
      case 'b': LSET(lb); break;
      case 'd': LSET(ld); break;
      case 'p': LSET(lp); break;
      case 'r': LSET(lr); break;
      case 's': LSET(ls); break;
      case 't': LSET(lt); break;
      case 'v': LSET(lv); break;
      case 'w': LSET(lwr); break;
      case 'o': LSET(lo); break;
      case 'y': LSET(ly); break;
      default: break;
      }
#undef LSET
      for (size_t q = 0; q < nL && !lead; q++)
        lead = L[q].n == g - f && S_ieq_lower(s + f, L[q].w, g - f);
    }
    if (lead && S_is_byline(s, n)) return PITH_LINE_BYLINE;
  }
  /* The Canadian Press' trailer: "This report by The Canadian Press was
   * first published March 3, 2024." */
  if (first_init == 't' && n <= 160 && S_is_first_published(s, n)) return PITH_LINE_WIRE_CREDIT;
  /* wire credits name an agency: an acronym or an agency-ish word */
  if (n <= 80 && words <= 8) { /* the whole line was scanned above */
    char lc[80];
    for (size_t i = 0; i < n; i++) lc[i] = (char)pith_lower((unsigned char)s[i]);
#define INI(ch) (initials & (1u << ((ch) - 'a')))
    int agencyish = (tcaps && words <= 2) || (INI('p') && S_has(lc, n, "press")) || (INI('n') && S_has(lc, n, "news")) ||
                    S_has(lc, n, "wire") || (INI('a') && S_has(lc, n, "agen")) ||
                    (INI('r') && S_has(lc, n, "reuters")) || (INI('d') && S_has(lc, n, "dpa")) ||
                    (INI('s') && S_has(lc, n, "service")) || (INI('b') && S_has(lc, n, "bloomberg")) ||
                    (INI('x') && S_has(lc, n, "xinhua"));
#undef INI
    if (agencyish && S_is_wire_credit(s, n))
      return PITH_LINE_WIRE_CREDIT;
  }
  /* "Label: value" lines, and "Filed under ..." / "Posted in ..." / "More on ..." */
  /* (the colon-less forms start the line: "Filed under", "Posted in", "More on") */
  if ((colon || first_init == 'f' || first_init == 'p' || first_init == 'm') &&
      S_is_section_or_tags(s, n, &k))
    return k;
  if (S_is_date_line(s, n, digit || n > nl)) return S_date_by(s, n) ? PITH_LINE_BYLINE : PITH_LINE_DATE;
  return PITH_LINE_NONE;
}

/* ---- taking the facts ------------------------------------------------------- */

/* Split a list of names ("A, B and C", "A in Madrid and B in London") and
 * add the people to list l. */
static int S_add_names_to(pith_meta *m, pith_arena *a, pith_list l, const char *s, size_t n) {
  size_t i = 0;
  int added = 0;
  while (i < n) {
    /* next item: up to ',' ';' or " and "/" und "/" et "/" y "/" e "/"&" */
    size_t b = i, e = i;
    while (e < n) {
      if (s[e] == ',' || s[e] == ';' || s[e] == '&') break;
      if (s[e] == ' ') {
        static const char *conj[] = {" and ", " und ", " et ", " y ", " e ", " en ", " и "};
        int hit = 0;
        for (size_t c = 0; c < sizeof conj / sizeof conj[0]; c++) {
          size_t cl = strlen(conj[c]);
          if (e + cl <= n && !memcmp(s + e, conj[c], cl)) { hit = (int)cl; break; }
        }
        if (hit) break;
      }
      e++;
    }
    const char *it = s + b;
    size_t in = e - b;
    /* advance past the separator */
    if (e < n) {
      if (s[e] == ' ') {
        i = e + 1;
        while (i < n && s[i] != ' ') i++;
      } else {
        i = e + 1;
      }
    } else {
      i = n;
    }
    pith_trim(&it, &in);
    if (!in) continue;
    /* "CNN’s Wayne Chang": drop an organisation's possessive */
    for (size_t j = 0; j + 1 < in; j++) {
      size_t w = 0;
      if (it[j] == '\'' && j + 1 < in && it[j + 1] == 's') w = 2;
      else if (j + 3 < in && (unsigned char)it[j] == 0xE2 && (unsigned char)it[j + 1] == 0x80 &&
               (unsigned char)it[j + 2] == 0x99 && it[j + 3] == 's')
        w = 4;
      if (w && j + w < in && it[j + w] == ' ') {
        it += j + w + 1;
        in -= j + w + 1;
        break;
      }
    }
    /* "Associated Press writer Jane Doe in Paris": drop role prefix and place suffix */
    static const char *roles[] = {"writers ", "writer ", "reporters ", "reporter ",
                                  "correspondents ", "correspondent ", "journalists ",
                                  "journalist ", "staff "};
    for (size_t r = 0; r < sizeof roles / sizeof roles[0]; r++) {
      long o = pith_ifind(it, in, roles[r]);
      if (o >= 0) {
        size_t k = (size_t)o + strlen(roles[r]);
        it += k;
        in -= k;
        break;
      }
    }
    long o = S_find(it, in, "in");
    if (o > 0) in = (size_t)o;
    o = S_find(it, in, "from");
    if (o > 0) in = (size_t)o;
    pith_trim(&it, &in);
    while (in && (it[in - 1] == '.' || it[in - 1] == ',')) in--;
    if (!in) continue;
    if (!pith_byline_is_person(it, in)) continue;
    char buf[160];
    size_t bl = pith_byline_name(it, in, buf, sizeof buf);
    if (!bl) continue;
    int r = pith_meta_list_add(m, a, l, buf, bl);
    if (r < 0) return r;
    added += r;
  }
  return added;
}

static int S_add_names(pith_meta *m, pith_arena *a, const char *s, size_t n) {
  return S_add_names_to(m, a, PITH_L_CONTRIBUTORS, s, n);
}

static int S_take_contributors(pith_meta *m, pith_arena *a_, const char *s, size_t n, int pri,
                               const char *src) {
  pith_arena *a = a_;
  const char *names = NULL;
  size_t nn = 0;
  for (size_t i = 0; i < sizeof S_contrib_suffix / sizeof S_contrib_suffix[0] && !names; i++) {
    long o = S_find(s, n, S_contrib_suffix[i]);
    if (o > 0) {
      names = s;
      nn = (size_t)o;
      /* a sentence before the names ("Text. X and Y contributed") */
      for (size_t j = nn; j-- > 1;)
        if ((s[j - 1] == '.' || s[j - 1] == '!' || s[j - 1] == '?') && s[j] == ' ') {
          size_t b = j - 1;
          while (b && S_wc((unsigned char)s[b - 1])) b--;
          if (j - 1 - b > 3) {
            names = s + j;
            nn = (size_t)o - j;
            break;
          }
        }
    }
  }
  if (!names) {
    /* Reuters-style "(Reporting by A in X and B; Additional reporting by C;
     * Editing by D)": the reporters are the authors, the additional
     * reporters the contributors, editors neither */
    const char *p = s;
    size_t pn = n;
    S_skip_lead_punct(&p, &pn);
    size_t k = S_starts(p, pn, "reporting by");
    if (!k) k = S_starts(p, pn, "with reporting by");
    if (k) {
      size_t b = k, added = 0;
      int first = 1;
      while (b < pn) {
        size_t e = b;
        while (e < pn && p[e] != ';' && p[e] != ')') e++;
        const char *seg = p + b;
        size_t sn = e - b;
        pith_trim(&seg, &sn);
        size_t skip = 0;
        if (first) {
          /* the byline may have named some of them already (same source) */
          if (pith_meta_list_claim(m, PITH_L_AUTHORS, pri, src) || m->lpri[PITH_L_AUTHORS] == pri) {
            int r = S_add_names_to(m, a_, PITH_L_AUTHORS, seg, sn);
            if (r < 0) return r;
          }
        } else if ((skip = S_starts(seg, sn, "additional reporting by")) ||
                   (skip = S_starts(seg, sn, "additional reporting from")) ||
                   (skip = S_starts(seg, sn, "reporting by"))) {
          if (!added && !pith_meta_list_claim(m, PITH_L_CONTRIBUTORS, pri, src) &&
              m->lpri[PITH_L_CONTRIBUTORS] > pri)
            return 0;
          int r = S_add_names_to(m, a_, PITH_L_CONTRIBUTORS, seg + skip, sn - skip);
          if (r < 0) return r;
          added += (size_t)r;
        }
        first = 0;
        b = e + 1;
        if (e < pn && p[e] == ')') break;
      }
      return (int)added;
    }
  }
  if (!names)
    for (size_t i = 0; i < sizeof S_contrib_prefix / sizeof S_contrib_prefix[0]; i++) {
      const char *p = s;
      size_t pn = n;
      S_skip_lead_punct(&p, &pn);
      size_t k = S_starts(p, pn, S_contrib_prefix[i]);
      if (!k) continue;
      names = p + k;
      nn = pn - k;
      /* up to "; Editing by" or a sentence end */
      for (size_t j = 0; j < nn; j++)
        if (names[j] == ';' || (names[j] == '.' && (j + 1 == nn || names[j + 1] == ' '))) {
          nn = j;
          break;
        }
      break;
    }
  if (!names || !nn) return 0;
  /* "Also contributing were..." style aside, the names list: */
  if (!pith_meta_list_claim(m, PITH_L_CONTRIBUTORS, pri, src) && m->lpri[PITH_L_CONTRIBUTORS] > pri)
    return 0;
  return S_add_names(m, a, names, nn);
}

static int S_take_list(pith_meta *m, pith_arena *a, pith_list l, const char *v, size_t vn, int pri,
                       const char *src) {
  if (!pith_meta_list_claim(m, l, pri, src) && m->lpri[l] > pri) return 0;
  size_t i = 0;
  int added = 0;
  while (i < vn) {
    size_t b = i;
    while (i < vn && v[i] != ',' && v[i] != ';' && v[i] != '|' &&
           !((unsigned char)v[i] == 0xE2 && i + 2 < vn && (unsigned char)v[i + 1] == 0x80 &&
             (unsigned char)v[i + 2] == 0xA2))
      i++;
    const char *it = v + b;
    size_t in = i - b;
    if (i < vn) i += ((unsigned char)v[i] == 0xE2) ? 3 : 1;
    pith_trim(&it, &in);
    if (!in || in > 100) continue;
    int r = pith_meta_list_add(m, a, l, it, in);
    if (r < 0) return r;
    added += r;
  }
  return added;
}

static const char *S_copyright_wire(const char *s, size_t n);
static const char *S_contrib_wire(const char *s, size_t n);

int pith_line_take_pri(pith_meta *m, pith_arena *a, int kind, const char *s, size_t n, int pri,
                       const char *src) {
  if (!m || !s) return 0;
  pith_trim(&s, &n);
  if (!n) return 0;
  switch (kind) {
  case PITH_LINE_BYLINE: {
    size_t by = S_date_by(s, n);
    if (by) {
      char iso[40];
      if (pith_date_parse(s, n, iso)) {
        int r = pith_meta_set(m, a, PITH_F_DATE, iso, strlen(iso), pri, src);
        if (r < 0) return r;
      }
      return pith_byline_parse(s + by, n - by, m, a, pri, src);
    }
    /* "作者：李明", "Autor: Jan Nowak": the value after a byline label */
    const char *lab, *val;
    size_t labn, valn;
    if (S_label(s, n, &lab, &labn, &val, &valn) && valn)
      for (size_t i = 0; i < sizeof S_lead_colon / sizeof S_lead_colon[0]; i++)
        if (S_starts(lab, labn, S_lead_colon[i]) == labn) return pith_byline_parse(val, valn, m, a, pri, src);
    return pith_byline_parse(s, n, m, a, pri, src);
  }
  case PITH_LINE_DATE: {
    char iso[40];
    if (!pith_date_parse(s, n, iso)) return 0;
    const char *p = s;
    size_t pn = n;
    S_skip_lead_punct(&p, &pn);
    int upd = S_starts(p, pn, "updated") || S_starts(p, pn, "last updated") ||
              S_starts(p, pn, "modified") || S_starts(p, pn, "last modified") ||
              S_starts(p, pn, "aktualisiert") || S_starts(p, pn, "mis à jour") ||
              S_starts(p, pn, "actualizado") || S_starts(p, pn, "aggiornato") ||
              S_starts(p, pn, "bijgewerkt") || S_starts(p, pn, "обновлено");
    return pith_meta_set(m, a, upd ? PITH_F_DATE_MODIFIED : PITH_F_DATE, iso, strlen(iso), pri, src);
  }
  case PITH_LINE_WIRE_CREDIT: {
    const char *p = s;
    size_t pn = n;
    S_skip_lead_punct(&p, &pn);
    while (pn && (p[pn - 1] == ')' || p[pn - 1] == ' ')) pn--;
    const char *w = pith_wire_lookup(p, pn);
    int r = pith_meta_set(m, a, PITH_F_WIRE_CREDIT, p, pn, pri, src);
    if (r < 0) return r;
    if (w) r = pith_meta_set(m, a, PITH_F_WIRE, w, strlen(w), pri, src);
    return r;
  }
  case PITH_LINE_COPYRIGHT: {
    int r = pith_meta_set(m, a, PITH_F_COPYRIGHT, s, n, pri, src);
    const char *w = r < 0 ? NULL : S_copyright_wire(s, n);
    if (w) r = pith_meta_set(m, a, PITH_F_WIRE, w, strlen(w), pri, src);
    return r;
  }
  case PITH_LINE_CONTRIBUTORS: {
    int r = S_take_contributors(m, a, s, n, pri, src);
    const char *w = r < 0 ? NULL : S_contrib_wire(s, n);
    if (w) {
      int r2 = pith_meta_set(m, a, PITH_F_WIRE, w, strlen(w), pri, src);
      if (r2 < 0) return r2;
    }
    return r;
  }
  case PITH_LINE_SECTION:
  case PITH_LINE_TAGS: {
    const char *lab, *v;
    size_t labn, vn;
    if (!S_label(s, n, &lab, &labn, &v, &vn)) {
      static const char *nocolon[] = {"filed under", "posted in", "more on"};
      v = NULL;
      for (size_t i = 0; i < 3 && !v; i++) {
        size_t k = S_starts(s, n, nocolon[i]);
        if (k) { v = s + k; vn = n - k; }
      }
      if (!v) return 0;
      pith_trim(&v, &vn);
    }
    if (!vn) return 0;
    if (kind == PITH_LINE_SECTION) {
      /* "Filed under: Garden Journal, Vegetables": the first is the
       * section, all are tags */
      size_t items = S_count_items(v, vn);
      if (items > 1) {
        size_t e = 0;
        while (e < vn && v[e] != ',' && v[e] != ';' && v[e] != '|' &&
               !((unsigned char)v[e] == 0xE2 && e + 2 < vn && (unsigned char)v[e + 1] == 0x80 &&
                 (unsigned char)v[e + 2] == 0xA2))
          e++;
        int r = pith_meta_set(m, a, PITH_F_SECTION, v, e, pri, src);
        if (r < 0) return r;
        return S_take_list(m, a, PITH_L_TAGS, v, vn, pri, src);
      }
      return pith_meta_set(m, a, PITH_F_SECTION, v, vn, pri, src);
    }
    return S_take_list(m, a, PITH_L_TAGS, v, vn, pri, src);
  }
  default:
    return 0;
  }
}

int pith_line_take(pith_meta *m, pith_arena *a, int kind, const char *s, size_t n) {
  return pith_line_take_pri(m, a, kind, s, n, PITH_PRI_TEXT, "text");
}

/* ---- datelines, site names, organisations ------------------------------------ */

/* The dash (or ".-", ":") that follows a dateline credit at s[k]: its
 * length, or 0. */
static size_t S_dateline_dash(const char *s, size_t n, size_t k) {
  if (k >= n) return 0;
  unsigned char c = (unsigned char)s[k];
  if (c == '-' || c == ':') return 1;
  if (c == '.' && k + 1 < n && s[k + 1] == '-') return 2; /* EFE: "(EFE).- " */
  if (c == 0xE2 && k + 2 < n && (unsigned char)s[k + 1] == 0x80 &&
      (unsigned char)s[k + 2] >= 0x92 && (unsigned char)s[k + 2] <= 0x95)
    return 3; /* figure, en, em dash, horizontal bar */
  if (c == 0xE2 && k + 2 < n && (unsigned char)s[k + 1] == 0x88 && (unsigned char)s[k + 2] == 0x92)
    return 3; /* minus sign */
  return 0;
}

/* A dateline place before the credit, as wires print it with no dash
 * after: the first word in capitals ("WELLINGTON", "TAIPEI, Taiwan",
 * "LONDON, March 3", "BERLIN/PARIS"), a few words in all. */
static int S_dateline_place(const char *s, size_t n) {
  pith_trim(&s, &n);
  if (!n || S_words(s, n) > 6) return 0;
  size_t up = 0, i = 0;
  for (; i < n && S_wc((unsigned char)s[i]); i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 'a' && c <= 'z') return 0;
    if (c >= 'A' && c <= 'Z') up++;
  }
  return up >= 2;
}

/* Inside the parentheses: an agency, not a photo or video credit. */
static const char *S_credit_agency(const char *s, size_t n) {
  static const char *const media[] = {"photo", "foto", "video", "image", "bild", "file"};
  for (size_t i = 0; i < sizeof media / sizeof media[0]; i++)
    if (pith_ifind(s, n, media[i]) >= 0) return NULL;
  const char *w = pith_wire_exact(s, n);
  return w ? w : pith_wire_lookup(s, n);
}

const char *pith_line_dateline_wire(const char *s, size_t n, const char **credit,
                                    size_t *credit_len) {
  if (credit) *credit = NULL;
  if (credit_len) *credit_len = 0;
  if (!s) return NULL;
  pith_trim(&s, &n);
  /* "CITY (AP) —" in the first bytes: the credit in parentheses (spaces
   * inside allowed, several agencies "(AP/Reuters)": the first), then any
   * dash, or no dash after a place in capitals */
  size_t lim = n < 100 ? n : 100;
  for (size_t i = 0; i < lim; i++) {
    const char *par = memchr(s + i, '(', lim - i);
    if (!par) break;
    i = (size_t)(par - s);
    size_t j = i + 1;
    while (j < lim && s[j] != ')' && s[j] != '(') j++;
    if (j >= lim || s[j] != ')' || j - i - 1 > 40 || j == i + 1) continue;
    size_t k = j + 1;
    while (k < n && s[k] == ' ') k++;
    int dash = S_dateline_dash(s, n, k) > 0;
    if (!dash) {
      /* no dash: the place before, and a sentence after */
      if (!i || !S_dateline_place(s, i) || k == j + 1 || k >= n) continue;
      unsigned char c = (unsigned char)s[k];
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '"' || c >= 0xC3)) continue;
    }
    const char *w = S_credit_agency(s + i + 1, j - i - 1);
    if (!w) continue;
    if (credit) *credit = s + i;
    if (credit_len) *credit_len = j - i + 1;
    return w;
  }
  return NULL;
}

/* The wire a copyright line names as the holder ("Copyright 2008 The
 * Associated Press", "(c) Reuters 2008", "© AP", "© dpa-infocom, dpa:..."),
 * or NULL. A photo or image credit ("Photo: © AP") is not the story's. */
static const char *S_copyright_wire(const char *s, size_t n) {
  static const char *const media[] = {"photo", "foto", "image", "bild", "picture", "video",
                                      "getty", "illustration", "graphic"};
  for (size_t i = 0; i < sizeof media / sizeof media[0]; i++)
    if (pith_ifind(s, n, media[i]) >= 0) return NULL;
  size_t at = 0;
  if (!S_copyright_mark(s, n, &at)) return NULL;
  const char *p = s + at;
  size_t pn = n - at;
  /* past the marks and years: "Copyright ©", "(c)", "2008", "2008-2024" */
  for (;;) {
    S_skip_space(&p, &pn);
    size_t k = 0;
    if (pn >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA9) k = 2;
    else if (pn >= 3 && (p[0] == '(' && (p[1] == 'c' || p[1] == 'C') && p[2] == ')')) k = 3;
    else if (S_starts(p, pn, "copyright")) k = 9;
    else if (pn && ((*p >= '0' && *p <= '9') || *p == '-' || *p == ',')) {
      while (k < pn && ((p[k] >= '0' && p[k] <= '9') || p[k] == '-' || p[k] == ',')) k++;
    } else if (pn >= 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
               (unsigned char)p[2] == 0x93) {
      k = 3;
    }
    if (!k) break;
    p += k;
    pn -= k;
  }
  /* the holder: up to a sentence end, a comma or a year */
  size_t e = 0;
  while (e < pn && p[e] != ',' && p[e] != ';' && !(p[e] == '.' && (e + 1 == pn || p[e + 1] == ' ')) &&
         !(p[e] >= '0' && p[e] <= '9'))
    e++;
  while (e && (p[e - 1] == ' ' || p[e - 1] == ':')) e--;
  if (!e || e > 60) return NULL;
  return pith_wire_exact(p, e);
}

/* The wire a contributors line credits: "The Associated Press contributed
 * to this report", "Associated Press writer Jane Roe contributed", "Mit
 * Material von dpa", "Con información de EFE", or Reuters' house form
 * "(Reporting by ...; Editing by ...)". */
static const char *S_contrib_wire(const char *s, size_t n) {
  const char *p = s;
  size_t pn = n;
  S_skip_lead_punct(&p, &pn);
  if (p > s && p[-1] == '(' && (S_starts(p, pn, "reporting by") || S_starts(p, pn, "writing by")) &&
      pith_ifind(p, pn, "editing by") > 0)
    return "Reuters";
  /* the names part */
  const char *names = NULL;
  size_t nn = 0;
  for (size_t i = 0; i < sizeof S_contrib_suffix / sizeof S_contrib_suffix[0] && !names; i++) {
    long o = S_find(p, pn, S_contrib_suffix[i]);
    if (o > 0) names = p, nn = (size_t)o;
  }
  for (size_t i = 0; i < sizeof S_contrib_prefix / sizeof S_contrib_prefix[0] && !names; i++) {
    size_t k = S_starts(p, pn, S_contrib_prefix[i]);
    if (k) names = p + k, nn = pn - k;
  }
  if (!names) return NULL;
  const char *w = pith_wire_exact(names, nn);
  if (w) return w;
  /* "<Agency> writer(s) / reporter(s) / correspondent(s) <names>" */
  static const char *const roles[] = {" writer", " reporter", " correspondent", " journalist",
                                      " staff", " photographer"};
  for (size_t r = 0; r < sizeof roles / sizeof roles[0]; r++) {
    long o = pith_ifind(names, nn, roles[r]);
    if (o > 0 && (w = pith_wire_exact(names, (size_t)o))) return w;
  }
  return NULL;
}

static int S_upper_start(const char *s, size_t n) {
  if (!n) return 0;
  unsigned char c = (unsigned char)s[0];
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

size_t pith_line_site_name(const char *s, size_t n, const char **out) {
  *out = NULL;
  if (!s) return 0;
  pith_trim(&s, &n);
  if (!n || n > 400) return 0;
  /* "<Site> is committed to ...", "<Site> welcomes ...", "<Site> encourages ..." */
  static const char *verbs[] = {" is committed to ", " encourages ", " welcomes ",
                                " reserves the right ", " is not responsible ",
                                " does not endorse ", " is a registered trademark",
                                " is a trademark", " is part of ", " is owned by ",
                                " may receive compensation", " is not liable"};
  /* every verb's first place, from one walk over the spaces (a verb
   * starts with one) */
  enum { NV = sizeof verbs / sizeof verbs[0] };
  long vat[NV];
  size_t vlen[NV];
  for (size_t i = 0; i < NV; i++) vat[i] = -1, vlen[i] = strlen(verbs[i]);
  for (const char *sp = memchr(s, ' ', n); sp; sp = memchr(sp + 1, ' ', n - (size_t)(sp + 1 - s))) {
    size_t o = (size_t)(sp - s);
    if (o + 1 >= n) break;
    unsigned char f = pith_lower((unsigned char)sp[1]);
    for (size_t i = 0; i < NV; i++)
      if (vat[i] < 0 && (unsigned char)verbs[i][1] == f && o + vlen[i] <= n &&
          pith_istarts(sp, n - o, verbs[i]))
        vat[i] = (long)o;
  }
  for (size_t i = 0; i < NV; i++) {
    long o = vat[i];
    if (o <= 0) continue;
    const char *sub = s;
    size_t sn = (size_t)o;
    /* subject: the start of the sentence containing the verb */
    for (size_t j = sn; j-- > 1;)
      if ((s[j - 1] == '.' || s[j - 1] == '!' || s[j - 1] == '?') && s[j] == ' ') {
        sub = s + j;
        sn = (size_t)o - j;
        break;
      }
    pith_trim(&sub, &sn);
    if (!sn || S_words(sub, sn) > 6 || !S_upper_start(sub, sn)) continue;
    static const char *pron[] = {"we", "this", "it", "he", "she", "they", "our", "the company",
                                 "the site", "this site", "this website", "the website", "you",
                                 "everyone", "nobody", "the government", "the newspaper"};
    int bad = 0;
    for (size_t p = 0; p < sizeof pron / sizeof pron[0]; p++)
      if (pith_ieq(sub, sn, pron[p]) || (S_starts(sub, sn, pron[p]) && p < 3)) bad = 1;
    if (bad) continue;
    *out = sub;
    return sn;
  }
  /* "Welcome to <Site>" */
  size_t k = S_starts(s, n, "welcome to");
  if (k) {
    const char *v = s + k;
    size_t vn = n - k;
    pith_trim(&v, &vn);
    while (vn && (v[vn - 1] == '!' || v[vn - 1] == '.')) vn--;
    if (vn && S_words(v, vn) <= 5 && S_upper_start(v, vn) && !S_has_sentence_end(v, vn)) {
      *out = v;
      return vn;
    }
  }
  /* "© 2024 <Site>. All rights reserved." / "Copyright © 2024 <Site>" */
  size_t at;
  if (S_copyright_mark(s, n, &at)) {
    const char *v = s + at;
    size_t vn = n - at;
    /* skip the mark words, symbols and years */
    for (;;) {
      S_skip_space(&v, &vn);
      size_t w;
      if ((w = S_starts(v, vn, "copyright"))) { v += w; vn -= w; continue; }
      if (vn >= 2 && (unsigned char)v[0] == 0xC2 && (unsigned char)v[1] == 0xA9) { v += 2; vn -= 2; continue; }
      if (vn >= 3 && !strncmp(v, "(c)", 3)) { v += 3; vn -= 3; continue; }
      if (vn && (v[0] == '-' || v[0] == ',' || (v[0] >= '0' && v[0] <= '9'))) { v++; vn--; continue; }
      if (vn >= 3 && (unsigned char)v[0] == 0xE2 && (unsigned char)v[1] == 0x80 &&
          ((unsigned char)v[2] == 0x93 || (unsigned char)v[2] == 0x94)) { v += 3; vn -= 3; continue; }
      break;
    }
    size_t e = 0;
    while (e < vn && v[e] != '|' && v[e] != ';' && v[e] != '\n' &&
           !(v[e] == '.' && (e + 1 == vn || v[e + 1] == ' ') && e >= 4 &&
             !(v[e - 1] == 'c' && v[e - 2] == 'n' && v[e - 3] == 'I')))
      e++;
    const char *name = v;
    size_t nn = e;
    long o = pith_ifind(name, nn, "all rights");
    if (o >= 0) nn = (size_t)o;
    for (size_t r = 0; r < sizeof S_reserved / sizeof S_reserved[0]; r++) {
      o = pith_ifind(name, nn, S_reserved[r]);
      if (o >= 0) nn = (size_t)o;
    }
    /* " – ", " - ", " | " and "powered by" end the name */
    for (size_t q = 0; q + 2 < nn; q++) {
      if (name[q] != ' ') continue;
      if ((name[q + 1] == '-' && name[q + 2] == ' ') ||
          (q + 4 < nn && (unsigned char)name[q + 1] == 0xE2 && (unsigned char)name[q + 2] == 0x80 &&
           ((unsigned char)name[q + 3] == 0x93 || (unsigned char)name[q + 3] == 0x94) && name[q + 4] == ' ')) {
        nn = q;
        break;
      }
    }
    o = pith_ifind(name, nn, "powered by");
    if (o >= 0) nn = (size_t)o;
    pith_trim(&name, &nn);
    /* trailing punctuation and a trailing year ("Le Courrier 2023") */
    for (;;) {
      while (nn && (name[nn - 1] == ',' || name[nn - 1] == '.' || name[nn - 1] == ' ' ||
                    name[nn - 1] == '-'))
        nn--;
      size_t d = nn;
      while (d && name[d - 1] >= '0' && name[d - 1] <= '9') d--;
      if (d < nn && nn - d == 4 && d && name[d - 1] == ' ') {
        nn = d;
        continue;
      }
      break;
    }
    if (nn >= 2 && S_words(name, nn) <= 6 && S_upper_start(name, nn)) {
      *out = name;
      return nn;
    }
  }
  return 0;
}

int pith_line_is_org_name(const char *s, size_t n) {
  if (!s) return 0;
  pith_trim(&s, &n);
  if (!n || n > 60) return 0;
  size_t w = S_words(s, n);
  if (!w || w > 6) return 0;
  if (S_has_sentence_end(s, n)) return 0;
  char last = s[n - 1];
  if (last == '.' || last == '!' || last == '?' || last == ':' || last == ',') return 0;
  /* every word capitalised, a digit, or a short connector */
  size_t i = 0;
  while (i < n) {
    while (i < n && !S_wc((unsigned char)s[i])) i++;
    if (i >= n) break;
    size_t b = i;
    while (i < n && S_wc((unsigned char)s[i])) i++;
    unsigned char c = (unsigned char)s[b];
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80) continue;
    if (i - b <= 3) continue; /* of, and, the, de */
    return 0;
  }
  return 1;
}
