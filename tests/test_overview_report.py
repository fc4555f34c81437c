"""Saved overviews, the seed's one-page layout, PDF, the public page and `survey figures import`.

The fixture holds ratings from July 2019 to June 2021 and the seed's figures from 2019: the
overview of 2020-01-01..2021-06-30 takes its ratings from that period only, and its figures from
2019 on (the baseline year).
"""

import html
import re
import shutil
import subprocess
import sys
import uuid

import pytest

from survey import db as survey_db
from survey import store

from .helpers import run_cli

SEED_FIGURES = """desk_id,metric,period_start,period_end,value
expat_centre,clients,2019-01-01,2019-12-31,548
expat_centre,clients,2020-01-01,2020-12-31,1769
expat_centre,clients,2021-01-01,2021-06-30,1005
ind,documents_issued,2019-01-01,2019-12-31,3932
ind,documents_issued,2020-01-01,2020-12-31,4630
ind,documents_issued,2021-01-01,2021-06-30,2947
ind,oss_appointments,2020-01-01,2020-12-31,193
ind,oss_non_eu,2020-01-01,2020-12-31,144
ind,oss_appointments,2021-01-01,2021-06-30,206
ind,oss_non_eu,2021-01-01,2021-06-30,148
ind,service_biometrics,2020-01-01,2021-06-30,1620
ind,service_residence_permit,2020-01-01,2021-06-30,1540
ind,service_return_visa,2020-01-01,2021-06-30,410
"""
CLOSURE_EN = "Due to the corona virus pandemic, Expat and IND desks were closed from 16 March to 15 June 2020."
CLOSURE_NL = "Door de coronapandemie waren de balies van Expat en IND gesloten van 16 maart tot 15 juni 2020."
INTRO_EN = "The three partners jointly ran a pilot with the aim to improve services for international clients."
INTRO_NL = "De drie partners voerden samen een pilot uit om de dienstverlening aan internationale klanten te verbeteren."
OUTLOOK_EN = "After eighteen months, this combined service has turned out to be so successful that the approach will be continued."
OUTLOOK_NL = "Na achttien maanden blijkt de gecombineerde dienstverlening zo succesvol dat de aanpak wordt voortgezet."
PROGRESS_EN = "Ratings stayed high throughout, also after the desks reopened."
UNSELECTED = "The waiting area was too crowded and nobody told me why."
OUTSIDE = "Selected in 2019, before the pilot."
TABLET = "Desk tablet 7"
PERIOD = ("--from", "2020-01-01", "--to", "2021-06-30")


def rid(number: int) -> str:
    return str(uuid.UUID(int=number, version=4))


def ratings_csv() -> str:
    """Per desk and question a known set of values in the pilot, plus low ones in 2019."""
    lines = ["response_id,submitted_at,desk,question,value,language,tablet"]
    counter = iter(range(1, 100_000))

    def add(desk, question, values, months):
        for index, value in enumerate(values):
            month = months[index % len(months)]
            at = f"{month}-10T09:00:00Z"
            lines.append(f"{rid(next(counter))},{at},{desk},{question},{value},en,{TABLET}")

    pilot = [f"2020-{m:02d}" for m in (1, 2, 3, 7, 9, 11)] + [f"2021-{m:02d}" for m in (2, 4, 6)]
    # July-December 2019: ones, outside the rating period; they must not pull the means down.
    before = [f"2019-{m:02d}" for m in range(7, 13)]
    for desk in ("expat_centre", "gemeenteloket", "ind"):
        add(desk, "clarity_written_info", [1] * 6, before)
        add(desk, "front_desk_staff", [1] * 6, before)
    add("expat_centre", "clarity_written_info", [5] * 90 + [4] * 10, pilot)  # 4.90
    add("gemeenteloket", "clarity_written_info", [5] * 80 + [4] * 20, pilot)  # 4.80
    add("ind", "clarity_written_info", [5] * 80 + [4] * 20, pilot)  # 4.80
    add("expat_centre", "front_desk_staff", [5] * 380 + [4] * 20, pilot)  # 4.95
    add("gemeenteloket", "front_desk_staff", [5] * 372 + [4] * 28, pilot)  # 4.93
    add("ind", "front_desk_staff", [5] * 380 + [4] * 20, pilot)  # 4.95
    return "\n".join(lines) + "\n"


