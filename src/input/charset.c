/* charset.c - charset detection (BOM, HTTP, <meta> prescan, sniffing) and
 * decoding to UTF-8. See charset.h for the contract. */
#include "input/charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>

/* ---- encodings and labels ---------------------------------------------- */

enum { K_UTF8, K_UTF16LE, K_UTF16BE, K_W1252, K_XUD, K_ICONV };

typedef struct S_enc {
  const char *name;   /* canonical WHATWG name, lower case */
  const char *iconv;  /* glibc iconv name for K_ICONV */
  unsigned char kind;
  unsigned char ascii; /* bytes 0x01-0x7F always mean ASCII (fast path ok) */
  uint16_t cp80;       /* what a lone 0x80 means where iconv rejects it, or 0 */
} S_enc;

enum {
  E_UTF8, E_IBM866, E_8859_2, E_8859_3, E_8859_4, E_8859_5, E_8859_6, E_8859_7,
  E_8859_8, E_8859_8I, E_8859_10, E_8859_13, E_8859_14, E_8859_15, E_8859_16,
  E_KOI8R, E_KOI8U, E_MAC, E_W874, E_W1250, E_W1251, E_W1252, E_W1253, E_W1254,
  E_W1255, E_W1256, E_W1257, E_W1258, E_XMACCYR, E_GBK, E_GB18030, E_BIG5,
  E_EUCJP, E_2022JP, E_SJIS, E_EUCKR, E_2022KR, E_2022CN, E_2022CNEXT,
  E_UTF16BE, E_UTF16LE, E_XUD, E_COUNT
};

static const S_enc S_encs[E_COUNT] = {
  [E_UTF8] = {"utf-8", NULL, K_UTF8, 1, 0},
  [E_IBM866] = {"ibm866", "IBM866", K_ICONV, 1, 0},
  [E_8859_2] = {"iso-8859-2", "ISO-8859-2", K_ICONV, 1, 0},
  [E_8859_3] = {"iso-8859-3", "ISO-8859-3", K_ICONV, 1, 0},
  [E_8859_4] = {"iso-8859-4", "ISO-8859-4", K_ICONV, 1, 0},
  [E_8859_5] = {"iso-8859-5", "ISO-8859-5", K_ICONV, 1, 0},
  [E_8859_6] = {"iso-8859-6", "ISO-8859-6", K_ICONV, 1, 0},
  [E_8859_7] = {"iso-8859-7", "ISO-8859-7", K_ICONV, 1, 0},
  [E_8859_8] = {"iso-8859-8", "ISO-8859-8", K_ICONV, 1, 0},
  [E_8859_8I] = {"iso-8859-8-i", "ISO-8859-8", K_ICONV, 1, 0},
  [E_8859_10] = {"iso-8859-10", "ISO-8859-10", K_ICONV, 1, 0},
  [E_8859_13] = {"iso-8859-13", "ISO-8859-13", K_ICONV, 1, 0},
  [E_8859_14] = {"iso-8859-14", "ISO-8859-14", K_ICONV, 1, 0},
  [E_8859_15] = {"iso-8859-15", "ISO-8859-15", K_ICONV, 1, 0},
  [E_8859_16] = {"iso-8859-16", "ISO-8859-16", K_ICONV, 1, 0},
  [E_KOI8R] = {"koi8-r", "KOI8-R", K_ICONV, 1, 0},
  [E_KOI8U] = {"koi8-u", "KOI8-U", K_ICONV, 1, 0},
  [E_MAC] = {"macintosh", "MACINTOSH", K_ICONV, 1, 0},
  [E_W874] = {"windows-874", "WINDOWS-874", K_ICONV, 1, 0},
  [E_W1250] = {"windows-1250", "CP1250", K_ICONV, 1, 0},
  [E_W1251] = {"windows-1251", "CP1251", K_ICONV, 1, 0},
  [E_W1252] = {"windows-1252", NULL, K_W1252, 1, 0},
  [E_W1253] = {"windows-1253", "CP1253", K_ICONV, 1, 0},
  [E_W1254] = {"windows-1254", "CP1254", K_ICONV, 1, 0},
  [E_W1255] = {"windows-1255", "CP1255", K_ICONV, 1, 0},
  [E_W1256] = {"windows-1256", "CP1256", K_ICONV, 1, 0},
  [E_W1257] = {"windows-1257", "CP1257", K_ICONV, 1, 0},
  [E_W1258] = {"windows-1258", "CP1258", K_ICONV, 1, 0},
  [E_XMACCYR] = {"x-mac-cyrillic", "MAC-CYRILLIC", K_ICONV, 1, 0},
  /* WHATWG decodes gbk with the gb18030 decoder */
  [E_GBK] = {"gbk", "GB18030", K_ICONV, 1, 0x20AC},
  [E_GB18030] = {"gb18030", "GB18030", K_ICONV, 1, 0x20AC},
  /* WHATWG big5 is Big5-HKSCS, shift_jis is windows-31j, euc-kr is windows-949 */
  [E_BIG5] = {"big5", "BIG5-HKSCS", K_ICONV, 1, 0},
  [E_EUCJP] = {"euc-jp", "EUC-JP", K_ICONV, 1, 0},
  [E_2022JP] = {"iso-2022-jp", "ISO-2022-JP", K_ICONV, 0, 0},
  [E_SJIS] = {"shift_jis", "CP932", K_ICONV, 1, 0x0080},
  [E_EUCKR] = {"euc-kr", "CP949", K_ICONV, 1, 0},
  [E_2022KR] = {"iso-2022-kr", "ISO-2022-KR", K_ICONV, 0, 0},
  [E_2022CN] = {"iso-2022-cn", "ISO-2022-CN", K_ICONV, 0, 0},
  [E_2022CNEXT] = {"iso-2022-cn-ext", "ISO-2022-CN-EXT", K_ICONV, 0, 0},
  [E_UTF16BE] = {"utf-16be", NULL, K_UTF16BE, 0, 0},
  [E_UTF16LE] = {"utf-16le", NULL, K_UTF16LE, 0, 0},
  [E_XUD] = {"x-user-defined", NULL, K_XUD, 1, 0},
};

