# Everything a newcomer needs: `make run` serves the site, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# A development key for local runs only; production sets SECRET_KEY (see README).
DEV_ENV := DEBUG=$${DEBUG-1}

.PHONY: run serve test fuzz lint format install migrate demo clean axe

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

migrate: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput

demo: migrate
	$(DEV_ENV) $(BIN)/python manage.py import_articles articles/demo --if-empty

run: demo
	$(DEV_ENV) $(BIN)/python manage.py runserver $(PORT)

# Production-style: gunicorn with static files collected (set SECRET_KEY, ALLOWED_HOSTS).
serve: migrate
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/gunicorn kbsite.wsgi --bind 127.0.0.1:$(PORT) --workers $${WORKERS-2}

# axe-core (accessibility checks in the browser tests), from npm into the git-ignored .axe/.
AXE_VERSION := 4.14.1
AXE := .axe/node_modules/axe-core/axe.min.js
$(AXE):
	@if command -v npm >/dev/null; then \
	  npm install --silent --no-audit --no-fund --prefix .axe axe-core@$(AXE_VERSION); \
	else echo "npm not found: the accessibility tests will be skipped"; fi

axe: $(AXE)

# The suite runs in one process a core (pytest-xdist; WORKERS=0 runs it in this one), each
# test file whole in one of them so that a module's fixtures are built once.
# COVERAGE=1 (CI) measures articles/ and prints the report; the floor is in pyproject.toml.
WORKERS ?= auto
PYTEST := -m pytest -n $(WORKERS) --dist loadfile $(PYTEST_ARGS)
test: demo axe
ifdef COVERAGE
	$(BIN)/python -m coverage erase
	$(BIN)/python -m coverage run $(PYTEST)
	$(BIN)/python -m coverage combine -q
	$(BIN)/python -m coverage report
else
	$(BIN)/python $(PYTEST)
endif

# Many more generated inputs than CI runs (tests/test_fuzz.py).
fuzz: install
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/test_fuzz.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .axe
