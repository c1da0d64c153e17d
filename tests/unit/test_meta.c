/* test_meta.c - fields, priorities and metadata from small HTML pages. */
#include <stdlib.h>

#include "harness.h"
#include "meta/meta.h"

static pith_arena A;
static pith_meta M;
static pith_dom D;
static unsigned HIT;

static int run(const char *html, const char *url) {
  pith_arena_reset(&A);
  memset(&M, 0, sizeof M);
  pith_dom_reset(&D);
  HIT = 0;
  if (pith_dom_parse(&D, html, strlen(html))) return -1;
  return pith_meta_from_dom(&M, &D, url, &A, NULL, &HIT);
}
static const char *F(pith_field f) { return M.f[f].ptr; }
static const char *S(pith_field f) { return M.src[f]; }
static const char *L(pith_list l, size_t i) { return i < M.l[l].n ? M.l[l].v[i].ptr : NULL; }

static void test_fields(void) {
  pith_arena_reset(&A);
  memset(&M, 0, sizeof M);
  const char *t0 = "  A \n\t title\xc2\xa0 ";
  INT_EQ(pith_meta_set(&M, &A, PITH_F_TITLE, t0, strlen(t0), PITH_PRI_META, "meta"), 1);
  STR_EQ(F(PITH_F_TITLE), "A title");
  INT_EQ(M.f[PITH_F_TITLE].len, 7);
  INT_EQ(pith_meta_set(&M, &A, PITH_F_TITLE, "Other", 5, PITH_PRI_META, "meta"), 0);
  INT_EQ(pith_meta_set(&M, &A, PITH_F_TITLE, "Other", 5, PITH_PRI_DOM, "dom"), 0);
  INT_EQ(pith_meta_set(&M, &A, PITH_F_TITLE, "Better", 6, PITH_PRI_JSONLD, "json-ld"), 1);
  STR_EQ(F(PITH_F_TITLE), "Better");
  STR_EQ(S(PITH_F_TITLE), "json-ld");
  INT_EQ(pith_meta_set(&M, &A, PITH_F_DATE, "   ", 3, PITH_PRI_JSONLD, "json-ld"), 0);
  CHECK(F(PITH_F_DATE) == NULL);
  INT_EQ(pith_meta_set(&M, &A, PITH_F_COUNT, "x", 1, PITH_PRI_JSONLD, "x"), 0);
  /* zero-width characters vanish */
  INT_EQ(pith_meta_set(&M, &A, PITH_F_SECTION, "\xe2\x80\x8bWorld\xe2\x80\x8b", 11, PITH_PRI_META, "meta"), 1);
  STR_EQ(F(PITH_F_SECTION), "World");

  /* lists */
  CHECK(pith_meta_list_claim(&M, PITH_L_TAGS, PITH_PRI_META, "meta"));
  INT_EQ(pith_meta_list_add(&M, &A, PITH_L_TAGS, " a  b ", 6), 1);
  INT_EQ(pith_meta_list_add(&M, &A, PITH_L_TAGS, "A B", 3), 0); /* duplicate */
  INT_EQ(pith_meta_list_add(&M, &A, PITH_L_TAGS, "", 0), 0);
  for (int i = 0; i < 10; i++) {
    char t[16];
    snprintf(t, sizeof t, "t%d", i);
    INT_EQ(pith_meta_list_add(&M, &A, PITH_L_TAGS, t, strlen(t)), 1);
  }
  INT_EQ(M.l[PITH_L_TAGS].n, 11);
  STR_EQ(L(PITH_L_TAGS, 0), "a b");
  STR_EQ(L(PITH_L_TAGS, 10), "t9");
  /* weaker claim refused, stronger claim empties */
  CHECK(!pith_meta_list_claim(&M, PITH_L_TAGS, PITH_PRI_DOM, "dom"));
  CHECK(!pith_meta_list_claim(&M, PITH_L_TAGS, PITH_PRI_META, "meta"));
  CHECK(pith_meta_list_claim(&M, PITH_L_TAGS, PITH_PRI_JSONLD, "json-ld"));
  INT_EQ(M.l[PITH_L_TAGS].n, 0);
  STR_EQ(M.lsrc[PITH_L_TAGS], "json-ld");
  /* an empty list may be claimed by anyone */
  CHECK(pith_meta_list_claim(&M, PITH_L_TAGS, PITH_PRI_TEXT, "text"));

  /* out of memory is reported */
  pith_arena a2;
  pith_arena_init(&a2, 16);
  pith_meta m2;
  memset(&m2, 0, sizeof m2);
  INT_EQ(pith_meta_set(&m2, &a2, PITH_F_TITLE, "a long title that will not fit", 30, PITH_PRI_META, "meta"),
         -PITH_ERR_NOMEM);
  pith_arena_free(&a2);

  char lang[16];
  CHECK(pith_lang_normalize("en_us", 5, lang) == 5);
  STR_EQ(lang, "en-US");
  CHECK(pith_lang_normalize("EN", 2, lang) == 2);
  STR_EQ(lang, "en");
  CHECK(pith_lang_normalize("de-de, en", 9, lang) == 5);
  STR_EQ(lang, "de-DE");
  CHECK(pith_lang_normalize("zh-hant-tw", 10, lang) == 10);
  STR_EQ(lang, "zh-Hant-TW");
  CHECK(pith_lang_normalize("english!", 8, lang) == 0);
  CHECK(pith_lang_normalize("x", 1, lang) == 0);
}

