/* date.c - a hand-written, bounded date scanner (no regex, no backtracking).
 *
 * The input (at most 256 bytes) is cut into tokens — numbers, words,
 * punctuation — and the tokens are matched against a few shapes: numeric
 * triplets (2023-02-28, 28.02.2023, 02/28/2023), a month name with its day
 * and year next to it (in either order), CJK 年月日, compact 20230228, and a
 * clock time with am/pm and a zone. */
#include "meta/date.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"

#define MAXTOK 96

enum { T_NUM, T_WORD, T_PUNCT };

typedef struct tok {
  int kind;
  int sp;            /* preceded by whitespace */
  long long val;     /* number value (saturated) */
  int nd;            /* number of digits */
  char c;            /* punctuation character */
  char w[24];        /* word, lower-cased (ASCII and Latin-1 letters) */
  size_t wl;
  size_t off, end;   /* byte span in the input */
} tok;

static int S_is_letter_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static size_t S_tokenize(const unsigned char *s, size_t n, tok *t, size_t max) {
  size_t k = 0, i = 0;
  int sp = 1;
  while (i < n && k < max) {
    unsigned char c = s[i];
    if (pith_is_space(c) || c < 0x20 || c == 0x7F) { sp = 1; i++; continue; }
    /* NBSP and other Unicode spaces count as space */
    if (c == 0xC2 && i + 1 < n && s[i + 1] == 0xA0) { sp = 1; i += 2; continue; }
    if (c == 0xE2 && i + 2 < n && s[i + 1] == 0x80 && (s[i + 2] <= 0x8B || s[i + 2] == 0xAF)) {
      sp = 1; i += 3; continue;
    }
    /* CJK/fullwidth punctuation we do not care about: treat as space */
    if (c == 0xE3 && i + 2 < n && s[i + 1] == 0x80 && (s[i + 2] == 0x80 || s[i + 2] == 0x81)) {
      sp = 1; i += 3; continue;
    }
    tok *x = &t[k];
    memset(x, 0, sizeof *x);
    x->off = i;
    x->sp = sp;
    sp = 0;
    if (c >= '0' && c <= '9') {
      x->kind = T_NUM;
      while (i < n && s[i] >= '0' && s[i] <= '9') {
        if (x->val < 100000000000000LL) x->val = x->val * 10 + (s[i] - '0');
        x->nd++;
        i++;
      }
      x->end = i;
      k++;
      continue;
    }
    if (S_is_letter_byte(c)) {
      x->kind = T_WORD;
      /* CJK date characters are single-character words */
      if (c >= 0xE0 && c < 0xF0 && i + 2 < n &&
          ((c == 0xE5 && s[i + 1] == 0xB9 && s[i + 2] == 0xB4) ||   /* 年 */
           (c == 0xE6 && s[i + 1] == 0x9C && s[i + 2] == 0x88) ||   /* 月 */
           (c == 0xE6 && s[i + 1] == 0x97 && s[i + 2] == 0xA5) ||   /* 日 */
           (c == 0xEB && s[i + 1] == 0x85 && s[i + 2] == 0x84) ||   /* 년 */
           (c == 0xEC && s[i + 1] == 0x9B && s[i + 2] == 0x94) ||   /* 월 */
           (c == 0xEC && s[i + 1] == 0x9D && s[i + 2] == 0xBC))) {  /* 일 */
        memcpy(x->w, s + i, 3);
        x->wl = 3;
        i += 3;
        x->end = i;
        k++;
        continue;
      }
      while (i < n && S_is_letter_byte(s[i])) {
        unsigned char d = s[i];
        /* NBSP and other Unicode spaces end a word */
        if (d == 0xC2 && i + 1 < n && s[i + 1] == 0xA0) break;
        if (d == 0xE2 && i + 2 < n && s[i + 1] == 0x80 && (s[i + 2] <= 0x8B || s[i + 2] == 0xAF)) break;
        if (d == 0xE3 && i + 2 < n && s[i + 1] == 0x80 && (s[i + 2] == 0x80 || s[i + 2] == 0x81)) break;
        /* stop before a CJK date character so "2月" splits */
        if (d >= 0xE0 && d < 0xF0 && i + 2 < n &&
            ((d == 0xE5 && s[i + 1] == 0xB9 && s[i + 2] == 0xB4) ||
             (d == 0xE6 && s[i + 1] == 0x9C && s[i + 2] == 0x88) ||
             (d == 0xE6 && s[i + 1] == 0x97 && s[i + 2] == 0xA5)))
          break;
        if (x->wl + 1 < sizeof x->w) {
          if (d >= 'A' && d <= 'Z') d = (unsigned char)(d + 32);
          /* Latin-1 capitals (U+00C0-U+00DE, except U+00D7) to small */
          if (x->wl > 0 && (unsigned char)x->w[x->wl - 1] == 0xC3 && d >= 0x80 && d <= 0x9E && d != 0x97)
            d = (unsigned char)(d + 0x20);
          /* Latin Extended-A capitals (Ş, Ł, Č...) to small: the next code point */
          if (x->wl > 0 && ((unsigned char)x->w[x->wl - 1] == 0xC4 || (unsigned char)x->w[x->wl - 1] == 0xC5) &&
              d >= 0x80 && d <= 0xBF) {
            unsigned cp = (((unsigned char)x->w[x->wl - 1] & 0x1Fu) << 6) | (d & 0x3Fu);
            int up = ((cp <= 0x137 || (cp >= 0x14A && cp <= 0x177)) && !(cp & 1)) ||
                     (((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) && (cp & 1));
            if (up) {
              cp++;
              x->w[x->wl - 1] = (char)(0xC0 | (cp >> 6));
              d = (unsigned char)(0x80 | (cp & 0x3F));
            }
          }
          x->w[x->wl++] = (char)d;
        } else {
          x->wl = sizeof x->w; /* too long: never matches anything */
        }
        i++;
      }
      if (x->wl >= sizeof x->w) x->wl = 0, x->w[0] = 0;
      x->end = i;
      k++;
      continue;
    }
    x->kind = T_PUNCT;
    x->c = (char)c;
    i++;
    x->end = i;
    k++;
  }
  return k;
}

static int S_weq(const tok *t, const char *w) {
  return t->kind == T_WORD && t->w[0] == w[0] && t->wl == strlen(w) && memcmp(t->w, w, t->wl) == 0;
}
static int S_punct(const tok *t, char c) { return t->kind == T_PUNCT && t->c == c; }

/* Month names (lower case, UTF-8). Abbreviations match as prefixes (>= 3
 * bytes) when all matching names agree on the month. */
static const struct { const char *name; int m; } S_months[] = {
  {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
  {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11},
  {"december", 12},
  /* German */
  {"januar", 1}, {"j\xc3\xa4nner", 1}, {"februar", 2}, {"m\xc3\xa4rz", 3}, {"maerz", 3},
  {"mai", 5}, {"juni", 6}, {"juli", 7}, {"oktober", 10}, {"dezember", 12},
  /* French */
  {"janvier", 1}, {"f\xc3\xa9vrier", 2}, {"fevrier", 2}, {"mars", 3}, {"avril", 4},
  {"juin", 6}, {"juillet", 7}, {"ao\xc3\xbbt", 8}, {"aout", 8}, {"septembre", 9},
  {"octobre", 10}, {"novembre", 11}, {"d\xc3\xa9" "cembre", 12}, {"decembre", 12},
  /* Spanish */
  {"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5}, {"junio", 6},
  {"julio", 7}, {"agosto", 8}, {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},
  {"noviembre", 11}, {"diciembre", 12},
  /* Italian */
  {"gennaio", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5}, {"giugno", 6},
  {"luglio", 7}, {"settembre", 9}, {"ottobre", 10}, {"dicembre", 12},
  /* Portuguese */
  {"janeiro", 1}, {"fevereiro", 2}, {"mar\xc3\xa7o", 3}, {"maio", 5}, {"junho", 6},
  {"julho", 7}, {"setembro", 9}, {"outubro", 10}, {"dezembro", 12},
  /* Dutch */
  {"januari", 1}, {"februari", 2}, {"maart", 3}, {"mei", 5}, {"augustus", 8},
  /* Indonesian (the others are spelled as in Dutch, German or English) */
  {"maret", 3}, {"agustus", 8}, {"desember", 12},
  /* Polish (dates use the genitive: "12 maja 2023") */
  {"stycznia", 1}, {"lutego", 2}, {"marca", 3}, {"kwietnia", 4}, {"maja", 5}, {"czerwca", 6},
  {"lipca", 7}, {"sierpnia", 8}, {"wrze\xc5\x9bnia", 9}, {"pa\xc5\xba" "dziernika", 10},
  {"listopada", 11}, {"grudnia", 12},
  /* Turkish */
  {"ocak", 1}, {"\xc5\x9fubat", 2}, {"mart", 3}, {"nisan", 4}, {"may\xc4\xb1s", 5}, {"haziran", 6},
  {"temmuz", 7}, {"a\xc4\x9fustos", 8}, {"eyl\xc3\xbcl", 9}, {"ekim", 10}, {"kas\xc4\xb1m", 11},
  {"aral\xc4\xb1k", 12},
};

#define NMONTHS (sizeof S_months / sizeof S_months[0])
/* The names by first byte (chains of indexes, -1 ends), built once. */
static signed char S_mhead[256], S_mnext[NMONTHS];
static unsigned char S_mlen[NMONTHS];
static pthread_once_t S_monce = PTHREAD_ONCE_INIT;
static void S_month_index(void) {
  memset(S_mhead, -1, sizeof S_mhead);
  for (size_t i = NMONTHS; i-- > 0;) {
    unsigned char f = (unsigned char)S_months[i].name[0];
    S_mnext[i] = S_mhead[f];
    S_mhead[f] = (signed char)i;
    S_mlen[i] = (unsigned char)strlen(S_months[i].name);
  }
}

static int S_month(const tok *t) {
  if (t->kind != T_WORD || t->wl < 3) return 0;
  pthread_once(&S_monce, S_month_index);
  int found = 0;
  for (int i = S_mhead[(unsigned char)t->w[0]]; i >= 0; i = S_mnext[i]) {
    size_t ml = S_mlen[i];
    if (t->wl > ml || memcmp(S_months[i].name, t->w, t->wl) != 0) continue;
    if (t->wl < ml) {
      /* an abbreviation: "ago" (English) and "mar" as in "martes" are fine
       * only as real prefixes; "ago", "des" (French) and "tem" (Portuguese)
       * are too common words */
      if (t->wl == 3 && (!memcmp(t->w, "ago", 3) || !memcmp(t->w, "des", 3) || !memcmp(t->w, "tem", 3)))
        continue;
    }
    if (found && found != S_months[i].m) return 0; /* ambiguous ("jui") */
    found = S_months[i].m;
  }
  return found;
}

static int S_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
static int S_mdays(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && S_leap(y) ? 29 : d[m - 1];
}
static int S_valid(int y, int m, int d) {
  return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= S_mdays(y, m);
}

/* Days since 1970-01-01 for a civil date, and back. */
static long long S_days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  long long era = (y >= 0 ? y : y - 399) / 400;
  long long yoe = y - era * 400;
  long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}
static void S_civil_from_days(long long z, int *y, int *m, int *d) {
  z += 719468;
  long long era = (z >= 0 ? z : z - 146096) / 146097;
  long long doe = z - era * 146097;
  long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long yy = yoe + era * 400;
  long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long long mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yy + (*m <= 2));
}

int pith_date_from_epoch(long long secs, char out[40]) {
  out[0] = 0;
  if (secs < 631152000LL || secs > 4133980799LL) return 0; /* 1990 .. 2100 */
  long long days = secs / 86400, rem = secs % 86400;
  int y, m, d;
  S_civil_from_days(days, &y, &m, &d);
  if (!S_valid(y, m, d)) return 0;
  snprintf(out, 40, "%04d-%02d-%02dT%02d:%02d:%02d+00:00", y, m, d, (int)(rem / 3600),
           (int)(rem / 60 % 60), (int)(rem % 60));
  return 1;
}

/* US daylight saving time (second Sunday of March to first Sunday of
 * November), by date only. */
static int S_us_dst(int y, int m, int d) {
  if (m < 3 || m > 11) return 0;
  if (m > 3 && m < 11) return 1;
  /* weekday of the 1st: 0 = Sunday */
  int wd1 = (int)((S_days_from_civil(y, m, 1) % 7 + 11) % 7); /* 1970-01-01 was a Thursday */
  int first_sun = 1 + (7 - wd1) % 7;
  if (m == 3) return d >= first_sun + 7;
  return d < first_sun;
}
/* Zone word to minutes east of UTC. *known = 1 when recognised. kind 1/2
 * mark US / EU generic zones whose offset depends on the date. */
static int S_zone_word(const tok *t, int *off, int *generic) {
  static const struct { const char *w; int off; int g; } z[] = {
    {"z", 0, 0}, {"gmt", 0, 0}, {"utc", 0, 0}, {"ut", 0, 0},
    {"est", -300, 0}, {"edt", -240, 0}, {"et", -300, 1},
    {"cst", -360, 0}, {"cdt", -300, 0}, {"ct", -360, 1},
    {"mst", -420, 0}, {"mdt", -360, 0}, {"mt", -420, 1},
    {"pst", -480, 0}, {"pdt", -420, 0}, {"pt", -480, 1},
    {"akst", -540, 0}, {"akdt", -480, 0}, {"hst", -600, 0},
    {"bst", 60, 0}, {"cet", 60, 0}, {"cest", 120, 0}, {"met", 60, 0}, {"mez", 60, 0},
    {"mesz", 120, 0}, {"eet", 120, 0}, {"eest", 180, 0}, {"wet", 0, 0}, {"west", 60, 0},
    {"jst", 540, 0}, {"kst", 540, 0}, {"aest", 600, 0}, {"aedt", 660, 0},
    {"nzst", 720, 0}, {"nzdt", 780, 0}, {"sgt", 480, 0}, {"hkt", 480, 0},
  };
  if (t->kind != T_WORD) return 0;
  for (size_t i = 0; i < sizeof z / sizeof z[0]; i++)
    if (S_weq(t, z[i].w)) {
      *off = z[i].off;
      *generic = z[i].g;
      return 1;
    }
  return 0;
}

typedef struct when {
  size_t t0;         /* first token of the date */
  int y, m, d;
  int has_time, H, M, S;
  int has_zone, zoff, zgeneric;
} when;

/* Try to read a clock time at token i: H:MM[:SS[.frac]] [am|pm] [zone].
 * Returns the index after it, or 0. */
static size_t S_time(const tok *t, size_t n, size_t i, when *w) {
  if (i + 2 >= n) return 0;
  if (t[i].kind != T_NUM || t[i].nd > 2 || !S_punct(&t[i + 1], ':') || t[i + 1].sp ||
      t[i + 2].kind != T_NUM || t[i + 2].nd != 2 || t[i + 2].sp)
    return 0;
  int H = (int)t[i].val, M = (int)t[i + 2].val, S = 0;
  size_t j = i + 3;
  if (j + 1 < n && S_punct(&t[j], ':') && !t[j].sp && t[j + 1].kind == T_NUM && t[j + 1].nd == 2 &&
      !t[j + 1].sp) {
    S = (int)t[j + 1].val;
    j += 2;
    if (j + 1 < n && (S_punct(&t[j], '.') || S_punct(&t[j], ',')) && !t[j].sp &&
        t[j + 1].kind == T_NUM && !t[j + 1].sp)
      j += 2; /* fractional seconds */
  }
  if (H > 23 || M > 59 || S > 60) return 0;
  /* am / pm, "a.m." */
  int ampm = 0;
  if (j < n && (S_weq(&t[j], "am") || S_weq(&t[j], "pm"))) {
    ampm = t[j].w[0] == 'a' ? 1 : 2;
    j++;
  } else if (j + 2 < n && (S_weq(&t[j], "a") || S_weq(&t[j], "p")) && S_punct(&t[j + 1], '.') &&
             S_weq(&t[j + 2], "m")) {
    ampm = t[j].w[0] == 'a' ? 1 : 2;
    j += 3;
    if (j < n && S_punct(&t[j], '.')) j++;
  }
  if (ampm) {
    if (H < 1 || H > 12) return 0;
    if (ampm == 1 && H == 12) H = 0;
    if (ampm == 2 && H != 12) H += 12;
  }
  w->has_time = 1;
  w->H = H;
  w->M = M;
  w->S = S > 59 ? 59 : S;
  /* zone */
  int off, g;
  size_t z = j;
  if (z < n && S_punct(&t[z], '(')) z++;
  if (z < n && S_zone_word(&t[z], &off, &g)) {
    w->has_zone = 1;
    w->zoff = off;
    w->zgeneric = g;
    j = z + 1;
    /* "GMT+1", "UTC+05:30" */
    if (j + 1 < n && (S_punct(&t[j], '+') || S_punct(&t[j], '-')) && t[j + 1].kind == T_NUM &&
        t[j + 1].nd <= 2 && t[j + 1].val <= 14 && off == 0 && !g) {
      int sign = S_punct(&t[j], '-') ? -1 : 1;
      int mins = (int)t[j + 1].val * 60;
      j += 2;
      if (j + 1 < n && S_punct(&t[j], ':') && t[j + 1].kind == T_NUM && t[j + 1].nd == 2) {
        mins += (int)t[j + 1].val;
        j += 2;
      }
      w->zoff = sign * mins;
    }
  } else if (j + 1 < n && (S_punct(&t[j], '+') || S_punct(&t[j], '-')) && t[j + 1].kind == T_NUM &&
             !t[j + 1].sp) {
    int sign = S_punct(&t[j], '-') ? -1 : 1;
    int hh = -1, mm = 0;
    if (t[j + 1].nd == 4) {
      hh = (int)(t[j + 1].val / 100);
      mm = (int)(t[j + 1].val % 100);
      j += 2;
    } else if (t[j + 1].nd <= 2) {
      hh = (int)t[j + 1].val;
      j += 2;
      if (j + 1 < n && S_punct(&t[j], ':') && !t[j].sp && t[j + 1].kind == T_NUM && t[j + 1].nd == 2) {
        mm = (int)t[j + 1].val;
        j += 2;
      }
    }
    if (hh >= 0 && hh <= 14 && mm < 60) {
      w->has_zone = 1;
      w->zoff = sign * (hh * 60 + mm);
      w->zgeneric = 0;
    }
  }
  return j;
}

/* Skip filler tokens between a month name and its day/year. */
static int S_filler(const tok *t) {
  if (t->kind == T_PUNCT) return t->c == '.' || t->c == ',' || t->c == '-' || t->c == '/';
  return S_weq(t, "de") || S_weq(t, "del") || S_weq(t, "of") || S_weq(t, "the") ||
         S_weq(t, "st") || S_weq(t, "nd") || S_weq(t, "rd") || S_weq(t, "th") ||
         S_weq(t, "er") || S_weq(t, "\xc2\xba") || S_weq(t, "\xc2\xb0");
}

static int S_is_day(const tok *t) { return t->kind == T_NUM && t->nd <= 2 && t->val >= 1 && t->val <= 31; }
static int S_is_year(const tok *t) { return t->kind == T_NUM && t->nd == 4 && t->val >= 1990 && t->val <= 2100; }

/* A date at token i; returns index after it or 0. */
static size_t S_date_at(const tok *t, size_t n, size_t i, when *w) {
  const tok *a = &t[i];
  /* numeric triplet with one separator kind */
  if (a->kind == T_NUM && i + 4 < n) {
    const tok *s1 = &t[i + 1], *b = &t[i + 2], *s2 = &t[i + 3], *c = &t[i + 4];
    if (s1->kind == T_PUNCT && s2->kind == T_PUNCT && s1->c == s2->c &&
        (s1->c == '-' || s1->c == '/' || s1->c == '.') && !s1->sp && !b->sp && !s2->sp && !c->sp &&
        b->kind == T_NUM && c->kind == T_NUM && b->nd <= 2) {
      int y = 0, m = 0, d = 0;
      if (a->nd == 4 && c->nd <= 2) {
        y = (int)a->val, m = (int)b->val, d = (int)c->val;
      } else if (a->nd <= 2 && (c->nd == 4 || (c->nd == 2 && s1->c == '/'))) {
        y = (int)c->val;
        if (c->nd == 2) y += 2000;
        int p = (int)a->val, q = (int)b->val;
        if (s1->c == '/') {
          /* US order unless the first part cannot be a month */
          if (p > 12) m = q, d = p;
          else m = p, d = q;
        } else {
          if (q > 12 && p <= 12) m = p, d = q;
          else d = p, m = q;
        }
      }
      if (y && S_valid(y, m, d)) {
        w->y = y, w->m = m, w->d = d, w->t0 = i;
        size_t j = i + 5;
        /* ISO "T" or space before the time */
        if (j < n && S_weq(&t[j], "t") && !t[j].sp) j++;
        else if (j < n && (S_punct(&t[j], ',') || S_weq(&t[j], "at") || S_punct(&t[j], '|') ||
                           S_punct(&t[j], '-')))
          j++;
        size_t e = S_time(t, n, j, w);
        return e ? e : i + 5;
      }
    }
  }
  /* compact 20230228 [T103000[Z]] */
  if (a->kind == T_NUM && a->nd == 8) {
    int y = (int)(a->val / 10000), m = (int)(a->val / 100 % 100), d = (int)(a->val % 100);
    if (S_valid(y, m, d)) {
      w->y = y, w->m = m, w->d = d, w->t0 = i;
      size_t j = i + 1;
      if (j + 1 < n && S_weq(&t[j], "t") && t[j + 1].kind == T_NUM && (t[j + 1].nd == 4 || t[j + 1].nd == 6)) {
        long long v = t[j + 1].val;
        int H, M, S = 0;
        if (t[j + 1].nd == 6) S = (int)(v % 100), v /= 100;
        H = (int)(v / 100), M = (int)(v % 100);
        if (H < 24 && M < 60 && S < 61) {
          w->has_time = 1, w->H = H, w->M = M, w->S = S > 59 ? 59 : S;
          j += 2;
          if (j < n && S_weq(&t[j], "z")) w->has_zone = 1, w->zoff = 0, j++;
        }
      }
      return j;
    }
  }
  /* CJK: 2023年2月28日 */
  if (S_is_year(a) && i + 4 < n && S_weq(&t[i + 1], "\xe5\xb9\xb4") && t[i + 2].kind == T_NUM &&
      S_weq(&t[i + 3], "\xe6\x9c\x88") && t[i + 4].kind == T_NUM) {
    int y = (int)a->val, m = (int)t[i + 2].val, d = (int)t[i + 4].val;
    if (S_valid(y, m, d)) {
      w->y = y, w->m = m, w->d = d, w->t0 = i;
      return i + 5 < n && S_weq(&t[i + 5], "\xe6\x97\xa5") ? i + 6 : i + 5;
    }
  }
  if (S_is_year(a) && i + 4 < n && S_weq(&t[i + 1], "\xeb\x85\x84") && t[i + 2].kind == T_NUM &&
      S_weq(&t[i + 3], "\xec\x9b\x94") && t[i + 4].kind == T_NUM) {
    int y = (int)a->val, m = (int)t[i + 2].val, d = (int)t[i + 4].val;
    if (S_valid(y, m, d)) {
      w->y = y, w->m = m, w->d = d, w->t0 = i;
      return i + 5 < n && S_weq(&t[i + 5], "\xec\x9d\xbc") ? i + 6 : i + 5;
    }
  }
  /* month name: "28 February 2023", "February 28, 2023", "28. Februar 2023",
   * "28 de febrero de 2023", "February 28th, 2023", "2023 Feb 28" */
  int mon = S_month(a);
  if (mon) {
    int d = 0, y = 0;
    size_t j = i + 1, end = i + 1, t0 = i;
    /* day before the month */
    size_t k = i;
    int back = 0;
    while (k > 0 && back < 3 && S_filler(&t[k - 1])) k--, back++;
    if (k > 0 && S_is_day(&t[k - 1])) {
      d = (int)t[k - 1].val;
      t0 = k - 1;
      /* then the year after the month */
      while (j < n && j < i + 4 && S_filler(&t[j])) j++;
      if (j < n && S_is_year(&t[j])) y = (int)t[j].val, end = j + 1;
      /* or before the day: "2023. 28. Feb" is rare; skip */
    }
    if (!y) {
      /* day after the month */
      j = i + 1;
      while (j < n && j < i + 3 && S_filler(&t[j])) j++;
      if (j < n && S_is_day(&t[j]) && !(j + 1 < n && S_punct(&t[j + 1], ':'))) {
        int dd = (int)t[j].val;
        size_t q = j + 1;
        while (q < n && q < j + 4 && S_filler(&t[q])) q++;
        t0 = i;
        if (q < n && S_is_year(&t[q])) d = dd, y = (int)t[q].val, end = q + 1;
        else if (k > 1 && S_is_year(&t[k - 1])) d = dd, y = (int)t[k - 1].val, end = j + 1, t0 = k - 1;
        else if (i > 0 && S_is_year(&t[i - 1])) d = dd, y = (int)t[i - 1].val, end = j + 1, t0 = i - 1;
      }
    }
    if (y && S_valid(y, mon, d)) {
      w->y = y, w->m = mon, w->d = d, w->t0 = t0;
      size_t e = end;
      while (e < n && e < end + 3 &&
             (S_punct(&t[e], ',') || S_weq(&t[e], "at") || S_weq(&t[e], "um") ||
              S_weq(&t[e], "\xc3\xa0") || S_weq(&t[e], "a") || S_weq(&t[e], "las") ||
              S_punct(&t[e], '-') || S_punct(&t[e], '|') || S_punct(&t[e], '.') ||
              S_punct(&t[e], '/')))
        e++;
      if (!w->has_time) {
        size_t te = S_time(t, n, e, w);
        if (te) return te;
      }
      return end;
    }
  }
  return 0;
}

/* v as exactly `width` decimal digits (v >= 0, v < 10^width). */
static char *S_digits(char *o, int v, int width) {
  for (int i = width - 1; i >= 0; i--) {
    o[i] = (char)('0' + v % 10);
    v /= 10;
  }
  return o + width;
}

int pith_date_find(const char *s, size_t n, char out[40], size_t *start, size_t *end) {
  out[0] = 0;
  if (!s) return 0;
  if (n > 256) n = 256;
  const char *s0 = s;
  pith_trim(&s, &n);
  if (!n) return 0;
  size_t base = (size_t)(s - s0);
  /* a number only: epoch seconds / milliseconds */
  size_t nd = 0;
  while (nd < n && s[nd] >= '0' && s[nd] <= '9') nd++;
  if (nd == n && (nd == 9 || nd == 10 || nd == 12 || nd == 13)) {
    long long v = 0;
    for (size_t i = 0; i < nd; i++) v = v * 10 + (s[i] - '0');
    if (nd >= 12) v /= 1000;
    if (!pith_date_from_epoch(v, out)) return 0;
    if (start) *start = base;
    if (end) *end = base + n;
    return 1;
  }
  tok t[MAXTOK];
  size_t nt = S_tokenize((const unsigned char *)s, n, t, MAXTOK);
  when w;
  memset(&w, 0, sizeof w);
  size_t time_at = (size_t)-1, e = 0;
  when tw;
  memset(&tw, 0, sizeof tw);
  for (size_t i = 0; i < nt; i++) {
    e = S_date_at(t, nt, i, &w);
    if (e) break;
    /* remember a clock time printed before the date, when it is close
     * ("3:04 PM EST, Tue February 28, 2023") */
    when tmp;
    memset(&tmp, 0, sizeof tmp);
    size_t te = S_time(t, nt, i, &tmp);
    if (te) {
      time_at = i;
      tw = tmp;
      i = te - 1;
    } else if (time_at != (size_t)-1 && i > time_at + 8) {
      time_at = (size_t)-1;
    }
  }
  if (!e) return 0;
  size_t t0 = w.t0;
  if (!w.has_time && tw.has_time && time_at != (size_t)-1) {
    w.has_time = 1, w.H = tw.H, w.M = tw.M, w.S = tw.S;
    w.has_zone = tw.has_zone, w.zoff = tw.zoff, w.zgeneric = tw.zgeneric;
    t0 = time_at;
  }
  if (start) *start = base + t[t0].off;
  if (end) *end = base + t[e - 1].end;
  /* ISO 8601 by hand (snprintf was a third of the cost of a date line);
   * every field is in range here: y 1990..2100, the rest two digits */
  char *o = out;
  o = S_digits(o, w.y, 4);
  *o++ = '-';
  o = S_digits(o, w.m, 2);
  *o++ = '-';
  o = S_digits(o, w.d, 2);
  if (w.has_time) {
    *o++ = 'T';
    o = S_digits(o, w.H, 2);
    *o++ = ':';
    o = S_digits(o, w.M, 2);
    *o++ = ':';
    o = S_digits(o, w.S, 2);
    if (w.has_zone) {
      int off = w.zoff;
      if (w.zgeneric == 1 && S_us_dst(w.y, w.m, w.d)) off += 60;
      /* one shape for every known zone: UTC is "+00:00", not "Z", so
       * consumers can compare the strings without a parser */
      int a = off < 0 ? -off : off;
      *o++ = off < 0 ? '-' : '+';
      o = S_digits(o, a / 60 % 100, 2);
      *o++ = ':';
      o = S_digits(o, a % 60, 2);
    }
  }
  *o = 0;
  return 1;
}

int pith_date_parse(const char *s, size_t n, char out[40]) {
  return pith_date_find(s, n, out, NULL, NULL);
}
