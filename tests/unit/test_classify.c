/* test_classify.c - the shared block classifier. */
#include <stdint.h>

#include "extract/classify.h"
#include "harness.h"

static pith_chrome K(const char *s) { return pith_chrome_kind(s, strlen(s)); }

static void test_seed_shapes(void) {
  INT_EQ(K("Skip to Content"), PITH_CHROME_SKIP_LINK);
  INT_EQ(K("Skip to content"), PITH_CHROME_SKIP_LINK);
  INT_EQ(K("Jump to comments ↓"), PITH_CHROME_JUMP);
  INT_EQ(K("Author Profile Photo"), PITH_CHROME_AUTHOR_BOX);
  INT_EQ(K("BE PART OF THE CONVERSATION"), PITH_CHROME_COMMENT_PROMPT);
  INT_EQ(K("News Channel 3-12 is committed to providing a forum for civil and constructive "
           "conversation."), PITH_CHROME_GUIDELINES);
  INT_EQ(K("Please keep your comments respectful and relevant. You can review our Community "
           "Guidelines by clicking here"), PITH_CHROME_GUIDELINES);
  INT_EQ(K("If you would like to share a story idea, please submit it here."), PITH_CHROME_STORY_TIP);
}

/* A brand written in camel case is one word on a line of its own: the
 * share and social vocabulary knows it whole. */
static void test_camel_case_word(void) {
  INT_EQ(K("WhatsApp"), PITH_CHROME_SHARE);
  INT_EQ(K("LinkedIn"), PITH_CHROME_SHARE);
  INT_EQ(K("YouTube"), PITH_CHROME_SHARE);
  /* and only as the whole block */
  INT_EQ(K("WhatsApp rolled out a new privacy feature for group chats on Tuesday, the company "
           "said in a statement."), PITH_CHROME_NONE);
}

static void test_other_wordings(void) {
  INT_EQ(K("Skip to main content"), PITH_CHROME_SKIP_LINK);
  INT_EQ(K("Zum Inhalt springen"), PITH_CHROME_SKIP_LINK);
  INT_EQ(K("Aller au contenu principal"), PITH_CHROME_SKIP_LINK);
  INT_EQ(K("Saltar al contenido"), PITH_CHROME_SKIP_LINK);
  INT_EQ(K("Перейти к содержанию"), PITH_CHROME_SKIP_LINK);
  INT_EQ(K("跳到主要内容"), PITH_CHROME_SKIP_LINK);
  INT_EQ(K("Share this article"), PITH_CHROME_SHARE);
  INT_EQ(K("Facebook Twitter Email"), PITH_CHROME_SHARE);
  INT_EQ(K("Share on Facebook"), PITH_CHROME_SHARE);
  INT_EQ(K("Artikel teilen"), PITH_CHROME_SHARE);
  INT_EQ(K("Follow us on Twitter"), PITH_CHROME_FOLLOW);
  INT_EQ(K("Folgen Sie uns auf Instagram"), PITH_CHROME_FOLLOW);
  INT_EQ(K("Suivez-nous sur Facebook"), PITH_CHROME_FOLLOW);
  INT_EQ(K("Sign up for our daily newsletter"), PITH_CHROME_SUBSCRIBE);
  CHECK(K("SubscribeSign In") != PITH_CHROME_NONE);
  INT_EQ(K("Abonnez-vous à notre newsletter"), PITH_CHROME_SUBSCRIBE);
  INT_EQ(K("Suscríbete a nuestro boletín"), PITH_CHROME_SUBSCRIBE);
  INT_EQ(K("12 Comments"), PITH_CHROME_COMMENT_PROMPT);
  INT_EQ(K("Leave a Reply"), PITH_CHROME_COMMENT_PROMPT);
  INT_EQ(K("Join the conversation"), PITH_CHROME_COMMENT_PROMPT);
  INT_EQ(K("Laisser un commentaire"), PITH_CHROME_COMMENT_PROMPT);
  INT_EQ(K("Got a news tip? Send it to us."), PITH_CHROME_STORY_TIP);
  INT_EQ(K("We use cookies to ensure that we give you the best experience on our website. If you "
           "continue to use this site we will assume that you are happy with it."), PITH_CHROME_COOKIE);
  INT_EQ(K("Diese Website verwendet Cookies."), PITH_CHROME_COOKIE);
  INT_EQ(K("Read more"), PITH_CHROME_READ_MORE);
  INT_EQ(K("READ MORE: Why the markets fell on Monday"), PITH_CHROME_READ_MORE);
  INT_EQ(K("Lire la suite"), PITH_CHROME_READ_MORE);
  INT_EQ(K("Leggi anche: il governo cade"), PITH_CHROME_READ_MORE);
  INT_EQ(K("阅读更多"), PITH_CHROME_READ_MORE);
  INT_EQ(K("اقرأ المزيد"), PITH_CHROME_READ_MORE);
  INT_EQ(K("Advertisement"), PITH_CHROME_AD);
  INT_EQ(K("Story continues below advertisement"), PITH_CHROME_AD);
  INT_EQ(K("Anzeige"), PITH_CHROME_AD);
  INT_EQ(K("Home | World | Europe"), PITH_CHROME_NAV);
  INT_EQ(K("Next article →"), PITH_CHROME_NAV);
  INT_EQ(K("Sign in"), PITH_CHROME_LOGIN);
  INT_EQ(K("Back to top"), PITH_CHROME_JUMP);
  INT_EQ(K("Photo: John Smith/Getty Images"), PITH_CHROME_PHOTO_CREDIT);
  INT_EQ(K("© 2024 Example Media. All rights reserved."), PITH_CHROME_COPYRIGHT);
  INT_EQ(K("Alle Rechte vorbehalten."), PITH_CHROME_COPYRIGHT);
  INT_EQ(K("Click here to download the app"), PITH_CHROME_OTHER);
  INT_EQ(K("5 min read"), PITH_CHROME_OTHER);
  INT_EQ(K("→"), PITH_CHROME_OTHER);
}

