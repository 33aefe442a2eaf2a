/* bytecode.c — opcode tables (generated from bytecode.def), bytecode and
 * script cells (trace / finalize), positions and the disassembler. */
#include "compiler/bytecode.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "vm/string.h"

const char *const opcode_names[OP_COUNT] = {
#define OP(name, fmt, desc) #name,
#include "compiler/bytecode.def"
#undef OP
};

const char *const opcode_formats[OP_COUNT] = {
#define OP(name, fmt, desc) fmt,
#include "compiler/bytecode.def"
#undef OP
};

const uint8_t opcode_lengths[OP_COUNT] = {
#define OP(name, fmt, desc) (uint8_t)sizeof(fmt),
#include "compiler/bytecode.def"
#undef OP
};

/* Weak phase: empties the inline-cache entries whose receiver prototype or
 * holder died (see vm/prop_cache.h). */
static void bytecode_clear_dead_ics(Runtime *rt, Cell *c) {
    FunctionBytecode *fb = (FunctionBytecode *)c;
    for (uint32_t i = 0; i < fb->ic_count; i++) {
        InlineCache *ic = &fb->ics[i];
        if ((ic->proto && !gc_is_marked(rt, &ic->proto->hdr)) ||
            (ic->holder && !gc_is_marked(rt, &ic->holder->hdr)))
            memset(ic, 0, sizeof *ic);
    }
}

static const GCWeakHooks bytecode_weak_hooks = {.clear = bytecode_clear_dead_ics};

void bytecode_trace(Runtime *rt, Cell *c) {
    FunctionBytecode *fb = (FunctionBytecode *)c;
    gc_mark_values(rt, fb->consts, fb->const_count);
    gc_mark_value(rt, fb->name);
    gc_mark_value(rt, fb->source);
    gc_mark_value(rt, fb->filename);
    /* Inline caches hold shapes strongly: a cached shape is small and the
     * cache is refilled on the next miss anyway. Objects in entries are
     * weak. */
    if (fb->closure_shape) gc_mark_cell(rt, (Cell *)fb->closure_shape);
    if (fb->prototype_shape) gc_mark_cell(rt, (Cell *)fb->prototype_shape);
    bool holds_objects = false;
    for (uint32_t i = 0; i < fb->ic_count; i++) {
        InlineCache *ic = &fb->ics[i];
        if (ic->shape) gc_mark_cell(rt, (Cell *)ic->shape);
        if (ic->added) gc_mark_cell(rt, (Cell *)ic->added);
        if (ic->proto || ic->holder) holds_objects = true;
    }
    if (holds_objects) gc_weak_enlist(rt, &fb->ic_weak, c, &bytecode_weak_hooks);
}

void bytecode_finalize(Runtime *rt, Cell *c) {
    FunctionBytecode *fb = (FunctionBytecode *)c;
    if (fb->code) gc_free(rt, fb->code, sizeof(uint32_t) * (fb->code_len ? fb->code_len : 1));
    if (fb->consts)
        gc_free(rt, fb->consts, sizeof(Value) * (fb->const_count ? fb->const_count : 1));
    if (fb->ics) gc_free(rt, fb->ics, sizeof(InlineCache) * (fb->ic_count ? fb->ic_count : 1));
    if (fb->handlers)
        gc_free(rt, fb->handlers,
                sizeof(ExceptionEntry) * (fb->handler_count ? fb->handler_count : 1));
    if (fb->lines)
        gc_free(rt, fb->lines, sizeof(LineEntry) * (fb->line_count ? fb->line_count : 1));
    if (fb->call_names)
        gc_free(rt, fb->call_names,
                sizeof(CallSiteName) * (fb->call_name_count ? fb->call_name_count : 1));
}

void script_trace(Runtime *rt, Cell *c) {
    Script *s = (Script *)c;
    if (s->main) gc_mark_cell(rt, &s->main->hdr);
}

void script_finalize(Runtime *rt, Cell *c) {
    (void)rt;
    (void)c;
}

void bytecode_position(const FunctionBytecode *fb, uint32_t pc, uint32_t *line, uint32_t *column) {
    *line = fb->line;
    *column = fb->column;
    uint32_t lo = 0, hi = fb->line_count;
    /* last entry with entry.pc <= pc */
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (fb->lines[mid].pc <= pc)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0) {
        *line = fb->lines[lo - 1].line;
        *column = fb->lines[lo - 1].column;
    }
}

String *bytecode_call_name(const FunctionBytecode *fb, uint32_t pc) {
    for (uint32_t i = 0; i < fb->call_name_count; i++)
        if (fb->call_names[i].pc == pc)
            return val_as_string(fb->consts[fb->call_names[i].name_const]);
    return NULL;
}

/* ---- disassembler ---- */

