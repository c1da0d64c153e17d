/* text.c - the text-mode pipeline (see text.h).
 *
 *  1. split the text into units: non-empty lines, with the blank-line block
 *     structure remembered; hard-wrapped blocks are joined back into one
 *     unit, and a line that continues the previous one's sentence is
 *     merged into it;
 *  2. judge every unit with the shared classifier (extract/classify.h):
 *     metadata line (text/lines.h), chrome vocabulary, jusText-like class
 *     from its statistics; runs of short link-like lines are navigation,
 *     repeated texts are galleries, symbol-dense lines are code; then the
 *     jusText context pass (looking through short inline chrome);
 *  3. find the story region: the run of units with the most story weight,
 *     where chrome costs, and comment prompts / community guidelines /
 *     story-tip forms after the story close it;
 *  4. keep the story units of the region as paragraphs; the title is the
 *     headline-shaped line before the byline or the story; metadata lines
 *     feed the fields; site name and distributor come from the chrome that
 *     names them. */
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/classify.h"
#include "meta/byline.h"
#include "meta/meta.h"
#include "meta/wire.h"
#include "text/lines.h"

enum { U_STORY = 0, U_CHROME, U_META, U_TITLE, U_OUTSIDE, U_BAD, U_CODE };

typedef struct unit {
  uint32_t off, len;
  uint32_t chars, words, letters, nonspace;
  float score;
  uint8_t block_start; /* first line of a blank-line separated block */
  uint8_t chrome;      /* pith_chrome */
  uint8_t line;        /* pith_line_kind_e */
  uint8_t cls;         /* context-free class, then revised */
  uint8_t ends_punct;
  uint8_t navrun;      /* part of a run of short link-like lines */
  uint8_t lang;        /* pith_lang of the unit's stop words */
  uint8_t distributor; /* the name under an author box */
  uint8_t dup;         /* same text as another unit (galleries, carousels) */
  uint8_t code;        /* looks like program code or markup */
  uint8_t dateline;    /* opens with a wire dateline: "CITY (AP) —" */
  uint8_t label;
} unit;

/* ---- splitting ------------------------------------------------------------ */

static int S_grow(pith_extractor *x, size_t n) {
  size_t need = n * sizeof(unit);
  if (need <= x->work_cap) return 0;
  size_t cap = x->work_cap ? x->work_cap : 64 * sizeof(unit);
  while (cap < need) cap *= 2;
  void *w = pith_realloc(x->work, cap);
  if (!w) return PITH_ERR_NOMEM;
  x->work = w;
  x->work_cap = cap;
  return 0;
}

static int S_is_blank(const char *s, size_t n) {
  const char *p = s;
  size_t k = n;
  pith_trim(&p, &k);
  return k == 0;
}

static int S_end_punct(const char *s, size_t n) {
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
  if (!n) return 0;
  unsigned char c = (unsigned char)s[n - 1];
  if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '"' || c == ')') return 1;
  if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
      ((unsigned char)s[n - 1] == 0x9D || (unsigned char)s[n - 1] == 0xA6))
    return 1; /* ” … */
  if (n >= 3 && (unsigned char)s[n - 3] == 0xE3 && (unsigned char)s[n - 2] == 0x80 &&
      (unsigned char)s[n - 1] == 0x82)
    return 1; /* 。 */
  return 0;
}

/* Lines of a block look hard-wrapped: most end without sentence punctuation,
 * are of similar width and the next starts mid-sentence. */
static int S_wrapped(const char *t, const uint32_t *lo, const uint32_t *ll, size_t nl) {
  if (nl < 2) return 0;
  size_t open = 0, widthok = 0, lower_next = 0;
  for (size_t i = 0; i + 1 < nl; i++) {
    if (!S_end_punct(t + lo[i], ll[i])) open++;
    if (ll[i] >= 40 && ll[i] <= 110) widthok++;
    unsigned char c = (unsigned char)t[lo[i + 1]];
    if (c >= 'a' && c <= 'z') lower_next++;
  }
  size_t m = nl - 1;
  return widthok * 10 >= m * 8 && (open * 10 >= m * 6 || lower_next * 10 >= m * 5);
}

