# Commands do their own set-up on a fresh machine: `make site`, `make check` (the college's content)
# and `make test` (the tool's own tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The browser editor (Decap CMS and its local backend) and the accessibility checkers used by the
# browser tests (axe-core, pa11y, the Nu HTML checker), pinned in package.json and package-lock.json.
NODE_STAMP := node_modules/.installed

.PHONY: site check test system-packages serve validate schema init admin clean help

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

# make init DIR=../our-college NATION=scotland (without NATION, init asks)
init: $(STAMP)  ## start a new college's project in DIR (NATION: england, wales, scotland, northern-ireland)
	$(BIN)/python -m build_tools init "$(DIR)" $(if $(NATION),--nation "$(NATION)")

serve: $(STAMP)  ## live preview on http://127.0.0.1:8000/ (rebuilds on save)
	$(BIN)/python -m build_tools serve

# Chromium, poppler-utils, Java, npm and the printed editions' fonts: installed when run as root on
# Debian, else one message names them and the command to install them (.ci/run uses it too).
system-packages:  ## install (as root) or name the Debian packages the checks need
	@.ci/system-packages

# --ignore-scripts: vnu-jar's install script would download a Java runtime and Puppeteer's (for
# pa11y) a Chromium; the machine's own Java (Debian's default-jre-headless) and Chromium run the
# checkers. .puppeteerrc.cjs tells Puppeteer the same when scripts do run.
$(NODE_STAMP): package.json package-lock.json | system-packages
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP)

# Options for `check`, e.g. make check CHECK_ARGS="--format github --site-dir site".
CHECK_ARGS ?=
check: system-packages $(STAMP) $(NODE_STAMP)  ## check the college's content: validate, build once, links, accessibility, HTML, consent
	$(BIN)/python -m build_tools check $(CHECK_ARGS)

test: system-packages $(STAMP) $(NODE_STAMP)  ## run the tool's own tests (on fixture projects, never the college's content)
	$(BIN)/python -m pytest

clean:  ## remove the built site and caches (keeps .venv)
	rm -rf site site-admin .pytest_cache .hypothesis
