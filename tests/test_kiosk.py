"""The tablet flow as plain form posts (no JavaScript), from pairing to the thank-you screen."""

import re

from survey import store

from .helpers import database, hidden, pair, post_step, run_cli, start_survey

NOT_SET_UP = {
    "en": "This tablet is not set up yet. Please ask a member of staff.",
    "nl": "Deze tablet is nog niet ingesteld. Vraag het een medewerker.",
    "de": "Dieses Tablet ist noch nicht eingerichtet. Bitte wenden Sie sich an das Personal.",
    "fr": "Cette tablette n&#39;est pas encore configurée. Veuillez vous adresser à un membre"
    " du personnel.",
}


def assert_not_set_up(response):
    """The public sees one sentence in four languages: no admin command, nothing else."""
    assert response.status_code == 403
    main = re.search(r"<main[^>]*>(.*)</main>", response.text, re.S).group(1)
    sentences = re.findall(r'<(?:h1|p) lang="(\w\w)">([^<]+)</', main)
    assert dict(sentences) == NOT_SET_UP
    assert len(re.sub(r"<[^>]+>|\s", "", main)) == len(
        "".join(NOT_SET_UP.values()).replace(" ", "")
    )
    assert "survey tablet" not in response.text and "How did we do?" not in response.text


def test_an_unpaired_browser_gets_a_polite_page_never_the_survey(client):
    for path in ("/", "/en/desks", "/en/survey", "/en/thanks", "/en/kiosk"):
        assert_not_set_up(client.get(path))


def test_pairing_link_sets_a_long_lived_cookie_and_works_only_once(app, client):
    from .helpers import add_tablet

    link = add_tablet(app)
    response = client.get(link)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    cookie = response.headers["Set-Cookie"]
    assert "survey_tablet=" in cookie and "HttpOnly" in cookie and "Max-Age=" in cookie
    assert "Secure" not in cookie  # plain HTTP on localhost must work
    assert client.get("/").status_code == 200
    other = app.test_client()
    used = other.get(link)
    assert used.status_code == 404
    assert "New pairing link" in used.text and "Tablets page" in used.text  # the admin's way
    assert other.get("/").status_code == 403


def test_start_page_offers_languages_and_carries_a_csrf_meta_tag(tablet_client):
    page = tablet_client.get("/").text
    assert 'href="/en/desks"' in page and 'href="/nl/desks"' in page
    assert '<meta name="csrf-token" content="' in page


def test_the_start_page_asks_for_a_language_in_every_language_each_marked_as_such(tablet_client):
    page = tablet_client.get("/").text
    for code, prompt in (
        ("en", "Choose your language"),
        ("nl", "Kies uw taal"),
        ("de", "Wählen Sie Ihre Sprache"),
        ("fr", "Choisissez votre langue"),
    ):
        assert f'<span lang="{code}">{prompt}</span>' in page


def test_single_desk_tablet_skips_the_desk_question(tablet_client):
    response = tablet_client.get("/en/desks")
    assert response.status_code == 302
    assert response.headers["Location"] == "/en/survey"


def test_single_desk_survey_end_to_end_stores_ratings_per_desk(app, tablet_client):
    html = start_survey(tablet_client, "/en/survey")
    assert "Front desk staff" in html and "Very poor" in html and "Excellent" in html
    response_id = hidden(html, "response_id")
    step2 = post_step(
        tablet_client,
        "/en/survey",
        html,
        {
            "d_ind_q_front_desk_staff": "5",
            "d_ind_q_clarity_written_info": "4",
            "d_ind_q_permit_processing_comment": "Very efficient and fast.",
        },
        "next",
    )
    assert step2.status_code == 200
    assert "What can we do better?" in step2.text
    done = post_step(
        tablet_client, "/en/survey", step2.text, {"q_better": "No issues yet."}, "submit"
    )
    assert done.status_code == 302 and done.headers["Location"] == "/en/thanks"
    stored = store.get_response(database(app), response_id)
    assert stored["language"] == "en" and stored["tablet"] == "IND desk 1"
    assert sorted((r["desk_id"], r["question_id"], r["value"]) for r in stored["ratings"]) == [
        ("ind", "clarity_written_info", 4),
        ("ind", "front_desk_staff", 5),
    ]
    assert sorted((c["question_id"], c["text"]) for c in stored["comments"]) == [
        ("better", "No issues yet."),
        ("permit_processing", "Very efficient and fast."),
    ]
    thanks = tablet_client.get("/en/thanks")
    assert "Thank you" in thanks.text
    assert 'data-reset-after="8"' in thanks.text  # returns to the start by itself
    assert 'http-equiv="refresh"' in thanks.text  # also without JavaScript


