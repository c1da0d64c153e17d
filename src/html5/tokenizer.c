/* tokenizer.c - WHATWG HTML5 tokenizer: see tokenizer.h.
 *
 * The state machine follows the spec's states one to one (names below are
 * the spec's). Where a state only appends "anything else" characters to a
 * string, it scans a whole run in bulk (SSE2 where available) up to the
 * next byte that matters and appends the run as one span. Spans reference
 * the input until a transformed character forces a copy into the token's
 * scratch buffer (h5_span.owned).
 *
 * Linear time: every state consumes at least one byte or switches to a
 * state that does; character references look at most H5_ENTITY_MAXLEN
 * bytes ahead; duplicate attribute names are found with a hash set once a
 * tag has many attributes. */
#include "html5/tokenizer.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

typedef struct h5_entity {
  const char *name;
  uint8_t len;
  uint32_t cp1, cp2;
} h5_entity;

static const h5_entity h5_entities[] = {
#include "html5/entities.inc"
};

enum {
  /* after the public ones in enum h5_state */
  S_TAG_OPEN = H5_CDATA_SECTION + 1,
  S_END_TAG_OPEN,
  S_TAG_NAME,
  S_RCDATA_LT,
  S_RCDATA_END_OPEN,
  S_RCDATA_END_NAME,
  S_RAWTEXT_LT,
  S_RAWTEXT_END_OPEN,
  S_RAWTEXT_END_NAME,
  S_SCRIPT_LT,
  S_SCRIPT_END_OPEN,
  S_SCRIPT_END_NAME,
  S_SCRIPT_ESC_START,
  S_SCRIPT_ESC_START_DASH,
  S_SCRIPT_ESC,
  S_SCRIPT_ESC_DASH,
  S_SCRIPT_ESC_DASH_DASH,
  S_SCRIPT_ESC_LT,
  S_SCRIPT_ESC_END_OPEN,
  S_SCRIPT_ESC_END_NAME,
  S_SCRIPT_DESC_START,
  S_SCRIPT_DESC,
  S_SCRIPT_DESC_DASH,
  S_SCRIPT_DESC_DASH_DASH,
  S_SCRIPT_DESC_LT,
  S_SCRIPT_DESC_END,
  S_BEFORE_ATTR_NAME,
  S_ATTR_NAME,
  S_AFTER_ATTR_NAME,
  S_BEFORE_ATTR_VALUE,
  S_ATTR_VALUE_DQ,
  S_ATTR_VALUE_SQ,
  S_ATTR_VALUE_UQ,
  S_AFTER_ATTR_VALUE_Q,
  S_SELF_CLOSING,
  S_BOGUS_COMMENT,
  S_MARKUP_OPEN,
  S_COMMENT_START,
  S_COMMENT_START_DASH,
  S_COMMENT,
  S_COMMENT_LT,
  S_COMMENT_LT_BANG,
  S_COMMENT_LT_BANG_DASH,
  S_COMMENT_LT_BANG_DASH_DASH,
  S_COMMENT_END_DASH,
  S_COMMENT_END,
  S_COMMENT_END_BANG,
  S_DOCTYPE,
  S_BEFORE_DOCTYPE_NAME,
  S_DOCTYPE_NAME,
  S_AFTER_DOCTYPE_NAME,
  S_AFTER_DOCTYPE_PUBLIC_KW,
  S_BEFORE_DOCTYPE_PUBLIC_ID,
  S_DOCTYPE_PUBLIC_ID_DQ,
  S_DOCTYPE_PUBLIC_ID_SQ,
  S_AFTER_DOCTYPE_PUBLIC_ID,
  S_BETWEEN_DOCTYPE_IDS,
  S_AFTER_DOCTYPE_SYSTEM_KW,
  S_BEFORE_DOCTYPE_SYSTEM_ID,
  S_DOCTYPE_SYSTEM_ID_DQ,
  S_DOCTYPE_SYSTEM_ID_SQ,
  S_AFTER_DOCTYPE_SYSTEM_ID,
  S_BOGUS_DOCTYPE,
  S_CDATA_BRACKET,
  S_CDATA_END,
  S_CHARREF  /* entered with ret_state set */
};

#define EOFC (-1)

static inline int S_is_ws(int c) { return c == '\t' || c == '\n' || c == '\f' || c == ' '; }
static inline int S_is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static inline int S_is_alpha(int c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static inline int S_is_digit(int c) { return c >= '0' && c <= '9'; }
static inline int S_is_alnum(int c) { return S_is_alpha(c) || S_is_digit(c); }
static inline int S_is_hex(int c) { return S_is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }

/* ---- buffers and spans ---------------------------------------------- */

static void S_buf_put(h5_tokenizer *t, h5_sbuf *b, const void *p, size_t n) {
  if (!n) return;
  if (b->n + n > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->n + n) cap *= 2;
    char *q = realloc(b->p, cap);
    if (!q) { t->oom = 1; return; }
    b->p = q;
    b->cap = cap;
  }
  memcpy(b->p + b->n, p, n);
  b->n += n;
}

/* Move a span that references the input to the end of b. Only the span
 * being built is ever at the end of its buffer, so appends stay contiguous. */
static void S_own(h5_tokenizer *t, h5_span *s, h5_sbuf *b) {
  size_t at = b->n;
  S_buf_put(t, b, t->in + s->off, s->len);
  s->off = at;
  s->owned = 1;
}

static void S_add_in(h5_tokenizer *t, h5_span *s, h5_sbuf *b, size_t off, size_t n) {
  if (!s->owned) {
    if (s->len == 0) { s->off = off; s->len = n; return; }
    if (s->off + s->len == off) { s->len += n; return; }
    S_own(t, s, b);
  }
  size_t before = b->n;
  S_buf_put(t, b, t->in + off, n);
  s->len += b->n - before;
}

static void S_add_bytes(h5_tokenizer *t, h5_span *s, h5_sbuf *b, const char *p, size_t n) {
  if (!s->owned) S_own(t, s, b);
  size_t before = b->n;
  S_buf_put(t, b, p, n);
  s->len += b->n - before;
}

static inline h5_str S_str(const h5_tokenizer *t, const h5_span *s, const h5_sbuf *b) {
  h5_str r;
  r.p = s->owned ? b->p + s->off : (const char *)t->in + s->off;
  r.n = s->len;
  if (!r.p) r.p = "";
  return r;
}

static const h5_span S_empty_span = {0, 0, 0};

/* ---- reading -------------------------------------------------------- */

/* Next input character: a byte, LF for CR or CRLF, or EOFC. */
static inline int S_getc(h5_tokenizer *t) {
  if (t->pos >= t->len) { t->cr_len = 0; return EOFC; }
  int c = t->in[t->pos];
  if (c == '\r') {
    t->cr_len = (t->pos + 1 < t->len && t->in[t->pos + 1] == '\n') ? 2 : 1;
    t->pos += t->cr_len;
    return '\n';
  }
  t->pos++;
  t->cr_len = 1;
  return c;
}

static inline void S_reconsume(h5_tokenizer *t) { t->pos -= t->cr_len; t->cr_len = 0; }

