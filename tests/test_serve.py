"""`survey serve`: real gunicorn workers keep every request's state to that request."""

import http.cookiejar
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

SURVEY = str(Path(sys.executable).parent / "survey")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def survey(env, *args) -> str:
    done = subprocess.run([SURVEY, *args], env=env, capture_output=True, text=True, check=True)
    return done.stdout


def browser():
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def test_one_worker_never_serves_a_tablet_another_tablets_identity(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SURVEY_")}
    env["SURVEY_INSTANCE_PATH"] = str(tmp_path / "instance")
    survey(env, "init")
    one = survey(env, "tablet", "add", "IND desk", "--desk", "ind").splitlines()[-1]
    two = survey(env, "tablet", "add", "OSS", "--desk", "ind", "--desk", "expat_centre")
    two = two.splitlines()[-1]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [SURVEY, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
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
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
