"""The `survey` commands: stable names, output and clear one-line errors."""

import csv
import io
import os
import stat
import subprocess
import sys

import pytest

from survey import store

from .helpers import ROOT, database, pair, run_cli


def test_init_makes_folder_secret_and_empty_schema(tmp_path):
    instance = tmp_path / "fresh"
    env = {**os.environ, "SURVEY_INSTANCE_PATH": str(instance)}
    result = subprocess.run(
        [sys.executable, "-m", "survey.cli", "init"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    secret = instance / "secret_key"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600 and len(secret.read_text()) == 64
    from survey.db import connect

    db = connect(str(instance / "survey.sqlite3"))
    assert store.table_counts(db) == {"responses": 0, "ratings": 0, "choices": 0, "comments": 0}
    assert store.user_count(db) == 0
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    # A second start keeps the same key: sessions and tablet cookies survive restarts.
    first_key = secret.read_text()
    subprocess.run([sys.executable, "-m", "survey.cli", "init"], env=env, check=True)
    assert secret.read_text() == first_key


def test_demo_adds_data_a_tablet_link_and_a_login(app):
    result = run_cli(app, "demo", "--responses", "200")
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[-1].startswith("/pair/")
    assert any(line.startswith("Coordinator login: coordinator / ") for line in lines)
    db = database(app)
    assert store.response_count(db) == 200
    closed = db.execute(
        "select count(*) from responses where submitted_at between '2020-03-16' and '2020-06-15'"
    ).fetchone()[0]
    assert closed == 0
    again = run_cli(app, "demo", "--if-empty")
    assert "no demo data added" in again.output and store.response_count(db) == 200
    assert again.output.strip().splitlines()[-1].startswith("/pair/")


def test_tablet_add_prints_the_link_alone_on_the_last_line(app):
    result = run_cli(app, "tablet", "add", "OSS", "--desk", "ind", "--desk", "expat_centre")
    assert result.exit_code == 0
    assert result.output.strip().splitlines()[-1].startswith("/pair/")
    listed = run_cli(app, "tablet", "list").output
    assert "OSS\tind,expat_centre\topen\twaiting for pairing" in listed


def test_tablet_link_is_a_full_url_when_base_url_is_set(make_app):
    app = make_app(BASE_URL="https://survey.example.nl/")
    last = run_cli(app, "tablet", "add", "T", "--desk", "ind").output.strip().splitlines()[-1]
    assert last.startswith("https://survey.example.nl/pair/")


@pytest.mark.parametrize(
    "args, message",
    [
        (["tablet", "add", "X", "--desk", "gemeente"], "unknown desk 'gemeente'"),
        (["tablet", "add", "X"], "Missing option '--desk'"),
        (["tablet", "add", "X", "--desk", "ind", "--mode", "locked"], "'locked' is not one of"),
        (["tablet", "revoke", "nobody"], "no active tablet named 'nobody'"),
        (["tablet", "pair", "nobody"], "no tablet named 'nobody'"),
        (["export", "--from", "2020-13-01"], "'2020-13-01' is not a date in the form YYYY-MM-DD"),
        (["export", "--desk", "nowhere"], "unknown desk 'nowhere'"),
        (["export", "--format", "pdf"], "Invalid value for '--format'"),
    ],
)
def test_bad_arguments_fail_with_a_clear_message(app, args, message):
    result = run_cli(app, *args)
    assert result.exit_code != 0
    assert message in result.output


def test_duplicate_tablet_name_is_refused(app):
    run_cli(app, "tablet", "add", "T", "--desk", "ind")
    result = run_cli(app, "tablet", "add", "T", "--desk", "ind")
    assert result.exit_code == 1 and "already exists" in result.output


def test_user_add_reads_the_password_from_stdin_and_hashes_it(app, client):
    result = run_cli(app, "user", "add", "anna", input="a long password\na long password\n")
    assert result.exit_code == 0, result.output
    user = store.get_user(database(app), "anna")
    assert user["role"] == "coordinator" and user["password_hash"].startswith("scrypt:")
    short = run_cli(app, "user", "add", "bob", input="short\nshort\n")
    assert short.exit_code == 1 and "at least 10 characters" in short.output
    login = client.post(
        "/coordinator/login", data={"username": "anna", "password": "a long password"}
    )
    assert login.status_code == 302


def test_export_writes_the_long_csv(app, tablet_client):
    from .helpers import post_step

    html = tablet_client.get("/en/survey").text
    step2 = post_step(tablet_client, "", html, {"d_ind_q_front_desk_staff": "5"}, "next")
    post_step(tablet_client, "", step2.text, {}, "submit")
    result = run_cli(app, "export", "--format", "csv", "--desk", "ind")
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0] == [
        "response_id",
        "submitted_at",
        "desk",
        "question",
        "value",
        "language",
        "tablet",
    ]
    assert rows[1][2:] == ["ind", "front_desk_staff", "5", "en", "IND desk 1"]
    assert run_cli(app, "export", "--desk", "expat_centre").output.count("\n") == 1


LOADED_BY_AN_EXPORT = """
import sys
from survey.cli import cli
cli(["export", "-o", sys.argv[1]], prog_name="survey", standalone_mode=False)
print(sorted(name for name in ("survey.sentiment", "survey.topics", "survey.demo") if name in sys.modules))
"""


def test_an_export_starts_without_loading_the_tagger(tmp_path):
    instance = tmp_path / "instance"
    env = {**os.environ, "SURVEY_INSTANCE_PATH": str(instance)}
    subprocess.run([sys.executable, "-m", "survey.cli", "init"], env=env, check=True)
    result = subprocess.run(
        [sys.executable, "-c", LOADED_BY_AN_EXPORT, str(tmp_path / "out.csv")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"  # lexicons and large patterns: a tenth of a second


def test_invalid_questionnaire_is_one_clear_error_not_a_traceback(tmp_path):
    bad = tmp_path / "q.yaml"
    bad.write_text((ROOT / "questions.yaml").read_text().replace("[ind]", "[gemeente]"))
    env = {
        **os.environ,
        "SURVEY_INSTANCE_PATH": str(tmp_path / "i"),
        "SURVEY_QUESTIONS_FILE": str(bad),
    }
    result = subprocess.run(
        [sys.executable, "-m", "survey.cli", "init"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "unknown desk 'gemeente'" in result.stderr and "Traceback" not in result.stderr


def test_pairing_link_from_the_cli_pairs_a_browser(app, client):
    assert pair(app, client).status_code == 200