def test_multi_desk_tablet_asks_which_desks_then_rates_each(app, oss_client):
    desks = oss_client.get("/nl/desks")
    assert desks.status_code == 200
    assert "Welke balies hebt u vandaag bezocht?" in desks.text
    none_chosen = oss_client.get("/nl/survey", follow_redirects=True)
    assert "Kies ten minste één balie." in none_chosen.text
    html = start_survey(oss_client, "/nl/survey?desk=expat_centre&desk=ind")
    assert "Medewerkers aan de balie" in html
    assert "d_expat_centre_q_info_living_working" in html
    assert "d_ind_q_permit_processing" in html and "d_gemeenteloket_q" not in html
    response_id = hidden(html, "response_id")
    answers = {"d_expat_centre_q_front_desk_staff": "5", "d_ind_q_front_desk_staff": "3"}
    step2 = post_step(oss_client, "", html, answers, "next")
    done = post_step(oss_client, "", step2.text, {}, "submit")
    assert done.headers["Location"] == "/nl/thanks"
    stored = store.get_response(database(app), response_id)
    assert stored["language"] == "nl"
    assert {(r["desk_id"], r["value"]) for r in stored["ratings"]} == {
        ("expat_centre", 5),
        ("ind", 3),
    }


def test_desks_the_tablet_does_not_serve_are_ignored(app, client):
    pair(app, client, "Two desks", ("expat_centre", "gemeenteloket"))
    html = start_survey(client, "/en/survey?desk=ind&desk=expat_centre")
    assert "d_ind_" not in html and "d_expat_centre_" in html


def test_every_question_may_be_left_unanswered(app, tablet_client):
    html = start_survey(tablet_client, "/en/survey")
    step2 = post_step(tablet_client, "", html, {}, "next")
    done = post_step(tablet_client, "", step2.text, {}, "submit")
    assert done.status_code == 302
    assert store.table_counts(database(app))["responses"] == 1


def test_back_keeps_the_answers_already_given(tablet_client):
    html = start_survey(tablet_client, "/en/survey")
    step2 = post_step(tablet_client, "", html, {"d_ind_q_front_desk_staff": "2"}, "next")
    back = post_step(tablet_client, "", step2.text, {"q_better": "More chairs"}, "back")
    assert 'name="d_ind_q_front_desk_staff" value="2" checked' in back.text
    assert 'name="q_better" value="More chairs"' in back.text


def test_a_double_tap_stores_the_survey_once(app, tablet_client):
    html = start_survey(tablet_client, "/en/survey")
    step2 = post_step(tablet_client, "", html, {"d_ind_q_front_desk_staff": "5"}, "next")
    first = post_step(tablet_client, "", step2.text, {"q_better": "Nothing"}, "submit")
    second = post_step(tablet_client, "", step2.text, {"q_better": "Nothing"}, "submit")
    assert first.status_code == second.status_code == 302
    counts = store.table_counts(database(app))
    assert counts["responses"] == 1 and counts["ratings"] == 1 and counts["comments"] == 1


def test_out_of_range_rating_is_refused_and_nothing_is_stored(app, tablet_client):
    html = start_survey(tablet_client, "/en/survey")
    again = post_step(tablet_client, "", html, {"d_ind_q_front_desk_staff": "7"}, "next")
    assert again.status_code == 200
    assert "Please check the answers marked below." in again.text
    assert store.table_counts(database(app))["responses"] == 0


def test_a_comment_that_is_too_long_gets_a_message_in_the_clients_language(app, oss_client):
    html = start_survey(oss_client, "/nl/survey?desk=gemeenteloket")
    step2 = post_step(oss_client, "", html, {}, "next")
    again = post_step(oss_client, "", step2.text, {"q_better": "x" * 2001}, "submit")
    assert again.status_code == 200
    assert "Gebruik maximaal 2000 tekens." in again.text
    assert store.table_counts(database(app))["responses"] == 0


def test_idle_reset_leaves_nothing_of_an_unfinished_survey(app, tablet_client):
    html = start_survey(tablet_client, "/en/survey")
    assert 'data-reset-after="90"' in html
    assert '<noscript><meta http-equiv="refresh" content="90;url=/"></noscript>' in html
    post_step(tablet_client, "", html, {"d_ind_q_front_desk_staff": "1"}, "next")
    # The reset is a plain GET of the start page: the answers lived only in the page.
    assert tablet_client.get("/").status_code == 200
    assert store.table_counts(database(app)) == {
        "responses": 0,
        "ratings": 0,
        "choices": 0,
        "comments": 0,
    }
    fresh = start_survey(tablet_client, "/en/survey")
    assert "checked" not in fresh and hidden(fresh, "response_id") != hidden(html, "response_id")


def test_kiosk_pages_are_never_cached(tablet_client):
    assert tablet_client.get("/en/survey").headers["Cache-Control"] == "no-store"


def test_idle_time_is_configurable(make_app):
    app = make_app(IDLE_SECONDS=30)
    client = app.test_client()
    pair(app, client)
    assert 'data-reset-after="30"' in client.get("/en/survey").text


def test_an_unknown_language_is_a_404(tablet_client):
    assert tablet_client.get("/xx/survey").status_code == 404


def test_revoked_tablet_sees_the_not_set_up_page(app, tablet_client):
    result = run_cli(app, "tablet", "revoke", "IND desk 1")
    assert result.exit_code == 0
    assert_not_set_up(tablet_client.get("/"))


def test_csrf_is_enforced_on_the_kiosk_form(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    pair(app, client)
    html = client.get("/en/survey").text
    response = client.post("/en/survey", data={"step": "ratings", "action": "next"})
    assert response.status_code == 400 and "Tap to restart" in response.text
    ok = post_step(client, "", html, {"d_ind_q_front_desk_staff": "4"}, "next")
    assert ok.status_code == 200 and "What can we do better?" in ok.text
