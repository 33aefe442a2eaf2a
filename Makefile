# Mica — build. `make` builds build/mica and build/libmica.a; `make test` runs
# every test; `make SAN=1` builds with ASan+UBSan into build-san/.
CC      ?= cc
SAN     ?= 0
ifeq ($(SAN),1)
BUILD   ?= build-san
OPT     ?= -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
LDSAN   := -fsanitize=address,undefined
else
BUILD   ?= build
OPT     ?= -O2 -g
LDSAN   :=
endif
CFLAGS  ?=
CFLAGS  += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wno-unused-parameter $(OPT) -Iinclude -Isrc -MMD -MP
LDLIBS  += -lm

LIB_SRC  := $(wildcard src/util/*.c src/gc/*.c src/vm/*.c src/compiler/*.c src/regexp/*.c src/builtins/*.c)
HOST_SRC := $(wildcard src/host/*.c)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
T262_SRC := $(wildcard tools/test262/*.c) src/host/host262.c

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
HOST_OBJ := $(HOST_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
T262_OBJ := $(T262_SRC:%.c=$(BUILD)/obj/%.o)

.PHONY: all test unit test262 test262-update bench libs clean check-generated

all: $(BUILD)/mica $(BUILD)/libmica.a

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/libmica.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/mica: $(HOST_OBJ) $(BUILD)/libmica.a
	$(CC) $(LDSAN) -o $@ $(HOST_OBJ) $(BUILD)/libmica.a $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libmica.a tests/unit/test.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/unit -o $@ $< $(BUILD)/libmica.a $(LDSAN) $(LDLIBS)

$(BUILD)/mica-test262: $(T262_OBJ) $(BUILD)/libmica.a
	$(CC) $(LDSAN) -o $@ $(T262_OBJ) $(BUILD)/libmica.a $(LDLIBS)

# Unit tests: every tests/unit/test_*.c program, the JS tests, and the check
# that generated tables still match their generator (needs node).
unit: $(UNIT_BIN) $(BUILD)/mica
	@fail=0; for t in $(UNIT_BIN); do $$t || fail=1; done; \
	 tools/run-js-tests.sh $(BUILD)/mica || fail=1; \
	 if command -v node >/dev/null 2>&1; then tools/unicode/check.sh --drift || fail=1; \
	 else echo "node not found: skipping the Unicode table drift check"; fi; \
	 exit $$fail

TEST262_DIR ?= ../shared/test262
test: unit
	@if [ -d "$(TEST262_DIR)/test" ]; then \
	   $(MAKE) --no-print-directory test262; \
	 else \
	   echo "test262 not found at $(TEST262_DIR): unit tests only."; \
	   echo "Point TEST262_DIR at a test262 checkout to run the conformance suite."; \
	 fi

test262: $(BUILD)/mica-test262
	$(BUILD)/mica-test262 --dir $(TEST262_DIR) --expect tests/test262/expected-failures.txt --report-dir $(BUILD)/test262 $(T262_ARGS)

test262-update: $(BUILD)/mica-test262
	$(BUILD)/mica-test262 --dir $(TEST262_DIR) --expect tests/test262/expected-failures.txt --update --report-dir $(BUILD)/test262 $(T262_ARGS)

bench: $(BUILD)/mica
	tools/bench/run.sh $(BUILD)/mica

# Real-world libraries from npm (pinned in tools/libs/package-lock.json) run
# as plain scripts under mica and node, outputs compared byte for byte.
# Needs node and npm (and the registry, the first time); installs into
# $(BUILD)/libs. Not part of `make test`.
libs: $(BUILD)/mica
	LIBS_DIR=$(abspath $(BUILD))/libs tools/libs/run.sh $(BUILD)/mica

clean:
	rm -rf build build-san

-include $(LIB_OBJ:.o=.d) $(HOST_OBJ:.o=.d) $(T262_OBJ:.o=.d)
