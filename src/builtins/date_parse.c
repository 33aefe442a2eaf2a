/*
 * date_parse.c — Date.parse's string interpretation (#sec-date.parse).
 *
 * Two stages. First the Date Time String Format (#sec-date-time-string-format)
 * exactly: a string that has its shape is decided there — valid or NaN for
 * out-of-bounds elements (month 13, "-000000", beyond the time value range)
 * — and never reaches the heuristics. Otherwise a small token parser accepts
 * what toString and toUTCString produce ("Tue Feb 01 2022 00:00:00 GMT+0100
 * (CET)", "Tue, 01 Feb 2022 00:00:00 GMT"), RFC 2822 style dates
 * ("1 Feb 2022 10:00 GMT+0100"), US forms ("Feb 1, 2022", "2/1/2022 10:00 PM")
 * and "2022-02-01 10:00"; anything it does not understand gives NaN.
 */
#include <string.h>
#include "builtins/date.h"

/* ---- the Date Time String Format ---------------------------------------------- */

typedef struct Cursor {
    const char *s;
    size_t len, pos;
} Cursor;

static bool at(const Cursor *c, char ch) {
    return c->pos < c->len && c->s[c->pos] == ch;
}
static bool at_digit(const Cursor *c) {
    return c->pos < c->len && c->s[c->pos] >= '0' && c->s[c->pos] <= '9';
}

/* Exactly n digits; false (position unspecified) if they are not there. */
static bool digits(Cursor *c, int n, int64_t *out) {
    int64_t v = 0;
    for (int i = 0; i < n; i++) {
        if (!at_digit(c)) return false;
        v = v * 10 + (c->s[c->pos++] - '0');
    }
    *out = v;
    return true;
}

/* Returns false if s does not have the format's shape; otherwise true with
 * *out the time value or NaN. */
static bool parse_iso(const char *s, size_t len, double *out) {
    Cursor c = {s, len, 0};
    int64_t year, month = 1, day = 1, hour = 0, minute = 0, second = 0, ms = 0;
    bool has_time = false, has_offset = false;
    int64_t offset_ms = 0;

    if (at(&c, '+') || at(&c, '-')) {
        bool negative = at(&c, '-');
        c.pos++;
        if (!digits(&c, 6, &year)) return false;
        if (negative && year == 0) goto invalid; /* #sec-expanded-years */
        if (negative) year = -year;
    } else if (!digits(&c, 4, &year)) {
        return false;
    }
    if (at(&c, '-')) {
        c.pos++;
        if (!digits(&c, 2, &month)) return false;
        if (at(&c, '-')) {
            c.pos++;
            if (!digits(&c, 2, &day)) return false;
        }
    }
    if (at(&c, 'T')) {
        c.pos++;
        has_time = true;
        if (!digits(&c, 2, &hour) || !at(&c, ':')) return false;
        c.pos++;
        if (!digits(&c, 2, &minute)) return false;
        if (at(&c, ':')) {
            c.pos++;
            if (!digits(&c, 2, &second)) return false;
            if (at(&c, '.')) {
                /* sss; more digits are accepted and truncated to ms */
                c.pos++;
                if (!at_digit(&c)) return false;
                int n = 0;
                while (at_digit(&c)) {
                    if (n < 3) ms = ms * 10 + (c.s[c.pos] - '0');
                    n++;
                    c.pos++;
                }
                for (; n < 3; n++)
                    ms *= 10;
            }
        }
        if (at(&c, 'Z')) {
            c.pos++;
            has_offset = true;
        } else if (at(&c, '+') || at(&c, '-')) {
            int sign = at(&c, '-') ? -1 : 1;
            int64_t oh, om;
            c.pos++;
            if (!digits(&c, 2, &oh) || !at(&c, ':')) return false;
            c.pos++;
            if (!digits(&c, 2, &om)) return false;
            if (oh > 23 || om > 59) goto invalid;
            has_offset = true;
            offset_ms = sign * (oh * 3600000 + om * 60000);
        }
    }
    if (c.pos != c.len) return false;

    if (month < 1 || month > 12) goto invalid;
    /* DD ranges over 01..31 whatever the month ("02-30" is March 2 or 1),
     * as the format's table says */
    if (day < 1 || day > 31) goto invalid;
    if (hour > 24 || minute > 59 || second > 59) goto invalid;
    if (hour == 24 && (minute != 0 || second != 0 || ms != 0)) goto invalid;
    {
        double t = MakeDate(MakeDay((double)year, (double)(month - 1), (double)day),
                            MakeTime((double)hour, (double)minute, (double)second, (double)ms));
        /* date-only forms are UTC, date-time forms without offset local */
        if (has_offset)
            t -= (double)offset_ms;
        else if (has_time)
            t = UTC(t);
        *out = TimeClip(t);
        return true;
    }
invalid:
    *out = NAN;
    return true;
}

/* ---- the fallback: toString / toUTCString / RFC 2822 / US forms ---------------- */

static const char *const month_full_names[12] = {"january",   "february", "march",    "april",
                                                 "may",       "june",     "july",     "august",
                                                 "september", "october",  "november", "december"};
