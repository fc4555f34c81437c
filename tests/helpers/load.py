"""Simulated tablets sending surveys through the real server (`survey serve`), and the check that
nothing was lost or stored twice. Used by tests/test_load.py (small) and bench/load.py (full size).

Every tablet is paired like a real one (pairing link, tablet cookie, session cookie and the
CSRF token from the start page) and posts JSON to `POST /api/v1/responses`, as kiosk.js does.
An id counts as acknowledged on 201 or 200; on a connection error or 5xx it is sent again (a
replay, as the kiosk's offline queue does) until acknowledged.
"""

from __future__ import annotations

import http.client
import http.cookiejar
import json
import multiprocessing
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from survey import db as survey_db
from survey import store

from . import IND_RATINGS, free_port, instance_env, payload

SURVEY = str(Path(sys.executable).parent / "survey")
RATINGS_PER_SURVEY = len(IND_RATINGS)
ACKNOWLEDGED = (200, 201)


def survey(env: dict[str, str], *args: str) -> str:
    """Run one `survey` command; return its output."""
    done = subprocess.run([SURVEY, *args], env=env, capture_output=True, text=True, check=True)
    return done.stdout


class Server:
    """`survey serve` as a subprocess on a free port, in its own process group."""

    def __init__(self, instance: Path, workers: int = 2, port: int | None = None):
        self.env = instance_env(instance)
        self.workers = workers
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 30) -> None:
        self.process = subprocess.Popen(
            [SURVEY, "serve", "--port", str(self.port), "--workers", str(self.workers)],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=1) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.1)
        raise RuntimeError("the server did not start")

    def signal(self, signum: int) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signum)
            self.process.wait(timeout=30)

    def kill(self) -> None:
        """SIGKILL the master and every worker at once: a crash, not a shutdown."""
        self.signal(signal.SIGKILL)

    def stop(self) -> None:
        self.signal(signal.SIGTERM)


@dataclass
class Credentials:
    """What a paired tablet's browser sends with every submission."""

    cookie: str
    csrf: str


def prepare(instance: Path, tablets: int) -> tuple[dict[str, str], list[str]]:
    """Create the instance and `tablets` single-desk IND tablets; return env and pairing links."""
    env = instance_env(instance)
    survey(env, "init")
    # One process runs `survey tablet add` for every tablet: starting the CLI per tablet costs
    # seconds each on a busy machine.
    done = subprocess.run(
        [sys.executable, "-c", ADD_TABLETS, str(tablets)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    links = done.stdout.split()
    assert len(links) == tablets, done.stderr
    return env, links


ADD_TABLETS = """
import sys
from survey import create_app
from survey.cli import cli

runner = create_app().test_cli_runner()
for i in range(int(sys.argv[1])):
    result = runner.invoke(cli, ["tablet", "add", f"load tablet {i:02d}", "--desk", "ind"])
    assert result.exit_code == 0, result.output
    print(result.output.strip().splitlines()[-1])
"""


def pair(base: str, link: str) -> Credentials:
    """Open a pairing link and the start page as a tablet's browser would."""
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = browser.open(base + link, timeout=10).read().decode()
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)
    return Credentials("; ".join(f"{c.name}={c.value}" for c in jar), token)


def submission(response_id: str) -> bytes:
    """One survey for the IND desk, with a comment containing characters that need escaping."""
    body = payload(
        id=response_id,
        ratings=IND_RATINGS,
        answers=[{"desk": None, "question": "better", "text": "Quick <b>&</b> 'kind'"}],
        submitted_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    )
    del body["choices"], body["started_at"]  # the load measures ratings and comments
    return json.dumps(body).encode()


@dataclass
class Tally:
    """What one client saw."""

    statuses: Counter = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)
    connection_errors: int = 0
    unexpected: list[str] = field(default_factory=list)

    def merge(self, other: Tally) -> None:
        self.statuses.update(other.statuses)
        self.latencies.extend(other.latencies)
        self.acknowledged.extend(other.acknowledged)
        self.connection_errors += other.connection_errors
        self.unexpected.extend(other.unexpected)


def send_all(
    port: int, creds: Credentials, ids: list[str], acks, give_up_after: float = 60
) -> Tally:
    """Send every id until the server acknowledges it; retries are replays of the same body."""
    tally = Tally()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {
        "Content-Type": "application/json",
        "Cookie": creds.cookie,
        "X-CSRFToken": creds.csrf,
    }
    for response_id in ids:
        body = submission(response_id)
        deadline = time.monotonic() + give_up_after
        pause = 0.05
        while True:
            began = time.perf_counter()
            try:
                connection.request("POST", "/api/v1/responses", body, headers)
                answer = connection.getresponse()
                text = answer.read()
                status = answer.status
            except (OSError, http.client.HTTPException):
                connection.close()
                tally.connection_errors += 1
                status = None
            if status is not None:
                tally.statuses[status] += 1
                if status in ACKNOWLEDGED:
                    tally.latencies.append(time.perf_counter() - began)
                    tally.acknowledged.append(response_id)
                    with acks.get_lock():
                        acks.value += 1
                    break
                if status < 500 or tally.statuses[status] > 3:
                    # A 5xx is a failure of the run: retried a little, then reported.
                    tally.unexpected.append(f"{response_id}: {status} {text[:200]!r}")
                    break
            if time.monotonic() > deadline:
                tally.unexpected.append(f"{response_id}: never acknowledged")
                break
            time.sleep(pause)  # the server is away: back off as the kiosk's queue does
            pause = min(pause * 2, 1.0)
    connection.close()
    return tally


