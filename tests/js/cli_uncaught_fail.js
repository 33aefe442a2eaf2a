// An uncaught error prints its stack on stderr and exits 1.
function inner() { null.field; }
function outer() { inner(); }
console.log("before");
outer();