static void test_jsonld(void) {
  const char *html =
    "<html lang=en><head><title>Fallback | Site</title>"
    "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
    "{\"@type\":\"WebSite\",\"@id\":\"#site\",\"name\":\"The Site\"},"
    "{\"@type\":\"BreadcrumbList\",\"itemListElement\":[{\"name\":\"Home\"},{\"name\":\"Politics\"},{\"name\":\"The Headline\"}]},"
    "{\"@type\":\"Person\",\"@id\":\"#p1\",\"name\":\"JANE ROE\"},"
    "{\"@type\":[\"NewsArticle\"],\"headline\":\"The Headline\",\"datePublished\":\"2023-02-28T10:00:00Z\","
    "\"dateModified\":\"2023-03-01\",\"author\":[{\"@id\":\"#p1\"},{\"@type\":\"Person\",\"name\":\"John Doe\"},"
    "{\"@type\":\"Organization\",\"name\":\"Associated Press\"}],"
    "\"publisher\":{\"@type\":\"Organization\",\"name\":\"The Publisher\"},\"keywords\":\"one, two,three\","
    "\"inLanguage\":\"en-GB\",\"image\":[{\"url\":\"https://x.test/a.jpg\"}],\"description\":\"Desc &amp; more\","
    "\"mainEntityOfPage\":{\"@id\":\"https://x.test/story\"}}]}</script>"
    "<meta property=\"og:title\" content=\"OG title\"></head><body><h1>The Headline</h1></body></html>";
  INT_EQ(run(html, NULL), 0);
  STR_EQ(F(PITH_F_TITLE), "The Headline");
  STR_EQ(S(PITH_F_TITLE), "json-ld");
  STR_EQ(F(PITH_F_DATE), "2023-02-28T10:00:00+00:00");
  STR_EQ(F(PITH_F_DATE_MODIFIED), "2023-03-01");
  STR_EQ(F(PITH_F_SITE_NAME), "The Publisher");
  STR_EQ(F(PITH_F_BYLINE), "JANE ROE, John Doe, Associated Press");
  STR_EQ(L(PITH_L_AUTHORS, 0), "Jane Roe");
  STR_EQ(L(PITH_L_AUTHORS, 1), "John Doe");
  CHECK(L(PITH_L_AUTHORS, 2) == NULL);
  STR_EQ(F(PITH_F_WIRE), "AP");
  STR_EQ(L(PITH_L_TAGS, 2), "three");
  STR_EQ(F(PITH_F_LANG), "en"); /* <html lang> first */
  STR_EQ(F(PITH_F_IMAGE), "https://x.test/a.jpg");
  STR_EQ(F(PITH_F_DESCRIPTION), "Desc & more");
  STR_EQ(F(PITH_F_URL), "https://x.test/story");
  STR_EQ(F(PITH_F_SECTION), "Politics");
}

