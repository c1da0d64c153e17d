/* fuzz_jsonld.c - the bounded JSON parser (meta/json.h) and JSON-LD through
 * pith_extract of a page that wraps the input in <script type=application/ld+json>.
 * Input: [depth][size-sel][mode] json...
 * Checks: the tree is well formed (parent links, child counts, string
 * lengths), its depth never exceeds max_depth, LIMIT only when a limit can
 * explain it; the extracted document is valid UTF-8. */
#include "fuzz_common.h"
#include "meta/json.h"

static void S_walk(const pith_json *root, size_t max_depth) {
  const pith_json *v = root;
  size_t depth = 0;
  for (;;) {
    if (v->type > PITH_JSON_OBJ) FZ_FAIL("type %u", v->type);
    if (v->type == PITH_JSON_STR || v->type == PITH_JSON_NUM) {
      if (!v->s) FZ_FAIL("string/number without text");
      if (v->s[v->len] != 0) FZ_FAIL("value not NUL-terminated at len %zu", v->len);
      if (v->type == PITH_JSON_NUM) (void)pith_json_num(v);
    }
    if (v->key && v->key[v->klen] != 0) FZ_FAIL("key not NUL-terminated at klen");
    if (v->type == PITH_JSON_ARR || v->type == PITH_JSON_OBJ) {
      size_t cnt = 0;
      for (const pith_json *c = v->child; c; c = c->next) {
        if (c->parent != v) FZ_FAIL("parent link");
        if (v->type == PITH_JSON_OBJ && !c->key) FZ_FAIL("object member without key");
        cnt++;
      }
      if (cnt != v->len) FZ_FAIL("child count %zu vs len %zu", cnt, v->len);
      if (v->child) {
        depth++;
        if (depth > max_depth + 1) FZ_FAIL("depth %zu over max %zu", depth, max_depth);
        v = v->child;
        continue;
      }
    }
    while (v != root && !v->next) {
      v = v->parent;
      depth--;
    }
    if (v == root) break;
    v = v->next;
  }
}

static const char S_pre[] =
    "<!doctype html><html><head><title>T</title><script type=\"application/ld+json\">";
static const char S_post[] =
    "</script></head><body><article><h1>Headline here</h1><p>First paragraph of the story, "
    "long enough to count as prose for the extractor to keep it.</p><p>Second paragraph, "
    "also long enough to be kept as part of the article text.</p></article></body></html>";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = {data, size};
  size_t depth = fz_u8(&f) % 80;
  unsigned ssel = fz_u8(&f), mode = fz_u8(&f);
  size_t maxb = (ssel & 0x80) ? (size_t)(ssel & 0x7f) * 16 : 0;
  pith_arena a;
  pith_arena_init(&a, 0);
  pith_json *root = NULL;
  int r = pith_json_parse((const char *)f.p, f.n, &a, depth, maxb, &root);
  if (r == PITH_JSON_OK) {
    if (!root) FZ_FAIL("OK without root");
    if (root->parent) FZ_FAIL("root has a parent");
    S_walk(root, depth ? depth : 64);
    (void)pith_json_get(root, "@type");
  } else if (r == PITH_JSON_SYNTAX || r == PITH_JSON_LIMIT || r == -PITH_ERR_NOMEM) {
    if (root) FZ_FAIL("error %d with a root", r);
  } else {
    FZ_FAIL("pith_json_parse returned %d", r);
  }
  pith_arena_free(&a);

  if (mode & 1) {
    size_t n = sizeof S_pre - 1 + f.n + sizeof S_post - 1;
    char *page = malloc(n);
    memcpy(page, S_pre, sizeof S_pre - 1);
    memcpy(page + sizeof S_pre - 1, f.p, f.n);
    memcpy(page + sizeof S_pre - 1 + f.n, S_post, sizeof S_post - 1);
    pith_options o;
    pith_options_init(&o);
    if (mode & 2) {
      o.max_jsonld_depth = depth ? depth : 1;
      o.max_jsonld_bytes = maxb ? maxb : 1;
    }
    pith_extractor *x = pith_extractor_new(&o);
    const pith_doc *d = NULL;
    pith_status st = pith_extract(x, page, n, "https://example.com/a/b", NULL, &d);
    if (st == PITH_ERR_NOMEM) FZ_FAIL("NOMEM");
    fz_check_doc(d);
    pith_extractor_free(x);
    free(page);
  }
  return 0;
}
