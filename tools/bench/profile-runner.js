// Runner tail for profiling one V8 benchmark (profile.sh appends it to
// base.js and the benchmark, after a line setting PROFILE_ITERATIONS): runs
// each benchmark of the suite's Setup once, run() PROFILE_ITERATIONS times
// and TearDown once, with no timing loop, so a profile covers a fixed amount
// of work.
(function () {
    var out = typeof print === 'function' ? print : function (s) { console.log(s); };
    var suites = BenchmarkSuite.suites;
    for (var i = 0; i < suites.length; i++) {
        var benchmarks = suites[i].benchmarks;
        for (var j = 0; j < benchmarks.length; j++) {
            var b = benchmarks[j];
            b.Setup();
            for (var n = 0; n < PROFILE_ITERATIONS; n++) b.run();
            b.TearDown();
            out(b.name + ': ' + PROFILE_ITERATIONS + ' iterations');
        }
    }
})();
