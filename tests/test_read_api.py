"""The read API: bearer tokens, the summary's numbers, cursor pagination, the OpenAPI document."""

import json

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from .helpers import database, pair, payload, run_cli

HEADER = "response_id,submitted_at,desk,question,value,language,tablet\n"
R = [f"00000000-0000-4000-8000-00000000000{i}" for i in range(6)]
ROWS = [
    (R[1], "2020-02-03T10:00:00Z", "ind", "front_desk_staff", 5, "en", "IND desk 1"),
    (R[1], "2020-02-03T10:00:00Z", "ind", "permit_processing", 4, "en", "IND desk 1"),
    (R[2], "2020-02-03T12:00:00Z", "ind", "front_desk_staff", 5, "nl", "IND desk 1"),
    (R[3], "2020-02-03T14:00:00Z", "ind", "front_desk_staff", 4, "en", ""),
    (R[3], "2020-02-03T14:00:00Z", "ind", "clarity_written_info", 2, "en", ""),
    # 23:30 UTC is 00:30 on 4 February in Amsterdam: it belongs to the 4th.
    (R[4], "2020-02-03T23:30:00Z", "ind", "front_desk_staff", 3, "de", "Paper"),
    (R[5], "2020-02-03T09:00:00Z", "expat_centre", "front_desk_staff", 1, "en", "Paper"),
]


def seed(app, tmp_path, rows=ROWS):
    path = tmp_path / "seed.csv"
    path.write_text(HEADER + "".join(",".join(map(str, row)) + "\n" for row in rows))
    result = run_cli(app, "import", str(path))
    assert result.exit_code == 0, result.output


def new_token(app, name="management"):
    result = run_cli(app, "token", "add", name)
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()[-1]


@pytest.fixture
def api(app, client, tmp_path):
    """GET with a valid token; the response is checked against the OpenAPI document."""
    seed(app, tmp_path)
    token = new_token(app)

    def get(path, token=token, **params):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = client.get(f"/api/v1{path}", query_string=params, headers=headers)
        conforms(client, path, "get", response)
        return response

    get.app = app
    return get


def conforms(client, path, method, response):
    """Validate a response's JSON against the schema the document gives for its status."""
    document = client.get("/api/v1/openapi.json").json
    declared = document["paths"][path][method]["responses"]
    assert str(response.status_code) in declared, f"{path} never answers {response.status_code}"
    schema = declared[str(response.status_code)]["content"]["application/json"]["schema"]
    validator = Draft202012Validator(
        {**schema, "components": document["components"]}, format_checker=FormatChecker()
    )
    validator.validate(response.json)


def test_the_document_is_openapi_3_with_valid_schemas(client):
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"].startswith("3.")
    assert {"/summary", "/ratings", "/responses", "/openapi.json"} <= set(document["paths"])
    for schema in document["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", ["/summary", "/ratings"])
