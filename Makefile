# gaitlive: the two commands a new machine needs are `make demo` and `make test`.
SWIFT ?= swift
RELEASE_BIN = .build/release/gaitlive

.PHONY: demo test build release clean

## make demo: install what is missing, build, start the demo console (simulated runner).
demo: release
	$(RELEASE_BIN) demo

## make test: install what is missing, build, run every test (unit, end-to-end, console under tmux).
test:
	scripts/ensure-deps test
	$(SWIFT) build -c release --product gaitlive
	$(SWIFT) build --build-tests
	GAITLIVE_BIN=$(CURDIR)/$(RELEASE_BIN) $(SWIFT) test --skip-build --parallel

build:
	scripts/ensure-deps build
	$(SWIFT) build

release:
	scripts/ensure-deps build
	$(SWIFT) build -c release --product gaitlive

clean:
	rm -rf .build
