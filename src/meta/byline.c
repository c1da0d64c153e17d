/* byline.c - cleaning bylines and telling people from organisations. */
#include "meta/byline.h"

#include "meta/date.h"
#include "meta/meta.h"
#include "meta/wire.h"

#define MAXB 1024

/* ---- small span helpers ---------------------------------------------- */

static int S_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int S_wordc(unsigned char c) { return S_alpha(c) || (c >= '0' && c <= '9') || c >= 0x80; }

/* Does s start with word w (case-insensitive) followed by a non-letter? */
static size_t S_starts_word(const char *s, size_t n, const char *w) {
  size_t k = strlen(w);
  if (n < k || !pith_istarts(s, n, w)) return 0;
  if (n > k && S_wordc((unsigned char)s[k])) return 0;
  return k;
}

/* Does s end with word w (case-insensitive) preceded by a non-letter? */
static size_t S_ends_word(const char *s, size_t n, const char *w) {
  size_t k = strlen(w);
  if (n < k || !pith_ieq(s + n - k, k, w)) return 0;
  if (n > k && S_wordc((unsigned char)s[n - k - 1])) return 0;
  return k;
}

/* Separator characters (ASCII and a few UTF-8 ones) at s: returns width. */
static size_t S_sep(const char *s, size_t n) {
  unsigned char c = (unsigned char)s[0];
  if (c == ',' || c == '|' || c == ';' || c == ':' || c == '-' || c == '/' || c == '.' || c == '*')
    return 1;
  if (n >= 2 && c == 0xC2 && ((unsigned char)s[1] == 0xB7 || (unsigned char)s[1] == 0xA0)) return 2; /* · nbsp */
  if (n >= 3 && c == 0xE2 && (unsigned char)s[1] == 0x80 &&
      ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94 || (unsigned char)s[2] == 0xA2 ||
       (unsigned char)s[2] == 0xA6))
    return 3; /* – — • … */
  return 0;
}

static void S_trim_junk(const char **sp, size_t *np) {
  const char *s = *sp;
  size_t n = *np;
  static const char *stop_tail[] = {"published", "updated", "posted", "on", "at", "le", "el", "am",
                                    "the", "last", "modified", "aktualisiert", "publié", "publie",
                                    "actualizado", "publicado", "veröffentlicht", "mis à jour",
                                    "and", "und", "et", "y", "&", "date", "time", "by", "von", "par",
                                    "por", "door", "follow", "twitter", "email", "e-mail",
                                    "bio", "more", "monday", "tuesday", "wednesday", "thursday",
                                    "friday", "saturday", "sunday", "today", "yesterday"};
  for (int guard = 0; guard < 64; guard++) {
    pith_trim(&s, &n);
    if (!n) break;
    /* trailing separators */
    size_t w = 0;
    if (n >= 3 && S_sep(s + n - 3, 3) == 3) w = 3;
    else if (n >= 2 && S_sep(s + n - 2, 2) == 2) w = 2;
    else if (S_sep(s + n - 1, 1) == 1 && s[n - 1] != '.') w = 1;
    if (w) { n -= w; continue; }
    /* leading separators */
    w = S_sep(s, n);
    if (w && s[0] != '.') { s += w; n -= w; continue; }
    int hit = 0;
    for (size_t i = 0; i < sizeof stop_tail / sizeof stop_tail[0]; i++) {
      size_t k = S_ends_word(s, n, stop_tail[i]);
      if (k && k < n) { n -= k; hit = 1; break; }
      if (k && k == n) { n = 0; hit = 1; break; }
    }
    if (!hit) break;
  }
  *sp = s;
  *np = n;
}

/* Lines that are only a date stamp / a "published" note. */
static int S_date_line(const char *s, size_t n) {
  static const char *lead[] = {"published", "updated", "posted", "last updated", "modified",
                               "aktualisiert", "veröffentlicht", "publié", "mis à jour",
                               "actualizado", "publicado", "gepubliceerd", "bijgewerkt",
                               "pubblicato", "aggiornato", "on "};
  for (size_t i = 0; i < sizeof lead / sizeof lead[0]; i++)
    if (pith_istarts(s, n, lead[i])) {
      /* "Posted by Jane Roe" is a credit */
      size_t k = strlen(lead[i]);
      const char *r = s + k;
      size_t rn = n - k;
      pith_trim(&r, &rn);
      if (S_starts_word(r, rn, "by") || S_starts_word(r, rn, "von") || S_starts_word(r, rn, "par"))
        return 0;
      return 1;
    }
  return 0;
}