static const char *const weekday_full_names[7] = {"sunday",   "monday", "tuesday", "wednesday",
                                                  "thursday", "friday", "saturday"};

/* word (lower case, n letters) is a name or an abbreviation of at least three letters */
static bool word_abbreviates(const char *word, size_t n, const char *name) {
    return n >= 3 && n <= strlen(name) && memcmp(word, name, n) == 0;
}

typedef struct LegacyDate {
    int64_t year;
    int year_digits; /* 0: no year yet */
    int month;       /* 0..11, -1 absent */
    bool month_named;
    int64_t day;                      /* -1 absent */
    int64_t hour, minute, second, ms; /* hour -1: no time */
    int ampm;                         /* 0 none, 1 AM, 2 PM */
    bool has_zone;                    /* GMT/UTC/Z or a zone abbreviation seen */
    bool has_offset;                  /* a numeric offset seen */
    int64_t offset_ms;
} LegacyDate;

/* Reads a run of digits (at most 9); -1 if none or too many. */
static int64_t read_number(Cursor *c, int *ndigits) {
    int64_t v = 0;
    int n = 0;
    while (at_digit(c)) {
        if (n == 9) return -1;
        v = v * 10 + (c->s[c->pos++] - '0');
        n++;
    }
    *ndigits = n;
    return n ? v : -1;
}

/* "+hhmm", "+hh:mm" or "+hh" after the sign; false if malformed. */
static bool read_offset(Cursor *c, int sign, LegacyDate *d) {
    int n;
    int64_t v = read_number(c, &n), hours, minutes = 0;
    if (v < 0) return false;
    if (n == 4) {
        hours = v / 100;
        minutes = v % 100;
    } else if (n <= 2) {
        hours = v;
        if (at(c, ':')) {
            c->pos++;
            int m;
            minutes = read_number(c, &m);
            if (m != 2) return false;
        }
    } else {
        return false;
    }
    if (hours > 23 || minutes > 59 || d->has_offset) return false;
    d->has_offset = true;
    d->offset_ms = sign * (hours * 3600000 + minutes * 60000);
    return true;
}

/* hh:mm[:ss[.sss]] with hh already read. */
static bool read_time(Cursor *c, int64_t hour, LegacyDate *d) {
    if (d->hour >= 0) return false;
    int n;
    c->pos++; /* ':' */
    int64_t minute = read_number(c, &n);
    if (minute < 0 || n > 2) return false;
    int64_t second = 0, ms = 0;
    if (at(c, ':')) {
        c->pos++;
        second = read_number(c, &n);
        if (second < 0 || n > 2) return false;
        if (at(c, '.')) {
            c->pos++;
            if (!at_digit(c)) return false;
            int k = 0;
            while (at_digit(c)) {
                if (k < 3) ms = ms * 10 + (c->s[c->pos] - '0');
                k++;
                c->pos++;
            }
            for (; k < 3; k++)
                ms *= 10;
        }
    }
    d->hour = hour;
    d->minute = minute;
    d->second = second;
    d->ms = ms;
    return true;
}

static bool set_year(LegacyDate *d, int64_t year, int ndigits) {
    if (d->year_digits) return false;
    d->year = year;
    d->year_digits = ndigits;
    return true;
}

/* a/b/c (US month/day/year, or year/month/day when a has 3+ digits) and
 * y-m-d, with a already read and the cursor on the separator. */
static bool read_numeric_date(Cursor *c, int64_t a, int adigits, LegacyDate *d) {
    char sep = c->s[c->pos];
    int bdigits, cdigits;
    c->pos++;
    int64_t b = read_number(c, &bdigits);
    if (b < 0 || !at(c, sep)) return false;
    c->pos++;
    int64_t third = read_number(c, &cdigits);
    if (third < 0 || d->month >= 0 || d->day >= 0) return false;
    if (adigits >= 3) { /* y/m/d, y-m-d */
        if (!set_year(d, a, adigits)) return false;
        d->month = (int)(b - 1);
        d->day = third;
    } else { /* m/d/y */
        if (sep != '/' || !set_year(d, third, cdigits)) return false;
        d->month = (int)(a - 1);
        d->day = b;
    }
    if (d->month < 0 || d->month > 11) return false;
    return true;
}

