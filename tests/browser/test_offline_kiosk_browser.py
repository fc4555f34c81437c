"""The offline kiosk in a real browser: surveys with the network cut, screens that fit, idle time.

Each test pairs a tablet over http://127.0.0.1 (a secure context, so the service worker runs),
waits until the worker has cached the kiosk, and then acts as a client by touch.
"""

from __future__ import annotations

import re

import pytest

from survey import clock, questionnaire, store

from ..helpers import QUESTIONS, database
from .helpers import (
    SIZES,
    LiveServer,
    assert_accessible,
    assert_no_scrolling,
    assert_touch_targets,
    shoot,
    tablet_page,
)

OSS = ("expat_centre", "gemeenteloket", "ind")


def open_kiosk(page, link: str) -> None:
    """Pair, wait for the service worker to cache the kiosk, and leave the page on its start."""
    page.goto(link)
    page.locator("body[data-offline-ready=true]").wait_for()


def visible_screen(page) -> str:
    """The kind of screen the client sees (start, desks, question, open, thanks)."""
    shown = page.locator("section.screen:visible")
    assert shown.count() == 1
    return shown.get_attribute("data-kind")


@pytest.fixture
def landscape(browser):
    with tablet_page(browser, "landscape") as found:
        yield found


@pytest.fixture
def portrait(browser):
    with tablet_page(browser, "portrait") as found:
        yield found


@pytest.fixture(params=list(SIZES))
def each_size(request, browser):
    """Each tablet size in turn: gives (page, size)."""
    with tablet_page(browser, request.param) as (_, page):
        yield page, request.param


def rows(app, sql: str, *args):
    return database(app).execute(sql, list(args)).fetchall()


def complete_oss_survey(page, comment: str, words: dict) -> list[str]:
    """One client on the 3-desk tablet: two desks, every screen answered or passed by touch;
    returns the progress texts seen. Asserts what the client sees on each screen."""
    assert visible_screen(page) == "start"
    assert page.get_by_role("heading", name=re.compile("How was your visit")).is_visible()
    page.get_by_role("link", name="English").tap()
    assert visible_screen(page) == "desks"
    assert page.get_by_role("heading", name="Which desks did you visit today?").is_visible()
    seen = [page.locator("#progress").inner_text()]
    page.get_by_role("button", name="Next", exact=True).tap()
    assert page.get_by_text("Please choose at least one desk.").is_visible()  # still here
    page.get_by_role("checkbox", name="Expat Centre").tap()
    page.get_by_role("checkbox", name="IND (immigration service)").tap()
    page.get_by_role("button", name="Next", exact=True).tap()
    # Expat Centre: three questions, one per screen.
    for question, answer in words["expat_centre"]:
        progress = page.locator("#progress")
        before = progress.inner_text()
        seen.append(before)
        assert visible_screen(page) == "question"
        assert page.get_by_role("heading", name="Expat Centre").is_visible()
        group = page.get_by_role("group", name=question, exact=True)
        assert group.is_visible()
        group.get_by_role("radio", name=answer).tap()
        if page.locator("section.screen[data-auto]:visible").count():
            # One rating alone: it shows as chosen, then the next screen follows by itself.
            assert group.locator("label.confirmed").count() == 1
            progress.filter(has_not_text=before).wait_for()
        else:
            page.get_by_role("textbox", name="Comment (optional)").fill(comment)
            page.get_by_role("button", name="Next", exact=True).tap()
    # IND: ratings, then the service.
    for question, answer in words["ind"]:
        seen.append(page.locator("#progress").inner_text())
        assert page.get_by_role("heading", name="IND (immigration service)").is_visible()
        page.get_by_role("group", name=question, exact=True).get_by_role("radio", name=answer).tap()
        page.get_by_role("button", name="Next", exact=True).tap()
    seen.append(page.locator("#progress").inner_text())
    assert visible_screen(page) == "open"
    page.get_by_role("textbox", name="What can we do better?").fill("More chairs")
    page.get_by_role("button", name="Send", exact=True).tap()
    assert visible_screen(page) == "thanks"
    assert page.get_by_role("heading", name="Thank you!").is_visible()
    return seen