/* "3 hours ago", "5 min read": cut at the number. */
static size_t S_cut_relative(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (!(s[i] >= '0' && s[i] <= '9') || (i && S_wordc((unsigned char)s[i - 1]))) continue;
    size_t j = i;
    while (j < n && s[j] >= '0' && s[j] <= '9') j++;
    /* a clock time ("1:16pm") */
    if (j - i <= 2 && j + 2 < n && s[j] == ':' && s[j + 1] >= '0' && s[j + 1] <= '9' && s[j + 2] >= '0' &&
        s[j + 2] <= '9')
      return i;
    while (j < n && s[j] == ' ') j++;
    const char *r = s + j;
    size_t rn = n - j;
    static const char *units[] = {"min", "mins", "minute", "minutes", "hour", "hours", "hr", "hrs",
                                  "h", "day", "days", "second", "seconds", "sec", "week", "weeks"};
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
      size_t k = S_starts_word(r, rn, units[u]);
      if (!k) continue;
      const char *t = r + k;
      size_t tn = rn - k;
      while (tn && *t == ' ') t++, tn--;
      if (S_starts_word(t, tn, "ago") || S_starts_word(t, tn, "read") || S_starts_word(t, tn, "lesezeit") ||
          tn == 0)
        return i;
    }
  }
  return n;
}

static int S_put(char *buf, size_t cap, size_t *o, const char *s, size_t n) {
  if (*o + n + 1 > cap) return -1;
  memcpy(buf + *o, s, n);
  *o += n;
  buf[*o] = 0;
  return 0;
}

/* Words that pages glue to a name without a space ("Carrie ArnoldNovember
 * 15, 2019", "Jeff FoustMonday", "ERIC TUCKERAssociated Press"). */
static const char *const S_glue[] = {
  "January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
  "Sept", "Oct", "Nov", "Dec", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
  "Saturday", "Sunday", "Updated", "Published", "Posted", "Associated Press", "Reuters"};

/* Copy s to out (cap bytes) inserting a space before a glued word. */
static size_t S_unglue(const char *s, size_t n, char *out, size_t cap) {
  size_t o = 0;
  for (size_t i = 0; i < n && o + 2 < cap; i++) {
    unsigned char c = (unsigned char)s[i];
    if (i > 0 && c >= 'A' && c <= 'Z' && S_alpha((unsigned char)s[i - 1])) {
      for (size_t g = 0; g < sizeof S_glue / sizeof S_glue[0]; g++) {
        size_t gl = strlen(S_glue[g]);
        if (i + gl <= n && !memcmp(s + i, S_glue[g], gl) &&
            (i + gl == n || !S_alpha((unsigned char)s[i + gl]))) {
          /* "McCarthy" stays: only before a known word that is followed by
           * a non-letter */
          out[o++] = ' ';
          break;
        }
      }
    }
    out[o++] = (char)c;
  }
  out[o] = 0;
  return o;
}

/* Drop "@handles" (also glued: "Jane Roe@janeroe") and cut at an e-mail
 * address or a phone number; no space before a comma. In place. */
static size_t S_strip_contacts(char *b, size_t n) {
  size_t o = 0;
  for (size_t i = 0; i < n;) {
    if (b[i] == '@') {
      size_t ts = o;
      while (ts && b[ts - 1] != ' ' && b[ts - 1] != ',' && b[ts - 1] != '|') ts--;
      size_t j = i + 1;
      int dot = 0;
      while (j < n && b[j] != ' ' && b[j] != ',' && b[j] != '|' && b[j] != ')' && b[j] != '(') {
        if (b[j] == '.' && j + 1 < n && b[j + 1] != ' ') dot = 1;
        j++;
      }
      if (dot && ts < o) { /* an e-mail address: the rest is contact details */
        o = ts;
        break;
      }
      i = j;
      continue;
    }
    /* "(509) 459-5382": a phone number ends the credit */
    if ((b[i] == '(' && i + 4 < n && b[i + 1] >= '0' && b[i + 1] <= '9' && b[i + 4] == ')') ||
        (b[i] >= '0' && b[i] <= '9' && i + 7 < n && b[i + 3] == '-' && b[i + 1] >= '0' && b[i + 1] <= '9' &&
         b[i + 2] >= '0' && b[i + 2] <= '9' && (i == 0 || b[i - 1] == ' '))) {
      break;
    }
    if (b[i] == ',' && o && b[o - 1] == ' ') o--;
    b[o++] = b[i++];
  }
  b[o] = 0;
  return pith_meta_collapse(b, b, o);
}

