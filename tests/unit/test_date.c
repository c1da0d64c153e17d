/* test_date.c - dates in many printed forms, normalised to ISO 8601. */
#include <stdlib.h>

#include "harness.h"
#include "meta/date.h"

static char out[40];

static const char *D(const char *s) {
  if (!pith_date_parse(s, strlen(s), out)) return NULL;
  return out;
}

static void test_iso(void) {
  STR_EQ(D("2023-02-15"), "2023-02-15");
  STR_EQ(D("2023-02-15T10:30:00Z"), "2023-02-15T10:30:00+00:00");
  STR_EQ(D("2023-02-15T10:30:00.123456+01:00"), "2023-02-15T10:30:00+01:00");
  STR_EQ(D("2023-02-15T10:30:00-0800"), "2023-02-15T10:30:00-08:00");
  STR_EQ(D("2023-02-15T10:30"), "2023-02-15T10:30:00");
  STR_EQ(D("2023-02-15 10:30:00"), "2023-02-15T10:30:00");
  STR_EQ(D("2017-11-03 03:01:00.000000"), "2017-11-03T03:01:00");
  STR_EQ(D("2015-10-15T08:00:26+00:00"), "2015-10-15T08:00:26+00:00");
  STR_EQ(D("20230215"), "2023-02-15");
  STR_EQ(D("20230215T103000Z"), "2023-02-15T10:30:00+00:00");
  STR_EQ(D("  2023-02-15  "), "2023-02-15");
  STR_EQ(D("2024-02-29"), "2024-02-29");
}

static void test_printed(void) {
  STR_EQ(D("Tue, 28 Feb 2023 10:00:00 GMT"), "2023-02-28T10:00:00+00:00");
  STR_EQ(D("Tue, 28 Feb 2023 10:00:00 +0100"), "2023-02-28T10:00:00+01:00");
  STR_EQ(D("February 28, 2023"), "2023-02-28");
  STR_EQ(D("28 February 2023"), "2023-02-28");
  STR_EQ(D("Feb. 28, 2023 8:03 am ET"), "2023-02-28T08:03:00-05:00");
  STR_EQ(D("July 4, 2023 8:03 p.m. ET"), "2023-07-04T20:03:00-04:00");
  STR_EQ(D("Published 3:04 PM EST, Tue February 28, 2023"), "2023-02-28T15:04:00-05:00");
  STR_EQ(D("Sep 9th, 2019 at 4:05 p.m. PDT"), "2019-09-09T16:05:00-07:00");
  STR_EQ(D("12:00 AM, March 1, 2023"), "2023-03-01T00:00:00");
  STR_EQ(D("2023/02/28"), "2023-02-28");
  STR_EQ(D("28.02.2023"), "2023-02-28");
  STR_EQ(D("02/28/2023"), "2023-02-28");
  STR_EQ(D("28/02/2023"), "2023-02-28");
  STR_EQ(D("Updated: 2 min read · Feb 28, 2023"), "2023-02-28");
  STR_EQ(D("MARCH 25, 2015"), "2015-03-25");
  STR_EQ(D("22 Dec 2016"), "2016-12-22");
  STR_EQ(D("the 3rd of March 2021"), "2021-03-03");
  STR_EQ(D("Joseph Tsidulko\xc2\xa0November 19, 2019, 07:47 PM EST"), "2019-11-19T19:47:00-05:00");
}

static void test_languages(void) {
  STR_EQ(D("28. Februar 2023"), "2023-02-28");
  STR_EQ(D("3. M\xc3\xa4rz 2023, 14:05 Uhr"), "2023-03-03T14:05:00");
  STR_EQ(D("le 28 f\xc3\xa9vrier 2023 \xc3\xa0 10h"), "2023-02-28");
  STR_EQ(D("1er mars 2023"), "2023-03-01");
  STR_EQ(D("28 de febrero de 2023"), "2023-02-28");
  STR_EQ(D("12 agosto 2022"), "2022-08-12");
  STR_EQ(D("5 d\xc3\xa9" "cembre 2022"), "2022-12-05");
  STR_EQ(D("2023\xe5\xb9\xb4" "2\xe6\x9c\x88" "28\xe6\x97\xa5"), "2023-02-28");
  STR_EQ(D("12 maart 2020"), "2020-03-12");
  STR_EQ(D("Maret 14, 2023"), "2023-03-14");       /* Indonesian */
  STR_EQ(D("24 Desember 2021"), "2021-12-24");
  STR_EQ(D("3 Agustus 2022 pukul 10:15"), "2022-08-03");
  STR_EQ(D("12 maja 2023"), "2023-05-12");          /* Polish, genitive */
  STR_EQ(D("5 pa\xc5\xba" "dziernika 2021"), "2021-10-05");
  STR_EQ(D("3 Nisan 2024"), "2024-04-03");          /* Turkish */
  STR_EQ(D("29 \xc5\x9e" "ubat 2024"), "2024-02-29");
}

static void test_epoch(void) {
  STR_EQ(D("1677578400"), "2023-02-28T10:00:00+00:00");
  STR_EQ(D("1677578400000"), "2023-02-28T10:00:00+00:00");
  CHECK(D("99999999999999999999") == NULL);
  CHECK(D("0") == NULL);
  CHECK(pith_date_from_epoch(-5, out) == 0);
  CHECK(pith_date_from_epoch(5000000000LL, out) == 0);
  CHECK(pith_date_from_epoch(946684800LL, out) == 1);
  STR_EQ(out, "2000-01-01T00:00:00+00:00");
}

