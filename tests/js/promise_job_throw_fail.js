// An error thrown by a microtask is reported like an uncaught exception.
queueMicrotask(function () { throw new TypeError('from a job'); });