static void test_jsonld_bad(void) {
  /* malformed block ignored; other sources used */
  const char *html =
    "<head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Bro</script>"
    "<meta property=\"og:title\" content=\"OG title\"><meta name=author content=\"Jane Roe\"></head>";
  INT_EQ(run(html, NULL), 0);
  STR_EQ(F(PITH_F_TITLE), "OG title");
  STR_EQ(S(PITH_F_TITLE), "meta");
  STR_EQ(F(PITH_F_BYLINE), "Jane Roe");
  CHECK(!(HIT & PITH_HIT_JSONLD));

  /* too deep: flagged */
  size_t n = 10000;
  char *s = malloc(3 * n + 200);
  strcpy(s, "<script type=\"application/ld+json\">");
  size_t o = strlen(s);
  memset(s + o, '[', n);
  o += n;
  strcpy(s + o, "</script><title>A title that is long enough</title>");
  INT_EQ(run(s, NULL), 0);
  CHECK(HIT & PITH_HIT_JSONLD);
  STR_EQ(F(PITH_F_TITLE), "A title that is long enough");
  free(s);

  /* @graph self references, arrays of junk, numbers for dates */
  html = "<script type=application/ld+json>[1, \"x\", null, {\"@graph\": [{\"@id\": \"#a\", \"author\": {\"@id\": \"#a\"}}]},"
         "{\"@type\": \"BlogPosting\", \"name\": \"Post\", \"author\": {\"@id\": \"#nobody\"},"
         " \"datePublished\": 1677578400}]</script>";
  INT_EQ(run(html, NULL), 0);
  STR_EQ(F(PITH_F_TITLE), "Post");
  STR_EQ(F(PITH_F_DATE), "2023-02-28T10:00:00+00:00");
  CHECK(F(PITH_F_BYLINE) == NULL);
}

/* Issue 9 item 7: a comma inside one keyword does not make two tags. */
static void test_tags_split(void) {
  /* a catalogue name heading stays whole; other commas still split */
  const char *html = "<meta name=news_keywords content=\"Beshear, Andrew G (1977- ), Kentucky, Elections\">";
  INT_EQ(run(html, NULL), 0);
  INT_EQ(M.l[PITH_L_TAGS].n, 3);
  STR_EQ(L(PITH_L_TAGS, 0), "Beshear, Andrew G (1977- )");
  STR_EQ(L(PITH_L_TAGS, 1), "Kentucky");
  STR_EQ(L(PITH_L_TAGS, 2), "Elections");
  /* commas inside parentheses and brackets do not split */
  html = "<meta name=keywords content=\"Smith (1950, 2001), Acts [1, 2]; Law\">";
  INT_EQ(run(html, NULL), 0);
  INT_EQ(M.l[PITH_L_TAGS].n, 3);
  STR_EQ(L(PITH_L_TAGS, 0), "Smith (1950, 2001)");
  STR_EQ(L(PITH_L_TAGS, 1), "Acts [1, 2]");
  STR_EQ(L(PITH_L_TAGS, 2), "Law");
  /* an unclosed bracket does not swallow the rest */
  html = "<meta name=keywords content=\"a (b, c, d\">";
  INT_EQ(run(html, NULL), 0);
  INT_EQ(M.l[PITH_L_TAGS].n, 3);
  STR_EQ(L(PITH_L_TAGS, 0), "a (b");
  /* a plain "Surname, Given" pair without a year is two tags (no guess) */
  html = "<meta name=keywords content=\"Paris, France\">";
  INT_EQ(run(html, NULL), 0);
  INT_EQ(M.l[PITH_L_TAGS].n, 2);
  /* JSON-LD keywords array: each element whole; duplicates (any case),
   * blanks and padding dropped */
  html = "<script type=application/ld+json>{\"@type\":\"NewsArticle\",\"headline\":\"H\","
         "\"keywords\":[\"Beshear, Andy\",\" Kentucky \",\"kentucky\",\"\",\"Taxes, state\"]}</script>";
  INT_EQ(run(html, NULL), 0);
  INT_EQ(M.l[PITH_L_TAGS].n, 3);
  STR_EQ(L(PITH_L_TAGS, 0), "Beshear, Andy");
  STR_EQ(L(PITH_L_TAGS, 1), "Kentucky");
  STR_EQ(L(PITH_L_TAGS, 2), "Taxes, state");
  /* a JSON-LD keywords string is split like a meta value */
  html = "<script type=application/ld+json>{\"@type\":\"NewsArticle\",\"headline\":\"H\","
         "\"keywords\":\"a, B, b,, c (x, y)\"}</script>";
  INT_EQ(run(html, NULL), 0);
  INT_EQ(M.l[PITH_L_TAGS].n, 3);
  STR_EQ(L(PITH_L_TAGS, 2), "c (x, y)");
}

