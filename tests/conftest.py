"""Fixtures: a real SQLite file per test, the shipped questionnaire, paired tablets, logins.

Plain helpers (payloads, kiosk steps, servers, ports) live in tests/helpers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from survey import create_app, db, store

from .helpers import QUESTIONS, CoordinatorActions, pair

BROWSER_TESTS = Path(__file__).resolve().parent / "browser"


def pytest_collection_modifyitems(items):
    """Every test under tests/browser carries the `browser` marker (see pyproject.toml)."""
    for item in items:
        if BROWSER_TESTS in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def make_app(tmp_path, monkeypatch):
    """Build apps on a temporary instance folder; CSRF off unless asked for."""
    monkeypatch.setenv("SURVEY_INSTANCE_PATH", str(tmp_path / "instance"))
    made = []

    def factory(**config):
        settings = {
            "TESTING": True,
            "DATABASE": str(tmp_path / "instance" / "survey.sqlite3"),
            "QUESTIONS_FILE": str(QUESTIONS),
            "WTF_CSRF_ENABLED": False,
            **config,
        }
        app = create_app(settings)
        made.append(app)
        return app

    yield factory
    for app in made:
        db.close(app.config["DATABASE"])


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def fresh_db():
    """An in-memory database with the schema, for store unit tests."""
    memory = store.configure(Database(memory=True))
    store.migrate(memory)
    return memory


@pytest.fixture
def tablet_client(app, client):
    """A test client paired as the single-desk IND tablet."""
    pair(app, client)
    return client


@pytest.fixture
def oss_client(app, client):
    """A test client paired as the One Stop Shop tablet (all three desks)."""
    pair(app, client, "One Stop Shop", ("expat_centre", "gemeenteloket", "ind"))
    return client


@pytest.fixture
def coordinator(app, client):
    return CoordinatorActions(app, client)
