"""Checks of the harness itself, run at the start of every `python -m bench` (and so by
tests/test_bench.py through `python -m bench --quick`): verdicts and the foreign-URL finder.
"""

from __future__ import annotations

from .common import Result
from .kiosk import foreign
from .tablet import CountingApp, p95


def check() -> str:
    """Raise AssertionError when the harness would judge wrongly; else a one-line summary."""
    fast = Result("x", 80, 100, "req/s", ">= 0.6")
    slow = Result("x", 50, 100, "req/s", ">= 0.6")
    small = Result("page", 42, None, "KB", "< 100", absolute=True)
    missing = Result("y", None, 100, "ms", "<= 3")
    assert (fast.ratio, fast.verdict, slow.verdict) == (0.8, "pass", "miss")
    assert (small.verdict, missing.verdict) == ("pass", "n/a")
    assert not foreign("/static/kiosk.css")
    assert not foreign("#main")
    assert not foreign("/en/survey?desk=ind&desk=expat_centre")
    assert foreign("https://cdn.example.com/app.js")
    assert foreign("//fonts.example.com/font.css")
    assert not foreign("data:font/woff2;base64,AAAA")  # inline: no request
    check_byte_counting()
    return "harness self-check: verdicts, foreign URLs and byte counting ok"


def check_byte_counting() -> None:
    """The tablet bench counts every byte the server sends (status, headers, body) and its p95."""

    def tiny(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"hello", b" tablet"]

    counting = CountingApp(tiny)
    body = b"".join(counting({"PATH_INFO": "/x"}, lambda status, headers, exc_info=None: None))
    assert body == b"hello tablet"
    head = len("200 OK") + 11 + len("Content-Type") + len("text/plain") + 4 + 2
    assert counting.sent == [("/x", head + len(body))]
    assert counting.total(skip="/x") == 0
    assert p95([float(n) for n in range(1, 101)]) == 95.0
