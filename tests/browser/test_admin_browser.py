"""Administration in a real browser with the app's CSP enforced: pairing a tablet from the web,
roles, every new page accessible, and every coordinator page wholly in Dutch."""

from __future__ import annotations

import html
import re
import uuid

import pytest

from survey import db, questionnaire, store, submission
from survey.auth import hash_password

from ..helpers import PASSWORD, QUESTIONS, run_cli
from .helpers import AXE, AXE_RUN, WCAG_TAGS, assert_touch_targets

QUESTIONNAIRE = questionnaire.load(QUESTIONS)


def enforced_context(browser, **options):
    """A browser context that keeps the app's Content-Security-Policy (no bypass)."""
    return browser.new_context(viewport={"width": 1280, "height": 900}, **options)


def assert_accessible(page, what: str) -> None:
    """axe-core at WCAG 2.1 A/AA, loaded through the DevTools protocol, which the page's CSP
    does not govern (a <script> tag would be refused, as it should be); 44px touch targets."""
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate(AXE_RUN, WCAG_TAGS)
    assert result["violations"] == [], f"{what} ({page.url}): {result['violations']}"
    assert_touch_targets(page, what, "nav a, footer a, button, .button")


def log_in(page, server, name: str) -> None:
    page.goto(server.url + "/coordinator/login")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button").first.click()
    page.wait_for_url(server.url + "/coordinator/")


@pytest.fixture(scope="module")
def people(server):
    """An admin and a coordinator, plus surveys with comments at every desk."""
    with server.app.app_context():
        database = db.get_db()
        store.add_user(database, "ada", hash_password(PASSWORD), "admin")
        store.add_user(database, "cor", hash_password(PASSWORD), "coordinator")
        for desk in ("expat_centre", "gemeenteloket", "ind"):
            for value in (5, 4, 2):
                payload = {
                    "id": str(uuid.uuid4()),
                    "language": "en",
                    "desks": [desk],
                    "ratings": [
                        {"desk": desk, "question": q.id, "value": value}
                        for q in QUESTIONNAIRE.desk_questions(desk, ("rating",))
                    ],
                    "answers": [
                        {"desk": None, "question": "most_satisfied", "text": "Patient staff"},
                        {"desk": None, "question": "better", "text": "The wait was long"},
                    ],
                }
                loaded = server.app.extensions["survey"]
                submission.record(database, submission.validate(payload, loaded), "Seed", "api")
    # A paired tablet in armed mode with one armed visit: the desk page lists desk and service.
    result = run_cli(server.app, "tablet", "add", "Balie IND", "--desk", "ind", "--mode", "armed")
    assert server.app.test_client().get(result.output.splitlines()[-1]).status_code == 302
    with server.app.app_context():
        tablet = store.get_tablet_by_name(db.get_db(), "Balie IND")
        store.arm_visit(db.get_db(), tablet["id"], "ind", "biometrics", "ada")
    return server


def test_an_admin_adds_a_tablet_on_the_web_and_a_second_browser_pairs_with_it(people, browser):
    server = people
    admin = enforced_context(browser)
    page = admin.new_page()
    log_in(page, server, "ada")
    page.goto(server.url + "/coordinator/tablets")
    assert_accessible(page, "tablets with the add form")
    page.get_by_label("Name").fill("One Stop Shop 2")
    page.get_by_label("Expat Centre").check()
    page.get_by_label("IND (immigration service)").check()
    page.get_by_role("button", name="Add the tablet and show its pairing link").click()
    page.wait_for_load_state()
    assert page.get_by_role("img", name="Pairing link for tablet One Stop Shop 2").is_visible()
    link = page.locator("code.pairing-link").inner_text()
    assert link.startswith(server.url + "/pair/")  # a full URL although BASE_URL is unset
    assert_accessible(page, "pairing page")

    kiosk = enforced_context(browser, has_touch=True)
    tablet = kiosk.new_page()
    tablet.goto(link)
    assert re.search(r"/(?:[a-z]{2}/)?$|/start", tablet.url), tablet.url
    assert tablet.locator('meta[name="csrf-token"]').count() == 1
    assert tablet.get_by_role("link", name="Nederlands").is_visible()  # the kiosk's language choice
    kiosk.close()

    # Revoking asks first; the confirmation page is accessible too.
    page.goto(server.url + "/coordinator/tablets")
    page.get_by_role("link", name="Revoke One Stop Shop 2…").click()
    page.wait_for_load_state()
    assert_accessible(page, "revoke confirmation")
    page.get_by_role("button", name="Revoke One Stop Shop 2").click()
    page.wait_for_load_state()
    assert "revoked" in page.get_by_role("status").inner_text()
    admin.close()


