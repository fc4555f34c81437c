"""Checks run on every page in the browser: axe-core at WCAG 2.1 A/AA, touch target sizes."""

from __future__ import annotations

from .conftest import AXE, SCREENSHOTS, WCAG_TAGS

AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return {
    version: axe.version,
    violations: result.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
    })),
  };
}"""

# Everything a finger can hit; a radio or checkbox counts by the label that wraps it.
TARGETS = """(selector) => {
  const found = [];
  for (const el of document.querySelectorAll(selector)) {
    const target = el.closest("label") || el;
    const box = target.getBoundingClientRect();
    if (box.width === 0 || box.right < 0 || getComputedStyle(target).visibility === "hidden") continue;
    found.push({what: target.outerHTML.slice(0, 80), width: box.width, height: box.height});
  }
  return found;
}"""


def assert_accessible(page, what: str) -> str:
    """axe-core finds no WCAG 2.1 A/AA violation on the page; returns axe's version."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))  # a context without the init script (and CSP bypassed)
    result = page.evaluate(AXE_RUN, WCAG_TAGS)
    assert result["violations"] == [], f"{what} ({page.url}): {result['violations']}"
    return result["version"]


CONTROLS = "a, button, textarea, select, input:not([type=hidden])"


def assert_touch_targets(page, what: str, selector: str = CONTROLS, minimum: int = 44) -> None:
    """Every visible control (of `selector`) is at least 44 x 44 CSS pixels."""
    found = page.evaluate(TARGETS, selector)
    small = [t for t in found if t["width"] < minimum or t["height"] < minimum]
    assert small == [], f"{what}: targets under {minimum}px: {small}"


def shoot(page, size: str, name: str) -> None:
    """A full-page screenshot into the run's screenshot folder."""
    folder = SCREENSHOTS / size
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def check_page(page, size: str, name: str) -> None:
    """Screenshot, axe-core and touch targets for one kiosk screen."""
    shoot(page, size, name)
    assert_accessible(page, name)
    assert_touch_targets(page, name)


def assert_no_scrolling(page, what: str) -> None:
    """The whole screen fits the viewport: the document is no taller or wider than the window."""
    size = page.evaluate(
        "({height: document.documentElement.scrollHeight, width: document.documentElement.scrollWidth,"
        " viewHeight: window.innerHeight, viewWidth: window.innerWidth})"
    )
    assert size["height"] <= size["viewHeight"], f"{what}: {size}"
    assert size["width"] <= size["viewWidth"], f"{what}: {size}"