typedef struct S_label {
  const char *label;
  unsigned char enc;
} S_label;

/* The WHATWG Encoding standard's label table (encodings.json). */
static const S_label S_labels[] = {
  {"unicode-1-1-utf-8", E_UTF8}, {"unicode11utf8", E_UTF8}, {"unicode20utf8", E_UTF8},
  {"utf-8", E_UTF8}, {"utf8", E_UTF8}, {"x-unicode20utf8", E_UTF8},
  {"866", E_IBM866}, {"cp866", E_IBM866}, {"csibm866", E_IBM866}, {"ibm866", E_IBM866},
  {"csisolatin2", E_8859_2}, {"iso-8859-2", E_8859_2}, {"iso-ir-101", E_8859_2},
  {"iso8859-2", E_8859_2}, {"iso88592", E_8859_2}, {"iso_8859-2", E_8859_2},
  {"iso_8859-2:1987", E_8859_2}, {"l2", E_8859_2}, {"latin2", E_8859_2},
  {"csisolatin3", E_8859_3}, {"iso-8859-3", E_8859_3}, {"iso-ir-109", E_8859_3},
  {"iso8859-3", E_8859_3}, {"iso88593", E_8859_3}, {"iso_8859-3", E_8859_3},
  {"iso_8859-3:1988", E_8859_3}, {"l3", E_8859_3}, {"latin3", E_8859_3},
  {"csisolatin4", E_8859_4}, {"iso-8859-4", E_8859_4}, {"iso-ir-110", E_8859_4},
  {"iso8859-4", E_8859_4}, {"iso88594", E_8859_4}, {"iso_8859-4", E_8859_4},
  {"iso_8859-4:1988", E_8859_4}, {"l4", E_8859_4}, {"latin4", E_8859_4},
  {"csisolatincyrillic", E_8859_5}, {"cyrillic", E_8859_5}, {"iso-8859-5", E_8859_5},
  {"iso-ir-144", E_8859_5}, {"iso8859-5", E_8859_5}, {"iso88595", E_8859_5},
  {"iso_8859-5", E_8859_5}, {"iso_8859-5:1988", E_8859_5},
  {"arabic", E_8859_6}, {"asmo-708", E_8859_6}, {"csiso88596e", E_8859_6},
  {"csiso88596i", E_8859_6}, {"csisolatinarabic", E_8859_6}, {"ecma-114", E_8859_6},
  {"iso-8859-6", E_8859_6}, {"iso-8859-6-e", E_8859_6}, {"iso-8859-6-i", E_8859_6},
  {"iso-ir-127", E_8859_6}, {"iso8859-6", E_8859_6}, {"iso88596", E_8859_6},
  {"iso_8859-6", E_8859_6}, {"iso_8859-6:1987", E_8859_6},
  {"csisolatingreek", E_8859_7}, {"ecma-118", E_8859_7}, {"elot_928", E_8859_7},
  {"greek", E_8859_7}, {"greek8", E_8859_7}, {"iso-8859-7", E_8859_7},
  {"iso-ir-126", E_8859_7}, {"iso8859-7", E_8859_7}, {"iso88597", E_8859_7},
  {"iso_8859-7", E_8859_7}, {"iso_8859-7:1987", E_8859_7}, {"sun_eu_greek", E_8859_7},
  {"csiso88598e", E_8859_8}, {"csisolatinhebrew", E_8859_8}, {"hebrew", E_8859_8},
  {"iso-8859-8", E_8859_8}, {"iso-8859-8-e", E_8859_8}, {"iso-ir-138", E_8859_8},
  {"iso8859-8", E_8859_8}, {"iso88598", E_8859_8}, {"iso_8859-8", E_8859_8},
  {"iso_8859-8:1988", E_8859_8}, {"visual", E_8859_8},
  {"csiso88598i", E_8859_8I}, {"iso-8859-8-i", E_8859_8I}, {"logical", E_8859_8I},
  {"csisolatin6", E_8859_10}, {"iso-8859-10", E_8859_10}, {"iso-ir-157", E_8859_10},
  {"iso8859-10", E_8859_10}, {"iso885910", E_8859_10}, {"l6", E_8859_10},
  {"latin6", E_8859_10},
  {"iso-8859-13", E_8859_13}, {"iso8859-13", E_8859_13}, {"iso885913", E_8859_13},
  {"iso-8859-14", E_8859_14}, {"iso8859-14", E_8859_14}, {"iso885914", E_8859_14},
  {"csisolatin9", E_8859_15}, {"iso-8859-15", E_8859_15}, {"iso8859-15", E_8859_15},
  {"iso885915", E_8859_15}, {"iso_8859-15", E_8859_15}, {"l9", E_8859_15},
  {"iso-8859-16", E_8859_16},
  {"cskoi8r", E_KOI8R}, {"koi", E_KOI8R}, {"koi8", E_KOI8R}, {"koi8-r", E_KOI8R},
  {"koi8_r", E_KOI8R},
  {"koi8-ru", E_KOI8U}, {"koi8-u", E_KOI8U},
  {"csmacintosh", E_MAC}, {"mac", E_MAC}, {"macintosh", E_MAC}, {"x-mac-roman", E_MAC},
  {"dos-874", E_W874}, {"iso-8859-11", E_W874}, {"iso8859-11", E_W874},
  {"iso885911", E_W874}, {"tis-620", E_W874}, {"windows-874", E_W874},
  {"cp1250", E_W1250}, {"windows-1250", E_W1250}, {"x-cp1250", E_W1250},
  {"cp1251", E_W1251}, {"windows-1251", E_W1251}, {"x-cp1251", E_W1251},
  {"ansi_x3.4-1968", E_W1252}, {"ascii", E_W1252}, {"cp1252", E_W1252},
  {"cp819", E_W1252}, {"csisolatin1", E_W1252}, {"ibm819", E_W1252},
  {"iso-8859-1", E_W1252}, {"iso-ir-100", E_W1252}, {"iso8859-1", E_W1252},
  {"iso88591", E_W1252}, {"iso_8859-1", E_W1252}, {"iso_8859-1:1987", E_W1252},
  {"l1", E_W1252}, {"latin1", E_W1252}, {"us-ascii", E_W1252},
  {"windows-1252", E_W1252}, {"x-cp1252", E_W1252},
  {"cp1253", E_W1253}, {"windows-1253", E_W1253}, {"x-cp1253", E_W1253},
  {"cp1254", E_W1254}, {"csisolatin5", E_W1254}, {"iso-8859-9", E_W1254},
  {"iso-ir-148", E_W1254}, {"iso8859-9", E_W1254}, {"iso88599", E_W1254},
  {"iso_8859-9", E_W1254}, {"iso_8859-9:1989", E_W1254}, {"l5", E_W1254},
  {"latin5", E_W1254}, {"windows-1254", E_W1254}, {"x-cp1254", E_W1254},
  {"cp1255", E_W1255}, {"windows-1255", E_W1255}, {"x-cp1255", E_W1255},
  {"cp1256", E_W1256}, {"windows-1256", E_W1256}, {"x-cp1256", E_W1256},
  {"cp1257", E_W1257}, {"windows-1257", E_W1257}, {"x-cp1257", E_W1257},
  {"cp1258", E_W1258}, {"windows-1258", E_W1258}, {"x-cp1258", E_W1258},
  {"x-mac-cyrillic", E_XMACCYR}, {"x-mac-ukrainian", E_XMACCYR},
  {"chinese", E_GBK}, {"csgb2312", E_GBK}, {"csiso58gb231280", E_GBK}, {"gb2312", E_GBK},
  {"gb_2312", E_GBK}, {"gb_2312-80", E_GBK}, {"gbk", E_GBK}, {"iso-ir-58", E_GBK},
  {"x-gbk", E_GBK},
  {"gb18030", E_GB18030},
  {"big5", E_BIG5}, {"big5-hkscs", E_BIG5}, {"cn-big5", E_BIG5}, {"csbig5", E_BIG5},
  {"x-x-big5", E_BIG5},
  {"cseucpkdfmtjapanese", E_EUCJP}, {"euc-jp", E_EUCJP}, {"x-euc-jp", E_EUCJP},
  {"csiso2022jp", E_2022JP}, {"iso-2022-jp", E_2022JP},
  {"csshiftjis", E_SJIS}, {"ms932", E_SJIS}, {"ms_kanji", E_SJIS}, {"shift-jis", E_SJIS},
  {"shift_jis", E_SJIS}, {"sjis", E_SJIS}, {"windows-31j", E_SJIS}, {"x-sjis", E_SJIS},
  {"cseuckr", E_EUCKR}, {"csksc56011987", E_EUCKR}, {"euc-kr", E_EUCKR},
  {"iso-ir-149", E_EUCKR}, {"korean", E_EUCKR}, {"ks_c_5601-1987", E_EUCKR},
  {"ks_c_5601-1989", E_EUCKR}, {"ksc5601", E_EUCKR}, {"ksc_5601", E_EUCKR},
  {"windows-949", E_EUCKR},
  /* WHATWG "replacement" labels: decoded where glibc can (see charset.h) */
  {"csiso2022kr", E_2022KR}, {"iso-2022-kr", E_2022KR},
  {"iso-2022-cn", E_2022CN}, {"iso-2022-cn-ext", E_2022CNEXT},
  {"unicodefffe", E_UTF16BE}, {"utf-16be", E_UTF16BE},
  {"csunicode", E_UTF16LE}, {"iso-10646-ucs-2", E_UTF16LE}, {"ucs-2", E_UTF16LE},
  {"unicode", E_UTF16LE}, {"unicodefeff", E_UTF16LE}, {"utf-16", E_UTF16LE},
  {"utf-16le", E_UTF16LE},
  {"x-user-defined", E_XUD},
};