static void test_meta_tags(void) {
  const char *html =
    "<html><head><meta http-equiv=\"Content-Language\" content=\"de_DE\">"
    "<title>Ignored title here | Site</title>"
    "<meta property=\"og:title twitter:title\" content=\"Preferred title\">"
    "<meta property=\"og:site_name\" content=\"Site Name\">"
    "<meta name=\"DC.creator\" content=\"Creator Name\">"
    "<meta property=\"article:published_time\" content=\"Tue, 28 Feb 2023 10:00:00 GMT\">"
    "<meta property=\"article:modified_time\" content=\"2023-03-01T08:00:00+01:00\">"
    "<meta property=\"article:section\" content=\"Sport\">"
    "<meta property=\"article:tag\" content=\"alpha\"><meta property=\"article:tag\" content=\"beta\">"
    "<meta name=\"keywords\" content=\"x, y\">"
    "<meta name=\"description\" content=\"The description\">"
    "<meta property=\"og:image\" content=\"/img/a.png\">"
    "<meta name=\"copyright\" content=\"(c) 2023 Site\">"
    "<link rel=\"canonical\" href=\"/path/story\"></head><body></body></html>";
  INT_EQ(run(html, "https://www.example.com/x?y=1"), 0);
  STR_EQ(F(PITH_F_TITLE), "Preferred title");
  STR_EQ(F(PITH_F_SITE_NAME), "Site Name");
  STR_EQ(F(PITH_F_BYLINE), "Creator Name");
  STR_EQ(L(PITH_L_AUTHORS, 0), "Creator Name");
  STR_EQ(F(PITH_F_DATE), "2023-02-28T10:00:00+00:00");
  STR_EQ(S(PITH_F_DATE), "meta");
  STR_EQ(F(PITH_F_DATE_MODIFIED), "2023-03-01T08:00:00+01:00");
  STR_EQ(F(PITH_F_SECTION), "Sport");
  INT_EQ(M.l[PITH_L_TAGS].n, 2);
  STR_EQ(L(PITH_L_TAGS, 1), "beta");
  STR_EQ(F(PITH_F_LANG), "de-DE");
  STR_EQ(F(PITH_F_DESCRIPTION), "The description");
  STR_EQ(F(PITH_F_URL), "https://www.example.com/path/story");
  STR_EQ(F(PITH_F_IMAGE), "https://www.example.com/img/a.png");
  STR_EQ(F(PITH_F_COPYRIGHT), "(c) 2023 Site");

  /* a site name written as a URL; a CMS placeholder as section; double escapes */
  html = "<meta property=og:site_name content=\"https://www.example.com/\">"
         "<meta property=article:section content=\"homepage\"><meta name=parsely-section content=\"World, Asia\">"
         "<meta property=og:title content=\"Tom &amp;amp; Jerry&amp;nbsp;again\">";
  INT_EQ(run(html, NULL), 0);
  STR_EQ(F(PITH_F_SITE_NAME), "example.com");
  STR_EQ(F(PITH_F_SECTION), "World");
  STR_EQ(F(PITH_F_TITLE), "Tom & Jerry again");

  /* article:author as a URL is a profile, not a name */
  html = "<meta property=\"article:author\" content=\"https://facebook.com/jane\">"
         "<meta name=\"parsely-pub-date\" content=\"2023-02-28\">"
         "<meta name=\"news_keywords\" content=\"a;b\">";
  INT_EQ(run(html, NULL), 0);
  CHECK(F(PITH_F_BYLINE) == NULL);
  STR_EQ(F(PITH_F_DATE), "2023-02-28");
  INT_EQ(M.l[PITH_L_TAGS].n, 2);
}

