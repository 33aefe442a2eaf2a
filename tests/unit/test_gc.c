/* test_gc.c — the heap: allocation, collection, handle scopes, persistent
 * references, weak atoms, the heap limit, GC stress, deep ropes, realms. */
#include <stdlib.h>
#include <string.h>
#include "test.h"
#include "vm/object.h"
#include "vm/string.h"

/* A test cell: one Value edge and a finalizer that counts. */
static int finalized;
typedef struct TestCell {
    InternalCell base;
    Value child;
    int id;
} TestCell;
static void test_cell_trace(Runtime *rt, Cell *c) {
    gc_mark_value(rt, ((TestCell *)c)->child);
}
static void test_cell_finalize(Runtime *rt, Cell *c) {
    finalized++;
}
static const InternalCellOps test_cell_ops = {"TestCell", test_cell_trace, test_cell_finalize};

static TestCell *test_cell(Runtime *rt, Value child) {
    TestCell *t = gc_alloc(rt, CELL_INTERNAL, sizeof(TestCell));
    if (!t) return NULL;
    t->base.ops = &test_cell_ops;
    t->child = child;
    return t;
}

/* Under MICA_GC_STRESS=1 every allocation collects: keep loops small. */
static bool stress(void) {
    const char *s = getenv("MICA_GC_STRESS");
    return s && s[0] == '1';
}

static void test_collect_frees_unreachable(void) {
    Runtime *rt = mica_runtime_new(NULL);
    finalized = 0;
    HandleMark m = gc_scope_open(rt);
    for (int i = 0; i < 1000; i++)
        CHECK(test_cell(rt, VAL_UNDEFINED) != NULL);
    gc_collect(rt);
    CHECK(finalized == 0); /* all still on the handle stack */
    gc_scope_close(rt, m);
    mica_heap_stats before;
    mica_heap_stats_get(rt, &before);
    gc_collect(rt);
    CHECK(finalized == 1000);
    mica_heap_stats after;
    mica_heap_stats_get(rt, &after);
    CHECK(after.bytes_in_use < before.bytes_in_use);
    CHECK(after.collections == before.collections + 1);
    mica_runtime_free(rt);
}

/* gc_malloc / gc_realloc / gc_free: contents survive moves between block
 * classes and to and from big blocks, every byte asked for is usable, and
 * the accounting returns to where it started. */
static void test_out_of_line_blocks(void) {
    Runtime *rt = mica_runtime_new(NULL);
    mica_heap_stats start;
    mica_heap_stats_get(rt, &start);
    enum { N = 64 };
    unsigned char *blocks[N];
    size_t sizes[N];
    for (int i = 0; i < N; i++) {
        sizes[i] = (size_t)(i * 37 % 1500);
        blocks[i] = gc_malloc(rt, sizes[i]);
        CHECK(blocks[i] != NULL);
        memset(blocks[i], i + 1, sizes[i]);
    }
    /* Grow each through several classes (small -> 1 KiB -> malloc'd), then shrink. */
    static const size_t steps[] = {8, 40, 250, 1000, 1100, 5000, 300, 16, 0};
    for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++) {
        for (int i = 0; i < N; i++) {
            size_t keep = sizes[i] < steps[k] ? sizes[i] : steps[k];
            unsigned char *n = gc_realloc(rt, blocks[i], sizes[i], steps[k]);
            CHECK(n != NULL);
            bool intact = true;
            for (size_t b = 0; b < keep; b++)
                if (n[b] != (unsigned char)(i + 1)) intact = false;
            CHECK(intact);
            memset(n, i + 1, steps[k]);
            blocks[i] = n;
            sizes[i] = steps[k];
        }
    }
    for (int i = 0; i < N; i++)
        gc_free(rt, blocks[i], sizes[i]);
    mica_heap_stats end;
    mica_heap_stats_get(rt, &end);
    CHECK(end.bytes_in_use == start.bytes_in_use);
    mica_runtime_free(rt);
}