ANSWERS = {
    "expat_centre": [
        ("Clarity of written information provided", "5 Excellent"),
        ("Front desk staff", "4 Good"),
        (
            "How would you rate the information you received about living and working in the"
            " Maastricht Region?",
            "3 Fair",
        ),
    ],
    "ind": [
        ("Clarity of written information provided", "2 Poor"),
        ("Front desk staff", "5 Excellent"),
        (
            "How satisfied are you with the way your application for a residence permit was"
            " processed?",
            "Very satisfied",
        ),
        ("Which service did you come for?", "Biometrics"),
    ],
}


def test_three_surveys_offline_each_thank_the_client_and_are_stored_once_back_online(
    server, portrait
):
    context, page = portrait
    open_kiosk(page, server.pairing_link("OSS offline", OSS))
    tablet = "OSS offline"
    page.goto(server.url + "/en/kiosk")
    context.set_offline(True)
    progress = None
    for n in range(3):
        progress = complete_oss_survey(page, f"Offline comment {n}", ANSWERS)
        page.locator(f"body[data-queued='{n + 1}']").wait_for(state="attached")
        page.get_by_role("button", name="Done").tap()
    # Until desks are chosen the count assumes all three; two chosen leave nine screens.
    assert progress == ["1 of 11"] + [f"{i} of 9" for i in range(2, 10)]
    page.locator("body[data-queued='3']").wait_for(state="attached")
    assert rows(server.app, "select count(*) from responses where tablet = ?", tablet) == [(0,)]

    # A reload with no network shows the kiosk from the cache, never the browser's error page.
    page.reload()
    assert visible_screen(page) == "start"
    assert page.get_by_role("link", name="Deutsch").is_visible()
    assert page.locator("body").get_attribute("data-queued") == "3"
    page.goto(server.url + "/")  # the home-screen start URL too
    assert visible_screen(page) == "start"

    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.locator("body[data-queued='0']").wait_for(state="attached")
    stored = rows(
        server.app,
        "select r.id, count(*) from responses r join ratings g on g.response_id = r.id"
        " where r.tablet = ? group by r.id",
        tablet,
    )
    assert len(stored) == 3 and all(count == 6 for _, count in stored)
    comments = rows(
        server.app,
        "select c.text from comments c join responses r on r.id = c.response_id"
        " where r.tablet = ? and c.question_id = 'info_living_working' order by c.text",
        tablet,
    )
    assert comments == [(f"Offline comment {n}",) for n in range(3)]
    services = rows(
        server.app,
        "select value from choices c join responses r on r.id = c.response_id where r.tablet = ?",
        tablet,
    )
    assert services == [("biometrics",)] * 3


def test_every_screen_of_the_three_desk_tablet_fits_without_scrolling_and_passes_axe(
    server, each_size
):
    page, size = each_size
    open_kiosk(page, server.pairing_link(f"OSS screens {size}", OSS))
    page.goto(server.url + "/de/kiosk")  # German: the longest words
    seen = 0

    def check(name: str) -> None:
        nonlocal seen
        seen += 1
        shoot(page, size, f"app-{seen:02d}-{name}")
        assert_no_scrolling(page, f"{name} {size}")
        assert_accessible(page, f"{name} {size}")
        assert_touch_targets(page, f"{name} {size}")
        screen = visible_screen(page)
        if screen not in ("start", "thanks"):
            forward = page.locator("#app-actions button:visible").all_inner_texts()
            assert len(forward) == (1 if screen == "desks" else 2), forward  # and Back after
            assert forward[0] == ("Senden" if screen == "open" else "Weiter"), forward

    check("start")
    page.get_by_role("link", name="Deutsch").tap()
    check("desks")
    for desk in ("Expat Centre", "GemeenteLoket (Gemeinde)", "IND (Einwanderungsbehörde)"):
        page.get_by_role("checkbox", name=desk).tap()
    page.get_by_role("button", name="Weiter", exact=True).tap()
    while visible_screen(page) != "open":
        check(page.locator("#progress").inner_text().replace(" ", "-"))
        page.get_by_role("button", name="Weiter", exact=True).tap()
    check("open")
    page.get_by_role("button", name="Neu beginnen").tap()
    check("confirm-start-again")
    page.get_by_role("button", name="Nein, weiter").tap()
    assert visible_screen(page) == "open"  # nothing lost by asking
    page.get_by_role("button", name="Senden", exact=True).tap()
    check("thanks")
    assert seen == 14  # start, desks, 9 questions, open, the dialog, thanks