static void test_more_shapes(void) {
  INT_EQ(K("Reply"), PITH_CHROME_COMMENT_META);
  INT_EQ(K("Tom Baker says:"), PITH_CHROME_COMMENT_META);
  INT_EQ(K("Rating: 25 Votes"), PITH_CHROME_COMMENT_META);
  INT_EQ(K("2H ago"), PITH_CHROME_OTHER);
  INT_EQ(K("3 hours ago"), PITH_CHROME_OTHER);
  INT_EQ(K("2"), PITH_CHROME_OTHER);
  INT_EQ(K("1 / 5"), PITH_CHROME_OTHER);
  INT_EQ(K("koala-rescue.jpg"), PITH_CHROME_PHOTO_CREDIT);
  INT_EQ(K("Margaret Ellis in the reading room of the library. (Photo: Thomas Grady/Courier)"),
         PITH_CHROME_PHOTO_CREDIT);
  INT_EQ(K("Prep Time: 15 minutes"), PITH_CHROME_OTHER);
  INT_EQ(K("Contact Luis Navarro at lnavarro@example.com or 555-0190."), PITH_CHROME_AUTHOR_BOX);
  INT_EQ(K("These statements have not been evaluated by the Food and Drug Administration. This "
           "product is not intended to diagnose, treat, cure, or prevent any disease."),
         PITH_CHROME_OTHER);
  INT_EQ(K("Apple and the Apple logo are registered trademarks of Apple Inc."), PITH_CHROME_COPYRIGHT);
  INT_EQ(K("This post may contain affiliate links."), PITH_CHROME_AD);
  INT_EQ(K("（责任编辑：周晓）"), PITH_CHROME_OTHER);
  INT_EQ(K("Press Release"), PITH_CHROME_OTHER);
  /* story text that merely uses these words */
  INT_EQ(K("The minister did not reply to questions about the budget, and aides said she would "
           "address them at a news conference later in the week."), PITH_CHROME_NONE);
  INT_EQ(K("Doctors say the rating system, which was introduced three years ago, has made it "
           "harder for small clinics to attract patients."), PITH_CHROME_NONE);
}