/* ASCII whitespace as the Encoding and HTML standards define it. */
static int S_ws(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* Label -> encoding index, or -1. */
static int S_lookup(const char *s, size_t n) {
  while (n && S_ws((unsigned char)*s)) { s++; n--; }
  while (n && S_ws((unsigned char)s[n - 1])) n--;
  if (n == 0 || n > 31) return -1;
  char low[32];
  for (size_t i = 0; i < n; i++) {
    low[i] = (char)pith_lower((unsigned char)s[i]);
    if (low[i] == '\0') return -1;
  }
  low[n] = '\0';
  for (size_t i = 0; i < sizeof S_labels / sizeof S_labels[0]; i++) {
    if (S_labels[i].label[0] == low[0] && strcmp(S_labels[i].label, low) == 0)
      return S_labels[i].enc;
  }
  return -1;
}

static void S_setname(char *name, int e) {
  if (name) {
    size_t n = strlen(S_encs[e].name);
    memcpy(name, S_encs[e].name, n + 1);
  }
}

int pith_charset_label(const char *label, size_t n, char name[32]) {
  int e = label ? S_lookup(label, n) : -1;
  if (e < 0) return 0;
  S_setname(name, e);
  return 1;
}

/* ---- Content-Type ------------------------------------------------------ */

static int S_http_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* First charset parameter of a Content-Type value -> encoding index, or -1. */
static int S_ct_lookup(const char *ct, size_t n) {
  size_t i = 0;
  if (!ct) return -1;
  for (;;) {
    /* skip to the next ';' (the type itself, or junk after a value) */
    while (i < n && ct[i] != ';') {
      if (ct[i] == '"') { /* a stray quoted string: skip it whole */
        i++;
        while (i < n && ct[i] != '"') i += (ct[i] == '\\' && i + 1 < n) ? 2 : 1;
      }
      i++;
    }
    if (i >= n) return -1;
    i++; /* ';' */
    while (i < n && S_http_ws((unsigned char)ct[i])) i++;
    size_t ns = i;
    while (i < n && ct[i] != ';' && ct[i] != '=') i++;
    size_t ne = i;
    while (ne > ns && S_http_ws((unsigned char)ct[ne - 1])) ne--;
    if (i >= n || ct[i] == ';') continue;
    i++; /* '=' */
    int is_cs = pith_ieq(ct + ns, ne - ns, "charset");
    char val[32];
    size_t vl = 0;
    int toolong = 0;
    if (i < n && ct[i] == '"') {
      i++;
      while (i < n && ct[i] != '"') {
        if (ct[i] == '\\' && i + 1 < n) i++;
        if (vl < sizeof val) val[vl++] = ct[i]; else toolong = 1;
        i++;
      }
      if (i < n) i++; /* closing quote */
    } else {
      size_t vs = i;
      while (i < n && ct[i] != ';') i++;
      size_t ve = i;
      while (ve > vs && S_http_ws((unsigned char)ct[ve - 1])) ve--;
      for (size_t k = vs; k < ve; k++) {
        if (vl < sizeof val) val[vl++] = ct[k]; else toolong = 1;
      }
    }
    if (is_cs && vl > 0) return toolong ? -1 : S_lookup(val, vl);
  }
}

int pith_charset_from_content_type(const char *ct, size_t n, char name[32]) {
  int e = S_ct_lookup(ct, n);
  if (e < 0) return 0;
  S_setname(name, e);
  return 1;
}

/* ---- <meta> prescan (HTML standard, "prescan a byte stream") ----------- */

static int S_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

typedef struct S_attr {
  char name[16];
  size_t nl;
  int name_long;
  char val[PITH_CHARSET_PRESCAN_BYTES];
  size_t vl;
} S_attr;

static int S_attr_is(const S_attr *a, const char *s) {
  size_t n = strlen(s);
  return !a->name_long && a->nl == n && memcmp(a->name, s, n) == 0;
}

/* "Get an attribute": 1 = got one, 0 = none (at '>'), -1 = ran off the end.
 * Names and values are lower-cased. */
static int S_get_attr(const unsigned char *s, size_t n, size_t *pi, S_attr *a) {
  size_t i = *pi;
  int rc = -1;
  a->nl = a->vl = 0;
  a->name_long = 0;
  while (i < n && (S_ws(s[i]) || s[i] == '/')) i++;
  if (i >= n) goto out;
  if (s[i] == '>') { rc = 0; goto out; }
  /* name */
  for (;;) {
    if (i >= n) goto out;
    unsigned char c = s[i];
    if (c == '=' && a->nl > 0) { i++; goto value; }
    if (S_ws(c)) break;
    if (c == '/' || c == '>') { rc = 1; goto out; }
    if (a->nl < sizeof a->name) a->name[a->nl++] = (char)pith_lower(c); else a->name_long = 1;
    i++;
  }
  while (i < n && S_ws(s[i])) i++;
  if (i >= n) goto out;
  if (s[i] != '=') { rc = 1; goto out; }
  i++;
value:
  while (i < n && S_ws(s[i])) i++;
  if (i >= n) goto out;
  if (s[i] == '"' || s[i] == '\'') {
    unsigned char q = s[i++];
    for (;;) {
      if (i >= n) goto out;
      if (s[i] == q) { i++; rc = 1; goto out; }
      if (a->vl < sizeof a->val) a->val[a->vl++] = (char)pith_lower(s[i]);
      i++;
    }
  }
  if (s[i] == '>') { rc = 1; goto out; }
  for (;;) {
    if (a->vl < sizeof a->val) a->val[a->vl++] = (char)pith_lower(s[i]);
    i++;
    if (i >= n) goto out;
    if (S_ws(s[i]) || s[i] == '>') { rc = 1; goto out; }
  }
out:
  *pi = i;
  return rc;
}

/* HTML "extracting a character encoding from a meta element" on a content
 * attribute value (already lower-cased) -> encoding index, or -1. */
static int S_from_content(const char *v, size_t n) {
  size_t i = 0;
  for (;;) {
    size_t k = i;
    while (k + 7 <= n && memcmp(v + k, "charset", 7) != 0) k++;
    if (k + 7 > n) return -1;
    i = k + 7;
    while (i < n && S_ws((unsigned char)v[i])) i++;
    if (i >= n || v[i] != '=') continue;
    i++;
    while (i < n && S_ws((unsigned char)v[i])) i++;
    if (i >= n) return -1;
    if (v[i] == '"' || v[i] == '\'') {
      char q = v[i++];
      size_t s = i;
      while (i < n && v[i] != q) i++;
      if (i >= n) return -1;
      return S_lookup(v + s, i - s);
    }
    size_t s = i;
    while (i < n && !S_ws((unsigned char)v[i]) && v[i] != ';') i++;
    return S_lookup(v + s, i - s);
  }
}

/* Encoding index declared by <meta> in the first 1024 bytes, or -1. */
static int S_prescan(const unsigned char *s, size_t n) {
  S_attr a;
  size_t i = 0;
  if (n > PITH_CHARSET_PRESCAN_BYTES) n = PITH_CHARSET_PRESCAN_BYTES;
  while (i < n) {
    const unsigned char *lt = memchr(s + i, '<', n - i);
    if (!lt) return -1;
    i = (size_t)(lt - s);
    size_t left = n - i;
    if (left >= 4 && s[i + 1] == '!' && s[i + 2] == '-' && s[i + 3] == '-') {
      /* comment: up to the first "-->", whose dashes may be those of "<!--" */
      size_t j = i + 4;
      while (j < n && !(s[j] == '>' && s[j - 1] == '-' && s[j - 2] == '-')) j++;
      if (j >= n) return -1;
      i = j + 1;
      continue;
    }
    if (left >= 6 && pith_istarts((const char *)s + i, 5, "<meta") &&
        (S_ws(s[i + 5]) || s[i + 5] == '/')) {
      int seen_he = 0, seen_content = 0, seen_charset = 0;
      int got_pragma = 0, need_pragma = -1, enc = -1;
      i += 5;
      for (;;) {
        int r = S_get_attr(s, n, &i, &a);
        if (r < 0) return -1;
        if (r == 0) break;
        if (S_attr_is(&a, "http-equiv")) {
          if (seen_he) continue;
          seen_he = 1;
          if (a.vl == 12 && memcmp(a.val, "content-type", 12) == 0) got_pragma = 1;
        } else if (S_attr_is(&a, "content")) {
          if (seen_content) continue;
          seen_content = 1;
          if (enc < 0) {
            int e = S_from_content(a.val, a.vl);
            if (e >= 0) { enc = e; need_pragma = 1; }
          }
        } else if (S_attr_is(&a, "charset")) {
          if (seen_charset) continue;
          seen_charset = 1;
          enc = S_lookup(a.val, a.vl);
          need_pragma = 0;
        }
      }
      if (need_pragma >= 0 && !(need_pragma == 1 && !got_pragma) && enc >= 0) {
        if (enc == E_UTF16LE || enc == E_UTF16BE) enc = E_UTF8;
        if (enc == E_XUD) enc = E_W1252;
        return enc;
      }
      i++;
      continue;
    }
    if (left >= 2 && (S_alpha(s[i + 1]) || (left >= 3 && s[i + 1] == '/' && S_alpha(s[i + 2])))) {
      /* another tag: skip its name and attributes so that their values
       * cannot pose as a <meta> */
      i += 2;
      while (i < n && !S_ws(s[i]) && s[i] != '>') i++;
      for (;;) {
        int r = S_get_attr(s, n, &i, &a);
        if (r < 0) return -1;
        if (r == 0) break;
      }
      i++;
      continue;
    }
    if (left >= 2 && (s[i + 1] == '!' || s[i + 1] == '/' || s[i + 1] == '?')) {
      const unsigned char *gt = memchr(s + i + 1, '>', n - i - 1);
      if (!gt) return -1;
      i = (size_t)(gt - s) + 1;
      continue;
    }
    i++;
  }
  return -1;
}

int pith_charset_prescan(const char *in, size_t len, char name[32]) {
  int e = in ? S_prescan((const unsigned char *)in, len) : -1;
  if (e < 0) return 0;
  S_setname(name, e);
  return 1;
}

/* ---- UTF-8 checks -------------------------------------------------------- */

/* Valid UTF-8 without NUL is scanned in segments that end at the next NUL:
 * core's pith_utf8_valid_prefix is asked only about NUL-free spans, so this
 * does not depend on whether it stops at NUL inside its 8-byte ASCII fast
 * path. The next NUL's offset is cached so that each byte is looked at a
 * bounded number of times (no rescans: linear). */
typedef struct S_scan {
  const char *s;
  size_t n, nul; /* nul: offset of the next NUL at or after the cursor, or n */
  int have;
} S_scan;

static size_t S_scan_ok(S_scan *sc, size_t i) {
  if (!sc->have || sc->nul < i) {
    const char *z = memchr(sc->s + i, 0, sc->n - i);
    sc->nul = z ? (size_t)(z - sc->s) : sc->n;
    sc->have = 1;
  }
  return pith_utf8_valid_prefix(sc->s + i, sc->nul - i);
}

/* Longest prefix that is valid UTF-8 and holds no NUL. */
static size_t S_u8_prefix(const char *s, size_t n) {
  S_scan sc = {s, n, 0, 0};
  return n ? S_scan_ok(&sc, 0) : 0;
}

/* Append s to b with NULs and invalid bytes replaced by U+FFFD (one per
 * byte that starts no valid sequence). */
static int S_sanitize(pith_buf *b, const char *s, size_t n) {
  S_scan sc = {s, n, 0, 0};
  size_t i = 0;
  while (i < n) {
    size_t ok = S_scan_ok(&sc, i);
    if (pith_buf_put(b, s + i, ok)) return b->err;
    i += ok;
    if (i >= n) break;
    if (pith_buf_put(b, "\xEF\xBF\xBD", 3)) return b->err;
    i++;
  }
  return 0;
}

/* 1 when s holds no byte >= 0x80 and no NUL. */
static int S_plain_ascii(const unsigned char *s, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    if ((w & 0x8080808080808080ULL) || ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL))
      return 0;
  }
  for (; i < n; i++)
    if (s[i] == 0 || s[i] >= 0x80) return 0;
  return 1;
}

