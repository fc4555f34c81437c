"""Benchmark 3: the dashboard and GET /api/v1/summary against the bare aggregate SQL.

In-process with Flask's test client (no network in the way), on the cached benchmark databases,
each figure the median of a few warm runs. The bare SQL is the one aggregate the pages need,
on a plain sqlite3 connection to the same file: the pages may cost at most 3x that.
"""

from __future__ import annotations

import os
import sqlite3
import uuid

from . import data
from .common import ROOT, median_time

PASSWORD = "bench password 1234"


def bare_sql(path, start: str | None, end: str | None) -> float:
    """Median seconds of the aggregate itself: counts per desk, question and value."""
    conn = sqlite3.connect(path)
    where = "where submitted_at >= ? and submitted_at < ?" if start else ""
    sql = (
        "select desk_id, question_id, value, count(*) from ratings"
        f" {where} group by desk_id, question_id, value"
    )
    params = [start, end] if start else []
    took = median_time(lambda: conn.execute(sql, params).fetchall())
    conn.close()
    return took


class Pages:
    """A logged-in coordinator and a read-API token on one benchmark database."""

    def __init__(self, instance):
        os.environ["SURVEY_INSTANCE_PATH"] = str(instance)
        from survey import create_app, store
        from survey.auth import hash_password
        from survey.cli import cli
        from survey.db import get_db

        self.app = create_app(
            {
                "DATABASE": str(instance / "survey.sqlite3"),
                "QUESTIONS_FILE": str(ROOT / "questions.yaml"),
                "WTF_CSRF_ENABLED": False,
                "SECRET_KEY": "bench",
            }
        )
        with self.app.app_context():
            store.add_user(get_db(), "bench", hash_password(PASSWORD), "admin")
        self.problems: dict[str, int] = {}
        self.client = self.app.test_client()
        self.client.post("/coordinator/login", data={"username": "bench", "password": PASSWORD})
        name = f"bench-{uuid.uuid4().hex[:8]}"
        result = self.app.test_cli_runner().invoke(cli, ["token", "add", name])
        self.token = result.output.strip().splitlines()[-1] if result.exit_code == 0 else None

    def get(self, url: str, token: bool = False) -> int:
        headers = {"Authorization": f"Bearer {self.token}"} if token else {}
        response = self.client.get(url, headers=headers)
        response.get_data()
        return response.status_code

    def time(self, url: str, token: bool = False) -> float | None:
        """Median seconds of a GET; None (and the status in `problems`) unless it answers 200."""
        status = self.get(url, token)
        if status != 200:
            self.problems[url.split("?")[0]] = status
            return None
        return median_time(lambda: self.get(url, token), warmup=0)

    def close(self):
        from survey import db

        db.close(self.app.config["DATABASE"])


def measure(total: int, in_period: int) -> dict[str, float | None]:
    """Every read figure (seconds) on the database with `total` ratings."""
    instance = data.database(total, in_period)
    path = instance / "survey.sqlite3"
    start, end = data.period_bounds()
    first, last = data.PERIOD
    pages = Pages(instance)
    try:
        figures = {
            "sql_all": bare_sql(path, None, None),
            "sql_period": bare_sql(path, start, end),
            "dashboard_all": pages.time("/coordinator/"),
            "dashboard_period": pages.time(f"/coordinator/?period=range&from={first}&to={last}"),
            "summary_period": pages.time(f"/api/v1/summary?from={first}&to={last}", token=True),
            "summary_all": pages.time("/api/v1/summary", token=True),
        }
    finally:
        pages.close()
    figures["problems"] = pages.problems
    return figures
