"""A coordinator in a real browser: every page passes axe-core, in English and Dutch."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from survey import charts, db, i18n, store, submission
from survey.auth import hash_password

from ..helpers import PASSWORD
from .helpers import AXE, AXE_RUN, WCAG_TAGS, assert_accessible, assert_touch_targets, new_context


@pytest.fixture
def desk_browser(browser):
    """A desktop-sized browser window for the coordinator pages, the app's CSP enforced."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(path=str(AXE))  # runs outside the page's policy
    page = context.new_page()
    yield page
    context.close()


def test_axe_core_reports_a_real_violation(desk_browser):
    """The checker itself works: a page with an unlabelled image and field fails it."""
    desk_browser.set_content('<html lang="en"><title>x</title><img src="x.png"><input></html>')
    desk_browser.add_script_tag(path=str(AXE))
    result = desk_browser.evaluate(AXE_RUN, WCAG_TAGS)
    assert {"image-alt", "label"} <= {v["id"] for v in result["violations"]}
    assert result["version"] == i18n.AXE_CORE_VERSION  # what /accessibility states


def test_a_coordinator_logs_in_and_every_page_is_accessible(server, desk_browser):
    page = desk_browser
    payload = {
        "id": str(uuid.uuid4()),
        "language": "en",
        "desks": ["ind"],
        "ratings": [{"desk": "ind", "question": "front_desk_staff", "value": 5}],
        "answers": [{"desk": None, "question": "most_satisfied", "text": "The staff were patient"}],
    }
    with server.app.app_context():
        store.add_user(db.get_db(), "carla", hash_password(PASSWORD), "admin")
        loaded = server.app.extensions["survey"]
        submission.record(db.get_db(), submission.validate(payload, loaded), "Seed", "api")
    page.goto(server.url + "/coordinator/")
    page.wait_for_url("**/coordinator/login**")
    assert_accessible(page, "login")
    page.get_by_label("User name").fill("carla")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(server.url + "/coordinator/")
    visited = []
    for link in page.get_by_role("navigation").get_by_role("link").all():
        visited.append(link.get_attribute("href"))
    pages = ["/coordinator/", "/coordinator/quotes", "/coordinator/figures", "/coordinator/report"]
    pages += ["/coordinator/exports", "/coordinator/tablets"]
    assert set(pages) <= set(visited)
    # Pages outside the navigation: arming a tablet, the heatmaps.
    visited = list(dict.fromkeys([*visited, "/coordinator/desk", "/coordinator/hours"]))
    for lang, logout in (("en", "Log out"), ("nl", "Uitloggen")):
        if lang == "nl":
            page.get_by_role("button", name="Nederlands").click()
            page.wait_for_load_state()
        for href in visited + ["/accessibility"]:
            page.goto(server.url + href)
            assert page.locator("html").get_attribute("lang") == lang
            assert_accessible(page, f"{href} ({lang})")
            # Navigation, footer and buttons; links inside running text are exempt.
            assert_touch_targets(page, f"{href} ({lang})", "nav a, footer a, button, .button")
            if href != "/accessibility":
                assert page.get_by_role("button", name=f"{logout} (carla)").is_visible()

    # Curate the quote (in Dutch by now): select it for the report.
    page.goto(server.url + "/coordinator/quotes")
    quote = page.get_by_role("listitem").filter(has_text="The staff were patient")
    quote.get_by_role("button", name="Selecteren").click()
    page.wait_for_load_state()
    assert "geselecteerd" in page.get_by_role("status").inner_text()  # the flashed message
    assert_accessible(page, "quotes after curation")
    with server.app.app_context():
        assert [q["text"] for q in store.selected_quotes(db.get_db())] == ["The staff were patient"]

    # The export page streams a file download.
    page.goto(server.url + "/coordinator/exports")
    with page.expect_download() as info:
        page.get_by_role("button", name="Downloaden").click()
    download = info.value
    assert download.suggested_filename.startswith("survey-")
    assert Path(download.path()).read_bytes().startswith((b"response_id", b"\xef\xbb\xbf", b"PK"))


