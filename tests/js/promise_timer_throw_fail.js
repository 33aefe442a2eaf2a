// An error thrown by a timer callback is reported; later timers do not run.
setTimeout(function () { throw new Error('from a timer'); }, 1);
setTimeout(function () { console.log('not reached'); }, 2);
