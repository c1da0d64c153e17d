# Thin driver over CMake (CMake is the truth; this only saves typing).
#
#   make                 configure (Release) in build/ and build
#   make test            build, then run the whole test suite (ctest)
#   make asan            Debug build with ASan+UBSan in build-asan/, run ctest
#   make tsan            ThreadSanitizer build in build-tsan/, the threaded tests (warc, cli)
#   make example         build, then extract examples/$(EXAMPLE).html
#   make bench           Release build, then bench/run.py (accuracy + speed)
#   make bench-dedup     Release build, then bench/dedup_bench.py (pith dedup at 100 K and 1 M docs)
#   make bench-peers     pith and its peers on every set, >= 3 rounds: docs/benchmarks.md
#   make install         install into $(PREFIX) (DESTDIR honoured)
#   make clean           remove the build directories
#
# Variables: BUILD_DIR ASAN_DIR BUILD_TYPE PREFIX JOBS CMAKE_FLAGS CTEST_FLAGS
#            EXAMPLE BENCH_ARGS PYTHON  e.g. `make test JOBS=1 BUILD_DIR=/tmp/b`
#            bench-peers: ROUNDS SLOW_ROUNDS SETS SYSTEMS LIMIT REPORT_DIR PEERS_ARGS

BUILD_DIR   ?= build
ASAN_DIR    ?= build-asan
BUILD_TYPE  ?= Release
PREFIX      ?= /usr/local
JOBS        ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE       ?= cmake
CTEST       ?= ctest
CMAKE_FLAGS ?=
CTEST_FLAGS ?= --output-on-failure --no-tests=error
EXAMPLE     ?= news-article
BENCH_ARGS  ?= --all
PYTHON      ?= $(shell command -v /usr/bin/python3 || command -v python3)

# Sanitizer runtime settings for `make asan` (any failure aborts the test).
ASAN_ENV = ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1 \
           UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

.PHONY: all build configure test asan tsan example bench bench-dedup bench-peers install clean fuzz help

all: build

configure:
	$(CMAKE) -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) \
	  -DCMAKE_INSTALL_PREFIX=$(PREFIX) $(CMAKE_FLAGS)

build: configure
	$(CMAKE) --build $(BUILD_DIR) -j $(JOBS)

test: build
	cd $(BUILD_DIR) && $(CTEST) $(CTEST_FLAGS)

asan:
	$(CMAKE) -S . -B $(ASAN_DIR) -DCMAKE_BUILD_TYPE=Debug -DPITH_SANITIZE=ON $(CMAKE_FLAGS)
	$(CMAKE) --build $(ASAN_DIR) -j $(JOBS)
	cd $(ASAN_DIR) && $(ASAN_ENV) $(CTEST) $(CTEST_FLAGS)

# ThreadSanitizer over the warc test (pith warc -j N on generated archives)
tsan:
	$(CMAKE) -S . -B build-tsan -DCMAKE_BUILD_TYPE=Debug -DPITH_TSAN=ON $(CMAKE_FLAGS)
	$(CMAKE) --build build-tsan -j $(JOBS)
	cd build-tsan && TSAN_OPTIONS=halt_on_error=1:exitcode=66 $(CTEST) $(CTEST_FLAGS) -R '^(warc|cli)$$'

example: build
	@test -f examples/$(EXAMPLE).html || \
	  { echo "make example: examples/$(EXAMPLE).html not found (EXAMPLE=name picks another)" >&2; exit 1; }
	$(BUILD_DIR)/pith extract examples/$(EXAMPLE).html

bench:
	$(MAKE) build BUILD_TYPE=Release
	$(PYTHON) bench/run.py --pith $(BUILD_DIR)/pith --out $(BUILD_DIR)/bench $(BENCH_ARGS)

# pith dedup's time and peak RSS on generated corpora (DEDUP_SIZES=100000,1000000)
bench-dedup:
	$(MAKE) build BUILD_TYPE=Release
	$(PYTHON) bench/dedup_bench.py --pith $(BUILD_DIR)/pith --dir $(BUILD_DIR)/bench-dedup \
	  --sizes $(or $(DEDUP_SIZES),100000,1000000)