/* Was the character S_getc just returned a CR folded into LF? */
static inline int S_was_cr(const h5_tokenizer *t) {
  return t->cr_len && t->in[t->pos - t->cr_len] == '\r';
}

/* Append the character just read (c, not EOFC) to s. */
static inline void S_add_cur(h5_tokenizer *t, h5_span *s, h5_sbuf *b, int c) {
  (void)c;
  if (S_was_cr(t)) S_add_bytes(t, s, b, "\n", 1);
  else S_add_in(t, s, b, t->pos - 1, 1);
}

static inline void S_add_lower(h5_tokenizer *t, h5_span *s, h5_sbuf *b, int c) {
  if (S_is_upper(c)) {
    char l = (char)(c + 32);
    S_add_bytes(t, s, b, &l, 1);
  } else {
    S_add_cur(t, s, b, c);
  }
}

#define S_FFFD "\xEF\xBF\xBD"

/* First position in [pos, len) holding one of a, b, c, d (len if none). */
static size_t S_scan4(const uint8_t *in, size_t pos, size_t len, uint8_t a, uint8_t b,
                      uint8_t c, uint8_t d) {
#ifdef __SSE2__
  const __m128i va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b);
  const __m128i vc = _mm_set1_epi8((char)c), vd = _mm_set1_epi8((char)d);
  while (pos + 16 <= len) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(in + pos));
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)),
                             _mm_or_si128(_mm_cmpeq_epi8(x, vc), _mm_cmpeq_epi8(x, vd)));
    int mask = _mm_movemask_epi8(m);
    if (mask) return pos + (size_t)__builtin_ctz((unsigned)mask);
    pos += 16;
  }
#endif
  for (; pos < len; pos++) {
    uint8_t u = in[pos];
    if (u == a || u == b || u == c || u == d) return pos;
  }
  return len;
}

/* ---- emitting ------------------------------------------------------- */

static inline void S_chars_in(h5_tokenizer *t, size_t off, size_t n) {
  S_add_in(t, &t->chars, &t->charbuf, off, n);
}
static inline void S_chars_lit(h5_tokenizer *t, const char *p, size_t n) {
  S_add_bytes(t, &t->chars, &t->charbuf, p, n);
}
static inline void S_chars_cur(h5_tokenizer *t, int c) { S_add_cur(t, &t->chars, &t->charbuf, c); }

static void S_call(h5_tokenizer *t, h5_token *tok) {
  if (t->stop || t->oom) return;
  int r = t->emit(t->ctx, t, tok);
  if (r) t->stop = r;
}

static void S_flush_chars(h5_tokenizer *t) {
  if (t->chars.len) {
    h5_token tok;
    memset(&tok, 0, sizeof tok);
  tok.atom = -1;
    tok.type = H5_CHARS;
    tok.data = S_str(t, &t->chars, &t->charbuf);
    S_call(t, &tok);
  }
  t->chars = S_empty_span;
  t->charbuf.n = 0;
}

static void S_new_token(h5_tokenizer *t, int type) {
  t->cur_type = type;
  t->name = t->data = t->pub = t->sys = S_empty_span;
  t->self_closing = t->force_quirks = t->has_name = t->has_pub = t->has_sys = 0;
  t->npattrs = 0;
  t->tagbuf.n = 0;
}

static void S_emit_tag(h5_tokenizer *t) {
  S_flush_chars(t);
  if (t->attrs_cap < t->npattrs) {
    size_t cap = t->attrs_cap ? t->attrs_cap : 16;
    while (cap < t->npattrs) cap *= 2;
    h5_attr *a = realloc(t->attrs, cap * sizeof *a);
    if (!a) { t->oom = 1; return; }
    t->attrs = a;
    t->attrs_cap = cap;
  }
  h5_token tok;
  memset(&tok, 0, sizeof tok);
  tok.atom = -1;
  tok.type = t->cur_type;
  tok.data = S_str(t, &t->name, &t->tagbuf);
  tok.self_closing = t->self_closing;
  tok.attrs = t->attrs;
  for (size_t i = 0; i < t->npattrs; i++) {
    if (t->pattrs[i].dup) continue;
    t->attrs[tok.nattrs].name = S_str(t, &t->pattrs[i].name, &t->tagbuf);
    t->attrs[tok.nattrs].value = S_str(t, &t->pattrs[i].value, &t->tagbuf);
    tok.nattrs++;
  }
  if (tok.type == H5_START_TAG) {
    t->last_start.n = 0;
    S_buf_put(t, &t->last_start, tok.data.p, tok.data.n);
  } else if (tok.nattrs || tok.self_closing) {
    t->errors++;  /* end-tag-with-attributes / end-tag-with-trailing-solidus */
  }
  S_call(t, &tok);
}

static void S_emit_comment(h5_tokenizer *t) {
  S_flush_chars(t);
  h5_token tok;
  memset(&tok, 0, sizeof tok);
  tok.atom = -1;
  tok.type = H5_COMMENT;
  tok.data = S_str(t, &t->data, &t->tagbuf);
  S_call(t, &tok);
}

static void S_emit_doctype(h5_tokenizer *t) {
  S_flush_chars(t);
  h5_token tok;
  memset(&tok, 0, sizeof tok);
  tok.atom = -1;
  tok.type = H5_DOCTYPE;
  tok.data = S_str(t, &t->name, &t->tagbuf);
  tok.public_id = S_str(t, &t->pub, &t->tagbuf);
  tok.system_id = S_str(t, &t->sys, &t->tagbuf);
  tok.has_name = t->has_name;
  tok.has_public = t->has_pub;
  tok.has_system = t->has_sys;
  tok.force_quirks = t->force_quirks;
  S_call(t, &tok);
}

static void S_emit_eof(h5_tokenizer *t) {
  S_flush_chars(t);
  h5_token tok;
  memset(&tok, 0, sizeof tok);
  tok.atom = -1;
  tok.type = H5_EOF;
  S_call(t, &tok);
  if (!t->stop) t->stop = -2;  /* internal: done */
}

/* ---- attributes ----------------------------------------------------- */

static void S_new_attr(h5_tokenizer *t) {
  if (t->npattrs == t->pattrs_cap) {
    size_t cap = t->pattrs_cap ? t->pattrs_cap * 2 : 16;
    h5_pattr *a = realloc(t->pattrs, cap * sizeof *a);
    if (!a) { t->oom = 1; return; }
    t->pattrs = a;
    t->pattrs_cap = cap;
  }
  h5_pattr *a = &t->pattrs[t->npattrs++];
  a->name = a->value = S_empty_span;
  a->dup = 0;
  a->hash = 0;
}

static inline h5_pattr *S_cur_attr(h5_tokenizer *t) {
  return t->npattrs ? &t->pattrs[t->npattrs - 1] : NULL;
}

static uint32_t S_hash(h5_str s) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < s.n; i++) h = (h ^ (uint8_t)s.p[i]) * 16777619u;
  return h | 1u;
}

static int S_same_name(h5_tokenizer *t, size_t i, h5_str s) {
  h5_str o = S_str(t, &t->pattrs[i].name, &t->tagbuf);
  return o.n == s.n && memcmp(o.p, s.p, s.n) == 0;
}