static void test_title(void) {
  /* Readability's separator rules */
  INT_EQ(run("<title>Get your Frontend JavaScript Code Covered | Code | Nicolas Perriault</title>", NULL), 0);
  STR_EQ(F(PITH_F_TITLE), "Get your Frontend JavaScript Code Covered | Code");
  STR_EQ(S(PITH_F_TITLE), "dom");
  INT_EQ(run("<title>Short - A much longer title of the article</title>", NULL), 0);
  STR_EQ(F(PITH_F_TITLE), "A much longer title of the article");
  INT_EQ(run("<title>Site: The real title of the story</title>", NULL), 0);
  STR_EQ(F(PITH_F_TITLE), "The real title of the story");
  INT_EQ(run("<title>Site: The real title of the story</title><h1>Site: The real title of the story</h1>", NULL), 0);
  STR_EQ(F(PITH_F_TITLE), "Site: The real title of the story");
  INT_EQ(run("<title>Hi</title><body><h1>The one heading on the page</h1>", NULL), 0);
  STR_EQ(F(PITH_F_TITLE), "The one heading on the page");
  /* the suffix is also the last-resort site name */
  INT_EQ(run("<title>A long title for a story | Example News</title>", "http://example.com/"), 0);
  STR_EQ(F(PITH_F_SITE_NAME), "Example News");
  INT_EQ(run("<title>A long title for a story</title>", "http://www.example.com/a"), 0);
  STR_EQ(F(PITH_F_SITE_NAME), "example.com");
  STR_EQ(S(PITH_F_SITE_NAME), "url");
  STR_EQ(F(PITH_F_URL), "http://www.example.com/a");
  STR_EQ(S(PITH_F_URL), "url");
  /* a suffix or prefix that is the site name goes */
  INT_EQ(run("<title>The long story title \xe2\x80\x93 Daily Planet</title>"
             "<meta property=og:site_name content=\"Daily Planet\">", NULL), 0);
  STR_EQ(F(PITH_F_TITLE), "The long story title");
  INT_EQ(run("<title>Daily Planet :: The long story title</title>"
             "<meta name=application-name content=\"Daily Planet\">", NULL), 0);
  STR_EQ(F(PITH_F_TITLE), "The long story title");
  INT_EQ(run("<p>nothing</p>", NULL), 0);
  CHECK(F(PITH_F_TITLE) == NULL);
  CHECK(F(PITH_F_SITE_NAME) == NULL);
}

static void test_dom_byline(void) {
  const char *html =
    "<body><div class=header><span class=author>Header Person</span></div>"
    "<div style=\"display: none\"><span class=byline>Hidden Person</span></div>"
    "<article><p class=\"byline\">By Jane Roe<br>Published March 3, 2023</p>"
    "<time datetime=\"2023-03-03T09:00:00Z\" class=published>March 3</time>"
    "<p>Text.</p></article><div class=comments><span class=author>Commenter</span></div></body>";
  INT_EQ(run(html, NULL), 0);
  STR_EQ(F(PITH_F_BYLINE), "Jane Roe");
  STR_EQ(S(PITH_F_BYLINE), "dom");
  STR_EQ(L(PITH_L_AUTHORS, 0), "Jane Roe");
  STR_EQ(F(PITH_F_DATE), "2023-03-03T09:00:00+00:00");
  STR_EQ(S(PITH_F_DATE), "dom");

  /* rel=author; an organisation named like the site is no author */
  html = "<meta property=og:site_name content=\"Daily Planet\">"
         "<body><a rel=author href=/x>Daily Planet</a></body>";
  INT_EQ(run(html, NULL), 0);
  STR_EQ(F(PITH_F_BYLINE), "Daily Planet");
  INT_EQ(M.l[PITH_L_AUTHORS].n, 0);

  /* an agency credit */
  html = "<body><div class=byline>By Jane Roe, Associated Press</div></body>";
  INT_EQ(run(html, NULL), 0);
  STR_EQ(F(PITH_F_WIRE), "AP");
  STR_EQ(L(PITH_L_AUTHORS, 0), "Jane Roe");

  /* a byline element that is too long is no byline */
  html = "<body><div class=author-box>Jane Roe is a writer who has written many things over many years "
         "for many publications around the world, and she lives in a city.</div></body>";
  INT_EQ(run(html, NULL), 0);
  CHECK(F(PITH_F_BYLINE) == NULL);
}

