"""Languages: switching at any step, per-language numbers and dates, `survey check`."""

import re
import shutil
from datetime import date

import pytest

from survey import formatting, i18n, questionnaire
from survey.vocabulary import COORDINATOR_LANGUAGES

from .helpers import QUESTIONS, hidden, post_step, run_cli, start_survey


def switch(client, html, answers, lang):
    """Tap a language button of the survey form: the step posts with switch_lang."""
    data = {}
    for tag in re.findall(r'<input[^>]*type="hidden"[^>]*>', html):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        data[name.group(1)] = value.group(1) if value else ""
    data.update(answers, switch_lang=lang)
    action = re.search(r'<form method="post" action="([^"]+)"', html).group(1)
    return client.post(action.replace("&amp;", "&"), data=data)


def test_switching_language_mid_survey_keeps_every_answer(app, tablet_client):
    html = start_survey(tablet_client, "/en/survey")
    response_id = hidden(html, "response_id")
    answers = {"d_ind_q_front_desk_staff": "4", "d_ind_q_permit_processing_comment": "Quick"}
    german = switch(tablet_client, html, answers, "de")
    assert german.status_code == 200
    assert '<html lang="de">' in german.text
    assert "Wie waren wir?" in german.text and "Mitarbeitende am Schalter" in german.text
    assert 'name="d_ind_q_front_desk_staff" value="4" checked' in german.text
    assert "Quick</textarea>" in german.text
    assert hidden(german.text, "response_id") == response_id
    assert 'action="/de/survey' in german.text  # the next step continues in German
    step2 = post_step(tablet_client, "", german.text, {}, "next")
    french = switch(tablet_client, step2.text, {"q_better": "Plus de chaises"}, "fr")
    assert "Que pouvons-nous améliorer ?" in french.text
    assert "Plus de chaises</textarea>" in french.text
    done = post_step(tablet_client, "", french.text, {}, "submit")
    assert done.headers["Location"] == "/fr/thanks"
    merci = tablet_client.get("/fr/thanks").text
    assert "Merci !" in merci


def test_an_unknown_language_in_the_switch_is_ignored(tablet_client):
    html = start_survey(tablet_client, "/en/survey")
    same = switch(tablet_client, html, {"d_ind_q_front_desk_staff": "2"}, "xx")
    assert same.status_code == 200 and '<html lang="en">' in same.text


def test_every_kiosk_page_after_the_first_offers_the_other_languages(oss_client):
    desks = oss_client.get("/nl/desks").text
    assert 'href="/de/desks"' in desks and 'href="/fr/desks"' in desks
    assert 'aria-current="true">Nederlands' in desks
    survey = oss_client.get("/en/survey?desk=ind&desk=expat_centre").text
    for code in ("nl", "de", "fr"):
        assert f'name="switch_lang" value="{code}"' in survey
    assert 'form="survey-form"' in survey
    thanks = oss_client.get("/de/thanks").text
    assert 'href="/en/thanks"' in thanks and "Vielen Dank!" in thanks


def test_every_kiosk_string_is_translated_in_the_shipped_catalogues():
    loaded = questionnaire.load(QUESTIONS)
    results = {r.language: r for r in i18n.coverage(loaded, COORDINATOR_LANGUAGES)}
    assert set(results) == {"en", "nl", "de", "fr"}
    for code in ("nl", "de", "fr"):
        assert results[code].kiosk_total > 40
        assert results[code].kiosk_missing == [], code
        assert results[code].texts_missing == []
    assert results["nl"].coordinator_missing == []


@pytest.mark.parametrize(
    "lang, number, day",
    [
        ("en", "1,234.5", "November 30, 2026"),
        ("nl", "1.234,5", "30 november 2026"),
        ("de", "1.234,5", "30. November 2026"),
        ("fr", "1\u202f234,5", "30 novembre 2026"),
    ],
)
def test_numbers_and_dates_follow_the_language(app, lang, number, day):
    from flask import g, render_template_string

    assert formatting.number(1234.5, lang, 1) == number
    assert formatting.day(date(2026, 11, 30), lang) == day
    with app.test_request_context(f"/{lang}/thanks"):
        g.lang = lang  # the page's language: the template filters follow it
        shown = render_template_string(
            "{{ 1234.5|number(1) }} {{ day|day }}", day=date(2026, 11, 30)
        )
        assert shown == f"{number} {day}"


def test_coordinator_pages_switch_between_english_and_dutch(coordinator, client):
    coordinator.login()
    assert "Dashboard" in client.get("/coordinator/").text
    switched = client.post("/coordinator/language?next=/coordinator/", data={"lang": "nl"})
    assert switched.status_code == 302 and switched.headers["Location"] == "/coordinator/"
    page = client.get("/coordinator/").text
    assert '<html lang="nl">' in page and "Uitloggen" in page
    client.post("/coordinator/language", data={"lang": "de"})  # not offered: ignored
    assert '<html lang="nl">' in client.get("/coordinator/").text


def test_accessibility_statement_says_what_was_tested(client):
    page = client.get("/accessibility").text
    assert f"axe-core {i18n.AXE_CORE_VERSION}" in page
    assert "1024 × 768" in page and "820 × 1180" in page
    assert "Known limitations" in page and "Contact" in page
    client.post("/coordinator/language", data={"lang": "nl"})
    dutch = client.get("/accessibility").text
    assert "Bekende beperkingen" in dutch and "30 november 2026" in dutch


def test_accessibility_contact_is_configurable(make_app):
    app = make_app(ACCESSIBILITY_CONTACT="toegankelijkheid@example.nl")
    assert "toegankelijkheid@example.nl" in app.test_client().get("/accessibility").text


def test_check_reports_a_clean_questionnaire_per_language(app):
    result = run_cli(app, "check", "--strict")
    assert result.exit_code == 0, result.output
    assert "valid (3 desks" in result.output
    assert re.search(r"de Deutsch\s+(\d+)/\1\s+-\s+14/14", result.output)
    assert re.search(r"nl Nederlands\s+(\d+)/\1\s+(\d+)/\2\s+14/14", result.output)
    assert "All translations complete." in result.output


def test_check_exits_non_zero_on_an_invalid_questionnaire(app, tmp_path):
    broken = tmp_path / "questions.yaml"
    broken.write_text(QUESTIONS.read_text().replace("kind: choice", "kind: slider", 1))
    result = run_cli(app, "check", "--questions", str(broken))
    assert result.exit_code == 1
    assert "INVALID" in result.output and "unknown kind 'slider'" in result.output


def test_check_lists_missing_translations_and_strict_fails(app, tmp_path, monkeypatch):
    folder = tmp_path / "translations"
    shutil.copytree(i18n.TRANSLATIONS, folder)
    po = folder / "fr" / "LC_MESSAGES" / "messages.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgstr "Merci !"', 'msgstr ""'), encoding="utf-8"
    )
    monkeypatch.setattr(i18n, "TRANSLATIONS", folder)
    monkeypatch.setattr(i18n.coverage, "__defaults__", (folder,))
    result = run_cli(app, "check")
    assert result.exit_code == 0
    assert "fr: 1 missing (shown in English instead):" in result.output
    assert "[kiosk] Thank you!" in result.output
    assert run_cli(app, "check", "--strict").exit_code == 1
