/*
 * date.h — the time value arithmetic of #sec-overview-of-date-objects-and-
 * definitions-of-abstract-operations, shared by date.c (Date built-ins),
 * date_parse.c (Date.parse) and the unit tests.
 *
 * The decomposition operations (Day, YearFromTime, MonthFromTime, ...) take a
 * finite, integral time value whose magnitude is at most a little over
 * 8.64e15 (a TimeClip'd value or LocalTime of one); that range fits int64
 * exactly, so they compute with exact integer floor division instead of the
 * rounding-prone double quotient. The composition operations (MakeTime,
 * MakeDay, MakeDate, TimeClip) take any Numbers and use double arithmetic in
 * the spec's order, as test262 observes the rounding.
 */
#ifndef MICA_DATE_H
#define MICA_DATE_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "vm/object.h"

#define MS_PER_SECOND 1000.0
#define MS_PER_MINUTE 60000.0
#define MS_PER_HOUR 3600000.0
#define MS_PER_DAY 86400000.0
#define TIME_VALUE_LIMIT 8.64e15 /* #sec-time-values-and-time-range */

static inline int64_t date_floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}
static inline int64_t date_floor_mod(int64_t a, int64_t b) {
    return a - date_floor_div(a, b) * b;
}

/* Day ( t ) — #sec-day */
static inline double Day(double t) {
    return (double)date_floor_div((int64_t)t, 86400000);
}

/* TimeWithinDay ( t ) — #sec-timewithinday */
static inline double TimeWithinDay(double t) {
    return (double)date_floor_mod((int64_t)t, 86400000);
}

/* DaysInYear ( y ) — #sec-daysinyear */
static inline int DaysInYear(int64_t y) {
    if (date_floor_mod(y, 400) == 0) return 366;
    if (date_floor_mod(y, 100) == 0) return 365;
    if (date_floor_mod(y, 4) == 0) return 366;
    return 365;
}

/* DayFromYear ( y ) — #sec-dayfromyear */
static inline int64_t DayFromYear(int64_t y) {
    return 365 * (y - 1970) + date_floor_div(y - 1969, 4) - date_floor_div(y - 1901, 100) +
           date_floor_div(y - 1601, 400);
}

/* YearFromTime ( t ) — #sec-yearfromtime: the largest y with
 * TimeFromYear(y) <= t, found from an estimate and corrected exactly. */
static inline int64_t YearFromTime(double t) {
    int64_t day = date_floor_div((int64_t)t, 86400000);
    int64_t y = 1970 + (int64_t)floor((double)day / 365.2425);
    while (DayFromYear(y) > day)
        y--;
    while (DayFromYear(y + 1) <= day)
        y++;
    return y;
}

/* InLeapYear ( t ) — #sec-inleapyear */
static inline int InLeapYear(double t) {
    return DaysInYear(YearFromTime(t)) == 366;
}

/* DayWithinYear ( t ) — #sec-daywithinyear */
static inline int DayWithinYear(double t) {
    return (int)(date_floor_div((int64_t)t, 86400000) - DayFromYear(YearFromTime(t)));
}

/* Days before the first of each month in a common year; the leap day shifts
 * every month after February by one. */