/* Pages whose cells all die go to the empty-page pool and come back through
 * bump allocation, possibly for another size class; pages with survivors
 * keep them intact. Survivors are every 7th cell of a run of two sizes. */
static void test_page_reuse_keeps_survivors(void) {
    Runtime *rt = mica_runtime_new(NULL);
    int rounds = stress() ? 2 : 6, per_round = stress() ? 300 : 20000;
    Persistent *keep = gc_persistent_new(rt, VAL_UNDEFINED);
    int kept = 0;
    for (int r = 0; r < rounds; r++) {
        HandleMark m = gc_scope_open(rt);
        for (int i = 0; i < per_round; i++) {
            TestCell *t = test_cell(rt, gc_persistent_get(keep));
            CHECK(t != NULL);
            if (!t) break;
            t->id = r * per_round + i;
            /* A big cell in between, in another class, mostly dying. */
            if (!gc_alloc(rt, CELL_VALUE_ARRAY, 200)) break;
            if (i % 7 == 0) {
                gc_persistent_set(keep, val_from_cell(&t->base.hdr));
                kept++;
            }
            if (i % 512 == 511) {
                gc_scope_close(rt, m);
                m = gc_scope_open(rt);
            }
        }
        gc_scope_close(rt, m);
        gc_collect(rt);
    }
    /* The chain of survivors is intact, newest first, ids decreasing. */
    int seen = 0, last = INT32_MAX;
    bool ordered = true;
    for (Value v = gc_persistent_get(keep); val_is_heap(v); v = ((TestCell *)val_as_cell(v))->child) {
        TestCell *t = (TestCell *)val_as_cell(v);
        if (t->base.hdr.type != CELL_INTERNAL || t->base.ops != &test_cell_ops || t->id >= last)
            ordered = false;
        last = t->id;
        if (++seen > kept) break;
    }
    CHECK(ordered);
    CHECK(seen == kept);
    gc_persistent_free(rt, keep);
    mica_runtime_free(rt);
}

static void test_handle_scopes_and_escape(void) {
    Runtime *rt = mica_runtime_new(NULL);
    finalized = 0;
    HandleMark outer = gc_scope_open(rt);
    HandleMark inner = gc_scope_open(rt);
    TestCell *keep = test_cell(rt, VAL_UNDEFINED);
    keep->id = 42;
    test_cell(rt, VAL_UNDEFINED);
    Value kept = gc_scope_escape(rt, inner, val_from_cell(&keep->base.hdr));
    gc_collect(rt);
    CHECK(finalized == 1);
    CHECK(((TestCell *)val_as_cell(kept))->id == 42);
    gc_scope_close(rt, outer);
    gc_collect(rt);
    CHECK(finalized == 2);
    mica_runtime_free(rt);
}

/* A long chain: marking must not recurse (the gray stack grows instead). */
static void test_deep_graph(void) {
    Runtime *rt = mica_runtime_new(NULL);
    finalized = 0;
    int n = stress() ? 300 : 200000;
    HandleMark m = gc_scope_open(rt);
    Value head = VAL_UNDEFINED;
    for (int i = 0; i < n; i++) {
        HandleMark step = gc_scope_open(rt);
        TestCell *t = test_cell(rt, head);
        head = gc_scope_escape(rt, step, val_from_cell(&t->base.hdr));
        gc_scope_close(rt, m); /* only the head stays on the handle stack */
        gc_protect(rt, head);
    }
    gc_collect(rt);
    CHECK(finalized == 0);
    gc_scope_close(rt, m);
    gc_collect(rt);
    CHECK(finalized == n);
    mica_runtime_free(rt);
}

