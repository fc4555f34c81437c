"""`survey tablet ...`: add, pair, list and revoke tablets."""

from __future__ import annotations

import click
from flask import current_app

from .. import (
    clock,
    store,
    tablets,
)
from ..db import get_db
from .base import cli, echo_pairing, questionnaire


@cli.group("tablet")
def tablet_group():
    """Pair, list and revoke tablets."""


@tablet_group.command("add")
@click.argument("name")
@click.option("--desk", "desks", multiple=True, required=True, help="A desk it serves (repeat).")
@click.option("--mode", type=click.Choice(list(tablets.MODES)), default="open", show_default=True)
def tablet_add(name, desks, mode):
    """Add a tablet and print its one-time pairing link (alone on the last line).

    The link is a full URL when BASE_URL is set (e.g. SURVEY_BASE_URL=https://survey.example.nl);
    the tablets page (/coordinator/tablets) also shows it as a QR code.

    Example: survey tablet add "One Stop Shop" --desk expat_centre --desk ind
    """
    try:
        pairing = tablets.add(get_db(), questionnaire(), name, desks, mode, "cli")
    except tablets.NameTaken as error:
        raise click.ClickException(str(error)) from None
    except tablets.TabletError as error:
        hint = "NAME" if error.field == "name" else f"--{error.field.rstrip('s')}"
        raise click.BadParameter(str(error), param_hint=hint) from None
    tablet = pairing.tablet
    click.echo(f"Tablet '{tablet['name']}' serves {', '.join(tablet['desks'])} ({mode}).")
    echo_pairing(pairing)


@tablet_group.command("pair")
@click.argument("name")
def tablet_pair(name):
    """Print a new one-time pairing link for an existing tablet (a replaced device).

    Example: survey tablet pair "IND desk 1"
    """
    try:
        pairing = tablets.renew(get_db(), store.get_tablet_by_name(get_db(), name), "cli")
    except tablets.UnknownTablet:
        raise click.ClickException(f"no tablet named '{name}'") from None
    echo_pairing(pairing)


LISTED_STATES = {
    tablets.REVOKED: "revoked",
    tablets.PAIRED: "paired",
    tablets.UNPAIRED: "waiting for pairing",
}


@tablet_group.command("list")
def tablet_list():
    """List tablets with their desks, mode, state and last report (local time), tab-separated.

    Example: survey tablet list
    """
    zone = current_app.config["TIMEZONE"]
    click.echo(f"name\tdesks\tmode\tstate\tlast seen ({zone})")
    for tablet in store.list_tablets(get_db()):
        state = LISTED_STATES[tablets.pairing_state(tablet)]
        seen = clock.local_minute(tablet["last_seen_at"], zone) or "never"
        click.echo(
            f"{tablet['name']}\t{','.join(tablet['desks'])}\t{tablet['mode']}\t{state}\t{seen}"
        )


@tablet_group.command("revoke")
@click.argument("name")
def tablet_revoke(name):
    """Revoke a tablet at once: its next request gets 403.

    Example: survey tablet revoke "IND desk 1"
    """
    try:
        tablets.revoke(get_db(), name, "cli")
    except tablets.UnknownTablet as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Tablet '{name}' revoked.")
