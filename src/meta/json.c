/* json.c - bounded, iterative, tolerant JSON parser (see json.h). */
#include "meta/json.h"

#include <stdlib.h>

typedef struct jp {
  const unsigned char *p, *end;
  pith_arena *a;
  size_t max_depth;
  size_t nodes, max_nodes; /* values built so far, and the cap */
  int limit;               /* set when max_nodes was hit */
} jp;

static void S_ws(jp *j) {
  while (j->p < j->end) {
    unsigned char c = *j->p;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      j->p++;
    } else if (c == 0xC2 && j->p + 1 < j->end && j->p[1] == 0xA0) {
      j->p += 2; /* NBSP between tokens */
    } else if (c == 0xEF && j->p + 2 < j->end && j->p[1] == 0xBB && j->p[2] == 0xBF) {
      j->p += 3; /* BOM */
    } else if (c == '/' && j->p + 1 < j->end && j->p[1] == '*') {
      const unsigned char *q = j->p + 2;
      while (q + 1 < j->end && !(q[0] == '*' && q[1] == '/')) q++;
      j->p = q + 1 < j->end ? q + 2 : j->end;
    } else if (c == '/' && j->p + 1 < j->end && j->p[1] == '/') {
      while (j->p < j->end && *j->p != '\n') j->p++;
    } else {
      break;
    }
  }
}

static int S_hex4(const unsigned char *p, const unsigned char *end, uint32_t *v) {
  if (end - p < 4) return 0;
  uint32_t r = 0;
  for (int i = 0; i < 4; i++) {
    unsigned char c = p[i];
    r <<= 4;
    if (c >= '0' && c <= '9') r |= c - '0';
    else if (c >= 'a' && c <= 'f') r |= c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') r |= c - 'A' + 10;
    else return 0;
  }
  *v = r;
  return 1;
}

size_t pith_json_u_escape(const char *p, const char *e, uint32_t *cp) {
  const unsigned char *u = (const unsigned char *)p, *ue = (const unsigned char *)e;
  uint32_t v, lo;
  if (!S_hex4(u, ue, &v)) return 0;
  size_t k = 4;
  if (v >= 0xD800 && v <= 0xDBFF) {
    if (ue - u >= 10 && u[4] == '\\' && u[5] == 'u' && S_hex4(u + 6, ue, &lo) && lo >= 0xDC00 &&
        lo <= 0xDFFF) {
      v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
      k = 10;
    } else {
      v = 0xFFFD;
    }
  } else if (v >= 0xDC00 && v <= 0xDFFF) {
    v = 0xFFFD;
  }
  *cp = v;
  return k;
}

/* Parse a string at j->p (on the opening quote). Decoded bytes go to the
 * arena; the decoded form is never longer than the source. */
static int S_string(jp *j, const char **out, size_t *olen) {
  unsigned char q = *j->p++;
  const unsigned char *start = j->p;
  const unsigned char *e = start;
  int esc = 0;
  /* find the end first (fast path: no escapes) */
  while (e < j->end && *e != q) {
    if (*e == '\\') {
      esc = 1;
      if (e + 1 < j->end) e++;
    }
    e++;
  }
  if (e >= j->end) return PITH_JSON_SYNTAX;
  size_t n = (size_t)(e - start);
  char *d = pith_arena_alloc(j->a, n + 1);
  if (!d) return -PITH_ERR_NOMEM;
  if (!esc) {
    memcpy(d, start, n);
    d[n] = 0;
    for (size_t i = 0; i < n; i++)
      if (!d[i]) d[i] = ' '; /* never NUL inside a value */
    *out = d;
    *olen = n;
    j->p = e + 1;
    return 0;
  }
  size_t o = 0;
  const unsigned char *p = start;
  while (p < e) {
    unsigned char c = *p;
    if (c != '\\') {
      d[o++] = c ? (char)c : ' ';
      p++;
      continue;
    }
    p++;
    if (p >= e) break;
    c = *p++;
    switch (c) {
    case 'n': d[o++] = '\n'; break;
    case 't': d[o++] = '\t'; break;
    case 'r': d[o++] = '\r'; break;
    case 'b': d[o++] = ' '; break;
    case 'f': d[o++] = ' '; break;
    case 'u': {
      uint32_t cp;
      size_t k = pith_json_u_escape((const char *)p, (const char *)e, &cp);
      if (!k) { d[o++] = 'u'; break; }
      p += k;
      if (cp == 0) cp = ' ';
      /* \uXXXX is 6 source bytes; its UTF-8 form is at most 4 (a pair: 12 -> 4) */
      o += (size_t)pith_utf8_encode(cp, d + o);
      break;
    }
    default: d[o++] = (char)c; break; /* \" \\ \/ and unknown escapes */
    }
  }
  d[o] = 0;
  *out = d;
  *olen = o;
  j->p = e + 1;
  return 0;
}

