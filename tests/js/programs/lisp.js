// gc-stress-every: 100  (a long-running program: too slow with a collection at every allocation)
// A small Lisp: a hand-written tokenizer (no regular expressions), a reader,
// and an evaluator with lexical closures, tail calls in a trampoline loop,
// and a few dozen primitives. Runs a handful of programs and prints results.
var print = typeof print === 'function' ? print : console.log;

// ---- values ------------------------------------------------------------------

function Sym(name) { this.name = name; }
Sym.prototype.toString = function () { return this.name; };
var symbolTable = {};
function sym(name) {
    if (!Object.prototype.hasOwnProperty.call(symbolTable, name)) symbolTable[name] = new Sym(name);
    return symbolTable[name];
}

function Pair(car, cdr) { this.car = car; this.cdr = cdr; }
var NIL = { toString: function () { return '()'; } };

function Lambda(params, rest, body, env, name) {
    this.params = params; this.rest = rest; this.body = body; this.env = env; this.name = name;
}

function LispError(message) { this.message = message; }
LispError.prototype.toString = function () { return 'LispError: ' + this.message; };

function list() {
    var result = NIL;
    for (var i = arguments.length - 1; i >= 0; i--) result = new Pair(arguments[i], result);
    return result;
}
function arrayToList(items) {
    var result = NIL;
    for (var i = items.length - 1; i >= 0; i--) result = new Pair(items[i], result);
    return result;
}
function listToArray(lst) {
    var out = [];
    while (lst !== NIL) {
        if (!(lst instanceof Pair)) throw new LispError('not a proper list');
        out.push(lst.car);
        lst = lst.cdr;
    }
    return out;
}

// ---- tokenizer -----------------------------------------------------------------

function isDelimiter(c) {
    return c === '(' || c === ')' || c === '\'' || c === '"' || c === ';' || isSpace(c);
}
function isSpace(c) { return c === ' ' || c === '\n' || c === '\t' || c === '\r'; }
function isDigit(c) { return c >= '0' && c <= '9'; }

function tokenize(text) {
    var tokens = [], i = 0, line = 1;
    while (i < text.length) {
        var c = text.charAt(i);
        if (c === '\n') { line++; i++; continue; }
        if (isSpace(c)) { i++; continue; }
        if (c === ';') { while (i < text.length && text.charAt(i) !== '\n') i++; continue; }
        if (c === '(' || c === ')' || c === '\'') { tokens.push({ type: c, line: line }); i++; continue; }
        if (c === '"') {
            var s = '';
            i++;
            while (i < text.length && text.charAt(i) !== '"') {
                var ch = text.charAt(i);
                if (ch === '\\') {
                    i++;
                    var esc = text.charAt(i);
                    s += esc === 'n' ? '\n' : esc === 't' ? '\t' : esc;
                } else {
                    if (ch === '\n') line++;
                    s += ch;
                }
                i++;
            }
            if (i >= text.length) throw new LispError('unterminated string on line ' + line);
            i++;
            tokens.push({ type: 'str', value: s, line: line });
            continue;
        }
        var start = i;
        while (i < text.length && !isDelimiter(text.charAt(i))) i++;
        var word = text.substring(start, i);
        tokens.push(classifyAtom(word, line));
    }
    return tokens;
}

function classifyAtom(word, line) {
    var j = 0, sawDigit = false, sawDot = false;
    if (word.charAt(0) === '-' || word.charAt(0) === '+') j = 1;
    for (; j < word.length; j++) {
        var c = word.charAt(j);
        if (isDigit(c)) sawDigit = true;
        else if (c === '.' && !sawDot) sawDot = true;
        else break;
    }
    if (sawDigit && j === word.length) return { type: 'num', value: parseFloat(word), line: line };
    if (word === '#t') return { type: 'bool', value: true, line: line };
    if (word === '#f') return { type: 'bool', value: false, line: line };
    return { type: 'sym', value: word, line: line };
}

// ---- reader -----------------------------------------------------------------------

