// mica-flags: --max-heap 8m
// gc-stress-every: 1000  (fills an 8 MiB heap: quadratic under stress at every allocation)
// Allocating past the heap limit throws a catchable RangeError.
var hoard = [];
try {
    for (;;) hoard.push({ index: hoard.length, text: 'item ' + hoard.length });
} catch (e) {
    var count = hoard.length;
    hoard = null;
    console.log(e instanceof RangeError, e.message, count > 10000);
}
var again = [];
try {
    for (;;) again.push([again.length]);
} catch (e) {
    again = null;
    console.log('again', e.name);
}
