"""Checks of the harness itself, run at the start of every `python -m bench` (and so by
tests/test_bench.py through `python -m bench --quick`): verdicts and the foreign-URL finder.
"""

from __future__ import annotations

from .common import Result
from .kiosk import foreign


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
    return "harness self-check: verdicts and foreign URLs ok"