# pith and its peers side by side (bench/peers/, issue 10): the peers from
# PyPI into a venv under the build directory (remade when requirements.txt
# changes), then every system over every set, ROUNDS times, alternated; the
# report goes to $(REPORT_DIR)/benchmarks.md (+ benchmarks-worst.md, img/).
# SETS / SYSTEMS: comma lists to restrict a quick run (default all); LIMIT=N
# the first N pages of each set; SLOW_ROUNDS: rounds of the slowest peers.
#   make bench-peers ROUNDS=1 SETS=scrapinghub SYSTEMS=pith,resiliparse REPORT_DIR=/tmp/r
ROUNDS      ?= 3
SLOW_ROUNDS ?= $(ROUNDS)
SETS        ?= all
SYSTEMS     ?= all
LIMIT       ?= 0
REPORT_DIR  ?= docs
PEERS_ARGS  ?=
VENV_BENCH  ?= $(BUILD_DIR)/venv-bench
# the command line the report quotes: the variables that differ from the defaults
PEERS_CMD = make bench-peers$(if $(filter-out 3,$(ROUNDS)), ROUNDS=$(ROUNDS))$(if \
  $(filter-out $(ROUNDS),$(SLOW_ROUNDS)), SLOW_ROUNDS=$(SLOW_ROUNDS))$(if $(filter-out all,$(SETS)), \
  SETS=$(SETS))$(if $(filter-out all,$(SYSTEMS)), SYSTEMS=$(SYSTEMS))$(if $(filter-out 0,$(LIMIT)), \
  LIMIT=$(LIMIT))$(if $(filter-out docs,$(REPORT_DIR)), REPORT_DIR=$(REPORT_DIR))$(if $(PEERS_ARGS), \
  PEERS_ARGS='$(PEERS_ARGS)')

$(VENV_BENCH)/.requirements: bench/peers/requirements.txt
	rm -rf $(VENV_BENCH)
	$(PYTHON) -m venv $(VENV_BENCH)
	@# Debian 12's venv pip (23.0) trips over lxml's extras: a current one first
	$(VENV_BENCH)/bin/python -m pip install -q --disable-pip-version-check pip==26.3
	$(VENV_BENCH)/bin/python -m pip install -q --disable-pip-version-check -r bench/peers/requirements.txt
	cp bench/peers/requirements.txt $@

bench-peers:
	$(MAKE) build BUILD_TYPE=Release
	$(MAKE) $(VENV_BENCH)/.requirements
	$(VENV_BENCH)/bin/python bench/peers/run_peers.py --pith $(BUILD_DIR)/pith \
	  --pith-lib $(BUILD_DIR)/pith_lib --libxml2 $(BUILD_DIR)/parse_libxml2 \
	  --python $(VENV_BENCH)/bin/python --out $(BUILD_DIR)/bench-peers \
	  --rounds $(ROUNDS) --slow-rounds $(SLOW_ROUNDS) --sets $(SETS) --systems $(SYSTEMS) \
	  --limit $(LIMIT) --report-dir '$(REPORT_DIR)' --command "$(strip $(PEERS_CMD))" $(PEERS_ARGS)

# After a system install as root the dynamic linker's cache is refreshed so
# that programs linked with -lpith find libpith.so; otherwise say how.
install: build
	DESTDIR="$(DESTDIR)" $(CMAKE) --install $(BUILD_DIR) --prefix $(PREFIX)
	@libdir=$$(sed -n 's/^libdir=//p' $(BUILD_DIR)/pith.pc | sed 's|$${exec_prefix}|$(PREFIX)|;s|$${prefix}|$(PREFIX)|'); \
	known=0; case $$libdir in /lib|/usr/lib|/lib/*-linux-gnu|/usr/lib/*-linux-gnu) known=1 ;; esac; \
	grep -qsx "$$libdir" /etc/ld.so.conf /etc/ld.so.conf.d/*.conf && known=1; \
	if [ -z "$(DESTDIR)" ] && [ $$known = 1 ] && [ "$$(id -u)" = 0 ] && command -v ldconfig >/dev/null 2>&1; then \
	  ldconfig && echo "make install: ran ldconfig, programs linked with -lpith find $$libdir"; \
	else \
	  echo "make install: $$libdir is not on the dynamic loader's path; for programs linked with -lpith"; \
	  echo "  add it to /etc/ld.so.conf.d/ and run ldconfig, or set LD_LIBRARY_PATH=$$libdir"; \
	fi

# libFuzzer targets (fuzz/): built with clang in build-fuzz/ under ASan+UBSan,
# then each run for $(SECONDS) s, one at a time (fuzz/run.sh; findings go to
# build-fuzz/findings/). `make fuzz SECONDS=600 FUZZ_TARGETS="extract gz"`.
fuzz:
	$(CMAKE) -S fuzz -B $(or $(FUZZ_DIR),build-fuzz) -DCMAKE_C_COMPILER=$(or $(FUZZ_CC),clang)
	$(CMAKE) --build $(or $(FUZZ_DIR),build-fuzz) -j $(JOBS)
	fuzz/run.sh $(or $(FUZZ_DIR),build-fuzz) $(or $(SECONDS),60) $(FUZZ_TARGETS)

# Smoke run for CI: build every target, replay fuzz/regressions/, ~20 s each.
.PHONY: fuzz-smoke
fuzz-smoke:
	$(MAKE) fuzz SECONDS=$(or $(SMOKE_SECONDS),20)

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR)

help:
	@sed -n '3,16s/^# \{0,1\}//p' Makefile
