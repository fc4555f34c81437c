"""The tablets page: each tablet's state from its heartbeats, and revocation for admins."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from .. import auth, clock, i18n, store
from ..db import get_db
from ..tablets import health
from . import bp


@bp.get("/tablets")
@auth.login_required
def tablets():
    """Every tablet with its desks, mode, state ("offline since 10:32") and queued count."""
    now = clock.now()
    offline_after = current_app.config["TABLET_OFFLINE_SECONDS"]
    zone = current_app.config["TIMEZONE"]
    rows = []
    for tablet in store.list_tablets(get_db()):
        state, text = health(tablet, now, offline_after, zone, i18n.page_language())
        rows.append({**tablet, "state": state, "state_text": text})
    return render_template(
        "coordinator/tablets.html",
        tablets=rows,
        is_admin=auth.current_user()["role"] == "admin",
    )


@bp.post("/tablets/<int:tablet_id>/revoke")
@auth.admin_required
def revoke_tablet(tablet_id: int):
    """Revoke a tablet at once (admins only): its next request gets 403."""
    tablet = store.get_tablet(get_db(), tablet_id)
    if tablet is None:
        abort(404)
    if store.revoke_tablet(get_db(), tablet["name"]):
        store.audit(get_db(), auth.actor(), "tablet.revoked", tablet["name"])
        flash(_("Tablet %(name)s revoked.", name=tablet["name"]), "info")
    return redirect(url_for("coordinator.tablets"))