size_t pith_byline_clean(const char *s, size_t n, char *buf, size_t cap) {
  if (!cap) return 0;
  buf[0] = 0;
  if (!s) return 0;
  if (n > MAXB) n = MAXB;
  size_t o = 0;
  size_t i = 0;
  while (i < n) {
    /* one line */
    size_t b = i;
    while (i < n && s[i] != '\n' && s[i] != '\r') i++;
    const char *l = s + b;
    size_t ln = i - b;
    while (i < n && (s[i] == '\n' || s[i] == '\r')) i++;
    pith_trim(&l, &ln);
    if (!ln) continue;
    char ug[MAXB + MAXB / 2];
    ln = S_unglue(l, ln, ug, sizeof ug);
    l = ug;
    if (S_date_line(l, ln)) continue;
    /* cut a date and what follows it; keep what follows when nothing precedes */
    char iso[40];
    size_t ds, de;
    if (pith_date_find(l, ln, iso, &ds, &de)) {
      const char *left = l;
      size_t leftn = ds;
      S_trim_junk(&left, &leftn);
      if (leftn) {
        ln = ds;
      } else {
        l += de;
        ln -= de;
      }
    }
    ln = S_cut_relative(l, ln);
    S_trim_junk(&l, &ln);
    if (!ln) continue;
    if (o) {
      /* a line break between two parts of the credit reads as a comma,
       * except after a bare "By" or before "and ..." */
      const char *sep = ", ";
      static const char *bare[] = {"by", "von", "par", "door", "por", "di", "av", "af", "written by",
                                   "words by", "story by", "text by", "reporting by"};
      for (size_t k = 0; k < sizeof bare / sizeof bare[0]; k++)
        if (pith_ieq(buf, o, bare[k]) || (o > 1 && buf[o - 1] == ':')) sep = " ";
      if (buf[o - 1] == ',' || buf[o - 1] == '|' || buf[o - 1] == '-' || buf[o - 1] == '&') sep = " ";
      if (S_starts_word(l, ln, "and") || S_starts_word(l, ln, "und") || S_starts_word(l, ln, "et") ||
          S_starts_word(l, ln, "y") || l[0] == '&' || l[0] == ',')
        sep = " ";
      if (S_put(buf, cap, &o, sep, strlen(sep))) break;
    }
    if (S_put(buf, cap, &o, l, ln)) break;
  }
  /* collapse whitespace in place */
  o = pith_meta_collapse(buf, buf, o);
  o = S_strip_contacts(buf, o);
  /* leading "By" and friends: phrases always; short foreign words only
   * before a capitalised name; labels only with a colon */
  static const char *phrase[] = {"\xd8\xa8\xd9\x82\xd9\x84\xd9\x85", /* بقلم */
                                 "written by", "words by", "story by", "text by", "reporting by",
                                 "posted by", "published by", "compiled by", "edited by",
                                 "analysis by", "opinion by", "commentary by", "review by",
                                 "column by", "interview by", "reported by", "article by", "by"};
  static const char *shortw[] = {"von", "par", "door", "por", "di", "av", "af", "przez", "van",
                                 "sobre", "napisał", "napisała"};
  static const char *label[] = {"autor", "autorin", "autoren", "author", "authors", "text",
                                "texte", "texto", "redacción", "reportage", "byline", "credit",
                                "\xd1\x82\xd0\xb5\xd0\xba\xd1\x81\xd1\x82",       /* текст */
                                "\xd0\xa2\xd0\xb5\xd0\xba\xd1\x81\xd1\x82",       /* Текст */
                                "\xd0\xb0\xd0\xb2\xd1\x82\xd0\xbe\xd1\x80",       /* автор */
                                "\xd0\x90\xd0\xb2\xd1\x82\xd0\xbe\xd1\x80",       /* Автор */
                                "\xe4\xbd\x9c\xe8\x80\x85", "\xe8\xae\xb0\xe8\x80\x85", /* 作者 记者 */
                                "\xe8\xa8\x98\xe8\x80\x85"};                          /* 記者 */
  const char *p = buf;
  size_t pn = o;
  for (int guard = 0; guard < 4; guard++) {
    const char *q = NULL;
    size_t qn = 0;
    for (int list = 0; list < 3 && !q; list++) {
      const char *const *L = list == 0 ? phrase : list == 1 ? shortw : label;
      size_t LN = list == 0 ? sizeof phrase / sizeof phrase[0]
                : list == 1 ? sizeof shortw / sizeof shortw[0] : sizeof label / sizeof label[0];
      for (size_t k = 0; k < LN; k++) {
        size_t w = S_starts_word(p, pn, L[k]);
        if (!w) continue;
        const char *r = p + w;
        size_t rn = pn - w;
        int colon = 0;
        for (;;) {
          if (rn && (*r == ' ' || *r == ':')) {
            if (*r == ':') colon = 1;
            r++, rn--;
          } else if (rn >= 3 && !memcmp(r, "\xef\xbc\x9a", 3)) { /* fullwidth colon */
            colon = 1;
            r += 3, rn -= 3;
          } else {
            break;
          }
        }
        if (list == 1 && !colon && !(rn && ((*r >= 'A' && *r <= 'Z') || (unsigned char)*r >= 0x80)))
          continue;
        if (list == 2 && !colon) continue;
        q = r, qn = rn;
        break;
      }
    }
    if (!q) break;
    p = q, pn = qn;
  }
  S_trim_junk(&p, &pn);
  if (p != buf) memmove(buf, p, pn);
  buf[pn] = 0;
  return pn;
}

