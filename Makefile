# The whole command surface of the #LeaveX publication. `make help` lists every target.

# -- Settings you can override on the command line ---------------------------
LANGUAGES   ?=
JOBS        ?= $(shell nproc 2>/dev/null || echo 2)
PYTHON      ?= python3
VENV        ?= .venv
PYTEST_ARGS ?=

BIN   := $(VENV)/bin
PY    := $(BIN)/python
READY := $(VENV)/.ready

.DEFAULT_GOAL := all
.PHONY: help all html pdf gettext update-po add-language check-po stats serve preview test \
        test-fast lint benchmark setup system-build system-test clean

help:  ## List every target
	@echo 'Usage: make [target] [LANGUAGES="fr ar"] [JOBS=n] [PAPER=letter]'
	@echo
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  \1\t\2/' | expand -t 20

# One recipe builds the editions; each target says which.
all: FORMATS := pdf,html  ## Build every edition (HTML and PDF) of every language into build/site/ (default)
html: FORMATS := html  ## Build the HTML site only (LANGUAGES="fr ar" for some)
pdf: FORMATS := pdf  ## Build the print editions only (PAPER=letter for US letter paper)
all html pdf: setup
	$(PY) -m tools.build --formats $(FORMATS) --languages "$(LANGUAGES)" --jobs $(JOBS)

gettext: setup  ## Extract the translation templates (.pot) into build/gettext/
	$(PY) -m tools.extract

update-po: gettext  ## Update the catalogs (LANGUAGES=... for some) from the templates: changes become fuzzy
	$(PY) -m tools.update_catalogs --languages "$(LANGUAGES)"

add-language: gettext  ## Enrol a language: make add-language LANGUAGES=xx (table row and catalogs)
	$(PY) -m tools.add_language --languages "$(LANGUAGES)"

check-po: setup  ## Check every catalog (or LANGUAGES=...): syntax, markup, links, unsafe HTML
	$(PY) -m tools.check_po --languages "$(LANGUAGES)"

stats: setup  ## Print translation progress, language x document
	$(PY) -m tools.stats --languages "$(LANGUAGES)"

serve: setup  ## Preview one language live while you translate: make serve LANGUAGES=xx
	$(PY) -m tools.serve --languages "$(LANGUAGES)"

preview: setup  ## Serve build/site/ as production would (compressed, 404 page, headers): PORT=8000
	$(PY) -m tools.preview --port $(or $(PORT),8000)

test: setup system-test node_modules/.ready lint  ## Run lint, then every test on real builds (and a real browser): what CI runs
	$(BIN)/pytest $(PYTEST_ARGS)

test-fast: setup  ## Run the fast tier: extensions and checks on a tiny project (under a minute)
	$(BIN)/pytest -m "fast and not slow" $(PYTEST_ARGS)

lint: setup  ## Check code style (ruff check, ruff format --check)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

benchmark: setup system-test node_modules/.ready  ## Print build timings, memory, page weights, Lighthouse scores (slow)
	$(PY) -m benchmarks.build --runs $(or $(RUNS),3)
	$(PY) -m tools.build --languages "$(LANGUAGES)" --jobs $(JOBS)
	$(PY) -m benchmarks.pages
	$(PY) -m benchmarks.lighthouse --runs $(or $(RUNS),3)

setup: system-build $(READY)  ## Install what the build needs (virtual environment, Debian packages)
	@# The one import root: the repository, on the environment's path (leavex, tools).
	@$(PY) -c 'import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()["purelib"], "leavex-project.pth").write_text("$(CURDIR)\n")'

system-build:
	@tools/system-packages.sh build

system-test:
	@tools/system-packages.sh test

$(READY): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

node_modules/.ready: package.json package-lock.json
	@command -v npm >/dev/null || { echo "error: npm is needed for axe-core (install Node.js)" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

clean:  ## Remove everything built (build/), keeping the virtual environment
	rm -rf build
