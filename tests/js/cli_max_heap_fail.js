// mica-flags: --max-heap 8m
// Past the heap limit and uncaught: status 1, no crash.
var hoard = [];
for (;;) hoard.push({ index: hoard.length });