static void test_as_printed(void) {
  /* the visible credit wins when it names the same people */
  const char *html =
    "<meta name=author content=\"Anna Leutheusser\"><meta name=provider content=Reuters>"
    "<body><span class=\"c-article__author\">Von Anna Leutheusser, dpa</span><p>Text</p></body>";
  INT_EQ(run(html, NULL), 0);
  STR_EQ(F(PITH_F_BYLINE), "Anna Leutheusser, dpa");
  STR_EQ(F(PITH_F_WIRE), "dpa");
  STR_EQ(L(PITH_L_AUTHORS, 0), "Anna Leutheusser");
  /* ... and not when it names someone else */
  html = "<meta name=author content=\"Jane Roe\"><body><div class=byline>By John Doe</div></body>";
  INT_EQ(run(html, NULL), 0);
  STR_EQ(F(PITH_F_BYLINE), "Jane Roe");
  STR_EQ(S(PITH_F_BYLINE), "meta");
  /* a distributor's account is no byline */
  html = "<meta name=author content=\"CNN Newsource\"><body><p>By Helena Marques, CNN</p></body>";
  INT_EQ(run(html, NULL), 0);
  CHECK(F(PITH_F_BYLINE) == NULL);
  STR_EQ(F(PITH_F_DISTRIBUTOR), "CNN Newsource");
  /* every dc.creator is an author; the byline is the last one, as Readability */
  html = "<meta name=DC.creator content=\"Ingrid Halvorsen\"><meta name=DC.creator content=\"Tomasz Okafor\">"
         "<meta name=DC.subject content=\"cover crops\"><meta name=DC.subject content=\"nitrate leaching\">"
         "<meta name=DC.date content=2024-02-14>";
  INT_EQ(run(html, NULL), 0);
  STR_EQ(F(PITH_F_BYLINE), "Tomasz Okafor");
  INT_EQ(M.l[PITH_L_AUTHORS].n, 2);
  STR_EQ(L(PITH_L_AUTHORS, 0), "Ingrid Halvorsen");
  STR_EQ(L(PITH_L_TAGS, 1), "nitrate leaching");
  STR_EQ(F(PITH_F_DATE), "2024-02-14");
  /* a byline found by its link to an author page; a visible date */
  html = "<body><div class=css-x1><div class=css-k9>By <a href=\"/authors/keiko-anderssen\">Keiko Anderssen</a></div>"
         "<p class=dateline>May 6, 2024</p><p>Text</p></div></body>";
  INT_EQ(run(html, NULL), 0);
  STR_EQ(F(PITH_F_BYLINE), "Keiko Anderssen");
  STR_EQ(F(PITH_F_DATE), "2024-05-06");
  /* a date inside the byline */
  html = "<body><span class=byline>By Carol Ann Prescott<br>Posted Saturday, June 8, 2024</span></body>";
  INT_EQ(run(html, NULL), 0);
  STR_EQ(F(PITH_F_BYLINE), "Carol Ann Prescott");
  STR_EQ(F(PITH_F_DATE), "2024-06-08");
  /* lines of a byline stay apart */
  html = "<body><div class=storybyline>By Julia Brennan<br>Gazette Staff Writer</div></body>";
  INT_EQ(run(html, NULL), 0);
  STR_EQ(F(PITH_F_BYLINE), "Julia Brennan, Gazette Staff Writer");
  INT_EQ(M.l[PITH_L_AUTHORS].n, 1);
  /* dates in one shape, ISO input too: fraction dropped, "Z" as +00:00 */
  html = "<meta property=article:published_time content=\"2024-05-21T18:04:11.512Z\">"
         "<meta property=article:modified_time content=\"2024-05-21 19:30\">";
  INT_EQ(run(html, NULL), 0);
  STR_EQ(F(PITH_F_DATE), "2024-05-21T18:04:11+00:00");
  STR_EQ(F(PITH_F_DATE_MODIFIED), "2024-05-21T19:30:00");
  html = "<meta property=article:published_time content=\"2024-13-21T18:04:11Z\">";
  INT_EQ(run(html, NULL), 0);
  CHECK(F(PITH_F_DATE) == NULL);
}

static void test_microdata(void) {
  const char *html =
    "<html><head><title>Page</title></head><body>"
    "<div itemscope itemtype=\"https://schema.org/NewsArticle\">"
    "<h1 itemprop=headline>Micro headline</h1>"
    "<span itemprop=author itemscope itemtype=https://schema.org/Person><span itemprop=name>Jane Roe</span></span>"
    "<span itemprop=publisher itemscope itemtype=https://schema.org/Organization><meta itemprop=name content=\"Micro Pub\"></span>"
    "<meta itemprop=datePublished content=\"2023-02-28\">"
    "<time itemprop=dateModified datetime=\"2023-03-01T10:00\">1 March</time>"
    "<meta itemprop=inLanguage content=fr-fr>"
    "</div><div itemscope itemtype=https://schema.org/Person><span itemprop=name>Commenter</span></div></body></html>";
  INT_EQ(run(html, NULL), 0);
  STR_EQ(F(PITH_F_TITLE), "Page");  /* as Readability: <title> before microdata */
  STR_EQ(F(PITH_F_DATE), "2023-02-28");
  STR_EQ(S(PITH_F_DATE), "microdata");
  STR_EQ(F(PITH_F_DATE_MODIFIED), "2023-03-01T10:00:00"); /* seconds added */
  STR_EQ(F(PITH_F_SITE_NAME), "Micro Pub");
  STR_EQ(F(PITH_F_LANG), "fr-FR");
  STR_EQ(L(PITH_L_AUTHORS, 0), "Jane Roe");
  INT_EQ(M.l[PITH_L_AUTHORS].n, 1);
  /* without a <title> the microdata headline is used */
  INT_EQ(run("<div itemscope itemtype=http://schema.org/Article><h2 itemprop=headline>Micro headline</h2></div>", NULL), 0);
  STR_EQ(F(PITH_F_TITLE), "Micro headline");
  STR_EQ(S(PITH_F_TITLE), "microdata");
}

