# A thin wrapper over CMake: installs dependencies, configures, builds, runs.
#   make demo   - the news pipeline on the example articles, as a readable report
#   make test   - every test (sanitizer build first, then the regular build)
#   make bench  - throughput benchmarks (see bench/README.md)
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: all deps build demo test test-asan test-fast fuzz-smoke bench install clean

all: build

deps:
	@scripts/deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j$(JOBS) -- --no-print-directory

demo: build
	$(BUILD)/tpipe run pipelines/news.yaml examples/articles --format text

# Fuzz smoke and the sanitizer configuration run first, so that the last
# summary line is the regular build's.
test: deps fuzz-smoke test-asan test-fast

test-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DTPIPE_SANITIZE=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(ASAN_BUILD) -j$(JOBS) -- --no-print-directory
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j$(JOBS)

test-fast: build
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS)

# Each libFuzzer target for 30 seconds (scripts/fuzz.sh for longer runs).
fuzz-smoke: deps
	scripts/fuzz.sh 30

bench: build
	bench/run.sh $(BUILD)

install: build
	cmake --install $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-fuzz
