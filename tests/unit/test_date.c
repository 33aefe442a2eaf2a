/* test_date.c — time value arithmetic (builtins/date.h), local time
 * conversion and Date.parse's string interpretation (builtins/date_parse.c).
 * Time zone dependent checks set TZ themselves. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "test.h"
#include "builtins/date.h"

static void set_tz(const char *tz) {
    setenv("TZ", tz, 1);
    tzset();
}

static double parse(const char *s) {
    return date_parse_string(s, strlen(s));
}

static bool same(double a, double b) {
    return (isnan(a) && isnan(b)) || a == b;
}

static void test_floor_division(void) {
    CHECK(date_floor_div(-1, 1000) == -1);
    CHECK(date_floor_div(-1000, 1000) == -1);
    CHECK(date_floor_div(-1001, 1000) == -2);
    CHECK(date_floor_div(999, 1000) == 0);
    CHECK(date_floor_mod(-1, 1000) == 999);
    CHECK(date_floor_mod(-86400000, 86400000) == 0);
}

static void test_decomposition(void) {
    CHECK(Day(-1) == -1 && TimeWithinDay(-1) == 86399999);
    CHECK(YearFromTime(0) == 1970 && MonthFromTime(0) == 0 && DateFromTime(0) == 1);
    CHECK(WeekDay(0) == 4 && WeekDay(-1) == 3);
    CHECK(YearFromTime(-1) == 1969 && MonthFromTime(-1) == 11 && DateFromTime(-1) == 31);
    CHECK(HourFromTime(-1) == 23 && MinFromTime(-1) == 59 && SecFromTime(-1) == 59 &&
          msFromTime(-1) == 999);
    CHECK(YearFromTime(8.64e15) == 275760 && MonthFromTime(8.64e15) == 8 &&
          DateFromTime(8.64e15) == 13);
    CHECK(YearFromTime(-8.64e15) == -271821 && MonthFromTime(-8.64e15) == 3 &&
          DateFromTime(-8.64e15) == 20);
    CHECK(DaysInYear(2000) == 366 && DaysInYear(1900) == 365 && DaysInYear(2024) == 366 &&
          DaysInYear(0) == 366 && DaysInYear(-1) == 365 && DaysInYear(-4) == 366 &&
          DaysInYear(-100) == 365 && DaysInYear(-400) == 366);
    CHECK(DayFromYear(1970) == 0 && DayFromYear(1971) == 365 && DayFromYear(1969) == -365);
    /* every first of January from -3000 to 3000 decomposes back to its year */
    bool ok = true;
    for (int64_t y = -3000; y <= 3000 && ok; y++) {
        double t = (double)DayFromYear(y) * MS_PER_DAY;
        ok = YearFromTime(t) == y && YearFromTime(t - 1) == y - 1 && DayWithinYear(t) == 0 &&
             MonthFromTime(t) == 0 && DateFromTime(t) == 1 && MonthFromTime(t - 1) == 11 &&
             DateFromTime(t - 1) == 31;
    }
    CHECK(ok);
    /* Feb 29 only in leap years */
    double feb29_2000 = MakeDate(MakeDay(2000, 1, 29), 0);
    CHECK(MonthFromTime(feb29_2000) == 1 && DateFromTime(feb29_2000) == 29);
    double feb29_1900 = MakeDate(MakeDay(1900, 1, 29), 0);
    CHECK(MonthFromTime(feb29_1900) == 2 && DateFromTime(feb29_1900) == 1);
}

static void test_composition(void) {
    CHECK(MakeTime(1, 2, 3, 4) == 3723004);
    CHECK(isnan(MakeTime(INFINITY, 0, 0, 0)) && isnan(MakeTime(0, 0, 0, NAN)));
    CHECK(MakeTime(1.9, -0.9, 0, 0) == 3600000);
    CHECK(MakeDay(1970, 0, 1) == 0 && MakeDay(1970, 12, 1) == 365 && MakeDay(1971, -12, 1) == 0);
    CHECK(MakeDay(2016, 0, 33) == MakeDay(2016, 1, 2));
    CHECK(isnan(MakeDay(1e20, 0, 1)) && isnan(MakeDay(0, 1e300, 1)) && isnan(MakeDay(NAN, 0, 1)));
    CHECK(isnan(MakeDate(INFINITY, 0)) && isnan(MakeDate(1e305, 1e300)));
    CHECK(MakeFullYear(0) == 1900 && MakeFullYear(99.9) == 1999 && MakeFullYear(-0.5) == 1900 &&
          MakeFullYear(100) == 100 && MakeFullYear(-1) == -1 && isnan(MakeFullYear(NAN)));
    CHECK(TimeClip(8.64e15) == 8.64e15 && isnan(TimeClip(8.64e15 + 1)) &&
          TimeClip(-8.64e15) == -8.64e15 && isnan(TimeClip(INFINITY)));
    double z = TimeClip(-0.0);
    CHECK(z == 0 && !signbit(z));
    CHECK(TimeClip(-1.5) == -1);
    /* IEEE evaluation order (test262 built-ins/Date/UTC/fp-evaluation-order.js) */
    CHECK(MakeTime(80063993375, 29, 1, -288230376151711740.0) == 29312);
    CHECK(MakeDate(MakeDay(1970, 0, 213503982336.0), MakeTime(0, 0, 0, -18446744073709552000.0)) ==
          34447360);
}