QUOTES = [
    # (response number, time, desk, question, text, status)
    (5001, "2020-05-10T09:00:00Z", "expat_centre", "info_living_working", "Straightforward process and friendly people.", "selected"),
    (5002, "2020-05-10T09:00:00Z", "expat_centre", "info_living_working", "Very warm and welcoming service.", "selected"),
    (5003, "2020-05-10T09:00:00Z", "ind", "permit_processing", "The procedure is simple and well organised.", "selected"),
    (5004, "2020-05-10T09:00:00Z", "ind", "permit_processing", "Very efficient and fast.", "selected"),
    (5005, "2020-05-10T09:00:00Z", "", "most_satisfied", "Clear instruction of steps of how things work.", "selected"),
    (5006, "2020-05-10T09:00:00Z", "", "most_satisfied", "Services and friendly staff.", "selected"),
    (5007, "2020-05-10T09:00:00Z", "", "better", "No issues yet.", "selected"),
    (5008, "2020-08-10T09:00:00Z", "", "better", "No issues yet.", "selected"),
    (5009, "2020-09-10T09:00:00Z", "", "better", "Not sure, all was good.", "selected"),
    (5010, "2020-09-10T09:00:00Z", "", "better", UNSELECTED, "pending"),
    (5011, "2019-09-10T09:00:00Z", "", "most_satisfied", OUTSIDE, "selected"),
]  # fmt: skip


def comments_csv() -> str:
    lines = ["response_id,submitted_at,desk,question,text,language,label,polarity,status"]
    for number, at, desk, question, text, status in QUOTES:
        lines.append(f'{rid(number)},{at},{desk},{question},"{text}",en,positive,0.5,{status}')
    return "\n".join(lines) + "\n"


@pytest.fixture
def seeded(app, client, coordinator, tmp_path):
    """Ratings from July 2019, the seed's figures from 2019, the closure note in two languages."""
    for name, content in [("ratings.csv", ratings_csv()), ("comments.csv", comments_csv())]:
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        result = run_cli(app, "import", str(path))
        assert result.exit_code == 0, result.output
    figures = tmp_path / "figures.csv"
    figures.write_text(SEED_FIGURES, encoding="utf-8")
    result = run_cli(app, "figures", "import", str(figures))
    assert result.exit_code == 0, result.output
    coordinator.login()
    assert post_note(client).status_code == 302
    return app


def post_note(client, dutch=CLOSURE_NL):
    """The closure note through the figures page, in English and Dutch."""
    return client.post(
        "/coordinator/notes",
        data={
            "note-starts_on": "2020-03-16",
            "note-ends_on": "2020-06-14",
            "note-desk": "",
            "note-text": CLOSURE_EN,
            "note-text_nl": dutch,
        },
    )


def overview_form(**changes) -> dict:
    """The overview form as a coordinator fills it in for the seed's page."""
    data = {
        "title": "Pilot Expat Centre, Gemeente Maastricht and IND",
        "first": "2020-01-01",
        "last": "2021-06-30",
        "figures_first": "2019-01-01",
        "quotes_first": "",
        "quotes_last": "",
        "quotes_info_living_working": "2",
        "quotes_permit_processing": "2",
        "quotes_most_satisfied": "2",
        "quotes_better": "2",
        "introduction_en": INTRO_EN,
        "progress_en": PROGRESS_EN,
        "outlook_en": OUTLOOK_EN,
        "introduction_nl": INTRO_NL,
        "progress_nl": "",
        "outlook_nl": OUTLOOK_NL,
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def save_overview(client, **changes) -> int:
    response = client.post("/coordinator/overviews", data=overview_form(**changes))
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])


