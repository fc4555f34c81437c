"""Benchmark 7: the tablet in a real browser (Debian's Chromium through Playwright).

- bytes a tablet downloads on its first load: pairing, the start page, CSS/JS, the service
  worker and everything it caches (the kiosk page in every language: the questionnaire);
- bytes a later survey downloads before Send (the offline kiosk needs none);
- in-page time from a tap to the next screen, median and p95 over scripted surveys on the
  3-desk tablet, against the form path's tap-to-next-page in the same run as the baseline.

Bytes are counted at the server (every response's status line, headers and body), so the
service worker's own downloads count too. The tablet's heartbeat (a status report every 30 s,
not part of a survey) is left out of the later-survey count and shown on its own.

    python -m bench.tablet
"""

from __future__ import annotations

import logging
import os
import statistics
import threading
from pathlib import Path

from .common import Report, Result, fresh_dir, survey

CHROMIUM = "/usr/bin/chromium"
OSS = ("expat_centre", "gemeenteloket", "ind")
HEARTBEAT = "/api/v1/tablet/heartbeat"

# Runs in every page before its own scripts: the time from the end of a tap (pointerup) to the
# first frame after the next screen is shown (the kiosk's data-shown) or the next page loaded.
TAP_TIMER = """(() => {
  const now = () => performance.timeOrigin + performance.now();
  addEventListener("pointerup", () => sessionStorage.setItem("bench.tap", String(now())), true);
  const settle = () => requestAnimationFrame(() => {
    const tapped = Number(sessionStorage.getItem("bench.tap") || 0);
    if (!tapped) return;
    sessionStorage.removeItem("bench.tap");
    const times = JSON.parse(sessionStorage.getItem("bench.times") || "[]");
    times.push(now() - tapped);
    sessionStorage.setItem("bench.times", JSON.stringify(times));
  });
  new MutationObserver(settle).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-shown"]});
  addEventListener("load", settle);
})();"""


class CountingApp:
    """WSGI middleware: the bytes the server sends, per path."""

    def __init__(self, app):
        self.app = app
        self.sent: list[tuple[str, int]] = []

    def reset(self) -> None:
        self.sent = []

    def wait_quiet(self, page, seconds: float, limit: float = 20) -> None:
        """Wait until no request has arrived for `seconds` (at most `limit`)."""
        quiet, waited, seen = 0.0, 0.0, len(self.sent)
        while quiet < seconds and waited < limit:
            page.wait_for_timeout(250)
            waited += 0.25
            quiet = 0.0 if len(self.sent) != seen else quiet + 0.25
            seen = len(self.sent)

    def total(self, skip: str | None = None) -> int:
        return sum(size for path, size in self.sent if path != skip)

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        size = 0

        def counting_start(status, headers, exc_info=None):
            nonlocal size
            size += len(status) + 11 + sum(len(k) + len(v) + 4 for k, v in headers) + 2
            return start_response(status, headers, exc_info)

        body = self.app(environ, counting_start)
        try:
            for chunk in body:
                size += len(chunk)
                yield chunk
        finally:
            if hasattr(body, "close"):
                body.close()
            self.sent.append((path, size))


