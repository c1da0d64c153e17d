/* date.h - dates in any common printed or machine form, to ISO 8601. */
#ifndef PITH_META_DATE_H
#define PITH_META_DATE_H

#include <stddef.h>

/* Parse a date — ISO 8601 (with/without time, zone, fractional seconds,
 * compact 20230215), RFC 2822 ("Tue, 28 Feb 2023 10:00:00 GMT"),
 * "February 28, 2023", "28 February 2023", "Feb. 28, 2023 8:03 am ET",
 * "2023/02/28", "28.02.2023", "02/28/2023", German/French/Spanish/Italian/
 * Portuguese/Dutch month names, "2023年2月28日", epoch seconds or
 * milliseconds (a string of 10 or 13 digits) — into out as "YYYY-MM-DD" or
 * "YYYY-MM-DDTHH:MM:SS", plus "+hh:mm"/"-hh:mm" when the zone is known
 * (UTC is "+00:00", never "Z"; fractional seconds are dropped, missing
 * seconds are ":00"; a clock time without a zone has no offset).
 * Implausible dates (month 13, day 45, year < 1990 or > 2100) are rejected.
 * Looks at no more than the first 256 bytes. Returns 1 on success, else 0
 * (out is then ""). */
int pith_date_parse(const char *s, size_t n, char out[40]);

/* Like pith_date_parse, and also reports the byte span [*start, *end) of
 * s that the date (with its clock time and zone) was read from. Either
 * pointer may be NULL. */
int pith_date_find(const char *s, size_t n, char out[40], size_t *start, size_t *end);

/* Epoch seconds (UTC) to "YYYY-MM-DDTHH:MM:SS+00:00"; 0 when out of range. */
int pith_date_from_epoch(long long secs, char out[40]);

#endif
