"""Fixtures: a real SQLite file per test, the shipped questionnaire, paired tablets, logins."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlite_utils import Database

from survey import create_app, db, store
from survey.auth import hash_password
from survey.cli import cli

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "questions.yaml"
PASSWORD = "correct horse battery"


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
    database = store.configure(Database(memory=True))
    store.migrate(database)
    return database


def database(app) -> Database:
    """A separate connection to the app's database, to check what was stored."""
    return db.connect(app.config["DATABASE"])


def run_cli(app, *args, input=None):
    """Run a `survey` command against this app, as the console script would."""
    return app.test_cli_runner().invoke(cli, list(args), input=input)


def add_tablet(app, name="IND desk 1", desks=("ind",), mode="open") -> str:
    """Create a tablet through the CLI and return its pairing link."""
    args = ["tablet", "add", name, "--mode", mode]
    for desk in desks:
        args += ["--desk", desk]
    result = run_cli(app, *args)
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()[-1]


def pair(app, client, name="IND desk 1", desks=("ind",), mode="open"):
    """Pair `client` as a tablet; return the kiosk start page response."""
    link = add_tablet(app, name, desks, mode)
    return client.get(link, follow_redirects=True)


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


def csrf_token(html: str) -> str:
    """The token from a page's <meta name="csrf-token">."""
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', html).group(1)


def hidden(html: str, name: str) -> str:
    """The value of a hidden input."""
    return re.search(rf'name="{name}" (?:type="hidden" )?value="([^"]*)"', html).group(1)


class CoordinatorActions:
    """Log in and out as a coordinator (flaskr's AuthActions)."""

    def __init__(self, app, client):
        self.app, self.client = app, client

    def create(self, username="anna", role="coordinator", password=PASSWORD):
        with self.app.app_context():
            store.add_user(db.get_db(), username, hash_password(password), role)

    def login(self, username="anna", password=PASSWORD, role="coordinator"):
        self.create(username, role, password)
        return self.client.post(
            "/coordinator/login", data={"username": username, "password": password}
        )

    def logout(self):
        return self.client.post("/coordinator/logout")


@pytest.fixture
def coordinator(app, client):
    return CoordinatorActions(app, client)
