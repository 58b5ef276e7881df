# daicho: `make run` starts the program, `make test` runs every test.
SWIFT ?= swift
SWIFT_FLAGS ?=
export LANG := C.UTF-8
export LC_ALL := C.UTF-8

.PHONY: all build run test test-unit test-e2e test-fuzz deps bench fuzz clean

all: build

build: deps
	$(SWIFT) build $(SWIFT_FLAGS) --product daicho

# Starts the terminal screens on the default data directory (or DAICHO_DATA).
run: build
	@$$($(SWIFT) build $(SWIFT_FLAGS) --show-bin-path)/daicho $(ARGS)

# Everything CI runs: unit, snapshot, CLI and end-to-end tests.
test: deps build
	$(SWIFT) build $(SWIFT_FLAGS) --build-tests
	$(SWIFT) test $(SWIFT_FLAGS) --skip-build --disable-swift-testing
	$(MAKE) test-e2e
	$(MAKE) test-fuzz

# libFuzzer on the journal reader, bounded (the first run builds it, then it is cached in $(FUZZ_SCRATCH)).
test-fuzz:
	$(FUZZ_BUILD)
	mkdir -p $(FUZZ_SCRATCH)/corpus-test
	$(FUZZ_SCRATCH)/debug/daicho-fuzz -max_total_time=15 -max_len=8192 -seed=1 -artifact_prefix=$(FUZZ_SCRATCH)/ \
	  $(FUZZ_SCRATCH)/corpus-test Tests/fuzz-seeds

# End-to-end tests drive the real binary in tmux.
test-e2e: deps build
	DAICHO_BIN=$$($(SWIFT) build $(SWIFT_FLAGS) --show-bin-path)/daicho bash Tests/e2e/run.sh

# What the build and the tests need from Debian, each installed only if missing: tmux and python3
# (end-to-end tests); cairo and pango (PDF drawing and text layout), libzint (barcodes), the IPAex
# Japanese fonts (build of DaichoPDF, and every PDF); poppler-utils and zbar-tools (the PDF tests
# read the text back, render the pages and decode the barcodes).
APT_GET = apt-get -o DPkg::Lock::Timeout=600
DEB_PACKAGES = libcairo2-dev libpango1.0-dev libzint-dev fonts-ipaexfont-gothic fonts-ipaexfont-mincho poppler-utils zbar-tools
deps:
	@command -v tmux >/dev/null 2>&1 || { \
	  echo "installing tmux"; \
	  ($(APT_GET) update -qq && $(APT_GET) install -y -qq tmux) >/dev/null || \
	  { echo "tmux is needed for the end-to-end tests: apt-get install tmux"; exit 1; }; }
	@command -v python3 >/dev/null 2>&1 || { \
	  echo "installing python3"; \
	  ($(APT_GET) update -qq && $(APT_GET) install -y -qq python3-minimal) >/dev/null || \
	  { echo "python3 is needed for the end-to-end tests: apt-get install python3-minimal"; exit 1; }; }
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing" $$missing; \
	  ($(APT_GET) update -qq && $(APT_GET) install -y -qq $$missing) >/dev/null || \
	  { echo "needed for the PDF forms and their tests: apt-get install" $$missing; exit 1; }; \
	fi

# libFuzzer on the journal reader for FUZZ_SECONDS, then the seeded mutation test for as long with a
# fresh seed, and every bit flip and cut offset of the abuse tests (they run bounded in `make test`).
FUZZ_SECONDS ?= 300
FUZZ_SCRATCH ?= .build-fuzz
# (--export-dynamic: the entry point finds libFuzzer's driver, see Sources/daicho-fuzz.)
FUZZ_BUILD = $(SWIFT) build --scratch-path $(FUZZ_SCRATCH) -Xswiftc -sanitize=fuzzer -Xswiftc -DDAICHO_LIBFUZZER \
	-Xlinker --export-dynamic --product daicho-fuzz
fuzz:
	$(FUZZ_BUILD)
	mkdir -p $(FUZZ_SCRATCH)/corpus
	$(FUZZ_SCRATCH)/debug/daicho-fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -artifact_prefix=$(FUZZ_SCRATCH)/ \
	  $(FUZZ_SCRATCH)/corpus Tests/fuzz-seeds
	$(SWIFT) build --build-tests
	DAICHO_FUZZ_SECONDS=$(FUZZ_SECONDS) DAICHO_FUZZ_SEED=$$(date +%s) DAICHO_ABUSE_FULL=1 \
	  $(SWIFT) test --skip-build --disable-swift-testing --filter 'JournalFuzzTests|CutAndFlipTests'

# The benchmark (not part of `make test`): release builds of daicho and daicho-bench, journals of
# 10 000, 100 000 and 1 000 000 records generated once into .build/bench-data, the table written to
# bench/RESULTS.md. BENCH_ARGS narrows it, e.g. `make bench BENCH_ARGS="--runs 3 100000"`.
BENCH_ARGS ?=
bench: deps
	@command -v sqlite3 >/dev/null 2>&1 || python3 -c 'import sqlite3' 2>/dev/null || { \
	  echo "installing python3 (sqlite3 module) for the sqlite3 peer"; \
	  (apt-get update -qq && apt-get install -y -qq python3) >/dev/null; }
	$(SWIFT) build -c release --product daicho
	$(SWIFT) build -c release --product daicho-bench
	$$($(SWIFT) build -c release --show-bin-path)/daicho-bench $(BENCH_ARGS)

clean:
	rm -rf .build
