"""Numbers, shares, intervals and days as people read them, in a given language.

One system for pages, reports and the CLI: Babel's symbols and patterns, with no Flask needed
(the template filters in i18n.py call these with the page's language).
"""

from __future__ import annotations

import functools
from datetime import date, datetime

from babel.dates import format_date
from babel.numbers import format_decimal
from babel.numbers import format_percent as babel_percent

from . import stats

NONE = "–"  # what an absent number or day shows


@functools.lru_cache(maxsize=32)
def _separators(lang: str) -> dict[int, str]:
    """str.translate table from Python's ',' and '.' to the language's group and decimal signs."""
    group, point = format_decimal(1234.5, format="#,##0.0", locale=lang)[1::4]
    return str.maketrans({",": group, ".": point})


def number(value: float | int | None, lang: str, decimals: int = 0) -> str:
    """1,769 and 4.95 in English, 1.769 and 4,95 in Dutch, 1 769 and 4,95 in French.

    Babel's symbols, Python's formatting: format_decimal per number is slow enough to show on
    the dashboard, which formats hundreds of numbers (see `python -m bench`, dashboard reads).
    """
    if value is None:
        return NONE
    return f"{value:,.{decimals}f}".translate(_separators(lang))


def percent(share: float | None, lang: str) -> str:
    """A 0..1 share as a whole percentage in the language's pattern (87% in en, 87 % in fr)."""
    return NONE if share is None else babel_percent(share, locale=lang)


def mean_decimals(summary: stats.Summary) -> int:
    """Two decimals only where the interval is narrow enough for the second one to mean something.

    The pilot overview prints 4.9 next to 4.95; here the choice follows the data: below a
    half-width of 0.05 the second decimal is shown, otherwise one.
    """
    if summary.ci is None:
        return 1
    return 2 if (summary.ci[1] - summary.ci[0]) / 2 < 0.05 else 1


def mean(summary: stats.Summary, lang: str) -> str:
    """A mean with the decimals its interval supports."""
    return number(summary.mean, lang, mean_decimals(summary))


def interval(ci: tuple[float, float], lang: str) -> str:
    """A 95% interval as "4.81–4.97" (two decimals, the language's decimal sign)."""
    return f"{number(ci[0], lang, 2)}–{number(ci[1], lang, 2)}"


def day(value: date | datetime | str | None, lang: str, style: str = "long") -> str:
    """30 June 2021 / 30 juni 2021 / 30. Juni 2021 (Babel's `style` or a pattern like 'MMMM y')."""
    if value in (None, ""):
        return NONE
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return format_date(value, format=style, locale=lang)
