/*
 * date.c — the Date constructor, Date.prototype and local time
 * (#sec-date-objects, Annex B #sec-additional-properties-of-the-date.prototype-object).
 *
 * A Date is a DateObject of class CLASS_DATE whose time_value is the spec's
 * [[DateValue]]: NaN or an integral Number within ±8.64e15 (TimeClip makes
 * sure of it). %Date.prototype% is an ordinary object, not a Date.
 *
 * Local time comes from the C library (localtime_r and tm_gmtoff), asked
 * about the very instant in question so daylight saving time is right for
 * every date; UTC() resolves local wall-clock times the way #sec-utc-t says
 * (repeated times: the earlier instant; skipped times: the offset before the
 * transition). All spec formats are produced here, not by strftime.
 */
#include <math.h>
#include <time.h>
#include "builtins/builtins.h"
#include "builtins/date.h"
#include "vm/string.h"

const ClassDef class_date = {.id = CLASS_DATE, .name = "Date"};

/* ---- local time ------------------------------------------------------------ */

/* localtime_r of the second containing the UTC instant t (ms). False when
 * the C library cannot represent it. */
static bool date_localtime(double t, struct tm *out) {
    int64_t secs = date_floor_div((int64_t)t, 1000);
    time_t tt = (time_t)secs;
    if ((int64_t)tt != secs) return false; /* 32-bit time_t */
    return localtime_r(&tt, out) != NULL;
}

int64_t date_local_offset_ms(double t) {
    struct tm tm;
    if (!date_localtime(t, &tm)) return 0;
    return (int64_t)tm.tm_gmtoff * 1000;
}

/* LocalTime ( t ) — #sec-localtime */
double LocalTime(double t) {
    return t + (double)date_local_offset_ms(t);
}

/* UTC ( t ) — #sec-utc-t */
double UTC(double t) {
    if (!isfinite(t)) return NAN;
    /* No offset (always under a day) can bring such a t back into the time
     * value range; TimeClip will reject it either way. */
    if (fabs(t) > TIME_VALUE_LIMIT + 2 * MS_PER_DAY) return t;
    t = floor(t);
    /* The offsets in effect a day before and a day after bracket every
     * candidate instant t - offset; a candidate is real when the zone has
     * that offset at that instant (GetNamedTimeZoneEpochNanoseconds). */
    int64_t off_before = date_local_offset_ms(t - MS_PER_DAY);
    int64_t off_after = date_local_offset_ms(t + MS_PER_DAY);
    double cand_before = t - (double)off_before, cand_after = t - (double)off_after;
    bool before_ok = date_local_offset_ms(cand_before) == off_before;
    bool after_ok = date_local_offset_ms(cand_after) == off_after;
    if (off_before == off_after) {
        if (before_ok) return cand_before;
        /* Two transitions within two days: take the offset at the guess. */
        return t - (double)date_local_offset_ms(cand_before);
    }
    if (before_ok && after_ok) return cand_before < cand_after ? cand_before : cand_after;
    if (before_ok) return cand_before;
    if (after_ok) return cand_after;
    return cand_before; /* skipped local time: the offset before the transition */
}

/* The time value (UTC) identifying the current time. */
static double date_now(void) {
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0) return NAN;
    return (double)ts.tv_sec * 1000.0 + (double)(ts.tv_nsec / 1000000);
}

/* ---- formatting ------------------------------------------------------------- */