static bool read_word(Cursor *c, LegacyDate *d) {
    char word[16];
    size_t n = 0;
    while (c->pos < c->len) {
        char ch = c->s[c->pos];
        if (ch >= 'A' && ch <= 'Z') ch = (char)(ch - 'A' + 'a');
        if (ch < 'a' || ch > 'z') break;
        if (n == sizeof word) return false;
        word[n++] = ch;
        c->pos++;
    }
    if (n == 2 && (memcmp(word, "am", 2) == 0 || memcmp(word, "pm", 2) == 0)) {
        if (d->ampm || d->hour < 0) return false;
        d->ampm = word[0] == 'a' ? 1 : 2;
        return true;
    }
    if ((n == 1 && word[0] == 'z') || (n == 3 && memcmp(word, "gmt", 3) == 0) ||
        (n == 3 && memcmp(word, "utc", 3) == 0) || (n == 2 && memcmp(word, "ut", 2) == 0)) {
        if (d->has_zone) return false;
        d->has_zone = true;
        return true;
    }
    /* North American zones RFC 2822 names */
    static const struct {
        char name[4];
        int hours;
    } zones[] = {{"est", -5}, {"edt", -4}, {"cst", -6}, {"cdt", -5},
                 {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7}};
    if (n == 3) {
        for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++) {
            if (memcmp(word, zones[i].name, 3) == 0) {
                if (d->has_zone || d->has_offset) return false;
                d->has_zone = d->has_offset = true;
                d->offset_ms = zones[i].hours * 3600000;
                return true;
            }
        }
    }
    /* "T" between a numeric date and a time */
    if (n == 1 && word[0] == 't' && at_digit(c)) return true;
    for (int i = 0; i < 12; i++) {
        if (word_abbreviates(word, n, month_full_names[i])) {
            if (d->month >= 0) return false;
            d->month = i;
            d->month_named = true;
            return true;
        }
    }
    for (int i = 0; i < 7; i++)
        if (word_abbreviates(word, n, weekday_full_names[i])) return true;
    return false;
}

static double parse_legacy(const char *s, size_t len) {
    Cursor c = {s, len, 0};
    LegacyDate d = {.month = -1, .day = -1, .hour = -1};
    while (c.pos < c.len) {
        char ch = c.s[c.pos];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == ',') {
            c.pos++;
        } else if (ch == '(') { /* comment, e.g. the zone name of toString */
            int depth = 0;
            do {
                if (c.s[c.pos] == '(') depth++;
                if (c.s[c.pos] == ')') depth--;
                c.pos++;
            } while (depth > 0 && c.pos < c.len);
        } else if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z')) {
            if (!read_word(&c, &d)) return NAN;
        } else if (ch >= '0' && ch <= '9') {
            int n;
            int64_t v = read_number(&c, &n);
            if (v < 0) return NAN;
            if (at(&c, ':')) {
                if (!read_time(&c, v, &d)) return NAN;
            } else if (at(&c, '/') || (at(&c, '-') && c.pos + 1 < c.len && c.s[c.pos + 1] >= '0' &&
                                       c.s[c.pos + 1] <= '9' && n >= 3)) {
                if (!read_numeric_date(&c, v, n, &d)) return NAN;
            } else if (n >= 3 || v > 31) {
                if (!set_year(&d, v, n)) return NAN;
            } else if (d.day < 0) {
                d.day = v;
            } else {
                if (!set_year(&d, v, n)) return NAN;
            }
        } else if ((ch == '+' || ch == '-') && c.pos + 1 < c.len && c.s[c.pos + 1] >= '0' &&
                   c.s[c.pos + 1] <= '9') {
            int sign = ch == '-' ? -1 : 1;
            c.pos++;
            if (d.has_zone || d.hour >= 0) {
                if (!read_offset(&c, sign, &d)) return NAN;
            } else { /* a signed year, as toString writes years before 1 AD */
                int n;
                int64_t v = read_number(&c, &n);
                if (v < 0 || !set_year(&d, sign * v, n < 3 ? 3 : n)) return NAN;
            }
        } else {
            return NAN;
        }
    }

    if (!d.year_digits || d.month < 0) return NAN;
    if (d.day < 0) {
        if (!d.month_named) return NAN;
        d.day = 1;
    }
    int64_t year = d.year;
    if (d.year_digits <= 2 && year >= 0 && year < 100) year += year < 50 ? 2000 : 1900;
    int64_t hour = d.hour < 0 ? 0 : d.hour;
    if (d.ampm) {
        if (hour > 12) return NAN;
        if (hour == 12) hour = 0;
        if (d.ampm == 2) hour += 12;
    }
    if (d.day < 1 || d.day > 31 || hour > 24 || d.minute > 59 || d.second > 59) return NAN;
    if (hour == 24 && (d.minute || d.second || d.ms)) return NAN;
    double t = MakeDate(MakeDay((double)year, d.month, (double)d.day),
                        MakeTime((double)hour, (double)d.minute, (double)d.second, (double)d.ms));
    if (d.has_zone || d.has_offset) {
        /* toString writes the local offset truncated to minutes; when the
         * zone's offset (e.g. LMT -4:56:02) truncates to the one written,
         * use the zone's own so that Date.parse(x.toString()) is x. */
        double local = UTC(t);
        int64_t zone_offset = isfinite(local) ? (int64_t)(t - local) : 0;
        if (d.has_offset && zone_offset % 60000 != 0 && zone_offset / 60000 * 60000 == d.offset_ms)
            return TimeClip(local);
        t -= (double)d.offset_ms;
    } else {
        t = UTC(t);
    }
    return TimeClip(t);
}

double date_parse_string(const char *s, size_t len) {
    double t;
    if (parse_iso(s, len, &t)) return t;
    /* A signed leading number can only be an expanded ISO year. */
    if (len > 0 && (s[0] == '+' || s[0] == '-')) return NAN;
    return parse_legacy(s, len);
}