static int S_has_high(const unsigned char *s, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    if (w & 0x8080808080808080ULL) return 1;
  }
  for (; i < n; i++)
    if (s[i] >= 0x80) return 1;
  return 0;
}

/* 1 when s[0..n) is a proper prefix of some valid UTF-8 sequence (a
 * character cut off by the end of the input). */
static int S_cut_tail(const unsigned char *s, size_t n) {
  unsigned char c = s[0];
  size_t want;
  if (c >= 0xC2 && c <= 0xDF) want = 2;
  else if (c >= 0xE0 && c <= 0xEF) want = 3;
  else if (c >= 0xF0 && c <= 0xF4) want = 4;
  else return 0;
  if (n >= want) return 0;
  for (size_t k = 1; k < n; k++) {
    unsigned char lo = 0x80, hi = 0xBF;
    if (k == 1) {
      if (c == 0xE0) lo = 0xA0;
      else if (c == 0xED) hi = 0x9F;
      else if (c == 0xF0) lo = 0x90;
      else if (c == 0xF4) hi = 0x8F;
    }
    if (s[k] < lo || s[k] > hi) return 0;
  }
  return 1;
}

typedef struct S_u8stats {
  size_t bad;  /* bytes that start no valid sequence */
  size_t mb;   /* valid multi-byte sequences */
  size_t nul;  /* NUL bytes */
  int cut;     /* the input ends inside a sequence */
} S_u8stats;