def test_start_again_asks_first_and_then_clears_every_answer(server, landscape):
    context, page = landscape
    open_kiosk(page, server.pairing_link("Start again tablet"))
    page.get_by_role("link", name="Nederlands").tap()
    page.wait_for_url("**/nl/kiosk")  # the URL follows the chosen language
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("#progress").inner_text() == "1 van 5"
    page.get_by_role("radio", name="5 Uitstekend").tap()
    page.locator("#progress", has_text="2 van 5").wait_for()
    page.get_by_role("button", name="Terug").tap()
    assert page.get_by_role("radio", name="5 Uitstekend").is_checked()  # Back keeps it
    page.get_by_role("button", name="Opnieuw beginnen").tap()
    assert page.get_by_role("dialog").is_visible()
    page.get_by_role("button", name="Ja, opnieuw beginnen").tap()
    assert visible_screen(page) == "start"
    assert page.locator("input:checked").count() == 0


def test_a_change_of_language_mid_survey_keeps_every_answer(server, portrait):
    context, page = portrait
    open_kiosk(page, server.pairing_link("Language tablet"))
    page.get_by_role("link", name="English").tap()
    page.get_by_role("radio", name="4 Good").tap()
    page.locator("#progress", has_text="2 of 5").wait_for()
    page.get_by_role("link", name="Français").tap()
    page.wait_for_url("**/fr/kiosk")
    assert page.locator("#progress").inner_text() == "2 sur 5"
    page.get_by_role("button", name="Retour").tap()
    assert page.get_by_role("radio", name="4 Bon").is_checked()


FOCUS_RING = """() => {
  const shown = document.activeElement;
  const style = getComputedStyle(shown);
  return {tag: shown.tagName, outline: style.outlineStyle, shadow: style.boxShadow};
}"""


def test_the_heading_that_takes_focus_after_a_reload_draws_no_ring(server, landscape):
    """A new page (language switch, idle reset) moves focus to the screen's heading for screen
    readers; no focus ring may frame that heading like a button (seen as a black box)."""
    context, page = landscape
    open_kiosk(page, server.pairing_link("Focus ring tablet", OSS))
    page.get_by_role("link", name="English").tap()
    page.get_by_role("checkbox", name="Expat Centre").tap()
    page.get_by_role("button", name="Next", exact=True).tap()
    page.get_by_role("link", name="Deutsch").tap()
    page.wait_for_url("**/de/kiosk")
    assert page.evaluate(FOCUS_RING) == {"tag": "H1", "outline": "none", "shadow": "none"}
    labels = page.locator("label.option")
    page.get_by_role("button", name="Zur\u00fcck").tap()
    # A desk name that wraps reads from the start of the line, as the one-line names do.
    assert {labels.nth(n).evaluate("e => getComputedStyle(e).textAlign") for n in range(3)} == {
        "start"
    }


def test_idle_countdown_counts_and_more_time_keeps_the_screen_and_the_answers(tmp_path, landscape):
    live = LiveServer(tmp_path / "idle", IDLE_SECONDS=60)
    _, page = landscape
    try:
        page.clock.install()
        open_kiosk(page, live.pairing_link("Idle tablet"))
        page.get_by_role("link", name="English").tap()
        page.get_by_role("radio", name="5 Excellent").tap()
        page.clock.run_for(1000)  # the confirmation, then the next screen
        page.get_by_role("button", name="Next", exact=True).tap()
        assert page.locator("#progress").inner_text() == "3 of 5"
        page.get_by_role("radio", name="Satisfied", exact=True).tap()
        page.get_by_role("textbox", name="Comment (optional)").fill("Quick and kind")

        page.clock.run_for(45_000)
        countdown = page.locator("#idle-countdown")
        assert countdown.is_visible()
        message = page.locator("#idle-message")
        assert message.inner_text() == "No touch for a while: the survey restarts in 15 seconds."
        page.clock.run_for(3_000)
        assert message.inner_text() == "No touch for a while: the survey restarts in 12 seconds."
        assert page.locator("#idle-announce").get_attribute("aria-live") == "assertive"
        shoot(page, "landscape", "app-idle-countdown")
        assert_accessible(page, "countdown shown")

        page.get_by_role("button", name="I need more time").tap()
        assert countdown.is_hidden()
        assert page.locator("#progress").inner_text() == "3 of 5"  # the same screen
        assert page.get_by_role("radio", name="Satisfied", exact=True).is_checked()
        assert (
            page.get_by_role("textbox", name="Comment (optional)").input_value() == "Quick and kind"
        )
        assert (
            page.evaluate("document.activeElement.tagName") != "TEXTAREA"
        )  # no keyboard popped up
        page.clock.run_for(30_000)
        assert countdown.is_hidden()  # the full idle time again

        page.clock.run_for(31_000)  # left alone: back to the start, nothing kept
        assert visible_screen(page) == "start"
        assert page.locator("input:checked").count() == 0
        assert store.table_counts(database(live.app))["responses"] == 0
    finally:
        live.stop()


