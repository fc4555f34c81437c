"""The users page (admins only): who has access, in which role; invite, change role, disable.

A new user never sees a password made up by someone else: they get a one-time link to choose
their own (survey.accounts), shown once to the admin, who hands it over.
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from .. import accounts, auth, clock, store
from ..db import get_db
from ..security import base_url
from . import bp
from .forms import ROLES, SetPasswordForm, UserForm


def local_time(stamp: str | None) -> str | None:
    """A stored UTC time as the instance's local day and minute."""
    return clock.local_minute(stamp, current_app.config["TIMEZONE"])


def render_users(form: UserForm | None = None, status: int = 200):
    users = [
        {**user, "last_login": local_time(user["last_login_at"])}
        for user in store.list_users(get_db())
    ]
    page = render_template(
        "coordinator/users.html", users=users, form=form or UserForm(), roles=ROLES
    )
    return page, status


@bp.get("/users")
@auth.admin_required
def users():
    """Every user with role, last login and state; the form to invite one."""
    return render_users()


def render_link(username: str, code: str, invited: bool):
    """Show a set-password link once, as a full URL the admin can pass on."""
    url = f"{base_url().rstrip('/')}{accounts.link_path(code)}"
    return render_template(
        "coordinator/password_link.html",
        username=username,
        url=url,
        invited=invited,
        days=accounts.LINK_DAYS,
    )


@bp.post("/users")
@auth.admin_required
def add_user():
    """Invite a user: stored without a password, with a one-time link to choose one."""
    form = UserForm()
    if not form.validate_on_submit():
        return render_users(form, 422)
    try:
        code = accounts.invite(get_db(), form.username.data, form.role.data, auth.actor())
    except accounts.NameTaken:
        form.username.errors.append(_("A user with this name exists already."))
        return render_users(form, 422)
    except accounts.AccountError:
        form.username.errors.append(_("Give a name of 1 to 100 characters."))
        return render_users(form, 422)
    return render_link(form.username.data.strip(), code, invited=True)


def named_user() -> dict:
    """The user the posted form names, or 404."""
    user = store.get_user(get_db(), request.form.get("username", ""))
    if user is None:
        abort(404)
    return user


@bp.post("/users/link")
@auth.admin_required
def user_password_link():
    """A new one-time set-password link for a user who forgot their password."""
    user = named_user()
    code = accounts.password_link(get_db(), user["username"], auth.actor())
    return render_link(user["username"], code, invited=False)


@bp.post("/users/role")
@auth.admin_required
def change_role():
    """Give a user another role (the last enabled admin keeps theirs)."""
    user = named_user()
    role = request.form.get("role")
    try:
        accounts.change_role(get_db(), user["username"], role, auth.actor())
    except accounts.LastAdmin:
        flash(_("The last enabled admin stays an admin: make someone else admin first."), "error")
        return render_users(status=409)
    except accounts.AccountError:
        flash(_("Pick a role."), "error")
        return render_users(status=422)
    flash(_("%(name)s is now %(role)s.", name=user["username"], role=ROLES[role]), "info")
    return redirect(url_for("coordinator.users"))


@bp.post("/users/access")
@auth.admin_required
def set_access():
    """Disable a user (their sessions end at once) or enable them again."""
    user = named_user()
    action = request.form.get("access")
    if action not in ("disable", "enable"):
        abort(400)
    try:
        accounts.set_disabled(get_db(), user["username"], action == "disable", auth.actor())
    except accounts.LastAdmin:
        flash(_("The last enabled admin cannot be disabled."), "error")
        return render_users(status=409)
    if action == "disable":
        flash(_("%(name)s is disabled; their sessions have ended.", name=user["username"]), "info")
    else:
        flash(_("%(name)s is enabled again.", name=user["username"]), "info")
    return redirect(url_for("coordinator.users"))


@bp.route("/password/<code>", methods=["GET", "POST"])
def set_password(code: str):
    """Choose a password through a one-time link (no login: the link is the proof)."""
    user = accounts.link_user(get_db(), code)
    if user is None:
        return render_template("coordinator/password_link_used.html"), 404
    form = SetPasswordForm()
    if form.validate_on_submit():
        if accounts.set_password(get_db(), code, form.password.data, auth.hash_password):
            flash(_("Your password is set. Log in with it now."), "info")
            return redirect(url_for("coordinator.login"))
        return render_template("coordinator/password_link_used.html"), 404
    status = 422 if form.errors else 200
    return render_template("coordinator/set_password.html", form=form, user=user), status