/* Scan from `from` (the end of the known-valid prefix) to the end. */
static void S_utf8_stats(const unsigned char *s, size_t n, size_t from, int count_mb,
                         S_u8stats *st) {
  S_scan sc = {(const char *)s, n, 0, 0};
  size_t i = 0;
  memset(st, 0, sizeof *st);
  while (i < n) {
    size_t ok = i < from ? from - i : S_scan_ok(&sc, i);
    if (count_mb) {
      for (size_t k = i; k < i + ok; k++) st->mb += s[k] >= 0xC0;
    }
    i += ok;
    if (i >= n) break;
    if (s[i] == 0) {
      st->nul++;
      i++;
      continue;
    }
    if (S_cut_tail(s + i, n - i)) {
      st->cut = 1;
      break;
    }
    st->bad++;
    i++;
  }
}

/* ---- output helpers ------------------------------------------------------ */

/* Ensure at least `need` free bytes (besides the NUL slot), growing towards
 * `want` but never past b->max. */
static int S_room(pith_buf *b, size_t need, size_t want) {
  if (b->err) return b->err;
  size_t have = b->cap > b->len ? b->cap - b->len - 1 : 0;
  if (have >= need) return 0;
  if (want < need) want = need;
  if (b->max) {
    size_t left = b->max > b->len ? b->max - b->len : 0;
    if (left < need) return b->err = PITH_ERR_LIMIT;
    if (want > left) want = left;
  }
  return pith_buf_reserve(b, want);
}

