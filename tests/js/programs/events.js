// A closure-heavy event system: an emitter with on/off/once, priorities,
// namespaced events ("save.audit"), wildcard listeners, re-entrant emits
// queued until the current dispatch finishes (no timers or promises), error
// isolation in handlers, and a small store and undo stack built on top.
var print = typeof print === 'function' ? print : console.log;

function createEmitter(name) {
    var listeners = {};      // event -> [record], kept sorted by priority (high first), then order
    var nextId = 1;
    var queue = [];          // pending [event, args] while dispatching
    var dispatching = false;
    var errors = [];
    var stats = { emitted: 0, delivered: 0, queued: 0 };

    function parse(spec) {
        var dot = spec.indexOf('.');
        return dot < 0 ? { event: spec, ns: '' } : { event: spec.substring(0, dot), ns: spec.substring(dot + 1) };
    }

    function insert(event, record) {
        var list = listeners[event] || (listeners[event] = []);
        var i = list.length;
        while (i > 0 && list[i - 1].priority < record.priority) i--;
        list.splice(i, 0, record);
    }

    function on(spec, handler, options) {
        if (typeof handler !== 'function') throw new TypeError(name + ': handler for ' + spec + ' is not a function');
        options = options || {};
        var parsed = parse(spec);
        var record = {
            id: nextId++, handler: handler, ns: parsed.ns, once: !!options.once,
            priority: options.priority || 0, context: options.context, calls: 0
        };
        insert(parsed.event, record);
        return function unsubscribe() { return removeRecord(parsed.event, record.id); };
    }

    function removeRecord(event, id) {
        var list = listeners[event];
        if (!list) return false;
        for (var i = 0; i < list.length; i++) {
            if (list[i].id === id) {
                list.splice(i, 1);
                if (list.length === 0) delete listeners[event];
                return true;
            }
        }
        return false;
    }

    // off('save') removes all save listeners, off('.audit') every listener of
    // that namespace, off('save.audit') the intersection, off('save', fn) one handler.
    function off(spec, handler) {
        var parsed = parse(spec), removed = 0;
        var events = parsed.event ? [parsed.event] : Object.keys(listeners);
        events.forEach(function (event) {
            var list = listeners[event];
            if (!list) return;
            for (var i = list.length - 1; i >= 0; i--) {
                var r = list[i];
                if ((parsed.ns && r.ns !== parsed.ns) || (handler && r.handler !== handler)) continue;
                list.splice(i, 1);
                removed++;
            }
            if (list.length === 0) delete listeners[event];
        });
        return removed;
    }

    function once(spec, handler, options) {
        options = options || {};
        return on(spec, handler, { once: true, priority: options.priority, context: options.context });
    }

    function deliver(event, args) {
        var list = (listeners[event] || []).slice().concat((listeners['*'] || []).slice());
        list.forEach(function (record) {
            // A listener removed by an earlier handler in this dispatch is skipped.
            var live = listeners[event] && listeners[event].indexOf(record) >= 0 ||
                listeners['*'] && listeners['*'].indexOf(record) >= 0;
            if (!live) return;
            if (record.once) removeRecord(listeners[event] && listeners[event].indexOf(record) >= 0 ? event : '*', record.id);
            record.calls++;
            stats.delivered++;
            try {
                record.handler.apply(record.context, [{ type: event, emitter: name }].concat(args));
            } catch (e) {
                errors.push({ event: event, message: e && e.message ? e.message : String(e) });
                if (event !== 'error') emit('error', e, event);
            }
        });
    }

    function emit(event) {
        var args = Array.prototype.slice.call(arguments, 1);
        stats.emitted++;
        if (dispatching) {
            stats.queued++;
            queue.push([event, args]);
            return false;
        }
        dispatching = true;
        try {
            deliver(event, args);
            while (queue.length) {
                var next = queue.shift();
                deliver(next[0], next[1]);
            }
        } finally {
            dispatching = false;
        }
        return true;
    }

    function count(spec) {
        var parsed = parse(spec || ''), n = 0;
        Object.keys(listeners).forEach(function (event) {
            if (parsed.event && event !== parsed.event) return;
            listeners[event].forEach(function (r) { if (!parsed.ns || r.ns === parsed.ns) n++; });
        });
        return n;
    }

    return {
        on: on, off: off, once: once, emit: emit, count: count,
        errors: function () { return errors.slice(); },
        stats: function () { return { emitted: stats.emitted, delivered: stats.delivered, queued: stats.queued }; },
        events: function () { return Object.keys(listeners).sort(); }
    };
}

var log = [];
function logger(label) {
    return function (e) {
        var extra = Array.prototype.slice.call(arguments, 1).map(function (x) { return JSON.stringify(x); }).join(', ');
        log.push(label + '<' + e.type + '>' + (extra ? '(' + extra + ')' : ''));
    };
}
function flush(title) {
    print(title + ': ' + (log.length ? log.join(' ') : '(nothing)'));
    log = [];
}

