"""The README documents every command, and every command has help with an example."""

import re

import pytest

from .conftest import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
# What the README says plus the guides in docs/ (commands may be documented in either).
DOCS = "\n".join(
    [README] + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md"))]
)


def commands(app):
    from survey.cli import cli

    found = []
    with app.app_context():
        import click

        ctx = click.Context(cli)
        for name in cli.list_commands(ctx):
            command = cli.get_command(ctx, name)
            if isinstance(command, click.Group):
                found += [f"{name} {sub}" for sub in command.list_commands(ctx)]
            else:
                found.append(name)
    return found


def test_every_command_is_in_the_readme_with_help_and_an_example(app):
    names = commands(app)
    assert {"init", "serve", "demo", "tablet add", "user add", "export"} <= set(names)
    for name in names:
        assert f"survey {name}" in DOCS, f"neither README nor docs/ mention `survey {name}`"
        result = run_cli(app, *name.split(), "--help")
        assert result.exit_code == 0
        assert re.search(r"Example: survey ", result.output), f"`survey {name}` has no example"


@pytest.mark.parametrize("command", ["make run", "make test"])
def test_readme_names_the_two_commands(command):
    assert command in README
