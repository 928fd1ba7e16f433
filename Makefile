# Every target sets itself up (a fresh clone needs only Python 3.11+ with pip, git and make): .venv/
# gets uv.lock in layers, each target asking for what it needs. A re-run installs nothing.
PYTHON   ?= python3
VENV     ?= .venv
SITE_DIR ?= site
DEV_ADDR ?= 127.0.0.1:8000
BIN      := $(VENV)/bin
UV       := .uv/bin/uv
LAYER    := $(VENV)/.layer

# Bytecode at install; the machine's certificates, as pip and git use (behind a proxy with its own
# CA, uv's bundled roots fail); no MkDocs 2.0 banner.
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_COMPILE_BYTECODE := 1
export UV_PYTHON_DOWNLOADS := never
export UV_SYSTEM_CERTS := 1
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test bench lock clean

serve: $(LAYER)-site ## Live preview at http://$(DEV_ADDR)/strategic-alliances/
	$(BIN)/mkdocs serve --dev-addr $(DEV_ADDR)

build: $(LAYER)-build ## The site into $(SITE_DIR)/, as the deploy builds it, and its PDF edition
	$(BIN)/mkdocs build --site-dir $(SITE_DIR)
	$(BIN)/python pdf_edition.py $(SITE_DIR)

test: $(LAYER)-test ## Every test; SITE_DIR=site make test checks an existing build instead
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(LAYER)-test ## Build time and page weight beside a default Material site
	$(BIN)/python -m benchmark

# A layer adds its group to those .venv already holds (.venv/.groups) and syncs .venv to exactly
# that union: no layer removes another's packages, and a package dropped from the lock is removed.
$(LAYER)-%: uv.lock pyproject.toml $(UV)
	@groups="$$(printf '%s\n' $$(cat $(VENV)/.groups 2>/dev/null) $(filter-out site,$*) | sort -u | xargs)"; \
	$(UV) sync --locked --no-default-groups --quiet --python $(PYTHON) $$(for group in $$groups; do echo --group $$group; done) && \
	echo "$$groups" > $(VENV)/.groups
	touch $@

# uv itself, pinned in uv.lock (group uv), installed by pip and checked against the lock's hashes.
define UV_REQUIREMENT
import tomllib
uv = next(p for p in tomllib.load(open("uv.lock", "rb"))["package"] if p["name"] == "uv")
hashes = [w["hash"] for w in uv["wheels"]] + ([uv["sdist"]["hash"]] if "sdist" in uv else [])
print(f"uv=={uv['version']}", *(f"--hash={h}" for h in hashes))
endef
export UV_REQUIREMENT

$(UV): uv.lock
	@$(PYTHON) -m pip --version >/dev/null 2>&1 || \
	  { echo "$(PYTHON) has no pip; install it (Debian/Ubuntu: apt-get install python3-pip python3-venv)"; exit 1; }
	@mkdir -p .uv && $(PYTHON) -c "$$UV_REQUIREMENT" > .uv/requirement.txt
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
	  --upgrade --target .uv -r .uv/requirement.txt
	touch $@

lock: $(UV) ## Re-lock after editing pyproject.toml; UPGRADE=1 takes every newest allowed release
	$(UV) lock $(if $(UPGRADE),--upgrade)

clean: ## The environments, and SITE_DIR only if it holds a build (never the project: SITE_DIR=.)
	rm -rf $(VENV) .uv .cache
	if [ -f "$(SITE_DIR)/index.html" ]; then rm -rf "$(SITE_DIR)"; fi
