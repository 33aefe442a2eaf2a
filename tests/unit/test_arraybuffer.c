/* test_arraybuffer.c — mica_detach_array_buffer through the embedding API:
 * views of a detached buffer see length 0 and throw on access, detaching
 * twice is allowed, and anything but an ArrayBuffer is a TypeError. */
#include <string.h>
#include "test.h"
#include "mica.h"

static double eval_number(mica_context *ctx, const char *src) {
    mica_value v;
    double d = -1;
    if (mica_eval(ctx, src, strlen(src), "test", 0, &v) != MICA_OK) {
        mica_take_exception(ctx);
        return -2;
    }
    if (mica_to_number(ctx, v, &d) != MICA_OK) return -3;
    return d;
}

static void test_detach(void) {
    mica_runtime *rt = mica_runtime_new(NULL);
    mica_context *ctx = mica_context_new(rt);
    const char *setup = "var b = new ArrayBuffer(8); var v = new Uint8Array(b); v[0] = 5; b";
    mica_value buf;
    CHECK(mica_eval(ctx, setup, strlen(setup), "test", 0, &buf) == MICA_OK);
    CHECK(eval_number(ctx, "v.length + v[0]") == 13);
    CHECK(mica_detach_array_buffer(ctx, buf) == MICA_OK);
    CHECK(eval_number(ctx, "(b.detached && b.byteLength === 0 && v.length === 0 && "
                           "v[0] === undefined) ? 1 : 0") == 1);
    CHECK(eval_number(ctx, "try { v.fill(1); 0 } catch (e) { e instanceof TypeError ? 1 : 0 }") == 1);
    CHECK(mica_detach_array_buffer(ctx, buf) == MICA_OK); /* twice */
    mica_context_free(ctx);
    mica_runtime_free(rt);
}

static void test_detach_rejects_non_buffers(void) {
    mica_runtime *rt = mica_runtime_new(NULL);
    mica_context *ctx = mica_context_new(rt);
    mica_value view;
    const char *src = "new Uint8Array(4)";
    CHECK(mica_eval(ctx, src, strlen(src), "test", 0, &view) == MICA_OK);
    CHECK(mica_detach_array_buffer(ctx, view) == MICA_EXCEPTION);
    mica_take_exception(ctx);
    CHECK(mica_detach_array_buffer(ctx, mica_undefined()) == MICA_EXCEPTION);
    mica_take_exception(ctx);
    CHECK(eval_number(ctx, "1") == 1); /* the context still works */
    mica_context_free(ctx);
    mica_runtime_free(rt);
}

int main(void) {
    RUN(test_detach);
    RUN(test_detach_rejects_non_buffers);
    return TEST_EXIT();
}
