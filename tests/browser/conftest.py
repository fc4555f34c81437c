"""Real-browser fixtures: the app on a free 127.0.0.1 port, Debian's Chromium through Playwright.

Chromium must start: when it cannot, these tests fail (they are never skipped). `make test`
installs Debian's chromium and axe-core (npm) when they are missing.
"""

from __future__ import annotations

import pytest

from .helpers import (
    AXE,
    CHROMIUM,
    CHROMIUM_FLAGS,
    SCREENSHOTS,
    SIZES,
    LiveServer,
    new_context,
)


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