static void test_persistent(void) {
    Runtime *rt = mica_runtime_new(NULL);
    finalized = 0;
    HandleMark m = gc_scope_open(rt);
    TestCell *t = test_cell(rt, VAL_UNDEFINED);
    Persistent *p = gc_persistent_new(rt, val_from_cell(&t->base.hdr));
    Persistent *q = gc_persistent_new(rt, VAL_NULL);
    gc_scope_close(rt, m);
    gc_collect(rt);
    CHECK(finalized == 0);
    CHECK(gc_persistent_get(p) == val_from_cell(&t->base.hdr));
    gc_persistent_free(rt, p);
    gc_collect(rt);
    CHECK(finalized == 1);
    gc_persistent_set(q, VAL_TRUE);
    CHECK(gc_persistent_get(q) == VAL_TRUE);
    gc_persistent_free(rt, q);
    mica_runtime_free(rt);
}

static void test_teardown_runs_finalizers(void) {
    Runtime *rt = mica_runtime_new(NULL);
    finalized = 0;
    HandleMark m = gc_scope_open(rt);
    Value chain = VAL_UNDEFINED;
    for (int i = 0; i < 100; i++)
        chain = val_from_cell(&test_cell(rt, chain)->base.hdr);
    gc_persistent_new(rt, chain); /* never freed by the test: teardown does it */
    (void)m;
    mica_runtime_free(rt);
    CHECK(finalized == 100);
}

static void test_atoms_unique(void) {
    Runtime *rt = mica_runtime_new(NULL);
    HandleMark m = gc_scope_open(rt);
    String *a = atom_from_cstr(rt, "fooBar");
    String *b = atom_from_cstr(rt, "fooBar");
    CHECK(a == b && str_is_atom(a));
    String *c = atom_intern(rt, str_from_cstr(rt, "fooBar"));
    CHECK(c == a);
    CHECK(atom_from_cstr(rt, "length") == ATOM(rt, length));
    CHECK(str_equal_ascii(ATOM(rt, minus_Infinity), "-Infinity"));
    CHECK(ATOM(rt, empty) == str_empty(rt) && ATOM(rt, empty)->length == 0);
    /* Same units, different storage width: one atom. */
    String *wide = str_alloc_flat(rt, 3, true);
    str_mut_chars16(wide)[0] = 'a';
    str_mut_chars16(wide)[1] = 'b';
    str_mut_chars16(wide)[2] = 'c';
    String *narrow = atom_from_cstr(rt, "abc");
    CHECK(atom_intern(rt, wide) == narrow);
    /* Non-ASCII. */
    String *u1 = atom_from_cstr(rt, "h\xc3\xa9llo \xe2\x82\xac");
    String *u2 = atom_intern(rt, str_from_cstr(rt, "h\xc3\xa9llo \xe2\x82\xac"));
    CHECK(u1 == u2 && u1->length == 7);
    /* A rope is flattened and may become the atom itself. */
    String *r = str_concat(rt, str_from_cstr(rt, "a fairly long left part "),
                           str_from_cstr(rt, "and a right part"));
    CHECK(str_is_rope(r));
    CHECK(atom_intern(rt, r) == r && !str_is_rope(r) && str_is_atom(r));
    CHECK(atom_from_cstr(rt, "a fairly long left part and a right part") == r);
    /* Many atoms force rehashing; all stay findable. */
    int n = stress() ? 200 : 5000;
    for (int i = 0; i < n; i++) {
        char name[32];
        snprintf(name, sizeof name, "atom_%d", i);
        CHECK(atom_from_cstr(rt, name) != NULL);
    }
    for (int i = 0; i < n; i += 97) {
        char name[32];
        snprintf(name, sizeof name, "atom_%d", i);
        String *x = atom_from_cstr(rt, name);
        CHECK(atom_intern(rt, str_from_cstr(rt, name)) == x);
    }
    gc_scope_close(rt, m);
    mica_runtime_free(rt);
}

