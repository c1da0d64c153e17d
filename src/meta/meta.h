/* meta.h - page metadata from the DOM: JSON-LD, OpenGraph, Twitter, Dublin
 * Core, <meta>, microdata, <link rel=canonical>, <html lang>, <time>,
 * visible bylines and <title>. */
#ifndef PITH_META_META_H
#define PITH_META_META_H

#include "core/doc.h"

/* Fill m from the DOM. url (may be NULL) is the page address: fallback
 * canonical URL and last-resort site name. Every field records its source
 * ("json-ld", "meta", "microdata", "dom", "url"). Authors are people:
 * organisations go elsewhere (an agency to PITH_F_WIRE). *hit |=
 * PITH_HIT_JSONLD when a JSON-LD block was too big or deep.
 * Returns 0 or -PITH_ERR_NOMEM. */
int pith_meta_from_dom(pith_meta *m, const pith_dom *d, const char *url, pith_arena *a,
                       const pith_options *o, unsigned *hit);

/* Copy s (n bytes) to dst (room for n+1) with whitespace runs (ASCII and
 * Unicode spaces) collapsed to one space, zero-width characters dropped and
 * ends trimmed; NUL-terminates and returns the new length. */
size_t pith_meta_collapse(char *dst, const char *s, size_t n);

/* Normalise a language tag: "en_us" -> "en-US", "EN" -> "en", "de-DE" kept.
 * Writes to out (NUL-terminated); returns its length or 0 if not a tag. */
size_t pith_lang_normalize(const char *s, size_t n, char out[16]);

/* True when a name looks like an organisation rather than a person
 * ("Staff", "Editorial Board", "The Associated Press", "News Desk", ...). */
int pith_meta_is_org_name(const char *s, size_t n);

#endif