static pith_json *S_new(jp *j, int type) {
  if (++j->nodes > j->max_nodes) {
    j->limit = 1;
    return NULL;
  }
  pith_json *v = pith_arena_alloc(j->a, sizeof *v);
  if (!v) return NULL;
  memset(v, 0, sizeof *v);
  v->type = (unsigned char)type;
  return v;
}

static void S_append(pith_json *parent, pith_json *v) {
  v->parent = parent;
  if (parent->last) parent->last->next = v;
  else parent->child = v;
  parent->last = v;
  parent->len++;
}

/* Parse one value (iteratively, containers included) at j->p. */
static int S_value(jp *j, pith_json **out) {
  pith_json *cur = NULL; /* innermost open container */
  pith_json *root = NULL;
  size_t depth = 0;
  const char *key = NULL;
  size_t klen = 0;
  for (;;) {
    S_ws(j);
    if (j->p >= j->end) return PITH_JSON_SYNTAX;
    /* inside an object: expect a key (or a closing brace) */
    if (cur && cur->type == PITH_JSON_OBJ && !key) {
      if (*j->p == '}') goto close;
      if (*j->p == '"' || *j->p == '\'') {
        int r = S_string(j, &key, &klen);
        if (r) return r;
      } else {
        /* unquoted identifier key (tolerated) */
        const unsigned char *s = j->p;
        while (j->p < j->end && (*j->p == '_' || *j->p == '$' || *j->p == '@' ||
                                 (*j->p >= '0' && *j->p <= '9') || ((*j->p | 32) >= 'a' && (*j->p | 32) <= 'z')))
          j->p++;
        if (j->p == s) return PITH_JSON_SYNTAX;
        char *k = pith_arena_strndup(j->a, (const char *)s, (size_t)(j->p - s));
        if (!k) return -PITH_ERR_NOMEM;
        key = k;
        klen = (size_t)(j->p - s);
      }
      S_ws(j);
      if (j->p >= j->end || *j->p != ':') return PITH_JSON_SYNTAX;
      j->p++;
      S_ws(j);
      if (j->p >= j->end) return PITH_JSON_SYNTAX;
    }
    if (cur && cur->type == PITH_JSON_ARR && *j->p == ']') goto close;

    pith_json *v;
    unsigned char c = *j->p;
    if (c == '{' || c == '[') {
      if (depth >= j->max_depth) return PITH_JSON_LIMIT;
      v = S_new(j, c == '{' ? PITH_JSON_OBJ : PITH_JSON_ARR);
      if (!v) return j->limit ? PITH_JSON_LIMIT : -PITH_ERR_NOMEM;
      j->p++;
    } else if (c == '"' || c == '\'') {
      v = S_new(j, PITH_JSON_STR);
      if (!v) return j->limit ? PITH_JSON_LIMIT : -PITH_ERR_NOMEM;
      int r = S_string(j, &v->s, &v->len);
      if (r) return r;
    } else if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) {
      const unsigned char *s = j->p;
      j->p++;
      while (j->p < j->end && ((*j->p >= '0' && *j->p <= '9') || *j->p == '.' || *j->p == 'e' ||
                               *j->p == 'E' || *j->p == '+' || *j->p == '-'))
        j->p++;
      v = S_new(j, PITH_JSON_NUM);
      if (!v) return j->limit ? PITH_JSON_LIMIT : -PITH_ERR_NOMEM;
      size_t n = (size_t)(j->p - s);
      if (n > 64) n = 64; /* the text of absurd numbers is not needed */
      char *t = pith_arena_strndup(j->a, (const char *)s, n);
      if (!t) return -PITH_ERR_NOMEM;
      v->s = t;
      v->len = n;
    } else if (j->end - j->p >= 4 && !memcmp(j->p, "true", 4)) {
      v = S_new(j, PITH_JSON_BOOL);
      if (!v) return j->limit ? PITH_JSON_LIMIT : -PITH_ERR_NOMEM;
      v->b = 1;
      j->p += 4;
    } else if (j->end - j->p >= 5 && !memcmp(j->p, "false", 5)) {
      v = S_new(j, PITH_JSON_BOOL);
      if (!v) return j->limit ? PITH_JSON_LIMIT : -PITH_ERR_NOMEM;
      j->p += 5;
    } else if (j->end - j->p >= 4 && !memcmp(j->p, "null", 4)) {
      v = S_new(j, PITH_JSON_NULL);
      if (!v) return j->limit ? PITH_JSON_LIMIT : -PITH_ERR_NOMEM;
      j->p += 4;
    } else {
      return PITH_JSON_SYNTAX;
    }
    if (cur) {
      v->key = key;
      v->klen = klen;
      S_append(cur, v);
    } else {
      root = v;
    }
    key = NULL;
    if (v->type == PITH_JSON_OBJ || v->type == PITH_JSON_ARR) {
      cur = v;
      depth++;
      continue;
    }
    if (!cur) { *out = root; return 0; }
    goto after;

  close:
    j->p++; /* '}' or ']' */
    depth--;
    cur->last = NULL; /* no longer needed */
    if (!cur->parent) { *out = root; return 0; }
    cur = cur->parent;
    key = NULL;

  after:
    /* after a value inside a container: ',' or the closing bracket */
    S_ws(j);
    if (j->p >= j->end) return PITH_JSON_SYNTAX;
    if (*j->p == ',') {
      j->p++;
      /* tolerate repeated and trailing commas */
      for (;;) {
        S_ws(j);
        if (j->p < j->end && *j->p == ',') j->p++;
        else break;
      }
      continue;
    }
    if ((cur->type == PITH_JSON_OBJ && *j->p == '}') || (cur->type == PITH_JSON_ARR && *j->p == ']'))
      continue; /* handled at the top of the loop */
    return PITH_JSON_SYNTAX;
  }
}

