"""A client at a tablet, in a real browser: every language by touch, several desks, keyboard, idle."""

from __future__ import annotations

import re

import pytest

from survey import questionnaire, store

from ..helpers import QUESTIONS, database
from .helpers import assert_no_scrolling, check_page, tablet_page

QUESTIONNAIRE = questionnaire.load(QUESTIONS)
WORDS = {
    "en": {
        "4": "4 Good",
        "5": "5 Excellent",
        "next": "Next",
        "send": "Send",
        "thanks": "Thank you!",
        "comment": "Comment (optional)",
    },
    "nl": {
        "4": "4 Goed",
        "5": "5 Uitstekend",
        "next": "Volgende",
        "send": "Versturen",
        "thanks": "Dank u wel!",
        "comment": "Opmerking (niet verplicht)",
    },
    "de": {
        "4": "4 Gut",
        "5": "5 Ausgezeichnet",
        "next": "Weiter",
        "send": "Senden",
        "thanks": "Vielen Dank!",
        "comment": "Kommentar (freiwillig)",
    },
    "fr": {
        "4": "4 Bon",
        "5": "5 Excellent",
        "next": "Suivant",
        "send": "Envoyer",
        "thanks": "Merci !",
        "comment": "Commentaire (facultatif)",
    },
}


def text(question_id: str, lang: str) -> str:
    return QUESTIONNAIRE.text(QUESTIONNAIRE.question(question_id).text, lang)


def group(page, question_id: str, lang: str):
    """The radio group (fieldset) of a question, found by its legend as a screen reader would."""
    return page.get_by_role("group", name=text(question_id, lang), exact=True)


@pytest.mark.parametrize("lang", ["en", "nl", "de", "fr"])
def test_a_client_completes_the_survey_by_touch(server, tablet, lang):
    page, size = tablet
    words = WORDS[lang]
    page.goto(server.pairing_link(f"IND {lang} {size}"))
    assert page.get_by_role("link", name=QUESTIONNAIRE.languages[lang]).is_visible()
    check_page(page, size, "1-start")

    page.get_by_role("link", name=QUESTIONNAIRE.languages[lang]).tap()
    page.wait_for_url(f"**/{lang}/survey")
    assert page.locator("html").get_attribute("lang") == lang
    check_page(page, size, f"{lang}-2-ratings")
    group(page, "front_desk_staff", lang).get_by_role("radio", name=words["5"]).tap()
    group(page, "clarity_written_info", lang).get_by_role("radio", name=words["4"]).tap()
    option = QUESTIONNAIRE.question("service").options[1]
    page.get_by_role("radio", name=QUESTIONNAIRE.text(option.text, lang)).tap()
    page.get_by_role("textbox", name=words["comment"]).fill("Snel en vriendelijk")
    response_id = page.locator("input[name=response_id]").get_attribute("value")
    page.get_by_role("button", name=words["next"], exact=True).tap()

    page.get_by_role("textbox", name=text("better", lang)).wait_for()
    check_page(page, size, f"{lang}-3-open")
    page.get_by_role("textbox", name=text("better", lang)).fill("Meer stoelen")
    page.get_by_role("button", name=words["send"], exact=True).tap()

    page.wait_for_url(f"**/{lang}/thanks")
    assert page.get_by_role("heading", name=words["thanks"]).is_visible()
    check_page(page, size, f"{lang}-4-thanks")

    stored = store.get_response(database(server.app), response_id)
    assert stored["language"] == lang
    assert sorted((r["question_id"], r["value"]) for r in stored["ratings"]) == [
        ("clarity_written_info", 4),
        ("front_desk_staff", 5),
    ]
    assert [c["value"] for c in stored["choices"]] == [option.id]
    assert {c["question_id"] for c in stored["comments"]} == {"permit_processing", "better"}


