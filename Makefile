# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
HOST ?= 127.0.0.1

.PHONY: run test install translations update-translations browser-deps pdf-deps bench lint clean

$(BIN)/survey: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/survey translations

translations: $(BIN)/survey
	$(BIN)/pybabel compile -d survey/translations >/dev/null

# Maintainers: re-extract the strings, merge them into every catalogue (the .po files are the
# one source of translations: edit them there) and report what is still missing (`survey check`).
update-translations: $(BIN)/survey
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o survey/translations/messages.pot . >/dev/null
	$(BIN)/pybabel update -N -i survey/translations/messages.pot -d survey/translations >/dev/null
	$(MAKE) translations
	$(BIN)/survey check

# The browser tests need Debian's Chromium (CI starts without it; apt needs root there) and
# axe-core from the npm registry. Each is installed only when missing.
AXE_VERSION := $(shell sed -n 's/^AXE_CORE_VERSION = "\(.*\)"/\1/p' survey/i18n.py)
browser-deps:
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)
	@test -f tests/browser/node_modules/axe-core/axe.min.js || npm install --prefix tests/browser --no-save --no-audit --no-fund axe-core@$(AXE_VERSION) >/dev/null

# PDFs (WeasyPrint) need Debian's Pango and a font; the tests read PDFs back with pdftotext
# (poppler-utils). Each is installed only when missing, as the browser's are.
pdf-deps:
	@PATH="$$PATH:/usr/sbin:/sbin" ldconfig -p | grep -q libpangoft2-1.0.so.0 || (apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null)
	@test -d /usr/share/fonts/truetype/dejavu || (apt-get update -qq && apt-get install -y -qq fonts-dejavu-core >/dev/null)
	@command -v pdftotext >/dev/null || (apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null)

# Install, initialise, add demo data if the database is empty, print the links, serve.
run: install
	$(BIN)/survey init
	SURVEY_BASE_URL=http://$(HOST):$(PORT) $(BIN)/survey demo --if-empty
	$(BIN)/survey serve --host $(HOST) --port $(PORT)

test: install browser-deps pdf-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench

lint: install
	$(BIN)/ruff check survey tests bench

clean:
	rm -rf $(VENV) .pytest_cache