// 1. Priorities and insertion order.
var bus = createEmitter('bus');
bus.on('tick', logger('low'), { priority: -5 });
bus.on('tick', logger('normal-a'));
bus.on('tick', logger('high'), { priority: 10 });
bus.on('tick', logger('normal-b'));
bus.on('tick', logger('higher'), { priority: 20 });
bus.emit('tick', 1);
flush('priorities');

// 2. once, and unsubscribe handles.
var stopOne = bus.on('ping', logger('every'));
bus.once('ping', logger('first-only'));
bus.emit('ping', 'a');
bus.emit('ping', 'b');
print('unsubscribe -> ' + stopOne() + ', again -> ' + stopOne());
bus.emit('ping', 'c');
flush('once');

// 3. Namespaces.
bus.on('save.audit', logger('audit-save'));
bus.on('load.audit', logger('audit-load'));
bus.on('save.ui', logger('ui-save'));
bus.on('save', logger('plain-save'));
print('counts: save=' + bus.count('save') + ' .audit=' + bus.count('.audit') + ' save.ui=' + bus.count('save.ui') + ' all=' + bus.count());
bus.emit('save', { id: 7 });
print('off(.audit) removed ' + bus.off('.audit'));
bus.emit('save', { id: 8 });
bus.emit('load');
print('off(save.ui) removed ' + bus.off('save.ui') + ', events now ' + bus.events().join(','));
bus.emit('save', { id: 9 });
flush('namespaces');

// 4. Re-entrant emits are queued until the running dispatch ends.
var chain = createEmitter('chain');
chain.on('a', function (e, n) {
    log.push('a' + n);
    if (n < 3) { chain.emit('b', n); chain.emit('a', n + 1); log.push('a' + n + '-done'); }
});
chain.on('b', function (e, n) { log.push('b' + n); });
chain.emit('a', 1);
flush('queued');
print('chain stats ' + JSON.stringify(chain.stats()));

// 5. Error isolation: a throwing handler does not stop the others; errors
//    are reported on the 'error' event and recorded.
var fragile = createEmitter('fragile');
fragile.on('error', function (e, err, source) { log.push('error-handler(' + source + ': ' + err.message + ')'); });
fragile.on('work', function () { log.push('before'); });
fragile.on('work', function () { throw new Error('handler exploded'); });
fragile.on('work', function () { log.push('after'); });
fragile.on('work', function () { null.boom; });
fragile.emit('work');
flush('isolation');
print('errors ' + JSON.stringify(fragile.errors().map(function (x) { return x.event + ': ' + x.message.length; })));

// 6. A handler that removes later handlers, and a wildcard listener.
var mutating = createEmitter('mutating');
var victim = logger('victim');
mutating.on('go', function () { log.push('remover'); mutating.off('go', victim); });
mutating.on('go', victim);
mutating.on('*', logger('wildcard'));
mutating.emit('go');
mutating.emit('go');
mutating.emit('other', 'x');
flush('mutation');

// 7. Context binding and call counting with closures over loop variables.
var counters = [];
var ticker = createEmitter('ticker');
for (var i = 0; i < 4; i++) {
    (function (index) {
        var state = { index: index, seen: 0 };
        counters.push(state);
        ticker.on('tick', function () { this.seen += this.index + 1; }, { context: state, priority: index });
    })(i);
}
for (var t = 0; t < 5; t++) ticker.emit('tick');
print('context counters ' + counters.map(function (c) { return c.index + ':' + c.seen; }).join(' '));
try { ticker.on('tick', 'not a function'); } catch (e) { print(e.name + ': ' + e.message); }

// 8. A small store with undo built on the emitter.
function createStore(initial) {
    var state = initial, history = [], events = createEmitter('store');
    function set(key, value) {
        var previous = state[key];
        if (previous === value) return;
        history.push({ key: key, value: previous, had: Object.prototype.hasOwnProperty.call(state, key) });
        var next = {};
        Object.keys(state).forEach(function (k) { next[k] = state[k]; });
        next[key] = value;
        state = next;
        events.emit('change.' + key, key, previous, value);
        events.emit('change', key, previous, value);
    }
    function undo() {
        var last = history.pop();
        if (!last) return false;
        var next = {};
        Object.keys(state).forEach(function (k) { if (k !== last.key || last.had) next[k] = state[k]; });
        if (last.had) next[last.key] = last.value;
        state = next;
        events.emit('change', last.key, undefined, last.value);
        return true;
    }
    return { set: set, undo: undo, get: function () { return state; }, on: events.on, off: events.off };
}
var store = createStore({ title: 'draft' });
var changes = [];
store.on('change', function (e, key, from, to) { changes.push(key + ':' + JSON.stringify(from) + '->' + JSON.stringify(to)); });
store.set('title', 'final');
store.set('count', 1);
store.set('count', 2);
store.set('count', 2);
store.undo();
store.undo();
store.undo();
print('store changes ' + changes.join(' | '));
print('store state ' + JSON.stringify(store.get()) + ', undo on empty history -> ' + store.undo());

print('bus stats ' + JSON.stringify(bus.stats()));
print('fragile stats ' + JSON.stringify(fragile.stats()));
