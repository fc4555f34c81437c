"""The offline-first kiosk: one page per language holding every screen, and what installs it.

With JavaScript in a secure context (HTTPS, or localhost) the start page registers a service
worker that caches these pages, the kiosk's CSS/JS and icons; from then on a survey runs inside
one page with no network at all, and kiosk.js keeps finished surveys in a durable queue. The
screens are rendered here with the same form class and macros as the plain form path, so one
template decides what a question looks like. Armed-mode tablets need the network for every
visit, so they keep the form path.
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

from flask import current_app, g, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from . import bp
from .access import paired_tablet, questionnaire
from .forms import build_survey_form, script_fields

STATIC_FILES = (
    "kiosk.css",
    "kiosk.js",
    "icons/icon.svg",
    "icons/icon-192.png",
    "icons/icon-512.png",
)
TEMPLATES = (
    "kiosk/app.html",
    "kiosk/_base.html",
    "kiosk/_slot.html",
    "kiosk/_welcome.html",
    "kiosk/_desk_choice.html",
    "kiosk/_thanks.html",
    "kiosk/_restart_dialog.html",
    "kiosk/sw.js",
    "_macros.html",
    "base.html",
)


def offline_capable(tablet: dict) -> bool:
    """Open-mode tablets run the offline kiosk; an armed tablet waits for the desk every time."""
    return tablet["mode"] == "open"


def app_screens(form) -> list[dict]:
    """The survey's screens: one per question (a rating's comment box stays with its rating),
    then one with every open question. `auto`: one rating alone, so a tap moves on."""
    screens: list[dict] = []
    for slot in form.slots.get("ratings", []):
        if slot.role == "comment" and screens:
            screens[-1]["slots"].append(slot)
            screens[-1]["auto"] = False
            continue
        screens.append({"desk": slot.desk, "slots": [slot], "auto": slot.role == "rating"})
    if form.slots.get("open"):
        screens.append({"desk": None, "slots": form.slots["open"], "auto": False, "open": True})
    return screens


def kiosk_version() -> str:
    """A short hash of what the cached kiosk is made of: questionnaire, static files, templates.

    It changes with a deploy or an edited questions.yaml (after a restart), and so tells the
    service worker to fetch everything again.
    """
    cached = current_app.extensions.get("kiosk_version")
    if cached:
        return cached
    digest = hashlib.sha256()
    digest.update(Path(current_app.config["QUESTIONS_FILE"]).read_bytes())
    static = Path(current_app.static_folder)
    for name in STATIC_FILES:
        digest.update((static / name).read_bytes())
    for name in TEMPLATES:
        source, _filename, _uptodate = current_app.jinja_env.loader.get_source(
            current_app.jinja_env, name
        )
        digest.update(source.encode("utf-8"))
    version = digest.hexdigest()[:16]
    current_app.extensions["kiosk_version"] = version
    return version


def compressed(response):
    """Gzip a kiosk page for a browser that accepts it: four languages of every screen repeat
    the same markup, so a tablet's first load shrinks to a fraction (measured in bench/)."""
    response.vary.add("Accept-Encoding")
    if "gzip" in request.accept_encodings:
        response.set_data(gzip.compress(response.get_data(), 6))
        response.headers["Content-Encoding"] = "gzip"
    return response


def tablet_version(tablet: dict) -> str:
    """The version of this tablet's pages: the kiosk's, plus its desks (changed by an admin)."""
    return f"{kiosk_version()}-{'.'.join(tablet['desks'])}"


@bp.get("/<lang>/kiosk")
def app():
    """Every screen of a survey in one page; kiosk.js shows one at a time."""
    tablet = paired_tablet()
    if not offline_capable(tablet):
        return redirect(url_for("kiosk.start"))
    desks = list(tablet["desks"])
    form = build_survey_form(questionnaire(), desks, g.lang)(formdata=None)
    data = {
        "api": url_for("api.submit_response"),
        "language": g.lang,
        "desks": desks,
        "fields": script_fields(form),
        "idle": current_app.config["IDLE_SECONDS"],
        "thanks": current_app.config["THANKS_SECONDS"],
        "progress": _("%(n)s of %(total)s", n="{n}", total="{total}"),
        "desks_missing": _("Please choose at least one desk."),
        "home": url_for("kiosk.app"),
        "sw": url_for("kiosk.service_worker"),
    }
    page = render_template(
        "kiosk/app.html", form=form, tablet=tablet, screens=app_screens(form), app_data=data
    )
    response = make_response(page)
    response.headers["X-Kiosk-Version"] = tablet_version(tablet)
    return compressed(response)


@bp.get("/kiosk-sw.js")
def service_worker():
    """The service worker, at the root so that its scope covers the kiosk's pages."""
    pages = [url_for("kiosk.app", lang=code) for code in questionnaire().languages]
    assets = [url_for("static", filename=name) for name in STATIC_FILES]
    body = render_template(
        "kiosk/sw.js",
        version=kiosk_version(),
        pages=pages,
        assets=assets,
        home=url_for("kiosk.start"),
    )
    response = make_response(body)
    response.headers["Content-Type"] = "text/javascript; charset=utf-8"
    return compressed(response)


@bp.get("/manifest.webmanifest")
def manifest():
    """The web app manifest: the kiosk can be added to the home screen and opens full screen."""
    icon = "static"
    body = {
        "name": _("Desk survey"),
        "short_name": _("Survey"),
        "start_url": url_for("kiosk.start"),
        "scope": "/",
        "display": "fullscreen",
        "display_override": ["fullscreen", "standalone"],
        "orientation": "any",
        "background_color": "#ffffff",
        "theme_color": "#0b4f8a",
        "icons": [
            {"src": url_for(icon, filename="icons/icon-192.png"), "sizes": "192x192",
             "type": "image/png", "purpose": "any maskable"},
            {"src": url_for(icon, filename="icons/icon-512.png"), "sizes": "512x512",
             "type": "image/png", "purpose": "any maskable"},
            {"src": url_for(icon, filename="icons/icon.svg"), "sizes": "any",
             "type": "image/svg+xml"},
        ],
    }  # fmt: skip
    response = current_app.json.response(body)
    response.headers["Content-Type"] = "application/manifest+json"
    return response


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico on their own; answer with the kiosk's icon."""
    return redirect(url_for("static", filename="icons/icon.svg"), code=301)
