"""The benchmark harness runs end to end on tiny sizes (times are printed, never asserted).

bench/ is run as a program here, never imported: the tests do not depend on it.
"""

import subprocess
import sys

from .helpers import ROOT


def test_quick_bench_prints_one_table_with_every_benchmark():
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--only", "reads,files,tag"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "harness self-check: verdicts, foreign URLs and byte counting ok" in done.stdout
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
    assert (ROOT / "bench" / "results" / "quick.md").read_text().strip() in done.stdout