def test_users_and_tokens_pages_for_admins_and_403_for_coordinators(people, browser):
    server = people
    admin = enforced_context(browser)
    page = admin.new_page()
    log_in(page, server, "ada")
    nav = page.get_by_role("navigation")
    nav.get_by_role("link", name="Users").click()
    page.wait_for_load_state()
    assert nav.get_by_role("link", name="Users").get_attribute("aria-current") == "page"
    assert_accessible(page, "users")
    page.get_by_label("User name").fill("nieuw")
    page.get_by_role("button", name="Add the user and show their password link").click()
    page.wait_for_load_state()
    link = page.locator("code.password-link").inner_text()
    assert link.startswith(server.url + "/coordinator/password/")
    assert_accessible(page, "password link")
    nav.get_by_role("link", name="API tokens").click()
    page.wait_for_load_state()
    assert_accessible(page, "tokens")
    page.get_by_label("Token name").fill("dashboard")
    page.get_by_role("button", name="Create the token and show it").click()
    page.wait_for_load_state()
    assert len(page.locator("code.api-token").inner_text()) > 30
    assert_accessible(page, "token shown once")
    admin.close()

    newcomer = enforced_context(browser).new_page()
    newcomer.goto(link)
    assert_accessible(newcomer, "set password")
    newcomer.get_by_label("New password", exact=True).fill("a long enough one")
    newcomer.get_by_label("New password again").fill("a long enough one")
    newcomer.get_by_role("button", name="Save my password").click()
    newcomer.wait_for_url("**/coordinator/login")
    newcomer.context.close()

    coordinator = enforced_context(browser)
    page = coordinator.new_page()
    log_in(page, server, "cor")
    links = [
        a.get_attribute("href") for a in page.get_by_role("navigation").get_by_role("link").all()
    ]
    assert "/coordinator/desk" in links and "/coordinator/users" not in links
    for path in ("/coordinator/users", "/coordinator/tokens"):
        assert page.goto(server.url + path).status == 403
    coordinator.close()


def english_only_texts() -> list[str]:
    """Desk names and question and option texts whose English differs from their Dutch."""
    texts = [d.name["en"] for d in QUESTIONNAIRE.desks if d.name["en"] != d.name["nl"]]
    for question in QUESTIONNAIRE.questions:
        if question.text["en"] != question.text["nl"]:
            texts.append(question.text["en"][:30])  # pages may shorten a long question
        texts += [o.text["en"] for o in question.options if o.text["en"] != o.text["nl"]]
    return texts


def test_every_coordinator_page_in_dutch_holds_no_english_desk_name_or_question(people, browser):
    server = people
    context = enforced_context(browser)
    page = context.new_page()
    log_in(page, server, "ada")
    page.get_by_role("button", name="Nederlands").click()
    page.wait_for_load_state()
    hrefs = [
        a.get_attribute("href") for a in page.get_by_role("navigation").get_by_role("link").all()
    ]
    assert {"/coordinator/desk", "/coordinator/users", "/coordinator/tokens"} <= set(hrefs)
    english = english_only_texts()
    assert "IND (immigration service)" in english and "Other" in english
    for href in dict.fromkeys(hrefs + ["/coordinator/?period=all", "/coordinator/quotes?status="]):
        page.goto(server.url + href)
        assert page.locator("html").get_attribute("lang") == "nl"
        shown = html.unescape(page.content())
        found = [text for text in english if text in shown]
        assert found == [], f"{href}: English on a Dutch page: {found}"
    context.close()
