/* lines.h - line-level metadata: is this line (or short block) a byline, a
 * date line, a wire credit, a copyright trailer, a contributors note, a
 * topic/section or tags line? Used by text mode on every block and by the
 * HTML extractor on blocks inside the article.
 *
 * Conservative by design: a story paragraph that merely mentions a
 * copyright or begins with a dateline ("WASHINGTON (AP) — ...") is NONE;
 * only lines that are the metadata and nothing else are claimed. */
#ifndef PITH_TEXT_LINES_H
#define PITH_TEXT_LINES_H

#include "core/doc.h"

typedef enum pith_line_kind_e {
  PITH_LINE_NONE = 0,
  PITH_LINE_BYLINE,       /* "By Simone McCarthy, CNN", "Von Anna Schmidt", "Par ..." */
  PITH_LINE_DATE,         /* "Published 3:04 PM EST, Tue February 28, 2023", "Updated ..." */
  PITH_LINE_WIRE_CREDIT,  /* "The-CNN-Wire", "Associated Press", "— Reuters" */
  PITH_LINE_COPYRIGHT,    /* "™ & © 2023 Cable News Network, Inc. ... All rights reserved." */
  PITH_LINE_CONTRIBUTORS, /* "X, Y and Z contributed reporting." / "... contributed to this report." */
  PITH_LINE_SECTION,      /* "Article Topic Follows: CNN - Asia/Pacific", "Filed under: ...", "Section: ..." */
  PITH_LINE_TAGS,         /* "Tags: a, b, c", "Topics: a, b" (several items) */
  PITH_LINE_COUNT
} pith_line_kind_e;

/* The metadata kind of one line / short block, or PITH_LINE_NONE. */
int pith_line_kind(const char *s, size_t n);

/* Stable name: "byline", "date", "wire-credit", "copyright",
 * "contributors", "section", "tags" ("none" for NONE). */
const char *pith_line_kind_name(int kind);

/* Store the facts of a line of the given kind in m (priority
 * PITH_PRI_TEXT, source "text"). Returns >= 0, or -PITH_ERR_NOMEM. */
int pith_line_take(pith_meta *m, pith_arena *a, int kind, const char *s, size_t n);
/* The same with an explicit priority and source. */
int pith_line_take_pri(pith_meta *m, pith_arena *a, int kind, const char *s, size_t n, int pri,
                       const char *src);

/* A wire credit opening a story paragraph: "WASHINGTON (AP) — ...",
 * "LONDON (Reuters) - ...", "(CNN) — ...". Returns the canonical wire
 * name (as pith_wire_lookup) or NULL; *credit and *credit_len receive the
 * credit as printed ("(AP)"). The paragraph stays story. */
const char *pith_line_dateline_wire(const char *s, size_t n, const char **credit,
                                    size_t *credit_len);

/* A site name stated by a chrome line: "<Site> is committed to providing a
 * forum ...", "Welcome to <Site>", "© 2024 <Site>. All rights reserved.",
 * "<Site> is a registered trademark of ...". Returns its length (0 when
 * none) and points *out into s. */
size_t pith_line_site_name(const char *s, size_t n, const char **out);

/* A distributor named alone on a line after an author box ("CNN
 * Newsource", "Tribune Content Agency"): 1 when the line has the shape of
 * an organisation's name (short, capitalised, no sentence punctuation). */
int pith_line_is_org_name(const char *s, size_t n);

#endif