static void test_dead_atoms_dropped(void) {
    Runtime *rt = mica_runtime_new(NULL);
    HandleMark outer = gc_scope_open(rt);
    /* `later` exists during the collection, so it cannot reuse the dead
     * atom's address: interning it returns itself only if the old atom left. */
    String *later = str_from_cstr(rt, "transient_atom_name");
    HandleMark inner = gc_scope_open(rt);
    String *first = atom_from_cstr(rt, "transient_atom_name");
    CHECK(first != later);
    gc_scope_close(rt, inner);
    gc_collect(rt);
    CHECK(atom_intern(rt, later) == later);

    /* Control: a referenced atom stays. */
    String *kept = atom_from_cstr(rt, "kept_atom_name");
    String *other = str_from_cstr(rt, "kept_atom_name");
    gc_collect(rt);
    CHECK(atom_intern(rt, other) == kept);
    /* Predefined atoms are permanent. */
    String *len = ATOM(rt, length);
    gc_scope_close(rt, outer);
    gc_collect(rt);
    CHECK(ATOM(rt, length) == len && str_equal_ascii(len, "length"));
    mica_runtime_free(rt);
}

static void test_heap_limit(void) {
    Runtime *rt = mica_runtime_new(NULL);
    Context *ctx = mica_context_new(rt);
    CHECK(ctx != NULL);
    mica_heap_stats st;
    mica_heap_stats_get(rt, &st);
    mica_runtime_set_max_heap(rt, st.bytes_in_use + (1 << 20));
    HandleMark m = gc_scope_open(rt);
    int made = 0;
    for (;;) {
        if (!str_alloc_flat(rt, 1000, false)) break;
        made++;
        if (made > 100000) break;
    }
    CHECK(made > 100 && made < 5000);
    CHECK(rt->has_exception && !rt->exception_uncatchable);
    Value e = rt->exception;
    CHECK(val_is_object(e));
    if (val_is_object(e)) {
        Object *o = obj_from_value(e);
        CHECK(o->proto == ctx_intrinsic_obj(ctx, INTR_RangeErrorPrototype));
        Value msg = VAL_UNDEFINED;
        CHECK(obj_lookup_own_fast(o, KEY(rt, message), &msg, NULL));
        CHECK(val_is_string(msg) && str_equal_ascii(val_as_string(msg), "out of memory"));
    }
    /* gc_malloc fails the same way. */
    rt_take_exception(rt);
    CHECK(gc_malloc(rt, 10 << 20) == NULL && rt->has_exception);
    rt_take_exception(rt);
    /* Releasing memory makes allocation work again. */
    gc_scope_close(rt, m);
    gc_collect(rt);
    CHECK(str_alloc_flat(rt, 1000, false) != NULL);
    CHECK(!rt->has_exception);
    mica_context_free(ctx);
    /* Without any realm the error is an uncatchable string. */
    m = gc_scope_open(rt);
    while (str_alloc_flat(rt, 1000, false)) {
    }
    CHECK(rt->has_exception && rt->exception_uncatchable && val_is_string(rt->exception));
    rt_take_exception(rt);
    gc_scope_close(rt, m);
    mica_runtime_free(rt);
}