/* ---- people vs organisations ---------------------------------------- */

static const char *const S_org_words[] = {
  "staff", "desk", "team", "editor", "editors", "editorial", "board", "newsroom", "news", "press",
  "agency", "agencies", "media", "network", "group", "inc", "ltd", "llc", "corp", "corporation",
  "company", "times", "post", "journal", "herald", "tribune", "gazette", "magazine", "daily",
  "weekly", "radio", "television", "tv", "channel", "online", "report", "reports", "reporter",
  "reporters", "bureau", "service", "services", "wire", "foundation", "institute", "association",
  "society", "university", "council", "committee", "department", "ministry", "government",
  "organization", "organisation", "contributor", "contributors", "correspondent",
  "correspondents", "writer", "writers", "columnist", "photographer", "photography", "reader",
  "readers", "admin", "administrator", "guest", "redaktion", "redaccion", "rédaction", "redazione",
  "redactie", "dpa", "newsletter", "blog", "official", "office", "club", "center", "centre",
  "partners", "productions", "studio", "studios", "webmaster", "community", "sponsored",
  "content", "unknown", "anonymous", "site", "website", "author", "authors", "published",
  "updated", "story", "article", "share", "follow", "email", "subscribe", "more", "view",
  "profile", "posts", "read", "comments", "click", "here", "http", "https", "www", "com",
  "sport", "sports", "insider", "business", "today", "chronicle", "observer", "telegraph",
  "mirror", "express", "monitor", "bulletin", "courier", "dispatch", "examiner", "inquirer",
  "sentinel", "register", "health", "science", "tech", "politics", "entertainment", "world",
  "digital", "global", "international", "national", "local", "fm", "press", "publishing",
  "publications", "newspaper", "newspapers", "channel", "studios", "labs", "systems",
  "solutions", "technologies", "software", "marketing", "consulting", "agency", "partners",
};

static int S_is_org_word(const char *w, size_t n) {
  if (!n) return 0;
  unsigned char f = pith_lower((unsigned char)w[0]);
  for (size_t i = 0; i < sizeof S_org_words / sizeof S_org_words[0]; i++)
    if (pith_lower((unsigned char)S_org_words[i][0]) == f && pith_ieq(w, n, S_org_words[i])) return 1;
  return 0;
}

int pith_meta_is_org_name(const char *s, size_t n) {
  if (!s) return 0;
  pith_trim(&s, &n);
  if (!n) return 0;
  if (pith_wire_lookup(s, n)) return 1;
  if (S_starts_word(s, n, "the")) return 1;
  size_t i = 0;
  while (i < n) {
    while (i < n && !S_wordc((unsigned char)s[i])) i++;
    size_t b = i;
    while (i < n && S_wordc((unsigned char)s[i])) i++;
    if (i > b && S_is_org_word(s + b, i - b)) return 1;
  }
  return 0;
}

