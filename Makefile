# Every target sets itself up: a fresh clone needs only Python 3.11+, git and make.
# The virtualenv is rebuilt only when requirements.lock changes, so a re-run installs nothing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-from-lock
NODE_STAMP := benchmark/node_modules/.installed-from-lock

.PHONY: serve test build bench lock clean

serve: $(STAMP) ## Live preview at http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: $(STAMP) ## Every test: site, links, Pages, browser, lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

build: $(STAMP) ## Build the site into site/ (strict, from mkdocs.yml)
	$(BIN)/mkdocs build --clean

bench: $(STAMP) $(NODE_STAMP) ## Build time, bytes, requests and Lighthouse, beside a default Material site
	$(BIN)/python -m sitekit.benchmark $(BENCH_ARGS)

# Lighthouse for the benchmark only (needs Node.js and npm); the tests do not need Node.
$(NODE_STAMP): benchmark/package-lock.json
	npm ci --prefix benchmark --no-audit --no-fund --ignore-scripts --silent
	touch $@

$(STAMP): requirements.lock
	$(PYTHON) -m venv --clear $(VENV)  # fresh, so a package dropped from the lock is gone
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	touch $@

lock: ## Re-pin requirements.lock from the ranges in pyproject.toml
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet uv==0.13.8
	.venv-lock/bin/uv pip compile pyproject.toml --extra test --generate-hashes --universal \
	  --python-version 3.11 --no-header -q -o requirements.lock

clean:
	rm -rf $(VENV) .venv-lock site .pytest_cache