static void test_gc_stress_env(void) {
    /* A copy: setenv may free the string getenv returned. */
    char *old = getenv("MICA_GC_STRESS") ? strdup(getenv("MICA_GC_STRESS")) : NULL;
    setenv("MICA_GC_STRESS", "1", 1);
    Runtime *rt = mica_runtime_new(NULL);
    if (old)
        setenv("MICA_GC_STRESS", old, 1);
    else
        unsetenv("MICA_GC_STRESS");
    CHECK(rt->options.gc_stress);
    mica_heap_stats a, b;
    mica_heap_stats_get(rt, &a);
    HandleMark m = gc_scope_open(rt);
    TestCell *t = test_cell(rt, VAL_UNDEFINED);
    for (int i = 0; i < 10; i++)
        t->child = val_from_string(str_from_int(rt, 1000 + i));
    mica_heap_stats_get(rt, &b);
    CHECK(b.collections >= a.collections + 11);
    CHECK(str_equal_ascii(val_as_string(t->child), "1009"));
    gc_scope_close(rt, m);
    mica_runtime_free(rt);

    mica_runtime_options opts = {.gc_stress = 1};
    rt = mica_runtime_new(&opts);
    mica_heap_stats_get(rt, &a);
    str_from_int(rt, 123456);
    mica_heap_stats_get(rt, &b);
    CHECK(b.collections == a.collections + 1);
    mica_runtime_free(rt);

    /* gc_stress = N collects at every N-th allocation, whatever the phase
     * (MICA_GC_STRESS, when set, overrides the option). */
    unsetenv("MICA_GC_STRESS");
    opts.gc_stress = 3;
    rt = mica_runtime_new(&opts);
    mica_heap_stats_get(rt, &a);
    for (int i = 0; i < 6; i++)
        str_from_int(rt, 123456 + i);
    mica_heap_stats_get(rt, &b);
    CHECK(b.collections == a.collections + 2);
    mica_runtime_free(rt);

    setenv("MICA_GC_STRESS", "50", 1);
    rt = mica_runtime_new(NULL);
    if (old)
        setenv("MICA_GC_STRESS", old, 1);
    else
        unsetenv("MICA_GC_STRESS");
    CHECK(rt->options.gc_stress == 50);
    mica_runtime_free(rt);
    free(old);
}

/* Builds a deep rope one append at a time, keeping only the newest rope. */
static void test_deep_ropes(void) {
    Runtime *rt = mica_runtime_new(NULL);
    int n = stress() ? 2000 : 1000000;
    HandleMark m = gc_scope_open(rt);
    String *piece = str_from_cstr(rt, "x");
    String *s = str_from_cstr(rt, "start of a rope that grows");
    Persistent *p = gc_persistent_new(rt, val_from_string(s));
    for (int i = 0; i < n; i++) {
        HandleMark step = gc_scope_open(rt);
        s = str_concat(rt, s, piece);
        gc_persistent_set(p, val_from_string(s));
        gc_scope_close(rt, step);
    }
    CHECK(str_is_rope(s) && s->rope_depth == (uint32_t)n);
    CHECK(s->length == (uint32_t)(26 + n));
    gc_collect(rt); /* marks a rope n deep */
    CHECK(str_flatten(rt, s) == s && !str_is_rope(s));
    CHECK(str_at(s, 0) == 's' && str_at(s, s->length - 1) == 'x' && str_at(s, 26) == 'x');

    /* Right-deep (prepending). */
    String *t = str_from_cstr(rt, "the end of a right-leaning rope");
    gc_persistent_set(p, val_from_string(t));
    for (int i = 0; i < n; i++) {
        HandleMark step = gc_scope_open(rt);
        t = str_concat(rt, str_from_char(rt, (uint16_t)('a' + i % 26)), t);
        gc_persistent_set(p, val_from_string(t));
        gc_scope_close(rt, step);
    }
    /* str_hash flattens without a Runtime (the malloc'd-buffer path). */
    uint32_t h = str_hash(t);
    CHECK(!str_is_rope(t) && (t->hdr.flags & STR_MALLOC_BUFFER));
    CHECK(str_at(t, 0) == 'a' + (n - 1) % 26 && str_at(t, t->length - 1) == 'e');
    String *copy = str_substring(rt, t, 0, t->length - 1);
    CHECK(str_hash(str_concat(rt, copy, str_from_char(rt, 'e'))) == h);

    /* Both children ropes at every level: the flattening stack has to grow. */
    int k = stress() ? 200 : 20000;
    String *u = str_from_cstr(rt, "0123456789");
    gc_persistent_set(p, val_from_string(u));
    for (int i = 0; i < k; i++) {
        HandleMark step = gc_scope_open(rt);
        String *left = str_from_cstr(rt, "left half of a pair ");
        String *right = str_from_char(rt, i & 1 ? 0x20AC : 'r'); /* some wide leaves */
        String *pair = str_concat(rt, left, str_concat(rt, right, left));
        u = str_concat(rt, pair, u);
        gc_persistent_set(p, val_from_string(u));
        gc_scope_close(rt, step);
    }
    StringBuilder sb;
    sb_init(&sb, rt);
    for (int i = k - 1; i >= 0; i--) {
        sb_append_ascii(&sb, "left half of a pair ");
        sb_append_unit(&sb, i & 1 ? 0x20AC : 'r');
        sb_append_ascii(&sb, "left half of a pair ");
    }
    sb_append_ascii(&sb, "0123456789");
    String *expect = sb_finish(&sb);
    CHECK(expect && str_is_wide(u) && str_equal(u, expect));
    CHECK(str_compare(u, expect) == 0);

    gc_persistent_free(rt, p);
    gc_scope_close(rt, m);
    gc_collect(rt);
    mica_runtime_free(rt);
}

