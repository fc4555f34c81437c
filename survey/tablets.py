"""A tablet's state, as the tablets page, the desk page and `survey tablet list` show it."""

from __future__ import annotations

from datetime import datetime, timedelta

from . import clock, i18n

REVOKED, UNPAIRED, PAIRED = "revoked", "unpaired", "paired"


def pairing_state(tablet: dict) -> str:
    """revoked, unpaired (its link not opened yet) or paired."""
    if tablet["revoked_at"]:
        return REVOKED
    return PAIRED if tablet["token_hash"] else UNPAIRED


def armable(tablets: list[dict]) -> list[dict]:
    """Paired, unrevoked tablets in armed mode (a clerk arms their next survey)."""
    return [t for t in tablets if t["mode"] == "armed" and pairing_state(t) == PAIRED]


def health(
    tablet: dict, now: datetime, offline_after: int, zone: str, lang: str = "en"
) -> tuple[str, str]:
    """(state, text) for one tablet: revoked, unpaired, online, offline since HH:MM, never seen."""
    _ = i18n.translator(lang)
    state = pairing_state(tablet)
    if state == REVOKED:
        return "revoked", _("revoked")
    if state == UNPAIRED:
        return "unpaired", _("waiting for pairing")
    if not tablet["last_seen_at"]:
        return "offline", _("never seen")
    seen = clock.parse_timestamp(tablet["last_seen_at"])
    if now - seen <= timedelta(seconds=offline_after):
        return "online", _("online")
    local = clock.local(tablet["last_seen_at"], zone)
    today = now.astimezone(local.tzinfo).date()
    when = local.strftime("%H:%M") if local.date() == today else local.strftime("%Y-%m-%d %H:%M")
    return "offline", _("offline since %(when)s", when=when)
