# The whole command surface of the #LeaveX publication. `make help` lists every target.

# -- Settings you can override on the command line ---------------------------
LANGUAGES  ?=
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
PYTHON     ?= python3
VENV       ?= .venv
PYTEST_ARGS ?=

# `make serve LANG=xx` and `make add-language LANG=xx` name a language with LANG, which
# is also every command's locale variable: keep the code, give the commands a real locale.
ifeq ($(origin LANG),command line)
LANGUAGE_CODE := $(LANG)
override LANG := C.UTF-8
export LANG
endif

BIN     := $(VENV)/bin
PY      := $(BIN)/python
READY   := $(VENV)/.ready
GETTEXT := build/gettext

.DEFAULT_GOAL := all
.PHONY: help all html pdf gettext update-po add-language check-po stats serve test lint benchmark \
        setup system-build system-test clean

help:  ## List every target
	@echo "Usage: make [target] [LANGUAGES=\"fr ar\"] [JOBS=n]"
	@echo
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  \1\t\2/' | expand -t 20

all: setup  ## Build every edition (HTML and PDF) of every language into build/site/ (default)
	$(PY) -m tools.build --formats pdf,html --languages "$(LANGUAGES)" --jobs $(JOBS)

html: setup  ## Build the HTML site only (LANGUAGES="fr ar" for some)
	$(PY) -m tools.build --formats html --languages "$(LANGUAGES)" --jobs $(JOBS)

pdf: setup  ## Build the print editions only (PAPER=letter for US letter paper)
	$(PY) -m tools.build --formats pdf --languages "$(LANGUAGES)" --jobs $(JOBS)

gettext: setup  ## Extract the translation templates (.pot) into build/gettext/
	$(BIN)/sphinx-build -q -b gettext -c . docs $(GETTEXT)
	$(PY) -m tools.interface_pot $(GETTEXT)/sphinx.pot
	$(PY) -m tools.po_metadata $(GETTEXT)/*.pot

update-po: gettext  ## Update every language's catalogs from the templates (changes become fuzzy)
	$(PY) -m tools.update_catalogs --languages "$(LANGUAGES)"

add-language: gettext  ## Enrol a language: make add-language LANG=xx (table row and catalogs)
	$(PY) -m tools.add_language "$(LANGUAGE_CODE)"

check-po: setup  ## Check every catalog (or LANGUAGES=...): syntax, markup, links, unsafe HTML
	$(PY) -m tools.catalogs --languages "$(LANGUAGES)"

stats: setup  ## Print translation progress, language x document
	$(PY) -m tools.stats --languages "$(LANGUAGES)"

serve: setup  ## Preview one language live while you translate: make serve LANG=xx
	@$(PY) -c "from tools.languages import get; get('$(LANGUAGE_CODE)')" || exit 2
	$(BIN)/sphinx-autobuild -b dirhtml -c . -D language=$(LANGUAGE_CODE) \
	  --watch locales/$(LANGUAGE_CODE) --port $(or $(PORT),8000) \
	  docs build/serve/$(LANGUAGE_CODE)

test: setup system-test node_modules/.ready lint  ## Run lint, then the test suite on real builds (and a real browser)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: setup  ## Check code style (ruff check, ruff format --check)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

benchmark: setup system-test  ## Print build timings, peak memory and page weights (slow)
	$(PY) benchmarks/build.py --runs $(or $(RUNS),3)
	$(PY) -m tools.build --languages "$(LANGUAGES)" --jobs $(JOBS)
	$(PY) benchmarks/pages.py

setup: system-build $(READY)  ## Install what the build needs (virtual environment, Debian packages)

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
