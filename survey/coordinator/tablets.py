"""The tablets page: each tablet's state from its heartbeats; admins add, re-pair and revoke.

A pairing link is shown once, on the page that answers the form (never stored, so it cannot be
shown again): as a full URL and as a QR code the tablet's camera can open.
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from .. import auth, clock, i18n, store
from .. import tablets as service
from ..db import get_db
from ..security import base_url
from . import bp
from .forms import TabletForm


def tablet_form() -> TabletForm:
    """The add-a-tablet form, with the desks in the page's language."""
    form = TabletForm()
    questionnaire = current_app.extensions["survey"]
    lang = i18n.page_language()
    form.desks.choices = [(d.id, questionnaire.desk_name(d.id, lang)) for d in questionnaire.desks]
    return form


def render_tablets(form: TabletForm | None = None, status: int = 200):
    """The list of every tablet, with its desks, mode, state ("offline since 10:32"), queued count."""
    now = clock.now()
    offline_after = current_app.config["TABLET_OFFLINE_SECONDS"]
    zone = current_app.config["TIMEZONE"]
    rows = []
    for tablet in store.list_tablets(get_db()):
        state, text = service.health(tablet, now, offline_after, zone, i18n.page_language())
        rows.append({**tablet, "state": state, "state_text": text})
    is_admin = auth.current_user()["role"] == "admin"
    page = render_template(
        "coordinator/tablets.html",
        tablets=rows,
        is_admin=is_admin,
        form=(form or tablet_form()) if is_admin else None,
    )
    return page, status


@bp.get("/tablets")
@auth.login_required
def tablets():
    """Every tablet; admins also get the form to add one."""
    return render_tablets()


def render_pairing(pairing: service.Pairing, added: bool):
    """The page that shows a pairing link once: full URL, QR code, and what to do with them."""
    url = pairing.url(base_url())
    label = _("Pairing link for tablet %(name)s", name=pairing.tablet["name"])
    return render_template(
        "coordinator/pairing.html",
        tablet=pairing.tablet,
        url=url,
        qr=service.qr_svg(url, label),
        added=added,
    )


@bp.post("/tablets")
@auth.admin_required
def add_tablet():
    """Add a tablet (admins only) and show its one-time pairing link and QR code."""
    form = tablet_form()
    if not form.validate_on_submit():
        return render_tablets(form, 422)
    questionnaire = current_app.extensions["survey"]
    try:
        pairing = service.add(
            get_db(), questionnaire, form.name.data, form.desks.data, form.mode.data, auth.actor()
        )
    except service.NameTaken:
        form.name.errors.append(_("A tablet with this name exists already."))
        return render_tablets(form, 422)
    return render_pairing(pairing, added=True)


@bp.post("/tablets/<int:tablet_id>/pair")
@auth.admin_required
def pair_tablet(tablet_id: int):
    """A new one-time pairing link for a tablet (a replaced device; un-revokes it)."""
    try:
        pairing = service.renew(get_db(), store.get_tablet(get_db(), tablet_id), auth.actor())
    except service.UnknownTablet:
        abort(404)
    return render_pairing(pairing, added=False)


@bp.get("/tablets/<int:tablet_id>/revoke")
@auth.admin_required
def confirm_revoke(tablet_id: int):
    """Ask before revoking: a revoked tablet stops at once and needs a new pairing link."""
    tablet = store.get_tablet(get_db(), tablet_id)
    if tablet is None or tablet["revoked_at"]:
        abort(404)
    return render_template("coordinator/revoke_tablet.html", tablet=tablet)


@bp.post("/tablets/<int:tablet_id>/revoke")
@auth.admin_required
def revoke_tablet(tablet_id: int):
    """Revoke a tablet at once (admins only): its next request gets 403."""
    tablet = store.get_tablet(get_db(), tablet_id)
    if tablet is None:
        abort(404)
    try:
        service.revoke(get_db(), tablet["name"], auth.actor())
    except service.UnknownTablet:
        pass  # revoked already (a second click): nothing more to do
    else:
        flash(_("Tablet %(name)s revoked.", name=tablet["name"]), "info")
    return redirect(url_for("coordinator.tablets"))