def test_a_multi_desk_tablet_asks_for_desks_and_keeps_answers_across_languages(server, tablet):
    page, size = tablet
    page.goto(
        server.pairing_link(f"One Stop Shop {size}", ("expat_centre", "gemeenteloket", "ind"))
    )
    page.get_by_role("link", name="Nederlands").tap()
    page.wait_for_url("**/nl/desks")
    check_page(page, size, "nl-1-desks")
    page.get_by_role("checkbox", name="Expat Centre").tap()
    page.get_by_role("checkbox", name="IND").tap()
    page.get_by_role("button", name="Volgende").tap()
    page.wait_for_url(re.compile(r"/nl/survey\?desk=expat_centre&desk=ind$"))
    check_page(page, size, "nl-2-ratings-two-desks")
    staff = page.get_by_role("group", name="Medewerkers aan de balie", exact=True)
    assert staff.count() == 2  # the question is asked once per visited desk
    staff.nth(0).get_by_role("radio", name="5 Uitstekend").tap()
    staff.nth(1).get_by_role("radio", name="2 Slecht").tap()
    response_id = page.locator("input[name=response_id]").get_attribute("value")

    page.get_by_role("button", name="Deutsch").tap()  # change language mid-survey
    page.get_by_role("heading", name="Wie waren wir?").wait_for()
    assert page.locator("html").get_attribute("lang") == "de"
    staff = page.get_by_role("group", name="Mitarbeitende am Schalter", exact=True)
    assert staff.nth(0).get_by_role("radio", name="5 Ausgezeichnet").is_checked()
    assert staff.nth(1).get_by_role("radio", name="2 Schlecht").is_checked()
    check_page(page, size, "de-2-ratings-after-switch")
    page.get_by_role("button", name="Weiter", exact=True).tap()
    page.get_by_role("button", name="Senden", exact=True).tap()
    page.wait_for_url("**/de/thanks")

    stored = store.get_response(database(server.app), response_id)
    assert stored["language"] == "de"
    assert sorted((r["desk_id"], r["value"]) for r in stored["ratings"]) == [
        ("expat_centre", 5),
        ("ind", 2),
    ]


def test_rating_scale_is_one_tab_stop_with_arrow_keys_and_visible_focus(server, browser):
    with tablet_page(browser, "landscape", workers="block") as (context, page):
        page.goto(server.pairing_link("Keyboard tablet"))
        page.goto(server.url + "/en/survey")
        first = "d_ind_q_clarity_written_info"
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.type") == "radio":
                break
        assert page.evaluate("document.activeElement.name") == first
        page.keyboard.press("ArrowRight")
        assert page.locator(f"input[name={first}][value='2']").is_checked()
        outline = page.evaluate(
            "getComputedStyle(document.activeElement.closest('label')).outlineStyle"
        )
        assert outline == "solid"  # the focused rating shows a focus ring
        page.keyboard.press("Tab")  # leaves the group: one Tab stop per scale
        assert page.evaluate("document.activeElement.name") == "d_ind_q_front_desk_staff"
        radios = page.get_by_role("radio", name="5 Excellent")
        quality = [
            q for q in QUESTIONNAIRE.desk_questions("ind", ("rating",)) if q.scale == "quality"
        ]
        assert radios.count() == len(quality)
        assert (
            page.get_by_role("radio", name="Very satisfied").count() == 1
        )  # the satisfaction scale
        # Enter submits with the form's first button, "Next", never a language button.
        page.keyboard.press("Enter")
        page.get_by_role("textbox", name=text("better", "en")).wait_for()
        assert page.locator("html").get_attribute("lang") == "en"


