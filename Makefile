# The project's verbs. Each target does its own set-up; scripts/ holds the longer ones.
SWIFT ?= swift
BUILD_FLAGS ?= --explicit-target-dependency-import-check error
PREFIX ?= /usr/local
SCRATCH ?= .build

.PHONY: demo test bench format lint install uninstall build

build:                 ## Build the tool (debug).
	$(SWIFT) build $(BUILD_FLAGS)

demo:                  ## Start the simulator with the sample data and run the pipeline against it.
	bash scripts/demo.sh

# Tests run one at a time: many start a real simulator or the binary, and on two cores parallel tests starve the
# concurrency pool the in-process simulator answers on.
test:                  ## Build everything and run every test (unit, loopback simulator, end to end).
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	$(SWIFT) test --skip-build --no-parallel

bench:                 ## Run the benchmarks and write bench-results/results.md.
	bash scripts/bench.sh

format:                ## Format the sources with the committed .swift-format.
	$(SWIFT) format --in-place --recursive --parallel Package.swift Sources Tests

lint:                  ## Check formatting without changing files.
	$(SWIFT) format lint --strict --recursive --parallel Package.swift Sources Tests

# Installs bin/syncro-fusion, share/man/man1/syncro-fusion.1 (generate-manual plugin) and the bash, zsh and fish
# completions; SCRATCH is the build directory (make install SCRATCH=.build-other PREFIX=$HOME/.local).
install:               ## Build a release binary; install it, its man page and shell completions under $(PREFIX).
	SWIFT="$(SWIFT)" BUILD_FLAGS="$(BUILD_FLAGS)" SCRATCH="$(SCRATCH)" bash scripts/install.sh install "$(PREFIX)"

uninstall:             ## Remove exactly the five files make install put under $(PREFIX).
	bash scripts/install.sh uninstall "$(PREFIX)"
