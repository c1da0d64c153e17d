/* wire.c - wire service recognition by whole-word phrase matching. */
#include "meta/wire.h"

#include <pthread.h>
#include <string.h>

#include "core/core.h"

#define MAXW 96

typedef struct word {
  const char *p;
  size_t n;
} word;

/* Patterns: words separated by single spaces. CS = case-sensitive (for
 * acronyms), otherwise ASCII case-insensitive. SOLO = only when the credit
 * is nothing but the agency (too ambiguous inside longer text). */
enum { CI = 0, CS = 1, SOLO = 2 };
static const struct { const char *pat; const char *name; int flags; } S_wires[] = {
  {"Cable News Network", "CNN", CI},
  {"CNN", "CNN", CS},
  {"Associated Press", "AP", CI},
  {"AP", "AP", CS},
  {"Thomson Reuters", "Reuters", CI},
  {"Reuters", "Reuters", CI},
  {"Agence France Presse", "AFP", CI},
  {"Agence France-Presse", "AFP", CI},
  {"AFP", "AFP", CS},
  {"Bloomberg News", "Bloomberg", CI},
  {"Bloomberg", "Bloomberg", CS},
  {"Deutsche Presse Agentur", "dpa", CI},
  {"dpa infocom", "dpa", CI},
  {"dpa", "dpa", CS},
  {"DPA", "dpa", CS},
  {"United Press International", "UPI", CI},
  {"UPI", "UPI", CS},
  {"Xinhua", "Xinhua", CI},
  {"Press Association", "PA", CI},
  {"PA Media", "PA", CS},
  {"PA Wire", "PA", CS},
  {"PA", "PA", CS | SOLO},
  {"ANSA", "ANSA", CS},
  {"Agencia EFE", "EFE", CI},
  {"EFE", "EFE", CS},
  {"Kyodo", "Kyodo", CI},
  {"Yonhap", "Yonhap", CI},
  {"TASS", "TASS", CS},
  {"Interfax", "Interfax", CI},
  {"Australian Associated Press", "AAP", CI},
  {"AAP", "AAP", CS},
  {"The Canadian Press", "CP", CI},
  {"Canadian Press", "CP", CI},
  {"CP", "CP", CS | SOLO},
  {"Press Trust of India", "PTI", CI},
  {"PTI", "PTI", CS},
  {"IANS", "IANS", CS},
  {"ANI", "ANI", CS | SOLO},
  {"Anadolu Agency", "Anadolu", CI},
  {"Europa Press", "Europa Press", CI},
  {"Belga", "Belga", CS},
  {"ANP", "ANP", CS},
  {"APA", "APA", CS},
  {"KNA", "KNA", CS},
  {"epd", "epd", CS},
  {"Keystone SDA", "SDA", CI},
  {"SDA", "SDA", CS},
  {"Agence Presse", "AFP", CI},
  {"Tribune Content Agency", "Tribune Content Agency", CI},
  {"Tribune News Service", "Tribune News Service", CI},
  {"New York Times News Service", "NYT News Service", CI},
  {"NYT News Service", "NYT News Service", CI},
  {"Washington Post News Service", "Washington Post News Service", CI},
  {"McClatchy", "McClatchy", CI},
  {"States Newsroom", "States Newsroom", CI},
  {"The Conversation", "The Conversation", CS},
  {"KFF Health News", "KFF Health News", CI},
  {"Kaiser Health News", "KFF Health News", CI},
  {"Bernama", "Bernama", CI},
  {"Antara", "Antara", CS},
  {"WENN", "WENN", CS},
  {"Stacker", "Stacker", CS | SOLO},
};

static int S_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static size_t S_words(const char *s, size_t n, word *w, size_t max) {
  size_t k = 0, i = 0;
  while (i < n && k < max) {
    if (!S_alnum((unsigned char)s[i])) { i++; continue; }
    size_t b = i;
    while (i < n && S_alnum((unsigned char)s[i])) i++;
    w[k].p = s + b;
    w[k].n = i - b;
    k++;
  }
  return k;
}

static int S_weq(const word *w, const char *p, size_t pn, int cs) {
  if (w->n != pn) return 0;
  if (cs) return memcmp(w->p, p, pn) == 0;
  for (size_t i = 0; i < pn; i++)
    if (pith_lower((unsigned char)w->p[i]) != pith_lower((unsigned char)p[i])) return 0;
  return 1;
}

/* Does pattern k match the words starting at w[i]? Returns words used. */
static size_t S_match(const word *w, size_t nw, size_t i, int k) {
  const char *p = S_wires[k].pat;
  int cs = S_wires[k].flags & CS;
  /* quick reject on the first letter */
  if (pith_lower((unsigned char)p[0]) != pith_lower((unsigned char)w[i].p[0])) return 0;
  size_t j = i;
  while (*p) {
    while (*p && !S_alnum((unsigned char)*p)) p++;
    if (!*p) break;
    const char *q = p;
    while (*q && S_alnum((unsigned char)*q)) q++;
    if (j >= nw || !S_weq(&w[j], p, (size_t)(q - p), cs)) return 0;
    j++;
    p = q;
  }
  return j - i;
}