def visible(page: str) -> str:
    """The visible text of the overview's <article>, one space between words."""
    body = page.split('<article class="report">', 1)[1].split("</article>", 1)[0]
    body = re.sub(r"<svg.*?</svg>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def check_seed_numbers(text: str) -> None:
    """The seed's numbers: means with n, the 2019 baseline, 3,570 and the footnote."""
    text = re.sub(r"\s+", " ", text)
    for row in [
        "Expat Centre 4.9 100",
        "GemeenteLoket (municipality) 4.8 100",
        "IND (immigration service) 4.8 100",
        "Expat Centre 4.95 400",
        "GemeenteLoket (municipality) 4.93 400",
        "IND (immigration service) 4.95 400",
    ]:
        assert row in text, row
    assert re.search(r"2019 548 2020 1,769 2021\* 1,005", text)
    assert re.search(r"2019 3,932 2020 4,630 2021\* 2,947", text)
    assert "Total* 3,570" in text
    assert "* 2021 figures up to 30 June 2021" in text
    assert CLOSURE_EN in text


def pdf_text(path) -> tuple[str, int]:
    """The PDF's text (pdftotext, layout kept) and its number of pages."""
    assert shutil.which("pdftotext"), "make test installs poppler-utils"
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    text = out.stdout.decode("utf-8")
    return text, text.count("\f") or 1


def test_saved_overview_pdf_holds_the_seed_on_at_most_two_pages(seeded, client, tmp_path):
    overview_id = save_overview(client)
    target = tmp_path / "overview.pdf"
    result = run_cli(seeded, "report", "--overview", str(overview_id), "--format", "pdf", "-o", str(target))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF")
    text, pages = pdf_text(target)
    assert pages <= 2
    # pdftotext lays the side-by-side blocks out on shared lines: check each row on its own.
    flat = re.sub(r"\s+", " ", text)
    for desk, mean, n in [("Expat Centre", "4.9", 100), ("Expat Centre", "4.95", 400), ("GemeenteLoket", "4.93", 400)]:  # fmt: skip
        assert re.search(rf"{desk}[^0-9]*{re.escape(mean)} {n}", flat), (desk, mean)
    assert re.search(r"2019 +548", text) and re.search(r"2019 +3,932", text)
    assert "3,570" in text
    assert "2021 figures up to 30 June 2021" in flat
    assert INTRO_EN in flat and OUTLOOK_EN in flat


def test_download_pdf_button_gives_the_same_pdf(seeded, client, tmp_path):
    overview_id = save_overview(client)
    page = client.get(f"/coordinator/overviews/{overview_id}").get_data(as_text=True)
    assert "Download PDF" in page
    response = client.get(f"/coordinator/overviews/{overview_id}/download?format=pdf&lang=en")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    (tmp_path / "web.pdf").write_bytes(response.data)
    text, pages = pdf_text(tmp_path / "web.pdf")
    assert pages <= 2 and "3,570" in text
    adhoc = client.get("/coordinator/report?from=2020-01-01&to=2021-06-30&download=1&format=pdf")
    assert adhoc.status_code == 200 and adhoc.data.startswith(b"%PDF")


def test_the_web_page_shows_the_seed_with_the_baseline_year(seeded, client):
    overview_id = save_overview(client)
    text = visible(
        client.get(f"/coordinator/overviews/{overview_id}?lang=en").get_data(as_text=True)
    )
    check_seed_numbers(text)
    # Ratings from 2019 (all ones) count for nothing: the means are the pilot's.
    assert "Pilot progress across 2020-2021" in text and PROGRESS_EN in text
    assert "What are the expectations for 2021?" in text


def test_without_figures_from_the_baseline_year_is_absent(seeded, client):
    overview_id = save_overview(client, figures_first="")
    text = visible(client.get(f"/coordinator/overviews/{overview_id}").get_data(as_text=True))
    assert "548" not in text and "3,932" not in text and "2020 1,769" in text


def test_public_page_after_publishing_and_404_after_unpublishing(seeded, client):
    overview_id = save_overview(client)
    result = run_cli(seeded, "report", "--overview", str(overview_id), "--publish", "pilot-2021")
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "/overview/pilot-2021"
    client.post("/coordinator/logout")
    public = client.get("/overview/pilot-2021")
    assert public.status_code == 200
    page = public.get_data(as_text=True)
    check_seed_numbers(visible(page))
    assert "No issues yet." in page and UNSELECTED not in page and OUTSIDE not in page
    assert TABLET not in page and "anna" not in page and "csrf" not in page.lower()
    assert "frame-ancestors 'none'" in public.headers["Content-Security-Policy"]
    assert public.headers["X-Frame-Options"] == "DENY"
    result = run_cli(seeded, "report", "--unpublish", "pilot-2021")
    assert result.exit_code == 0, result.output
    assert client.get("/overview/pilot-2021").status_code == 404


def test_publish_and_unpublish_buttons(seeded, client):
    overview_id = save_overview(client)
    response = client.post(f"/coordinator/overviews/{overview_id}/publish", data={"slug": "pilot"})
    assert response.status_code == 302
    assert client.get("/overview/pilot?lang=nl").status_code == 200
    client.post(f"/coordinator/overviews/{overview_id}/unpublish")
    assert client.get("/overview/pilot").status_code == 404
    with seeded.app_context():
        actions = [row["action"] for row in store.audit_rows(survey_db.get_db())]
    assert {"overview.created", "overview.published", "overview.unpublished"} <= set(actions)


def test_only_listed_origins_may_frame_the_public_page(make_app, tmp_path):
    app = make_app(PUBLIC_FRAME_ANCESTORS="https://www.gemeentemaastricht.nl, https://example.org")
    client = app.test_client()
    result = run_cli(app, "report", *PERIOD, "--publish", "pilot")
    assert result.exit_code == 0, result.output
    public = client.get("/overview/pilot")
    policy = public.headers["Content-Security-Policy"]
    assert "frame-ancestors https://www.gemeentemaastricht.nl https://example.org" in policy
    assert "X-Frame-Options" not in public.headers
    for other in ["/coordinator/login", "/healthz", "/overview/nothing-here"]:
        response = client.get(other)
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"], other
        assert response.headers["X-Frame-Options"] == "DENY"


def test_a_malformed_frame_ancestor_stops_the_app(make_app):
    with pytest.raises(ValueError, match="PUBLIC_FRAME_ANCESTORS: 'javascript:alert' is not"):
        make_app(PUBLIC_FRAME_ANCESTORS=["javascript:alert"])


def test_dutch_overview_has_no_english_sentence_given_in_dutch(seeded, client):
    overview_id = save_overview(client)
    page = client.get(f"/coordinator/overviews/{overview_id}?lang=nl").get_data(as_text=True)
    text = visible(page)
    for english, dutch in [(INTRO_EN, INTRO_NL), (OUTLOOK_EN, OUTLOOK_NL), (CLOSURE_EN, CLOSURE_NL)]:  # fmt: skip
        assert english not in text and dutch in text
    assert "Opmerking:" in text and "Wat zijn de verwachtingen voor 2021?" in text
    assert PROGRESS_EN in text  # no Dutch version given: the English one stands in
    assert "1.769" in text and "3.570" in text


def test_a_text_selected_twice_is_one_quote_on_report_and_dashboard(seeded, client):
    overview_id = save_overview(client, quotes_better="5")
    text = visible(client.get(f"/coordinator/overviews/{overview_id}").get_data(as_text=True))
    assert text.count("No issues yet.") == 1
    dashboard = client.get("/coordinator/?period=all").get_data(as_text=True)
    assert dashboard.count("No issues yet.") == 1
    with seeded.app_context():
        database = survey_db.get_db()
        ids = store.comment_ids_with_text(database, "better", "No issues yet.")
        store.set_comment_status(database, ids[1], "pending", "anna")
        rows, _total = store.comment_queue(database, question="better", status="pending")
    copy = next(row for row in rows if row["text"] == "No issues yet.")
    assert copy["suggested"] == 0  # the queue no longer offers a copy of a chosen quote


def test_quotes_come_from_the_overview_period_unless_chosen(seeded, client):
    overview_id = save_overview(client, quotes_most_satisfied="5")
    text = visible(client.get(f"/coordinator/overviews/{overview_id}").get_data(as_text=True))
    assert OUTSIDE not in text
    wider = save_overview(client, quotes_most_satisfied="5", quotes_first="2019-07-01", quotes_last="2021-06-30")  # fmt: skip
    text = visible(client.get(f"/coordinator/overviews/{wider}").get_data(as_text=True))
    assert OUTSIDE in text


def test_edit_keeps_and_changes_the_choices(seeded, client):
    overview_id = save_overview(client)
    form = client.get(f"/coordinator/overviews/{overview_id}/edit").get_data(as_text=True)
    assert INTRO_NL in form and 'value="2019-01-01"' in form
    response = client.post(
        f"/coordinator/overviews/{overview_id}",
        data=overview_form(title="Second version", desks="ind"),  # fmt: skip
    )
    assert response.status_code == 302
    text = visible(client.get(f"/coordinator/overviews/{overview_id}").get_data(as_text=True))
    assert text.startswith("Second version") and "Expat Centre" not in text


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"first": "2021-07-01"}, "The first day lies after the last day."),
        ({"figures_first": "2020-02-01"}, "The figures may start earlier than the ratings"),
        (
            {"quotes_first": "2021-01-01", "quotes_last": "2020-01-01"},
            "quotes&#39; first day lies after",
        ),
        ({"desks": "nowhere"}, "is not a valid choice"),
        ({"quotes_better": "21"}, "Number must be between 0 and 20."),
        ({"quotes_better": "two"}, "Not a valid integer value."),
        ({"title": ""}, "This field is required."),
        ({"title": "x" * 201}, "Field cannot be longer than 200 characters."),
        ({"last": "31-12-2021"}, "Not a valid date value."),
        ({"outlook_nl": "x" * 5001}, "Field cannot be longer than 5000 characters."),
    ],
)
def test_bad_overview_forms_store_nothing(seeded, client, changes, message):
    response = client.post("/coordinator/overviews", data=overview_form(**changes))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    with seeded.app_context():
        assert store.list_overviews(survey_db.get_db()) == []


