/*
 * jobs.c — the agent's job queue, the rejection-tracker hook and the
 * [[KeptAlive]] list (jobs.h states the invariants).
 *
 * The queue is a ring buffer of Job records in malloc'd memory, so that
 * enqueuing never triggers a collection and the collector itself can enqueue
 * finalization cleanup jobs into capacity reserved in advance. The invariant
 * that makes that safe: capacity >= count + reserved_free at all times,
 * where reserved_free counts reserved slots not occupied by a cleanup job.
 */
#include "vm/jobs.h"

#include <stdlib.h>
#include <string.h>

#include "vm/object.h"

typedef struct Job {
    JobFn fn;
    Context *realm;
    Value args[JOB_ARGS];
    bool uses_reservation; /* a cleanup job: its slot goes back to the reservation */
} Job;

typedef struct JobQueue {
    Job *ring;
    size_t capacity, head, count;
    size_t reserved_free;
    bool running; /* inside jobs_run: a nested drain is refused */

    Value *kept; /* [[KeptAlive]] */
    size_t kept_count, kept_capacity;

    mica_rejection_fn rejection_fn;
    void *rejection_opaque;
} JobQueue;

#define INITIAL_CAPACITY 64
/* Beyond this many pending jobs an enqueue fails with a RangeError instead
 * of growing without bound (2^26 jobs: 2.5 GB of records). */
#define MAX_PENDING_JOBS ((size_t)1 << 26)

static JobQueue *queue_of(Runtime *rt) {
    if (!rt->jobs) rt->jobs = calloc(1, sizeof(JobQueue));
    return rt->jobs;
}

static int oom(Runtime *rt) {
    rt_throw_error(rt, ERR_RANGE, "out of memory (job queue)");
    return -1;
}

/* Makes room for `need` more jobs beyond the current count and the free
 * reserved slots, keeping the ring's order. */
static int ensure_room(Runtime *rt, JobQueue *q, size_t need) {
    size_t want = q->count + q->reserved_free + need;
    if (want <= q->capacity) return 0;
    if (want > MAX_PENDING_JOBS) {
        rt_throw_error(rt, ERR_RANGE, "too many pending jobs");
        return -1;
    }
    size_t cap = q->capacity ? q->capacity : INITIAL_CAPACITY;
    while (cap < want)
        cap *= 2;
    Job *ring = malloc(cap * sizeof(Job));
    if (!ring) return oom(rt);
    for (size_t i = 0; i < q->count; i++)
        ring[i] = q->ring[(q->head + i) % q->capacity];
    free(q->ring);
    q->ring = ring;
    q->capacity = cap;
    q->head = 0;
    return 0;
}

static void push(JobQueue *q, JobFn fn, Context *realm, Value a0, Value a1, Value a2,
                 bool uses_reservation) {
    Job *j = &q->ring[(q->head + q->count) % q->capacity];
    j->fn = fn;
    j->realm = realm;
    j->args[0] = a0;
    j->args[1] = a1;
    j->args[2] = a2;
    j->uses_reservation = uses_reservation;
    q->count++;
}

/* HostEnqueuePromiseJob ( job, realm ) — #sec-hostenqueuepromisejob */
int HostEnqueuePromiseJob(Runtime *rt, JobFn fn, Context *realm, Value a0, Value a1, Value a2) {
    JobQueue *q = queue_of(rt);
    if (!q) return oom(rt);
    if (ensure_room(rt, q, 1) < 0) return -1;
    push(q, fn, realm ? realm : rt->current, a0, a1, a2, false);
    return 0;
}

int jobs_reserve(Runtime *rt, uint32_t n) {
    JobQueue *q = queue_of(rt);
    if (!q) return oom(rt);
    if (ensure_room(rt, q, n) < 0) return -1;
    q->reserved_free += n;
    return 0;
}

void jobs_unreserve(Runtime *rt, uint32_t n) {
    JobQueue *q = rt->jobs;
    if (!q) return; /* teardown: the queue is already gone */
    q->reserved_free = q->reserved_free > n ? q->reserved_free - n : 0;
}

/* HostEnqueueFinalizationRegistryCleanupJob ( finalizationRegistry ) —
 * #sec-host-cleanup-finalization-registry */
