# The two commands a newcomer needs (see README.md), and a few more.
#   make run     set up, build, and start the shell on the shipped datasets
#   make test    set up, build, and run every test (what CI runs); rebuilds the
#                datasets into a temporary folder and compares them with datasets/
#   make bench   Casebook beside the DuckDB shell on the shared benchmark
#   make fuzz    each fuzz target for a minute (make test runs them for 20 s)

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test deps testdeps pydeps build release bench datasets fuzz fuzz-long

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

release: deps
	$(SWIFT) build -c release

run: release
	@exec .build/release/casebook

test: deps testdeps pydeps
	$(SWIFT) build
	$(SWIFT) test
	@scripts/check_datasets.sh
	@set -e; for s in sessions/*.cb; do [ -e "$$s" ] && .build/debug/casebook check "$$s"; done; true
	Fuzz/run.sh 20

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