def test_bad_public_names_publish_nothing(seeded, client):
    overview_id = save_overview(client)
    for slug in ["", "Pilot 2021", "../admin", "-x", "a" * 65]:
        response = client.post(f"/coordinator/overviews/{overview_id}/publish", data={"slug": slug}, follow_redirects=True)  # fmt: skip
        assert "A public name has 1 to 64" in response.get_data(as_text=True) or slug == "a" * 65
    other = save_overview(client)
    client.post(f"/coordinator/overviews/{overview_id}/publish", data={"slug": "pilot"})
    taken = client.post(f"/coordinator/overviews/{other}/publish", data={"slug": "pilot"}, follow_redirects=True)  # fmt: skip
    assert "Another overview is published under that name." in taken.get_data(as_text=True)
    with seeded.app_context():
        slugs = [row["slug"] for row in store.list_overviews(survey_db.get_db())]
    assert sorted(slugs, key=str) == ["None", "pilot"] or sorted(map(str, slugs)) == [
        "None",
        "pilot",
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        ((*PERIOD[:2],), "give --from and --to"),
        (("--from", "2021-07-01", "--to", "2020-01-01"), "The first day lies after the last day."),
        ((*PERIOD, "--figures-from", "2020-06-01"), "The figures may start earlier"),
        ((*PERIOD, "--figures-from", "2019-02-30"), "--figures-from"),
        ((*PERIOD, "--desk", "nowhere"), "Unknown desk 'nowhere'"),
        ((*PERIOD, "--quotes", "better"), "is not QUESTION=N"),
        ((*PERIOD, "--quotes", "better=99"), "a number from 0 to 20"),
        ((*PERIOD, "--quotes", "front_desk_staff=2"), "Unknown quote question"),
        ((*PERIOD, "--publish", "Not A Slug"), "A public name has 1 to 64"),
        (("--unpublish", "nothing-here"), "nothing is published as 'nothing-here'"),
        (("--overview", "99"), "no saved overview 99"),
        ((*PERIOD, "--format", "docx"), "Invalid value for '--format'"),
        ((*PERIOD, "--lang", "de"), "Invalid value for '--lang'"),
        ((*PERIOD, "--format", "pdf", "--publish", "pilot"), "a PDF goes to a file"),
    ],
)
def test_bad_report_options_say_so_and_store_nothing(seeded, args, message):
    result = run_cli(seeded, "report", *args)
    assert result.exit_code != 0
    assert message in result.output
    with seeded.app_context():
        assert store.list_overviews(survey_db.get_db()) == []


