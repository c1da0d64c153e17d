/* classify.h - the one block classifier shared by HTML mode and text mode.
 *
 * Three pieces, all allocation-free and regex-free (a one-time table build on
 * first use, guarded by pthread_once):
 *
 *   pith_chrome_kind()        vocabulary + shape test: is this block site
 *                             chrome (skip link, share/follow/subscribe
 *                             prompt, comment prompt, cookie notice, ...)?
 *                             Length-aware: a long sentence of story text
 *                             that merely contains "share" is not chrome.
 *   pith_text_stats_compute() the statistics text still has: words, chars,
 *                             sentences, punctuation, capitals, digits,
 *                             stop-word hits per language (jusText-style),
 *                             CJK characters.
 *   pith_block_class_of() /   jusText-like good / near-good / short / bad
 *   pith_block_score() /      classification, a [0,1] content score, and
 *   pith_blocks_revise()      the context pass that settles short and
 *                             near-good blocks from their neighbours.
 *
 * Everything takes UTF-8 (ptr, len) spans; invalid bytes are tolerated. */
#ifndef PITH_EXTRACT_CLASSIFY_H
#define PITH_EXTRACT_CLASSIFY_H

#include <stddef.h>
#include <stdint.h>

/* ---- chrome vocabulary -------------------------------------------------- */
typedef enum pith_chrome {
  PITH_CHROME_NONE = 0,
  PITH_CHROME_SKIP_LINK,      /* "Skip to content", "Zum Inhalt springen" */
  PITH_CHROME_SHARE,          /* "Share this article", "Tweet", "Email" */
  PITH_CHROME_FOLLOW,         /* "Follow us on ...", "Follow this topic" */
  PITH_CHROME_SUBSCRIBE,      /* "Subscribe", "Sign up for our newsletter" */
  PITH_CHROME_COMMENT_PROMPT, /* "Leave a comment", "Join the conversation" */
  PITH_CHROME_GUIDELINES,     /* "Community guidelines", "keep it civil" */
  PITH_CHROME_STORY_TIP,      /* "Got a news tip?", "share a story idea" */
  PITH_CHROME_COOKIE,         /* cookie / consent / privacy notices */
  PITH_CHROME_READ_MORE,      /* "Read more", "Related articles", "Continue reading" */
  PITH_CHROME_AD,             /* "Advertisement", "Sponsored content" */
  PITH_CHROME_NAV,            /* "Home", "Menu", "Next article", breadcrumbs */
  PITH_CHROME_AUTHOR_BOX,     /* "About the author", "Author profile photo" */
  PITH_CHROME_LOGIN,          /* "Sign in", "Log in", "Register" */
  PITH_CHROME_JUMP,           /* "Jump to comments ↓", "Back to top" */
  PITH_CHROME_PHOTO_CREDIT,   /* "Photo: ... / Getty Images", "Image caption" */
  PITH_CHROME_COPYRIGHT,      /* "All rights reserved", "© 2024 Site" footers */
  PITH_CHROME_OTHER,          /* "click here", "loading...", arrows-only lines */
  PITH_CHROME_COMMENT_META,   /* inside comment threads: "Reply", "2 days ago", "12 votes", "says:" */
  PITH_CHROME_COUNT
} pith_chrome;

/* The chrome kind of one block's text, or PITH_CHROME_NONE. Works for the
 * common prompts in en, de, fr, es, it, pt, nl, ru, ar, zh, ja. Each phrase
 * counts only when the block is short enough for that phrase (imperative
 * prompts need a short block; cookie notices and guideline sentences may be
 * longer). Blocks longer than a few hundred words are never chrome. */
pith_chrome pith_chrome_kind(const char *s, size_t n);

/* Stable lower-case name: "none", "skip-link", "share", ... */
const char *pith_chrome_name(pith_chrome k);