/* Build the units. Returns the count or a negative error. */
static long S_split(pith_extractor *x, const char *t, size_t n) {
  size_t nu = 0;
  size_t i = 0;
  int at_block = 1;
  size_t max_units = x->opt.max_nodes ? x->opt.max_nodes : 2000000;
  /* per-block line offsets (bounded: a block with more lines is split
   * into line units without wrap detection) */
  enum { BL = 64 };
  uint32_t lo[BL], ll[BL];
  while (i < n) {
    /* collect one block: consecutive non-blank lines */
    size_t nl = 0;
    size_t bstart = nu;
    while (i < n) {
      size_t b = i;
      const char *nlp = pith_memchr_short(t + i, '\n', n - i);
      i = nlp ? (size_t)(nlp - t) : n;
      size_t e = i;
      if (i < n) i++;
      if (S_is_blank(t + b, e - b)) {
        if (nl) break;
        continue;
      }
      if (nu >= max_units) {
        x->doc.hit |= PITH_HIT_NODES; /* reported as a limit; the rest is not read */
        i = n;
        break;
      }
      if (S_grow(x, nu + 1)) return -PITH_ERR_NOMEM;
      unit *u = (unit *)x->work + nu;
      memset(u, 0, sizeof *u);
      const char *p = t + b;
      size_t pn = e - b;
      pith_trim(&p, &pn);
      u->off = (uint32_t)(p - t);
      u->len = (uint32_t)pn;
      u->block_start = (uint8_t)(nl == 0 || at_block);
      at_block = 0;
      if (nl < BL) {
        lo[nl] = u->off;
        ll[nl] = u->len;
      }
      nl++;
      nu++;
    }
    at_block = 1;
    if (nl >= 2 && nl <= BL && S_wrapped(t, lo, ll, nl)) {
      /* join the block's lines into its first unit */
      unit *u = (unit *)x->work + bstart;
      unit *last = (unit *)x->work + bstart + nl - 1;
      u->len = last->off + last->len - u->off;
      nu = bstart + 1;
    }
  }
  /* a line that continues the previous one's sentence ("... Headers,
   * Request and" / "Response. They map ...") is the same paragraph, even
   * when the page put a break between them */
  unit *v = (unit *)x->work;
  size_t w = 0;
  for (size_t q = 0; q < nu; q++) {
    if (w) {
      unit *p = &v[w - 1];
      const char *a = t + p->off;
      size_t an = p->len;
      unsigned char last = an ? (unsigned char)a[an - 1] : 0;
      unsigned char first = (unsigned char)t[v[q].off];
      const char *b = t + v[q].off;
      if (!(first >= 'a' && first <= 'z' && ((last >= 'a' && last <= 'z') || last == ','))) {
        v[w++] = v[q];
        continue;
      }
      size_t spaces = 0;
      for (size_t k = 0; k < an && spaces < 5; k++) spaces += a[k] == ' ';
      int bwords = memchr(b, ' ', v[q].len) != NULL;
      if (spaces >= 4 && bwords &&
          pith_line_kind(b, v[q].len) == PITH_LINE_NONE && pith_line_kind(a, an) == PITH_LINE_NONE &&
          pith_chrome_kind(b, v[q].len) == PITH_CHROME_NONE) {
        p->len = v[q].off + v[q].len - p->off;
        continue;
      }
    }
    v[w++] = v[q];
  }
  return (long)w;
}

/* ---- helpers ------------------------------------------------------------------ */

/* A numbered list item: "1. Finland", "10) United States". */
static int S_numbered(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && i < 3 && s[i] >= '0' && s[i] <= '9') i++;
  return i > 0 && i + 1 < n && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ';
}

/* Program code or markup: brackets, semicolons and operators are a large
 * share of the characters ("var x = f(y); // ...", "<div class=...>"). */
static int S_is_code(const char *s, size_t n) {
  if (n < 12) return 0;
  /* prose rarely has any of these: look no further (memchr is fast) */
  if (!memchr(s, '{', n) && !memchr(s, ';', n) && !memchr(s, '=', n) && !memchr(s, '<', n))
    return 0;
  size_t sym = 0, semi = 0, letters = 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    switch (c) {
    case '{': case '}': case '(': case ')': case '=': case '<': case '>': case '[': case ']':
      sym++;
      break;
    case ';': semi++; sym++; break;
    case '/': if (i + 1 < n && s[i + 1] == '/') sym += 2; break;
    default:
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') letters++;
    }
  }
  if (sym < 4) return 0;
  if (sym * 12 >= n) return 1;                  /* dense symbols */
  if (semi >= 2 && sym * 20 >= n && (memchr(s, '{', n) || memchr(s, '=', n))) return 1;
  return 0;
}

