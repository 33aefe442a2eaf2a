/*
 * prop_cache.h — inline caches of named property reads (GET_PROP) and
 * writes (SET_PROP): the slow paths that fill them. The interpreter's fast
 * paths (vm/interp.c) test the entries; compiler/bytecode.h has the layout.
 *
 * An entry (InlineCache) is one of three kinds. All three require that the
 * receiver is an object whose shape pointer equals `shape`, a shared
 * (non-dictionary) shape:
 *
 *  own     holder == NULL, added == NULL. The receiver has the data property
 *          at slots[slot]. A shared shape fixes keys, attributes and slots,
 *          so the pointer test is the whole proof (vm/shape.h).
 *
 *  holder  (get sites) holder != NULL. The receiver has no own property
 *          with the key and the first object on its prototype chain that
 *          has one is `holder`, whose data property is at holder->slots[slot]
 *          (read live, so value changes need no invalidation). A hit also
 *          requires receiver->proto == proto, receiver->cls == cls and
 *          epoch == Runtime.proto_epoch.
 *
 *  add     (set sites) added != NULL. The receiver has no own property with
 *          the key and no object on its prototype chain has an accessor or a
 *          read-only data property with that key (or a non-ordinary [[Set]]),
 *          so the assignment adds an own data property with default
 *          attributes: shape `added` with the value in slot `slot`. A hit
 *          also requires proto, cls and epoch as for holder entries, an
 *          extensible receiver, and a receiver that is not OBJ_PROTO_WATCHED
 *          (adding to a watched object must bump the epoch; the slow path
 *          does that). The fast path grows the slot array when `added`
 *          needs more room (ic_grow_slots).
 *
 *  array length  (get sites) shape == NULL, cls == &class_array: the key is
 *          "length" and the last receiver was an Array; any Array receiver
 *          hits and reads its length (ic_array_length). No other entry
 *          has a NULL shape and a class.
 *
 * Why holder and add entries stay correct: when one is recorded, every
 * object on the receiver's prototype chain that the lookup examined (from
 * receiver->proto up to the holder, or to the end of the chain for an add)
 * is ordinary for named keys (no exotic [[Get]] / [[GetOwnProperty]] /
 * [[Set]] for this key) and is flagged OBJ_PROTO_WATCHED. object.c bumps
 * Runtime.proto_epoch before any watched object changes its named-property
 * layout (adds, deletes, reconfigures, goes to dictionary mode, compacts) or
 * its [[Prototype]]. So while the epoch is unchanged the examined part of the
 * chain is exactly as it was: a property added on a prototype that would
 * shadow the holder, a prototype swapped, a data property turned into an
 * accessor, all bump it. The receiver itself is checked directly: its shape
 * (its own keys), its [[Prototype]] pointer (shapes do not include the
 * prototype) and its class (an exotic receiver such as an Array has own
 * properties its shape does not list, e.g. "length"; the class test keeps an
 * entry recorded for an ordinary receiver from applying to it). The epoch is
 * 64 bits, so it never wraps.
 *
 * GC: shapes in entries are strong (bytecode_trace marks `shape` and
 * `added`); `proto` and `holder` are weak: bytecode.c's weak hook empties
 * every entry whose proto or holder was not marked, so caches never keep a
 * prototype alive and never point at a freed object (a recycled address can
 * never produce a false hit).
 *
 * Write barrier: the collector is a non-incremental, non-generational
 * mark-sweep, so GC_WRITE_BARRIER (gc/gc.h) expands to nothing. The fast
 * paths store into slots without it on purpose (it would cost nothing but
 * would need a `rt` in every fast path); an incremental collector would have
 * to add barriers at every slot store in interp.c, including these.
 */
#ifndef MICA_PROP_CACHE_H
#define MICA_PROP_CACHE_H

#include "compiler/bytecode.h"

/* GetValue(base.name) for GET_PROP, filling ic when the result is cacheable. */
Value ic_get_prop(Context *ctx, Value base, String *name, InlineCache *ic);
/* PutValue(base.name, v) for SET_PROP (VAL_TRUE or VAL_EXCEPTION), filling
 * ic when the write is cacheable. */
Value ic_set_prop(Context *ctx, Value base, String *name, Value v, InlineCache *ic, bool strict);
/* CreateDataProperty(o, name, v) for DEFINE_FIELD in an object literal
 * (o is a plain object no code has seen yet), filling ic with an add entry
 * whose hits need only the shape test. -1 on OOM. */
int ic_define_field(Context *ctx, Object *o, String *name, Value v, InlineCache *ic);
/* Grows o's slot array for a shared shape of `count` properties. -1 with
 * an exception pending on OOM. */
int ic_grow_slots(Context *ctx, Object *o, uint32_t count);

/* An Array's "length" as a Value (an int when it fits). */
static inline Value ic_array_length(Object *a) {
    uint32_t len = ((ArrayObject *)a)->length;
    return len <= INT32_MAX ? val_from_int((int32_t)len) : val_from_double(len);
}

#endif