@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer", "Bearer not-a-token", "Basic dXNlcjpwYXNz", "bearer  "],
)
def test_no_valid_token_is_401_json(api, path, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    response = api.app.test_client().get(f"/api/v1{path}", headers=headers)
    assert response.status_code == 401
    assert response.json["error"] == "unauthorized"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    conforms(api.app.test_client(), path, "get", response)


def test_a_revoked_token_is_refused_at_once(api):
    token = new_token(api.app, "short-lived")
    assert api("/summary", token=token).status_code == 200
    result = run_cli(api.app, "token", "revoke", "short-lived")
    assert result.exit_code == 0 and "revoked" in result.output
    assert api("/summary", token=token).status_code == 401
    assert api("/summary").status_code == 200  # the other token still works


def test_token_names_are_unique_until_revoked(app):
    first = new_token(app, "bi")
    again = run_cli(app, "token", "add", "bi")
    assert again.exit_code != 0 and "an active token named 'bi' exists" in again.output
    assert run_cli(app, "token", "revoke", "bi").exit_code == 0
    assert new_token(app, "bi") != first
    missing = run_cli(app, "token", "revoke", "nobody")
    assert missing.exit_code != 0 and "no active token named 'nobody'" in missing.output


def test_the_token_is_stored_hashed(app):
    token = new_token(app)
    stored = [row["token_hash"] for row in database(app).query("select * from api_tokens")]
    assert token not in stored and len(stored) == 1 and len(stored[0]) == 64


def test_summary_numbers_match_hand_computed_values(api):
    body = api("/summary", desk="ind", **{"from": "2020-02-03", "to": "2020-02-04"}).json
    assert body["from"] == "2020-02-03" and body["to"] == "2020-02-04"
    assert [d["desk"] for d in body["desks"]] == ["ind"]
    questions = {q["question"]: q for q in body["desks"][0]["questions"]}
    assert list(questions) == ["clarity_written_info", "front_desk_staff", "permit_processing"]
    # front_desk_staff: 5, 5, 4, 3. mean 17/4; sd sqrt(2.75/3); t(3) = 3.182.
    front = questions["front_desk_staff"]
    assert front["n"] == 4 and front["mean"] == 4.25 and front["csat"] == 0.75
    assert front["ci"] == pytest.approx([4.25 - 3.182 * (2.75 / 3) ** 0.5 / 2, 5.0])
    assert questions["permit_processing"] == {
        "question": "permit_processing",
        "mean": 4.0,
        "n": 1,
        "csat": 1.0,
        "ci": None,
    }
    assert questions["clarity_written_info"]["csat"] == 0.0


def test_summary_days_are_local_calendar_days(api):
    body = api("/summary", desk="ind", **{"from": "2020-02-03", "to": "2020-02-03"}).json
    front = next(q for q in body["desks"][0]["questions"] if q["question"] == "front_desk_staff")
    # 5, 5, 4 (the 23:30 UTC rating fell on the 4th): mean 14/3, sd sqrt(1/3), t(2) = 4.303.
    assert front["n"] == 3 and front["mean"] == pytest.approx(14 / 3)
    assert front["ci"] == pytest.approx([14 / 3 - 4.303 * (1 / 3) ** 0.5 / 3**0.5, 5.0])


def test_summary_without_filters_lists_every_desk_and_empty_questions(api):
    body = api("/summary").json
    assert body["from"] is None and body["to"] is None
    desks = {d["desk"]: d["questions"] for d in body["desks"]}
    assert list(desks) == ["expat_centre", "gemeenteloket", "ind"]
    assert desks["gemeenteloket"][0] == {
        "question": "clarity_written_info",
        "mean": None,
        "n": 0,
        "csat": None,
        "ci": None,
    }
    expat = {q["question"]: q for q in desks["expat_centre"]}
    assert expat["front_desk_staff"]["mean"] == 1.0 and expat["front_desk_staff"]["csat"] == 0.0


def test_summary_with_several_desks_keeps_their_order(api):
    body = api("/summary", desk=["ind", "expat_centre"]).json
    assert [d["desk"] for d in body["desks"]] == ["ind", "expat_centre"]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"from": "2020-02-30"}, "from"),
        ({"to": "3 Feb 2020"}, "to"),
        ({"desk": "gemeente"}, "desk"),
        ({"from": "2020-03-01", "to": "2020-02-01"}, "to"),
        ({"question": "better"}, "question"),
    ],
)
@pytest.mark.parametrize("path", ["/summary", "/ratings"])
def test_bad_parameters_are_422_with_every_error(api, path, params, field):
    response = api(path, **params)
    assert response.status_code == 422
    assert [e["field"] for e in response.json["errors"]] == [field]


def test_ratings_are_the_long_export(api):
    body = api("/ratings", desk="expat_centre").json
    assert body == {
        "ratings": [
            {
                "response_id": R[5],
                "submitted_at": "2020-02-03T09:00:00Z",
                "desk": "expat_centre",
                "question": "front_desk_staff",
                "value": 1,
                "language": "en",
                "tablet": "Paper",
            }
        ],
        "next": None,
    }
    dates = api("/ratings", **{"from": "2020-02-04", "to": "2020-02-04"}).json["ratings"]
    assert [r["response_id"] for r in dates] == [R[4]]


