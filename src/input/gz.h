/* gz.h - a gzip member reader that knows where it is and survives damage.
 *
 * Reads a stream of concatenated gzip members (RFC 1952) through a fixed
 * input buffer and inflates it into the caller's buffer. Unlike gzread(),
 * it stops at every member boundary and reports, with compressed offsets:
 *   - corrupt deflate data or header          PITH_GZ_E_CORRUPT
 *   - a CRC32/ISIZE trailer that does not match PITH_GZ_E_CRC
 *   - input that ends inside a member          PITH_GZ_E_TRUNCATED
 *   - bytes between members that are no member PITH_GZ_E_GARBAGE (all-zero
 *     runs are PITH_GZ_E_PADDING, a warning)
 *   - read errors                               PITH_GZ_E_IO
 * After damage it resynchronises by itself: it scans forward (from the start
 * of the damaged member, so a member that begins inside a clipped one is not
 * lost) for the next "1f 8b 08" whose first bytes inflate without error and,
 * if a sync prefix is set (the WARC reader sets "WARC/"), start with it.
 * EOF of the input while a member is open is always an error, never EOF: a
 * damaged file is never read as a short clean one.
 *
 * Memory is fixed: the input buffer (default 1 MiB) plus zlib's state.
 * Ownership in one sentence: the reader owns its buffers and never keeps a
 * pointer to the caller's output buffer or read callback data beyond a call. */
#ifndef PITH_INPUT_GZ_H
#define PITH_INPUT_GZ_H

#include <stddef.h>
#include <stdint.h>

/* A byte source: returns bytes read (>0), 0 at end of input, -1 on error
 * (errno set). Short reads are fine. */
typedef long (*pith_read_fn)(void *ud, void *buf, size_t n);
/* A source reading a file descriptor (ud = (void *)(intptr_t)fd); retries
 * EINTR. */
long pith_fd_read(void *ud, void *buf, size_t n);

typedef enum pith_gz_event {
  PITH_GZ_DATA = 0,   /* bytes were produced; more may follow */
  PITH_GZ_MEMBER_END, /* the bytes returned end a member whose trailer checked out */
  PITH_GZ_EOF,        /* end of input after complete members (bytes may precede) */
  PITH_GZ_ERROR       /* damage: see pith_gz_get_info()->err; reading may continue */
} pith_gz_event;

typedef enum pith_gz_err {
  PITH_GZ_OK = 0,
  PITH_GZ_E_CORRUPT,   /* invalid deflate data or gzip header */
  PITH_GZ_E_CRC,       /* trailer CRC32 or ISIZE mismatch (the data was delivered) */
  PITH_GZ_E_TRUNCATED, /* input ended inside a member */
  PITH_GZ_E_GARBAGE,   /* non-gzip bytes between members or after the last one */
  PITH_GZ_E_PADDING,   /* a run of zero bytes between members (warning) */
  PITH_GZ_E_IO,        /* the source failed; nothing more is read */
  PITH_GZ_E_NOMEM
} pith_gz_err;

typedef struct pith_gz_info {
  uint64_t in_offset;        /* compressed bytes consumed */
  uint64_t out_offset;       /* bytes produced */
  uint64_t member_start;     /* compressed offset of the current/last member */
  uint64_t member_out_start; /* out_offset at which its data starts */
  uint64_t members;          /* members that ended with a good trailer */
  uint64_t skipped;          /* compressed bytes given up on (damaged members + garbage) */
  uint64_t padding;          /* zero bytes skipped between members */
  /* the last damage report (valid after PITH_GZ_ERROR) */
  pith_gz_err err;
  uint64_t err_offset;     /* where it was noticed (compressed) */
  uint64_t err_member;     /* start of the damaged member, or of the garbage */
  uint64_t resume_offset;  /* where reading resumes (next good member), or EOF offset */
  uint64_t err_skipped;    /* compressed bytes skipped for this report */
  int resumed;             /* 1 if a good member was found after the damage */
  char msg[192];           /* "gzip data corrupt (invalid distance too far back)" ... */
} pith_gz_info;

typedef struct pith_gz pith_gz;

/* New reader over read(ud). head/headlen: bytes already read from the source
 * (e.g. while sniffing the format), consumed first; may be NULL/0. bufsize 0
 * means 1 MiB. NULL on allocation failure. */
pith_gz *pith_gz_open(pith_read_fn read, void *ud, const void *head, size_t headlen,
                      size_t bufsize);
void pith_gz_close(pith_gz *z);

/* During resynchronisation, accept a candidate member only if its data
 * starts with these bytes (copied; NULL/0 = any member that inflates). */
void pith_gz_set_sync_prefix(pith_gz *z, const char *prefix, size_t n);

/* Inflate up to n bytes into buf. Returns the number of bytes produced and
 * sets *ev to what stopped the call. The bytes returned with
 * PITH_GZ_ERROR precede the damage point; the next call continues with the
 * next good member (info->resume_offset) or returns PITH_GZ_EOF. Each call
 * stops at a member end, so one call never mixes data of two members.
 * With PITH_GZ_EOF, later calls return 0 and PITH_GZ_EOF again. */
size_t pith_gz_read(pith_gz *z, void *buf, size_t n, pith_gz_event *ev);

const pith_gz_info *pith_gz_get_info(const pith_gz *z);

/* Stable short names: "gzip_corrupt", "gzip_crc", "gzip_truncated",
 * "garbage", "padding", "io", "nomem". */
const char *pith_gz_err_name(pith_gz_err e);

/* Nanoseconds spent inside inflate() so far (0 unless timing is on). */
void pith_gz_set_timing(pith_gz *z, int on);
uint64_t pith_gz_inflate_ns(const pith_gz *z);

#endif
