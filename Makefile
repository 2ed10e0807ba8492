# Thin fronts for the project's commands. Each target sets itself up: on a fresh machine
# `make serve`, `make check` and `make test` create the virtual environment from the
# hash-locked requirements first. Override the interpreter with `make PYTHON=python3.11 ...`.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# What to install: everything the tests need (requirements.lock), or with
# LOCK=requirements-build.lock only what `make build` runs (CI's build-and-deploy job).
LOCK   ?= requirements.lock
STAMP  := $(VENV)/.installed-$(shell cat $(LOCK) pyproject.toml 2>/dev/null | cksum | cut -d' ' -f1)
HOST   ?= 127.0.0.1:8000
# Material 9.8 prints a banner on every run announcing its own end of life (5 May 2027) and its
# successor; the variable that silences it is named after MkDocs 2. Known and planned for (README,
# "Platform"): no need to read it on every build.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test check new schema install build lock clean

$(STAMP): $(LOCK) pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-* && touch $@

## Add a record to fill in: make new participant "Jamieson Greer" [ID=jamieson-greer-ustr]
# The words after `new` are its arguments, not targets. While `new` is the first goal it is the
# only target here, and a rule that does nothing stands for every other word (so the words of
# `make new topic "Export test"` build nothing). Make splits the name at spaces and drops the
# quotes: the words are joined again, and a quote in them escaped for the shell.
ifeq (new,$(firstword $(MAKECMDGOALS)))
NEW_WORDS := $(wordlist 2,$(words $(MAKECMDGOALS)),$(MAKECMDGOALS))
NEW_NAME  := $(subst ','\'',$(wordlist 2,$(words $(NEW_WORDS)),$(NEW_WORDS)))
new: $(STAMP)
	@$(BIN)/tradetalks new $(firstword $(NEW_WORDS)) '$(NEW_NAME)' $(if $(ID),--id '$(ID)')
%: ; @:
else

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

## Check the data only (fast): every problem, with file:line:col [CHECK_ARGS=--strict]
check: $(STAMP)
	@$(BIN)/tradetalks check data $(CHECK_ARGS)

new: $(STAMP)
	@$(BIN)/tradetalks new --help

## Rewrite the JSON Schemas in data/schema/ that editors' autocomplete reads [SCHEMA_ARGS=--check]
schema: $(STAMP)
	@$(BIN)/tradetalks schema data $(SCHEMA_ARGS)

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

## Re-pin every dependency with hashes (needs the package index), then cut the build's lock
lock: $(STAMP)
	$(BIN)/python -m pip install --disable-pip-version-check uv
	$(BIN)/uv pip compile --python-version 3.11 --generate-hashes -q $(LOCK_ARGS) requirements-dev.in -o requirements.lock
	$(BIN)/python tools/build_lock.py

clean:
	rm -rf site .site-build.* $(VENV) .pytest_cache node_modules

endif