function Reader(tokens) { this.tokens = tokens; this.pos = 0; }
Reader.prototype.done = function () { return this.pos >= this.tokens.length; };
Reader.prototype.read = function () {
    if (this.done()) throw new LispError('unexpected end of input');
    var tok = this.tokens[this.pos++];
    switch (tok.type) {
    case 'num': case 'str': case 'bool': return tok.value;
    case 'sym': return sym(tok.value);
    case '\'': return list(sym('quote'), this.read());
    case ')': throw new LispError('unexpected ) on line ' + tok.line);
    case '(':
        var items = [], tail = NIL;
        while (true) {
            if (this.done()) throw new LispError('missing ) for list opened on line ' + tok.line);
            var next = this.tokens[this.pos];
            if (next.type === ')') { this.pos++; break; }
            if (next.type === 'sym' && next.value === '.') {
                this.pos++;
                tail = this.read();
                if (this.done() || this.tokens[this.pos].type !== ')') throw new LispError('bad dotted list');
                this.pos++;
                break;
            }
            items.push(this.read());
        }
        var result = tail;
        for (var i = items.length - 1; i >= 0; i--) result = new Pair(items[i], result);
        return result;
    }
    throw new LispError('bad token');
};

// ---- environments -----------------------------------------------------------------

function Env(outer) { this.vars = {}; this.outer = outer; }
Env.prototype.lookup = function (name) {
    for (var e = this; e; e = e.outer)
        if (Object.prototype.hasOwnProperty.call(e.vars, name)) return e.vars[name];
    throw new LispError('unbound variable ' + name);
};
Env.prototype.define = function (name, value) { this.vars[name] = value; };
Env.prototype.set = function (name, value) {
    for (var e = this; e; e = e.outer)
        if (Object.prototype.hasOwnProperty.call(e.vars, name)) { e.vars[name] = value; return; }
    throw new LispError('set! of unbound variable ' + name);
};

// ---- printer -------------------------------------------------------------------------

function show(x) {
    if (x === true) return '#t';
    if (x === false) return '#f';
    if (x === NIL) return '()';
    if (typeof x === 'string') return '"' + x + '"';
    if (x instanceof Sym) return x.name;
    if (x instanceof Lambda) return '#<lambda' + (x.name ? ' ' + x.name : '') + '>';
    if (typeof x === 'function') return '#<primitive>';
    if (x instanceof Pair) {
        var parts = [];
        while (x instanceof Pair) { parts.push(show(x.car)); x = x.cdr; }
        if (x !== NIL) parts.push('.', show(x));
        return '(' + parts.join(' ') + ')';
    }
    return String(x);
}
function display(x) { return typeof x === 'string' ? x : show(x); }

// ---- evaluator --------------------------------------------------------------------------

var steps = 0;
function evaluate(x, env) {
    for (;;) {
        steps++;
        if (x instanceof Sym) return env.lookup(x.name);
        if (!(x instanceof Pair)) return x;
        var op = x.car, args = x.cdr;
        if (op instanceof Sym) {
            switch (op.name) {
            case 'quote': return args.car;
            case 'if':
                x = evaluate(args.car, env) !== false ? args.cdr.car
                    : (args.cdr.cdr === NIL ? false : args.cdr.cdr.car);
                continue;
            case 'define':
                if (args.car instanceof Pair) {
                    var fname = args.car.car.name;
                    env.define(fname, makeLambda(args.car.cdr, args.cdr, env, fname));
                    return sym(fname);
                }
                env.define(args.car.name, evaluate(args.cdr.car, env));
                return args.car;
            case 'set!': env.set(args.car.name, evaluate(args.cdr.car, env)); return false;
            case 'lambda': return makeLambda(args.car, args.cdr, env, null);
            case 'begin':
                if (args === NIL) return false;
                while (args.cdr !== NIL) { evaluate(args.car, env); args = args.cdr; }
                x = args.car;
                continue;
            case 'let':
                var letEnv = new Env(env);
                for (var b = args.car; b !== NIL; b = b.cdr) letEnv.define(b.car.car.name, evaluate(b.car.cdr.car, env));
                x = new Pair(sym('begin'), args.cdr);
                env = letEnv;
                continue;
            case 'cond':
                var chosen = null;
                for (var clause = args; clause !== NIL; clause = clause.cdr) {
                    var test = clause.car.car;
                    if ((test instanceof Sym && test.name === 'else') || evaluate(test, env) !== false) { chosen = clause.car.cdr; break; }
                }
                if (chosen === null) return false;
                x = new Pair(sym('begin'), chosen);
                continue;
            case 'and':
                if (args === NIL) return true;
                while (args.cdr !== NIL) { if (evaluate(args.car, env) === false) return false; args = args.cdr; }
                x = args.car;
                continue;
            case 'or':
                while (args !== NIL) { var v = evaluate(args.car, env); if (v !== false) return v; args = args.cdr; }
                return false;
            }
        }
        var fn = evaluate(op, env);
        var values = [];
        for (var a = args; a !== NIL; a = a.cdr) values.push(evaluate(a.car, env));
        if (typeof fn === 'function') return fn.apply(null, values);
        if (!(fn instanceof Lambda)) throw new LispError('not a procedure: ' + show(fn));
        env = bindArguments(fn, values);
        x = new Pair(sym('begin'), fn.body);
    }
}

