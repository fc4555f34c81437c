"""The `survey` command: one module per family of commands, registered on one group.

Every command's docstring is its help, with an example; results go out with click.echo and
problems as one line with a non-zero exit.
"""

from . import accounts, comments, data, instance, maintenance, report, tablets  # noqa: F401
from .base import cli


def main():
    """Console-script entry point."""
    cli(prog_name="survey")
