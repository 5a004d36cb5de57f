# The README's commands. `make run` and `make test` install what is missing
# first, so both work on a fresh Debian machine.
JOBS ?= $(shell nproc)
DB ?= pineal.db
PORT ?= 8080

.PHONY: run test build web deps test-deps bench fuzz loadtest clean

run: deps web build
	./build/pineal serve --db $(DB) --port $(PORT) --demo-if-empty

# The browser app, built into web/dist (served by `pineal serve`).
web: deps
	bash scripts/build-web

build: deps
	cmake --preset release
	cmake --build build/release -j $(JOBS)
	ln -sf release/pineal build/pineal

test: test-deps web
	cmake --preset dev
	cmake --build build/dev -j $(JOBS)
	ctest --preset dev

bench: test-deps
	cmake --preset bench
	cmake --build build/bench -j $(JOBS)
	bash scripts/run-benchmarks build/bench

# pineal under wrk next to nginx on loopback (scripts/run-loadtest); see README.
# LOADTEST_DURATION=30 lengthens each phase, LOADTEST_SOAK=300 adds the soak.
loadtest: build
	bash scripts/install-deps --load
	python3 scripts/run-loadtest --binary build/release/pineal

# Each libFuzzer target for FUZZ_RUNS executions (default 10 million); needs clang-14.
fuzz:
	bash scripts/install-deps --fuzz
	bash scripts/run-fuzzers

deps:
	bash scripts/install-deps

test-deps:
	bash scripts/install-deps --test

clean:
	rm -rf build
