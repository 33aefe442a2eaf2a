// Runner tail for one V8 benchmark file (run.sh appends it to base.js and
// the benchmark). Prints "Name: score" for a suite that completes and
// "Name: FAILED <error>" for one that throws, so run.sh can tell the two
// apart. Uses print() where the shell has it, else console.log (node).
(function () {
    var out = typeof print === 'function' ? print : function (s) { console.log(s); };
    BenchmarkSuite.RunSuites({
        NotifyResult: function (name, result) { out(name + ': ' + result); },
        NotifyError: function (name, error) {
            out(name + ': FAILED ' + String(error).split('\n')[0]);
        }
    });
})();
