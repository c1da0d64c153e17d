/* sniff.h - is this text at all? Binary signatures and byte statistics.
 *
 * Used by pith_extract / pith_clean_text before decoding (a PNG, an ELF
 * binary or a gzip stream is refused with PITH_ERR_INPUT, never turned into
 * an "article"), and by the WARC/HTTP sniffer. No allocation, no globals. */
#ifndef PITH_INPUT_SNIFF_H
#define PITH_INPUT_SNIFF_H

#include <stddef.h>

/* The name of a binary format whose signature starts p ("png", "gzip",
 * "elf", ...), or NULL. */
const char *pith_sniff_magic(const unsigned char *p, size_t n);

/* Compressed data a caller may have forgotten to decode: "gzip", "zstd",
 * "bzip2", "xz" when p starts with its signature, else NULL. */
const char *pith_sniff_compressed(const unsigned char *p, size_t n);

/* 'L' or 'B' when p looks like UTF-16 (LE/BE) text without a BOM: ASCII
 * bytes alternating with NULs; else 0. */
int pith_sniff_utf16(const unsigned char *p, size_t n);

/* NULL when p looks like text (any charset, UTF-16 with or without BOM);
 * otherwise a short static reason: "png image", "gzip-compressed data",
 * "binary data (NUL bytes)", "binary data (control bytes)". Looks at a few
 * KiB from the start and from the middle of the input: linear in nothing. */
const char *pith_sniff_binary(const char *p, size_t n);

#endif