static int S_filler(const word *w) {
  static const char *f[] = {"the", "news", "wire", "photo", "photos", "service", "newsource",
                            "via", "from", "source", "credit", "by", "staff", "agency", "and",
                            "with", "contributed", "to", "this", "report", "reporting", "file",
                            /* "with" in other languages: "Avec AFP", "Mit dpa", "Con EFE" */
                            "avec", "mit", "con", "com", "met",
                            /* a reporter's role after the agency: "PA Political Correspondent" */
                            "writer", "writers", "correspondent", "correspondents", "reporter",
                            "reporters", "editor", "political", "business", "economics",
                            "sports", "health", "science", "technology", "diplomatic", "legal",
                            "chief", "senior", "special", "national", "international", "foreign"};
  for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
    if (S_weq(w, f[i], strlen(f[i]), 0)) return 1;
  return 0;
}

#define NWIRES (sizeof S_wires / sizeof S_wires[0])
/* The patterns by lower-cased first byte (chains of indexes in table
 * order, -1 ends), built once. */
static signed char S_whead[256], S_wnext[NWIRES];
static pthread_once_t S_wonce = PTHREAD_ONCE_INIT;
static void S_wire_index(void) {
  memset(S_whead, -1, sizeof S_whead);
  for (size_t k = NWIRES; k-- > 0;) {
    unsigned char f = pith_lower((unsigned char)S_wires[k].pat[0]);
    S_wnext[k] = S_whead[f];
    S_whead[f] = (signed char)k;
  }
}

static const char *S_lookup2(const char *s, size_t n, int exact, size_t *mstart, size_t *mend) {
  if (!s) return NULL;
  pthread_once(&S_wonce, S_wire_index);
  if (n > 512) n = 512;
  word w[MAXW];
  size_t nw = S_words(s, n, w, MAXW);
  const char *found = NULL;
  size_t used_total = 0;
  for (size_t i = 0; i < nw;) {
    size_t best = 0;
    const char *name = NULL;
    for (int k = S_whead[pith_lower((unsigned char)w[i].p[0])]; k >= 0; k = S_wnext[k]) {
      size_t u = S_match(w, nw, i, k);
      if (u > best) {
        if ((S_wires[k].flags & SOLO)) {
          /* only when everything else is filler */
          int ok = 1;
          for (size_t j = 0; j < nw && ok; j++)
            if ((j < i || j >= i + u) && !S_filler(&w[j])) ok = 0;
          if (!ok) continue;
        }
        best = u;
        name = S_wires[k].name;
      }
    }
    if (name) {
      if (mstart) *mstart = (size_t)(w[i].p - s);
      if (mend) *mend = (size_t)(w[i + best - 1].p + w[i + best - 1].n - s);
      if (!exact) return name;
      if (found && strcmp(found, name) != 0) return NULL;
      found = name;
      used_total += best;
      i += best;
      continue;
    }
    if (exact && !S_filler(&w[i])) return NULL;
    i++;
  }
  (void)used_total;
  return found;
}

/* The agencies' own sites: a story there is the wire's own copy. */
static const struct { const char *host; const char *name; } S_hosts[] = {
  {"apnews.com", "AP"},        {"ap.org", "AP"},           {"reuters.com", "Reuters"},
  {"afp.com", "AFP"},          {"dpa.com", "dpa"},         {"dpa-international.com", "dpa"},
  {"upi.com", "UPI"},          {"xinhuanet.com", "Xinhua"}, {"news.cn", "Xinhua"},
  {"efe.com", "EFE"},          {"ansa.it", "ANSA"},        {"kyodonews.net", "Kyodo"},
  {"yna.co.kr", "Yonhap"},     {"aap.com.au", "AAP"},      {"thecanadianpress.com", "CP"},
  {"pa.media", "PA"},          {"tass.com", "TASS"},       {"tass.ru", "TASS"},
  {"aa.com.tr", "Anadolu"},    {"ptinews.com", "PTI"},     {"bernama.com", "Bernama"},
  {"cnn.com", "CNN"},          {"bloomberg.com", "Bloomberg"},
};

const char *pith_wire_from_url(const char *url, size_t n) {
  if (!url) return NULL;
  const char *p = url, *e = url + n;
  const char *sl = NULL;
  for (const char *q = p; q + 2 < e; q++)
    if (q[0] == ':' && q[1] == '/' && q[2] == '/') {
      sl = q + 3;
      break;
    }
  if (!sl) return NULL;
  const char *h = sl, *he = h;
  while (he < e && *he != '/' && *he != ':' && *he != '?' && *he != '#') he++;
  const char *at = memchr(h, '@', (size_t)(he - h)); /* user@host */
  if (at) h = at + 1;
  size_t hn = (size_t)(he - h);
  while (hn && h[hn - 1] == '.') hn--;
  for (size_t i = 0; i < sizeof S_hosts / sizeof S_hosts[0]; i++) {
    size_t l = strlen(S_hosts[i].host);
    if (hn < l) continue;
    const char *t = h + hn - l;
    int eq = 1;
    for (size_t k = 0; k < l && eq; k++) eq = pith_lower((unsigned char)t[k]) == (unsigned char)S_hosts[i].host[k];
    /* the domain or a subdomain of it ("www.", "en.") */
    if (eq && (hn == l || t[-1] == '.')) return S_hosts[i].name;
  }
  return NULL;
}

const char *pith_wire_lookup(const char *s, size_t n) { return S_lookup2(s, n, 0, NULL, NULL); }
const char *pith_wire_exact(const char *s, size_t n) { return S_lookup2(s, n, 1, NULL, NULL); }
const char *pith_wire_find(const char *s, size_t n, size_t *start, size_t *end) {
  return S_lookup2(s, n, 0, start, end);
}