#define S_HASH_FROM 16

/* Insert attribute i into the set; the set is rebuilt (over this tag's
 * earlier attributes) when it fills, so each tag costs O(attributes). */
static void S_hash_insert(h5_tokenizer *t, size_t i);

static void S_hash_rebuild(h5_tokenizer *t, size_t upto) {
  size_t cap = 64;
  while (cap < upto * 2 + 2) cap *= 2;
  if (cap != t->attr_hash_cap) {
    uint32_t *h = realloc(t->attr_hash, cap * sizeof *h);
    if (!h) { t->oom = 1; return; }
    t->attr_hash = h;
    t->attr_hash_cap = cap;
  }
  memset(t->attr_hash, 0, cap * sizeof *t->attr_hash);
  for (size_t j = 0; j < upto; j++)
    if (!t->pattrs[j].dup) S_hash_insert(t, j);
}

static void S_hash_insert(h5_tokenizer *t, size_t i) {
  size_t mask = t->attr_hash_cap - 1;
  size_t k = t->pattrs[i].hash & mask;
  while (t->attr_hash[k]) k = (k + 1) & mask;
  t->attr_hash[k] = (uint32_t)i + 1;
}

/* The current attribute's name is complete: drop it if it repeats one. */
static void S_attr_name_done(h5_tokenizer *t) {
  size_t i = t->npattrs - 1;
  if (!t->npattrs) return;
  h5_pattr *a = &t->pattrs[i];
  h5_str s = S_str(t, &a->name, &t->tagbuf);
  if (i < S_HASH_FROM) {
    for (size_t j = 0; j < i; j++)
      if (!t->pattrs[j].dup && S_same_name(t, j, s)) { a->dup = 1; t->errors++; return; }
    return;
  }
  a->hash = S_hash(s);
  if (i == S_HASH_FROM) {
    for (size_t j = 0; j < i; j++) t->pattrs[j].hash = S_hash(S_str(t, &t->pattrs[j].name, &t->tagbuf));
    S_hash_rebuild(t, i);
  } else if ((i + 1) * 2 > t->attr_hash_cap) {
    S_hash_rebuild(t, i);
  }
  if (t->oom) return;
  size_t mask = t->attr_hash_cap - 1;
  for (size_t k = a->hash & mask; t->attr_hash[k]; k = (k + 1) & mask) {
    size_t j = t->attr_hash[k] - 1;
    if (t->pattrs[j].hash == a->hash && S_same_name(t, j, s)) { a->dup = 1; t->errors++; return; }
  }
  S_hash_insert(t, i);
}

/* ---- character references ------------------------------------------- */