function makeLambda(params, body, env, name) {
    var names = [], rest = null;
    while (params instanceof Pair) { names.push(params.car.name); params = params.cdr; }
    if (params instanceof Sym) rest = params.name;
    return new Lambda(names, rest, body, env, name);
}

function bindArguments(fn, values) {
    var env = new Env(fn.env);
    if (values.length < fn.params.length || (!fn.rest && values.length > fn.params.length))
        throw new LispError((fn.name || 'lambda') + ': expected ' + fn.params.length + ' arguments, got ' + values.length);
    for (var i = 0; i < fn.params.length; i++) env.define(fn.params[i], values[i]);
    if (fn.rest) env.define(fn.rest, arrayToList(values.slice(fn.params.length)));
    return env;
}

function apply(fn, values) {
    if (typeof fn === 'function') return fn.apply(null, values);
    var env = bindArguments(fn, values);
    return evaluate(new Pair(sym('begin'), fn.body), env);
}

// ---- primitives ---------------------------------------------------------------------------

var output = [];
function numeric(name, f) {
    return function () {
        for (var i = 0; i < arguments.length; i++)
            if (typeof arguments[i] !== 'number') throw new LispError(name + ': not a number: ' + show(arguments[i]));
        return f.apply(null, arguments);
    };
}
function fold(f, init) {
    return function () {
        var acc = arguments.length ? arguments[0] : init;
        if (arguments.length === 1 && init !== undefined) return f(init, acc);
        for (var i = 1; i < arguments.length; i++) acc = f(acc, arguments[i]);
        return acc;
    };
}
function compare(f) {
    return function () {
        for (var i = 1; i < arguments.length; i++) if (!f(arguments[i - 1], arguments[i])) return false;
        return true;
    };
}

var globalEnv = new Env(null);
var primitives = {
    '+': numeric('+', fold(function (a, b) { return a + b; }, 0)),
    '-': numeric('-', fold(function (a, b) { return a - b; }, 0)),
    '*': numeric('*', fold(function (a, b) { return a * b; }, 1)),
    '/': numeric('/', function (a, b) { if (b === 0) throw new LispError('division by zero'); return a / b; }),
    'quotient': numeric('quotient', function (a, b) { return (a - a % b) / b; }),
    'remainder': numeric('remainder', function (a, b) { return a % b; }),
    '<': compare(function (a, b) { return a < b; }),
    '>': compare(function (a, b) { return a > b; }),
    '<=': compare(function (a, b) { return a <= b; }),
    '>=': compare(function (a, b) { return a >= b; }),
    '=': compare(function (a, b) { return a === b; }),
    'eq?': function (a, b) { return a === b; },
    'cons': function (a, b) { return new Pair(a, b); },
    'car': function (p) { if (!(p instanceof Pair)) throw new LispError('car of ' + show(p)); return p.car; },
    'cdr': function (p) { if (!(p instanceof Pair)) throw new LispError('cdr of ' + show(p)); return p.cdr; },
    'list': function () { return arrayToList(Array.prototype.slice.call(arguments)); },
    'null?': function (x) { return x === NIL; },
    'pair?': function (x) { return x instanceof Pair; },
    'length': function (x) { return listToArray(x).length; },
    'apply': function (f, args) { return apply(f, listToArray(args)); },
    'not': function (x) { return x === false; },
    'display': function () {
        var parts = [];
        for (var i = 0; i < arguments.length; i++) parts.push(display(arguments[i]));
        output.push(parts.join(' '));
        return false;
    },
    'string-append': function () { return Array.prototype.join.call(arguments, ''); },
    'number->string': function (n) { return String(n); },
    'error': function (msg) { throw new LispError(msg); }
};
for (var name in primitives) globalEnv.define(name, primitives[name]);

function run(source) {
    var reader = new Reader(tokenize(source)), result = false;
    while (!reader.done()) result = evaluate(reader.read(), globalEnv);
    return result;
}

// ---- the programs ----------------------------------------------------------------------------

