/*
 * jobs.h — the agent's job queue (#sec-jobs-and-host-operations-to-enqueue-jobs)
 * and the host hooks that surround it: HostEnqueuePromiseJob,
 * HostEnqueueFinalizationRegistryCleanupJob, HostPromiseRejectionTracker and
 * the agent's [[KeptAlive]] list (KeepDuringJob / ClearKeptObjects).
 *
 * Invariants:
 *  - Jobs run in the order they were enqueued (one FIFO for promise jobs and
 *    cleanup jobs), only from mica_run_jobs, never inside the collector and
 *    never during teardown. jobs_free (runtime teardown) discards pending
 *    jobs without running them.
 *  - A job belongs to a realm; a job whose realm was freed by
 *    mica_context_free is dropped when it reaches the head of the queue: its
 *    function never runs and its values are not read.
 *  - Every Value held by a pending job, and every kept-alive object, is a GC
 *    root (jobs_trace, called from gc_mark_roots).
 *  - The queue lives in malloc'd memory outside the heap: enqueuing never
 *    collects. Enqueues that must not fail (from the collector) use
 *    capacity reserved beforehand with jobs_reserve.
 *  - After every job, and before draining, ClearKeptObjects empties the
 *    kept-alive list (#sec-clear-kept-objects).
 */
#ifndef MICA_JOBS_H
#define MICA_JOBS_H

#include "vm/runtime.h"

/* A job's steps. args are the JOB_ARGS values given at enqueue time (rooted
 * while the job runs); realm is the job's realm, current while it runs.
 * Returns any value, or VAL_EXCEPTION with the exception pending. */
#define JOB_ARGS 3
typedef Value (*JobFn)(Context *realm, const Value *args);

/* HostEnqueuePromiseJob ( job, realm ) — #sec-hostenqueuepromisejob.
 * realm NULL (the spec's null realm: no user code runs) means the realm
 * current at enqueue time. Returns 0, or -1 with a RangeError pending when
 * memory for the queue cannot be had. */
int HostEnqueuePromiseJob(Runtime *rt, JobFn fn, Context *realm, Value a0, Value a1, Value a2);

/* Reserves room for `n` future enqueues that must not fail (one per live
 * FinalizationRegistry: reserve when the registry is created, release in its
 * finalizer). -1 with a RangeError pending on OOM. */
int jobs_reserve(Runtime *rt, uint32_t n);
void jobs_unreserve(Runtime *rt, uint32_t n);

/* HostEnqueueFinalizationRegistryCleanupJob ( finalizationRegistry ) —
 * #sec-host-cleanup-finalization-registry. Never allocates and never fails:
 * uses one reserved slot (jobs_reserve), so the collector may call it during
 * weak processing. The caller keeps at most one cleanup job pending per
 * reservation (a registry flags itself "cleanup queued" until its job runs).
 * The slot returns to the reservation when the job leaves the queue. */
void HostEnqueueFinalizationRegistryCleanupJob(Runtime *rt, JobFn cleanup, Context *realm,
                                               Value registry);

/* HostPromiseRejectionTracker ( promise, operation ) —
 * #sec-host-promise-rejection-tracker. handled: false for "reject", true for
 * "handle". Calls the host's tracker (mica_runtime_set_rejection_tracker)
 * if there is one; it must not run JavaScript. */
void HostPromiseRejectionTracker(Context *ctx, Object *promise, bool handled);

/* KeepDuringJob ( value ) — #sec-keepduringjob. The value (an object or a
 * symbol) stays alive until the current job ends. -1 with a RangeError
 * pending on OOM. */
int KeepDuringJob(Runtime *rt, Value v);
/* ClearKeptObjects ( ) — #sec-clear-kept-objects */
void ClearKeptObjects(Runtime *rt);

/* Runs pending jobs in order until the queue is empty (0) or a job throws
 * (-1: the exception is pending, *failed gets the job's realm; the rest stay
 * queued). Clears the kept-alive list first and after every job. A nested
 * call from inside a job returns 0 at once. */
int jobs_run(Runtime *rt, Context **failed);

/* Number of jobs waiting (dropped-realm jobs included until they are reached). */
size_t jobs_pending(Runtime *rt);

/* Root enumeration (gc.c) and teardown (runtime.c: before the final sweep;
 * discards pending jobs without running them). */
void jobs_trace(Runtime *rt);
void jobs_free(Runtime *rt);

#endif