static int S_particle(const char *w, size_t n) {
  static const char *p[] = {"de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "bin",
                            "al", "el", "y", "dos", "das", "del", "ten", "ter", "zu", "of", "e",
                            "ibn", "bint", "do", "d", "della", "st"};
  if (!n) return 0;
  unsigned char f = pith_lower((unsigned char)w[0]);
  for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
    if (p[i][0] == f && pith_ieq(w, n, p[i])) return 1;
  return 0;
}

int pith_byline_is_person(const char *s, size_t n) {
  if (!s) return 0;
  pith_trim(&s, &n);
  if (n < 2 || n > 80) return 0;
  if (pith_ifind(s, n, "://") >= 0 || pith_ifind(s, n, "www.") >= 0 || memchr(s, '@', n) ||
      pith_ifind(s, n, ".com") >= 0)
    return 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= '0' && c <= '9') return 0;
    if (c == '?' || c == '!' || c == '"' || c == '=' || c == '<' || c == '>' || c == '{' || c == '#')
      return 0;
  }
  if (pith_meta_is_org_name(s, n)) return 0;
  size_t words = 0, caps = 0, i = 0;
  while (i < n) {
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    if (i >= n) break;
    size_t b = i;
    while (i < n && s[i] != ' ' && s[i] != '\t') i++;
    const char *w = s + b;
    size_t wn = i - b;
    words++;
    unsigned char c = (unsigned char)w[0];
    if ((c >= 'A' && c <= 'Z') || c >= 0x80) caps++;
    else if (S_particle(w, wn) || (wn >= 2 && w[1] == '\'')) caps++;
    else if (c == '(' || c == '"' || c == '\'') caps++;
  }
  if (!words || words > 6) return 0;
  return caps == words;
}

/* Latin-1 letters in UTF-8: upper (C3 80-9E except 97) / lower (C3 A0-BE). */
size_t pith_byline_name(const char *s, size_t n, char *buf, size_t cap) {
  if (!cap) return 0;
  pith_trim(&s, &n);
  if (n + 1 > cap) n = cap - 1;
  /* drop a trailing "(@handle)" or "(...)" */
  if (n && s[n - 1] == ')') {
    for (size_t i = n; i-- > 0;)
      if (s[i] == '(') {
        size_t k = i;
        while (k && s[k - 1] == ' ') k--;
        if (k) n = k;
        break;
      }
  }
  /* ", MS, RD" / ", PhD" / ", M.D." credentials after the name */
  for (size_t i = 0; i + 1 < n; i++) {
    if (s[i] != ',') continue;
    size_t j = i + 1;
    int cred = 1, any = 0;
    while (j < n && cred) {
      while (j < n && (s[j] == ' ' || s[j] == ',')) j++;
      size_t b = j;
      while (j < n && s[j] != ' ' && s[j] != ',') j++;
      if (j == b) break;
      size_t up = 0, len = 0;
      for (size_t q = b; q < j; q++)
        if (s[q] != '.') {
          len++;
          if (s[q] >= 'A' && s[q] <= 'Z') up++;
        }
      if (len > 5 || len == 0 || (up * 2 < len && !pith_ieq(s + b, j - b, "PhD"))) cred = 0;
      else any = 1;
    }
    if (cred && any) {
      n = i;
      break;
    }
  }
  int lower = 0, upper = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 'a' && c <= 'z') lower++;
    else if (c >= 'A' && c <= 'Z') upper++;
    else if (c == 0xC3 && i + 1 < n) {
      unsigned char d = (unsigned char)s[i + 1];
      if (d >= 0xA0 && d <= 0xBE && d != 0xB7) lower++;
      else if (d >= 0x80 && d <= 0x9E && d != 0x97) upper++;
    }
  }
  memcpy(buf, s, n);
  buf[n] = 0;
  if (lower || upper < 2) return n;
  /* title-case every word: first letter kept, the rest lowered; a letter
   * after an apostrophe or hyphen starts a word ("O'Brien", "Roberts-Grey") */
  int start = 1;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)buf[i];
    if (c >= 'A' && c <= 'Z') {
      if (!start) buf[i] = (char)(c + 32);
      start = 0;
    } else if (c == 0xC3 && i + 1 < n) {
      unsigned char d = (unsigned char)buf[i + 1];
      if (!start && d >= 0x80 && d <= 0x9E && d != 0x97) buf[i + 1] = (char)(d + 0x20);
      start = 0;
      i++;
    } else if (c >= 0x80) {
      start = 0;
    } else {
      start = (c == ' ' || c == '-' || c == '\'' || c == '.');
    }
  }
  /* "Mcc..." stays as is; "Mc" names are rare enough */
  return n;
}

