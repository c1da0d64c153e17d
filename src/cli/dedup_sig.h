/* dedup_sig.h - the signature file format shared by pith dedup and pith warc.
 *
 * A signature file is JSONL (plain, .gz or .zst): a header line, then one
 * line per document in input order.
 *
 *   {"pith_signatures":1,"k":128,"bits":16,"shingle":5}
 *   {"id":"...","sig":"<base64>","shingles":412,"host":"apnews.com",
 *    "date":"2008-03-01","length":5120,"wire":"AP","byline":"...",
 *    "site_name":"...","canonical_host":"...","truncated":true}
 *
 * sig: the 128 16-bit MinHash values, little-endian, base64 (344
 * characters); absent when the text had no shingle. Every field but id is
 * left out when empty. About 470 bytes a document, 47 GB per 100 M
 * (zstd takes off the repeated keys). A reader refuses another version. */
#ifndef PITH_CLI_DEDUP_SIG_H
#define PITH_CLI_DEDUP_SIG_H

#include <stddef.h>
#include <stdint.h>

#include "cli/util.h"
#include "pith.h"

#define PITH_SIG_VERSION 1
#define PITH_SIG_HEADER "{\"pith_signatures\":1,\"k\":128,\"bits\":16,\"shingle\":5}\n"

/* The facts of one document a signature line carries (NULL = absent). */
typedef struct pith_sig_facts {
  const char *id, *url, *canonical_url, *site_name, *date, *wire, *byline;
  size_t length;
  int truncated;
} pith_sig_facts;

/* Append one signature line for text (or sig, when not NULL) to b. */
int pith_sig_line(cli_buf *b, const char *text, size_t len, const uint16_t *sig,
                  uint32_t shingles, const pith_sig_facts *f);

#endif