def test_cli_publish_prints_the_link_last_and_republishing_keeps_it(seeded, tmp_path):
    seeded.config["BASE_URL"] = "https://survey.example.nl"
    target = tmp_path / "o.html"
    result = run_cli(seeded, "report", *PERIOD, "--figures-from", "2019-01-01", "-o", str(target), "--publish", "pilot")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "https://survey.example.nl/overview/pilot"
    check_seed_numbers(visible(target.read_text(encoding="utf-8")))
    again = run_cli(seeded, "report", *PERIOD, "--title", "New title", "--publish", "pilot")
    assert again.exit_code == 0, again.output
    with seeded.app_context():
        saved = store.list_overviews(survey_db.get_db())
    assert [row["title"] for row in saved] == ["New title"]


def test_pdf_without_weasyprint_says_so_in_one_line_and_html_still_works(seeded, tmp_path, monkeypatch):  # fmt: skip
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # what a missing package looks like
    result = run_cli(seeded, "report", *PERIOD, "--format", "pdf", "-o", str(tmp_path / "o.pdf"))
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1 and "PDF needs WeasyPrint" in result.output
    assert not (tmp_path / "o.pdf").exists()
    result = run_cli(seeded, "report", *PERIOD, "-o", str(tmp_path / "o.html"))
    assert result.exit_code == 0 and "3,570" in (tmp_path / "o.html").read_text(encoding="utf-8")