static int S_title_shaped(const unit *u, const char *t) {
  if (u->words < 2 || u->words > 30 || u->chars < 10 || u->chars > 250) return 0;
  if (u->chrome != PITH_CHROME_NONE || u->line != PITH_LINE_NONE) return 0;
  /* mostly letters: not a date, a score or a phone number */
  if (u->letters * 10 < u->nonspace * 6) return 0;
  /* headlines rarely end with a full stop */
  const char *s = t + u->off;
  size_t n = u->len;
  if (n && s[n - 1] == '.' && !(n >= 3 && s[n - 2] == '.' && s[n - 3] == '.')) return 0;
  if (memchr(s, '@', n) || pith_ifind(s, n, "http") >= 0 || pith_ifind(s, n, "www.") >= 0) return 0;
  if (n && (s[n - 1] == ':' || s[n - 1] == ',' || s[n - 1] == ';')) return 0;
  return 1;
}

static void S_explain(pith_doc *d, int keep, const char *why, const char *what, const char *s,
                      size_t n) {
  if (!d->explain_on) return;
  char reason[64];
  if (what && *what) snprintf(reason, sizeof reason, "%s:%s", why, what);
  else snprintf(reason, sizeof reason, "%s", why);
  pith_doc_explain_line(d, keep, reason, s, n);
}

/* Chrome after which no story follows (the comments area, tip forms). */
static int S_closing_chrome(int k) {
  return k == PITH_CHROME_COMMENT_PROMPT || k == PITH_CHROME_GUIDELINES ||
         k == PITH_CHROME_STORY_TIP || k == PITH_CHROME_COMMENT_META;
}

/* jusText neighbours: the nearest GOOD or BAD class, skipping SHORT (and
 * NEAR_GOOD unless keep_near); the document edges count as BAD. */
static int S_neigh(const unsigned char *c, size_t n, size_t i, int dir, int keep_near) {
  long j = (long)i + dir;
  while (j >= 0 && (size_t)j < n) {
    int k = c[j];
    if (k == PITH_CLS_GOOD || k == PITH_CLS_BAD) return k;
    if (k == PITH_CLS_NEAR_GOOD && keep_near) return k;
    j += dir;
  }
  return PITH_CLS_BAD;
}

typedef struct hslot {
  uint64_t h;
  uint32_t first, count; /* count 0: empty slot */
} hslot;
/* The units by text: one open-addressing table of their hashes (linear in
 * the unit count); slot[i] is unit i's entry. No table without memory:
 * then nothing is shared and nothing is marked as a copy. */
