/* extract.h - main-content extraction over pith's DOM. */
#ifndef PITH_EXTRACT_H
#define PITH_EXTRACT_H

#include "core/doc.h"

/* Find the article in x->dom and add its blocks (and, with
 * PITH_OPT_COMMENTS, the reader comments) to x->doc. Lines that carry
 * metadata (byline, wire credit, copyright, contributors) are routed to
 * x->doc.meta. Returns 0 or a pith_status (NOMEM). */
int pith_content_extract(pith_extractor *x);

#endif
