# Two commands do all the set-up on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test serve validate schema clean help

help:  ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)  ## validate the content and build the website and prospectus PDFs into site/
	$(BIN)/python -m build_tools build

validate: $(STAMP)  ## check every content file and report all problems
	$(BIN)/python -m build_tools validate

schema: $(STAMP)  ## regenerate schemas/*.schema.json from the models
	$(BIN)/python -m build_tools schema

serve: $(STAMP)  ## live preview on http://127.0.0.1:8000/ (rebuilds on save)
	$(BIN)/python -m build_tools serve

test: $(STAMP)  ## run the whole test suite (needs chromium for the browser tests)
	$(BIN)/python -m pytest

clean:  ## remove the built site and caches (keeps .venv)
	rm -rf site .pytest_cache .hypothesis