/* ---- parsing -------------------------------------------------------- */

typedef struct part {
  const char *p;
  size_t n;
} part;

/* Split the credit into name parts on , ; | / • · ( ) and the words "and",
 * "&", "und", "et", "y", "e", "en", "og", "och", "with", "avec", "mit",
 * "con", " - ". */
static size_t S_split(const char *s, size_t n, part *v, size_t max) {
  static const char *conj[] = {"and", "&", "und", "et", "y", "e", "en", "og", "och", "with",
                               "avec", "mit", "con", "com", "ve", "i", "a", "edited by",
                               "photos by", "photography by", "illustrations by",
                               "additional reporting by", "with reporting by", "reporting by",
                               "written by", "by"};
  size_t k = 0, b = 0, i = 0;
  while (i <= n && k < max) {
    size_t cut = 0, skip = 0;
    if (i == n) {
      cut = 1;
    } else {
      unsigned char c = (unsigned char)s[i];
      size_t w;
      if (c == ',' || c == ';' || c == '|' || c == '/' || c == '(' || c == ')' || c == '[' ||
          c == ']' || c == '+') {
        cut = 1, skip = 1;
      } else if ((w = S_sep(s + i, n - i)) >= 2 && !(w == 2 && (unsigned char)s[i + 1] == 0xA0)) {
        cut = 1, skip = w;
      } else if (c == '-' && i > 0 && s[i - 1] == ' ' && i + 1 < n && s[i + 1] == ' ') {
        cut = 1, skip = 1;
      } else if (c == '.' && i >= 3 && S_alpha((unsigned char)s[i - 1]) && S_alpha((unsigned char)s[i - 2]) &&
                 S_alpha((unsigned char)s[i - 3]) && i + 2 < n && s[i + 1] == ' ' &&
                 s[i + 2] >= 'A' && s[i + 2] <= 'Z') {
        cut = 1, skip = 1; /* "Finian Cunningham. Sputnik International" */
      } else if (c == ' ' ) {
        /* " and " etc. */
        for (size_t q = 0; q < sizeof conj / sizeof conj[0]; q++) {
          size_t cl = strlen(conj[q]);
          if (i + 1 + cl < n && s[i + 1 + cl] == ' ' && pith_ieq(s + i + 1, cl, conj[q])) {
            /* single letters only in lower case ("y", "e", "i", "a") */
            if (cl == 1 && !(s[i + 1] >= 'a' && s[i + 1] <= 'z') && s[i + 1] != '&') continue;
            cut = 1, skip = cl + 2;
            break;
          }
        }
      }
    }
    if (cut) {
      const char *p = s + b;
      size_t pn = i - b;
      pith_trim(&p, &pn);
      /* a leading connector word left over ("with Jane Roe") */
      for (size_t q = 0; q < sizeof conj / sizeof conj[0]; q++) {
        size_t cl = S_starts_word(p, pn, conj[q]);
        if (cl > 1 && cl < pn && p[cl] == ' ') {
          p += cl + 1, pn -= cl + 1;
          break;
        }
      }
      if (pn) {
        v[k].p = p;
        v[k].n = pn;
        k++;
      }
      if (i == n) break;
      i += skip;
      b = i;
      continue;
    }
    i++;
  }
  return k;
}

static size_t S_count_words(const char *s, size_t n) {
  size_t w = 0, i = 0;
  while (i < n) {
    while (i < n && s[i] == ' ') i++;
    if (i >= n) break;
    w++;
    while (i < n && s[i] != ' ') i++;
  }
  return w;
}

