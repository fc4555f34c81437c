"""The offline kiosk's server side: its page, service worker, manifest, icons and reports.

What the client sees and does with it is tested in a real browser (tests/browser/)."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from survey import store

from .helpers import Tablet, arm, database, login, pair, post_step


def app_data(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="app-data">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_the_kiosk_page_holds_every_screen_of_every_desk(app, oss_client):
    page = oss_client.get("/nl/kiosk")
    assert page.status_code == 200
    html = page.text
    assert '<meta name="csrf-token" content="' in html
    kinds = re.findall(r'<section class="screen[^"]*" data-kind="(\w+)"', html)
    # start, which desks, one screen per question of each desk (3 + 2 + 4), the open questions, thanks
    assert kinds == ["start", "desks"] + ["question"] * 9 + ["open", "thanks"]
    assert (
        kinds.count("question")
        == len(re.findall(r'data-kind="question" data-desk="ind"', html)) + 5
    )
    data = app_data(html)
    assert data["api"] == "/api/v1/responses" and data["language"] == "nl"
    assert data["desks"] == ["expat_centre", "gemeenteloket", "ind"]
    assert data["progress"] == "{n} van {total}"
    assert data["fields"]["d_ind_q_permit_processing_comment"]["role"] == "comment"
    # The same macros as the form path: radios named as the form path names them.
    assert 'name="d_gemeenteloket_q_front_desk_staff" value="5"' in html
    assert "Start again? Your answers so far will be cleared." not in html  # it is in Dutch
    assert "Opnieuw beginnen? Uw antwoorden tot nu toe worden gewist." in html
    assert page.headers["X-Kiosk-Version"].endswith("-expat_centre.gemeenteloket.ind")


def test_a_single_rating_screen_moves_on_by_itself_a_rating_with_a_comment_does_not(tablet_client):
    html = tablet_client.get("/en/kiosk").text
    screens = re.findall(
        r'<section class="screen" data-kind="question"[^>]*>.*?</section>', html, re.S
    )
    auto = ["data-auto" in s.split(">")[0] for s in screens]
    with_comment = ["_comment" in s for s in screens]
    assert auto == [True, True, False, False]  # clarity, staff, permit (+comment), service
    assert with_comment == [False, False, True, False]


def test_the_kiosk_page_is_gzipped_for_a_browser_that_accepts_it(oss_client):
    plain = oss_client.get("/en/kiosk")
    packed = oss_client.get("/en/kiosk", headers={"Accept-Encoding": "gzip, deflate"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert len(packed.data) * 4 < len(plain.data)
    assert "Accept-Encoding" in plain.headers["Vary"]
    unpacked = gzip.decompress(packed.data).decode("utf-8")
    strip = re.compile(r'content="[^"]+"')  # the CSRF token is new on every page
    assert strip.sub("", unpacked) == strip.sub("", plain.text)


def test_an_armed_tablet_keeps_the_form_path(make_app):
    app = make_app()
    client = app.test_client()
    pair(app, client, mode="armed")
    response = client.get("/en/kiosk")
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_the_start_page_offers_the_offline_kiosk_to_an_open_tablet_only(app, tablet_client):
    start = tablet_client.get("/").text
    assert 'data-sw="/kiosk-sw.js"' in start
    assert (
        'href="/de/desks" data-app-href="/de/kiosk#go"' in start
    )  # form path until the worker is ready
    armed = app.test_client()
    pair(app, armed, "Armed", mode="armed")
    assert "data-sw" not in armed.get("/").text


def test_the_service_worker_caches_each_language_page_and_the_assets(tablet_client):
    response = tablet_client.get("/kiosk-sw.js")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/javascript")
    assert response.headers["Cache-Control"] == "no-store"
    script = response.text
    pages = json.loads(re.search(r"var PAGES = (\[.*?\]);", script).group(1))
    assets = json.loads(re.search(r"var ASSETS = (\[.*?\]);", script).group(1))
    assert pages == ["/en/kiosk", "/nl/kiosk", "/de/kiosk", "/fr/kiosk"]
    assert "/static/kiosk.js" in assets and "/static/kiosk.css" in assets
    assert "http" not in "".join(pages + assets)  # same origin, no CDN
    for url in pages + assets:
        with tablet_client.get(url) as fetched:
            assert fetched.status_code == 200, url


def test_manifest_icons_and_favicon(client):
    manifest = client.get("/manifest.webmanifest")
    assert manifest.headers["Content-Type"] == "application/manifest+json"
    body = manifest.json
    assert body["display"] == "fullscreen" and body["start_url"] == "/"
    sizes = {icon["sizes"] for icon in body["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in body["icons"]:
        with client.get(icon["src"]) as fetched:
            assert fetched.status_code == 200
    with client.get("/static/icons/icon-192.png") as fetched:
        png = fetched.data
    assert png.startswith(b"\x89PNG") and int.from_bytes(png[16:20], "big") == 192
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 301 and favicon.headers["Location"].endswith("/icon.svg")


def test_every_kiosk_page_links_the_manifest_and_the_icon(tablet_client):
    for path in ("/", "/en/survey", "/en/kiosk", "/en/thanks"):
        html = tablet_client.get(path).text
        assert '<link rel="manifest" href="/manifest.webmanifest">' in html, path
        assert '<link rel="icon" href="/static/icons/icon.svg"' in html, path


@pytest.mark.parametrize(
    "lang, words",
    [
        ("en", ["Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"]),
        ("nl", ["Zeer ontevreden", "Ontevreden", "Neutraal", "Tevreden", "Zeer tevreden"]),
        ("de", ["Sehr unzufrieden", "Unzufrieden", "Neutral", "Zufrieden", "Sehr zufrieden"]),
        (
            "fr",
            [
                "Très insatisfait(e)",
                "Insatisfait(e)",
                "Neutre",
                "Satisfait(e)",
                "Très satisfait(e)",
            ],
        ),
    ],
)
def test_a_satisfaction_question_uses_the_satisfaction_scale_with_faces(tablet_client, lang, words):
    html = tablet_client.get(f"/{lang}/survey").text
    fieldset = re.search(r'<fieldset class="rating faces">.*?</fieldset>', html, re.S).group(0)
    assert 'name="d_ind_q_permit_processing"' in fieldset
    assert re.findall(r'<span class="scale-text">([^<]+)</span>', fieldset) == words
    assert fieldset.count("<svg") == 5 and 'aria-hidden="true"' in fieldset
    quality = re.search(r'<fieldset class="rating">.*?</fieldset>', html, re.S).group(0)
    assert "d_ind_q_clarity_written_info" in quality and "<svg" not in quality


def test_the_language_buttons_post_to_the_chosen_languages_url(tablet_client):
    html = tablet_client.get("/en/survey").text
    assert re.search(r'formaction="/de/survey"[^>]*name="switch_lang" value="de"', html)
    switched = post_step(tablet_client, "/de/survey", html, {"switch_lang": "de"}, "")
    assert switched.status_code == 200 and '<html lang="de">' in switched.text


def test_an_armed_visits_service_is_stored_and_not_asked(make_app):
    from .helpers import CoordinatorActions

    app = make_app(WTF_CSRF_ENABLED=True)
    tablet = Tablet(app, "IND desk 1", ("ind",), "armed")
    clerk = CoordinatorActions(app, app.test_client())
    clerk.create("clerk")
    visit = arm(app, clerk, service="return_visa")
    html = tablet.client.get("/en/survey").text
    assert "Which service did you come for?" not in html
    page = post_step(tablet.client, "/en/survey", html, {"d_ind_q_front_desk_staff": "4"}, "next")
    assert "Which service did you come for?" not in page.text
    done = post_step(tablet.client, "/en/survey", page.text, {}, "submit")
    assert done.status_code == 302
    response_id = (
        database(app).execute("select response_id from visits where id = ?", [visit]).fetchone()[0]
    )
    stored = store.get_response(database(app), response_id)
    assert [(c["question_id"], c["value"]) for c in stored["choices"]] == [
        ("service", "return_visa")
    ]


def test_heartbeat_reports_held_surveys_and_offline_capability(make_app):
    app = make_app(WTF_CSRF_ENABLED=True, TIMEZONE="Europe/Amsterdam")
    tablet = Tablet(app)
    sent = tablet.post(
        {"queued": 2, "held": 1, "offline_capable": True}, path="/api/v1/tablet/heartbeat"
    )
    assert sent.status_code == 200
    row = tablet.tablet_row()
    assert (row["queued"], row["held"], row["offline_capable"]) == (2, 1, 1)
    # An older kiosk script sends only the queued count: the rest stays as reported.
    assert tablet.heartbeat(0).status_code == 200
    row = tablet.tablet_row()
    assert (row["queued"], row["held"], row["offline_capable"]) == (0, 1, 1)
    for bad in (
        {"queued": 0, "held": -1},
        {"queued": 0, "held": "1"},
        {"queued": 0, "offline_capable": "yes"},
    ):
        refused = tablet.post(bad, path="/api/v1/tablet/heartbeat")
        assert refused.status_code == 422, bad
    assert tablet.tablet_row()["held"] == 1
    coordinator = login(app)
    page = coordinator.get("/coordinator/tablets").text
    row = re.search(r'<tr class="tablet-online">.*?</tr>', page, re.S).group(0)
    assert '<td class="held">1</td>' in row and '<td class="offline-capable">yes</td>' in row
    assert (
        tablet.post(
            {"queued": 0, "offline_capable": False}, path="/api/v1/tablet/heartbeat"
        ).status_code
        == 200
    )
    page = coordinator.get("/coordinator/tablets").text
    assert '<td class="offline-capable">no (needs HTTPS)</td>' in page
