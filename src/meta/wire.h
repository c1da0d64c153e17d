/* wire.h - recognising wire services (news agencies) in credits. */
#ifndef PITH_META_WIRE_H
#define PITH_META_WIRE_H

#include <stddef.h>

/* Recognise a wire service in a credit or name: "The-CNN-Wire", "CNN
 * Newsource", "Associated Press", "(AP)", "AP Photo", "Thomson Reuters",
 * "Agence France-Presse", "Bloomberg News", "Deutsche Presse-Agentur",
 * "United Press International", "Tribune Content Agency", "States
 * Newsroom", "The Conversation", ... Returns the canonical short name ("CNN",
 * "AP", "Reuters", "AFP", "Bloomberg", "dpa", "UPI", ...) or NULL. Whole
 * words only ("APPLE" is not AP, "map" is not AP); acronyms must be written
 * in capitals. The first agency named wins. Looks at 512 bytes at most. */
const char *pith_wire_lookup(const char *s, size_t n);

/* Like pith_wire_lookup, but only when the whole of s (give or take
 * "The", "News", "Wire", "Photo", punctuation and parentheses) is the
 * agency: "Associated Press" yes, "Jane Roe, AP" no. */
const char *pith_wire_exact(const char *s, size_t n);

/* Like pith_wire_lookup, and reports the byte span [*start, *end) of s
 * where the agency is named (either pointer may be NULL). */
const char *pith_wire_find(const char *s, size_t n, size_t *start, size_t *end);

/* The wire whose own site the URL is on ("https://apnews.com/article/..."
 * is AP's, "https://www.reuters.com/..." Reuters'), or NULL. */
const char *pith_wire_from_url(const char *url, size_t n);

#endif