size_t h5_utf8_put(char *o, uint32_t cp) {
  if (cp < 0x80) { o[0] = (char)cp; return 1; }
  if (cp < 0x800) { o[0] = (char)(0xC0 | cp >> 6); o[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
  if (cp < 0x10000) {
    o[0] = (char)(0xE0 | cp >> 12); o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (char)(0xF0 | cp >> 18); o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

size_t h5_entity_match(const char *s, size_t n, uint32_t cp[2]) {
  size_t lo = 0, hi = sizeof h5_entities / sizeof h5_entities[0];
  size_t best = 0;
  const h5_entity *be = NULL;
  /* [lo, hi) holds the names starting with s[0..k); they are sorted, so
   * those continuing with s[k] form a sub-range found by two bisections. */
  for (size_t k = 0; k < n && k < H5_ENTITY_MAXLEN; k++) {
    unsigned char c = (unsigned char)s[k];
    /* names hold only alphanumerics and ';': anything else (NUL above
     * all, which would match a shorter name's terminator) ends the match */
    if (c != ';' && !S_is_alnum(c)) break;
    size_t a = lo, b = hi;
    while (a < b) {
      size_t m = a + (b - a) / 2;
      if ((unsigned char)h5_entities[m].name[k] < c) a = m + 1; else b = m;
    }
    size_t first = a;
    b = hi;
    while (a < b) {
      size_t m = a + (b - a) / 2;
      if ((unsigned char)h5_entities[m].name[k] <= c) a = m + 1; else b = m;
    }
    lo = first;
    hi = a;
    if (lo >= hi) break;
    if (h5_entities[lo].len == k + 1) { best = k + 1; be = &h5_entities[lo]; }
  }
  if (be) { cp[0] = be->cp1; cp[1] = be->cp2; }
  return best;
}

static inline int S_attr_state(int s) {
  return s == S_ATTR_VALUE_DQ || s == S_ATTR_VALUE_SQ || s == S_ATTR_VALUE_UQ;
}

/* "Flush code points consumed as a character reference". */
static void S_ref_in(h5_tokenizer *t, size_t off, size_t n) {
  h5_pattr *a;
  if (S_attr_state(t->ret_state)) {
    if ((a = S_cur_attr(t))) S_add_in(t, &a->value, &t->tagbuf, off, n);
  } else {
    S_chars_in(t, off, n);
  }
}

static void S_ref_cp(h5_tokenizer *t, uint32_t cp) {
  char u[4];
  size_t n = h5_utf8_put(u, cp);
  h5_pattr *a;
  if (S_attr_state(t->ret_state)) {
    if ((a = S_cur_attr(t))) S_add_bytes(t, &a->value, &t->tagbuf, u, n);
  } else {
    S_chars_lit(t, u, n);
  }
}

static const uint16_t S_c1_table[32] = {
  0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
  0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178};

/* The character reference state, entered after '&' (at pos - 1). Runs the
 * named / numeric sub-states in one go and returns to ret_state. */
static void S_charref(h5_tokenizer *t) {
  const uint8_t *in = t->in;
  size_t amp = t->pos - 1, p = t->pos, len = t->len;
  int in_attr = S_attr_state(t->ret_state);
  t->state = t->ret_state;
  int c = p < len ? in[p] : EOFC;
  if (S_is_alnum(c)) {
    uint32_t cp[2];
    size_t n = h5_entity_match((const char *)in + p, len - p, cp);
    if (n) {
      int semi = in[p + n - 1] == ';';
      if (in_attr && !semi && p + n < len && (in[p + n] == '=' || S_is_alnum(in[p + n]))) {
        S_ref_in(t, amp, n + 1);  /* legacy: left as written in attributes */
        t->pos = p + n;
        return;
      }
      if (!semi) t->errors++;  /* missing-semicolon-after-character-reference */
      t->pos = p + n;
      S_ref_cp(t, cp[0]);
      if (cp[1]) S_ref_cp(t, cp[1]);
      return;
    }
    /* no match: '&' and the alphanumerics after it stay as they are
     * (ambiguous ampersand state) */
    size_t e = p;
    while (e < len && S_is_alnum(in[e])) e++;
    if (e < len && in[e] == ';') t->errors++;  /* unknown-named-character-reference */
    S_ref_in(t, amp, e - amp);
    t->pos = e;
    return;
  }
  if (c != '#') {
    S_ref_in(t, amp, 1);
    return;
  }
  p++;
  int hex = p < len && (in[p] == 'x' || in[p] == 'X');
  if (hex) p++;
  size_t d = p;
  uint32_t code = 0;
  while (d < len && (hex ? S_is_hex(in[d]) : S_is_digit(in[d]))) {
    int v = in[d] <= '9' ? in[d] - '0' : (in[d] | 0x20) - 'a' + 10;
    if (code <= 0x10FFFF) code = code * (hex ? 16 : 10) + (uint32_t)v;
    d++;
  }
  if (d == p) {  /* absence-of-digits-in-numeric-character-reference */
    t->errors++;
    S_ref_in(t, amp, p - amp);
    t->pos = p;
    return;
  }
  if (d < len && in[d] == ';') d++;
  else t->errors++;  /* missing-semicolon-after-character-reference */
  t->pos = d;
  if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
    t->errors++;
    code = 0xFFFD;
  } else if ((code >= 0xFDD0 && code <= 0xFDEF) || (code & 0xFFFE) == 0xFFFE) {
    t->errors++;  /* noncharacter-character-reference: kept */
  } else if (code == 0x0D || (code < 0x20 && !S_is_ws((int)code)) ||
             (code >= 0x7F && code <= 0x9F)) {
    t->errors++;  /* control-character-reference */
    if (code >= 0x80) code = S_c1_table[code - 0x80];
  }
  S_ref_cp(t, code);
}

/* ---- public API ----------------------------------------------------- */

void h5_tokenizer_init(h5_tokenizer *t, const char *in, size_t len, h5_emit_fn emit, void *ctx) {
  memset(t, 0, sizeof *t);
  t->in = (const uint8_t *)in;
  t->len = len;
  t->emit = emit;
  t->ctx = ctx;
  t->state = H5_DATA;
}

void h5_tokenizer_free(h5_tokenizer *t) {
  free(t->pattrs);
  free(t->attr_hash);
  free(t->tagbuf.p);
  free(t->attrs);
  free(t->charbuf.p);
  free(t->tmp.p);
  free(t->last_start.p);
  memset(t, 0, sizeof *t);
}

void h5_tokenizer_set_state(h5_tokenizer *t, int state) { t->state = state; }

void h5_tokenizer_set_last_start_tag(h5_tokenizer *t, const char *name, size_t n) {
  t->last_start.n = 0;
  S_buf_put(t, &t->last_start, name, n);
}

/* ---- the state machine ---------------------------------------------- */

static int S_appropriate(h5_tokenizer *t) {
  h5_str n = S_str(t, &t->name, &t->tagbuf);
  return t->last_start.n && n.n == t->last_start.n && memcmp(n.p, t->last_start.p, n.n) == 0;
}

static void S_tmp_add(h5_tokenizer *t, int c) {
  char b = (char)c;
  S_buf_put(t, &t->tmp, &b, 1);
}

static int S_tmp_is_script(h5_tokenizer *t) {
  return t->tmp.n == 6 && memcmp(t->tmp.p, "script", 6) == 0;
}

/* RCDATA / RAWTEXT / script data end tag name states; text is the state to
 * fall back to when the tag is not an appropriate end tag. */
static void S_text_end_name(h5_tokenizer *t, int text) {
  int c = S_getc(t);
  if (S_is_ws(c) && S_appropriate(t)) { t->state = S_BEFORE_ATTR_NAME; return; }
  if (c == '/' && S_appropriate(t)) { t->state = S_SELF_CLOSING; return; }
  if (c == '>' && S_appropriate(t)) { t->state = H5_DATA; S_emit_tag(t); return; }
  if (S_is_alpha(c)) {
    S_add_lower(t, &t->name, &t->tagbuf, c);
    S_tmp_add(t, c);
    return;
  }
  S_chars_lit(t, "</", 2);
  if (t->tmp.n) S_chars_lit(t, t->tmp.p, t->tmp.n);
  S_reconsume(t);
  t->state = text;
}

/* Shared by the RCDATA / RAWTEXT / script "end tag open" states. */
static void S_text_end_open(h5_tokenizer *t, int name_state, int text) {
  int c = S_getc(t);
  if (S_is_alpha(c)) {
    S_new_token(t, H5_END_TAG);
    S_reconsume(t);
    t->state = name_state;
    return;
  }
  S_chars_lit(t, "</", 2);
  S_reconsume(t);
  t->state = text;
}

static int S_lookahead_ci(const h5_tokenizer *t, size_t at, const char *w, size_t n) {
  if (at + n > t->len) return 0;
  for (size_t i = 0; i < n; i++)
    if ((t->in[at + i] | 0x20) != w[i]) return 0;
  return 1;
}

/* Text run states: consume bytes up to one of the stop bytes as characters. */
static inline void S_run(h5_tokenizer *t, uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
  size_t e = S_scan4(t->in, t->pos, t->len, a, b, c, d);
  if (e > t->pos) { S_chars_in(t, t->pos, e - t->pos); t->pos = e; }
}

/* Append a run of bytes of the same class to a span of the current token. */
static inline void S_run_to(h5_tokenizer *t, h5_span *s, uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
  size_t e = S_scan4(t->in, t->pos, t->len, a, b, c, d);
  if (e > t->pos) { S_add_in(t, s, &t->tagbuf, t->pos, e - t->pos); t->pos = e; }
}

/* Bytes that end a run in tag and attribute names. */
static inline int S_name_plain(int c) {
  if (c >= 'A' && c <= 'Z') return 0;
  return !(S_is_ws(c) || c == '/' || c == '>' || c == '\r' || c == 0 || c == '=');
}

static void S_step(h5_tokenizer *t) {
  int c;
  h5_pattr *a;
  switch (t->state) {
  case H5_DATA:
    S_run(t, '<', '&', '\r', 0);
    c = S_getc(t);
    if (c == '&') { t->ret_state = H5_DATA; S_charref(t); }
    else if (c == '<') t->state = S_TAG_OPEN;
    else if (c == 0) { t->errors++; S_chars_cur(t, c); }
    else if (c == EOFC) S_emit_eof(t);
    else S_chars_cur(t, c);
    break;
  case H5_RCDATA:
    S_run(t, '<', '&', '\r', 0);
    c = S_getc(t);
    if (c == '&') { t->ret_state = H5_RCDATA; S_charref(t); }
    else if (c == '<') t->state = S_RCDATA_LT;
    else if (c == 0) { t->errors++; S_chars_lit(t, S_FFFD, 3); }
    else if (c == EOFC) S_emit_eof(t);
    else S_chars_cur(t, c);
    break;
  case H5_RAWTEXT:
  case H5_SCRIPT_DATA:
    S_run(t, '<', '\r', 0, 0);
    c = S_getc(t);
    if (c == '<') t->state = t->state == H5_RAWTEXT ? S_RAWTEXT_LT : S_SCRIPT_LT;
    else if (c == 0) { t->errors++; S_chars_lit(t, S_FFFD, 3); }
    else if (c == EOFC) S_emit_eof(t);
    else S_chars_cur(t, c);
    break;
  case H5_PLAINTEXT:
    S_run(t, '\r', 0, 0, 0);
    c = S_getc(t);
    if (c == 0) { t->errors++; S_chars_lit(t, S_FFFD, 3); }
    else if (c == EOFC) S_emit_eof(t);
    else S_chars_cur(t, c);
    break;
  case S_TAG_OPEN:
    c = S_getc(t);
    if (c == '!') t->state = S_MARKUP_OPEN;
    else if (c == '/') t->state = S_END_TAG_OPEN;
    else if (S_is_alpha(c)) { S_new_token(t, H5_START_TAG); S_reconsume(t); t->state = S_TAG_NAME; }
    else if (c == '?') {
      t->errors++;
      S_new_token(t, H5_COMMENT);
      S_reconsume(t);
      t->state = S_BOGUS_COMMENT;
    } else if (c == EOFC) { t->errors++; S_chars_lit(t, "<", 1); S_emit_eof(t); }
    else { t->errors++; S_chars_lit(t, "<", 1); S_reconsume(t); t->state = H5_DATA; }
    break;
  case S_END_TAG_OPEN:
    c = S_getc(t);
    if (S_is_alpha(c)) { S_new_token(t, H5_END_TAG); S_reconsume(t); t->state = S_TAG_NAME; }
    else if (c == '>') { t->errors++; t->state = H5_DATA; }
    else if (c == EOFC) { t->errors++; S_chars_lit(t, "</", 2); S_emit_eof(t); }
    else { t->errors++; S_new_token(t, H5_COMMENT); S_reconsume(t); t->state = S_BOGUS_COMMENT; }
    break;
  case S_TAG_NAME: {
    size_t e = t->pos;
    while (e < t->len && S_name_plain(t->in[e])) e++;
    if (e > t->pos) { S_add_in(t, &t->name, &t->tagbuf, t->pos, e - t->pos); t->pos = e; }
    c = S_getc(t);
    if (S_is_ws(c)) t->state = S_BEFORE_ATTR_NAME;
    else if (c == '/') t->state = S_SELF_CLOSING;
    else if (c == '>') { t->state = H5_DATA; S_emit_tag(t); }
    else if (c == 0) { t->errors++; S_add_bytes(t, &t->name, &t->tagbuf, S_FFFD, 3); }
    else if (c == EOFC) { t->errors++; S_emit_eof(t); }
    else S_add_lower(t, &t->name, &t->tagbuf, c);
    break;
  }
  case S_RCDATA_LT:
  case S_RAWTEXT_LT: {
    int text = t->state == S_RCDATA_LT ? H5_RCDATA : H5_RAWTEXT;
    c = S_getc(t);
    if (c == '/') { t->tmp.n = 0; t->state = text == H5_RCDATA ? S_RCDATA_END_OPEN : S_RAWTEXT_END_OPEN; }
    else { S_chars_lit(t, "<", 1); S_reconsume(t); t->state = text; }
    break;
  }
  case S_RCDATA_END_OPEN: S_text_end_open(t, S_RCDATA_END_NAME, H5_RCDATA); break;
  case S_RAWTEXT_END_OPEN: S_text_end_open(t, S_RAWTEXT_END_NAME, H5_RAWTEXT); break;
  case S_SCRIPT_END_OPEN: S_text_end_open(t, S_SCRIPT_END_NAME, H5_SCRIPT_DATA); break;
  case S_SCRIPT_ESC_END_OPEN: S_text_end_open(t, S_SCRIPT_ESC_END_NAME, S_SCRIPT_ESC); break;
  case S_RCDATA_END_NAME: S_text_end_name(t, H5_RCDATA); break;
  case S_RAWTEXT_END_NAME: S_text_end_name(t, H5_RAWTEXT); break;
  case S_SCRIPT_END_NAME: S_text_end_name(t, H5_SCRIPT_DATA); break;
  case S_SCRIPT_ESC_END_NAME: S_text_end_name(t, S_SCRIPT_ESC); break;
  case S_SCRIPT_LT:
    c = S_getc(t);
    if (c == '/') { t->tmp.n = 0; t->state = S_SCRIPT_END_OPEN; }
    else if (c == '!') { t->state = S_SCRIPT_ESC_START; S_chars_lit(t, "<!", 2); }
    else { S_chars_lit(t, "<", 1); S_reconsume(t); t->state = H5_SCRIPT_DATA; }
    break;
  case S_SCRIPT_ESC_START:
  case S_SCRIPT_ESC_START_DASH:
    c = S_getc(t);
    if (c == '-') {
      S_chars_lit(t, "-", 1);
      t->state = t->state == S_SCRIPT_ESC_START ? S_SCRIPT_ESC_START_DASH : S_SCRIPT_ESC_DASH_DASH;
    } else { S_reconsume(t); t->state = H5_SCRIPT_DATA; }
    break;
  case S_SCRIPT_ESC:
  case S_SCRIPT_DESC: {
    int esc = t->state == S_SCRIPT_ESC;
    S_run(t, '-', '<', '\r', 0);
    c = S_getc(t);
    if (c == '-') { t->state = esc ? S_SCRIPT_ESC_DASH : S_SCRIPT_DESC_DASH; S_chars_lit(t, "-", 1); }
    else if (c == '<') {
      if (esc) t->state = S_SCRIPT_ESC_LT;
      else { t->state = S_SCRIPT_DESC_LT; S_chars_lit(t, "<", 1); }
    } else if (c == 0) { t->errors++; S_chars_lit(t, S_FFFD, 3); }
    else if (c == EOFC) { t->errors++; S_emit_eof(t); }
    else S_chars_cur(t, c);
    break;
  }
  case S_SCRIPT_ESC_DASH:
  case S_SCRIPT_ESC_DASH_DASH:
  case S_SCRIPT_DESC_DASH:
  case S_SCRIPT_DESC_DASH_DASH: {
    int esc = t->state == S_SCRIPT_ESC_DASH || t->state == S_SCRIPT_ESC_DASH_DASH;
    int dd = t->state == S_SCRIPT_ESC_DASH_DASH || t->state == S_SCRIPT_DESC_DASH_DASH;
    int body = esc ? S_SCRIPT_ESC : S_SCRIPT_DESC;
    c = S_getc(t);
    if (c == '-') { S_chars_lit(t, "-", 1); t->state = esc ? S_SCRIPT_ESC_DASH_DASH : S_SCRIPT_DESC_DASH_DASH; }
    else if (c == '<') {
      if (esc) t->state = S_SCRIPT_ESC_LT;
      else { t->state = S_SCRIPT_DESC_LT; S_chars_lit(t, "<", 1); }
    } else if (c == '>' && dd) { t->state = H5_SCRIPT_DATA; S_chars_lit(t, ">", 1); }
    else if (c == 0) { t->errors++; t->state = body; S_chars_lit(t, S_FFFD, 3); }
    else if (c == EOFC) { t->errors++; S_emit_eof(t); }
    else { t->state = body; S_chars_cur(t, c); }
    break;
  }
  case S_SCRIPT_ESC_LT:
    c = S_getc(t);
    if (c == '/') { t->tmp.n = 0; t->state = S_SCRIPT_ESC_END_OPEN; }
    else if (S_is_alpha(c)) {
      t->tmp.n = 0;
      S_chars_lit(t, "<", 1);
      S_reconsume(t);
      t->state = S_SCRIPT_DESC_START;
    } else { S_chars_lit(t, "<", 1); S_reconsume(t); t->state = S_SCRIPT_ESC; }
    break;
  case S_SCRIPT_DESC_START:
  case S_SCRIPT_DESC_END: {
    int start = t->state == S_SCRIPT_DESC_START;
    c = S_getc(t);
    if (S_is_ws(c) || c == '/' || c == '>') {
      if (S_tmp_is_script(t)) t->state = start ? S_SCRIPT_DESC : S_SCRIPT_ESC;
      else t->state = start ? S_SCRIPT_ESC : S_SCRIPT_DESC;
      S_chars_cur(t, c);
    } else if (S_is_alpha(c)) {
      S_tmp_add(t, c | 0x20);
      S_chars_cur(t, c);
    } else { S_reconsume(t); t->state = start ? S_SCRIPT_ESC : S_SCRIPT_DESC; }
    break;
  }
  case S_SCRIPT_DESC_LT:
    c = S_getc(t);
    if (c == '/') { t->tmp.n = 0; t->state = S_SCRIPT_DESC_END; S_chars_lit(t, "/", 1); }
    else { S_reconsume(t); t->state = S_SCRIPT_DESC; }
    break;
  case S_BEFORE_ATTR_NAME:
    c = S_getc(t);
    if (S_is_ws(c)) break;
    if (c == '/' || c == '>' || c == EOFC) { S_reconsume(t); t->state = S_AFTER_ATTR_NAME; break; }
    S_new_attr(t);
    if (c == '=') {
      t->errors++;
      if ((a = S_cur_attr(t))) S_add_cur(t, &a->name, &t->tagbuf, c);
    } else {
      S_reconsume(t);
    }
    t->state = S_ATTR_NAME;
    break;
  case S_ATTR_NAME: {
    a = S_cur_attr(t);
    if (!a) { t->state = S_AFTER_ATTR_NAME; break; }
    size_t e = t->pos;
    while (e < t->len && S_name_plain(t->in[e])) e++;
    if (e > t->pos) { S_add_in(t, &a->name, &t->tagbuf, t->pos, e - t->pos); t->pos = e; }
    c = S_getc(t);
    if (S_is_ws(c) || c == '/' || c == '>' || c == EOFC) {
      S_attr_name_done(t);
      S_reconsume(t);
      t->state = S_AFTER_ATTR_NAME;
    } else if (c == '=') { S_attr_name_done(t); t->state = S_BEFORE_ATTR_VALUE; }
    else if (c == 0) { t->errors++; S_add_bytes(t, &a->name, &t->tagbuf, S_FFFD, 3); }
    else {
      if (c == '"' || c == '\'' || c == '<') t->errors++;
      S_add_lower(t, &a->name, &t->tagbuf, c);
    }
    break;
  }
  case S_AFTER_ATTR_NAME:
    c = S_getc(t);
    if (S_is_ws(c)) break;
    if (c == '/') t->state = S_SELF_CLOSING;
    else if (c == '=') t->state = S_BEFORE_ATTR_VALUE;
    else if (c == '>') { t->state = H5_DATA; S_emit_tag(t); }
    else if (c == EOFC) { t->errors++; S_emit_eof(t); }
    else { S_new_attr(t); S_reconsume(t); t->state = S_ATTR_NAME; }
    break;
  case S_BEFORE_ATTR_VALUE:
    c = S_getc(t);
    if (S_is_ws(c)) break;
    if (c == '"') t->state = S_ATTR_VALUE_DQ;
    else if (c == '\'') t->state = S_ATTR_VALUE_SQ;
    else if (c == '>') { t->errors++; t->state = H5_DATA; S_emit_tag(t); }
    else { S_reconsume(t); t->state = S_ATTR_VALUE_UQ; }
    break;
  case S_ATTR_VALUE_DQ:
  case S_ATTR_VALUE_SQ: {
    uint8_t q = t->state == S_ATTR_VALUE_DQ ? '"' : '\'';
    a = S_cur_attr(t);
    if (!a) { t->state = S_AFTER_ATTR_VALUE_Q; break; }
    S_run_to(t, &a->value, q, '&', '\r', 0);
    c = S_getc(t);
    if (c == q) t->state = S_AFTER_ATTR_VALUE_Q;
    else if (c == '&') { t->ret_state = t->state; S_charref(t); }
    else if (c == 0) { t->errors++; S_add_bytes(t, &a->value, &t->tagbuf, S_FFFD, 3); }
    else if (c == EOFC) { t->errors++; S_emit_eof(t); }
    else S_add_cur(t, &a->value, &t->tagbuf, c);
    break;
  }
  case S_ATTR_VALUE_UQ: {
    a = S_cur_attr(t);
    if (!a) { t->state = S_BEFORE_ATTR_NAME; break; }
    size_t e = t->pos;
    while (e < t->len) {
      uint8_t u = t->in[e];
      if (S_is_ws(u) || u == '&' || u == '>' || u == 0 || u == '\r' || u == '"' || u == '\'' ||
          u == '<' || u == '=' || u == '`')
        break;
      e++;
    }
    if (e > t->pos) { S_add_in(t, &a->value, &t->tagbuf, t->pos, e - t->pos); t->pos = e; }
    c = S_getc(t);
    if (S_is_ws(c)) t->state = S_BEFORE_ATTR_NAME;
    else if (c == '&') { t->ret_state = S_ATTR_VALUE_UQ; S_charref(t); }
    else if (c == '>') { t->state = H5_DATA; S_emit_tag(t); }
    else if (c == 0) { t->errors++; S_add_bytes(t, &a->value, &t->tagbuf, S_FFFD, 3); }
    else if (c == EOFC) { t->errors++; S_emit_eof(t); }
    else {
      if (c == '"' || c == '\'' || c == '<' || c == '=' || c == '`') t->errors++;
      S_add_cur(t, &a->value, &t->tagbuf, c);
    }
    break;
  }
  case S_AFTER_ATTR_VALUE_Q:
    c = S_getc(t);
    if (S_is_ws(c)) t->state = S_BEFORE_ATTR_NAME;
    else if (c == '/') t->state = S_SELF_CLOSING;
    else if (c == '>') { t->state = H5_DATA; S_emit_tag(t); }
    else if (c == EOFC) { t->errors++; S_emit_eof(t); }
    else { t->errors++; S_reconsume(t); t->state = S_BEFORE_ATTR_NAME; }
    break;
  case S_SELF_CLOSING:
    c = S_getc(t);
    if (c == '>') { t->self_closing = 1; t->state = H5_DATA; S_emit_tag(t); }
    else if (c == EOFC) { t->errors++; S_emit_eof(t); }
    else { t->errors++; S_reconsume(t); t->state = S_BEFORE_ATTR_NAME; }
    break;
  case S_BOGUS_COMMENT:
    S_run_to(t, &t->data, '>', '\r', 0, 0);
    c = S_getc(t);
    if (c == '>') { t->state = H5_DATA; S_emit_comment(t); }
    else if (c == EOFC) { S_emit_comment(t); S_emit_eof(t); }
    else if (c == 0) { t->errors++; S_add_bytes(t, &t->data, &t->tagbuf, S_FFFD, 3); }
    else S_add_cur(t, &t->data, &t->tagbuf, c);
    break;
  case S_MARKUP_OPEN:
    if (t->pos + 2 <= t->len && t->in[t->pos] == '-' && t->in[t->pos + 1] == '-') {
      t->pos += 2;
      S_new_token(t, H5_COMMENT);
      t->state = S_COMMENT_START;
    } else if (S_lookahead_ci(t, t->pos, "doctype", 7)) {
      t->pos += 7;
      t->state = S_DOCTYPE;
    } else if (t->pos + 7 <= t->len && memcmp(t->in + t->pos, "[CDATA[", 7) == 0) {
      t->pos += 7;
      if (t->foreign && t->foreign(t->ctx)) {
        t->state = H5_CDATA_SECTION;
      } else {
        t->errors++;  /* cdata-in-html-content */
        S_new_token(t, H5_COMMENT);
        S_add_in(t, &t->data, &t->tagbuf, t->pos - 7, 7);
        t->state = S_BOGUS_COMMENT;
      }
    } else {
      t->errors++;  /* incorrectly-opened-comment */
      S_new_token(t, H5_COMMENT);
      t->state = S_BOGUS_COMMENT;
    }
    break;
  case S_COMMENT_START:
    c = S_getc(t);
    if (c == '-') t->state = S_COMMENT_START_DASH;
    else if (c == '>') { t->errors++; t->state = H5_DATA; S_emit_comment(t); }
    else { S_reconsume(t); t->state = S_COMMENT; }
    break;
  case S_COMMENT_START_DASH:
    c = S_getc(t);
    if (c == '-') t->state = S_COMMENT_END;
    else if (c == '>') { t->errors++; t->state = H5_DATA; S_emit_comment(t); }
    else if (c == EOFC) { t->errors++; S_emit_comment(t); S_emit_eof(t); }
    else { S_add_bytes(t, &t->data, &t->tagbuf, "-", 1); S_reconsume(t); t->state = S_COMMENT; }
    break;
  case S_COMMENT:
    S_run_to(t, &t->data, '<', '-', '\r', 0);
    c = S_getc(t);
    if (c == '<') { S_add_cur(t, &t->data, &t->tagbuf, c); t->state = S_COMMENT_LT; }
    else if (c == '-') t->state = S_COMMENT_END_DASH;
    else if (c == 0) { t->errors++; S_add_bytes(t, &t->data, &t->tagbuf, S_FFFD, 3); }
    else if (c == EOFC) { t->errors++; S_emit_comment(t); S_emit_eof(t); }
    else S_add_cur(t, &t->data, &t->tagbuf, c);
    break;
  case S_COMMENT_LT:
    c = S_getc(t);
    if (c == '!') { S_add_cur(t, &t->data, &t->tagbuf, c); t->state = S_COMMENT_LT_BANG; }
    else if (c == '<') S_add_cur(t, &t->data, &t->tagbuf, c);
    else { S_reconsume(t); t->state = S_COMMENT; }
    break;
  case S_COMMENT_LT_BANG:
    c = S_getc(t);
    if (c == '-') t->state = S_COMMENT_LT_BANG_DASH;
    else { S_reconsume(t); t->state = S_COMMENT; }
    break;
  case S_COMMENT_LT_BANG_DASH:
    c = S_getc(t);
    if (c == '-') t->state = S_COMMENT_LT_BANG_DASH_DASH;
    else { S_reconsume(t); t->state = S_COMMENT_END_DASH; }
    break;
  case S_COMMENT_LT_BANG_DASH_DASH:
    c = S_getc(t);
    if (c != '>' && c != EOFC) t->errors++;  /* nested-comment */
    S_reconsume(t);
    t->state = S_COMMENT_END;
    break;
  case S_COMMENT_END_DASH:
    c = S_getc(t);
    if (c == '-') t->state = S_COMMENT_END;
    else if (c == EOFC) { t->errors++; S_emit_comment(t); S_emit_eof(t); }
    else { S_add_bytes(t, &t->data, &t->tagbuf, "-", 1); S_reconsume(t); t->state = S_COMMENT; }
    break;
  case S_COMMENT_END:
    c = S_getc(t);
    if (c == '>') { t->state = H5_DATA; S_emit_comment(t); }
    else if (c == '!') t->state = S_COMMENT_END_BANG;
    else if (c == '-') S_add_bytes(t, &t->data, &t->tagbuf, "-", 1);
    else if (c == EOFC) { t->errors++; S_emit_comment(t); S_emit_eof(t); }
    else { S_add_bytes(t, &t->data, &t->tagbuf, "--", 2); S_reconsume(t); t->state = S_COMMENT; }
    break;
  case S_COMMENT_END_BANG:
    c = S_getc(t);
    if (c == '-') { S_add_bytes(t, &t->data, &t->tagbuf, "--!", 3); t->state = S_COMMENT_END_DASH; }
    else if (c == '>') { t->errors++; t->state = H5_DATA; S_emit_comment(t); }
    else if (c == EOFC) { t->errors++; S_emit_comment(t); S_emit_eof(t); }
    else { S_add_bytes(t, &t->data, &t->tagbuf, "--!", 3); S_reconsume(t); t->state = S_COMMENT; }
    break;
  case S_DOCTYPE:
    c = S_getc(t);
    if (S_is_ws(c)) t->state = S_BEFORE_DOCTYPE_NAME;
    else if (c == '>') { S_reconsume(t); t->state = S_BEFORE_DOCTYPE_NAME; }
    else if (c == EOFC) {
      t->errors++;
      S_new_token(t, H5_DOCTYPE);
      t->force_quirks = 1;
      S_emit_doctype(t);
      S_emit_eof(t);
    } else { t->errors++; S_reconsume(t); t->state = S_BEFORE_DOCTYPE_NAME; }
    break;
  case S_BEFORE_DOCTYPE_NAME:
    c = S_getc(t);
    if (S_is_ws(c)) break;
    S_new_token(t, H5_DOCTYPE);
    if (c == '>') { t->errors++; t->force_quirks = 1; t->state = H5_DATA; S_emit_doctype(t); }
    else if (c == EOFC) { t->errors++; t->force_quirks = 1; S_emit_doctype(t); S_emit_eof(t); }
    else {
      t->has_name = 1;
      if (c == 0) { t->errors++; S_add_bytes(t, &t->name, &t->tagbuf, S_FFFD, 3); }
      else S_add_lower(t, &t->name, &t->tagbuf, c);
      t->state = S_DOCTYPE_NAME;
    }
    break;
  case S_DOCTYPE_NAME:
    c = S_getc(t);
    if (S_is_ws(c)) t->state = S_AFTER_DOCTYPE_NAME;
    else if (c == '>') { t->state = H5_DATA; S_emit_doctype(t); }
    else if (c == 0) { t->errors++; S_add_bytes(t, &t->name, &t->tagbuf, S_FFFD, 3); }
    else if (c == EOFC) { t->errors++; t->force_quirks = 1; S_emit_doctype(t); S_emit_eof(t); }
    else S_add_lower(t, &t->name, &t->tagbuf, c);
    break;
  case S_AFTER_DOCTYPE_NAME:
    c = S_getc(t);
    if (S_is_ws(c)) break;
    if (c == '>') { t->state = H5_DATA; S_emit_doctype(t); }
    else if (c == EOFC) { t->errors++; t->force_quirks = 1; S_emit_doctype(t); S_emit_eof(t); }
    else if (S_lookahead_ci(t, t->pos - 1, "public", 6)) { t->pos += 5; t->state = S_AFTER_DOCTYPE_PUBLIC_KW; }
    else if (S_lookahead_ci(t, t->pos - 1, "system", 6)) { t->pos += 5; t->state = S_AFTER_DOCTYPE_SYSTEM_KW; }
    else { t->errors++; t->force_quirks = 1; S_reconsume(t); t->state = S_BOGUS_DOCTYPE; }
    break;
  case S_AFTER_DOCTYPE_PUBLIC_KW:
  case S_BEFORE_DOCTYPE_PUBLIC_ID:
  case S_AFTER_DOCTYPE_SYSTEM_KW:
  case S_BEFORE_DOCTYPE_SYSTEM_ID: {
    int pub = t->state == S_AFTER_DOCTYPE_PUBLIC_KW || t->state == S_BEFORE_DOCTYPE_PUBLIC_ID;
    int kw = t->state == S_AFTER_DOCTYPE_PUBLIC_KW || t->state == S_AFTER_DOCTYPE_SYSTEM_KW;
    c = S_getc(t);
    if (S_is_ws(c)) {
      if (kw) t->state = pub ? S_BEFORE_DOCTYPE_PUBLIC_ID : S_BEFORE_DOCTYPE_SYSTEM_ID;
    } else if (c == '"' || c == '\'') {
      if (kw) t->errors++;  /* missing whitespace after the keyword */
      if (pub) { t->has_pub = 1; t->pub = S_empty_span; }
      else { t->has_sys = 1; t->sys = S_empty_span; }
      t->state = pub ? (c == '"' ? S_DOCTYPE_PUBLIC_ID_DQ : S_DOCTYPE_PUBLIC_ID_SQ)
                     : (c == '"' ? S_DOCTYPE_SYSTEM_ID_DQ : S_DOCTYPE_SYSTEM_ID_SQ);
    } else if (c == '>') { t->errors++; t->force_quirks = 1; t->state = H5_DATA; S_emit_doctype(t); }
    else if (c == EOFC) { t->errors++; t->force_quirks = 1; S_emit_doctype(t); S_emit_eof(t); }
    else { t->errors++; t->force_quirks = 1; S_reconsume(t); t->state = S_BOGUS_DOCTYPE; }
    break;
  }
  case S_DOCTYPE_PUBLIC_ID_DQ:
  case S_DOCTYPE_PUBLIC_ID_SQ:
  case S_DOCTYPE_SYSTEM_ID_DQ:
  case S_DOCTYPE_SYSTEM_ID_SQ: {
    int pub = t->state == S_DOCTYPE_PUBLIC_ID_DQ || t->state == S_DOCTYPE_PUBLIC_ID_SQ;
    uint8_t q = (t->state == S_DOCTYPE_PUBLIC_ID_DQ || t->state == S_DOCTYPE_SYSTEM_ID_DQ) ? '"' : '\'';
    h5_span *s = pub ? &t->pub : &t->sys;
    S_run_to(t, s, q, '>', '\r', 0);
    c = S_getc(t);
    if (c == q) t->state = pub ? S_AFTER_DOCTYPE_PUBLIC_ID : S_AFTER_DOCTYPE_SYSTEM_ID;
    else if (c == 0) { t->errors++; S_add_bytes(t, s, &t->tagbuf, S_FFFD, 3); }
    else if (c == '>') { t->errors++; t->force_quirks = 1; t->state = H5_DATA; S_emit_doctype(t); }
    else if (c == EOFC) { t->errors++; t->force_quirks = 1; S_emit_doctype(t); S_emit_eof(t); }
    else S_add_cur(t, s, &t->tagbuf, c);
    break;
  }
  case S_AFTER_DOCTYPE_PUBLIC_ID:
  case S_BETWEEN_DOCTYPE_IDS: {
    int after = t->state == S_AFTER_DOCTYPE_PUBLIC_ID;
    c = S_getc(t);
    if (S_is_ws(c)) { if (after) t->state = S_BETWEEN_DOCTYPE_IDS; }
    else if (c == '>') { t->state = H5_DATA; S_emit_doctype(t); }
    else if (c == '"' || c == '\'') {
      if (after) t->errors++;
      t->has_sys = 1;
      t->sys = S_empty_span;
      t->state = c == '"' ? S_DOCTYPE_SYSTEM_ID_DQ : S_DOCTYPE_SYSTEM_ID_SQ;
    } else if (c == EOFC) { t->errors++; t->force_quirks = 1; S_emit_doctype(t); S_emit_eof(t); }
    else { t->errors++; t->force_quirks = 1; S_reconsume(t); t->state = S_BOGUS_DOCTYPE; }
    break;
  }
  case S_AFTER_DOCTYPE_SYSTEM_ID:
    c = S_getc(t);
    if (S_is_ws(c)) break;
    if (c == '>') { t->state = H5_DATA; S_emit_doctype(t); }
    else if (c == EOFC) { t->errors++; t->force_quirks = 1; S_emit_doctype(t); S_emit_eof(t); }
    else { t->errors++; S_reconsume(t); t->state = S_BOGUS_DOCTYPE; }
    break;
  case S_BOGUS_DOCTYPE: {
    size_t e = S_scan4(t->in, t->pos, t->len, '>', 0, '>', 0);
    if (e < t->len && t->in[e] == 0) t->errors++;
    t->pos = e;
    c = S_getc(t);
    if (c == '>') { t->state = H5_DATA; S_emit_doctype(t); }
    else if (c == EOFC) { S_emit_doctype(t); S_emit_eof(t); }
    break;
  }
  case H5_CDATA_SECTION:
    S_run(t, ']', '\r', ']', '\r');
    c = S_getc(t);
    if (c == ']') t->state = S_CDATA_BRACKET;
    else if (c == EOFC) { t->errors++; S_emit_eof(t); }
    else S_chars_cur(t, c);
    break;
  case S_CDATA_BRACKET:
    c = S_getc(t);
    if (c == ']') t->state = S_CDATA_END;
    else { S_chars_lit(t, "]", 1); S_reconsume(t); t->state = H5_CDATA_SECTION; }
    break;
  case S_CDATA_END:
    c = S_getc(t);
    if (c == ']') S_chars_lit(t, "]", 1);
    else if (c == '>') t->state = H5_DATA;
    else { S_chars_lit(t, "]]", 2); S_reconsume(t); t->state = H5_CDATA_SECTION; }
    break;
  default:
    t->state = H5_DATA;
    break;
  }
}

int h5_tokenize(h5_tokenizer *t) {
  while (!t->stop && !t->oom) S_step(t);
  if (t->oom) return -1;
  return t->stop == -2 ? 0 : t->stop;
}
