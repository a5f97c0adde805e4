# Two commands matter: `make` (set up, then build outputs/ from inputs/) and `make test`.
# The virtual environment is created on first use and reinstalled only when requirements.lock
# or pyproject.toml changes; the project itself is installed into it as editable, which puts the
# `plan-pipeline` command in .venv/bin (running this checkout's code and its rules/). The build itself decides what is stale (make cannot cope with spaces in file names).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-lock-and-command
JOBS   ?=

.PHONY: all build compiled test test-fast lint format bench chaos corpus fixtures clean lock help

all: build ## Set up (first run) and build outputs/ from inputs/ (the default)

$(STAMP): requirements.lock pyproject.toml setup.py
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Installing pinned dependencies and the plan-pipeline command into $(VENV)/ (first run only) ..."
	@$(PY) -m pip install --disable-pip-version-check -q -r requirements.lock
	@$(PY) -m pip install --disable-pip-version-check -q --no-deps -e .
	@touch $(STAMP)

build: $(STAMP) compiled ## Build outputs/ from inputs/ (only what changed; JOBS=N to set the workers)
	@$(PY) -m pipeline build inputs outputs $(if $(JOBS),--jobs $(JOBS))

# The suite runs on every core (up to four), a test file per process: a file's module-wide
# fixtures (the hostile-corpus builds) are made once.
PARALLEL := -n auto --maxprocesses 4 --dist loadfile

test: $(STAMP) compiled ## Run the whole test suite (what CI runs)
	@$(PY) -m pytest -q $(PARALLEL)

test-fast: $(STAMP) compiled ## Run the tests, skipping the slow hostile-corpus cases
	@$(PY) -m pytest -q $(PARALLEL) -m "not slow"

lint: $(STAMP) ## ruff check, format check and the type checker (mypy, configured in pyproject.toml)
	@$(PY) -m ruff check pipeline tests bench
	@$(PY) -m ruff format --check pipeline tests bench
	@$(PY) -m mypy

format: $(STAMP) ## Apply ruff formatting
	@$(PY) -m ruff format pipeline tests bench
	@$(PY) -m ruff check --fix pipeline tests bench

bench: $(STAMP) compiled ## Benchmark against the bare libraries (writes bench/results.json)
	@if [ -f bench/run.py ]; then $(PY) bench/run.py; else echo "No benchmark yet (bench/run.py is not there)."; fi

chaos: $(STAMP) compiled ## Kill, interrupt and starve real builds; each must recover byte-identical (minutes; not in make test)
	@$(PY) tests/chaos/run.py $(if $(QUICK),--quick)

corpus: $(STAMP) compiled ## Score the pipeline against the hand-written corpus of plans and guidance (tests/corpus/)
	@$(PY) bench/corpus.py

fixtures: $(STAMP) ## Rebuild the committed test fixtures (needs LibreOffice and Chromium)
	@$(PY) tests/fixtures/build_fixtures.py

lock: ## Re-pin requirements.lock from a fresh venv
	@rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install -q -e '.[dev]' \
	  && .venv-lock/bin/pip freeze --exclude plan-pipeline | sed '1i # Every package the pipeline and its tests run on, pinned. Regenerate with make lock.' > requirements.lock \
	  && rm -rf .venv-lock

clean: ## Remove generated outputs and caches (keeps the virtual environment)
	@rm -rf outputs/*.json outputs/*.xlsx outputs/*.md outputs/*.csv outputs/.manifest.json outputs/.build.log outputs/.hashes.json \
	  outputs/.tmp-* .pytest_cache bench/results.json build *.egg-info
	@find . -name __pycache__ -type d -prune -not -path './.venv/*' -exec rm -rf {} +

# Python keeps the compiled form of each module beside its source only where it may write it
# (not where PYTHONDONTWRITEBYTECODE is set, as on many managed machines): compiled once here, the
# pipeline is not compiled again by every process a build starts. Quick when nothing changed.
compiled: $(STAMP)
	@$(PY) -m compileall -q pipeline >/dev/null || true

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12