class InProcessServer:
    """The app on a free port in a thread, wrapped in CountingApp."""

    def __init__(self, instance: Path):
        from werkzeug.serving import make_server

        from survey import create_app

        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
        os.environ["SURVEY_INSTANCE_PATH"] = str(instance)
        self.counter = CountingApp(create_app())
        self.server = make_server("127.0.0.1", 0, self.counter, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join()
        self.server.server_close()


def new_tablet(browser, workers: str):
    context = browser.new_context(
        viewport={"width": 820, "height": 1180}, has_touch=True, service_workers=workers
    )
    context.add_init_script(TAP_TIMER)
    return context, context.new_page()


def taps(page) -> list[float]:
    """The tap-to-screen times recorded so far in this tab (and forget them)."""
    found = page.evaluate("JSON.parse(sessionStorage.getItem('bench.times') || '[]')")
    page.evaluate("sessionStorage.removeItem('bench.times')")
    return found


def offline_kiosk_survey(page, send: bool = True) -> None:
    """One client on the offline kiosk: English, all three desks, a 4 on every rating."""
    page.get_by_role("link", name="English").tap()
    for desk in ("Expat Centre", "GemeenteLoket (municipality)", "IND (immigration service)"):
        page.get_by_role("checkbox", name=desk).tap()
    page.get_by_role("button", name="Next", exact=True).tap()
    while page.locator("section.screen:visible").get_attribute("data-kind") == "question":
        screen = page.locator("section.screen:visible")
        radio = screen.locator("input[type=radio][value='4']")
        (radio if radio.count() else screen.locator("input[type=radio]").first).locator(
            "xpath=.."
        ).tap()
        page.get_by_role("button", name="Next", exact=True).tap()
    page.get_by_role("textbox", name="What can we do better?").fill("More chairs")
    if send:
        page.get_by_role("button", name="Send", exact=True).tap()
        page.get_by_role("heading", name="Thank you!").wait_for()


def form_path_survey(page, url: str) -> None:
    """The same client on the form path (no service worker): a page per step."""
    page.goto(url + "/")
    page.get_by_role("link", name="English").tap()
    page.wait_for_url("**/en/desks")
    for desk in ("Expat Centre", "GemeenteLoket (municipality)", "IND (immigration service)"):
        page.get_by_role("checkbox", name=desk).tap()
    page.get_by_role("button", name="Next", exact=True).tap()
    page.wait_for_url("**/en/survey?**")
    for name in page.locator("input[type=radio][value='4']").evaluate_all(
        "radios => radios.map(r => r.name)"
    ):
        page.locator(f"input[name={name}][value='4']").locator("xpath=..").tap()
    page.get_by_role("button", name="Next", exact=True).tap()
    page.get_by_role("textbox", name="What can we do better?").fill("More chairs")
    page.get_by_role("button", name="Send", exact=True).tap()
    page.wait_for_url("**/en/thanks")
    page.wait_for_load_state("load")


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def run(report: Report, quick: bool) -> None:
    """Benchmark 7: bytes and tap-to-screen time on a real tablet browser."""
    if not Path(CHROMIUM).exists():
        report.add(Result("7 tablet", None, None, "", "", note="chromium missing"))
        return
    from playwright.sync_api import sync_playwright

    surveys = 2 if quick else 5
    instance = fresh_dir("tablet") / "instance"
    survey(instance, "init")
    args = [x for d in OSS for x in ("--desk", d)]
    links = [
        survey(instance, "tablet", "add", name, *args).strip().splitlines()[-1]
        for name in ("Bench tablet", "Bench form path")
    ]
    server = InProcessServer(instance)
    links = [server.url + link[link.index("/pair/") :] for link in links]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
            )
            context, page = new_tablet(browser, "allow")
            server.counter.reset()
            page.goto(links[0])
            page.locator("body[data-offline-ready=true]").wait_for()
            first_load = server.counter.total()
            first_paths = len(server.counter.sent)
            offline_kiosk_survey(page)  # the first client; its survey is sent
            page.locator("body[data-queued='0']").wait_for(state="attached")
            # Once a survey is stored the worker checks the cached pages for a newer
            # questionnaire: that belongs to the Send before, not to the next survey.
            page.locator("body[data-refreshed]").wait_for(state="attached")
            # Chromium checks the worker's script a moment after a navigation: let it land.
            server.counter.wait_quiet(page, seconds=3)
            page.get_by_role("button", name="Done").tap()
            taps(page)
            server.counter.reset()
            offline_kiosk_survey(page, send=False)
            later = server.counter.total(skip=HEARTBEAT)
            later_paths = sorted({path for path, _ in server.counter.sent if path != HEARTBEAT})
            heartbeats = server.counter.total() - later
            page.get_by_role("button", name="Send", exact=True).tap()
            page.get_by_role("button", name="Done").tap()
            times = taps(page)
            for _ in range(surveys - 1):
                offline_kiosk_survey(page)
                page.get_by_role("button", name="Done").tap()
                times += taps(page)
            context.close()

            context, page = new_tablet(browser, "block")
            page.goto(links[1])
            baseline: list[float] = []
            for _ in range(surveys):
                form_path_survey(page, server.url)
                baseline += taps(page)
            context.close()
            browser.close()
    finally:
        server.stop()

    report.add(
        Result(
            "7 tablet: bytes on first load (with questionnaire)",
            first_load / 1000,
            None,
            "KB",
            "<= 100",
            absolute=True,
        )
    )
    report.add(
        Result(
            "7 tablet: bytes of a later survey before Send", later, None, "B", "<= 0", absolute=True
        )
    )
    app_median, app_p95 = statistics.median(times), p95(times)
    base_median, base_p95 = statistics.median(baseline), p95(baseline)
    report.add(
        Result("7 tablet: tap to next screen, p95", app_p95, None, "ms", "< 50", absolute=True)
    )
    report.add(
        Result(
            "7 tablet: tap to next screen, median vs form path",
            app_median,
            base_median,
            "ms",
            "",
        )
    )
    report.note(
        f"tablet first load: {first_load:,} bytes in {first_paths} responses (pairing, start page,"
        " CSS/JS, service worker, the kiosk page in 4 languages, icons, heartbeats); a later"
        f" survey before Send: {later:,} bytes {later_paths or ''}(heartbeats in that time:"
        f" {heartbeats:,} bytes)"
    )
    report.note(
        f"tap to next screen over {surveys} surveys on the 3-desk tablet (820x1180, touch):"
        f" offline kiosk {len(times)} taps, median {app_median:.1f} ms, p95 {app_p95:.1f} ms;"
        f" form path {len(baseline)} taps, median {base_median:.1f} ms, p95 {base_p95:.1f} ms"
    )


def main() -> None:
    report = Report()
    run(report, quick=False)
    for result in report.results:
        print(
            f"{result.name}: {result.measured:,.1f} {result.unit}"
            + (f" (baseline {result.baseline:,.1f} {result.unit})" if result.baseline else "")
            + f"  target {result.target or '-'}  {result.verdict}"
        )


if __name__ == "__main__":
    main()
