"""The import direction docs/architecture.md describes, read from the code itself.

Blueprints -> services -> store / stats / sentiment / redact -> questionnaire: no blueprint
imports another blueprint (or another view module) or the package root, and the page models the
views and the CLI share import no Flask.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "survey"
BLUEPRINTS = ("kiosk", "coordinator", "api", "public")
FLASK_FREE = (
    "periods",
    "overview",
    "hours",
    "report",
    "figures",
    "formatting",
    "vocabulary",
    "stats",
    "charts",
    "tablets",
    "accounts",
    "overviews",
    "topics",
    "text",
)
ALLOWED: set[tuple[str, str]] = set()  # (module, import) exceptions; none today
OWN = (
    "bp",
    "forms",
    "body",
    "openapi",
    "access",
)  # non-view modules a view may use from its blueprint


def is_module(name: str) -> bool:
    """True for a module or package of survey/ (not a name defined in survey/__init__.py)."""
    return (PACKAGE / f"{name}.py").exists() or (PACKAGE / name / "__init__.py").exists()


def imports(path: Path) -> set[str]:
    """Every module `path` imports, as absolute names (relative imports resolved)."""
    package = ["survey", *path.relative_to(PACKAGE).parent.parts]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found |= {f"{module}.{alias.name}" for alias in node.names}
    return found


@pytest.mark.parametrize("blueprint", BLUEPRINTS)
def test_a_blueprint_imports_neither_another_blueprint_nor_the_package_root(blueprint):
    for path in (PACKAGE / blueprint).glob("*.py"):
        where = str(path.relative_to(PACKAGE))
        for name in imports(path):
            if (where, name) in ALLOWED:
                continue
            parts = name.split(".")
            if parts[0] != "survey":
                continue
            if len(parts) == 2:  # `from .. import x`: x must be a module, not a name in __init__
                assert is_module(parts[1]), f"{where} imports {parts[1]} from the package root"
            elif parts[1] in BLUEPRINTS:
                own = parts[1] == blueprint and (where.endswith("__init__.py") or parts[2] in OWN)
                assert own, f"{where} imports {name}"


@pytest.mark.parametrize("module", FLASK_FREE)
def test_the_shared_services_import_no_flask(module):
    found = imports(PACKAGE / f"{module}.py")
    assert not {n for n in found if n.split(".")[0].startswith("flask")}, module
    assert not {n for n in found if n.split(".")[1:2] and n.split(".")[1] in BLUEPRINTS}, module


# Owned by another branch, which moves it to tests/helpers and tests/browser/helpers.
TESTS_STILL_ON_CONFTEST = {"browser/test_kiosk_browser.py"}


def test_no_test_imports_another_test_module_conftest_or_bench():
    tests = Path(__file__).resolve().parent
    for path in tests.rglob("*.py"):
        where = str(path.relative_to(tests))
        if "node_modules" in where or where in TESTS_STILL_ON_CONFTEST:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                last = name.split(".")[-1]
                assert not name.startswith("bench"), f"{where} imports {name}"
                if where.endswith("conftest.py") and last == "helpers":
                    continue
                assert not last.startswith("test_"), f"{where} imports {name}"
                assert last != "conftest", f"{where} imports {name}"


def test_no_module_of_the_package_runs_past_500_lines():
    """Small modules with one job: a file past 500 lines holds more than one."""
    long = {
        str(path.relative_to(PACKAGE)): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert long == {}
