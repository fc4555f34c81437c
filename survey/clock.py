"""Time in one place: stored times are UTC ISO-8601 strings, people see the instance's time zone.

Every stored timestamp has the same fixed shape (`2021-06-30T12:00:00Z`) so that string order is
time order and range filters run on plain indexes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

STORED_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
# The plausibility window for every time and day the system takes in (forms, API, files, query
# strings, CLI): nothing before the survey era, nothing beyond the near future. Inside it every
# year has four digits, so stored strings sort as times and every page can read them back.
EARLIEST_DAY = date(2000, 1, 1)
LATEST_DAY = date(2099, 12, 31)  # periods, filters and notes may look ahead; submissions may not
FUTURE_TOLERANCE = timedelta(minutes=10)  # a tablet or an import's clock may run a little fast


class Implausible(ValueError):
    """A well-formed time or day outside the plausibility window."""


def now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC).replace(microsecond=0)


def stamp(moment: datetime | None = None) -> str:
    """A stored timestamp for `moment` (default: now)."""
    global _last_stamp
    moment = moment or now()
    last = _last_stamp  # one read: another thread may replace it meanwhile
    if moment == last[0] and moment.tzinfo is not None:
        return last[1]  # a survey stamps the same second several times
    if moment.tzinfo is None:
        raise ValueError("naive datetime: a stored time must know its zone")
    text = moment.astimezone(UTC).strftime(STORED_FORMAT)
    _last_stamp = (moment, text)
    return text


_last_stamp: tuple[datetime | None, str] = (None, "")


def parse_timestamp(value: str) -> datetime:
    """Parse an ISO-8601 time with a zone (Z or +hh:mm) inside the plausibility window.

    Raises Implausible for a well-formed time outside the window, ValueError for anything else.
    """
    if not isinstance(value, str) or len(value) > 40:
        raise ValueError("not an ISO-8601 time")
    parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    if parsed.tzinfo is None:
        raise ValueError("an ISO-8601 time with a zone (Z or +01:00) is required")
    try:
        moment = parsed.astimezone(UTC).replace(microsecond=0)
    except OverflowError:  # 0001-01-01T00:00:00+01:00 lies before the first representable UTC time
        raise Implausible(outside_window(value)) from None
    return plausible(moment)


def plausible(moment: datetime) -> datetime:
    """`moment` when it lies in the window (2000-01-01 up to now + tolerance); else Implausible."""
    if moment.date() < EARLIEST_DAY or moment > now() + FUTURE_TOLERANCE:
        raise Implausible(outside_window(moment.isoformat()))
    return moment


def outside_window(value: str) -> str:
    """The one message for a time outside the window."""
    return f"'{value}' is outside the plausible range (from {EARLIEST_DAY} until now)"


def normalise(value: str) -> str:
    """Any zoned ISO-8601 time as a stored timestamp."""
    return stamp(parse_timestamp(value))


def parse_day(value: str) -> date:
    """Parse YYYY-MM-DD inside the day window; raise ValueError with a readable message otherwise."""
    try:
        day = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise ValueError(f"'{str(value)[:40]}' is not a date in the form YYYY-MM-DD")
    return plausible_day(day)


def plausible_day(day: date) -> date:
    """`day` when it lies between EARLIEST_DAY and LATEST_DAY; else Implausible."""
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise Implausible(f"'{day.isoformat()}' is outside {EARLIEST_DAY} to {LATEST_DAY}")
    return day


def check_period(first: date | None, last: date | None) -> str | None:
    """The problem with a period picked by a person (a form, a query string, the CLI), or None."""
    for day in (first, last):
        if day is not None and not EARLIEST_DAY <= day <= LATEST_DAY:
            return f"'{day.isoformat()}' is outside {EARLIEST_DAY} to {LATEST_DAY}"
    if first and last and first > last:
        return "the first day lies after the last day"
    return None


def day_range(first: date | None, last: date | None, zone: str) -> tuple[str | None, str | None]:
    """Stored-timestamp bounds [start, end) for the local calendar days first..last inclusive."""
    tz = ZoneInfo(zone)
    start = stamp(datetime.combine(first, time(), tz)) if first else None
    end = stamp(datetime.combine(last + timedelta(days=1), time(), tz)) if last else None
    return start, end


def local(value: str, zone: str) -> datetime:
    """A stored timestamp as a datetime in the instance's zone."""
    return parse_timestamp(value).astimezone(ZoneInfo(zone))


def local_minute(value: str | None, zone: str) -> str | None:
    """A stored timestamp as the local "YYYY-MM-DD HH:MM" people read on lists; None stays None."""
    return local(value, zone).strftime("%Y-%m-%d %H:%M") if value else None
