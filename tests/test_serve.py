"""`survey serve`: real gunicorn workers keep every request's state to that request."""

import http.cookiejar
import os
import urllib.request
from pathlib import Path

from survey.serve import MEMORY_DIR

from .helpers import instance_env
from .helpers.load import Server, survey


def browser():
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def test_one_worker_never_serves_a_tablet_another_tablets_identity(tmp_path):
    env = instance_env(tmp_path / "instance")
    survey(env, "init")
    one = survey(env, "tablet", "add", "IND desk", "--desk", "ind").splitlines()[-1]
    two = survey(env, "tablet", "add", "OSS", "--desk", "ind", "--desk", "expat_centre")
    two = two.splitlines()[-1]
    server = Server(tmp_path / "instance", workers=1)
    server.start()
    try:
        base = server.base
        ind, oss = browser(), browser()
        ind.open(base + one).read()
        oss.open(base + two).read()
        for _ in range(3):
            # The same (only) worker serves the single-desk tablet, then the two-desk one.
            ind.open(base + "/en/survey").read()
            page = oss.open(base + "/en/survey?desk=ind&desk=expat_centre").read().decode()
            assert "desk=ind&amp;desk=expat_centre" in page
            assert "Expat Centre" in page
    finally:
        server.stop()


def test_a_workers_heartbeat_file_lives_in_memory(tmp_path):
    env = instance_env(tmp_path / "instance")
    survey(env, "init")
    server = Server(tmp_path / "instance", workers=1)
    server.start()
    try:
        workers = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children")
        worker = workers.read_text().split()[0]
        files = [os.readlink(fd) for fd in Path(f"/proc/{worker}/fd").iterdir()]
        assert any(name.startswith(f"{MEMORY_DIR}/") for name in files), files
    finally:
        server.stop()
