"""The docs (README.md plus every docs/*.md) name every command and setting; every command has
help with an example; the README stays short and says what the two commands need."""

import ast
import re

import click
import pytest

from survey.cli import cli

from .helpers import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = README + "".join(
    path.read_text(encoding="utf-8") for path in sorted((ROOT / "docs").glob("*.md"))
)


def commands(app):
    found = []
    with app.app_context():
        ctx = click.Context(cli)
        for name in cli.list_commands(ctx):
            command = cli.get_command(ctx, name)
            if isinstance(command, click.Group):
                found += [f"{name} {sub}" for sub in command.list_commands(ctx)]
            else:
                found.append(name)
    return found


def settings() -> list[str]:
    """Every setting create_app gives a default (read from its from_mapping call)."""
    tree = ast.parse((ROOT / "survey" / "__init__.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "from_mapping"
            and node.keywords
        ):
            return [keyword.arg for keyword in node.keywords]
    raise AssertionError("create_app has no from_mapping(...) with the defaults")


def test_every_command_is_documented_with_help_and_an_example(app):
    names = commands(app)
    assert {"init", "serve", "demo", "tablet add", "user add", "export"} <= set(names)
    for name in names:
        assert f"survey {name}" in DOCS, f"no doc mentions `survey {name}`"
        result = run_cli(app, *name.split(), "--help")
        assert result.exit_code == 0
        assert re.search(r"Example: survey ", result.output), f"`survey {name}` has no example"


def test_every_setting_is_documented():
    names = settings()
    assert {"DATABASE", "TIMEZONE", "MIN_RESPONSES", "MAIL_SERVER"} <= set(names)
    missing = [name for name in names if f"`{name}`" not in DOCS]
    assert missing == [], f"settings no doc mentions: {missing}"


@pytest.mark.parametrize("command", ["make run", "make test"])
def test_the_readme_names_the_two_commands(command):
    assert command in README


def test_the_readme_is_short_and_says_what_the_commands_need():
    assert len(README.encode("utf-8")) <= 8 * 1024
    assert "apt" in README and "root" in README  # make test installs Chromium when missing


def test_every_doc_the_index_lists_exists_and_every_doc_is_listed():
    index = (ROOT / "docs" / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"\]\(([a-z]+\.md)\)", index))
    present = {path.name for path in (ROOT / "docs").glob("*.md")} - {"README.md"}
    assert present <= listed, f"docs not in the index: {present - listed}"