var prelude = [
    '(define (map f xs) (if (null? xs) \'() (cons (f (car xs)) (map f (cdr xs)))))',
    '(define (filter p xs) (cond ((null? xs) \'()) ((p (car xs)) (cons (car xs) (filter p (cdr xs)))) (else (filter p (cdr xs)))))',
    '(define (foldl f acc xs) (if (null? xs) acc (foldl f (f acc (car xs)) (cdr xs))))',
    '(define (append a b) (if (null? a) b (cons (car a) (append (cdr a) b))))',
    '(define (range a b) (if (>= a b) \'() (cons a (range (+ a 1) b))))',
    '(define (reverse xs) (foldl (lambda (acc x) (cons x acc)) \'() xs))'
].join('\n');
run(prelude);

var programs = [
    ['factorial', '(define (fact n) (if (= n 0) 1 (* n (fact (- n 1))))) (fact 20)'],
    ['fibonacci', '(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))) (map fib (range 0 15))'],
    ['tail loop', '(define (count n acc) (if (= n 0) acc (count (- n 1) (+ acc 1)))) (count 20000 0)'],
    ['closures', '(define (make-counter) (let ((n 0)) (lambda () (set! n (+ n 1)) n)))' +
        ' (define c1 (make-counter)) (define c2 (make-counter)) (c1) (c1) (c2) (list (c1) (c2))'],
    ['higher order', '(foldl + 0 (map (lambda (x) (* x x)) (filter (lambda (x) (= (remainder x 2) 1)) (range 1 20))))'],
    ['quicksort', '(define (qsort xs) (if (null? xs) xs (let ((p (car xs)) (rest (cdr xs)))' +
        ' (append (qsort (filter (lambda (x) (< x p)) rest)) (cons p (qsort (filter (lambda (x) (>= x p)) rest)))))))' +
        ' (qsort (list 33 4 15 8 42 16 23 4 1 99 0 -5))'],
    ['variadic', '(define (sum . xs) (foldl + 0 xs)) (list (sum) (sum 1) (sum 1 2 3 4) (apply sum (range 0 10)))'],
    ['strings', '(define (greet who) (string-append "hello, " who "!")) (display (greet "lisp") (number->string 42)) (greet "world")'],
    ['quote and dotted', '(list \'(a b . c) (cons 1 2) (quote (nested (list "s" #t #f))))'],
    ['mutual recursion', '(define (even? n) (if (= n 0) #t (odd? (- n 1)))) (define (odd? n) (if (= n 0) #f (even? (- n 1))))' +
        ' (list (even? 1000) (odd? 777) (even? 3))'],
    ['church numerals', '(define zero (lambda (f) (lambda (x) x))) (define (succ n) (lambda (f) (lambda (x) (f ((n f) x)))))' +
        ' (define (church->int n) ((n (lambda (k) (+ k 1))) 0)) (define (add a b) (lambda (f) (lambda (x) ((a f) ((b f) x)))))' +
        ' (define three (succ (succ (succ zero)))) (church->int (add three (succ three)))'],
    ['accumulator', '(define (make-acc total) (lambda (amount) (set! total (+ total amount)) total))' +
        ' (define acc (make-acc 100)) (acc 10) (acc -30) (acc 5)'],
    ['and/or/cond', '(list (and 1 2 3) (and 1 #f 3) (or #f #f) (or #f 7) (cond ((> 1 2) \'a) ((< 1 2) \'b) (else \'c)))'],
    ['reverse', '(reverse (range 0 12))'],
    ['primes', '(define (divides? d n) (= (remainder n d) 0))' +
        ' (define (prime? n) (define (loop d) (cond ((> (* d d) n) #t) ((divides? d n) #f) (else (loop (+ d 1))))) (and (> n 1) (loop 2)))' +
        ' (filter prime? (range 1 80))']
];

for (var p = 0; p < programs.length; p++) {
    steps = 0;
    var value = run(programs[p][1]);
    print(programs[p][0] + ': ' + show(value) + '  [' + steps + ' steps]');
}
for (var o = 0; o < output.length; o++) print('display> ' + output[o]);

var failures = ['(car \'())', '(undefined-thing 1)', '(+ 1 "a")', '((lambda (a b) a) 1)', '(/ 1 0)', '(1 2 3)',
    '(error "custom failure")', '(foo', ')', '"open string'];
for (var f = 0; f < failures.length; f++) {
    try {
        run(failures[f]);
        print('no error for ' + failures[f]);
    } catch (e) {
        if (!(e instanceof LispError)) throw e;
        print('error in ' + failures[f] + ' -> ' + e.message);
    }
}
print('symbols interned: ' + Object.keys(symbolTable).length);