static void test_empty(void) {
  pith_dom_reset(&D);
  pith_arena_reset(&A);
  memset(&M, 0, sizeof M);
  INT_EQ(pith_meta_from_dom(&M, &D, NULL, &A, NULL, NULL), 0);
  INT_EQ(pith_meta_from_dom(&M, NULL, "https://example.org/x", &A, NULL, NULL), 0);
  STR_EQ(F(PITH_F_SITE_NAME), "example.org");
  /* out of memory is reported, never a crash */
  const char *html = "<title>A title</title><meta name=author content=\"Jane Roe\">"
                     "<script type=application/ld+json>{\"@type\":\"Article\",\"headline\":\"H\"}</script>";
  pith_dom_reset(&D);
  INT_EQ(pith_dom_parse(&D, html, strlen(html)), 0);
  int saw = 0;
  for (size_t cap = 64; cap < 65536; cap *= 2) {
    pith_arena a2;
    pith_arena_init(&a2, cap);
    pith_meta m2;
    memset(&m2, 0, sizeof m2);
    int r = pith_meta_from_dom(&m2, &D, NULL, &a2, NULL, NULL);
    CHECK(r == 0 || r == -PITH_ERR_NOMEM);
    if (r) saw = 1;
    pith_arena_free(&a2);
  }
  CHECK(saw);
}

static void test_pathological(void) {
  /* 50,000 nested byline-classed elements: bounded work */
  size_t n = 50000;
  char *s = malloc((size_t)8 << 20);
  size_t o = 0;
  for (size_t i = 0; i < n; i++) o += (size_t)sprintf(s + o, "<div class=author>");
  o += (size_t)sprintf(s + o, "text");
  s[o] = 0;
  pith_dom_reset(&D);
  if (pith_dom_parse(&D, s, o) == 0) {
    pith_arena_reset(&A);
    memset(&M, 0, sizeof M);
    INT_EQ(pith_meta_from_dom(&M, &D, NULL, &A, NULL, NULL), 0);
  }
  /* 100,000 meta tags and 100 JSON-LD blocks */
  o = 0;
  for (size_t i = 0; i < 100000; i++) o += (size_t)sprintf(s + o, "<meta property=article:tag content=t%zu>", i % 97);
  for (size_t i = 0; i < 100; i++)
    o += (size_t)sprintf(s + o, "<script type=application/ld+json>{\"@type\":\"Article\",\"name\":\"n%zu\"}</script>", i);
  pith_dom_reset(&D);
  INT_EQ(pith_dom_parse(&D, s, o), 0);
  pith_arena_reset(&A);
  memset(&M, 0, sizeof M);
  INT_EQ(pith_meta_from_dom(&M, &D, NULL, &A, NULL, NULL), 0);
  STR_EQ(F(PITH_F_TITLE), "n0");
  CHECK(M.l[PITH_L_TAGS].n <= 64);
  free(s);
}

int main(void) {
  pith_arena_init(&A, 0);
  pith_dom_init(&D);
  RUN(test_fields);
  RUN(test_jsonld);
  RUN(test_jsonld_bad);
  RUN(test_meta_tags);
  RUN(test_tags_split);
  RUN(test_title);
  RUN(test_dom_byline);
  RUN(test_as_printed);
  RUN(test_microdata);
  RUN(test_empty);
  RUN(test_pathological);
  pith_dom_free(&D);
  pith_arena_free(&A);
  return REPORT();
}