static const char weekday_names[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char month_names[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* Appends s; returns the new end. */
static char *put_str(char *p, const char *s) {
    while (*s)
        *p++ = *s++;
    return p;
}

/* ToZeroPaddedDecimalString ( n, minLength ) — #sec-tozeropaddeddecimalstring (n >= 0) */
static char *put_padded(char *p, int64_t n, int min_length) {
    char digits[24];
    int len = 0;
    do {
        digits[len++] = (char)('0' + n % 10);
        n /= 10;
    } while (n > 0);
    for (int i = len; i < min_length; i++)
        *p++ = '0';
    while (len > 0)
        *p++ = digits[--len];
    return p;
}

/* yearSign and paddedYear of DateString / toUTCString. */
static char *put_year(char *p, int64_t year) {
    if (year < 0) *p++ = '-';
    return put_padded(p, year < 0 ? -year : year, 4);
}

/* DateString ( tv ) — #sec-datestring */
static char *put_date_string(char *p, double tv) {
    p = put_str(p, weekday_names[WeekDay(tv)]);
    *p++ = ' ';
    p = put_str(p, month_names[MonthFromTime(tv)]);
    *p++ = ' ';
    p = put_padded(p, DateFromTime(tv), 2);
    *p++ = ' ';
    return put_year(p, YearFromTime(tv));
}

/* TimeString ( tv ) — #sec-timestring */
static char *put_time_string(char *p, double tv) {
    p = put_padded(p, HourFromTime(tv), 2);
    *p++ = ':';
    p = put_padded(p, MinFromTime(tv), 2);
    *p++ = ':';
    p = put_padded(p, SecFromTime(tv), 2);
    return put_str(p, " GMT");
}

/* TimeZoneString ( tv ) — #sec-timezoneestring. The name in parentheses is
 * the C library's abbreviation (tm_zone) when it is a word, e.g. "CET". */
static char *put_time_zone_string(char *p, double tv) {
    int64_t offset = date_local_offset_ms(tv);
    *p++ = offset >= 0 ? '+' : '-';
    int64_t abs_offset = offset >= 0 ? offset : -offset;
    p = put_padded(p, HourFromTime((double)abs_offset), 2);
    p = put_padded(p, MinFromTime((double)abs_offset), 2);
    struct tm tm;
    if (date_localtime(tv, &tm) && tm.tm_zone) {
        const char *name = tm.tm_zone;
        size_t n = strlen(name);
        bool word = n > 0 && n < 32;
        for (size_t i = 0; word && i < n; i++) {
            char c = name[i];
            word = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ' ';
        }
        if (word) {
            p = put_str(p, " (");
            p = put_str(p, name);
            *p++ = ')';
        }
    }
    return p;
}

enum { DATE_TEXT_MAX = 128 };

static Value ascii_value(Context *ctx, const char *buf, const char *end) {
    String *s = str_new_latin1(ctx->rt, (const uint8_t *)buf, (size_t)(end - buf));
    return s ? val_from_string(s) : VAL_EXCEPTION;
}

static Value invalid_date_text(Context *ctx) {
    static const char text[] = "Invalid Date";
    return ascii_value(ctx, text, text + sizeof text - 1);
}

/* ToDateString ( tv ) — #sec-todatestring */
static Value ToDateString(Context *ctx, double tv) {
    if (isnan(tv)) return invalid_date_text(ctx);
    char buf[DATE_TEXT_MAX], *p = buf;
    double t = LocalTime(tv);
    p = put_date_string(p, t);
    *p++ = ' ';
    p = put_time_string(p, t);
    p = put_time_zone_string(p, tv);
    return ascii_value(ctx, buf, p);
}

/* ---- [[DateValue]] access ------------------------------------------------------ */

static bool is_date(Value v) {
    return val_is_object(v) && obj_class(val_as_object(v)) == CLASS_DATE;
}

/* RequireInternalSlot(dateObject, [[DateValue]]); NULL after throwing. */
static DateObject *this_date(Context *ctx, Value this_value, const char *method) {
    if (is_date(this_value)) return (DateObject *)val_as_object(this_value);
    throw_type_error(ctx, "Date.prototype.%s: this is not a Date", method);
    return NULL;
}

static Value time_value(double t) {
    return val_from_number(t);
}

/* ---- the constructor and its properties ------------------------------------------- */

/* A flat String as the ASCII bytes date_parse_string reads; units >= 0x80
 * become 0x80, which only a parenthesized comment accepts. */
static double parse_date_string(Context *ctx, String *s) {
    enum { PARSE_MAX = 1024 };
    if (s->length > PARSE_MAX) return NAN; /* no date form is that long */
    char buf[PARSE_MAX];
    for (uint32_t i = 0; i < s->length; i++) {
        uint16_t u = str_at(s, i);
        buf[i] = (char)(u < 0x80 ? u : 0x80);
    }
    return date_parse_string(buf, s->length);
}

/* Date ( ...values ) — #sec-date */
static Value date_constructor(Context *ctx, Value this_value, int argc, const Value *argv,
                              Value new_target, int magic) {
    if (val_is_undefined(new_target)) return ToDateString(ctx, date_now());
    double dv;
    if (argc == 0) {
        dv = date_now();
    } else if (argc == 1) {
        Value value = argv[0];
        double tv;
        if (is_date(value)) {
            tv = ((DateObject *)val_as_object(value))->time_value;
        } else {
            Value v = ToPrimitive(ctx, value, HINT_DEFAULT);
            TRY(v);
            if (val_is_string(v)) {
                if (str_is_rope(val_as_string(v)) && !str_flatten(ctx->rt, val_as_string(v)))
                    return VAL_EXCEPTION;
                tv = parse_date_string(ctx, val_as_string(v));
            } else {
                TRY_I(ToNumberDouble(ctx, v, &tv));
            }
        }
        dv = TimeClip(tv);
    } else {
        /* y, m, dt, h, min, s, milli with their defaults */
        double f[7] = {0, 0, 1, 0, 0, 0, 0};
        for (int i = 0; i < 7 && i < argc; i++)
            TRY_I(ToNumberDouble(ctx, argv[i], &f[i]));
        double yr = MakeFullYear(f[0]);
        double final_date = MakeDate(MakeDay(yr, f[1], f[2]), MakeTime(f[3], f[4], f[5], f[6]));
        dv = TimeClip(UTC(final_date));
    }
    Object *o = OrdinaryCreateFromConstructor(ctx, new_target, INTR_DatePrototype, &class_date,
                                              sizeof(DateObject));
    if (!o) return VAL_EXCEPTION;
    ((DateObject *)o)->time_value = dv;
    return val_from_object(o);
}

/* Date.now ( ) — #sec-date.now */
static Value date_now_fn(Context *ctx, Value this_value, int argc, const Value *argv,
                         Value new_target, int magic) {
    return time_value(date_now());
}

/* Date.parse ( string ) — #sec-date.parse */
static Value date_parse(Context *ctx, Value this_value, int argc, const Value *argv,
                        Value new_target, int magic) {
    String *s = ToStringS(ctx, ARG(0));
    if (!s) return VAL_EXCEPTION;
    if (str_is_rope(s) && !str_flatten(ctx->rt, s)) return VAL_EXCEPTION;
    return time_value(parse_date_string(ctx, s));
}

/* Date.UTC ( year [ , month [ , date [ , hours [ , minutes [ , seconds [ , ms ] ] ] ] ] ] )
 * — #sec-date.utc */
static Value date_utc(Context *ctx, Value this_value, int argc, const Value *argv, Value new_target,
                      int magic) {
    double f[7] = {0, 0, 1, 0, 0, 0, 0};
    TRY_I(ToNumberDouble(ctx, ARG(0), &f[0]));
    for (int i = 1; i < 7 && i < argc; i++)
        TRY_I(ToNumberDouble(ctx, argv[i], &f[i]));
    double yr = MakeFullYear(f[0]);
    return time_value(
        TimeClip(MakeDate(MakeDay(yr, f[1], f[2]), MakeTime(f[3], f[4], f[5], f[6]))));
}

/* ---- getters -------------------------------------------------------------------------- */

typedef enum {
    FIELD_FULL_YEAR,
    FIELD_MONTH,
    FIELD_DATE,
    FIELD_DAY,
    FIELD_HOURS,
    FIELD_MINUTES,
    FIELD_SECONDS,
    FIELD_MILLISECONDS,
    FIELD_TIMEZONE_OFFSET,
    FIELD_YEAR, /* Annex B getYear */
} DateField;

typedef struct GetterDesc {
    const char *name;
    uint8_t field; /* DateField */
    bool utc;
} GetterDesc;

static const GetterDesc getters[] = {
    {"getFullYear", FIELD_FULL_YEAR, false},
    {"getMonth", FIELD_MONTH, false},
    {"getDate", FIELD_DATE, false},
    {"getDay", FIELD_DAY, false},
    {"getHours", FIELD_HOURS, false},
    {"getMinutes", FIELD_MINUTES, false},
    {"getSeconds", FIELD_SECONDS, false},
    {"getMilliseconds", FIELD_MILLISECONDS, false},
    {"getUTCFullYear", FIELD_FULL_YEAR, true},
    {"getUTCMonth", FIELD_MONTH, true},
    {"getUTCDate", FIELD_DATE, true},
    {"getUTCDay", FIELD_DAY, true},
    {"getUTCHours", FIELD_HOURS, true},
    {"getUTCMinutes", FIELD_MINUTES, true},
    {"getUTCSeconds", FIELD_SECONDS, true},
    {"getUTCMilliseconds", FIELD_MILLISECONDS, true},
    {"getTimezoneOffset", FIELD_TIMEZONE_OFFSET, true},
    {"getYear", FIELD_YEAR, false},
};

/* Date.prototype.getDate ( ) — #sec-date.prototype.getdate, and likewise
 * getDay, getFullYear, getHours, getMilliseconds, getMinutes, getMonth,
 * getSeconds, getTimezoneOffset (#sec-date.prototype.gettimezoneoffset),
 * the getUTC* forms (#sec-date.prototype.getutcdate ...) and Annex B's
 * getYear (#sec-date.prototype.getyear). magic indexes `getters`. */
static Value date_get_field(Context *ctx, Value this_value, int argc, const Value *argv,
                            Value new_target, int magic) {
    const GetterDesc *g = &getters[magic];
    DateObject *d = this_date(ctx, this_value, g->name);
    if (!d) return VAL_EXCEPTION;
    double t = d->time_value;
    if (isnan(t)) return time_value(NAN);
    if (g->field == FIELD_TIMEZONE_OFFSET) return time_value((t - LocalTime(t)) / MS_PER_MINUTE);
    if (!g->utc) t = LocalTime(t);
    switch ((DateField)g->field) {
    case FIELD_FULL_YEAR: return time_value((double)YearFromTime(t));
    case FIELD_MONTH: return val_from_int(MonthFromTime(t));
    case FIELD_DATE: return val_from_int(DateFromTime(t));
    case FIELD_DAY: return val_from_int(WeekDay(t));
    case FIELD_HOURS: return val_from_int(HourFromTime(t));
    case FIELD_MINUTES: return val_from_int(MinFromTime(t));
    case FIELD_SECONDS: return val_from_int(SecFromTime(t));
    case FIELD_MILLISECONDS: return val_from_int(msFromTime(t));
    case FIELD_YEAR: return time_value((double)YearFromTime(t) - 1900);
    case FIELD_TIMEZONE_OFFSET: break;
    }
    return time_value(NAN);
}

/* Date.prototype.getTime ( ) — #sec-date.prototype.gettime;
 * Date.prototype.valueOf ( ) — #sec-date.prototype.valueof */
static Value date_get_time(Context *ctx, Value this_value, int argc, const Value *argv,
                           Value new_target, int magic) {
    DateObject *d = this_date(ctx, this_value, magic ? "valueOf" : "getTime");
    if (!d) return VAL_EXCEPTION;
    return time_value(d->time_value);
}

/* ---- setters -------------------------------------------------------------------------- */

/* A setter's arguments fill consecutive components starting at `first`:
 * time setters index {hour, min, sec, ms}, date setters {year, month, date}. */
typedef enum { SET_TIME, SET_DATE, SET_YEAR_ANNEX_B } SetterKind;

typedef struct SetterDesc {
    const char *name;
    uint8_t kind; /* SetterKind */
    uint8_t first;
    uint8_t max_args;
    bool utc;
} SetterDesc;

static const SetterDesc setters[] = {
    {"setMilliseconds", SET_TIME, 3, 1, false}, {"setSeconds", SET_TIME, 2, 2, false},
    {"setMinutes", SET_TIME, 1, 3, false},      {"setHours", SET_TIME, 0, 4, false},
    {"setDate", SET_DATE, 2, 1, false},         {"setMonth", SET_DATE, 1, 2, false},
    {"setFullYear", SET_DATE, 0, 3, false},     {"setUTCMilliseconds", SET_TIME, 3, 1, true},
    {"setUTCSeconds", SET_TIME, 2, 2, true},    {"setUTCMinutes", SET_TIME, 1, 3, true},
    {"setUTCHours", SET_TIME, 0, 4, true},      {"setUTCDate", SET_DATE, 2, 1, true},
    {"setUTCMonth", SET_DATE, 1, 2, true},      {"setUTCFullYear", SET_DATE, 0, 3, true},
    {"setYear", SET_YEAR_ANNEX_B, 0, 1, false},
};

/* Date.prototype.setHours ( hour [ , min [ , sec [ , ms ] ] ] ) —
 * #sec-date.prototype.sethours, and likewise setMilliseconds, setSeconds,
 * setMinutes, setDate, setMonth, setFullYear, their setUTC* forms
 * (#sec-date.prototype.setutchours ...) and Annex B's setYear
 * (#sec-date.prototype.setyear). The steps they share, in order: read t,
 * ToNumber each present argument (the first always), then — except for the
 * year setters, which start from +0 — return NaN if t is NaN; fill absent
 * components from (local) t; TimeClip(UTC(...)) and store. */
static Value date_set_field(Context *ctx, Value this_value, int argc, const Value *argv,
                            Value new_target, int magic) {
    const SetterDesc *s = &setters[magic];
    DateObject *d = this_date(ctx, this_value, s->name);
    if (!d) return VAL_EXCEPTION;
    double t = d->time_value;
    double args[4];
    int count = argc < s->max_args ? argc : s->max_args;
    if (count < 1) count = 1;
    for (int i = 0; i < count; i++)
        TRY_I(ToNumberDouble(ctx, ARG(i), &args[i]));

    bool year_setter = s->kind == SET_YEAR_ANNEX_B || (s->kind == SET_DATE && s->first == 0);
    if (isnan(t)) {
        if (!year_setter) return time_value(NAN);
        t = 0;
    } else if (!s->utc) {
        t = LocalTime(t);
    }

    double new_date;
    if (s->kind == SET_TIME) {
        double c[4] = {HourFromTime(t), MinFromTime(t), SecFromTime(t), msFromTime(t)};
        for (int i = 0; i < count; i++)
            c[s->first + i] = args[i];
        new_date = MakeDate(Day(t), MakeTime(c[0], c[1], c[2], c[3]));
    } else if (s->kind == SET_DATE) {
        double c[3] = {(double)YearFromTime(t), MonthFromTime(t), DateFromTime(t)};
        for (int i = 0; i < count; i++)
            c[s->first + i] = args[i];
        new_date = MakeDate(MakeDay(c[0], c[1], c[2]), TimeWithinDay(t));
    } else {
        double yyyy = MakeFullYear(args[0]);
        new_date = MakeDate(MakeDay(yyyy, MonthFromTime(t), DateFromTime(t)), TimeWithinDay(t));
    }
    double u = TimeClip(s->utc ? new_date : UTC(new_date));
    d->time_value = u;
    return time_value(u);
}

/* Date.prototype.setTime ( time ) — #sec-date.prototype.settime */
static Value date_set_time(Context *ctx, Value this_value, int argc, const Value *argv,
                           Value new_target, int magic) {
    DateObject *d = this_date(ctx, this_value, "setTime");
    if (!d) return VAL_EXCEPTION;
    double t;
    TRY_I(ToNumberDouble(ctx, ARG(0), &t));
    double v = TimeClip(t);
    d->time_value = v;
    return time_value(v);
}

/* ---- string conversions ------------------------------------------------------------- */

enum {
    TEXT_FULL, /* toString, toLocaleString */
    TEXT_DATE, /* toDateString, toLocaleDateString */
    TEXT_TIME, /* toTimeString, toLocaleTimeString */
    TEXT_UTC,  /* toUTCString (toGMTString) */
};
static const char *const text_method_names[] = {
    "toString",       "toDateString",       "toTimeString",       "toUTCString",
    "toLocaleString", "toLocaleDateString", "toLocaleTimeString",
};

/* Date.prototype.toString ( ) — #sec-date.prototype.tostring;
 * Date.prototype.toDateString ( ) — #sec-date.prototype.todatestring;
 * Date.prototype.toTimeString ( ) — #sec-date.prototype.totimestring;
 * Date.prototype.toUTCString ( ) — #sec-date.prototype.toutcstring.
 * Without ECMA-402 the toLocale*String forms (#sec-date.prototype.tolocalestring ...)
 * give the same text as their non-locale counterparts (magic + 4 names them). */
static Value date_to_text(Context *ctx, Value this_value, int argc, const Value *argv,
                          Value new_target, int magic) {
    int kind = magic & 3;
    DateObject *d = this_date(ctx, this_value, text_method_names[magic]);
    if (!d) return VAL_EXCEPTION;
    double tv = d->time_value;
    if (kind == TEXT_FULL) return ToDateString(ctx, tv);
    if (isnan(tv)) return invalid_date_text(ctx);
    char buf[DATE_TEXT_MAX], *p = buf;
    if (kind == TEXT_UTC) {
        p = put_str(p, weekday_names[WeekDay(tv)]);
        p = put_str(p, ", ");
        p = put_padded(p, DateFromTime(tv), 2);
        *p++ = ' ';
        p = put_str(p, month_names[MonthFromTime(tv)]);
        *p++ = ' ';
        p = put_year(p, YearFromTime(tv));
        *p++ = ' ';
        p = put_time_string(p, tv);
        return ascii_value(ctx, buf, p);
    }
    double t = LocalTime(tv);
    if (kind == TEXT_DATE) {
        p = put_date_string(p, t);
    } else {
        p = put_time_string(p, t);
        p = put_time_zone_string(p, tv);
    }
    return ascii_value(ctx, buf, p);
}

/* Date.prototype.toISOString ( ) — #sec-date.prototype.toisostring */
static Value date_to_iso_string(Context *ctx, Value this_value, int argc, const Value *argv,
                                Value new_target, int magic) {
    DateObject *d = this_date(ctx, this_value, "toISOString");
    if (!d) return VAL_EXCEPTION;
    double tv = d->time_value;
    if (isnan(tv)) return throw_range_error(ctx, "Date.prototype.toISOString: invalid date");
    char buf[DATE_TEXT_MAX], *p = buf;
    int64_t year = YearFromTime(tv);
    if (year >= 0 && year <= 9999) {
        p = put_padded(p, year, 4);
    } else {
        *p++ = year < 0 ? '-' : '+';
        p = put_padded(p, year < 0 ? -year : year, 6);
    }
    *p++ = '-';
    p = put_padded(p, MonthFromTime(tv) + 1, 2);
    *p++ = '-';
    p = put_padded(p, DateFromTime(tv), 2);
    *p++ = 'T';
    p = put_padded(p, HourFromTime(tv), 2);
    *p++ = ':';
    p = put_padded(p, MinFromTime(tv), 2);
    *p++ = ':';
    p = put_padded(p, SecFromTime(tv), 2);
    *p++ = '.';
    p = put_padded(p, msFromTime(tv), 3);
    *p++ = 'Z';
    return ascii_value(ctx, buf, p);
}

/* Date.prototype.toJSON ( key ) — #sec-date.prototype.tojson */
static Value date_to_json(Context *ctx, Value this_value, int argc, const Value *argv,
                          Value new_target, int magic) {
    Value o = ToObject(ctx, this_value);
    TRY(o);
    Value tv = ToPrimitive(ctx, o, HINT_NUMBER);
    TRY(tv);
    if (val_is_number(tv) && !isfinite(val_num(tv))) return VAL_NULL;
    return Invoke(ctx, o, KEY(ctx->rt, toISOString), 0, NULL);
}

/* Date.prototype [ %Symbol.toPrimitive% ] ( hint ) — #sec-date.prototype-%symbol.toprimitive% */
static Value date_to_primitive(Context *ctx, Value this_value, int argc, const Value *argv,
                               Value new_target, int magic) {
    if (!val_is_object(this_value))
        return throw_type_error(ctx, "Date.prototype[Symbol.toPrimitive]: this is not an object");
    Value hint = ARG(0);
    PreferredType try_first;
    if (val_is_string(hint) && (str_equal_ascii(val_as_string(hint), "string") ||
                                str_equal_ascii(val_as_string(hint), "default")))
        try_first = HINT_STRING;
    else if (val_is_string(hint) && str_equal_ascii(val_as_string(hint), "number"))
        try_first = HINT_NUMBER;
    else
        return throw_type_error(ctx, "Date.prototype[Symbol.toPrimitive]: invalid hint");
    return OrdinaryToPrimitive(ctx, val_as_object(this_value), try_first);
}

/* ---- installation ------------------------------------------------------------------- */

static const BuiltinProp date_ctor_props[] = {
    BP_FUNC("now", date_now_fn, 0),
    BP_FUNC("parse", date_parse, 1),
    BP_FUNC("UTC", date_utc, 7),
};

static const BuiltinProp date_proto_props[] = {
    BP_FUNC_MAGIC("getFullYear", date_get_field, 0, 0),
    BP_FUNC_MAGIC("getMonth", date_get_field, 0, 1),
    BP_FUNC_MAGIC("getDate", date_get_field, 0, 2),
    BP_FUNC_MAGIC("getDay", date_get_field, 0, 3),
    BP_FUNC_MAGIC("getHours", date_get_field, 0, 4),
    BP_FUNC_MAGIC("getMinutes", date_get_field, 0, 5),
    BP_FUNC_MAGIC("getSeconds", date_get_field, 0, 6),
    BP_FUNC_MAGIC("getMilliseconds", date_get_field, 0, 7),
    BP_FUNC_MAGIC("getUTCFullYear", date_get_field, 0, 8),
    BP_FUNC_MAGIC("getUTCMonth", date_get_field, 0, 9),
    BP_FUNC_MAGIC("getUTCDate", date_get_field, 0, 10),
    BP_FUNC_MAGIC("getUTCDay", date_get_field, 0, 11),
    BP_FUNC_MAGIC("getUTCHours", date_get_field, 0, 12),
    BP_FUNC_MAGIC("getUTCMinutes", date_get_field, 0, 13),
    BP_FUNC_MAGIC("getUTCSeconds", date_get_field, 0, 14),
    BP_FUNC_MAGIC("getUTCMilliseconds", date_get_field, 0, 15),
    BP_FUNC_MAGIC("getTimezoneOffset", date_get_field, 0, 16),
    BP_FUNC_MAGIC("getYear", date_get_field, 0, 17),
    BP_FUNC_MAGIC("getTime", date_get_time, 0, 0),
    BP_FUNC_MAGIC("valueOf", date_get_time, 0, 1),
    BP_FUNC_MAGIC("setMilliseconds", date_set_field, 1, 0),
    BP_FUNC_MAGIC("setSeconds", date_set_field, 2, 1),
    BP_FUNC_MAGIC("setMinutes", date_set_field, 3, 2),
    BP_FUNC_MAGIC("setHours", date_set_field, 4, 3),
    BP_FUNC_MAGIC("setDate", date_set_field, 1, 4),
    BP_FUNC_MAGIC("setMonth", date_set_field, 2, 5),
    BP_FUNC_MAGIC("setFullYear", date_set_field, 3, 6),
    BP_FUNC_MAGIC("setUTCMilliseconds", date_set_field, 1, 7),
    BP_FUNC_MAGIC("setUTCSeconds", date_set_field, 2, 8),
    BP_FUNC_MAGIC("setUTCMinutes", date_set_field, 3, 9),
    BP_FUNC_MAGIC("setUTCHours", date_set_field, 4, 10),
    BP_FUNC_MAGIC("setUTCDate", date_set_field, 1, 11),
    BP_FUNC_MAGIC("setUTCMonth", date_set_field, 2, 12),
    BP_FUNC_MAGIC("setUTCFullYear", date_set_field, 3, 13),
    BP_FUNC_MAGIC("setYear", date_set_field, 1, 14),
    BP_FUNC("setTime", date_set_time, 1),
    BP_FUNC_MAGIC("toString", date_to_text, 0, 0),
    BP_FUNC_MAGIC("toDateString", date_to_text, 0, 1),
    BP_FUNC_MAGIC("toTimeString", date_to_text, 0, 2),
    BP_FUNC_MAGIC("toUTCString", date_to_text, 0, 3),
    BP_FUNC_MAGIC("toLocaleString", date_to_text, 0, 4),
    BP_FUNC_MAGIC("toLocaleDateString", date_to_text, 0, 5),
    BP_FUNC_MAGIC("toLocaleTimeString", date_to_text, 0, 6),
    BP_FUNC("toISOString", date_to_iso_string, 0),
    BP_FUNC("toJSON", date_to_json, 1),
    /* { [[Writable]]: false, [[Enumerable]]: false, [[Configurable]]: true } */
    {"[Symbol.toPrimitive]", BP_FUNCTION, PROP_CONFIGURABLE, 1, 0, date_to_primitive, NULL, 0,
     NULL},
};

int init_date(Context *ctx) {
    Runtime *rt = ctx->rt;
    Object *proto = obj_new(ctx, ctx_intrinsic_obj(ctx, INTR_ObjectPrototype));
    if (!proto) return -1;
    Object *ctor = builtins_make_constructor(ctx, "Date", date_constructor, 7, proto, INTR_Date,
                                             INTR_DatePrototype, true);
    if (!ctor) return -1;
    if (builtins_install(ctx, ctor, date_ctor_props, BP_COUNT(date_ctor_props)) < 0) return -1;
    if (builtins_install(ctx, proto, date_proto_props, BP_COUNT(date_proto_props)) < 0) return -1;
    /* Annex B: the initial value of "toGMTString" is %Date.prototype.toUTCString%. */
    PropKey utc_key = key_from_cstr(rt, "toUTCString");
    PropKey gmt_key = key_from_cstr(rt, "toGMTString");
    if (utc_key == KEY_NONE || gmt_key == KEY_NONE) return -1;
    Value to_utc_string;
    uint8_t attrs;
    if (!obj_lookup_own_fast(proto, utc_key, &to_utc_string, &attrs)) return -1;
    return obj_define_data_fast(ctx, proto, gmt_key, to_utc_string, PROP_BUILTIN);
}
