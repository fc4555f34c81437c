"""Benchmarks 1 and 2: kiosk submissions and kiosk pages, served for real, loaded by wrk.

Both the app (`survey serve`, gunicorn sync, 2 workers) and the bare baseline app
(bench/baseline_app.py under gunicorn with the same settings) run on this machine in the same
run, loaded by the same wrk command, so their ratio is meaningful even on a busy machine.
Every submission comes from one paired tablet (one cookie), as a busy desk's tablet would send
them; its signed cookie is verified once per worker, its row read on every request
(store.tablet_identity). Targets: throughput >= 0.5x the baseline, p99 <= 2.5x (until
2026-12: 0.6x and 2x).
"""

from __future__ import annotations

import http.client
import json
import os
import re
import sqlite3
import statistics
import uuid
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

from tests.helpers import IND_RATINGS, payload

from . import common
from .common import BIN, SURVEY, Load, Report, Result, Server, free_port, fresh_dir, survey, wrk

# The body of every submission; the id is new for every request. The comment carries a phone
# number and an e-mail address, so redaction and tagging run as they would on a real tablet.
PAYLOAD = payload(
    id="@ID@",
    ratings=[
        {**rating, "value": value} for rating, value in zip(IND_RATINGS, (5, 4, 4), strict=True)
    ],
    answers=[
        {
            "question": "better",
            "desk": None,
            "text": "Friendly staff, but I waited long. Call me on 06 12345678 or"
            " mail jan.jansen@example.nl",
        }
    ],
)


def post_script(path: str, headers: dict[str, str]) -> str:
    """wrk Lua: POST `path` with a unique canonical UUID in every body."""
    before, after = json.dumps(PAYLOAD).split("@ID@")
    salt = uuid.uuid4().hex[:12]  # a new salt per wrk run: ids never repeat across runs
    lines = [f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items()]
    return "\n".join(
        [
            'wrk.method = "POST"',
            'wrk.headers["Content-Type"] = "application/json"',
            *lines,
            "local threads = 0",
            "setup = function(thread) threads = threads + 1; thread:set('tid', threads) end",
            "local counter = 0",
            f"local before, after, salt = {json.dumps(before)}, {json.dumps(after)}, '{salt}'",
            "request = function()",
            "  counter = counter + 1",
            "  local id = string.format('%08x-%04x-4000-8000-%s', counter, tid or 0, salt)",
            f"  return wrk.format(nil, {json.dumps(path)}, nil, before .. id .. after)",
            "end",
        ]
    )


def get_script(headers: dict[str, str]) -> str:
    """wrk Lua: a plain GET with these headers."""
    return "\n".join(f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items())


class Browser:
    """A minimal HTTP client that keeps cookies and counts every byte it receives."""

    def __init__(self, base: str):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.cookies: dict[str, str] = {}
        self.received = 0
        self.requests = 0

    def request(self, method: str, path: str, form: dict | None = None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        conn.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";")[0].partition("=")
            self.cookies[name.strip()] = value.strip()
        head = sum(len(k) + len(v) + 4 for k, v in response.headers.items()) + 17
        self.received += len(data) + head
        self.requests += 1
        return response.status, response.headers, data

    def follow(self, method: str, path: str, form: dict | None = None):
        """Request, then follow redirects; return (final path, body)."""
        status, headers, data = self.request(method, path, form)
        while status in (301, 302, 303, 307, 308):
            path = urlsplit(urljoin(path, headers["Location"])).path or "/"
            status, headers, data = self.request("GET", path)
        return path, status, data.decode("utf-8", "replace")


class Page(HTMLParser):
    """Links, sources and the first form of a page."""

    def __init__(self, html: str):
        super().__init__()
        self.urls: list[str] = []
        self.assets: list[str] = []
        self.form_action: str | None = None
        self.form_method = "get"
        self.fields: dict[str, list[str]] = {}
        self.radios: dict[str, list[str]] = {}
        self.checkboxes: dict[str, list[str]] = {}
        self.buttons: dict[str, list[str]] = {}
        self.in_form = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("src", "href", "action", "formaction", "poster", "data"):
            if attrs.get(key):
                self.urls.append(attrs[key])
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "") or tag == "script":
            if attrs.get("href") or attrs.get("src"):
                self.assets.append(attrs.get("href") or attrs.get("src"))
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            url = (attrs.get("content") or "").partition("url=")[2]
            if url:
                self.urls.append(url)
        if tag == "form" and self.form_action is None:
            self.in_form = True
            self.form_action = attrs.get("action") or ""
            self.form_method = (attrs.get("method") or "get").lower()
        if not self.in_form or not attrs.get("name"):
            return
        name = attrs["name"]
        kind = (attrs.get("type") or "text").lower()
        if tag == "input" and kind == "radio":
            self.radios.setdefault(name, []).append(attrs.get("value", ""))
        elif tag == "input" and kind == "checkbox":
            self.checkboxes.setdefault(name, []).append(attrs.get("value", "on"))
        elif tag == "input" and kind in ("submit", "button", "image"):
            self.buttons.setdefault(name, []).append(attrs.get("value", ""))
        elif tag == "input":
            self.fields.setdefault(name, []).append(attrs.get("value", ""))
        elif tag == "textarea":
            self.fields.setdefault(name, []).append("Friendly staff, clear information.")
        elif tag == "button":
            self.buttons.setdefault(name, []).append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False

    def answers(self) -> dict[str, list[str]]:
        """The form filled as a happy client would: every box ticked, every rating the best."""
        form = dict(self.fields)
        for name, values in self.radios.items():
            form[name] = ["5"] if "5" in values else values[:1]
        form.update(self.checkboxes)
        for name, values in self.buttons.items():
            chosen = [v for v in values if v in ("submit", "next")]
            form[name] = chosen[:1] or values[:1]
        return form