int pith_byline_parse(const char *s, size_t n, pith_meta *m, pith_arena *a, int pri, const char *src) {
  char buf[MAXB + 8];
  size_t cn = pith_byline_clean(s, n, buf, sizeof buf);
  if (!cn || cn > 300) return 0;
  int r = pith_meta_set(m, a, PITH_F_BYLINE, buf, cn, pri, src);
  if (r < 0) return r;

  /* for the names: drop parenthetical asides unless they add people
   * ("(avec Damien Leloup et Morgane Tual)" stays, "(Henrique Zecchin)" and
   * "(http://...)" go) */
  char nb[MAXB + 8];
  size_t nbn = 0;
  for (size_t i = 0; i < cn && nbn + 8 < sizeof nb;) {
    if (buf[i] == '(') {
      size_t j = i + 1;
      while (j < cn && buf[j] != ')') j++;
      const char *in = buf + i + 1;
      size_t inn = j - i - 1;
      pith_trim(&in, &inn);
      int keep = S_starts_word(in, inn, "avec") || S_starts_word(in, inn, "with") ||
                 S_starts_word(in, inn, "mit") || S_starts_word(in, inn, "con") ||
                 S_starts_word(in, inn, "and") || S_starts_word(in, inn, "et") ||
                 S_starts_word(in, inn, "und") || S_starts_word(in, inn, "com");
      if (keep && nbn + inn + 8 < sizeof nb) {
        nb[nbn++] = ',';
        nb[nbn++] = ' ';
        memcpy(nb + nbn, in, inn);
        nbn += inn;
        nb[nbn++] = ',';
      }
      nb[nbn++] = ' ';
      i = j < cn ? j + 1 : cn;
      continue;
    }
    nb[nbn++] = buf[i++];
  }
  nbn = pith_meta_collapse(nb, nb, nbn);
  part v[32];
  size_t np = S_split(nb, nbn, v, 32);
  const char *wire = NULL;
  char names[16][128];
  size_t nl[16];
  size_t nn = 0;
  /* "Last, First" written as a citation ("Jong, Michiel de") */
  if (np == 2 && S_count_words(v[0].p, v[0].n) == 1 && S_count_words(v[1].p, v[1].n) <= 2 &&
      !pith_wire_lookup(nb, nbn) && pith_byline_is_person(v[0].p, v[0].n) &&
      pith_byline_is_person(v[1].p, v[1].n) && v[1].p > v[0].p && nb[v[0].p - nb + v[0].n] == ',') {
    char tmp[256];
    size_t tn = 0;
    if (v[1].n + v[0].n + 2 < sizeof tmp) {
      memcpy(tmp, v[1].p, v[1].n);
      tn = v[1].n;
      tmp[tn++] = ' ';
      memcpy(tmp + tn, v[0].p, v[0].n);
      tn += v[0].n;
      nl[0] = pith_byline_name(tmp, tn, names[0], sizeof names[0]);
      nn = 1;
    }
  } else {
    for (size_t i = 0; i < np && nn < 16; i++) {
      size_t ws = 0, we = 0;
      const char *w = pith_wire_find(v[i].p, v[i].n, &ws, &we);
      if (w) {
        if (!wire) wire = w;
        /* "ERIC TUCKER Associated Press": the person before the agency */
        if (ws < 3) continue;
        v[i].n = ws;
        pith_trim(&v[i].p, &v[i].n);
        if (S_count_words(v[i].p, v[i].n) < 2) continue;
      }
      if (!pith_byline_is_person(v[i].p, v[i].n)) continue;
      /* a lone word after the first part is more likely a place or desk */
      if (i > 0 && S_count_words(v[i].p, v[i].n) < 2) continue;
      if (S_count_words(v[i].p, v[i].n) == 1 && v[i].n < 3) continue;
      nl[nn] = pith_byline_name(v[i].p, v[i].n, names[nn], sizeof names[nn]);
      if (nl[nn]) nn++;
    }
  }
  if (!wire) wire = pith_wire_lookup(buf, cn);
  if (wire) {
    r = pith_meta_set(m, a, PITH_F_WIRE, wire, strlen(wire), pri, src);
    if (r < 0) return r;
  }
  if (nn && pith_meta_list_claim(m, PITH_L_AUTHORS, pri, src)) {
    for (size_t i = 0; i < nn; i++) {
      r = pith_meta_list_add(m, a, PITH_L_AUTHORS, names[i], nl[i]);
      if (r < 0) return r;
    }
  }
  return (int)nn;
}
