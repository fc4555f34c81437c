"""Plain helpers shared by the tests and bench/: paths, ports, CLI runs, tablets, payloads,
kiosk steps, coordinator logins and direct stores. No fixtures here (they live in conftest.py),
and nothing here imports a test module.
"""

from __future__ import annotations

import html as html_module
import itertools
import json
import os
import re
import socket
import uuid
from pathlib import Path

from survey import db, store
from survey.auth import hash_password
from survey.cli import cli

ROOT = Path(__file__).resolve().parent.parent.parent
QUESTIONS = ROOT / "questions.yaml"
PASSWORD = "correct horse battery"


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def instance_env(instance: Path) -> dict[str, str]:
    """The environment for a `survey` command on this instance folder (no other SURVEY_ setting)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SURVEY_")}
    env["SURVEY_INSTANCE_PATH"] = str(instance)
    return env


def database(app):
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


# Every rating question asked at the IND desk.
IND_RATINGS = [
    {"desk": "ind", "question": "front_desk_staff", "value": 4},
    {"desk": "ind", "question": "clarity_written_info", "value": 5},
    {"desk": "ind", "question": "permit_processing", "value": 3},
]


def login(app, role="coordinator", username="anna"):
    """A new client logged in through the real login form, CSRF token included."""
    client = app.test_client()
    CoordinatorActions(app, client).create(username, role)
    page = client.get("/coordinator/login")
    client.post(
        "/coordinator/login",
        data={
            "username": username,
            "password": PASSWORD,
            "csrf_token": hidden(page.text, "csrf_token"),
        },
    )
    return client


def payload(**changes):
    """A valid submission for the single-desk IND tablet."""
    body = {
        "id": str(uuid.uuid4()),
        "language": "en",
        "desks": ["ind"],
        "ratings": [
            {"desk": "ind", "question": "front_desk_staff", "value": 5},
            {"desk": "ind", "question": "clarity_written_info", "value": 4},
        ],
        "answers": [{"question": "better", "desk": None, "text": "No issues yet."}],
        "choices": [{"question": "service", "desk": "ind", "value": "biometrics"}],
        "started_at": "2021-06-30T09:58:00Z",
        "submitted_at": "2021-06-30T10:00:00+02:00",
    }
    body.update(changes)
    return body


class Tablet:
    """A paired tablet browser with CSRF on, posting JSON as kiosk.js does."""

    def __init__(self, app, name="IND desk 1", desks=("ind",), mode="open"):
        self.app = app
        self.client = app.test_client()
        page = pair(app, self.client, name, desks, mode)
        self.name = name
        self.start_page = page
        self.token = csrf_token(page.text)

    def post(self, body=None, raw=None, headers=None, path="/api/v1/responses"):
        data = raw if raw is not None else json.dumps(body)
        sent = {"X-CSRFToken": self.token, "Content-Type": "application/json", **(headers or {})}
        return self.client.post(path, data=data, headers=sent)

    def heartbeat(self, queued):
        return self.post({"queued": queued}, path="/api/v1/tablet/heartbeat")

    def tablet_row(self):
        return store.get_tablet_by_name(database(self.app), self.name)


def counts(app):
    """Rows of every answer table, plus visits: compare before/after a refused request."""
    db = database(app)
    found = store.table_counts(db)
    found["visits_used"] = db.execute(
        "select count(*) from visits where response_id is not null"
    ).fetchone()[0]
    return found


def start_survey(client, path):
    """GET a kiosk step; its HTML."""
    page = client.get(path)
    assert page.status_code == 200
    return page.text


def post_step(client, path, html, answers, action):
    """Post a step as a browser would: hidden fields plus the visible answers."""
    data = {}
    for tag in re.findall(r'<input[^>]*type="hidden"[^>]*>', html):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        data[name.group(1)] = value.group(1) if value else ""
    data.update(answers)
    data["action"] = action
    action_url = re.search(r'<form method="post" action="([^"]+)"', html).group(1)
    return client.post(action_url.replace("&amp;", "&"), data=data)


_ids = itertools.count(1)


def add(app, desk, question, values, at="2020-09-15T10:00:00Z", comments=()):
    """Store one response per value (and the comments on the first), straight into the store."""
    rows = []
    for index, value in enumerate(values):
        rid = str(uuid.UUID(int=next(_ids), version=4))
        response = {
            "id": rid,
            "submitted_at": at,
            "received_at": at,
            "language": "en",
            "desks": json.dumps([desk]),
            "tablet": "t",
            "source": "test",
            "fingerprint": rid,
        }
        notes = [] if index else [dict(c) for c in comments]
        rows.append((response, [(desk, question, value)], [], notes))
    with app.app_context():
        store.insert_responses(db.get_db(), rows)


def comment(question, text, label, desk=None, status="pending"):
    """A comment row for `add`; without a label it is stored untagged (as a kiosk stores it)."""
    return {
        "desk_id": desk,
        "question_id": question,
        "text": text,
        "redactions": 0,
        "language": "en",
        "polarity": None,
        "subjectivity": None,
        "label": label,
        "topics": None if label is None else "[]",
        "status": status,
    }


def page_text(response) -> str:
    """A page's visible text on one line (charts left out)."""
    body = response.get_data(as_text=True)
    body = re.sub(r"<svg.*?</svg>", " ", body, flags=re.S)  # charts have their own tests
    return re.sub(r"\s+", " ", html_module.unescape(re.sub(r"<[^>]+>", " ", body)))


def arm(app, clerk, tablet_name="IND desk 1", desk="ind", service="biometrics"):
    """Arm through the desk page as the clerk does (login, read CSRF token, post the form)."""
    client = clerk.client
    page = client.get("/coordinator/login")
    token = hidden(page.text, "csrf_token")
    client.post(
        "/coordinator/login",
        data={"username": "clerk", "password": "correct horse battery", "csrf_token": token},
    )
    page = client.get("/coordinator/desk")
    assert page.status_code == 200
    tablet_id = store.get_tablet_by_name(database(app), tablet_name)["id"]
    response = client.post(
        "/coordinator/desk",
        data={
            "tablet": tablet_id,
            "desk": desk,
            "service": service,
            "csrf_token": hidden(page.text, "csrf_token"),
        },
    )
    assert response.status_code == 302, response.text
    return database(app).execute("select max(id) from visits").fetchone()[0]
