"""The bare baseline app: what a minimal Flask app does on the same machine, same server.

`POST /submit` validates the fields and inserts one row (one long-lived SQLite connection per
worker, WAL, synchronous=NORMAL): the ceiling for submissions. `GET /page` renders a template
of a survey screen with no database and no session: the ceiling for kiosk pages.
Served by gunicorn, sync workers: `gunicorn -w 2 bench.baseline_app:app` with BENCH_DB set.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid

from flask import Flask, render_template_string, request

app = Flask(__name__)
_connections: dict[int, sqlite3.Connection] = {}

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Survey</title>
<link rel="stylesheet" href="/static/kiosk.css"></head>
<body><main><form method="post">
<input type="hidden" name="response_id" value="{{ response_id }}">
{% for question in questions %}
<fieldset><legend>{{ question }}</legend>
{% for value in range(1, 6) %}
<label><input type="radio" name="q{{ loop.index }}" value="{{ value }}"> {{ value }}</label>
{% endfor %}</fieldset>
{% endfor %}
<textarea name="comment" maxlength="2000"></textarea>
<button name="action" value="next">Next</button>
</form></main></body></html>"""
QUESTIONS = ["Clarity of written information", "Front desk staff", "Processing of your permit"]


def connection() -> sqlite3.Connection:
    """This worker's connection, opened once."""
    conn = _connections.get(os.getpid())
    if conn is None:
        conn = sqlite3.connect(os.environ["BENCH_DB"], isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute(
            "create table if not exists submissions (id text primary key, language text,"
            " desks text, ratings text, answers text, submitted_at text)"
        )
        _connections[os.getpid()] = conn
    return conn


@app.post("/submit")
def submit():
    """Validate the fields and insert one row."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return {"error": "expected a JSON object"}, 422
    try:
        rid = str(uuid.UUID(body["id"]))
        ok = body["language"] in ("en", "nl", "de", "fr") and isinstance(body["desks"], list)
        ok = ok and all(1 <= r["value"] <= 5 for r in body.get("ratings", []))
    except (KeyError, TypeError, ValueError):
        ok = False
    if not ok:
        return {"error": "invalid"}, 422
    connection().execute(
        "insert into submissions values (?, ?, ?, ?, ?, ?)",
        [
            rid,
            body["language"],
            json.dumps(body["desks"]),
            json.dumps(body.get("ratings")),
            json.dumps(body.get("answers")),
            body.get("submitted_at"),
        ],
    )
    return {"id": rid, "status": "created"}, 201


@app.get("/page")
def page():
    """A survey-sized template, rendered with nothing else."""
    return render_template_string(PAGE, questions=QUESTIONS, response_id=str(uuid.uuid4()))


@app.get("/healthz")
def healthz():
    return "ok"
