# runbook — build, test and demo on Debian. `make demo` and `make test` install what is missing first.

DEB_PACKAGES := libncurses-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libvterm-dev tmux cmark-gfm asciinema
SWIFT ?= swift
BIN := .build/debug/runbook

.PHONY: deps build release test demo bench clean

## deps: install missing Debian packages (as root), or print the one apt-get line to run.
deps:
	@missing=""; \
	for pkg in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' "$$pkg" 2>/dev/null | grep -q '^install ok installed$$' || missing="$$missing $$pkg"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" -eq 0 ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	else \
	  echo "Missing Debian packages. Run this once, then make again:" >&2; \
	  echo "  sudo apt-get install -y$$missing" >&2; \
	  exit 1; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "swift is not on PATH (Swift 6 toolchain needed, e.g. /opt/swift/usr/bin)" >&2; exit 1; }

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

test: deps
	$(SWIFT) test

## demo: build, then play the demo playbook (it only touches a sandbox under /tmp). Without a terminal
## (CI, a pipe) it prints the outline and runs the commands non-interactively instead.
DEMO_VARS := --var INCIDENT_ID=DEMO-1 --var reason="error rate above 5% after deploy"
demo: build
	@if [ -t 0 ] && [ -t 1 ]; then \
	  $(BIN) play playbooks/demo.md $(DEMO_VARS); \
	else \
	  $(BIN) check playbooks/demo.md && $(BIN) run playbooks/demo.md $(DEMO_VARS); \
	fi

bench: release
	bash bench/parse.sh
	bash bench/flood.sh
	bash bench/replay.sh

clean:
	rm -rf .build