static void test_string_builder(void) {
    Runtime *rt = mica_runtime_new(NULL);
    HandleMark m = gc_scope_open(rt);
    StringBuilder sb;
    sb_init(&sb, rt);
    sb_append_ascii(&sb, "abc");
    sb_append_latin1(&sb, (const uint8_t *)"\xe9", 1);
    String *r = sb_finish(&sb);
    CHECK(r && !str_is_wide(r) && r->length == 4 && str_at(r, 3) == 0xe9);

    sb_init(&sb, rt);
    sb_append_ascii(&sb, "x=");
    sb_append_codepoint(&sb, 0x1F600); /* surrogate pair */
    sb_append_unit(&sb, 0x20AC);
    const uint16_t w[] = {'!', 0x3042};
    sb_append_utf16(&sb, w, 2);
    sb_append_string(&sb, str_concat(rt, str_from_cstr(rt, "a rope made of two halves, "),
                                     str_from_cstr(rt, "both narrow")));
    for (int i = 0; i < 1000; i++)
        sb_append_unit(&sb, 'z');
    r = sb_finish(&sb);
    CHECK(r && str_is_wide(r));
    CHECK(r->length == 2 + 2 + 1 + 2 + 38 + 1000);
    CHECK(str_at(r, 2) == 0xD83D && str_at(r, 3) == 0xDE00 && str_at(r, 4) == 0x20AC);
    size_t len;
    char *utf8 = str_to_utf8(rt, r, &len);
    CHECK(utf8 && strncmp(utf8,
                          "x=\xf0\x9f\x98\x80\xe2\x82\xac!\xe3\x81\x82"
                          "a rope",
                          19) == 0);
    free(utf8);

    sb_init(&sb, rt);
    r = sb_finish(&sb);
    CHECK(r == str_empty(rt));
    sb_init(&sb, rt);
    sb_append_ascii(&sb, "discarded");
    sb_free(&sb);
    gc_scope_close(rt, m);
    mica_runtime_free(rt);
}

/* Freeing a context unroots its realm: its intrinsics die at the next
 * collection while the other realm's stay. */
static void test_contexts(void) {
    Runtime *rt = mica_runtime_new(NULL);
    Context *a = mica_context_new(rt);
    Context *b = mica_context_new(rt);
    CHECK(a && b && rt->current == a);
    CHECK(mica_context_runtime(a) == rt);
    int x;
    mica_context_set_opaque(b, &x);
    CHECK(mica_context_opaque(b) == &x);
    mica_heap_stats both, one, none;
    gc_collect(rt);
    mica_heap_stats_get(rt, &both);
    mica_context_free(b);
    gc_collect(rt);
    mica_heap_stats_get(rt, &one);
    CHECK(one.bytes_in_use < both.bytes_in_use);
    CHECK(both.bytes_in_use - one.bytes_in_use > both.bytes_in_use / 4);
    mica_context_free(a);
    CHECK(rt->current == NULL);
    gc_collect(rt);
    mica_heap_stats_get(rt, &none);
    CHECK(none.bytes_in_use < one.bytes_in_use);
    mica_runtime_free(rt);
}

