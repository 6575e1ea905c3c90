# The two commands a newcomer needs (see README.md), and a few more.
#   make run     set up, build, and start the shell on the shipped datasets
#   make test    set up, build, and run every test (what CI runs); rebuilds the
#                datasets into a temporary folder and compares them with datasets/;
#                then the library's tests again under ThreadSanitizer (make tsan)
#   make bench   Casebook beside DuckDB (on the CSV and on its own database) and
#                polars (on parquet), on the shared benchmark
#   make fuzz    each fuzz target for a minute (make test runs them for 20 s)
#   make tsan    the tests under ThreadSanitizer (built apart, in .build-tsan/)

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test deps testdeps pydeps build release bench datasets fuzz fuzz-long tsan

# libedit-dev (Debian) provides the headers the line editor is built against;
# zlib1g-dev those of zlib, which reads gzip-compressed CSV files (.csv.gz);
# libxlsxwriter-dev the library that writes Excel workbooks (.xlsx); librsvg2-bin
# the rsvg-convert that draws charts saved as PNG.
deps:
	@dpkg -s libedit-dev >/dev/null 2>&1 || { \
	  echo "Installing libedit-dev (the line editor's headers)…"; \
	  $(SUDO) apt-get install -y -qq libedit-dev >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libedit-dev; }; }
	@dpkg -s zlib1g-dev >/dev/null 2>&1 || { \
	  echo "Installing zlib1g-dev (zlib's headers, to read .csv.gz files)…"; \
	  $(SUDO) apt-get install -y -qq zlib1g-dev >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq zlib1g-dev; }; }
	@command -v rsvg-convert >/dev/null 2>&1 || { \
	  echo "Installing librsvg2-bin (draws charts saved as PNG)…"; \
	  $(SUDO) apt-get install -y -qq librsvg2-bin >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq librsvg2-bin; }; }
	@dpkg -s libxlsxwriter-dev >/dev/null 2>&1 || { \
	  echo "Installing libxlsxwriter-dev (writes Excel workbooks)…"; \
	  $(SUDO) apt-get install -y -qq libxlsxwriter-dev >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libxlsxwriter-dev; }; }

# The tests open the HTML reports in headless Chromium, to check what a reader
# would see (no sideways scrolling, every chart drawn, every footnote there).
testdeps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing chromium (the tests open the HTML reports in it, headless)…"; \
	  $(SUDO) apt-get install -y -qq chromium >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }; }

build: deps
	$(SWIFT) build

# The Swift runtime linked into the binary, at a fixed address: a script's
# start-up neither resolves the runtime's symbols in eight shared libraries nor
# relocates 41,000 pointers of its metadata (docs/benchmarks.md: 15 → 7 → 5.5 ms
# to the first result). The price, a main binary without address-space layout
# randomisation, is weighed in docs/reliability.md.
RELEASE_FLAGS = -c release --static-swift-stdlib -Xswiftc -Xclang-linker -Xswiftc -no-pie
release: deps
	$(SWIFT) build $(RELEASE_FLAGS)

run: release
	@exec .build/release/casebook

test: deps testdeps pydeps
	$(SWIFT) build
	$(SWIFT) test
	@scripts/check_datasets.sh
	@set -e; for s in sessions/*.cb; do [ -e "$$s" ] && .build/debug/casebook check "$$s"; done; true
	Fuzz/run.sh 20
	$(MAKE) tsan

# The test suite under ThreadSanitizer (docs/reliability.md): the CSV reader,
# file reads and quantiles share work between threads (Concurrency/WorkerSlots.swift).
# Built in .build-tsan/ so that it leaves the normal build alone. By default the
# library's suites: the binary and pseudo-terminal suites run the executable
# hundreds of times (instrumented, several times slower) and share no threads
# the library does not; the 200-level nesting cases overflow a test thread's
# stack once each frame carries the sanitizer's instrumentation. TSAN_FILTER
# picks other suites, e.g. TSAN_FILTER="--filter CSV".
TSAN_FILTER ?= --filter CasebookCoreTests --skip "BadInputTests|deepNesting|deepestAcceptedNesting"
tsan: deps pydeps
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 $${TSAN_OPTIONS:-}" \
	  $(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan $(TSAN_FILTER)

# The fuzzers (Fuzz/, docs/reliability.md): a minute each, or ten million executions each.
fuzz:
	Fuzz/run.sh 60

fuzz-long:
	Fuzz/run.sh long

bench: release
	bench/run.sh

# pyarrow reads LAIT's parquet file when the datasets are rebuilt (build time
# only) and in the tests that check the shipped figures against that file;
# openpyxl reads back, in the tests, the Excel workbooks Casebook writes.
pydeps:
	@python3 -c 'import pyarrow' 2>/dev/null || { \
	  echo "Installing pyarrow (reads LAIT's parquet file when the datasets are rebuilt)…"; \
	  python3 -m pip install -q pyarrow; }
	@python3 -c 'import openpyxl' 2>/dev/null || { \
	  echo "Installing openpyxl (the tests read the workbooks Casebook writes back with it)…"; \
	  python3 -m pip install -q openpyxl 2>/dev/null || python3 -m pip install -q --break-system-packages openpyxl; }

datasets: pydeps
	python3 scripts/build_datasets.py
