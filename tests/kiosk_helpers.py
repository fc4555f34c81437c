"""Helpers shared by the kiosk-hardening tests: a valid payload and a CSRF-checked tablet."""

from __future__ import annotations

import json
import re
import uuid

from survey import store

from .conftest import csrf_token, database, pair


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


def post_step(client, path, html, answers, action):
    """Post a kiosk step as a browser would: hidden fields plus the visible answers."""
    data = {}
    for tag in re.findall(r'<input[^>]*type="hidden"[^>]*>', html):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        data[name.group(1)] = value.group(1) if value else ""
    data.update(answers)
    data["action"] = action
    action_url = re.search(r'<form method="post" action="([^"]+)"', html).group(1)
    return client.post(action_url.replace("&amp;", "&"), data=data)
