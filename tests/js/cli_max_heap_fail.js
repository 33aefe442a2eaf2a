// mica-flags: --max-heap 8m
// gc-stress-every: 1000  (fills an 8 MiB heap: quadratic under stress at every allocation)
// Past the heap limit and uncaught: status 1, no crash.
var hoard = [];
for (;;) hoard.push({ index: hoard.length });
