// A timer is due its delay after setTimeout is called, not after the script
// started: lodash's debounce re-arms itself until Date.now() says the wait
// is over, and never fired when timers ran early.
var start = Date.now();
while (Date.now() - start < 120) {}
var set = Date.now();
setTimeout(function () { console.log('60ms timer waited', Date.now() - set >= 60); }, 60);
setTimeout(function () { console.log('30ms timer waited', Date.now() - set >= 30); }, 30);
setTimeout(function () {
    var inner = Date.now();
    while (Date.now() - inner < 40) {}
    var armed = Date.now();
    setTimeout(function () { console.log('nested 20ms timer waited', Date.now() - armed >= 20); }, 20);
}, 1);