/* pith_block_judge gives what the two separate calls give. */
static void test_judge_equivalence(void) {
  static const char *const v[] = {
    "Skip to Content", "SubscribeSign In", "Best of the Web Newsletter", "Facebook Twitter Email",
    "Jump to comments ↓", "跳到主要内容", "Перейти к содержанию", "The-CNN-Wire",
    "A key autocratic ally of Russian President Vladimir Putin arrived in China for a state visit "
    "on Tuesday.", "iPhone 15 Pro Max review: McDonald's and YouTube", "12 Comments", "→", "",
    "中国外交部发言人在例行记者会上表示，这次访问将是两国全面合作取得进一步进展的机会。",
    "Student-AthleteA 24-year-old woman was arrested", "ÉCOLE Über straße ЖУРНАЛ", "WhatsApp",
    "LinkedIn:", "  YouTube  ", "MacBook reviews"};
  for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
    pith_text_stats a, b;
    size_t n = strlen(v[i]);
    pith_text_stats_compute(v[i], n, &a);
    pith_chrome k1 = pith_chrome_kind(v[i], n);
    pith_chrome k2 = pith_block_judge(v[i], n, &b);
    INT_EQ(k2, k1);
    CHECK(memcmp(&a, &b, sizeof a) == 0);
  }
}

static void test_story_is_not_chrome(void) {
  INT_EQ(K("In some of the most specific comments to date about the US response to any such "
           "support, Secretary of State Antony Blinken warned that Washington would target Chinese "
           "firms."), PITH_CHROME_NONE);
  INT_EQ(K("Investors who share the view that rates will fall have been buying bonds, and analysts "
           "say the trend will continue for some time."), PITH_CHROME_NONE);
  INT_EQ(K("She decided to follow her instincts and leave the company after a decade there."),
         PITH_CHROME_NONE);
  INT_EQ(K("The company said it would subscribe to the new standard next year once regulators "
           "approved the change."), PITH_CHROME_NONE);
  INT_EQ(K("Bake the cookies for 12 minutes until golden."), PITH_CHROME_NONE);
  INT_EQ(K("Die Regierung will die Steuern im nächsten Jahr senken, sagte der Minister am Montag."),
         PITH_CHROME_NONE);
  INT_EQ(K("China rolls out the red carpet for key Putin ally as US warns against aiding Russia’s war"),
         PITH_CHROME_NONE);
  INT_EQ(K("By Simone McCarthy, CNN"), PITH_CHROME_NONE);
  INT_EQ(K(""), PITH_CHROME_NONE);
}

static void test_stats(void) {
  pith_text_stats st;
  const char *en = "The visit comes as tensions between the US and China have intensified in "
                   "recent weeks. It is a test.";
  pith_text_stats_compute(en, strlen(en), &st);
  INT_EQ(st.words, 19);
  INT_EQ(st.sentences, 2);
  INT_EQ(st.lang, PITH_LANG_EN);
  CHECK(st.ends_punct);
  CHECK(st.stop_density > 0.3f);
  INT_EQ(st.caps_words, 4);
  const char *de = "Die Regierung will die Steuern im nächsten Jahr senken, sagte der Minister "
                   "am Montag in Berlin.";
  pith_text_stats_compute(de, strlen(de), &st);
  INT_EQ(st.lang, PITH_LANG_DE);
  const char *fr = "Le gouvernement a annoncé une baisse des impôts pour les ménages les plus "
                   "modestes dès l'année prochaine.";
  pith_text_stats_compute(fr, strlen(fr), &st);
  INT_EQ(st.lang, PITH_LANG_FR);
  const char *zh = "中国外交部发言人在例行记者会上表示，这次访问将是两国全面合作取得进一步进展的机会。";
  pith_text_stats_compute(zh, strlen(zh), &st);
  INT_EQ(st.lang, PITH_LANG_ZH);
  CHECK(st.cjk > 30);
  CHECK(st.ends_punct);
  const char *ru = "Президент заявил, что переговоры будут продолжены в ближайшее время, и что "
                   "он не видит для этого препятствий.";
  pith_text_stats_compute(ru, strlen(ru), &st);
  INT_EQ(st.lang, PITH_LANG_RU);
  /* more languages (invented sentences) */
  static const struct { const char *s; int lang; } more[] = {
    {"Burmistrz zapowiedział, że nowa linia tramwajowa będzie gotowa jeszcze przed końcem roku, "
     "a mieszkańcy mogą już zgłaszać swoje uwagi do projektu.", PITH_LANG_PL},
    {"Starosta oznámil, že nová tramvajová linka bude hotová ještě před koncem roku a obyvatelé "
     "mohou své připomínky posílat už teď.", PITH_LANG_CS},
    {"Belediye başkanı, yeni tramvay hattının yıl sonundan önce hazır olacağını ve vatandaşların "
     "görüşlerini şimdi de iletebileceğini söyledi.", PITH_LANG_TR},
    {"Kommunen säger att den nya spårvägen ska vara klar före årets slut och att invånarna redan nu "
     "kan lämna sina synpunkter på planen.", PITH_LANG_SV},
    {"Thành phố cho biết tuyến xe điện mới sẽ được hoàn thành trước cuối năm và người dân có thể "
     "gửi ý kiến của mình ngay bây giờ.", PITH_LANG_VI},
    {"Wali kota mengatakan bahwa jalur trem yang baru akan selesai sebelum akhir tahun dan warga "
     "sudah bisa menyampaikan pendapat mereka.", PITH_LANG_ID},
  };
  for (size_t k = 0; k < sizeof more / sizeof more[0]; k++) {
    pith_text_stats_compute(more[k].s, strlen(more[k].s), &st);
    INT_EQ(st.lang, more[k].lang);
    CHECK(st.stop_density > 0.2f);
  }
  const char *caps = "BE PART OF THE CONVERSATION";
  pith_text_stats_compute(caps, strlen(caps), &st);
  CHECK(st.upper_ratio > 0.99f);
  CHECK(!st.ends_punct);
  const char *cr = "™ & © 2023 Cable News Network, Inc.";
  pith_text_stats_compute(cr, strlen(cr), &st);
  CHECK(st.has_copyright);
  /* invalid UTF-8 and NULs do not crash */
  const char bad[] = "\xff\xfe abc \xe2\x80 def\0ghi \xf0\x9f";
  pith_text_stats_compute(bad, sizeof bad - 1, &st);
  CHECK(st.words >= 3);
  INT_EQ(pith_chrome_kind(bad, sizeof bad - 1), PITH_CHROME_NONE);
}

