// lib: moment/moment.js min=moment/min/moment.min.js
// Parses, manipulates, formats and diffs dates with moment (UTC and fixed
// offsets, plus local time under the TZ that run.sh sets).

function p(label, v) { console.log(label + ': ' + (typeof v === 'string' ? v : JSON.stringify(v))); }
var m = moment.utc('2024-02-29T13:45:30.123Z');
p('format', [m.format(), m.format('YYYY-MM-DD HH:mm:ss.SSS'), m.format('dddd, MMMM Do YYYY, h:mm:ss a'), m.format('ddd MMM D YY Q Qo W w gggg GGGG DDD DDDo E e X x'),
             m.format('[Today is] dddd [the] Do'), m.format('LT LTS L LL LLL LLLL l ll lll llll'), m.format('Z ZZ z zz A a k kk H HH'), m.toISOString(), m.toJSON(), m.valueOf(), m.unix()]);
p('parse', ['2010-10-20 4:30', '2013-02-08T09:30:26.123+07:00', '2013-W06-5', '2013-039', '20130208T080910,123', '2016-01-01T23:59:59.999999Z', '1999-12-31 23:59'].map(function (s) { var x = moment.utc(s, moment.ISO_8601); return x.isValid() ? x.toISOString() : 'invalid ' + s; }));
p('parse formats', [
    moment.utc('12-25-1995', 'MM-DD-YYYY'), moment.utc('24/12/2019 09:15:00', 'DD/MM/YYYY HH:mm:ss'), moment.utc('Dec 25, 1995 8pm', 'MMM D, YYYY ha'),
    moment.utc('Monday 3rd of June 2019', 'dddd Do [of] MMMM YYYY'), moment.utc('1995-12-25', ['MM-DD-YYYY', 'YYYY-MM-DD']), moment.utc('1318781876', 'X'), moment.utc('2019 3', 'YYYY Q'),
    moment.utc('not a date', 'YYYY-MM-DD', true), moment.utc('2019-02-30', 'YYYY-MM-DD', true), moment.utc('2019-2-3', 'YYYY-MM-DD', true)
].map(function (x) { return x.isValid() ? x.format() : 'invalid(' + x.invalidAt() + ')'; }));
p('manipulate', [m.clone().add(1, 'year').format(), m.clone().add(1, 'month').format(), m.clone().subtract(1, 'day').format(), m.clone().add({ days: 7, hours: 5, minutes: 61 }).format(),
                 m.clone().startOf('month').format(), m.clone().endOf('week').format(), m.clone().startOf('isoWeek').format(), m.clone().endOf('quarter').format(), m.clone().startOf('year').format(),
                 m.clone().date(31).format(), m.clone().month(13).format(), m.clone().day(-7).format(), m.clone().isoWeekday(7).format(), m.clone().dayOfYear(1).format(), m.clone().week(1).format()]);
p('offsets', [m.clone().utcOffset(330).format(), m.clone().utcOffset('-08:00').format('LLLL Z'), moment.parseZone('2013-01-01T00:00:00-13:00').format(), moment.parseZone('2013-01-01T00:00:00-13:00').utcOffset(), m.clone().utcOffset(60, true).toISOString()]);
var a = moment.utc([2007, 0, 29]), b = moment.utc([2007, 0, 28]), c = moment.utc([2008, 5, 15, 10]);
p('diff', [a.diff(b), a.diff(b, 'days'), c.diff(a, 'months'), c.diff(a, 'months', true), c.diff(a, 'years', true), c.diff(a, 'weeks'), a.diff(c, 'hours')]);
p('query', [a.isBefore(b), a.isAfter(b), a.isSame(b, 'month'), a.isSameOrBefore(a), a.isBetween(b, c), moment.isMoment(a), moment.isDate(new Date()), a.isLeapYear(), c.isLeapYear(), a.daysInMonth(), moment.utc([2024, 1]).daysInMonth(), a.weeksInYear(), a.isoWeeksInYear()]);
p('min/max', [moment.max(a, b, c).format(), moment.min(a, b, c).format()]);
p('relative', [a.from(b), b.from(a), a.from(c), c.from(a), a.to(c, true), moment.utc([2007, 0, 29, 0, 0, 30]).from(a), moment.utc([2007, 0, 29, 0, 45]).from(a), moment.utc([2007, 3, 29]).from(a)]);
p('calendar', [b.calendar(a), moment.utc([2007, 0, 30, 9]).calendar(a), moment.utc([2007, 1, 3]).calendar(a), moment.utc([2006, 0, 1]).calendar(a)]);
var d = moment.duration({ seconds: 2, minutes: 2, hours: 2, days: 2, weeks: 2, months: 2, years: 2 });
p('duration', [d.humanize(), d.toISOString(), d.asDays(), d.asHours(), d.milliseconds(), d.seconds(), d.days(), d.months(), moment.duration(90, 'minutes').humanize(), moment.duration(-1, 'hours').humanize(true),
               moment.duration('P1Y2M3DT4H5M6.7S').toISOString(), moment.duration('23:59:59.999').asSeconds(), moment.duration(1234567).toJSON(), moment.duration(a.diff(c)).humanize(), moment.duration(0).toISOString()]);
p('get/set/toArray/toObject', [m.year(), m.month(), m.date(), m.day(), m.hour(), m.minute(), m.second(), m.millisecond(), m.isoWeek(), m.quarter(), m.toArray(), m.toObject(), m.get('month'), m.clone().set({ year: 2000, month: 0 }).format()]);
p('locale data', [moment.months(), moment.weekdaysShort(), moment.monthsShort(1), moment.localeData().ordinal(23), moment.localeData().longDateFormat('LLL'), moment.locale()]);
moment.defineLocale('xx', { parentLocale: 'en', months: 'Jan_Feb_Mar_Apr_Mai_Jun_Jul_Aug_Sep_Okt_Nov_Dez'.split('_'), relativeTime: { future: 'in %s', past: 'vor %s', s: 'Sekunden', ss: '%d Sek', m: 'Minute', mm: '%d Min', h: 'Stunde', hh: '%d Std', d: 'Tag', dd: '%d Tage', M: 'Monat', MM: '%d Monate', y: 'Jahr', yy: '%d Jahre' }, week: { dow: 1, doy: 4 } });
p('custom locale', [m.clone().locale('xx').format('D MMMM YYYY'), a.clone().locale('xx').from(c), m.clone().locale('xx').startOf('week').format('YYYY-MM-DD'), moment.locale('en')]);
p('invalid', [moment.utc('2019-13-45').isValid(), moment.utc('garbage', 'YYYY').format(), moment.invalid().toISOString(), moment.utc(NaN).isValid(), moment.utc({ year: 2010, month: 3, day: 31 }).isValid(), moment.utc({ year: 2010, month: 3, day: 31 }).parsingFlags().overflow]);
p('local time', [moment('2024-03-10 01:30').format(), moment('2024-03-10 02:30').format(), moment('2024-11-03 01:30').format('LLLL Z'), moment(0).format(), moment([2024, 6, 1]).utcOffset(), moment([2024, 0, 1]).utcOffset(), moment('2024-03-10').add(1, 'day').format(), moment('2024-03-09T12:00').add(24, 'hours').format()]);
p('version', moment.version);
