"""The report rebuilds the pilot overview from data: every number it shows is checked here."""

import html
import io
import re
import uuid

import pytest

from .helpers import run_cli

PERIOD = "from=2020-01-01&to=2021-06-30"
EN_DASH = "–"


def rid(number: int) -> str:
    return str(uuid.UUID(int=number, version=4))


def ratings_csv() -> str:
    """Known answers. Times are UTC; the report's days are Europe/Amsterdam days."""
    lines = ["response_id,submitted_at,desk,question,value,language,tablet"]
    counter = iter(range(1, 10_000))

    def add(desk, question, values, at="2020-09-15T10:00:00Z"):
        for value in values:
            lines.append(f"{rid(next(counter))},{at},{desk},{question},{value},en,Desk tablet")

    # Clarity at the Expat Centre: 10x5 + 2x4 = 4.83 (n 12). One 5 falls on local 1 January
    # 2020 00:30 (still 2019 in UTC), one 4 on local 30 June 2021 23:30: both inside.
    add("expat_centre", "clarity_written_info", [5], "2019-12-31T23:30:00Z")
    add("expat_centre", "clarity_written_info", [4], "2021-06-30T21:30:00Z")
    add("expat_centre", "clarity_written_info", [5] * 9 + [4])
    # Outside the period in local time (31 Dec 2019 23:30, 1 July 2021 00:30): not counted.
    add("expat_centre", "clarity_written_info", [1], "2019-12-31T22:30:00Z")
    add("expat_centre", "clarity_written_info", [1], "2021-06-30T22:30:00Z")
    add("gemeenteloket", "clarity_written_info", [5] * 8 + [4] * 2)  # 4.8, n 10 = MIN_RESPONSES
    add("ind", "clarity_written_info", [5] * 9)  # n 9: too few to show a mean
    add("expat_centre", "front_desk_staff", [5] * 95 + [4] * 5)  # 4.95, n 100
    add("gemeenteloket", "front_desk_staff", [5] * 19 + [3])  # 4.9, n 20
    add("expat_centre", "info_living_working", [4] * 5 + [5] * 5)  # 4.5, n 10
    return "\n".join(lines) + "\n"


QUOTES = [
    # (response number, time, desk, question, text, status); numbers as ratings_csv() counts
    (154, "2020-09-15T10:00:00Z", "expat_centre", "info_living_working", "Straightforward process and friendly people.", "selected"),
    (25, "2020-09-15T10:00:00Z", "ind", "permit_processing", "Very efficient and fast.", "selected"),
    (15, "2020-09-15T10:00:00Z", "", "most_satisfied", "Services and friendly staff.", "selected"),
    (16, "2020-09-15T10:00:00Z", "", "better", "No issues yet.", "selected"),
    (17, "2020-09-15T10:00:00Z", "", "better", "Not sure, all was good.", "selected"),
    (18, "2020-09-15T10:00:00Z", "", "better", "The waiting area was too crowded.", "pending"),
    (13, "2019-12-31T22:30:00Z", "", "most_satisfied", "Outside the period.", "selected"),
]  # fmt: skip

