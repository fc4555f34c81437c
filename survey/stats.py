"""Pure statistics on 1-5 ratings, computed from value counts (never from row lists).

The database returns how many 1s, 2s, ... 5s a desk got for a question; everything a coordinator
reads (mean, n, 95% interval, CSAT %, distribution) follows from those five numbers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

SCALE = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class Summary:
    n: int
    mean: float | None
    sd: float | None
    ci: tuple[float, float] | None  # 95% interval of the mean, clipped to the scale
    csat: float | None  # share of 4 and 5, 0..1
    low_share: float | None  # share of 1 and 2, 0..1
    distribution: dict[int, int]  # value -> count, every value of the scale present

    def as_api(self) -> dict:
        """The unrounded figures in the read API's shape."""
        return {
            "mean": self.mean,
            "n": self.n,
            "csat": self.csat,
            "ci": list(self.ci) if self.ci else None,
        }


def t_critical(df: int) -> float:
    """Two-sided 95% critical value of Student's t with `df` degrees of freedom.

    Exact table values for small df, then Hill's (1970) expansion, which is within 1e-4 of the
    true quantile from df = 30 on; no SciPy needed for one number.
    """
    table = {
        1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306,
        9: 2.262, 10: 2.228, 11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120,
        17: 2.110, 18: 2.101, 19: 2.093, 20: 2.086, 21: 2.080, 22: 2.074, 23: 2.069, 24: 2.064,
        25: 2.060, 26: 2.056, 27: 2.052, 28: 2.048, 29: 2.045,
    }  # fmt: skip
    if df < 1:
        raise ValueError("df must be at least 1")
    if df in table:
        return table[df]
    z = 1.959964
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    return z + g1 / df + g2 / df**2 + g3 / df**3


def summarise(counts: Mapping[int, int]) -> Summary:
    """Summary statistics from value -> count."""
    distribution = {value: int(counts.get(value, 0)) for value in SCALE}
    n = sum(distribution.values())
    if n == 0:
        return Summary(0, None, None, None, None, None, distribution)
    total = sum(value * count for value, count in distribution.items())
    mean = total / n
    csat = (distribution[4] + distribution[5]) / n
    low = (distribution[1] + distribution[2]) / n
    if n == 1:
        return Summary(n, mean, None, None, csat, low, distribution)
    squares = sum(count * (value - mean) ** 2 for value, count in distribution.items())
    sd = math.sqrt(squares / (n - 1))
    half = t_critical(n - 1) * sd / math.sqrt(n)
    ci = (max(SCALE[0], mean - half), min(SCALE[-1], mean + half))
    return Summary(n, mean, sd, ci, csat, low, distribution)


def summarise_rows(rows: Iterable[Mapping]) -> dict[tuple[str, str], Summary]:
    """(desk, question) -> Summary from store.rating_distribution rows."""
    counts: dict[tuple[str, str], dict[int, int]] = {}
    for row in rows:
        key = (row["desk_id"], row["question_id"])
        counts.setdefault(key, {})[row["value"]] = row["n"]
    return {key: summarise(value_counts) for key, value_counts in counts.items()}


def overlaps(a: Summary, b: Summary) -> bool:
    """True when two intervals overlap: the data cannot tell which desk is rated higher."""
    if a.ci is None or b.ci is None:
        return True
    return a.ci[0] <= b.ci[1] and b.ci[0] <= a.ci[1]
