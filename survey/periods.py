"""Periods people choose (this month, a custom range, ...) as local calendar days and months.

Days and months are in the instance's time zone; `clock` turns them into stored-UTC bounds.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from . import clock, i18n

KINDS = ("month", "quarter", "year", "range", "all")


@dataclass(frozen=True)
class Period:
    kind: str
    first: date | None  # local calendar days, inclusive; None = open
    last: date | None

    def bounds(self, zone: str) -> tuple[str | None, str | None]:
        """Stored-timestamp bounds [start, end)."""
        return clock.day_range(self.first, self.last, zone)

    def query(self) -> dict[str, str]:
        """The URL parameters that select this period."""
        params = {"period": self.kind}
        if self.kind == "range":
            params["from"] = self.first.isoformat() if self.first else ""
            params["to"] = self.last.isoformat() if self.last else ""
        return params


ALL_TIME = Period("all", None, None)


def resolve_period(
    kind: str, first: str | None, last: str | None, today: date, lang: str = "en"
) -> Period:
    """The period a picker choice means on `today`; ValueError with a message if invalid."""
    _ = i18n.translator(lang)
    if kind == "month":
        return Period(kind, today.replace(day=1), today)
    if kind == "quarter":
        start = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
        return Period(kind, start, today)
    if kind == "year":
        return Period(kind, today.replace(month=1, day=1), today)
    if kind == "all":
        return ALL_TIME
    if kind == "range":
        try:
            first_day = clock.parse_day(first) if first else None
            last_day = clock.parse_day(last) if last else None
        except ValueError:  # clock's own message is English; the page speaks `lang`
            raise ValueError(
                _(
                    "Pick a day between %(first)s and %(last)s.",
                    first=clock.EARLIEST_DAY.isoformat(),
                    last=clock.LATEST_DAY.isoformat(),
                )  # fmt: skip
            ) from None
        if first_day and last_day and first_day > last_day:
            raise ValueError(_("The first day lies after the last day."))
        return Period(kind, first_day, last_day)
    raise ValueError(_("Unknown period '%(kind)s'.", kind=kind))


def today_local(zone: str) -> date:
    """Today in the time zone `zone`."""
    return clock.now().astimezone(ZoneInfo(zone)).date()


def month_labels(first: date | None, last: date | None, seen: set[str]) -> list[str]:
    """Every month from first to last ('YYYY-MM'); open ends follow the months with data."""
    if first is None or last is None:
        if not seen:
            return []
        start = first or date.fromisoformat(min(seen) + "-01")
        end = last or date.fromisoformat(max(seen) + "-01")
    else:
        start, end = first, last
    labels, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        labels.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return labels


def month_bounds(
    labels: list[str], start: str | None, end: str | None, zone: str
) -> list[tuple[str | None, str | None]]:
    """Stored-time bounds of each local month ('YYYY-MM'), clipped to [start, end)."""
    bounds = []
    for label in labels:
        first = date.fromisoformat(label + "-01")
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        low, high = clock.day_range(first, last, zone)
        bounds.append((max(low, start) if start else low, min(high, end) if end else high))
    return bounds


def months_before(day: date, months: int) -> date:
    """The same calendar day `months` earlier (the month's last day when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return day.replace(year=year, month=month + 1, day=min(day.day, last))