FIGURES = """desk_id,metric,period_start,period_end,value
expat_centre,clients,2019-01-01,2019-12-31,548
expat_centre,clients,2020-01-01,2020-06-30,800
expat_centre,clients,2020-07-01,2020-12-31,969
expat_centre,clients,2021-01-01,2021-06-30,1005
expat_centre,clients,2021-06-01,2021-07-31,99
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

CLOSURE = "Due to the corona virus pandemic, Expat and IND desks were closed from 16 March to 15 June 2020."


def comments_csv() -> str:
    lines = ["response_id,submitted_at,desk,question,text,language,label,polarity,status"]
    for number, at, desk, question, text, status in QUOTES:
        lines.append(f'{rid(number)},{at},{desk},{question},"{text}",en,positive,0.5,{status}')
    return "\n".join(lines) + "\n"


@pytest.fixture
def pilot(app, client, coordinator, tmp_path):
    """The app with the known answers, figures and notes, and a logged-in coordinator."""
    ratings = tmp_path / "ratings.csv"
    ratings.write_text(ratings_csv(), encoding="utf-8")
    result = run_cli(app, "import", str(ratings))
    assert result.exit_code == 0, result.output
    comments = tmp_path / "comments.csv"
    comments.write_text(comments_csv(), encoding="utf-8")
    result = run_cli(app, "import", str(comments))
    assert result.exit_code == 0, result.output
    coordinator.login()
    upload = client.post(
        "/coordinator/figures/import",
        data={"csv-file": (io.BytesIO(FIGURES.encode()), "figures.csv")},
        content_type="multipart/form-data",
    )
    assert upload.status_code == 302
    for first, last, text in [
        ("2020-03-16", "2020-06-14", CLOSURE),
        ("2019-05-01", "2019-05-31", "A note before the period."),
    ]:
        response = client.post(
            "/coordinator/notes",
            data={
                "note-starts_on": first,
                "note-ends_on": last,
                "note-desk": "",
                "note-text": text,
            },
        )
        assert response.status_code == 302
    return app


def text_of(page: str) -> str:
    """The visible text of the report, one space between cells."""
    body = page.split('<article class="report">', 1)[1].split("</article>", 1)[0]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def section(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


def check_english_report(text: str) -> None:
    assert "Period covered: 1 January 2020 to 30 June 2021" in text
    clarity = section(
        text, "Client rating: Clarity of written information provided", "(on a scale of 1-5)"
    )
    assert "Expat Centre 4.8 12 4.59–5.00" in clarity
    assert "GemeenteLoket (municipality) 4.8 10 4.50–5.00" in clarity
    assert "IND (immigration service) too few responses 9" in clarity
    staff = section(text, "Client rating: Front desk staff", "(on a scale of 1-5)")
    assert "Expat Centre 4.95 100 4.91–4.99" in staff
    assert "GemeenteLoket (municipality) 4.9 20 4.69–5.00" in staff
    assert "IND (immigration service) no responses 0" in staff
    living = section(text, "living and working in the Maastricht Region?", "(on a scale of 1-5)")
    assert "Expat Centre 4.5 10 4.12–4.88" in living
    # Nobody rated the permit question: no block for it (the overview is one page).
    assert "Client rating: How satisfied are you with the way your application" not in text

    # Figures: only those whose period lies within the range, summed per calendar year.
    clients = section(text, "Total number of clients at the Expat Centre desk", "Total number")
    assert clients.strip() == "2020 1,769 2021* 1,005"
    documents = section(
        text,
        "Total number of residence documents issued by IND (immigration service)",
        "Total number",
    )
    assert documents.strip() == "2020 4,630 2021* 2,947"
    oss = section(text, "Total number of 'One Stop Shop' appointments", "Since")
    assert oss.strip() == "2020 193 non-EU 144 (75%) 2021* 206 non-EU 148 (72%)"
    services = section(text, "Since January 2020", "* 2021")
    assert (
        services.strip() == "Biometrics 1,620 Residence permit 1,540 Return visa 410 Total* 3,570"
    )
    assert "* 2021 figures up to 30 June 2021" in text
    assert "2019" not in section(text, "Total number of clients", "Note:")  # 548 lies outside
    assert "548" not in text and " 99 " not in text

    assert f"Note: {CLOSURE} (16 March 2020 – 14 June 2020)" in text
    assert "A note before the period." not in text

    assert "((" not in text
    quotes = section(text, "Quotes from our clients", "Pilot progress across")
    assert quotes.strip() == (
        "How would you rate the information you received about living and working in the"
        " Maastricht Region? “Straightforward process and friendly people.”"
        " How satisfied are you with the way your application for a residence permit was"
        " processed? “Very efficient and fast.”"
        " What are you most satisfied with? “Services and friendly staff.”"
        " What can we do better? “No issues yet.” “Not sure, all was good.”"
    )


def test_report_page_shows_every_number_of_the_overview(pilot, client):
    response = client.get(f"/coordinator/report?{PERIOD}")
    assert response.status_code == 200
    check_english_report(text_of(response.get_data(as_text=True)))


def test_short_report_url_keeps_the_query(pilot, client):
    response = client.get(f"/report?{PERIOD}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/coordinator/report?{PERIOD}")


def test_report_requires_login(app, client):
    response = client.get(f"/coordinator/report?{PERIOD}")
    assert response.status_code == 302 and "/coordinator/login" in response.headers["Location"]
    followed = client.get(f"/report?{PERIOD}", follow_redirects=True)
    assert "Log in" in followed.get_data(as_text=True)


def test_report_rejects_a_bad_period(pilot, client):
    response = client.get("/coordinator/report?from=2021-07-01&to=2020-01-01")
    assert response.status_code == 400
    assert "The first day lies after the last day." in response.get_data(as_text=True)
    assert client.get("/coordinator/report?from=2020-13-01&to=2021-01-01").status_code == 400


def test_cli_writes_a_self_contained_english_file(pilot, tmp_path):
    target = tmp_path / "report.html"
    result = run_cli(
        pilot, "report", "--from", "2020-01-01", "--to", "2021-06-30", "-o", str(target)
    )
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    assert '<html lang="en">' in page
    assert "<style>" in page and "@page { size: A4" in page
    assert (
        "<link" not in page
        and "<script" not in page
        and "http" not in page.replace("http://www.w3.org", "")
    )
    check_english_report(text_of(page))


def test_cli_dutch_report_uses_a_decimal_comma(pilot, tmp_path):
    target = tmp_path / "rapport.html"
    result = run_cli(
        pilot,
        "report",
        "--from",
        "2020-01-01",
        "--to",
        "2021-06-30",
        "--lang",
        "nl",
        "-o",
        str(target),
    )
    assert result.exit_code == 0, result.output
    text = text_of(target.read_text(encoding="utf-8"))
    assert "Expat Centre 4,95 100 4,91–4,99" in text
    assert "1.769" in text and "3.570" in text and "4.630" in text
    assert "30 juni 2021" in text


def test_cli_rejects_a_reversed_period(pilot, tmp_path):
    result = run_cli(
        pilot,
        "report",
        "--from",
        "2021-01-01",
        "--to",
        "2020-01-01",
        "-o",
        str(tmp_path / "x.html"),
    )
    assert result.exit_code != 0
    assert "first day lies after the last day" in result.output
    assert not (tmp_path / "x.html").exists()


def test_four_eyes_hides_quotes_nobody_approved(make_app, tmp_path):
    app = make_app(FOUR_EYES=True)
    client = app.test_client()
    comments = tmp_path / "comments.csv"
    ratings = tmp_path / "ratings.csv"
    ratings.write_text(ratings_csv(), encoding="utf-8")
    comments.write_text(comments_csv(), encoding="utf-8")
    assert run_cli(app, "import", str(ratings)).exit_code == 0
    assert run_cli(app, "import", str(comments)).exit_code == 0
    from .helpers import CoordinatorActions

    CoordinatorActions(app, client).login()
    text = text_of(client.get(f"/coordinator/report?{PERIOD}").get_data(as_text=True))
    assert "Quotes from our clients" not in text and "No issues yet." not in text