def test_figures_import_cli_is_all_or_nothing(app, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "desk_id,metric,period_start,period_end,value\n"
        "ind,clients,2021-07-01,2021-07-31,120\n"
        "nowhere,clients,2021-07-01,2021-07-31,5\n"
        "ind,visitors,2021-07-01,2021-07-31,-3\n",
        encoding="utf-8",
    )
    result = run_cli(app, "figures", "import", str(bad))
    assert result.exit_code == 1
    assert "line 3: unknown desk 'nowhere'" in result.output
    assert "line 4: unknown figure 'visitors'" in result.output
    assert "line 4: value '-3' is not a whole number" in result.output
    assert "nothing imported" in result.output
    not_utf8 = tmp_path / "latin1.csv"
    not_utf8.write_bytes("desk_id,metric,period_start,period_end,value\nind,clients,2021-07-01,2021-07-31,1 \xe9\n".encode("latin-1"))  # fmt: skip
    assert "the file is not UTF-8 text" in run_cli(app, "figures", "import", str(not_utf8)).output
    with app.app_context():
        assert store.figures_within(survey_db.get_db()) == []
    good = tmp_path / "good.csv"
    good.write_text(SEED_FIGURES, encoding="utf-8")
    result = run_cli(app, "figures", "import", str(good))
    assert result.exit_code == 0 and "Imported 13 figures" in result.output
    with app.app_context():
        assert len(store.figures_within(survey_db.get_db())) == 13


def test_four_eyes_public_page_shows_only_approved_quotes(make_app, tmp_path):
    app = make_app(FOUR_EYES=True)
    path = tmp_path / "comments.csv"
    path.write_text(comments_csv(), encoding="utf-8")
    assert run_cli(app, "import", str(path)).exit_code == 0
    with app.app_context():
        database = survey_db.get_db()
        [approved] = store.comment_ids_with_text(database, "better", "Not sure, all was good.")
        store.set_comment_status(database, approved, "selected", "anna")
        assert store.approve_quote(database, approved, "ben")
    assert run_cli(app, "report", *PERIOD, "--publish", "pilot").exit_code == 0
    page = app.test_client().get("/overview/pilot").get_data(as_text=True)
    assert "Not sure, all was good." in page
    assert "No issues yet." not in page and "Very efficient and fast." not in page


def test_a_too_long_dutch_note_stores_nothing(app, client, coordinator):
    coordinator.login()
    response = post_note(client, dutch="x" * 1001)
    assert response.status_code == 400
    assert "Field cannot be longer than 1000 characters." in response.get_data(as_text=True)
    with app.app_context():
        assert store.notes_overlapping(survey_db.get_db()) == []


def test_figures_page_lists_the_dutch_note_text(seeded, client):
    page = client.get("/coordinator/figures").get_data(as_text=True)
    assert f"(nl: {CLOSURE_NL})" in page


def test_cli_quote_counts_name_some_questions_and_leave_others_at_two(seeded, tmp_path):
    target = tmp_path / "o.html"
    args = ("--quotes", "better=1", "--quotes", "permit_processing=0", "-o", str(target))
    result = run_cli(seeded, "report", *PERIOD, *args)
    assert result.exit_code == 0, result.output
    text = visible(target.read_text(encoding="utf-8"))
    assert "“No issues yet.”" in text and "Not sure, all was good." not in text
    assert "Very efficient and fast." not in text  # permit_processing=0: left out
    assert "Straightforward process" in text and "Very warm and welcoming service." in text


def test_download_pdf_without_weasyprint_explains_and_keeps_html(seeded, client, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    overview_id = save_overview(client)
    response = client.get(f"/coordinator/overviews/{overview_id}/download?format=pdf", follow_redirects=True)  # fmt: skip
    assert "PDF is not available on this server" in response.get_data(as_text=True)
    html_file = client.get(f"/coordinator/overviews/{overview_id}/download?format=html")
    assert html_file.status_code == 200 and "3,570" in html_file.get_data(as_text=True)