/* Issue 9 item 7: every shape seen on the bench pages comes out in one
 * ISO 8601 shape — a bare day, or a time with seconds and a "+hh:mm"/
 * "-hh:mm" offset (UTC as "+00:00", never "Z"), or a time without an
 * offset when the page names no zone. */
static void test_one_shape(void) {
  STR_EQ(D("2019-03-04T10:00:00+0000"), "2019-03-04T10:00:00+00:00");
  STR_EQ(D("2019-03-04T10:00:00.000Z"), "2019-03-04T10:00:00+00:00");
  STR_EQ(D("2019-03-04T10:00:00Z"), "2019-03-04T10:00:00+00:00");
  STR_EQ(D("2019-03-04T10:00:00.5+05:30"), "2019-03-04T10:00:00+05:30");
  STR_EQ(D("2019-03-04T10:00-04:00"), "2019-03-04T10:00:00-04:00");
  STR_EQ(D("2019-03-04"), "2019-03-04");
  STR_EQ(D("Mon, 04 Mar 2019 10:00:00 GMT"), "2019-03-04T10:00:00+00:00");
  STR_EQ(D("Mon, 04 Mar 2019 10:00:00 UTC"), "2019-03-04T10:00:00+00:00");
  STR_EQ(D("Mon, 04 Mar 2019 10:00:00 -0500"), "2019-03-04T10:00:00-05:00");
  STR_EQ(D("2019-03-04 10:00"), "2019-03-04T10:00:00");
  STR_EQ(D("2019-03-04 10:00:59"), "2019-03-04T10:00:59");
  STR_EQ(D("March 4, 2019"), "2019-03-04");
  STR_EQ(D("2019/03/04"), "2019-03-04");
  STR_EQ(D("1551693600"), "2019-03-04T10:00:00+00:00");
  /* never a "Z", whatever the input */
  const char *z[] = {"2019-03-04T10:00:00Z", "20190304T100000Z", "Mon, 04 Mar 2019 10:00:00 GMT", "1551693600000"};
  for (size_t i = 0; i < sizeof z / sizeof z[0]; i++) {
    CHECK(D(z[i]) != NULL);
    CHECK(strchr(out, 'Z') == NULL);
    CHECK(strlen(out) == 25);
  }
  /* invalid calendar dates are not emitted */
  CHECK(D("2019-13-04T10:00:00Z") == NULL);
  CHECK(D("2019-02-30T10:00:00+0000") == NULL);
  CHECK(D("Sat, 30 Feb 2019 10:00:00 GMT") == NULL);
  CHECK(D("2019-00-10") == NULL);
  CHECK(D("2019-04-31") == NULL);
}

static void test_reject(void) {
  CHECK(D("2023-13-45") == NULL);
  CHECK(D("2023-02-30") == NULL);
  CHECK(D("2023-02-29") == NULL);
  CHECK(D("1989-12-31") == NULL);
  CHECK(D("2101-01-01") == NULL);
  CHECK(D("99999-01-01") == NULL);
  CHECK(D("February 2023") == NULL);
  CHECK(D("3 hours ago") == NULL);
  CHECK(D("les 5 des 2023 candidats") == NULL); /* French "des" is no month */
  CHECK(D("12:30") == NULL);
  CHECK(D("hello world") == NULL);
  CHECK(D("") == NULL);
  CHECK(D("1.2.3") == NULL);
  CHECK(D("version 10.15.7") == NULL);
  CHECK(D("Feb 45, 2023") == NULL);
  CHECK(D("25:00 February 28, 2023") != NULL); /* the date stands, the bad time is ignored */
  CHECK(pith_date_parse(NULL, 0, out) == 0);
  STR_EQ(out, "");
}

static void test_span(void) {
  const char *s = "By Jane Roe on March 3, 2023 at 10:00 am";
  size_t a, b;
  CHECK(pith_date_find(s, strlen(s), out, &a, &b));
  STR_EQ(out, "2023-03-03T10:00:00");
  SPAN_EQ(s + a, b - a, "March 3, 2023 at 10:00 am");
  s = "Jane Roe\nPublished 3:04 PM EST, Tue February 28, 2023";
  CHECK(pith_date_find(s, strlen(s), out, &a, &b));
  SPAN_EQ(s + a, b - a, "3:04 PM EST, Tue February 28, 2023");
  s = "  2023-02-15 ";
  CHECK(pith_date_find(s, strlen(s), out, &a, &b));
  SPAN_EQ(s + a, b - a, "2023-02-15");
}

static void test_pathological(void) {
  /* a megabyte of digits and slashes: only the first 256 bytes are looked at */
  size_t n = 1 << 20;
  char *s = malloc(n + 1);
  for (size_t i = 0; i < n; i++) s[i] = (i % 3 == 2) ? '/' : '1';
  s[n] = 0;
  CHECK(pith_date_parse(s, n, out) == 0 || out[0]);
  memset(s, '9', n);
  CHECK(pith_date_parse(s, n, out) == 0);
  for (size_t i = 0; i < n; i++) s[i] = "Feb 1, "[i % 7];
  CHECK(pith_date_parse(s, n, out) == 0 || out[0] == '2' || out[0] == 0);
  /* invalid UTF-8 and control bytes */
  const char bad[] = "\xff\xfe 28 February\x01 2023";
  CHECK(pith_date_parse(bad, sizeof bad - 1, out) == 1);
  STR_EQ(out, "2023-02-28");
  free(s);
}

int main(void) {
  RUN(test_iso);
  RUN(test_printed);
  RUN(test_languages);
  RUN(test_epoch);
  RUN(test_one_shape);
  RUN(test_reject);
  RUN(test_span);
  RUN(test_pathological);
  return REPORT();
}