static void dump_string(Runtime *rt, FILE *out, String *s, size_t max) {
    size_t len;
    char *u = str_to_utf8(rt, s, &len);
    if (!u) {
        fputs("<oom>", out);
        return;
    }
    fputc('"', out);
    for (size_t i = 0; i < len && i < max; i++) {
        unsigned char ch = (unsigned char)u[i];
        if (ch == '\n')
            fputs("\\n", out);
        else if (ch == '"' || ch == '\\')
            fprintf(out, "\\%c", ch);
        else if (ch < 0x20)
            fprintf(out, "\\x%02x", ch);
        else
            fputc(ch, out);
    }
    if (len > max) fputs("...", out);
    fputc('"', out);
    free(u);
}

static void dump_value(Runtime *rt, FILE *out, Value v) {
    if (val_is_int(v))
        fprintf(out, "%" PRId32, val_to_int(v));
    else if (val_is_double(v))
        fprintf(out, "%.17g", val_to_double(v));
    else if (val_is_string(v))
        dump_string(rt, out, val_as_string(v), 60);
    else if (val_is_undefined(v))
        fputs("undefined", out);
    else if (val_is_null(v))
        fputs("null", out);
    else if (val_is_bool(v))
        fputs(v == VAL_TRUE ? "true" : "false", out);
    else if (val_is_bytecode(v)) {
        FunctionBytecode *f = val_as_bytecode(v);
        fputs("<function ", out);
        if (val_is_string(f->name)) dump_string(rt, out, val_as_string(f->name), 40);
        fputc('>', out);
    } else if (val_is_cell(v) && val_as_cell(v)->type == CELL_VALUE_ARRAY) {
        ValueArray *a = (ValueArray *)val_as_cell(v);
        fputc('[', out);
        for (uint32_t i = 0; i < a->length && i < 16; i++) {
            if (i) fputs(", ", out);
            if (val_is_bytecode(a->items[i]))
                fputs("<fn>", out);
            else
                dump_value(rt, out, a->items[i]);
        }
        if (a->length > 16) fputs(", ...", out);
        fputc(']', out);
    } else {
        fputs("<value>", out);
    }
}

static void dump_function(Runtime *rt, FunctionBytecode *fb, FILE *out, int depth) {
    if (depth > 64) return;
    fputs("function ", out);
    if (val_is_string(fb->name) && val_as_string(fb->name)->length)
        dump_string(rt, out, val_as_string(fb->name), 60);
    else
        fputs("<anonymous>", out);
    fprintf(out,
            " (line %" PRIu32 ", params %" PRIu32 ", registers %" PRIu32 ", constants %" PRIu32
            ", flags 0x%" PRIx32 ")\n",
            fb->line, fb->param_count, fb->reg_count, fb->const_count, fb->flags);
    uint32_t last_line = 0;
    for (uint32_t pc = 0; pc < fb->code_len;) {
        uint32_t op = fb->code[pc];
        if (op >= OP_COUNT) {
            fprintf(out, "  %5" PRIu32 ": <bad opcode %" PRIu32 ">\n", pc, op);
            break;
        }
        uint32_t line, col;
        bytecode_position(fb, pc, &line, &col);
        if (line != last_line) {
            fprintf(out, "        ; line %" PRIu32 "\n", line);
            last_line = line;
        }
        fprintf(out, "  %5" PRIu32 ": %-24s", pc, opcode_names[op]);
        const char *fmt = opcode_formats[op];
        for (int i = 0; fmt[i]; i++) {
            uint32_t w = pc + 1 + (uint32_t)i < fb->code_len ? fb->code[pc + 1 + i] : 0;
            fputs(i ? ", " : " ", out);
            switch (fmt[i]) {
            case 'r': fprintf(out, "r%" PRIu32, w); break;
            case 'i': fprintf(out, "%" PRId32, (int32_t)w); break;
            case 'u': fprintf(out, "%" PRIu32, w); break;
            case 'j': fprintf(out, "-> %" PRId64, (int64_t)pc + (int32_t)w); break;
            case 'c': fprintf(out, "ic%" PRIu32, w); break;
            case 'k':
            case 'a':
            case 'f':
                fprintf(out, "k%" PRIu32, w);
                if (w < fb->const_count) {
                    fputc('(', out);
                    dump_value(rt, out, fb->consts[w]);
                    fputc(')', out);
                }
                break;
            default: fprintf(out, "?%" PRIu32, w); break;
            }
        }
        fputc('\n', out);
        pc += opcode_lengths[op];
    }
    for (uint32_t i = 0; i < fb->handler_count; i++)
        fprintf(out,
                "  handler [%" PRIu32 ", %" PRIu32 ") -> %" PRIu32 " (env depth %" PRIu32 ")\n",
                fb->handlers[i].start, fb->handlers[i].end, fb->handlers[i].handler,
                fb->handlers[i].env_depth);
    fputc('\n', out);
    /* Every nested function is also a direct constant of its parent. */
    for (uint32_t i = 0; i < fb->const_count; i++)
        if (val_is_bytecode(fb->consts[i]))
            dump_function(rt, val_as_bytecode(fb->consts[i]), out, depth + 1);
}

void bytecode_dump(Runtime *rt, FunctionBytecode *fb, FILE *out) {
    dump_function(rt, fb, out, 0);
}
