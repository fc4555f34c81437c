"""The tokens page (admins only): read-API tokens, each shown once when it is made."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from .. import accounts, auth, clock, store
from ..db import get_db
from . import bp
from .forms import TokenForm


def render_tokens(form: TokenForm | None = None, status: int = 200):
    zone = current_app.config["TIMEZONE"]
    tokens = [
        {
            **token,
            "created": clock.local_minute(token["created_at"], zone),
            "last_used": clock.local_minute(token["last_used_at"], zone),
            "revoked": clock.local_minute(token["revoked_at"], zone),
        }
        for token in store.list_tokens(get_db())
    ]
    page = render_template("coordinator/tokens.html", tokens=tokens, form=form or TokenForm())
    return page, status


@bp.get("/tokens")
@auth.admin_required
def tokens():
    """Every read-API token with its last use; the form to make one."""
    return render_tokens()


@bp.post("/tokens")
@auth.admin_required
def add_token():
    """Make a read-API token and show it this once (only its digest is stored)."""
    form = TokenForm()
    if not form.validate_on_submit():
        return render_tokens(form, 422)
    try:
        token = accounts.create_token(get_db(), form.name.data, auth.actor())
    except accounts.NameTaken:
        form.name.errors.append(_("An active token has this name: revoke it first."))
        return render_tokens(form, 422)
    except accounts.AccountError:
        form.name.errors.append(_("Give a name of 1 to 100 characters."))
        return render_tokens(form, 422)
    return render_template("coordinator/token_made.html", name=form.name.data.strip(), token=token)


@bp.post("/tokens/revoke")
@auth.admin_required
def revoke_token():
    """Revoke a token at once: its next request gets 401."""
    name = request.form.get("name", "")
    try:
        accounts.revoke_token(get_db(), name, auth.actor())
    except accounts.Unknown:
        flash(_("No active token has this name."), "error")
        return render_tokens(status=404)
    flash(_("Token %(name)s revoked.", name=name), "info")
    return redirect(url_for("coordinator.tokens"))
