// Date: time value arithmetic through Date.UTC and the UTC getters (TZ-independent).
function show(label, v) { print(label + ": " + v); }
function fields(t) {
    var d = new Date(t);
    return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCDay(), d.getUTCHours(),
            d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()].join(",");
}
show("epoch", fields(0));
show("-1", fields(-1));
show("max", fields(8.64e15));
show("min", fields(-8.64e15));
show("leap 2000-02-29", fields(Date.UTC(2000, 1, 29)));
show("1900-02-29 -> Mar 1", fields(Date.UTC(1900, 1, 29)));
show("year -1 Dec 31", fields(Date.UTC(-1, 11, 31, 23, 59, 59, 999)));
var y0 = new Date(0);
y0.setUTCFullYear(0, 1, 29);
show("year 0 leap", fields(y0.getTime()) + " " + y0.toISOString());
show("year -400 leap", fields(Date.UTC(-400, 1, 29)));
show("year -100 not leap", fields(Date.UTC(-100, 1, 29)));
show("two-digit years", [Date.UTC(0, 0), Date.UTC(99, 0), Date.UTC(100, 0), Date.UTC(-1, 0), Date.UTC(99.9, 0)].join(","));
show("month overflow", [Date.UTC(2016, 12), Date.UTC(2016, 13), Date.UTC(2016, -1), Date.UTC(2016, -13)].join(","));
show("day overflow", [Date.UTC(2016, 0, 33), Date.UTC(2016, 2, -27), Date.UTC(2016, 0, 0)].join(","));
show("fractions truncate", [Date.UTC(2016, 0.9, 1.9, 1.9, 1.9, 1.9, 1.9), Date.UTC(2016, -0.9)].join(","));
show("fp order", Date.UTC(1970, 0, 1, 80063993375, 29, 1, -288230376151711740));
show("fp order 2", Date.UTC(1970, 0, 213503982336, 0, 0, 0, -18446744073709552000));
show("time clip", [Date.UTC(275760, 8, 13), Date.UTC(275760, 8, 13, 0, 0, 0, 1), Date.UTC(-271821, 3, 20),
                   Date.UTC(-271821, 3, 19, 23, 59, 59, 999)].join(","));
show("NaN/Infinity", [Date.UTC(NaN), Date.UTC(2000, Infinity), Date.UTC(2000, 0, 1, -Infinity), Date.UTC(1e20, 0),
                      Date.UTC(2000, 1e20)].join(","));
show("no args", Date.UTC());
show("one arg", Date.UTC(2017));
show("-0 clipped", Object.is(new Date(-0).getTime(), 0) + " " + Object.is(Date.UTC(1970, 0, 1, 0, 0, 0, -0), 0));
show("truncate time", [new Date(1.9).getTime(), new Date(-1.9).getTime(), new Date(8.64e15 + 0.5).getTime()].join(","));
show("weekdays", [0, 1, 2, 3, 4, 5, 6, 7].map(function (i) { return new Date(Date.UTC(2024, 0, i)).getUTCDay(); }).join(""));
var t = 0, ok = true;
for (var y = -2000; y <= 3000 && ok; y += 7) {
    for (var m = 0; m < 12; m++) {
        var d = new Date(0);
        d.setUTCFullYear(y, m, 15);
        d.setUTCHours(13, 14, 15, 16);
        if (d.getUTCFullYear() !== y || d.getUTCMonth() !== m || d.getUTCDate() !== 15 || d.getUTCHours() !== 13 ||
            d.getUTCMinutes() !== 14 || d.getUTCSeconds() !== 15 || d.getUTCMilliseconds() !== 16) { ok = false; show("bad", y + "/" + m); break; }
    }
}
show("round trip years -2000..3000", ok);
var days = 0, prev = Date.UTC(1999, 11, 31);
for (var i = 0; i < 800; i++) { var n = Date.UTC(2000, 0, i + 1); if (n - prev !== 86400000) days++; prev = n; }
show("consecutive days", days === 0);