static void test_parse_iso(void) {
    set_tz("UTC");
    CHECK(parse("1970") == 0);
    CHECK(parse("1970-01-01T00:00:00.000Z") == 0);
    CHECK(parse("2022-02-01T10:00+01:30") == 1643704200000.0);
    CHECK(parse("+275760-09-13T00:00:00.000Z") == 8.64e15);
    CHECK(parse("-271821-04-20T00:00:00.000Z") == -8.64e15);
    CHECK(isnan(parse("+275760-09-13T00:00:00.001Z")));
    CHECK(isnan(parse("-000000-01-01T00:00:00Z")));
    CHECK(parse("+000000-01-01T00:00:00Z") == -62167219200000.0);
    CHECK(isnan(parse("2022-13-01")) && isnan(parse("2022-01-32")) &&
          isnan(parse("2022-01-01T24:00:01Z")));
    CHECK(parse("2022-01-01T24:00Z") == parse("2022-01-02"));
    CHECK(isnan(parse("")) && isnan(parse("T")) && isnan(parse("2022-01-01T")));
}

static void test_parse_legacy(void) {
    set_tz("UTC");
    CHECK(parse("Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)") == 0);
    CHECK(parse("Thu, 01 Jan 1970 00:00:00 GMT") == 0);
    CHECK(parse("1 Feb 2022 10:00 GMT+0100") == 1643706000000.0);
    CHECK(parse("Feb 1, 2022") == 1643673600000.0);
    CHECK(parse("Fri, 31 Dec -0001 00:00:00 GMT") == -62167305600000.0);
    CHECK(isnan(parse("Foo 1 2022")) && isnan(parse("1 2 3")) && isnan(parse("12:00")));
    CHECK(isnan(parse("Feb 1 2022 13:00 PM")));
    char high[] = "Feb 1 2022 (\x80\x80)";
    CHECK(parse(high) == 1643673600000.0);
}

static void test_local_time(void) {
    set_tz("America/New_York");
    /* EST in January, EDT in July */
    CHECK(date_local_offset_ms(MakeDate(MakeDay(2017, 0, 15), 0)) == -5 * 3600000);
    CHECK(date_local_offset_ms(MakeDate(MakeDay(2017, 6, 15), 0)) == -4 * 3600000);
    /* #sec-utc-t NOTE 1: 1:30 on 5 Nov 2017 repeats -> UTC-04; 2:30 on 12 Mar
     * 2017 is skipped -> UTC-05 */
    double repeated = MakeDate(MakeDay(2017, 10, 5), MakeTime(1, 30, 0, 0));
    CHECK(UTC(repeated) - repeated == 4 * MS_PER_HOUR);
    double skipped = MakeDate(MakeDay(2017, 2, 12), MakeTime(2, 30, 0, 0));
    CHECK(UTC(skipped) - skipped == 5 * MS_PER_HOUR);
    CHECK(LocalTime(UTC(skipped)) == skipped + MS_PER_HOUR);
    CHECK(isnan(UTC(NAN)) && same(UTC(1e300), 1e300));
    /* date-time strings without offset are local, date-only are UTC */
    CHECK(parse("2017-07-15T00:00") == MakeDate(MakeDay(2017, 6, 15), 0) + 4 * MS_PER_HOUR);
    CHECK(parse("2017-07-15") == MakeDate(MakeDay(2017, 6, 15), 0));

    set_tz("Europe/Berlin");
    double winter = MakeDate(MakeDay(2022, 0, 1), 0);
    CHECK(LocalTime(winter) - winter == MS_PER_HOUR);
    double summer = MakeDate(MakeDay(2022, 6, 1), 0);
    CHECK(LocalTime(summer) - summer == 2 * MS_PER_HOUR);
    /* the extremes of the time value range still convert */
    CHECK(isfinite(LocalTime(8.64e15)) && isfinite(LocalTime(-8.64e15)));
    set_tz("UTC");
}

int main(void) {
    RUN(test_floor_division);
    RUN(test_decomposition);
    RUN(test_composition);
    RUN(test_parse_iso);
    RUN(test_parse_legacy);
    RUN(test_local_time);
    return TEST_EXIT();
}
