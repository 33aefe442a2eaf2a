// A handler added in a later task comes too late (as in node): exit 1.
var p = Promise.reject(42);
setTimeout(function () { p.catch(function () {}); }, 0);