/* Strip a wrapper: leading "<!--", "<![CDATA[", "//<![CDATA[" and the
 * matching trailers. */
static void S_unwrap(const unsigned char **pp, const unsigned char **ep) {
  const unsigned char *p = *pp, *e = *ep;
  for (int round = 0; round < 3; round++) {
    while (p < e && pith_is_space(*p)) p++;
    while (e > p && pith_is_space(e[-1])) e--;
    int changed = 0;
    if (e - p >= 2 && p[0] == '/' && p[1] == '/') {
      /* a JS line comment before the wrapper ("//<![CDATA[") */
      const unsigned char *q = p + 2;
      while (q < e && *q == ' ') q++;
      if (e - q >= 4 && (q[0] == '<')) { p = q; changed = 1; }
    }
    if (e - p >= 9 && !memcmp(p, "<![CDATA[", 9)) { p += 9; changed = 1; }
    else if (e - p >= 4 && !memcmp(p, "<!--", 4)) { p += 4; changed = 1; }
    if (e - p >= 3 && !memcmp(e - 3, "]]>", 3)) {
      e -= 3;
      changed = 1;
      while (e > p && pith_is_space(e[-1])) e--;
      if (e - p >= 2 && e[-1] == '/' && e[-2] == '/') e -= 2;
    } else if (e - p >= 3 && !memcmp(e - 3, "-->", 3)) {
      e -= 3;
      changed = 1;
      while (e > p && pith_is_space(e[-1])) e--;
      if (e - p >= 2 && e[-1] == '/' && e[-2] == '/') e -= 2;
    }
    if (!changed) break;
  }
  *pp = p;
  *ep = e;
}

int pith_json_parse(const char *s, size_t n, pith_arena *a, size_t max_depth, size_t max_bytes,
                    pith_json **out) {
  *out = NULL;
  if (!max_depth) max_depth = 64;
  if (!max_bytes) max_bytes = (size_t)1 << 20;
  if (n > max_bytes) return PITH_JSON_LIMIT;
  jp j;
  const unsigned char *p = (const unsigned char *)s, *e = p + n;
  S_unwrap(&p, &e);
  j.p = p;
  j.end = e;
  j.a = a;
  j.max_depth = max_depth;
  /* at most one value per 16 input bytes (and never fewer than 4096):
   * memory stays proportional to the cap, whatever the input */
  j.nodes = 0;
  j.max_nodes = max_bytes / 16 > 4096 ? max_bytes / 16 : 4096;
  j.limit = 0;
  pith_json *first = NULL, *multi = NULL;
  for (;;) {
    S_ws(&j);
    while (j.p < j.end && (*j.p == ';' || *j.p == ',')) { j.p++; S_ws(&j); }
    if (j.p >= j.end) break;
    pith_json *v = NULL;
    int r = S_value(&j, &v);
    if (r) {
      if (r < 0 || r == PITH_JSON_LIMIT || !first) return r;
      break; /* keep the values parsed so far */
    }
    if (!first) {
      first = v;
    } else {
      if (!multi) {
        multi = S_new(&j, PITH_JSON_ARR);
        if (!multi) return j.limit ? PITH_JSON_LIMIT : -PITH_ERR_NOMEM;
        multi->b = 1;
        S_append(multi, first);
      }
      S_append(multi, v);
    }
  }
  if (!first) return PITH_JSON_SYNTAX;
  if (multi) multi->last = NULL;
  *out = multi ? multi : first;
  return 0;
}

const pith_json *pith_json_get(const pith_json *obj, const char *key) {
  if (!obj || obj->type != PITH_JSON_OBJ) return NULL;
  size_t kl = strlen(key);
  for (const pith_json *m = obj->child; m; m = m->next)
    if (m->klen == kl && m->key && !memcmp(m->key, key, kl)) return m;
  return NULL;
}

double pith_json_num(const pith_json *v) {
  if (!v || v->type != PITH_JSON_NUM) return 0;
  char buf[72];
  size_t n = v->len < 64 ? v->len : 64;
  memcpy(buf, v->s, n);
  buf[n] = 0;
  return strtod(buf, NULL);
}
