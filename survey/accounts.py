"""Users and read-API tokens: the one logic behind the users and tokens pages and the CLI.

Flask-free. No password is ever made up or shown here: a new user gets a one-time link to
choose their own. Tokens are shown once, when made; only their digests are stored.
"""

from __future__ import annotations

from datetime import timedelta

from . import clock, credentials, store
from .text import NAME_MAX
from .text import clean_name as cleaned

ROLES = ("coordinator", "admin")
PASSWORD_MIN = 10
LINK_DAYS = 7  # long enough to reach a colleague back from leave, short enough to lapse unused


class AccountError(ValueError):
    """Bad input for a user or token; `field` says which."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class NameTaken(AccountError):
    """The user name or (active) token name is in use."""


class Unknown(LookupError):
    """No such user or active token."""


class LastAdmin(AccountError):
    """The change would leave no enabled admin (nobody could administer the system)."""


def clean_name(name: object, field: str = "name") -> str:
    """The name stripped; AccountError unless it is 1-100 characters."""
    name = cleaned(name)
    if name is None:
        raise AccountError(field, f"a name is 1-{NAME_MAX} characters")
    return name


def check_role(role: object) -> str:
    if role not in ROLES:
        raise AccountError("role", f"the role is one of: {', '.join(ROLES)}")
    return role


def link_path(code: str) -> str:
    """Where a set-password link points (on the coordinator pages)."""
    return f"/coordinator/password/{code}"


def invite(db, name, role, actor: str) -> str:
    """Create a user without a password and return the code of their set-password link."""
    name, role = clean_name(name, "username"), check_role(role)
    try:
        user_id = store.add_invited_user(db, name, role)
    except store.IntegrityError:
        raise NameTaken("username", f"a user named '{name}' exists") from None
    store.audit(db, actor, "user.invited", name, {"role": role})
    return _new_link(db, user_id)


def password_link(db, name: str, actor: str) -> str:
    """A new set-password link for an existing user (a forgotten password); Unknown if none."""
    user = store.get_user(db, name)
    if user is None:
        raise Unknown(f"no user named '{name}'")
    store.audit(db, actor, "user.password_link", name)
    return _new_link(db, user["id"])


def _new_link(db, user_id: int) -> str:
    code = credentials.new_secret()
    expires = clock.stamp(clock.now() + timedelta(days=LINK_DAYS))
    store.add_password_link(db, credentials.digest(code), user_id, expires)
    return code


def link_user(db, code: str) -> dict | None:
    """The user a set-password link (still usable) is for, or None."""
    return store.password_link_user(db, credentials.digest(code))


def set_password(db, code: str, password: str, password_hash) -> str | None:
    """Use a set-password link once; the user name, or None for a used or lapsed link.

    `password_hash` is the door's hashing function (werkzeug's scrypt through survey.auth).
    """
    if not isinstance(password, str) or len(password) < PASSWORD_MIN:
        raise AccountError("password", f"a password is at least {PASSWORD_MIN} characters")
    name = store.use_password_link(db, credentials.digest(code), password_hash(password))
    if name:
        store.audit(db, name, "user.password_set", name)
    return name


def _keep_an_admin(db, user: dict, leaving: bool) -> None:
    if leaving and user["role"] == "admin" and store.active_admin_count(db) <= 1:
        raise LastAdmin("username", "the last enabled admin must stay an enabled admin")


def change_role(db, name: str, role, actor: str) -> None:
    """Give a user another role; the last enabled admin keeps theirs."""
    role = check_role(role)
    user = store.get_user(db, name)
    if user is None:
        raise Unknown(f"no user named '{name}'")
    if user["disabled_at"] is None:
        _keep_an_admin(db, user, role != "admin")
    store.set_user_role(db, name, role)
    store.audit(db, actor, "user.role", name, {"role": role})


def set_disabled(db, name: str, disabled: bool, actor: str, keep_admin: bool = True) -> None:
    """Disable (every session ends at once) or enable a user.

    With `keep_admin` (the pages) the last enabled admin cannot be disabled; the CLI passes False,
    as whoever has the shell can always add an admin again with `survey user add`.
    """
    user = store.get_user(db, name)
    if user is None:
        raise Unknown(f"no user named '{name}'")
    if keep_admin and disabled and user["disabled_at"] is None:
        _keep_an_admin(db, user, True)
    store.set_user_disabled(db, name, disabled)
    store.audit(db, actor, "user.disabled" if disabled else "user.enabled", name)


def create_token(db, name, actor: str) -> str:
    """A new read-API token (returned once, stored as a digest); NameTaken if one is active."""
    name = clean_name(name)
    token = credentials.new_secret()
    if not store.add_token(db, name, credentials.digest(token)):
        raise NameTaken("name", f"an active token named '{name}' exists; revoke it first")
    store.audit(db, actor, "token.added", name)
    return token


def revoke_token(db, name: str, actor: str) -> None:
    """Revoke a read-API token at once; Unknown if no active token has that name."""
    if not store.revoke_token(db, name):
        raise Unknown(f"no active token named '{name}'")
    store.audit(db, actor, "token.revoked", name)
