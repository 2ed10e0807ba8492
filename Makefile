# Thin fronts for the project's commands. Each target sets itself up: on a fresh machine
# `make serve` and `make test` create the virtual environment from the hash-locked
# requirements first. Override the interpreter with `make PYTHON=python3.11 ...`.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
HOST   ?= 127.0.0.1:8000
# Material 9.8 prints a long banner about MkDocs 2 on every run; the pin to mkdocs 1.x is deliberate.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test check install build lock clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-* && touch $@

# MkDocs reads mkdocs.yml with PyYAML's unsafe loader: a Python tag in it would run code. Every
# target that lets MkDocs read the file checks it first (tools/check_config.py only parses it).
CHECK_CONFIG := $(BIN)/python tools/check_config.py mkdocs.yml

## Build the site from data/ and serve it with live reload at http://$(HOST)
# --dirty: after the first build, a save rebuilds only the pages that show a changed record.
serve: $(STAMP)
	@$(CHECK_CONFIG)
	$(BIN)/mkdocs serve --dirty --dev-addr $(HOST)

# Node tools of the browser suite (axe-core, the Nu HTML Checker), exact versions from
# package-lock.json. --ignore-scripts: vnu-jar's postinstall only looks for a Java runtime.
NODE_STAMP := node_modules/.installed-$(shell cat package-lock.json 2>/dev/null | cksum | cut -d' ' -f1)
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

## Run the whole test suite
test: $(STAMP) $(NODE_STAMP)
	@$(CHECK_CONFIG)
	$(BIN)/python -m pytest

## Check the data only (fast): every problem, with file:line:col
check: $(STAMP)
	$(BIN)/python -m tradetalks check data

## Install the hash-locked dependencies and this package into $(VENV) (CI's setup step)
install: $(STAMP)

## Strict, reproducible build into site/, scanned (scripts, handlers, URLs) before it is kept
# Built in a fresh directory and moved into place only on success: a failed build leaves no site/.
build: $(STAMP)
	@$(CHECK_CONFIG)
	@rm -rf site && tmp=$$(mktemp -d .site-build.XXXXXX) && \
	if SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || echo 0)} \
	  $(BIN)/mkdocs build --strict -d "$$tmp/site" && \
	  $(BIN)/python tools/scan_site.py "$$tmp/site" --site-url "$${SITE_URL:-http://127.0.0.1:8000/}"; \
	then mv "$$tmp/site" site && rmdir "$$tmp"; \
	else rm -rf "$$tmp"; echo "build failed: no site/ was written" >&2; exit 1; fi

## Re-pin every dependency with hashes (needs network access to the package index)
lock: $(STAMP)
	$(BIN)/python -m pip install --disable-pip-version-check uv
	$(BIN)/uv pip compile --python-version 3.11 --generate-hashes -q requirements-dev.in -o requirements.lock

clean:
	rm -rf site .site-build.* $(VENV) .pytest_cache node_modules