/* ---- statistics ----------------------------------------------------------- */
typedef enum pith_lang {
  PITH_LANG_UNKNOWN = 0,
  PITH_LANG_EN, PITH_LANG_DE, PITH_LANG_FR, PITH_LANG_ES, PITH_LANG_IT,
  PITH_LANG_PT, PITH_LANG_NL, PITH_LANG_RU, PITH_LANG_AR, PITH_LANG_ZH,
  PITH_LANG_JA, PITH_LANG_ID, PITH_LANG_PL, PITH_LANG_CS, PITH_LANG_TR,
  PITH_LANG_SV, PITH_LANG_VI,
  PITH_LANG_COUNT
} pith_lang;

/* ISO 639-1 code of a language ("en"), "" for unknown. */
const char *pith_lang_code(pith_lang l);

typedef struct pith_text_stats {
  uint32_t bytes;        /* input length */
  uint32_t chars;        /* code points that are not whitespace */
  uint32_t words;        /* runs of letters/digits (a CJK character is not a word) */
  uint32_t cjk;          /* CJK ideographs + kana */
  uint32_t letters;      /* letter code points (CJK included) */
  uint32_t upper;        /* upper-case letters */
  uint32_t digits;       /* ASCII digits */
  uint32_t punct;        /* punctuation code points */
  uint32_t sentences;    /* sentence ends (. ! ? … 。！？ followed by space/end) */
  uint32_t caps_words;   /* words starting with an upper-case letter */
  uint32_t stops;        /* stop words of the best language (CJK: function chars) */
  uint16_t lang_hits[PITH_LANG_COUNT]; /* stop-word hits per language (saturating) */
  uint8_t lang;          /* pith_lang with most hits, UNKNOWN when none */
  uint8_t ends_punct;    /* last visible char is . ! ? … : ; 。！？ or a closing quote after one */
  uint8_t starts_upper;  /* first letter is upper case (or caseless) */
  uint8_t has_copyright; /* © or "copyright" */
  uint32_t code_marks;   /* { ; = < : what program code and markup are made of */
  float stop_density;    /* stops / words (CJK: function chars / cjk) */
  float avg_word_len;    /* letters per word (non-CJK words) */
  float upper_ratio;     /* upper / cased letters */
} pith_text_stats;

void pith_text_stats_compute(const char *s, size_t n, pith_text_stats *st);

/* Both at once, from one pass over the text: fills *st like
 * pith_text_stats_compute and returns what pith_chrome_kind returns. */
pith_chrome pith_block_judge(const char *s, size_t n, pith_text_stats *st);

/* "Effective length" in characters (spaces between words included), CJK
 * characters counting three. */
uint32_t pith_text_stats_len(const pith_text_stats *st);

/* ---- jusText-like block classes -------------------------------------------- */
typedef enum pith_block_class {
  PITH_CLS_BAD = 0,
  PITH_CLS_SHORT,
  PITH_CLS_NEAR_GOOD,
  PITH_CLS_GOOD
} pith_block_class;

const char *pith_block_class_name(pith_block_class c);

/* Context-free class of a block: link_density in [0,1] (0 in text mode).
 * A block that is chrome (pith_chrome_kind != NONE) is the caller's to
 * mark BAD; this looks at the statistics only. */
pith_block_class pith_block_class_of(const pith_text_stats *st, double link_density);

/* A content score in [0,1] from the statistics and link density alone:
 * length, stop-word density, sentence shape. 0.5 is the undecided point. */
double pith_block_score(const pith_text_stats *st, double link_density);

/* The jusText context pass over a run of blocks in document order: SHORT
 * and NEAR_GOOD blocks become GOOD or BAD depending on the nearest
 * non-short neighbours (a NEAR_GOOD next to a GOOD becomes GOOD; a SHORT
 * between GOODs becomes GOOD; otherwise BAD). cls is updated in place. */
void pith_blocks_revise(unsigned char *cls, size_t n);

#endif
