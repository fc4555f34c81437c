"""The benchmark harness runs end to end on tiny sizes (times are printed, never asserted)."""

import subprocess
import sys

from bench import common, kiosk, tablet
from bench.__main__ import ROOT_RESULTS


def test_quick_bench_prints_one_table_with_every_benchmark():
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--only", "reads,files,tag"],
        cwd=common.ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    table = done.stdout.split("| benchmark | measured | baseline | ratio | target | result |")[1]
    for name in (
        "3 dashboard",
        "4 CSV export at 10k",
        "4 XLSX peak RSS",
        "5 survey import",
        "6 survey tag",
    ):
        assert name in table
    assert "failed" not in table  # every benchmark ran; n/a only for pages not yet built
    assert "| 50,000 |" in done.stdout  # the growth table
    assert (ROOT_RESULTS / "quick.md").read_text().strip() in done.stdout


def test_a_result_passes_or_misses_its_target():
    fast = common.Result("x", 80, 100, "req/s", ">= 0.6")
    slow = common.Result("x", 50, 100, "req/s", ">= 0.6")
    small = common.Result("page", 42, None, "KB", "< 100", absolute=True)
    missing = common.Result("y", None, 100, "ms", "<= 3")
    assert (fast.ratio, fast.verdict, slow.verdict) == (0.8, "pass", "miss")
    assert (small.verdict, missing.verdict) == ("pass", "n/a")


def test_urls_that_leave_the_server_are_found():
    assert not kiosk.foreign("/static/kiosk.css")
    assert not kiosk.foreign("#main")
    assert not kiosk.foreign("/en/survey?desk=ind&desk=expat_centre")
    assert kiosk.foreign("https://cdn.example.com/app.js")
    assert kiosk.foreign("//fonts.example.com/font.css")
    assert not kiosk.foreign("data:font/woff2;base64,AAAA")  # inline: no request


def test_the_tablet_bench_counts_every_byte_the_server_sends_and_its_p95():
    def tiny(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"hello", b" tablet"]

    counting = tablet.CountingApp(tiny)
    body = b"".join(counting({"PATH_INFO": "/x"}, lambda status, headers, exc_info=None: None))
    assert body == b"hello tablet"
    head = len("200 OK") + 11 + len("Content-Type") + len("text/plain") + 4 + 2
    assert counting.sent == [("/x", head + len(body))]
    assert counting.total(skip="/x") == 0
    assert tablet.p95([float(n) for n in range(1, 101)]) == 95.0
