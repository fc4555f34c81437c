"""Real-browser fixtures: the app on a free 127.0.0.1 port, Debian's Chromium through Playwright.

Chromium must start: when it cannot, these tests fail (they are never skipped). `make test`
installs Debian's chromium and axe-core (npm) when they are missing.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from survey import create_app, db

from ..conftest import QUESTIONS, ROOT, add_tablet

CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(os.environ.get("SURVEY_SCREENSHOTS") or ROOT / "test-artifacts" / "screenshots")
SIZES = {"landscape": (1180, 820), "portrait": (820, 1180)}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class LiveServer:
    """The app served by werkzeug in a thread on a free port, with its own instance folder."""

    def __init__(self, folder: Path, **config):
        folder.mkdir(parents=True, exist_ok=True)
        old = os.environ.get("SURVEY_INSTANCE_PATH")
        os.environ["SURVEY_INSTANCE_PATH"] = str(folder)
        try:
            self.app = create_app(
                {
                    "DATABASE": str(folder / "survey.sqlite3"),
                    "QUESTIONS_FILE": str(QUESTIONS),
                    **config,
                }
            )
        finally:
            if old is None:
                os.environ.pop("SURVEY_INSTANCE_PATH")
            else:
                os.environ["SURVEY_INSTANCE_PATH"] = old
        # One thread answers every request, so the app keeps a single SQLite connection.
        self.server = make_server("127.0.0.1", 0, self.app, threaded=False)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def pairing_link(self, name: str, desks=("ind",), mode="open") -> str:
        """A fresh one-time pairing URL for a new tablet."""
        return self.url + add_tablet(self.app, name, desks, mode)

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join()
        self.server.server_close()
        db.close(self.app.config["DATABASE"])


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app as a real HTTP server (idle reset long enough not to interfere)."""
    live = LiveServer(tmp_path_factory.mktemp("live"), IDLE_SECONDS=300, THANKS_SECONDS=60)
    yield live
    live.stop()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless; a start failure fails the test run."""
    from playwright.sync_api import sync_playwright

    assert AXE.exists(), f"{AXE} missing: run `make test` (it installs axe-core)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


def new_context(browser, size: str, workers: str = "allow"):
    """A touch tablet of the given size (landscape 1180x820 or portrait 820x1180).

    The app's Content-Security-Policy is enforced; axe-core comes in as an init script, which
    the browser runs outside the page's policy. `workers="block"` keeps the service worker
    out: the kiosk then behaves as over plain HTTP on a LAN (the form path, enhanced).
    """
    width, height = SIZES[size]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        has_touch=True,
        service_workers=workers,
    )
    context.add_init_script(path=str(AXE))
    return context


@contextmanager
def tablet_page(browser, size: str, workers: str = "allow"):
    """A fresh touch tablet of this size (see new_context): gives (context, page)."""
    context = new_context(browser, size, workers)
    try:
        yield context, context.new_page()
    finally:
        context.close()


@pytest.fixture(params=list(SIZES))
def tablet(request, browser):
    """A fresh touch tablet on the form path (no service worker) at each screen size."""
    context = new_context(browser, request.param, workers="block")
    page = context.new_page()
    yield page, request.param
    context.close()


def pytest_terminal_summary(terminalreporter):
    if SCREENSHOTS.exists() and any(SCREENSHOTS.rglob("*.png")):
        count = sum(1 for _ in SCREENSHOTS.rglob("*.png"))
        terminalreporter.write_line(f"Kiosk screenshots ({count}): {SCREENSHOTS}")