def foreign(url: str) -> bool:
    """True when a URL in a page names another host: the browser would leave this server."""
    return bool(urlsplit(url.strip()).netloc)


def whole_survey(base: str, link: str, desks: list[str]) -> tuple[int, int, list[str], int]:
    """Walk a whole survey as a client would; return (bytes, requests, foreign URLs, pages)."""
    browser = Browser(base)
    browser.follow("GET", link)  # pairing: not part of a client's survey
    browser.received = browser.requests = 0
    seen_assets: set[str] = set()
    outside: list[str] = []
    path, status, html = browser.follow("GET", "/")
    pages = 0
    for _ in range(12):
        pages += 1
        page = Page(html)
        outside += [u for u in page.urls if foreign(u)]
        for asset in page.assets:
            if not foreign(asset) and asset not in seen_assets:
                seen_assets.add(asset)
                _, _, css = browser.follow("GET", urljoin(path, asset))
                outside += [u for u in re.findall(r"url\(['\"]?([^'\")]+)", css) if foreign(u)]
        if "/thanks" in path:
            break
        if page.form_action is None:  # the start page: pick the first language
            links = [u for u in page.urls if re.search(r"^/\w\w/", u)]
            path, status, html = browser.follow("GET", links[0])
        elif page.form_method == "get":  # which desks: all of them
            form = page.answers() or {"desk": desks}
            target = urljoin(path, page.form_action or path)
            path, status, html = browser.follow("GET", f"{target}?{urlencode(form, doseq=True)}")
        else:
            target = urljoin(path, page.form_action or path)
            path, status, html = browser.follow("POST", target, page.answers())
        if status >= 400:
            raise RuntimeError(f"the survey walk got {status} at {path}: {html[:2000]}")
    if "/thanks" not in path:
        raise RuntimeError(f"the survey walk did not reach the thank-you page (at {path})")
    return browser.received, browser.requests, outside, pages


def pair(base: str, link: str) -> tuple[str, str]:
    """Pair a new browser; return its Cookie header and the page's CSRF token."""
    browser = Browser(base)
    _, _, html = browser.follow("GET", link)
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', html).group(1)
    return "; ".join(f"{k}={v}" for k, v in browser.cookies.items()), token


def middle(loads: list[Load]) -> Load:
    """The median of several runs, figure by figure; errors are summed, never hidden."""
    return Load(
        rps=statistics.median(x.rps for x in loads),
        p50=statistics.median(x.p50 for x in loads),
        p99=statistics.median(x.p99 for x in loads),
        errors=sum(x.errors for x in loads),
        requests=sum(x.requests for x in loads),
        kinds={k: sum(x.kinds.get(k, 0) for x in loads) for y in loads for k in y.kinds},
    )


