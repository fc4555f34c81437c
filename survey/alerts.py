"""Alert rules: "share of 1-2 ratings at a desk above X% over the last N days, with at least M".

Checking is a few indexed range counts, cheap enough for every dashboard view. Sending e-mail is
left to `survey alerts` (run it from cron): a slow or broken mail server must never hold up or
break a page.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any

from . import clock, store

REPEAT_HOURS = 24  # a rule that stays tripped is mailed again at most once a day


@dataclass(frozen=True)
class Trip:
    rule: dict[str, Any]
    desk_id: str
    n: int
    low: int

    @property
    def share(self) -> float:
        """The share of 1-2 ratings in the rule's window, 0..1."""
        return self.low / self.n if self.n else 0.0


def check(db, now: datetime | None = None, rules: list[dict] | None = None) -> list[Trip]:
    """Every (rule, desk) over its threshold right now."""
    now = now or clock.now()
    trips = []
    for rule in store.alert_rules(db) if rules is None else rules:
        start = clock.stamp(now - timedelta(days=rule["days"]))
        counts = store.low_rating_counts(db, start, clock.stamp(now), rule["desk_id"])
        for desk_id, (n, low) in sorted(counts.items()):
            if n >= rule["min_n"] and low / n > rule["low_share"]:
                trips.append(Trip(rule, desk_id, n, low))
    return trips


def describe(trip: Trip) -> str:
    """One line for the mail and the log (English; the dashboard words its own)."""
    rule = trip.rule
    ratings = "rating was" if trip.n == 1 else "ratings were"
    least = "rating" if rule["min_n"] == 1 else "ratings"
    days = "day" if rule["days"] == 1 else f"{rule['days']} days"
    return (
        f"{trip.desk_id}: {trip.share:.0%} of {trip.n} {ratings} 1 or 2 over the last"
        f" {days} (rule #{rule['id']}: above {rule['low_share']:.0%},"
        f" at least {rule['min_n']} {least})"
    )


def mail_configured(config) -> bool:
    """True when the instance config names a mail server, a sender and recipients."""
    return bool(config.get("MAIL_SERVER") and config.get("MAIL_FROM") and recipients(config))


def recipients(config) -> list[str]:
    """ALERT_RECIPIENTS as a list (a list or a comma-separated string)."""
    value = config.get("ALERT_RECIPIENTS") or []
    if isinstance(value, str):
        value = value.split(",")
    return [address.strip() for address in value if address.strip()]


def due(trips: list[Trip], now: datetime) -> list[Trip]:
    """The trips whose rule was not mailed within REPEAT_HOURS."""
    cutoff = clock.stamp(now - timedelta(hours=REPEAT_HOURS))
    return [t for t in trips if not t.rule["last_sent_at"] or t.rule["last_sent_at"] < cutoff]


def send(config, trips: list[Trip]) -> None:
    """Send one e-mail listing the trips; raises OSError / smtplib.SMTPException on failure."""
    message = EmailMessage()
    message["Subject"] = f"Desk survey alert: {len(trips)} rule(s) tripped"
    message["From"] = config["MAIL_FROM"]
    message["To"] = ", ".join(recipients(config))
    message.set_content(
        "Low ratings above the alert threshold:\n\n"
        + "\n".join(f"- {describe(t)}" for t in trips)
        + "\n\nSee the coordinator dashboard for details.\n"
    )
    port, timeout = int(config["MAIL_PORT"]), float(config["MAIL_TIMEOUT"])
    with smtplib.SMTP(config["MAIL_SERVER"], port, timeout=timeout) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(message)


def check_and_send(db, config, now: datetime | None = None) -> tuple[list[Trip], list[Trip]]:
    """Check every rule; mail the due trips when mail is configured. Return (tripped, mailed)."""
    now = now or clock.now()
    trips = check(db, now)
    todo = due(trips, now)
    if not todo or not mail_configured(config):
        return trips, []
    send(config, todo)
    for rule_id in {t.rule["id"] for t in todo}:
        store.alert_sent(db, rule_id, clock.stamp(now))
    return trips, todo
