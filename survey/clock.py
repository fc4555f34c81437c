"""Time in one place: stored times are UTC ISO-8601 strings, people see the instance's time zone.

Every stored timestamp has the same fixed shape (`2021-06-30T12:00:00Z`) so that string order is
time order and range filters run on plain indexes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

STORED_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC).replace(microsecond=0)


def stamp(moment: datetime | None = None) -> str:
    """A stored timestamp for `moment` (default: now)."""
    moment = moment or now()
    if moment.tzinfo is None:
        raise ValueError("naive datetime: a stored time must know its zone")
    return moment.astimezone(UTC).strftime(STORED_FORMAT)


def parse_timestamp(value: str) -> datetime:
    """Parse an ISO-8601 time with a zone (Z or +hh:mm); raise ValueError otherwise."""
    if not isinstance(value, str) or len(value) > 40:
        raise ValueError("not an ISO-8601 time")
    parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    if parsed.tzinfo is None:
        raise ValueError("an ISO-8601 time with a zone (Z or +01:00) is required")
    return parsed.astimezone(UTC).replace(microsecond=0)


def normalise(value: str) -> str:
    """Any zoned ISO-8601 time as a stored timestamp."""
    return stamp(parse_timestamp(value))


def parse_day(value: str) -> date:
    """Parse YYYY-MM-DD; raise ValueError with a readable message otherwise."""
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"'{value}' is not a date in the form YYYY-MM-DD") from None


def day_range(first: date | None, last: date | None, zone: str) -> tuple[str | None, str | None]:
    """Stored-timestamp bounds [start, end) for the local calendar days first..last inclusive."""
    tz = ZoneInfo(zone)
    start = stamp(datetime.combine(first, time(), tz)) if first else None
    end = stamp(datetime.combine(last + timedelta(days=1), time(), tz)) if last else None
    return start, end


def local(value: str, zone: str) -> datetime:
    """A stored timestamp as a datetime in the instance's zone."""
    return parse_timestamp(value).astimezone(ZoneInfo(zone))