static inline int date_days_before_month(int month, int leap) {
    static const int cumulative[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    return cumulative[month] + (month >= 2 ? leap : 0);
}

/* MonthFromTime ( t ) — #sec-monthfromtime */
static inline int MonthFromTime(double t) {
    int leap = InLeapYear(t), day = DayWithinYear(t);
    int month = 11;
    while (month > 0 && day < date_days_before_month(month, leap))
        month--;
    return month;
}

/* DateFromTime ( t ) — #sec-datefromtime */
static inline int DateFromTime(double t) {
    int leap = InLeapYear(t), day = DayWithinYear(t);
    int month = MonthFromTime(t);
    return day - date_days_before_month(month, leap) + 1;
}

/* WeekDay ( t ) — #sec-weekday */
static inline int WeekDay(double t) {
    return (int)date_floor_mod(date_floor_div((int64_t)t, 86400000) + 4, 7);
}

/* HourFromTime ( t ) — #sec-hourfromtime */
static inline int HourFromTime(double t) {
    return (int)date_floor_mod(date_floor_div((int64_t)t, 3600000), 24);
}
/* MinFromTime ( t ) — #sec-minfromtime */
static inline int MinFromTime(double t) {
    return (int)date_floor_mod(date_floor_div((int64_t)t, 60000), 60);
}
/* SecFromTime ( t ) — #sec-secfromtime */
static inline int SecFromTime(double t) {
    return (int)date_floor_mod(date_floor_div((int64_t)t, 1000), 60);
}
/* msFromTime ( t ) — #sec-msfromtime */
static inline int msFromTime(double t) {
    return (int)date_floor_mod((int64_t)t, 1000);
}

/* ToIntegerOrInfinity of a finite Number, without -0. */
static inline double date_to_integer(double d) {
    return trunc(d) + 0.0;
}

/* MakeTime ( hour, min, sec, ms ) — #sec-maketime */
static inline double MakeTime(double hour, double min, double sec, double ms) {
    if (!isfinite(hour) || !isfinite(min) || !isfinite(sec) || !isfinite(ms)) return NAN;
    double h = date_to_integer(hour), m = date_to_integer(min), s = date_to_integer(sec),
           milli = date_to_integer(ms);
    /* One operation per statement: C allows a compiler to fuse a * b + c
     * within an expression (clang does by default), and the spec wants
     * every step rounded. */
    double hours_ms = h * MS_PER_HOUR;
    double minutes_ms = m * MS_PER_MINUTE;
    double seconds_ms = s * MS_PER_SECOND;
    double t = hours_ms + minutes_ms;
    t = t + seconds_ms;
    return t + milli;
}

/* Years whose first day lies this far out are beyond every time value (the
 * range is about ±273,790 years around 1970), so MakeDay's step 8 "no such
 * time value" applies; within it the day number is computed exactly. */
#define DATE_YEAR_LIMIT 400000.0

/* MakeDay ( year, month, date ) — #sec-makeday */
static inline double MakeDay(double year, double month, double date) {
    if (!isfinite(year) || !isfinite(month) || !isfinite(date)) return NAN;
    double y = date_to_integer(year), m = date_to_integer(month), dt = date_to_integer(date);
    double ym = y + floor(m / 12);
    if (!isfinite(ym)) return NAN;
    double mn = fmod(m, 12); /* exact */
    if (mn < 0) mn += 12;
    if (fabs(ym) > DATE_YEAR_LIMIT) return NAN;
    int64_t iy = (int64_t)ym;
    int64_t first = DayFromYear(iy) + date_days_before_month((int)mn, DaysInYear(iy) == 366);
    return ((double)first + dt) - 1;
}

/* MakeDate ( day, time ) — #sec-makedate */
static inline double MakeDate(double day, double time) {
    if (!isfinite(day) || !isfinite(time)) return NAN;
    double day_ms = day * MS_PER_DAY; /* separate statements: no fused multiply-add */
    double tv = day_ms + time;
    if (!isfinite(tv)) return NAN;
    return tv;
}

/* MakeFullYear ( year ) — #sec-makefullyear */
static inline double MakeFullYear(double year) {
    if (isnan(year)) return NAN;
    double truncated = isinf(year) ? year : date_to_integer(year);
    if (truncated >= 0 && truncated <= 99) return 1900 + truncated;
    return truncated;
}

/* TimeClip ( time ) — #sec-timeclip */
static inline double TimeClip(double time) {
    if (!isfinite(time)) return NAN;
    if (fabs(time) > TIME_VALUE_LIMIT) return NAN;
    return date_to_integer(time);
}

/* ---- Date objects (date.c) ---- */

/* A Date instance (#sec-properties-of-date-instances): class CLASS_DATE;
 * time_value is [[DateValue]], NaN or an integral Number within ±8.64e15. */
typedef struct DateObject {
    Object base;
    double time_value;
} DateObject;
extern const ClassDef class_date;

/* ---- local time (date.c), through the C library's time zone rules ---- */

/* The offset of local time from UTC, in ms, at the UTC instant t (finite,
 * integral). This is GetNamedTimeZoneOffsetNanoseconds / 10^6 for the
 * system time zone. */
int64_t date_local_offset_ms(double t);
/* LocalTime ( t ) — #sec-localtime (t a finite time value) */
double LocalTime(double t);
/* UTC ( t ) — #sec-utc-t: local wall-clock t to a UTC time value; repeated
 * local times take the earlier instant, skipped ones the offset before the
 * transition. NaN for non-finite t. */
double UTC(double t);

/* ---- parsing (date_parse.c) ---- */

/* Date.parse's interpretation of an ASCII string of len bytes (bytes >= 0x80
 * never match anything but parenthesized comments): first the Date Time
 * String Format (#sec-date-time-string-format), then the forms toString and
 * toUTCString produce and common RFC 2822 / US forms. The time value, or NaN
 * when unrecognized or out of range. */
double date_parse_string(const char *s, size_t len);

#endif