def test_the_kiosk_start_page_is_accessible_at_both_sizes(server, browser):
    for size in ("landscape", "portrait"):
        context = new_context(browser, size)
        page = context.new_page()
        page.goto(server.pairing_link(f"Start {size}"))
        assert_accessible(page, f"start {size}")
        context.close()


def test_quote_keys_move_select_reject_and_open_the_editor(server, browser):
    """quotes.js, pressed for real (CSP enforced): j/k move, s selects, r rejects, e edits."""
    texts = ["Keys one: the wait was short", "Keys two: clear letters", "Keys three: kind staff"]
    with server.app.app_context():
        store.add_user(db.get_db(), "kees", hash_password(PASSWORD), "coordinator")
        loaded = server.app.extensions["survey"]
        for text in texts:
            body = {
                "id": str(uuid.uuid4()),
                "language": "en",
                "desks": ["ind"],
                "ratings": [{"desk": "ind", "question": "front_desk_staff", "value": 4}],
                "answers": [{"desk": None, "question": "most_satisfied", "text": text}],
            }
            submission.record(db.get_db(), submission.validate(body, loaded), "Seed", "api")
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # the app's CSP holds
    page = context.new_page()
    page.goto(server.url + "/coordinator/login")
    page.get_by_label("User name").fill("kees")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(server.url + "/coordinator/")
    queue = "/coordinator/quotes?question=most_satisfied&status=pending"
    page.goto(server.url + queue)

    def shown() -> list[str]:
        return page.locator(".quote-queue > li.quote blockquote").all_inner_texts()

    def focused() -> str:
        return page.evaluate("document.activeElement.querySelector('blockquote').textContent")

    def status(text: str) -> str:
        with server.app.app_context():
            row = db.get_db().execute("select status from comments where text = ?", [text])
            return row.fetchone()[0]

    first, second = shown()[:2]
    page.keyboard.press("j")
    assert focused() == first
    page.keyboard.press("j")
    assert focused() == second
    page.keyboard.press("k")
    assert focused() == first
    with page.expect_navigation():
        page.keyboard.press("s")
    assert status(first) == "selected" and first not in shown()

    remaining = shown()
    page.keyboard.press("j")
    with page.expect_navigation():
        page.keyboard.press("r")
    assert status(remaining[0]) == "rejected"

    page.keyboard.press("j")
    page.keyboard.press("e")
    assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"
    page.keyboard.press("s")  # typed into the editor, not a shortcut: nothing is selected
    assert status(shown()[0]) == "pending"
    context.close()


OVERLAPS = """() => {
  const box = (el) => el.getBoundingClientRect();
  const ticks = [...document.querySelectorAll("svg > text[transform]")].map(box);
  const legend = [...document.querySelectorAll("svg > text:not([transform])")]
    .filter((t) => !/^[0-9.,]+$/.test(t.textContent)).map(box);
  const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  return {ticks: ticks.length, legend: legend.length,
          overlaps: ticks.flatMap((t) => legend.filter((l) => hit(t, l))).length};
}"""


def test_the_month_labels_of_a_trend_chart_never_run_into_its_legend(desk_browser):
    """Two years of months under the plot, three desks in the legend: as the dashboard and
    the overview draw them (the labels once ran through the legend's first names)."""
    months = [f"{year}-{month:02d}" for year in (2019, 2020) for month in range(1, 13)]
    values = [4.5 + (n % 5) / 10 for n in range(len(months))]
    names = ["Duidelijkheid van de schriftelijke informatie", "GemeenteLoket", "IND"]
    svg = charts.line_chart("t", "Trend", "Trend", months, [(n, values) for n in names])
    desk_browser.set_content(f'<html lang="nl"><title>t</title><body>{svg}</body></html>')
    assert desk_browser.evaluate(OVERLAPS) == {"ticks": 12, "legend": 3, "overlaps": 0}