def run(report: Report, quick: bool) -> None:
    """Benchmarks 1 (submissions) and 2 (kiosk pages)."""
    seconds, rounds = (1, 1) if quick else (3, 3)
    if not common.ensure_tool("wrk", "wrk"):
        for name in ("submit", "page"):
            report.add(Result(f"kiosk {name}", None, None, "", "", note="wrk missing"))
        return
    scratch = fresh_dir("kiosk")
    gunicorn = str(BIN / "gunicorn")
    instance = scratch / "instance"
    survey(instance, "init")
    link = survey(instance, "tablet", "add", "Bench", "--desk", "ind").strip().splitlines()[-1]
    oss = ["expat_centre", "gemeenteloket", "ind"]
    args = ["tablet", "add", "Bench OSS"] + [x for d in oss for x in ("--desk", d)]
    oss_link = survey(instance, *args).strip().splitlines()[-1]

    # The baseline: bare Flask under gunicorn, sync, 2 workers, same load.
    port = free_port()
    env = {**os.environ, "BENCH_DB": str(scratch / "baseline.sqlite3")}
    cmd = [gunicorn, "-w", "2", "-k", "sync", "--preload", "-b", f"127.0.0.1:{port}"]
    base = Server(cmd + ["bench.baseline_app:app"], env, port, scratch / "baseline.log")
    port = free_port()
    cmd = [SURVEY, "serve", "--port", str(port), "--workers", "2"]
    with base, Server(cmd, common.instance_env(instance), port, scratch / "serve.log") as app:
        base.wait_ready("/healthz")
        app.wait_ready("/healthz")
        cookie, token = pair(app.url, link)
        path = "/api/v1/responses"
        tablet = {"Cookie": cookie, "X-CSRFToken": token}
        # Script factories: every wrk run gets a new salt, so no id is ever sent twice.
        loads = {
            "base16": (base.url + "/submit", lambda: post_script("/submit", {}), 16),
            "app16": (app.url + path, lambda: post_script(path, tablet), 16),
            "base64": (base.url + "/submit", lambda: post_script("/submit", {}), 64),
            "app64": (app.url + path, lambda: post_script(path, tablet), 64),
            "base_page": (base.url + "/page", lambda: get_script({}), 16),
            "app_page": (app.url + "/en/survey", lambda: get_script({"Cookie": cookie}), 16),
        }
        for url, script, _ in loads.values():
            wrk(url, script(), 4, 1)  # warm up
        # Short runs, app and baseline in turn, several rounds: the machine's other load then
        # weighs on both alike, and the median drops a round that a burst elsewhere spoiled.
        seen: dict[str, list[Load]] = {name: [] for name in loads}
        for _ in range(rounds):
            for name, (url, script, connections) in loads.items():
                seen[name].append(wrk(url, script(), connections, seconds))
        size, requests, outside, pages = whole_survey(app.url, oss_link, oss)
    base16, app16, base64, app64, base_page, app_page = (
        middle(seen[name]) for name in loads
    )  # fmt: skip
    with sqlite3.connect(instance / "survey.sqlite3") as db:
        stored = db.execute("select count(*) from responses where source = 'api'").fetchone()[0]

    report.add(Result("1 submit: throughput at 16 conns", app16.rps, base16.rps, "req/s", ">= 0.5"))
    report.add(Result("1 submit: p99 at 16 conns", app16.p99, base16.p99, "ms", "<= 2.5"))
    report.add(
        Result(
            "1 submit: 64 conns vs 16 conns",
            app64.rps,
            app16.rps,
            "req/s",
            ">= 0.7",
            note=f"{app64.errors} errors",
        )
    )
    report.add(
        Result(
            "1 submit: errors at 16+64 conns",
            app16.errors + app64.errors,
            None,
            "",
            "<= 0",
            absolute=True,
        )  # fmt: skip
    )
    report.add(
        Result("2 page: throughput vs bare render", app_page.rps, base_page.rps, "req/s", ">= 0.5")
    )
    report.add(
        Result("2 page: bytes of a whole survey", size / 1000, None, "KB", "< 100", absolute=True)
    )
    report.add(
        Result("2 page: requests leaving the server", len(outside), None, "", "<= 0", absolute=True)
    )
    report.note(
        f"wrk, 2 threads: median of {rounds} rounds of {seconds} s, app and baseline in turn"
    )
    report.note(
        f"submit at 16 conns: app {app16.rps:,.0f}/s p50 {app16.p50:.1f} ms p99 {app16.p99:.1f} ms;"
        f" baseline {base16.rps:,.0f}/s p50 {base16.p50:.1f} ms p99 {base16.p99:.1f} ms"
    )
    report.note(
        f"submit at 64 conns: app {app64.rps:,.0f}/s p99 {app64.p99:.1f} ms, {app64.errors} errors"
        f" {app64.kinds or ''}; baseline {base64.rps:,.0f}/s p99 {base64.p99:.1f} ms,"
        f" {base64.errors} errors {base64.kinds or ''}"
    )
    accepted = app16.requests + app64.requests - app16.errors - app64.errors
    report.note(
        f"responses stored: {stored:,}, each id new (2xx in the measured runs: {accepted:,},"
        " plus the warm-up)"
    )
    report.note(
        f"kiosk page GET /en/survey: {app_page.rps:,.0f}/s p99 {app_page.p99:.1f} ms;"
        f" bare template render {base_page.rps:,.0f}/s p99 {base_page.p99:.1f} ms"
    )
    report.note(
        f"whole survey on a 3-desk tablet: {size:,} bytes in {requests} requests ({pages} screens),"
        f" CSS and JS included; URLs leaving the server: {outside or 'none'}"
    )