def _process(port: int, jobs: list[tuple[Credentials, list[str]]], acks) -> Tally:
    """One client process: a thread per simulated tablet."""
    results: list[Tally] = []

    def run(creds, ids):
        results.append(send_all(port, creds, ids, acks))

    threads = [threading.Thread(target=run, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = Tally()
    for result in results:
        total.merge(result)
    return total


def _process_entry(port, jobs, acks, queue) -> None:
    queue.put(_process(port, jobs, acks))


def run_load(
    server: Server,
    creds: list[Credentials],
    submissions: int,
    processes: int = 4,
    kill_after: int | None = None,
) -> tuple[Tally, list[str], float]:
    """Send `submissions` spread over the tablets; optionally SIGKILL + restart the server
    once `kill_after` are acknowledged. Returns the tally, every id sent, and the seconds taken.
    """
    ids = [str(uuid.uuid4()) for _ in range(submissions)]
    per_tablet = [ids[i :: len(creds)] for i in range(len(creds))]
    jobs = list(zip(creds, per_tablet, strict=True))
    context = multiprocessing.get_context("fork")
    acks = context.Value("i", 0)
    began = time.perf_counter()
    if processes <= 1:
        # In-process threads (the test suite): still a different process from the server.
        holder: list[Tally] = []
        worker = threading.Thread(target=lambda: holder.append(_process(server.port, jobs, acks)))
        workers = [worker]
    else:
        queue = context.Queue()
        workers = [
            context.Process(
                target=_process_entry, args=(server.port, jobs[i::processes], acks, queue)
            )
            for i in range(processes)
        ]
    for worker in workers:
        worker.start()
    if kill_after is not None:
        while acks.value < kill_after and any(w.is_alive() for w in workers):
            time.sleep(0.01)
        server.kill()
        time.sleep(0.5)  # clients now meet a closed port, as tablets meet a dead server
        server.start()
    tally = Tally()
    if processes <= 1:
        workers[0].join()
        tally.merge(holder[0])
    else:
        for _ in workers:
            tally.merge(queue.get())
        for worker in workers:
            worker.join()
    return tally, ids, time.perf_counter() - began


def verify(database: Path, ids: list[str], tally: Tally) -> dict[str, int]:
    """Check the database against what the clients saw; return the counts found.

    Answers a server left waiting are filed first, as every reader of answers does.
    """
    with survey_db.connect(str(database)) as filing:
        store.file_pending(filing)
    db = sqlite3.connect(database)
    db.execute("create temp table sent (id text primary key)")
    db.executemany("insert into sent values (?)", [(i,) for i in ids])
    acked = set(tally.acknowledged)
    stored = db.execute("select count(*) from responses join sent using (id)").fetchone()[0]
    missing_acked = [
        i for i in acked if not db.execute("select 1 from responses where id = ?", [i]).fetchone()
    ]
    ratings = db.execute(
        "select count(*) from ratings where response_id in (select id from sent)"
    ).fetchone()[0]
    wrong = db.execute(
        "select count(*) from (select response_id from ratings where response_id in"
        " (select id from sent) group by response_id having count(*) != ?)",
        [RATINGS_PER_SURVEY],
    ).fetchone()[0]
    comments = db.execute(
        "select count(*) from comments where response_id in (select id from sent)"
    ).fetchone()[0]
    db.close()
    return {
        "sent": len(ids),
        "acknowledged": len(acked),
        "stored": stored,
        "acknowledged_missing": len(missing_acked),
        "ratings": ratings,
        "responses_with_wrong_ratings": wrong,
        "comments": comments,
        "server_errors": sum(n for s, n in tally.statuses.items() if s >= 500),
        "unexpected": len(tally.unexpected),
    }


def problems(found: dict[str, int]) -> list[str]:
    """What is wrong with a verified run (empty when nothing was lost or duplicated)."""
    sent = found["sent"]
    wrong = []
    if found["server_errors"]:
        wrong.append(f"{found['server_errors']} responses with a 5xx status")
    if found["acknowledged_missing"]:
        wrong.append(f"{found['acknowledged_missing']} acknowledged ids not in the database")
    if found["acknowledged"] != sent or found["stored"] != sent:
        wrong.append(f"sent {sent}, acknowledged {found['acknowledged']}, stored {found['stored']}")
    if found["ratings"] != sent * RATINGS_PER_SURVEY or found["responses_with_wrong_ratings"]:
        wrong.append(f"{found['ratings']} ratings for {sent} surveys: lost or duplicated")
    if found["comments"] != sent:
        wrong.append(f"{found['comments']} comments for {sent} surveys")
    if found["unexpected"]:
        wrong.append(f"{found['unexpected']} unexpected answers")
    return wrong