def test_a_survey_sent_while_offline_is_queued_and_replayed(server, browser):
    """Without a service worker (plain HTTP on a LAN) the form path still queues the survey."""
    with tablet_page(browser, "landscape", workers="block") as (context, page):
        page.goto(server.pairing_link("Offline tablet"))
        page.goto(server.url + "/en/survey")
        group(page, "front_desk_staff", "en").get_by_role("radio", name="4 Good").tap()
        response_id = page.locator("input[name=response_id]").get_attribute("value")
        page.get_by_role("button", name="Next", exact=True).tap()
        page.get_by_role("textbox", name=text("better", "en")).fill("Sent from the queue")
        context.set_offline(True)
        # No service worker here: the survey waits in IndexedDB, then the page moves on to the
        # thank-you page, which fails while offline (the offline kiosk needs HTTPS or localhost).
        thanks_failed = lambda request: request.url.endswith("/en/thanks")  # noqa: E731
        with page.expect_event("requestfailed", thanks_failed):
            page.get_by_role("button", name="Send", exact=True).tap()
        assert store.get_response(database(server.app), response_id) is None
        context.set_offline(False)
        page.goto(server.url + "/")  # any kiosk page replays the queue
        page.locator("body[data-queued='0']").wait_for(state="attached")
        stored = store.get_response(database(server.app), response_id)
        assert stored is not None
        assert [(r["question_id"], r["value"]) for r in stored["ratings"]] == [
            ("front_desk_staff", 4)
        ]
        assert [c["text"] for c in stored["comments"]] == ["Sent from the queue"]


def test_start_again_on_the_form_path_asks_first(server, browser):
    with tablet_page(browser, "portrait", workers="block") as (context, page):
        page.goto(server.pairing_link("Form path restart"))
        page.goto(server.url + "/nl/survey")
        group(page, "front_desk_staff", "nl").get_by_role("radio", name="4 Goed").tap()
        page.get_by_role("link", name="Opnieuw beginnen").tap()
        assert page.get_by_role("dialog").is_visible()
        page.get_by_role("button", name="Nee, doorgaan").tap()
        assert page.url.endswith("/nl/survey")
        assert (
            group(page, "front_desk_staff", "nl").get_by_role("radio", name="4 Goed").is_checked()
        )
        page.get_by_role("link", name="Opnieuw beginnen").tap()
        page.get_by_role("button", name="Ja, opnieuw beginnen").tap()
        page.wait_for_url(server.url + "/")
        assert page.get_by_role("link", name="Nederlands").is_visible()


@pytest.mark.parametrize("size", ["landscape", "portrait"])
def test_the_open_questions_step_of_the_form_path_fits_the_tablet(server, browser, size):
    """Over plain HTTP (no service worker) the enhanced form path shows one step per screen;
    its last step, two comment boxes and Send, needs no scrolling either."""
    with tablet_page(browser, size, workers="block") as (context, page):
        page.goto(server.pairing_link(f"Form path fit {size}"))
        page.goto(server.url + "/en/survey")
        for _ in range(8):  # each rating step moves on by itself once answered
            if page.get_by_role("button", name="Send").is_visible():
                break
            page.get_by_role("radio", name="5 Excellent").first.tap()
            page.wait_for_load_state()
        if not page.get_by_role("button", name="Send").is_visible():  # the service question
            page.get_by_role("button", name="Next", exact=True).tap()
        page.get_by_role("button", name="Send").wait_for()
        assert page.get_by_role("textbox", name="What can we do better?").is_visible()
        assert_no_scrolling(page, f"form path, open questions, {size}")


@pytest.mark.parametrize("size", ["landscape", "portrait"])
def test_the_other_kiosk_screens_are_accessible(server, browser, size):
    """Not set up, waiting for the desk (armed mode), page not found, page expired."""
    with tablet_page(browser, size, workers="block") as (context, page):
        page.goto(server.url + "/")
        heading = "This tablet is not set up yet. Please ask a member of staff."
        assert page.get_by_role("heading", name=heading).is_visible()
        check_page(page, size, "x-not-paired")
        page.goto(server.pairing_link(f"Armed {size}", mode="armed"))
        assert page.get_by_role("heading", name="Please wait for the desk staff").is_visible()
        check_page(page, size, "x-armed-waiting")
        other = context.new_page()
        other.goto(server.pairing_link(f"Open {size}"))
        other.goto(server.url + "/xx/survey")
        assert other.get_by_role("heading", name="Page not found").is_visible()
        check_page(other, size, "x-not-found")
        other.goto(server.url + "/nl/survey")
        other.locator("input[name=csrf_token]").evaluate("field => { field.value = 'stale'; }")
        other.get_by_role("button", name="Volgende", exact=True).tap()
        other.get_by_role("heading", name="Deze pagina is verlopen").wait_for()
        check_page(other, size, "nl-x-expired")
