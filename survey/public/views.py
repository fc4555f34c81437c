"""/overview/SLUG: a published overview for anyone, built from stored data on each request.

It shows what the report shows (selected, and under four-eyes approved, quotes; means only
from MIN_RESPONSES on) and nothing about tablets or users. Taken down, it is a 404 at once.
"""

from __future__ import annotations

from flask import abort, current_app, g, render_template, request

from .. import overviews, security, store
from ..db import get_db
from . import bp


@bp.get("/<slug>", endpoint="overview")
def overview(slug: str):
    """The published overview in English, or in Dutch with ?lang=nl."""
    saved = store.published_overview(get_db(), slug)
    if saved is None:
        abort(404)
    lang = request.args.get("lang", "en")
    if lang not in overviews.LANGUAGES:
        abort(404)
    g.lang = lang  # the page's own strings follow the overview's language
    data = overviews.model(
        get_db(), current_app.extensions["survey"], saved, lang, current_app.config
    )
    response = current_app.make_response(
        render_template("public/overview.html", data=data, slug=slug, languages=overviews.LANGUAGES)
    )
    response.headers["Cache-Control"] = "no-cache"  # unpublishing must show at once
    security.allow_framing(response, current_app.config["PUBLIC_FRAME_ANCESTORS"])
    return response
