"""`survey user ...` and `survey token ...`: coordinator accounts and read-API tokens."""

from __future__ import annotations

import click

from .. import (
    accounts,
    store,
)
from ..auth import hash_password
from ..db import get_db
from .base import checked_name, cli, full_link


@cli.group("user")
def user_group():
    """Coordinator and admin accounts."""


@user_group.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["coordinator", "admin"]), default="coordinator")
@click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    help="Read from a prompt, or from stdin when piped.",
)
def user_add(name, role, password):
    """Add a user (or reset an existing user's password and role).

    Example: survey user add anna --role admin
    """
    name = checked_name(name, "user")
    if len(password) < 10:
        raise click.ClickException("the password must be at least 10 characters")
    store.add_user(get_db(), name, hash_password(password), role)
    store.audit(get_db(), "cli", "user.added", name, {"role": role})
    click.echo(f"User '{name}' ({role}) saved.")


@user_group.command("invite")
@click.argument("name")
@click.option("--role", type=click.Choice(list(accounts.ROLES)), default="coordinator")
def user_invite(name, role):
    """Add a user without a password and print their one-time set-password link (last line).

    They choose their own password there; nobody else ever sees it. The link lapses after 7 days.

    Example: survey user invite bram --role coordinator
    """
    try:
        code = accounts.invite(get_db(), name, role, "cli")
    except accounts.NameTaken as error:
        raise click.ClickException(str(error)) from None
    except accounts.AccountError as error:
        raise click.BadParameter(str(error), param_hint="NAME") from None
    click.echo(f"User '{name.strip()}' ({role}) added; they choose their password at this link:")
    click.echo(full_link(accounts.link_path(code)))


@user_group.command("list")
def user_list():
    """List users: name, role, last login and whether disabled (tab-separated).

    Example: survey user list
    """
    for user in store.list_users(get_db()):
        state = (
            f"disabled since {user['disabled_at']}"
            if user["disabled_at"]
            else "no password chosen yet"
            if user["invited"]
            else "active"
        )
        last = user["last_login_at"] or "never"
        click.echo(f"{user['username']}\t{user['role']}\t{state}\tlast login {last}")


@user_group.command("disable")
@click.argument("name")
def user_disable(name):
    """Take a user's access away: every session of theirs ends at once, no new login works.

    Example: survey user disable anna
    """
    try:
        accounts.set_disabled(get_db(), name, True, "cli", keep_admin=False)
    except accounts.Unknown as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"User '{name}' disabled; their sessions have ended.")


@user_group.command("enable")
@click.argument("name")
def user_enable(name):
    """Give a disabled user their access back (with their old password).

    Example: survey user enable anna
    """
    try:
        accounts.set_disabled(get_db(), name, False, "cli")
    except accounts.Unknown as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"User '{name}' enabled.")


@cli.group("token")
def token_group():
    """Bearer tokens for the read API (/api/v1/summary, /api/v1/ratings)."""


@token_group.command("add")
@click.argument("name")
def token_add(name):
    """Create a read-API token and print it alone on the last line (shown only once).

    Example: survey token add management-dashboard
    """
    try:
        token = accounts.create_token(get_db(), name, "cli")
    except accounts.NameTaken as error:
        raise click.ClickException(str(error)) from None
    except accounts.AccountError as error:
        raise click.BadParameter(str(error), param_hint="NAME") from None
    name = name.strip()
    click.echo(f"Token '{name}' created. Send it as 'Authorization: Bearer <token>':")
    click.echo(token)


@token_group.command("list")
def token_list():
    """List read-API tokens: name, created, last used, and whether revoked.

    Example: survey token list
    """
    for token in store.list_tokens(get_db()):
        state = f"revoked {token['revoked_at']}" if token["revoked_at"] else "active"
        used = token["last_used_at"] or "never used"
        click.echo(f"{token['name']}\t{state}\tcreated {token['created_at']}\t{used}")


@token_group.command("revoke")
@click.argument("name")
def token_revoke(name):
    """Revoke a read-API token at once.

    Example: survey token revoke management-dashboard
    """
    try:
        accounts.revoke_token(get_db(), name, "cli")
    except accounts.Unknown as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Token '{name}' revoked.")
