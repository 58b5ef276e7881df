# daicho: `make run` starts the program, `make test` runs every test.
SWIFT ?= swift
SWIFT_FLAGS ?=
export LANG := C.UTF-8
export LC_ALL := C.UTF-8

.PHONY: all build run test test-unit test-e2e test-install test-fuzz deps bench fuzz clean install uninstall install-binary

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
	$(MAKE) test-install
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
# libxlsxwriter-dev: the .xlsx export (Sources/CXlsxwriter, linked with zlib).
APT_GET = apt-get -o DPkg::Lock::Timeout=600
DEB_PACKAGES = libxlsxwriter-dev libcairo2-dev libpango1.0-dev libzint-dev fonts-ipaexfont-gothic fonts-ipaexfont-mincho poppler-utils zbar-tools
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

# Installed for a unit (README "Installing for a unit"), as root: a service account that alone owns
# the data directory, a root-owned configuration naming it and the time zone, and the daicho
# executable set-user-ID to that account, linked with the Swift standard library inside it
# (--static-swift-stdlib: it runs without the toolchain). PREFIX and DESTDIR are honoured; the
# configuration is /etc/daicho/daicho.conf for PREFIX /usr or /usr/local, else PREFIX/etc/daicho
# (the executable looks for it by the same rule, Sources/daicho/Installed.swift).
PREFIX ?= /usr/local
DESTDIR ?=
DAICHO_USER ?= daicho
SYSCONFDIR ?= $(if $(filter /usr /usr/local,$(PREFIX)),/etc,$(PREFIX)/etc)
DATADIR ?= $(if $(filter /usr /usr/local,$(PREFIX)),/var/lib/daicho,$(PREFIX)/var/lib/daicho)
TIME_ZONE ?= $(shell cat /etc/timezone 2>/dev/null || (readlink /etc/localtime 2>/dev/null | sed 's|.*/zoneinfo/||') || echo UTC)
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
SYSUSERSDIR = $(PREFIX)/lib/sysusers.d
# The release build for installing has its own scratch path, so it is built once and then cached.
INSTALL_SCRATCH ?= .build-install
INSTALL_BUILD = $(SWIFT) build -c release --static-swift-stdlib --scratch-path $(INSTALL_SCRATCH) --product daicho
# The executable installed: the static release build unless INSTALL_BIN names another.
INSTALL_BIN ?=

install-binary:
	$(INSTALL_BUILD)

install: $(if $(INSTALL_BIN),,install-binary)
	@test "$$(id -u)" = 0 || { echo "make install: run as root (sudo make install)"; exit 1; }
	@# The service account: from its sysusers.d definition, or useradd where systemd-sysusers is absent.
	install -d -m 0755 $(DESTDIR)$(SYSUSERSDIR)
	sed -e 's|@DAICHO_USER@|$(DAICHO_USER)|g' -e 's|@DATADIR@|$(DATADIR)|g' Resources/daicho.sysusers > $(DESTDIR)$(SYSUSERSDIR)/$(DAICHO_USER).conf
	chmod 0644 $(DESTDIR)$(SYSUSERSDIR)/$(DAICHO_USER).conf
	@if ! getent passwd $(DAICHO_USER) >/dev/null; then \
	  if command -v systemd-sysusers >/dev/null 2>&1; then systemd-sysusers $(DESTDIR)$(SYSUSERSDIR)/$(DAICHO_USER).conf; \
	  else useradd --system --user-group --no-create-home --home-dir $(DATADIR) --shell /usr/sbin/nologin \
	         --comment "daicho ledger service" $(DAICHO_USER); fi; \
	fi
	@# The data directory: the service account's alone. Kept as it is when it exists (the data stays).
	@if [ ! -d $(DESTDIR)$(DATADIR) ]; then \
	  install -d -m 0755 $$(dirname $(DESTDIR)$(DATADIR)) && \
	  install -d -m 0700 -o $(DAICHO_USER) -g $$(id -gn $(DAICHO_USER)) $(DESTDIR)$(DATADIR); fi
	@# The configuration: root-owned, read by everyone, written by root alone; an existing one is kept.
	install -d -m 0755 -o root -g root $(DESTDIR)$(SYSCONFDIR)/daicho
	@if [ -e $(DESTDIR)$(SYSCONFDIR)/daicho/daicho.conf ]; then echo "keeping $(DESTDIR)$(SYSCONFDIR)/daicho/daicho.conf"; else \
	  sed -e 's|@DATADIR@|$(DATADIR)|g' -e 's|@TIME_ZONE@|$(TIME_ZONE)|g' -e 's|@DAICHO_USER@|$(DAICHO_USER)|g' \
	    Resources/daicho.conf.in > $(DESTDIR)$(SYSCONFDIR)/daicho/daicho.conf.new && \
	  chown root:root $(DESTDIR)$(SYSCONFDIR)/daicho/daicho.conf.new && chmod 0644 $(DESTDIR)$(SYSCONFDIR)/daicho/daicho.conf.new && \
	  mv $(DESTDIR)$(SYSCONFDIR)/daicho/daicho.conf.new $(DESTDIR)$(SYSCONFDIR)/daicho/daicho.conf; fi
	@# The executable, set-user-ID to the service account (stripped: the symbols are not needed to run).
	install -d -m 0755 $(DESTDIR)$(BINDIR)
	install -s -o $(DAICHO_USER) -g root -m 4755 $(or $(INSTALL_BIN),$(INSTALL_SCRATCH)/release/daicho) $(DESTDIR)$(BINDIR)/daicho
	@# Its data files (label sheets), found next to the executable (Bundle.module), root-owned.
	rm -rf $(DESTDIR)$(BINDIR)/daicho_DaichoResources.resources
	cp -R $(dir $(or $(INSTALL_BIN),$(INSTALL_SCRATCH)/release/daicho))daicho_DaichoResources.resources $(DESTDIR)$(BINDIR)/
	chown -R root:root $(DESTDIR)$(BINDIR)/daicho_DaichoResources.resources
	chmod -R u=rwX,go=rX $(DESTDIR)$(BINDIR)/daicho_DaichoResources.resources
	install -d -m 0755 $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/ja/man1
	install -m 0644 Resources/daicho.1 $(DESTDIR)$(MANDIR)/man1/daicho.1
	install -m 0644 Resources/daicho.ja.1 $(DESTDIR)$(MANDIR)/ja/man1/daicho.1
	@echo "installed $(DESTDIR)$(BINDIR)/daicho (set-user-ID $(DAICHO_USER)); data $(DATADIR); configuration $(SYSCONFDIR)/daicho/daicho.conf"

# The program only: the data directory, its account and the configuration stay.
uninstall:
	rm -rf $(DESTDIR)$(BINDIR)/daicho_DaichoResources.resources
	rm -f $(DESTDIR)$(BINDIR)/daicho $(DESTDIR)$(MANDIR)/man1/daicho.1 $(DESTDIR)$(MANDIR)/ja/man1/daicho.1 \
	  $(DESTDIR)$(SYSUSERSDIR)/$(DAICHO_USER).conf
	@echo "removed the program; kept the data $(DESTDIR)$(DATADIR), the account $(DAICHO_USER) and $(DESTDIR)$(SYSCONFDIR)/daicho/daicho.conf"

# Installed mode end to end with real operating-system users (as root; Tests/e2e/installed.sh):
# the release build is made once into $(INSTALL_SCRATCH) and reused.
test-install: deps install-binary
	bash Tests/e2e/installed.sh

clean:
	rm -rf .build
