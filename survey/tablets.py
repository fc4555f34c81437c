"""Tablets: adding, pairing and revoking them (the one logic behind `survey tablet ...` and the
tablets page), and their state as the tablets page, the desk page and `survey tablet list` show it.

Flask-free: a door (CLI or page) checks who may act, passes the base URL it knows (BASE_URL, or
the page's own host) and turns the exceptions below into its own kind of message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import segno

from . import clock, credentials, i18n, store
from .questionnaire import Questionnaire
from .text import NAME_MAX
from .text import clean_name as cleaned

MODES = ("open", "armed")


class TabletError(ValueError):
    """Bad input for a tablet; `field` says which (name, desks, mode)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class NameTaken(TabletError):
    """Another tablet already has this name."""


class UnknownTablet(LookupError):
    """No (active) tablet of that name or id."""


@dataclass(frozen=True)
class Pairing:
    """A one-time pairing code issued for a tablet; the code is never stored, only its digest."""

    tablet: dict
    code: str

    @property
    def path(self) -> str:
        """The link's path, as the stable interface names it: /pair/<code>."""
        return f"/pair/{self.code}"

    def url(self, base: str | None) -> str:
        """The full link on `base` (e.g. https://survey.example.nl), or the path without one."""
        return f"{base.rstrip('/')}{self.path}" if base else self.path


def clean_name(name: object) -> str:
    """The tablet name stripped; TabletError unless it is 1-100 characters."""
    name = cleaned(name)
    if name is None:
        raise TabletError("name", f"a tablet name is 1-{NAME_MAX} characters")
    return name


def check_desks(questionnaire: Questionnaire, desks) -> list[str]:
    """The desk ids without repeats; TabletError for none or an unknown one."""
    known = [d.id for d in questionnaire.desks]
    desks = list(dict.fromkeys(desks or []))
    if not desks:
        raise TabletError("desks", "a tablet serves at least one desk")
    for desk in desks:
        if desk not in known:
            raise TabletError("desks", f"unknown desk '{desk}' (known: {', '.join(known)})")
    return desks


def add(db, questionnaire: Questionnaire, name, desks, mode, actor: str) -> Pairing:
    """Create a tablet waiting to be paired and return its pairing; nothing stored on bad input."""
    name = clean_name(name)
    desks = check_desks(questionnaire, desks)
    if mode not in MODES:
        raise TabletError("mode", f"the mode is one of: {', '.join(MODES)}")
    code = credentials.new_secret()
    try:
        tablet_id = store.add_tablet(db, name, desks, mode, credentials.digest(code))
    except store.IntegrityError:
        raise NameTaken("name", f"a tablet named '{name}' already exists") from None
    store.audit(db, actor, "tablet.added", name, {"desks": desks, "mode": mode})
    return Pairing(store.get_tablet(db, tablet_id), code)


def renew(db, tablet: dict | None, actor: str) -> Pairing:
    """A new one-time pairing link for an existing tablet (a replaced device)."""
    if tablet is None:
        raise UnknownTablet("no such tablet")
    code = credentials.new_secret()
    store.renew_pairing(db, tablet["id"], credentials.digest(code))
    store.audit(db, actor, "tablet.pairing_renewed", tablet["name"])
    return Pairing(store.get_tablet(db, tablet["id"]), code)


def revoke(db, name: str, actor: str) -> None:
    """Revoke a tablet at once (its next request gets 403); UnknownTablet if none is active."""
    if not store.revoke_tablet(db, name):
        raise UnknownTablet(f"no active tablet named '{name}'")
    store.audit(db, actor, "tablet.revoked", name)


def qr_svg(url: str, label: str) -> str:
    """The link as a QR code in inline SVG (black on white, so it prints and scans anywhere)."""
    svg = segno.make(url, error="m").svg_inline(
        scale=5,
        dark="#000",
        light="#fff",
        title=label,
        svgclass="qr",
        lineclass=None,
        omitsize=True,
    )
    # segno names no role; with role="img" and its <title>, screen readers announce the label.
    return svg.replace("<svg ", '<svg role="img" ', 1)


# --- state ---

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
