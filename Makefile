# The README's commands. `make run` and `make test` install what is missing
# first, so both work on a fresh Debian machine.
JOBS ?= $(shell nproc)
DB ?= pineal.db
PORT ?= 8080

.PHONY: run test build deps test-deps bench clean

run: deps build
	./build/pineal serve --db $(DB) --port $(PORT) --demo-if-empty

build: deps
	cmake --preset release
	cmake --build build/release -j $(JOBS)
	ln -sf release/pineal build/pineal

test: test-deps
	cmake --preset dev
	cmake --build build/dev -j $(JOBS)
	ctest --preset dev

bench: test-deps
	cmake --preset bench
	cmake --build build/bench -j $(JOBS)
	bash scripts/run-benchmarks build/bench

deps:
	bash scripts/install-deps

test-deps:
	bash scripts/install-deps --test

clean:
	rm -rf build