void HostEnqueueFinalizationRegistryCleanupJob(Runtime *rt, JobFn cleanup, Context *realm,
                                               Value registry) {
    JobQueue *q = rt->jobs;
    /* Without a reservation there is no room we may take here: the caller
     * broke the contract. Dropping the cleanup is the only safe choice (the
     * spec allows a host never to call cleanup callbacks). */
    if (!q || q->reserved_free == 0 || q->count >= q->capacity) return;
    q->reserved_free--;
    push(q, cleanup, realm, registry, VAL_UNDEFINED, VAL_UNDEFINED, true);
}

/* HostPromiseRejectionTracker ( promise, operation ) —
 * #sec-host-promise-rejection-tracker */
void HostPromiseRejectionTracker(Context *ctx, Object *promise, bool handled) {
    JobQueue *q = ctx->rt->jobs;
    if (!q || !q->rejection_fn) return;
    q->rejection_fn(ctx, val_from_object(promise), handled ? 1 : 0, q->rejection_opaque);
}

void mica_runtime_set_rejection_tracker(mica_runtime *rt, mica_rejection_fn fn, void *opaque) {
    JobQueue *q = queue_of(rt);
    if (!q) return;
    q->rejection_fn = fn;
    q->rejection_opaque = opaque;
}

/* KeepDuringJob ( value ) — #sec-keepduringjob */
int KeepDuringJob(Runtime *rt, Value v) {
    JobQueue *q = queue_of(rt);
    if (!q) return oom(rt);
    /* A loop calling deref on one WeakRef must not grow the list per call. */
    if (q->kept_count && q->kept[q->kept_count - 1] == v) return 0;
    if (q->kept_count == q->kept_capacity) {
        size_t cap = q->kept_capacity ? q->kept_capacity * 2 : 16;
        Value *kept = realloc(q->kept, cap * sizeof(Value));
        if (!kept) return oom(rt);
        q->kept = kept;
        q->kept_capacity = cap;
    }
    q->kept[q->kept_count++] = v;
    return 0;
}

/* ClearKeptObjects ( ) — #sec-clear-kept-objects */
void ClearKeptObjects(Runtime *rt) {
    JobQueue *q = rt->jobs;
    if (q) q->kept_count = 0;
}

size_t jobs_pending(Runtime *rt) {
    return rt->jobs ? rt->jobs->count : 0;
}

/* Runs jobs in order until the queue is empty or one throws. A job whose
 * realm was freed is dropped unrun. */
int jobs_run(Runtime *rt, Context **failed) {
    if (failed) *failed = NULL;
    JobQueue *q = rt->jobs;
    /* The synchronous run that called us is over. */
    ClearKeptObjects(rt);
    if (!q || q->running) return 0;
    q->running = true;
    int status = 0;
    while (q->count) {
        Job job = q->ring[q->head];
        q->head = (q->head + 1) % q->capacity;
        q->count--;
        if (job.uses_reservation) q->reserved_free++;
        if (!job.realm || job.realm->freed) continue;
        HandleMark mark = gc_scope_open(rt);
        for (int i = 0; i < JOB_ARGS; i++)
            gc_protect(rt, job.args[i]);
        Context *saved = rt->current;
        rt->current = job.realm;
        Value r = job.fn(job.realm, job.args);
        rt->current = saved && !saved->freed ? saved : job.realm;
        ClearKeptObjects(rt);
        gc_scope_close(rt, mark);
        if (val_is_exception(r)) {
            if (failed) *failed = job.realm;
            status = -1;
            break;
        }
    }
    q->running = false;
    return status;
}

void jobs_trace(Runtime *rt) {
    JobQueue *q = rt->jobs;
    if (!q) return;
    for (size_t i = 0; i < q->count; i++) {
        const Job *j = &q->ring[(q->head + i) % q->capacity];
        gc_mark_values(rt, j->args, JOB_ARGS);
    }
    gc_mark_values(rt, q->kept, q->kept_count);
}

void jobs_free(Runtime *rt) {
    JobQueue *q = rt->jobs;
    if (!q) return;
    free(q->ring);
    free(q->kept);
    free(q);
    rt->jobs = NULL;
}
