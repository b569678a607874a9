# Two commands do all the set-up on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The browser editor (Decap CMS and its local backend) and the accessibility checkers used by the
# browser tests (axe-core, the Nu HTML checker), pinned in package.json and package-lock.json.
NODE_STAMP := node_modules/.installed

.PHONY: site test serve validate schema admin clean help

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

schema: $(STAMP)  ## regenerate schemas/*.schema.json and the browser editor's schemas/cms.yml from the models
	$(BIN)/python -m build_tools schema
	$(BIN)/python -m build_tools cms

admin: $(STAMP) $(NODE_STAMP)  ## build the browser editor (Decap CMS) into site-admin/
	$(BIN)/python -m build_tools admin

serve: $(STAMP)  ## live preview on http://127.0.0.1:8000/ (rebuilds on save)
	$(BIN)/python -m build_tools serve

# --ignore-scripts: vnu-jar's install script would download a Java runtime; the machine's own
# Java (Debian's default-jre-headless) runs the checker.
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: the browser tests will be skipped (apt-get install -y npm)"; exit 0; }; \
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP)

test: $(STAMP) $(NODE_STAMP)  ## run the whole test suite (needs chromium, java and npm for the browser tests)
	$(BIN)/python -m pytest

clean:  ## remove the built site and caches (keeps .venv)
	rm -rf site site-admin .pytest_cache .hypothesis
