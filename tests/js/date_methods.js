// Date: constructor forms, setters, string forms, toJSON, toPrimitive (TZ-independent).
function show(label, v) { print(label + ": " + v); }
function err(f) { try { f(); return "no error"; } catch (e) { return e.constructor.name; } }
show("typeof Date()", typeof Date() + " " + (Date().length > 20));
show("Date.length", Date.length + " " + Date.name + " " + Date.UTC.length + " " + Date.parse.length + " " + Date.now.length);
show("now", typeof Date.now() + " " + (Date.now() > 1.6e12) + " " + (Math.abs(new Date().getTime() - Date.now()) < 10000));
show("new Date(value)", [new Date(1e12).getTime(), new Date("1970-01-01T00:00:01Z").getTime(), new Date(true).getTime(),
                         new Date(null).getTime(), new Date(undefined).getTime(), new Date("x").getTime()].join(","));
var d0 = new Date(123456);
show("from Date", new Date(d0).getTime());
d0.valueOf = function () { return 5; };
show("from Date ignores valueOf", new Date(d0).getTime());
show("ToPrimitive order", new Date({ valueOf: function () { return 7; }, toString: function () { return "1970-01-01T00:00:00.001Z"; } }).getTime());
show("ToPrimitive string", new Date({ [Symbol.toPrimitive]: function (h) { return h === "default" ? "1970-01-01T00:00:00.002Z" : 0; } }).getTime());
show("proto", Object.getPrototypeOf(new Date()) === Date.prototype, Object.prototype.toString.call(new Date()));
show("Date.prototype not a Date", err(function () { Date.prototype.getTime(); }));
show("tag", Object.prototype.toString.call(new Date(0)) + " " + Object.prototype.toString.call(Date.prototype));
show("generic getters throw", err(function () { Date.prototype.getUTCDate.call({}); }) + " " +
     err(function () { Date.prototype.setUTCDate.call(1, 1); }) + " " + err(function () { Date.prototype.toString.call("x"); }));

var d = new Date(Date.UTC(2020, 1, 29, 12, 30, 45, 678));
show("iso", d.toISOString());
show("utc string", d.toUTCString());
show("gmt is utc", Date.prototype.toGMTString === Date.prototype.toUTCString);
show("json", JSON.stringify({ d: d }));
show("setUTCMilliseconds", d.setUTCMilliseconds(1) + " " + d.toISOString());
show("setUTCSeconds", d.setUTCSeconds(59, 999) + " " + d.toISOString());
show("setUTCMinutes", d.setUTCMinutes(61) + " " + d.toISOString());
show("setUTCHours", d.setUTCHours(-1, 2, 3, 4) + " " + d.toISOString());
show("setUTCDate", d.setUTCDate(31) + " " + d.toISOString());
show("setUTCMonth", d.setUTCMonth(13, 0) + " " + d.toISOString());
show("setUTCFullYear", d.setUTCFullYear(2021) + " " + d.toISOString());
show("setUTCFullYear 3", d.setUTCFullYear(-5, 6, 7) + " " + d.toISOString());
show("setTime", d.setTime(8.64e15) + " " + d.toISOString() + " " + d.setTime(8.64e15 + 1) + " " + d.getTime());
show("NaN date setters", d.setUTCHours(1) + " " + d.setUTCMonth(1) + " " + d.setUTCDate(1) + " " + d.getTime());
show("setUTCFullYear from NaN", d.setUTCFullYear(2000) + " " + d.toISOString());
d.setTime(NaN);
show("setFullYear from NaN local", isNaN(d.setFullYear(2000, 5, 15)) + " " + d.getFullYear() + " " + d.getMonth() + " " + d.getDate() + " " + d.getHours());
var log = [];
function arg(name, v) { return { valueOf: function () { log.push(name); return v; } }; }
d = new Date(NaN);
show("NaN setter still converts", d.setUTCHours(arg("h", 1), arg("m", 2), arg("s", 3), arg("ms", 4)) + " " + log.join(""));
log = [];
d = new Date(0);
d.setUTCMonth(arg("month", 1), arg("date", 2));
show("order", log.join(",") + " " + d.toISOString());
log = [];
d = new Date(0);
var r = d.setUTCDate({ valueOf: function () { d.setTime(1e12); return 2; } });
show("t read before ToNumber", r + " " + d.toISOString());
show("absent vs undefined", new Date(0).setUTCHours(1) + " " + new Date(0).setUTCHours(1, undefined));
show("invalid strings", [new Date(NaN).toString(), new Date(NaN).toDateString(), new Date(NaN).toTimeString(),
                         new Date(NaN).toUTCString(), new Date(NaN).toLocaleString(), String(new Date(NaN))].join("|"));
show("toISOString NaN", err(function () { new Date(NaN).toISOString(); }));
show("toJSON NaN", new Date(NaN).toJSON() + " " + JSON.stringify([new Date(NaN)]));
show("toJSON generic", Date.prototype.toJSON.call({ toISOString: function () { return "iso!"; } }) + " " +
     Date.prototype.toJSON.call({ valueOf: function () { return Infinity; }, toISOString: function () { return "x"; } }) + " " +
     err(function () { Date.prototype.toJSON.call({}); }) + " " + err(function () { Date.prototype.toJSON.call(null); }));
show("expanded years", [new Date(Date.UTC(10000, 0)).toISOString(), new Date(Date.UTC(-1, 0)).toISOString(),
                        new Date(Date.UTC(0, 0) - 86400000 * 365 * 1900).toISOString(), new Date(-8.64e15).toISOString()].join(" "));
var y12 = new Date(0);
y12.setUTCFullYear(12, 0, 1);
show("utc string years", [new Date(Date.UTC(-1, 11, 31)).toUTCString(), y12.toUTCString(), y12.toISOString()].join(" | "));
var tp = Date.prototype[Symbol.toPrimitive];
show("toPrimitive", tp.name + " " + tp.length + " " + JSON.stringify(Object.getOwnPropertyDescriptor(Date.prototype, Symbol.toPrimitive).writable));
var o = { toString: function () { return "S"; }, valueOf: function () { return 1; } };
show("toPrimitive hints", tp.call(o, "default") + tp.call(o, "string") + tp.call(o, "number"));
show("toPrimitive bad hint", err(function () { tp.call(o, "x"); }) + " " + err(function () { tp.call(o); }) + " " + err(function () { tp.call(1, "number"); }));
d = new Date(0);
show("+ uses string", typeof (d + 1) + " " + (d - 1) + " " + (d == d.toString()));
show("getYear/setYear", new Date(Date.UTC(2000, 5, 15, 12)).getYear() + " " + (function () {
    var x = new Date(2000, 5, 15, 12); x.setYear(99); var a = x.getFullYear(); x.setYear(2005); return a + "," + x.getFullYear() + "," + x.getMonth() + "," + x.getDate() + "," + x.setYear(NaN);
})());
show("setYear from NaN", (function () { var x = new Date(NaN); x.setYear(5); return x.getFullYear() + "," + x.getMonth() + "," + x.getDate() + "," + x.getHours(); })());
var names = Object.getOwnPropertyNames(Date.prototype).sort();
show("proto names", names.length + " " + names.join(","));
var lens = {};
names.forEach(function (n) { if (typeof Date.prototype[n] === "function") lens[n] = Date.prototype[n].length; });
show("lengths", JSON.stringify(lens));