def test_cursor_pagination_covers_every_rating_exactly_once(api):
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        body = api("/ratings", **params).json
        pages += 1
        assert len(body["ratings"]) <= 3
        seen += [(r["response_id"], r["desk"], r["question"]) for r in body["ratings"]]
        cursor = body["next"]
        if cursor is None:
            break
    assert pages == 3
    assert sorted(seen) == sorted((row[0], row[2], row[3]) for row in ROWS)
    assert len(set(seen)) == len(seen) == 7


def test_pagination_with_a_filter_and_a_rating_stored_between_pages(api, tmp_path):
    first = api("/ratings", desk="ind", limit=2).json
    late = ("00000000-0000-4000-8000-0000000000ff", "2020-01-01T08:00:00Z", "ind")
    seed(api.app, tmp_path, [(*late, "front_desk_staff", 2, "en", "")])
    rest, cursor = [], first["next"]
    while cursor:
        page = api("/ratings", desk="ind", limit=2, cursor=cursor).json
        rest += page["ratings"]
        cursor = page["next"]
    ids = [r["response_id"] for r in first["ratings"] + rest]
    # Keyset pagination: nothing repeated or lost; the new rating (stored later) comes last.
    assert len(ids) == len(set((r["response_id"], r["question"]) for r in first["ratings"] + rest))
    assert len(ids) == 7 and ids[-1] == late[0]


@pytest.mark.parametrize("cursor", ["garbage", "eyJhZnRlciI6ICJ4In0", "W10"])
def test_a_forged_cursor_is_422(api, cursor):
    response = api("/ratings", cursor=cursor)
    assert response.status_code == 422 and response.json["errors"][0]["field"] == "cursor"


@pytest.mark.parametrize("limit", ["0", "10001", "ten"])
def test_a_bad_limit_is_422(api, limit):
    assert api("/ratings", limit=limit).status_code == 422


def test_kiosk_submission_answers_match_the_document(make_app):
    app = make_app()
    client = app.test_client()
    pair(app, client)
    created = client.post("/api/v1/responses", json=payload())
    assert created.status_code == 201
    conforms(client, "/responses", "post", created)
    invalid = client.post("/api/v1/responses", data=json.dumps(payload(language="xx")))
    assert invalid.status_code == 422
    conforms(client, "/responses", "post", invalid)


def test_the_read_api_needs_no_csrf_token(make_app, tmp_path):
    app = make_app(WTF_CSRF_ENABLED=True)
    token = new_token(app)
    response = app.test_client().get(
        "/api/v1/summary", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200


def test_every_api_route_is_in_the_document(app, client):
    document = client.get("/api/v1/openapi.json").json
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        path = rule.rule.removeprefix("/api/v1")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert method.lower() in document["paths"].get(path, {}), (
                f"{method} {rule.rule} is missing from survey/api/openapi.py"
            )


def test_tablet_endpoints_answer_as_documented(app, client):
    assert client.get("/api/v1/tablet/armed").status_code == 401
    conforms(client, "/tablet/armed", "get", client.get("/api/v1/tablet/armed"))
    pair(app, client)
    conforms(client, "/tablet/armed", "get", client.get("/api/v1/tablet/armed"))
    beat = client.post("/api/v1/tablet/heartbeat", json={"queued": 2})
    assert beat.status_code == 200
    conforms(client, "/tablet/heartbeat", "post", beat)
    bad = client.post("/api/v1/tablet/heartbeat", json={"queued": -1})
    assert bad.status_code == 422
    conforms(client, "/tablet/heartbeat", "post", bad)


def test_empty_parameters_mean_no_filter(api):
    body = api("/summary", desk="", question="", **{"from": "", "to": ""}).json
    assert body["from"] is None and len(body["desks"]) == 3


def test_token_list_shows_state_and_use_never_the_token(api):
    token = new_token(api.app, "old")
    run_cli(api.app, "token", "revoke", "old")
    api("/summary")
    listing = run_cli(api.app, "token", "list")
    assert listing.exit_code == 0 and token not in listing.output
    lines = dict(line.split("\t", 1) for line in listing.output.strip().splitlines())
    assert set(lines) == {"management", "old"}
    assert (
        lines["management"].startswith("active\tcreated ")
        and "never used" not in lines["management"]
    )
    assert lines["old"].startswith("revoked ") and lines["old"].endswith("never used")
