/* text.h - text mode: recover the story and its facts from a page that was
 * already flattened to text (blank-line separated blocks, chrome included). */
#ifndef PITH_TEXT_TEXT_H
#define PITH_TEXT_TEXT_H

#include "core/doc.h"

/* Fill x->doc (already reset by the caller) from UTF-8 text: story blocks
 * as paragraphs, metadata at PITH_PRI_TEXT with source "text", explain
 * lines when x->doc.explain_on. Uses x->arena, x->scratch and x->work.
 * Returns PITH_OK, PITH_NO_CONTENT (no story found), or an error status
 * (PITH_ERR_NOMEM, PITH_ERR_LIMIT). */
int pith_text_clean(pith_extractor *x, const char *text, size_t len);

#endif