static size_t S_cplen(uint32_t cp) {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/* windows-1252 bytes 0x80-0x9F (the rest is ISO-8859-1). */
static const uint16_t S_w1252[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

/* Built-in decoders. With out == NULL only the output size is computed;
 * otherwise out must have room for exactly that many bytes. */
static size_t S_native(int kind, const unsigned char *s, size_t n, char *out) {
  size_t o = 0;
#define EMIT(cpx)                                                  \
  do {                                                             \
    uint32_t c_ = (cpx);                                           \
    if (out) o += (size_t)pith_utf8_encode(c_, out + o);           \
    else o += S_cplen(c_);                                         \
  } while (0)
  if (kind == K_W1252 || kind == K_XUD) {
    for (size_t i = 0; i < n; i++) {
      /* runs of plain ASCII (no NUL) 8 bytes at a time */
      while (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if ((w & 0x8080808080808080ULL) ||
            ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL))
          break;
        if (out) memcpy(out + o, s + i, 8);
        o += 8;
        i += 8;
      }
      if (i >= n) break;
      unsigned char c = s[i];
      if (c && c < 0x80) {
        if (out) out[o] = (char)c;
        o++;
      } else if (c == 0) {
        EMIT(0xFFFD);
      } else if (kind == K_XUD) {
        EMIT(0xF780u + c - 0x80);
      } else {
        EMIT(c < 0xA0 ? S_w1252[c - 0x80] : c);
      }
    }
  } else { /* UTF-16 */
    int be = kind == K_UTF16BE;
    uint32_t lead = 0;
    size_t i = 0;
    for (; i + 1 < n; i += 2) {
      uint32_t u = be ? ((uint32_t)s[i] << 8 | s[i + 1]) : ((uint32_t)s[i + 1] << 8 | s[i]);
      if (lead) {
        if (u >= 0xDC00 && u <= 0xDFFF) {
          EMIT(0x10000 + ((lead - 0xD800) << 10) + (u - 0xDC00));
          lead = 0;
          continue;
        }
        EMIT(0xFFFD);
        lead = 0;
      }
      if (u >= 0xD800 && u <= 0xDBFF) lead = u;
      else if ((u >= 0xDC00 && u <= 0xDFFF) || u == 0) EMIT(0xFFFD);
      else EMIT(u);
    }
    if (lead) EMIT(0xFFFD);
    if (i < n) EMIT(0xFFFD);
  }
#undef EMIT
  return o;
}

static int S_decode_native(int kind, const unsigned char *s, size_t n, pith_buf *b) {
  size_t need = S_native(kind, s, n, NULL);
  if (S_room(b, need, need)) return b->err;
  b->len += S_native(kind, s, n, b->p + b->len);
  return 0;
}

/* Re-sanitize scratch from offset `from` on (NULs or, should iconv ever
 * produce it, invalid UTF-8). */
static int S_fix_tail(pith_buf *b, size_t from) {
  size_t n = b->len - from;
  char *tmp = pith_malloc(n);
  if (!tmp) return b->err = PITH_ERR_NOMEM;
  memcpy(tmp, b->p + from, n);
  b->len = from;
  int rc = S_sanitize(b, tmp, n);
  pith_free(tmp);
  return rc;
}

/* iconv decoding: 0 ok, 1 converter unavailable, else b->err. */
static int S_decode_iconv(const S_enc *e, const char *in, size_t n, pith_buf *b) {
  iconv_t cd = iconv_open("UTF-8", e->iconv);
  if (cd == (iconv_t)-1) return 1;
  char *ip = (char *)in;
  size_t il = n;
  int rc = 0, flushed = 0;
  while (!rc) {
    size_t want = il > (SIZE_MAX / 4) ? SIZE_MAX / 4 : il + il / 2 + 64;
    if ((rc = S_room(b, 1, want))) break;
    char *op = b->p + b->len;
    size_t ol = b->cap - b->len - 1;
    size_t r = il ? iconv(cd, &ip, &il, &op, &ol) : iconv(cd, NULL, NULL, &op, &ol);
    int err = errno;
    b->len = (size_t)(op - b->p);
    if (r != (size_t)-1) {
      if (il) continue;
      if (flushed) break;
      flushed = 1; /* one more round to flush a stateful converter */
      continue;
    }
    if (err == E2BIG) {
      /* the next character does not fit: grow, or hit the cap */
      size_t have = b->cap - b->len - 1;
      rc = S_room(b, have + 1, have + want);
      continue;
    }
    if (!il) break; /* flush failed: nothing more to emit */
    /* EILSEQ, EINVAL (cut off at the end) or anything else: replace one
     * byte and go on */
    if ((rc = S_room(b, 3, want))) break;
    uint32_t cp = e->cp80 && (unsigned char)*ip == 0x80 ? e->cp80 : 0xFFFD;
    b->len += (size_t)pith_utf8_encode(cp, b->p + b->len);
    ip++;
    il--;
  }
  iconv_close(cd);
  if (rc) return rc;
  size_t ok = S_u8_prefix(b->p, b->len);
  if (ok < b->len) return S_fix_tail(b, ok);
  return 0;
}

/* ---- the decoder ---------------------------------------------------------- */

enum { SRC_BOM, SRC_HTTP, SRC_META, SRC_SNIFF };
static const char *const S_src_names[] = {"bom", "http", "meta", "sniff"};

/* Sniff: utf-8 or windows-1252. v = length of the valid UTF-8 prefix. */
static int S_sniff(const unsigned char *s, size_t n, size_t v) {
  if (v == n) return E_UTF8;
  S_u8stats st;
  S_utf8_stats(s, n, v, 1, &st);
  if (st.bad == 0 || st.mb >= 4 * st.bad) return E_UTF8;
  return E_W1252;
}

/* <meta> choice: encoding index or -1; *src becomes SRC_META, or SRC_SNIFF
 * when a legacy label sits on bytes that are really UTF-8 (trafilatura#231).
 * *v caches the valid UTF-8 prefix length. */
static int S_meta_choice(const unsigned char *s, size_t len, size_t *v, int *src) {
  int enc = S_prescan(s, len);
  if (enc < 0) return -1;
  *src = SRC_META;
  if (enc == E_UTF8) return enc;
  if (*v == (size_t)-1) *v = S_u8_prefix((const char *)s, len);
  int utf8;
  if (*v == len) {
    utf8 = S_has_high(s, len);
  } else {
    S_u8stats st;
    S_utf8_stats(s, len, *v, 1, &st);
    utf8 = st.bad == 0 && st.mb > 0;
  }
  if (utf8) {
    *src = SRC_SNIFF;
    return E_UTF8;
  }
  return enc;
}

const char *pith_charset_decode(const char *in, size_t len, const char *content_type,
                                pith_buf *scratch, size_t *out_len,
                                char name[32], const char **source) {
  const unsigned char *s = (const unsigned char *)in;
  int enc = -1, src = SRC_SNIFF;
  size_t v = (size_t)-1; /* valid UTF-8 prefix length, computed lazily */

  if (out_len) *out_len = 0;
  if (!in) len = 0;

  /* 1. BOM (stripped from the output) */
  if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
    enc = E_UTF8;
    s += 3;
    len -= 3;
  } else if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
    enc = E_UTF16BE;
    s += 2;
    len -= 2;
  } else if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
    enc = E_UTF16LE;
    s += 2;
    len -= 2;
  }
  if (enc >= 0) src = SRC_BOM;
  /* 2. HTTP */
  if (enc < 0 && content_type) {
    enc = S_ct_lookup(content_type, strlen(content_type));
    if (enc >= 0) src = SRC_HTTP;
  }
  /* 3. <meta> */
  if (enc < 0) enc = S_meta_choice(s, len, &v, &src);
  /* 4. sniffing */
  if (enc < 0) {
    v = S_u8_prefix((const char *)s, len);
    enc = S_sniff(s, len, v);
    src = SRC_SNIFF;
  }

  for (;;) {
    const S_enc *e = &S_encs[enc];
    if (name) S_setname(name, enc);
    if (source) *source = S_src_names[src];

    /* fast paths: nothing to convert */
    if (len == 0) return in ? (const char *)s : "";
    if (e->kind == K_UTF8) {
      if (v == (size_t)-1) v = S_u8_prefix((const char *)s, len);
      if (v == len) {
        if (out_len) *out_len = len;
        return (const char *)s;
      }
    } else if (e->ascii && S_plain_ascii(s, len)) {
      if (out_len) *out_len = len;
      return (const char *)s;
    }
    if (!scratch) return NULL;

    pith_buf_clear(scratch);
    int rc;
    if (e->kind == K_UTF8) {
      rc = pith_buf_put(scratch, s, v) ? scratch->err
           : S_sanitize(scratch, (const char *)s + v, len - v);
    } else if (e->kind == K_ICONV) {
      rc = S_decode_iconv(e, (const char *)s, len, scratch);
      if (rc == 1) {
        /* no converter in this libc: try the next source. Sources only move
         * forward and sniffing never needs iconv, so this ends. */
        int next = -1, nsrc = SRC_SNIFF;
        pith_buf_clear(scratch);
        if (src == SRC_HTTP) {
          next = S_meta_choice(s, len, &v, &nsrc);
          if (next == enc) next = -1;
        }
        if (next < 0) {
          if (v == (size_t)-1) v = S_u8_prefix((const char *)s, len);
          next = S_sniff(s, len, v);
          nsrc = SRC_SNIFF;
        }
        enc = next;
        src = nsrc;
        continue;
      }
    } else {
      rc = S_decode_native(e->kind, s, len, scratch);
    }
    if (rc || pith_buf_nul(scratch)) return NULL;
    if (out_len) *out_len = scratch->len;
    return scratch->p;
  }
}