static void test_errors(void) {
    Runtime *rt = mica_runtime_new(NULL);
    Context *ctx = mica_context_new(rt);
    HandleMark m = gc_scope_open(rt);
    CHECK(throw_range_error(ctx, "bad %d of %s", 5, "six") == VAL_EXCEPTION);
    CHECK(rt->has_exception && !rt->exception_uncatchable);
    Value e = rt_take_exception(rt);
    CHECK(!rt->has_exception && val_is_object(e));
    Object *o = obj_from_value(e);
    CHECK(o->cls == &class_error);
    CHECK(o->proto == ctx_intrinsic_obj(ctx, INTR_RangeErrorPrototype));
    Value v = VAL_UNDEFINED;
    CHECK(obj_lookup_own_fast(o, KEY(rt, message), &v, NULL));
    CHECK(val_is_string(v) && str_equal_ascii(val_as_string(v), "bad 5 of six"));
    CHECK(obj_lookup_own_fast(o, KEY(rt, stack), &v, NULL));
    /* No code runs, so the stack is the header line alone. */
    CHECK(val_is_string(v) && str_equal_ascii(val_as_string(v), "RangeError: bad 5 of six"));
    throw_type_error(ctx, "%s", "t");
    e = rt_take_exception(rt);
    CHECK(obj_from_value(e)->proto == ctx_intrinsic_obj(ctx, INTR_TypeErrorPrototype));
    /* Long messages. */
    char longmsg[1000];
    memset(longmsg, 'q', sizeof longmsg - 1);
    longmsg[sizeof longmsg - 1] = 0;
    throw_error(ctx, ERR_ERROR, "%s!", longmsg);
    e = rt_take_exception(rt);
    CHECK(obj_lookup_own_fast(obj_from_value(e), KEY(rt, message), &v, NULL));
    CHECK(val_is_string(v) && val_as_string(v)->length == 1000);
    /* throw_value; an uncatchable exception is not replaced. */
    throw_value(ctx, VAL_TRUE);
    CHECK(rt->has_exception && rt->exception == VAL_TRUE);
    rt_take_exception(rt);
    CHECK(rt_take_exception(rt) == VAL_UNDEFINED);
    gc_scope_close(rt, m);
    mica_runtime_free(rt);
}

static int interrupt_calls;
static int stop_now(mica_runtime *rt, void *opaque) {
    interrupt_calls++;
    return *(int *)opaque;
}

static void test_interrupt(void) {
    Runtime *rt = mica_runtime_new(NULL);
    Context *ctx = mica_context_new(rt);
    int stop = 0;
    mica_runtime_set_interrupt_handler(rt, stop_now, &stop);
    int r = 0;
    for (int i = 0; i < 100000 && r == 0; i++)
        r = rt_check_interrupt(ctx);
    CHECK(r == 0 && interrupt_calls > 10 && interrupt_calls < 100);
    stop = 1;
    for (int i = 0; i < 100000 && r == 0; i++)
        r = rt_check_interrupt(ctx);
    CHECK(r == -1 && rt->has_exception && rt->exception_uncatchable);
    throw_value(ctx, VAL_NULL); /* cannot replace it */
    CHECK(rt->exception_uncatchable && val_is_object(rt->exception));
    rt_take_exception(rt);
    mica_runtime_free(rt);
}

int main(void) {
    RUN(test_collect_frees_unreachable);
    RUN(test_handle_scopes_and_escape);
    RUN(test_out_of_line_blocks);
    RUN(test_page_reuse_keeps_survivors);
    RUN(test_deep_graph);
    RUN(test_persistent);
    RUN(test_teardown_runs_finalizers);
    RUN(test_atoms_unique);
    RUN(test_dead_atoms_dropped);
    RUN(test_heap_limit);
    RUN(test_gc_stress_env);
    RUN(test_deep_ropes);
    RUN(test_string_builder);
    RUN(test_contexts);
    RUN(test_errors);
    RUN(test_interrupt);
    return TEST_EXIT();
}
