"""A coordinator writes, publishes and unpublishes an overview in a real browser; the public
page works under the app's CSP and passes axe-core in English and Dutch."""

from __future__ import annotations

import pytest

from survey import db, store
from survey.auth import hash_password

from ..helpers import PASSWORD
from .helpers import AXE, assert_accessible

INTRO = "The three partners jointly ran a pilot to improve services for international clients."
INTRO_NL = "De drie partners voerden samen een pilot uit."


def watch(page, problems: list) -> None:
    """Collect CSP violations and failed loads (a browser asks for /favicon.ico on its own)."""
    page.on("console", lambda m: m.type == "error" and "status of" not in m.text and problems.append(m.text))  # fmt: skip
    page.on(
        "response",
        lambda r: (
            r.status >= 400 and "favicon" not in r.url and problems.append(f"{r.status} {r.url}")
        ),  # fmt: skip
    )


@pytest.fixture
def enforced(browser):
    """A desktop window with the app's Content-Security-Policy enforced."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = []
    watch(page, problems)
    yield page, problems
    context.close()


@pytest.fixture
def checker(browser):
    """A window for axe-core, the CSP enforced: axe comes as an init script, outside the policy."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(path=str(AXE))
    yield context.new_page()
    context.close()


def test_write_publish_read_and_unpublish_an_overview(server, enforced, checker):
    page, problems = enforced
    with server.app.app_context():
        store.add_user(db.get_db(), "olga", hash_password(PASSWORD), "coordinator")
    page.goto(server.url + "/coordinator/login")
    page.get_by_label("User name").fill("olga")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(server.url + "/coordinator/")
    page.goto(server.url + "/coordinator/report")
    page.get_by_role("link", name="New overview").click()
    # One section under the other, each desk's box on its name's line (not a row of
    # fields wrapping around each other, as the figures' short form lays out).
    tops = page.locator("form.overview-form > .field, form.overview-form > fieldset").evaluate_all(
        "els => els.map(e => [e.getBoundingClientRect().top, e.getBoundingClientRect().bottom])"
    )
    assert all(below[0] >= above[1] for above, below in zip(tops, tops[1:], strict=False)), tops
    box = page.get_by_role("checkbox", name="IND (immigration service)")
    name = page.get_by_text("IND (immigration service)", exact=True)
    assert abs(box.bounding_box()["y"] - name.bounding_box()["y"]) < name.bounding_box()["height"]
    page.get_by_label("Title").fill("Pilot overview 2020-2021")
    page.get_by_label("Ratings from").fill("2020-01-01")
    page.get_by_label("Ratings up to").fill("2021-06-30")
    page.get_by_label("Figures from (earlier for a baseline year)").fill("2019-01-01")
    page.get_by_label("Introduction (en)").fill(INTRO)
    page.get_by_label("Introduction (nl)").fill(INTRO_NL)
    page.get_by_role("button", name="Save overview").click()
    page.wait_for_url("**/coordinator/overviews/*")
    assert page.get_by_role("heading", level=1).inner_text() == "Pilot overview 2020-2021"
    actions = page.locator(".overview-actions").bounding_box()
    title = page.get_by_role("heading", level=1).bounding_box()
    assert title["y"] - (actions["y"] + actions["height"]) >= 16  # not sitting on the buttons
    assert INTRO in page.locator("article.report").inner_text()
    page.get_by_label("Public name (letters, digits, hyphens)").fill("pilot")
    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state()
    assert "Published" in page.get_by_role("status").inner_text()

    reader = page.context.browser.new_context(viewport={"width": 390, "height": 844})
    public = reader.new_page()
    watch(public, problems)
    public.goto(server.url + "/overview/pilot")
    assert INTRO in public.locator("article.report").inner_text()
    # The linked stylesheet applies under the CSP: a narrow screen stacks the rating blocks.
    columns = "e => getComputedStyle(e).gridTemplateColumns.split(' ').length"
    assert public.locator(".report-ratings").evaluate(columns) == 1
    assert page.locator(".report-ratings").evaluate(columns) == 2  # side by side when wide
    public.get_by_role("link", name="Nederlands").click()
    assert INTRO_NL in public.locator("article.report").inner_text()
    assert problems == []  # no CSP violation, no failed load

    for url in ["/coordinator/overviews/new", page.url, "/overview/pilot", "/overview/pilot?lang=nl"]:  # fmt: skip
        if url.startswith("/coordinator"):
            checker.context.add_cookies(page.context.cookies())
        checker.goto(url if url.startswith("http") else server.url + url)
        assert_accessible(checker, url)

    page.get_by_role("button", name="Unpublish").click()
    page.wait_for_load_state()
    assert public.goto(server.url + "/overview/pilot").status == 404
    reader.close()
