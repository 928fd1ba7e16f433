# Every target sets itself up: a fresh clone needs only Python 3.11+ (with pip), git and make.
# .venv/ is filled in layers from hash-pinned locks, each a superset of the one before:
#   requirements/site.lock      preview and build (MkDocs, Material, pymdown-extensions, redirects)
#   requirements/zensical.lock  + Zensical, for ENGINE=zensical
#   requirements/test.lock      + everything the tests drive
# A layer is installed when its lock changes and never otherwise, so a re-run installs nothing.
PYTHON   ?= python3
VENV     ?= .venv
ENGINE   ?= mkdocs
SITE_DIR ?= site
BIN      := $(VENV)/bin
# pip from the Python that makes the venv, so the venv itself carries no pip (a smaller preview).
PIP      := $(PYTHON) -m pip --python $(BIN)/python install --quiet --disable-pip-version-check \
            --require-hashes --no-deps --no-compile
LAYER    := $(VENV)/.installed
ENGINE_LAYER := $(if $(filter zensical,$(ENGINE)),$(LAYER)-zensical,$(LAYER)-site)

export ENGINE

.PHONY: serve build test bench lock clean

serve: $(ENGINE_LAYER) ## Live preview at http://127.0.0.1:8000/strategic-alliances/
	$(BIN)/python -m sitebuild serve

build: $(ENGINE_LAYER) ## Build the site into $(SITE_DIR)/, exactly as the deploy does
	$(BIN)/python -m sitebuild build --site-dir $(SITE_DIR)

test: $(LAYER)-test ## Every test; SITE_DIR=site make test checks an existing build instead
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(LAYER)-test benchmark/node_modules/.installed ## Figures beside a default Material site
	$(BIN)/python -m benchmark $(BENCH_ARGS)

$(LAYER)-site: requirements/site.lock
	@$(PYTHON) -m pip --version >/dev/null 2>&1 || \
	  { echo "$(PYTHON) has no pip; install it (Debian/Ubuntu: apt-get install python3-pip python3-venv)"; exit 1; }
	$(PYTHON) -m venv --clear --without-pip $(VENV)  # fresh, so a package dropped from a lock is gone
	$(PIP) -r requirements/site.lock
	touch $@

$(LAYER)-zensical: requirements/zensical.lock $(LAYER)-site
	$(PIP) -r requirements/zensical.lock
	touch $@

$(LAYER)-test: requirements/test.lock $(LAYER)-site
	$(PIP) -r requirements/test.lock
	touch $@

# Lighthouse for the benchmark only (needs Node.js and npm); the tests do not need Node.
benchmark/node_modules/.installed: benchmark/package-lock.json
	npm ci --prefix benchmark --no-audit --no-fund --ignore-scripts --silent
	touch $@

UV_COMPILE = .venv-lock/bin/uv pip compile pyproject.toml --generate-hashes --universal --python-version 3.11 -q
lock: ## Re-pin requirements/*.lock from the ranges in pyproject.toml
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet uv==0.13.8
	$(UV_COMPILE) -o requirements/site.lock
	$(UV_COMPILE) --extra zensical -c requirements/site.lock -o requirements/zensical.lock
	$(UV_COMPILE) --extra test -c requirements/zensical.lock -o requirements/test.lock

clean:
	rm -rf $(VENV) .venv-lock $(SITE_DIR) .cache benchmark/node_modules