typedef struct utab {
  hslot *tab;
  uint32_t *slot;
} utab;
static uint64_t S_unit_hash(const char *p, uint32_t len) {
  /* eight bytes at a time */
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ len;
  uint32_t k = 0;
  for (; k + 8 <= len; k += 8) {
    uint64_t w;
    memcpy(&w, p + k, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
    h ^= h >> 32;
  }
  for (; k < len; k++) h = (h ^ (unsigned char)p[k]) * 0x100000001B3ULL;
  return h;
}
static void S_utab_build(utab *ut, const char *t, const unit *u, size_t n) {
  ut->tab = NULL;
  ut->slot = NULL;
  size_t cap = 16;
  while (cap < 2 * n) cap *= 2;
  hslot *tab = pith_malloc(cap * sizeof *tab);
  uint32_t *slot = pith_malloc((n ? n : 1) * sizeof *slot);
  if (!tab || !slot) {
    pith_free(tab);
    pith_free(slot);
    return;
  }
  memset(tab, 0, cap * sizeof *tab);
  size_t mask = cap - 1;
  for (size_t i = 0; i < n; i++) {
    uint64_t h = S_unit_hash(t + u[i].off, u[i].len);
    size_t j = (size_t)((h * 0x9E3779B97F4A7C15ULL) >> 20) & mask;
    while (tab[j].count && tab[j].h != h) j = (j + 1) & mask;
    if (!tab[j].count) { tab[j].h = h; tab[j].first = (uint32_t)i; }
    tab[j].count++;
    slot[i] = (uint32_t)j;
  }
  ut->tab = tab;
  ut->slot = slot;
}
static void S_utab_free(utab *ut) {
  pith_free(ut->tab);
  pith_free(ut->slot);
  ut->tab = NULL;
  ut->slot = NULL;
}
/* An earlier unit with the same text as unit i (its judgement is i's:
 * pages repeat their chrome - "Share", "Reply", dates), else i. */
static size_t S_same_text(const utab *ut, const char *t, const unit *u, size_t i) {
  if (!ut->tab) return i;
  size_t f = ut->tab[ut->slot[i]].first;
  if (f != i && u[f].len == u[i].len && !memcmp(t + u[f].off, t + u[i].off, u[i].len)) return f;
  return i;
}
/* Units whose text occurs more than once (by hash): later copies always,
 * and every copy when there are three or more (photo galleries,
 * carousels). */
static void S_mark_dups(const utab *ut, unit *u, size_t n) {
  if (!ut->tab) return;
  for (size_t i = 0; i < n; i++) {
    const hslot *e = &ut->tab[ut->slot[i]];
    if (e->count < 2 || u[e->first].words < 4 || u[e->first].line) continue;
    if (e->count >= 3 || i != e->first) {
      u[i].dup = 1;
      u[i].cls = PITH_CLS_BAD;
    }
  }
}

#define CLS_SKIP 9
/* The jusText revision, exactly: shorts from their good/bad neighbours
 * (with the near-good exception), then near-goods. */
#ifndef LIST_HEAD_COST
#define LIST_HEAD_COST 150
#endif /* chrome the context pass looks through */
static void S_revise(unit *u, size_t n, unsigned char *c, unsigned char *nc) {
  /* short chrome inside a story ("Advertisement", "Read also: ...", a
   * share bar) does not cut it: the context pass looks through it */
  for (size_t i = 0; i < n; i++)
    c[i] = ((u[i].chrome && !S_closing_chrome(u[i].chrome) && u[i].words <= 10 &&
             !(u[i].chrome == PITH_CHROME_READ_MORE && u[i].words <= 3) && !u[i].dup) ||
            u[i].code)
               ? CLS_SKIP
               : u[i].cls;
  memcpy(nc, c, n);
  for (size_t i = 0; i < n; i++) {
    if (c[i] != PITH_CLS_SHORT) continue;
    int p = S_neigh(c, n, i, -1, 0), q = S_neigh(c, n, i, +1, 0);
    int v;
    if (p == PITH_CLS_GOOD && q == PITH_CLS_GOOD) v = PITH_CLS_GOOD;
    else if (p == PITH_CLS_BAD && q == PITH_CLS_BAD) v = PITH_CLS_BAD;
    else if ((p == PITH_CLS_BAD && S_neigh(c, n, i, -1, 1) == PITH_CLS_NEAR_GOOD) ||
             (q == PITH_CLS_BAD && S_neigh(c, n, i, +1, 1) == PITH_CLS_NEAR_GOOD))
      v = PITH_CLS_GOOD;
    else v = PITH_CLS_BAD;
    nc[i] = (unsigned char)v;
  }
  for (size_t i = 0; i < n; i++) c[i] = nc[i];
  for (size_t i = 0; i < n; i++) {
    if (c[i] != PITH_CLS_NEAR_GOOD) continue;
    int p = S_neigh(c, n, i, -1, 0), q = S_neigh(c, n, i, +1, 0);
    nc[i] = (unsigned char)((p == PITH_CLS_BAD && q == PITH_CLS_BAD) ? PITH_CLS_BAD : PITH_CLS_GOOD);
  }
  for (size_t i = 0; i < n; i++) u[i].cls = nc[i] == CLS_SKIP ? PITH_CLS_BAD : nc[i];
}

/* ---- the pipeline ------------------------------------------------------------------ */

int pith_text_clean(pith_extractor *x, const char *text, size_t len) {
  pith_doc *d = &x->doc;
  pith_meta *m = &d->meta;
  pith_arena *a = &x->arena;
  int nometa = (x->opt.flags & PITH_OPT_NO_META) != 0;
  long r = S_split(x, text, len);
  if (r < 0) return (int)-r;
  size_t n = (size_t)r;
  if (n == 0) {
    pith_doc_set_status(d, PITH_NO_CONTENT, "no text");
    return PITH_NO_CONTENT;
  }
  /* class scratch arrays: two bytes per unit in x->scratch */
  pith_buf_clear(&x->scratch);
  if (pith_buf_reserve(&x->scratch, 2 * n + 2)) return x->scratch.err ? x->scratch.err : PITH_ERR_NOMEM;
  unsigned char *c1 = (unsigned char *)x->scratch.p, *c2 = c1 + n;
  unit *u = (unit *)x->work;

  /* 2. judge every unit (a text seen before in this document is judged
   * as it was then) */
  utab ut;
  S_utab_build(&ut, text, u, n);
  for (size_t i = 0; i < n; i++) {
    const char *s = text + u[i].off;
    size_t sn = u[i].len;
    size_t f = S_same_text(&ut, text, u, i);
    if (f != i) {
      /* everything but the place (nothing after this loop is set yet) */
      unit at = u[i];
      u[i] = u[f];
      u[i].off = at.off;
      u[i].len = at.len;
      u[i].block_start = at.block_start;
      continue;
    }
    pith_text_stats st;
    pith_chrome ck = pith_block_judge(s, sn, &st);
    u[i].chars = pith_text_stats_len(&st);
    u[i].words = st.words + st.cjk;
    u[i].letters = st.letters;
    u[i].nonspace = st.chars;
    u[i].ends_punct = st.ends_punct;
    u[i].lang = st.lang;
    u[i].score = (float)pith_block_score(&st, 0);
    u[i].code = st.code_marks ? S_is_code(s, sn) : 0; /* no { ; = <: not code */
    /* long prose units are never metadata lines (credits, copyright and
     * contributor lines are short): skip the line tests for them */
    int prose = sn > 200 && st.ends_punct && st.sentences >= 2 && st.stop_density > 0.25f;
    u[i].line = (uint8_t)(u[i].code || prose ? PITH_LINE_NONE : pith_line_kind(s, sn));
    u[i].chrome = (uint8_t)(u[i].line || u[i].code ? PITH_CHROME_NONE : ck);
    if (u[i].line || u[i].chrome || u[i].code) u[i].cls = PITH_CLS_BAD;
    else u[i].cls = (uint8_t)pith_block_class_of(&st, 0);
  }
  /* navigation runs: three or more short lines in a row without sentence
   * punctuation (menus, section lists, tag clouds) */
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && !u[j].line && u[j].words <= 6 && !u[j].ends_punct && !S_numbered(text + u[j].off, u[j].len))
      j++;
    if (j - i >= 3)
      for (size_t k = i; k < j; k++) {
        u[k].navrun = 1;
        u[k].cls = PITH_CLS_BAD;
      }
    i = j > i ? j : i + 1;
  }
  /* a paragraph opening with a wire dateline is the lede */
  for (size_t i = 0; i < n; i++) {
    if (u[i].line || u[i].chrome || u[i].words < 8) continue;
    if (pith_line_dateline_wire(text + u[i].off, u[i].len, NULL, NULL)) {
      u[i].dateline = 1;
      u[i].cls = PITH_CLS_GOOD;
    }
  }
  /* a run of near-good blocks (short ones between them allowed) is as good
   * as one long block: pages written in short paragraphs have no single
   * block over the length threshold */
  for (size_t i = 0; i < n;) {
    if (u[i].cls != PITH_CLS_NEAR_GOOD) { i++; continue; }
    size_t j = i, cnt = 0;
    uint32_t tot = 0;
    while (j < n && (u[j].cls == PITH_CLS_NEAR_GOOD || u[j].cls == PITH_CLS_SHORT ||
                     (u[j].chrome && !S_closing_chrome(u[j].chrome) && u[j].words <= 10))) {
      if (u[j].cls == PITH_CLS_NEAR_GOOD) cnt++, tot += u[j].chars;
      j++;
    }
    if (cnt >= 3 && tot >= 400)
      for (size_t k = i; k < j; k++)
        if (u[k].cls == PITH_CLS_NEAR_GOOD) u[k].cls = PITH_CLS_GOOD;
    i = j;
  }
  S_mark_dups(&ut, u, n);
  S_utab_free(&ut);
  S_revise(u, n, c1, c2);

  /* 3. story region: maximum-weight run inside each stretch between
   * closing chrome (comment prompts, guidelines, tip forms); the first
   * stretch with a substantial run wins: comments come after stories. */
  double gbest = 0;
  size_t bs = 0, be = 0;
  int have = 0;
  {
    size_t nseg = 0;
    enum { MAXSEG = 64 };
    double sbest[MAXSEG];
    size_t sbs[MAXSEG], sbe[MAXSEG];
    size_t i = 0;
    while (i < n && nseg < MAXSEG) {
      double best = 0, cur = 0;
      size_t cs = i, b0 = i, e0 = i;
      for (; i < n; i++) {
        if (u[i].chrome && S_closing_chrome(u[i].chrome)) {
          i++;
          break;
        }
        double v;
        if (u[i].cls == PITH_CLS_GOOD) {
          v = (double)u[i].chars;
          if (u[i].dateline) v += 400;
          /* the first paragraph under a byline / date line */
          else if ((i >= 1 && (u[i - 1].line == PITH_LINE_BYLINE || u[i - 1].line == PITH_LINE_DATE)) ||
                   (i >= 2 && (u[i - 2].line == PITH_LINE_BYLINE || u[i - 2].line == PITH_LINE_DATE)))
            v += 200;
        } else if (u[i].code) v = 0;
        else if (u[i].line) v = -5;
        else if (u[i].chrome == PITH_CHROME_COMMENT_META) v = -250;
        else if (u[i].chrome == PITH_CHROME_READ_MORE && u[i].words <= 4 && !u[i].ends_punct)
          v = -LIST_HEAD_COST; /* "Related", "Most popular": a teaser list follows */
        else if (u[i].chrome) v = -(30.0 + u[i].chars * 0.5);
        else v = -(10.0 + u[i].chars * 0.6);
        if (cur <= 0) {
          cur = 0;
          cs = i;
        }
        cur += v;
        if (cur > best) {
          best = cur;
          b0 = cs;
          e0 = i + 1;
        }
      }
      sbest[nseg] = best;
      sbs[nseg] = b0;
      sbe[nseg] = e0;
      if (best > gbest) gbest = best;
      nseg++;
    }
    for (size_t k = 0; k < nseg; k++) {
      if (sbest[k] <= 0) continue;
      if (sbest[k] >= 0.4 * gbest || sbest[k] >= 400) {
        bs = sbs[k];
        be = sbe[k];
        have = 1;
        break;
      }
    }
  }
  if (!have) {
    /* nothing scored as story: keep the single best-scoring unit run if
     * any unit at least looks like prose */
    size_t bi = n;
    float bsc = 0.5f;
    for (size_t i = 0; i < n; i++)
      if (!u[i].line && !u[i].chrome && u[i].score > bsc && u[i].ends_punct) bsc = u[i].score, bi = i;
    if (bi < n) {
      bs = bi;
      be = bi + 1;
      u[bi].cls = PITH_CLS_GOOD;
      have = 1;
    }
  }

  /* 4a. title: headline-shaped unit before the story (or before a byline
   * / date right above it) */
  long title = -1, name_line = -1;
  if (have) {
    size_t j = bs;
    /* the region's first unit may be the headline itself */
    if (S_title_shaped(&u[bs], text) && !u[bs].ends_punct && be - bs > 1 && u[bs].words <= 25 &&
        u[bs].chars < 200)
      title = (long)bs;
    for (size_t back = 0; title < 0 && j > 0 && back < 8; back++) {
      j--;
      if (u[j].line == PITH_LINE_BYLINE || u[j].line == PITH_LINE_DATE) continue;
      if (u[j].chrome) continue;
      /* a bare author name next to the headline ("Jane Roe" on its own line) */
      if (u[j].words >= 2 && u[j].words <= 4 && !u[j].ends_punct &&
          pith_byline_is_person(text + u[j].off, u[j].len)) {
        if (name_line < 0) name_line = (long)j;
        continue;
      }
      if (S_title_shaped(&u[j], text)) {
        title = (long)j;
        break;
      }
      if (u[j].words > 40) break;
    }
  }
  if (title >= 0) u[title].label = U_TITLE;
  if (name_line >= 0 && title >= 0 && name_line > title) u[name_line].line = PITH_LINE_BYLINE;

  /* 4b. labels */
  for (size_t i = 0; i < n; i++) {
    if ((long)i == title) continue;
    if (u[i].line) u[i].label = U_META;
    else if (u[i].chrome) u[i].label = U_CHROME;
    else if (!have || i < bs || i >= be) u[i].label = U_OUTSIDE;
    else if (u[i].cls == PITH_CLS_GOOD) u[i].label = U_STORY;
    else u[i].label = U_BAD;
  }
  /* --recall keeps borderline lines inside the story; --precision drops
   * short unpunctuated ones (subheads, stray labels) */
  if (have && (x->opt.flags & (PITH_OPT_RECALL | PITH_OPT_PRECISION)))
    for (size_t i = bs; i < be; i++) {
      if ((x->opt.flags & PITH_OPT_RECALL) && u[i].label == U_BAD && !u[i].navrun && !u[i].dup &&
          !u[i].code && u[i].words >= 3)
        u[i].label = U_STORY;
      else if ((x->opt.flags & PITH_OPT_PRECISION) && u[i].label == U_STORY && u[i].words < 8 &&
               !u[i].ends_punct)
        u[i].label = U_BAD;
    }
  /* code between story paragraphs is part of the story (tech articles) */
  if (have) {
    long last_story = -1;
    for (size_t i = bs; i < be; i++) {
      if (u[i].label == U_STORY) {
        if (last_story >= 0)
          for (size_t k = (size_t)last_story + 1; k < i; k++)
            if (u[k].code && u[k].label == U_BAD) u[k].label = U_CODE;
        last_story = (long)i;
      }
    }
  }

  /* 4c. metadata */
  int rc = 0;
  if (!nometa) {
    if (title >= 0)
      rc = pith_meta_set(m, a, PITH_F_TITLE, text + u[title].off, u[title].len, PITH_PRI_TEXT, "text");
    if (rc < 0) return -rc;
    /* the byline: the first one near the story start, else the first one
     * before the story end */
    long byl = -1;
    size_t from = have ? (bs > 10 ? bs - 10 : 0) : 0;
    size_t to = have ? be : n;
    for (size_t i = from; i < to && byl < 0; i++)
      if (u[i].line == PITH_LINE_BYLINE) byl = (long)i;
    for (size_t i = 0; i < n && byl < 0; i++)
      if (u[i].line == PITH_LINE_BYLINE) byl = (long)i;
    if (byl >= 0) {
      rc = pith_line_take(m, a, PITH_LINE_BYLINE, text + u[byl].off, u[byl].len);
      if (rc < 0) return -rc;
    }
    const char *site = NULL;
    size_t site_n = 0;
    int site_conf = 0;
    for (size_t i = 0; i < n; i++) {
      const char *s = text + u[i].off;
      size_t sn = u[i].len;
      if (u[i].line && u[i].line != PITH_LINE_BYLINE) {
        /* dates and sections before the story's far side only */
        if ((u[i].line == PITH_LINE_DATE) && have && i > be + 3) continue;
        rc = pith_line_take(m, a, u[i].line, s, sn);
        if (rc < 0) return -rc;
      }
      if (u[i].line == PITH_LINE_COPYRIGHT && site_conf < 2) {
        /* a copyright line names the site unless it names the wire */
        const char *sv;
        size_t svn = pith_line_site_name(s, sn, &sv);
        if (svn && !pith_wire_lookup(sv, svn) && (!have || i >= be)) {
          site = sv, site_n = svn, site_conf = 1;
        }
      }
      if (u[i].chrome == PITH_CHROME_GUIDELINES || u[i].chrome == PITH_CHROME_COMMENT_PROMPT ||
          u[i].chrome == PITH_CHROME_COPYRIGHT || u[i].chrome == PITH_CHROME_OTHER ||
          u[i].chrome == PITH_CHROME_COOKIE || u[i].chrome == PITH_CHROME_STORY_TIP) {
        const char *sv;
        size_t svn = pith_line_site_name(s, sn, &sv);
        int conf = u[i].chrome == PITH_CHROME_COPYRIGHT ? 1 : 3;
        if (svn && conf > site_conf && !(conf == 1 && pith_wire_lookup(sv, svn))) {
          site = sv, site_n = svn, site_conf = conf;
        }
      }
      if (u[i].chrome == PITH_CHROME_AUTHOR_BOX) {
        /* the name on the next line or two */
        for (size_t j = i + 1; j < n && j <= i + 2; j++) {
          if (u[j].chrome == PITH_CHROME_AUTHOR_BOX) continue;
          const char *q = text + u[j].off;
          size_t qn = u[j].len;
          if (pith_line_is_org_name(q, qn) && (pith_meta_is_org_name(q, qn) || pith_wire_lookup(q, qn))) {
            rc = pith_meta_set(m, a, PITH_F_DISTRIBUTOR, q, qn, PITH_PRI_TEXT, "text");
            if (rc < 0) return -rc;
            u[j].label = U_META;
            u[j].line = PITH_LINE_NONE;
            u[j].distributor = 1;
          }
          break;
        }
      }
    }
    /* a dateline credit in the story's first paragraphs: "(AP) —" */
    if (have && !m->f[PITH_F_WIRE].ptr) {
      for (size_t i = bs, k = 0; i < be && k < 3; i++) {
        if (u[i].label != U_STORY) continue;
        k++;
        const char *cr;
        size_t crn;
        const char *w = pith_line_dateline_wire(text + u[i].off, u[i].len, &cr, &crn);
        if (w) {
          rc = pith_meta_set(m, a, PITH_F_WIRE, w, strlen(w), PITH_PRI_TEXT, "text");
          if (rc < 0) return -rc;
          break;
        }
      }
    }
    /* a comment area was found (prompt / guidelines): its comments were
     * recognised as such and left out of the story */
    for (size_t i = 0; i < n; i++)
      if (u[i].chrome == PITH_CHROME_COMMENT_PROMPT || u[i].chrome == PITH_CHROME_GUIDELINES) {
        if (!m->lsrc[PITH_L_COMMENTS]) m->lsrc[PITH_L_COMMENTS] = "text";
        break;
      }
    if (site) {
      rc = pith_meta_set(m, a, PITH_F_SITE_NAME, site, site_n, PITH_PRI_TEXT, "text");
      if (rc < 0) return -rc;
    }
    if (have) {
      /* language of the story */
      uint32_t hits[PITH_LANG_COUNT];
      memset(hits, 0, sizeof hits);
      size_t k = 0;
      for (size_t i = bs; i < be && k < 20; i++) {
        if (u[i].label != U_STORY) continue;
        if (u[i].lang) hits[u[i].lang] += u[i].words;
        k++;
      }
      int bl = 0;
      for (int l = 1; l < PITH_LANG_COUNT; l++)
        if (hits[l] > hits[bl]) bl = l;
      if (bl) {
        const char *code = pith_lang_code((pith_lang)bl);
        rc = pith_meta_set(m, a, PITH_F_LANG, code, strlen(code), PITH_PRI_TEXT, "text");
        if (rc < 0) return -rc;
      }
    }
  }

  /* 5. output + explain */
  for (size_t i = 0; i < n; i++) {
    const char *s = text + u[i].off;
    size_t sn = u[i].len;
    switch (u[i].label) {
    case U_STORY:
      rc = pith_doc_add_block(d, PITH_B_PARAGRAPH, 0, s, sn);
      if (rc) return rc;
      S_explain(d, 1, "story", NULL, s, sn);
      break;
    case U_CODE:
      rc = pith_doc_add_block(d, PITH_B_CODE, 0, s, sn);
      if (rc) return rc;
      S_explain(d, 1, "code", NULL, s, sn);
      break;
    case U_TITLE: S_explain(d, 0, "title", NULL, s, sn); break;
    case U_META:
      S_explain(d, 0, "meta", u[i].distributor ? "distributor" : pith_line_kind_name(u[i].line), s, sn);
      break;
    case U_CHROME: S_explain(d, 0, "chrome", pith_chrome_name((pith_chrome)u[i].chrome), s, sn); break;
    case U_BAD:
      S_explain(d, 0, u[i].navrun ? "nav-run" : u[i].dup ? "duplicate" : "not-prose", NULL, s, sn);
      break;
    case U_OUTSIDE:
      S_explain(d, 0, "outside-story", u[i].navrun ? "nav-run" : pith_block_class_name((pith_block_class)u[i].cls), s, sn);
      break;
    default: S_explain(d, 0, u[i].dup ? "duplicate" : "not-prose", NULL, s, sn); break;
    }
  }
  if (!d->nblocks) {
    pith_doc_set_status(d, PITH_NO_CONTENT, "no story found in the text");
    return PITH_NO_CONTENT;
  }
  return PITH_OK;
}
