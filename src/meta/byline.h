/* byline.h - bylines as printed, to a clean credit, people and agencies. */
#ifndef PITH_META_BYLINE_H
#define PITH_META_BYLINE_H

#include "core/doc.h"

/* Parse a byline as printed ("By Simone McCarthy, CNN", "By ABBY GOODNOUGH
 * and JOHN DOE", "Jane Roe | Reuters", "Von Anna Schmidt, dpa", "Par Jean
 * Dupont", "Door ...", "Por ...", "Staff Report", "Jane Roe\nPublished 3:04
 * PM EST, Tue February 28, 2023"). Sets PITH_F_BYLINE (at pri, source src)
 * to the cleaned credit — dates and "Updated ..."/"Published ..." stripped,
 * the leading "By" dropped — the authors list (people only; ALL-CAPS names
 * in title case) when pri may claim it, and PITH_F_WIRE when an agency is
 * named. Returns the number of authors found, or -PITH_ERR_NOMEM. */
int pith_byline_parse(const char *s, size_t n, pith_meta *m, pith_arena *a, int pri, const char *src);

/* Clean a byline into buf (cap bytes, NUL-terminated): strips the "By"
 * prefix, dates, "Published/Updated ..." parts and line breaks. Returns the
 * cleaned length (0 when nothing is left). */
size_t pith_byline_clean(const char *s, size_t n, char *buf, size_t cap);

/* Is this (already cleaned) name plausibly a person's name? 0 for
 * organisations, roles ("Staff Writer"), agencies, URLs, e-mail addresses,
 * dates and sentences. */
int pith_byline_is_person(const char *s, size_t n);

/* Copy a person's name to buf (cap bytes) in display form: ALL-CAPS names
 * in title case ("ABBY GOODNOUGH" -> "Abby Goodnough"), a trailing role or
 * "(@handle)" removed. Returns the length. */
size_t pith_byline_name(const char *s, size_t n, char *buf, size_t cap);

#endif
