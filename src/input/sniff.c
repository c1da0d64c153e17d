/* sniff.c - binary signatures and byte statistics (see sniff.h). */
#include "input/sniff.h"

#include <string.h>

static const struct {
  const char *sig;
  size_t len;
  const char *name;
} S_sigs[] = {
    {"%PDF-", 5, "pdf"},
    {"\x89PNG\r\n\x1a\n", 8, "png"},
    {"GIF87a", 6, "gif"},
    {"GIF89a", 6, "gif"},
    {"\xff\xd8\xff", 3, "jpeg"},
    {"PK\x03\x04", 4, "zip"},
    {"\x1f\x8b", 2, "gzip"},
    {"\x28\xb5\x2f\xfd", 4, "zstd"},
    {"BZh", 3, "bzip2"},
    {"\xfd" "7zXZ\x00", 6, "xz"},
    {"7z\xbc\xaf\x27\x1c", 6, "7z"},
    {"Rar!\x1a\x07", 6, "rar"},
    {"\x7f" "ELF", 4, "elf"},
    {"MZ", 2, "windows executable"},
    {"\xca\xfe\xba\xbe", 4, "java class"},
    {"\xcf\xfa\xed\xfe", 4, "mach-o"},
    {"\x00" "asm", 4, "wasm"},
    {"OggS", 4, "ogg"},
    {"ID3", 3, "mp3"},
    {"fLaC", 4, "flac"},
    {"wOFF", 4, "woff"},
    {"wOF2", 4, "woff2"},
    {"\x00\x01\x00\x00\x00", 5, "font"},
    {"OTTO", 4, "font"},
    {"\x00\x00\x01\x00", 4, "icon"},
    {"%!PS", 4, "postscript"},
    {"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, "ms office"},
    {"\x1a\x45\xdf\xa3", 4, "webm"},
    {"FWS", 3, "flash"},
    {"CWS", 3, "flash"},
    {"SQLite format 3", 15, "sqlite"},
};

const char *pith_sniff_magic(const unsigned char *p, size_t n) {
  if (!p) return NULL;
  for (size_t i = 0; i < sizeof S_sigs / sizeof *S_sigs; i++)
    if (n >= S_sigs[i].len && memcmp(p, S_sigs[i].sig, S_sigs[i].len) == 0) {
      /* "MZ" alone is too short a signature: a PE file says where its
       * header is; text that starts "MZ" is left alone */
      if (S_sigs[i].len == 2 && p[0] == 'M' && (n < 64 || p[3] != 0)) continue;
      return S_sigs[i].name;
    }
  if (n >= 12 && memcmp(p, "RIFF", 4) == 0) return "riff media";
  if (n >= 12 && memcmp(p + 4, "ftyp", 4) == 0) return "mp4 media";
  return NULL;
}

const char *pith_sniff_compressed(const unsigned char *p, size_t n) {
  const char *m = pith_sniff_magic(p, n);
  if (m && (!strcmp(m, "gzip") || !strcmp(m, "zstd") || !strcmp(m, "bzip2") || !strcmp(m, "xz")))
    return m;
  return NULL;
}

int pith_sniff_utf16(const unsigned char *p, size_t n) {
  size_t lim = n < 512 ? n & ~(size_t)1 : 512;
  if (lim < 8) return 0;
  size_t even_nul = 0, odd_nul = 0, even_ascii = 0, odd_ascii = 0;
  for (size_t i = 0; i < lim; i += 2) {
    even_nul += p[i] == 0;
    odd_nul += p[i + 1] == 0;
    even_ascii += p[i] >= 0x09 && p[i] < 0x7f;
    odd_ascii += p[i + 1] >= 0x09 && p[i + 1] < 0x7f;
  }
  size_t half = lim / 2;
  if (odd_nul * 10 >= half * 9 && even_ascii * 10 >= half * 8 && even_nul * 10 < half) return 'L';
  if (even_nul * 10 >= half * 9 && odd_ascii * 10 >= half * 8 && odd_nul * 10 < half) return 'B';
  return 0;
}

/* NUL and C0 control bytes (other than tab, LF, VT, FF, CR, ESC) in
 * p[0..n). A run of 16 or more NULs is padding in a text (broken pages and
 * archives have them) and is not counted; binary data scatters them. */
static void S_count(const unsigned char *p, size_t n, size_t *nul, size_t *ctl) {
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = p[i];
    if (c == 0) {
      run++;
      continue;
    }
    if (run) {
      if (run < 16) *nul += run;
      run = 0;
    }
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r' && c != 0x1b && c != 0x0b)
      (*ctl)++;
  }
  if (run && run < 16) *nul += run;
}

const char *pith_sniff_binary(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  if (!p || n == 0) return NULL;
  /* a byte order mark says text */
  if ((n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) ||
      (n >= 2 && ((p[0] == 0xfe && p[1] == 0xff) || (p[0] == 0xff && p[1] == 0xfe))))
    return NULL;
  const char *m = pith_sniff_magic(p, n);
  if (m) {
    static const struct {
      const char *name, *why;
    } W[] = {{"gzip", "gzip-compressed data"},   {"zstd", "zstd-compressed data"},
             {"bzip2", "bzip2-compressed data"}, {"xz", "xz-compressed data"},
             {"png", "a PNG image"},             {"jpeg", "a JPEG image"},
             {"gif", "a GIF image"},             {"pdf", "a PDF document"},
             {"elf", "an ELF executable"},       {"zip", "a zip archive"}};
    for (size_t i = 0; i < sizeof W / sizeof *W; i++)
      if (!strcmp(m, W[i].name)) return W[i].why;
    return "binary data (a known binary file signature)";
  }
  if (pith_sniff_utf16(p, n)) return NULL;
  /* byte statistics over the first 4 KiB and 4 KiB from the middle */
  size_t nul = 0, ctl = 0, seen = 0;
  size_t k = n < 4096 ? n : 4096;
  S_count(p, k, &nul, &ctl);
  seen += k;
  if (n > 65536) {
    size_t mid = n / 2;
    S_count(p + mid, 4096, &nul, &ctl);
    seen += 4096;
  }
  if (nul * 100 > seen) return "binary data (NUL bytes)";
  if (ctl * 50 > seen) return "binary data (control bytes)";
  return NULL;
}