def test_a_refused_survey_is_held_on_the_tablet_and_reported(server, landscape):
    """An old queue (localStorage) is adopted once; what the server refuses (422) stays held."""
    context, page = landscape
    open_kiosk(page, server.pairing_link("Held tablet"))
    good = "7d6f0f7e-1b7a-4a3e-9a43-3b0c1d1e2f01"
    bad = "7d6f0f7e-1b7a-4a3e-9a43-3b0c1d1e2f02"

    def survey(response_id, value):
        return {
            "payload": {
                "id": response_id,
                "language": "en",
                "desks": ["ind"],
                "ratings": [{"desk": "ind", "question": "front_desk_staff", "value": value}],
                "answers": [],
                "choices": [],
                "started_at": None,
                "submitted_at": clock.stamp(),
            },
            "attempts": 0,
            "due": 0,
        }

    old = {good: survey(good, 4), bad: survey(bad, 9)}  # 9 is not on the scale: 422
    context.set_offline(True)
    page.evaluate("queue => localStorage.setItem('survey.queue.v1', JSON.stringify(queue))", old)
    page.reload()
    page.locator("body[data-queued='2']").wait_for(state="attached")
    assert page.evaluate("localStorage.getItem('survey.queue.v1')") is None  # moved, once
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.locator("body[data-held='1'][data-queued='0']").wait_for(state="attached")
    assert store.get_response(database(server.app), good) is not None
    assert store.get_response(database(server.app), bad) is None
    page.reload()  # held surveys survive a reload and are reported in the heartbeat
    page.locator("body[data-held='1']").wait_for(state="attached")
    row = None
    for _ in range(100):  # the heartbeat is on its way: wait for the server to record it
        row = store.get_tablet_by_name(database(server.app), "Held tablet")
        if row["held"] == 1:
            break
        page.wait_for_timeout(100)
    assert row["held"] == 1 and row["offline_capable"] == 1


def test_a_changed_questionnaire_reaches_the_tablet_without_a_manual_reload(tmp_path, landscape):
    questions = tmp_path / "questions.yaml"
    questions.write_text(QUESTIONS.read_text(encoding="utf-8"), encoding="utf-8")
    live = LiveServer(tmp_path / "refresh", QUESTIONS_FILE=str(questions))
    _, page = landscape
    try:
        open_kiosk(page, live.pairing_link("Refresh tablet"))
        page.goto(live.url + "/en/kiosk")
        old, new = (
            "Clarity of written information provided",
            "How clear was the written information?",
        )
        page.get_by_role("link", name="English").tap()
        assert page.get_by_role("group", name=old).is_visible()

        # An admin edits questions.yaml and restarts the app (here: the same server reloads it).
        questions.write_text(
            questions.read_text(encoding="utf-8").replace(old, new), encoding="utf-8"
        )
        live.app.extensions["survey"] = questionnaire.load(questions)
        live.app.extensions.pop("kiosk_version")

        while visible_screen(page) != "open":
            page.get_by_role("button", name="Next", exact=True).tap()
        page.get_by_role("button", name="Send", exact=True).tap()
        page.locator("body[data-refreshed=changed]").wait_for(state="attached")
        page.get_by_role("button", name="Done").tap()  # the next client gets the new questions
        page.get_by_role("link", name="English").tap()
        assert page.get_by_role("group", name=new).is_visible()
    finally:
        live.stop()
