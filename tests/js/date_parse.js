// Date.parse: the Date Time String Format and the fallback forms (TZ-independent).
function show(label, v) { print(label + ": " + v); }
var iso = ["1970", "2022", "2022-02", "2022-02-01", "2022-02-30", "2022-02-01T10:00Z", "2022-02-01T10:00:30Z",
           "2022-02-01T10:00:30.5Z", "2022-02-01T10:00:30.123Z", "2022-02-01T10:00:30.123456Z",
           "2022-02-01T10:00+01:30", "2022-02-01T10:00:00-05:00", "2022-02-28T24:00Z", "+002022-02-01T00:00Z",
           "-000001-01-01T00:00:00Z", "+000000-01-01T00:00:00Z", "+275760-09-13T00:00:00.000Z",
           "-271821-04-20T00:00:00.000Z", "+275760-09-13T00:00:00.001Z", "-271821-04-19T23:59:59.999Z"];
iso.forEach(function (s) { show(s, Date.parse(s)); });
var bad = ["", "x", "2022-13-01", "2022-00-01", "2022-02-32", "2022-02-00", "2022-02-01T25:00Z", "2022-02-01T24:01Z",
           "2022-02-01T10:60Z", "2022-02-01T10:00:60Z", "-000000-01-01T00:00Z", "-000000-03-31T01:45",
           "2022-02-01T10:00+24:00", "2022-02-01T1:00Z", "2022-02-01T10:00:00.Z",
           "Feb 30 2022 25:00 GMT", "Foo 1 2022", "1 Feb", "2022-02-01T10:00Z junk", "+2022-02-01"];
bad.forEach(function (s) { show(JSON.stringify(s), Date.parse(s)); });
var legacy = ["Tue, 01 Feb 2022 00:00:00 GMT", "Tue Feb 01 2022 00:00:00 GMT+0100 (Central European Standard Time)",
              "Tue Feb 01 2022 00:00:00 GMT-0530", "1 Feb 2022 10:00 GMT+0100", "1 Feb 2022 10:00:00 +0100",
              "Feb 1, 2022 UTC", "February 1, 2022 10:00:00 UTC", "Tuesday, February 1, 2022 10:00 PM GMT",
              "2/1/2022 10:00 PM GMT", "2/1/2022 12:00 AM UTC", "2022/02/01 10:00 Z", "1 Feb 2022 10:00 EST",
              "1 Feb 2022 10:00 PDT", "Mon, 01 Feb 22 10:00:00 GMT", "Feb 2022 UTC", "Thu, 01 Jan 1970 00:00:00 GMT (comment (nested))",
              "Fri, 31 Dec -0001 00:00:00 GMT", "Sat, 13 Sep 275760 00:00:00 GMT", "Sat, 13 Sep 275760 00:00:01 GMT",
              "2022-02-01 10:00:00 GMT", "2022-02-01T10:00:00+0100", "  Feb  1  2022  GMT  "];
legacy.forEach(function (s) { show(JSON.stringify(s), Date.parse(s)); });
show("ToString first", Date.parse({ toString: function () { return "1970-01-01T00:00:00.042Z"; } }));
show("non-string", Date.parse(0) + " " + Date.parse(null) + " " + Date.parse());
// Local forms: compare with the local constructor, whatever the time zone.
show("date-time local", Date.parse("2022-02-01T10:00") === new Date(2022, 1, 1, 10).getTime());
show("date-time local secs", Date.parse("1999-12-31T23:59:59.999") === new Date(1999, 11, 31, 23, 59, 59, 999).getTime());
show("date-only UTC", Date.parse("2022-02-01") === Date.UTC(2022, 1, 1));
show("legacy local", Date.parse("Feb 1, 2022 10:00:00") === new Date(2022, 1, 1, 10).getTime());
show("legacy space iso local", Date.parse("2022-02-01 10:00") === new Date(2022, 1, 1, 10).getTime());
var samples = [0, 1e12, -1e12, 1643673600000, Date.UTC(-1, 5, 15, 12), Date.UTC(275760, 8, 12), 8.64e15, -8.64e15 + 864e5,
               Date.UTC(1, 0, 1) - 1000, Date.UTC(2000, 1, 29, 12, 34, 56)];
var ok = samples.every(function (t) {
    var d = new Date(t);
    return Date.parse(d.toString()) === t && Date.parse(d.toUTCString()) === t && Date.parse(d.toISOString()) === t &&
           new Date(d.toString()).getTime() === t;
});
show("round trips", ok);
show("toString shape", (function () {
    var s = new Date(2022, 1, 1, 10, 20, 30).toString();
    return s.substring(0, 24) + " " + (s.substring(24, 28) === " GMT") + " " + ("+-".indexOf(s.charAt(28)) >= 0);
})());
