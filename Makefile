# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
HOST ?= 127.0.0.1

.PHONY: run test install translations bench lint clean

$(BIN)/survey: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/survey translations

translations: $(BIN)/survey
	$(BIN)/pybabel compile -d survey/translations >/dev/null

# Install, initialise, add demo data if the database is empty, print the links, serve.
run: install
	$(BIN)/survey init
	SURVEY_BASE_URL=http://$(HOST):$(PORT) $(BIN)/survey demo --if-empty
	$(BIN)/survey serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install
	$(BIN)/python -m bench

lint: install
	$(BIN)/ruff check survey tests bench

clean:
	rm -rf $(VENV) .pytest_cache
