"""Browser-test helpers: the live server, Chromium's settings, axe-core at WCAG 2.1 A/AA, touch
target sizes and screenshots. The fixtures that use them live in conftest.py.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path

from werkzeug.serving import make_server

from survey import create_app, db

from ..helpers import QUESTIONS, ROOT, add_tablet

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
        self.server = make_server("127.0.0.1", 0, whole_bodies(self.app), threaded=False)
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


def whole_bodies(app):
    """`app` with each response body read (and its file closed) before it is sent.

    werkzeug's development server skips closing a response when the browser drops the connection
    while it drains the request (a page navigating away while an icon streams): the open file
    then failed an unrelated test under -W error. gunicorn, which serves users, closes it.
    """

    def wsgi(environ, start_response):
        answer = app(environ, start_response)
        try:
            return [b"".join(answer)]
        finally:
            if hasattr(answer, "close"):
                answer.close()

    return wsgi


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


AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return {
    version: axe.version,
    violations: result.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
    })),
  };
}"""

# Everything a finger can hit; a radio or checkbox counts by the label that wraps it.
TARGETS = """(selector) => {
  const found = [];
  for (const el of document.querySelectorAll(selector)) {
    const target = el.closest("label") || el;
    const box = target.getBoundingClientRect();
    if (box.width === 0 || box.right < 0 || getComputedStyle(target).visibility === "hidden") continue;
    found.push({what: target.outerHTML.slice(0, 80), width: box.width, height: box.height});
  }
  return found;
}"""


def assert_accessible(page, what: str) -> str:
    """axe-core finds no WCAG 2.1 A/AA violation on the page; returns axe's version."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))  # a context made without new_context
    result = page.evaluate(AXE_RUN, WCAG_TAGS)
    assert result["violations"] == [], f"{what} ({page.url}): {result['violations']}"
    return result["version"]


CONTROLS = "a, button, textarea, select, input:not([type=hidden])"


def assert_touch_targets(page, what: str, selector: str = CONTROLS, minimum: int = 44) -> None:
    """Every visible control (of `selector`) is at least 44 x 44 CSS pixels."""
    found = page.evaluate(TARGETS, selector)
    small = [t for t in found if t["width"] < minimum or t["height"] < minimum]
    assert small == [], f"{what}: targets under {minimum}px: {small}"


def shoot(page, size: str, name: str) -> None:
    """A full-page screenshot into the run's screenshot folder."""
    folder = SCREENSHOTS / size
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def check_page(page, size: str, name: str) -> None:
    """Screenshot, axe-core and touch targets for one kiosk screen."""
    shoot(page, size, name)
    assert_accessible(page, name)
    assert_touch_targets(page, name)


def assert_no_scrolling(page, what: str) -> None:
    """The whole screen fits the viewport: the document is no taller or wider than the window."""
    size = page.evaluate(
        "({height: document.documentElement.scrollHeight, width: document.documentElement.scrollWidth,"
        " viewHeight: window.innerHeight, viewWidth: window.innerWidth})"
    )
    assert size["height"] <= size["viewHeight"], f"{what}: {size}"
    assert size["width"] <= size["viewWidth"], f"{what}: {size}"