static void test_classes(void) {
  pith_text_stats st;
  const char *good = "Belarusian President Alexander Lukashenko will stay in China until Thursday "
                     "and meet with Chinese leader Xi Jinping to discuss a range of issues from trade "
                     "and investment to acute international challenges, the state news agency said.";
  pith_text_stats_compute(good, strlen(good), &st);
  CHECK(pith_block_class_of(&st, 0) >= PITH_CLS_NEAR_GOOD);
  CHECK(pith_block_score(&st, 0) > 0.6);
  INT_EQ(pith_block_class_of(&st, 0.5), PITH_CLS_BAD);
  const char *shortb = "Related Topics";
  pith_text_stats_compute(shortb, strlen(shortb), &st);
  INT_EQ(pith_block_class_of(&st, 0), PITH_CLS_SHORT);
  CHECK(pith_block_score(&st, 0) < 0.5);
  const char *menu = "Economy Business Tech Markets Opinion Life Arts Real Estate Magazine Sports "
                     "Video Podcasts Newsletters Events Careers Advertising Store";
  pith_text_stats_compute(menu, strlen(menu), &st);
  INT_EQ(pith_block_class_of(&st, 0), PITH_CLS_BAD);

  unsigned char c1[] = {PITH_CLS_GOOD, PITH_CLS_SHORT, PITH_CLS_GOOD, PITH_CLS_NEAR_GOOD,
                        PITH_CLS_BAD, PITH_CLS_SHORT, PITH_CLS_BAD, PITH_CLS_NEAR_GOOD};
  pith_blocks_revise(c1, sizeof c1);
  INT_EQ(c1[1], PITH_CLS_GOOD);
  INT_EQ(c1[3], PITH_CLS_GOOD);
  INT_EQ(c1[5], PITH_CLS_BAD);
  INT_EQ(c1[7], PITH_CLS_BAD);
  CHECK(strcmp(pith_chrome_name(PITH_CHROME_SKIP_LINK), "skip-link") == 0);
  CHECK(strcmp(pith_lang_code(PITH_LANG_DE), "de") == 0);
  CHECK(strcmp(pith_lang_code(PITH_LANG_VI), "vi") == 0);
}

int main(void) {
  RUN(test_seed_shapes);
  RUN(test_other_wordings);
  RUN(test_camel_case_word);
  RUN(test_more_shapes);
  RUN(test_judge_equivalence);
  RUN(test_story_is_not_chrome);
  RUN(test_stats);
  RUN(test_classes);
  return REPORT();
}
