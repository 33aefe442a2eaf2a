// A top-level await that can never settle: nothing left to run, exit status 13.
console.log('waiting forever');
await new Promise(() => {});
console.log('never printed');
