// An unhandled rejection at the end of a task: "Uncaught (in promise)", exit 1.
Promise.reject(new Error('nobody listens'));
setTimeout(function () { console.log('not reached'); }, 0);
