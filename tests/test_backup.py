"""`survey backup`, `survey restore` and `survey purge` against real SQLite files."""

from __future__ import annotations

import sqlite3

from survey import clock, store

from .helpers import Tablet, database, payload, run_cli


def fill(app, n=3, **changes):
    tablet = Tablet(app)
    for _ in range(n):
        assert tablet.post(payload(**changes)).status_code == 201
    return tablet


def test_backup_is_a_complete_standalone_copy(make_app, tmp_path):
    app = make_app(WTF_CSRF_ENABLED=True)
    fill(app)
    target = tmp_path / "backup.sqlite3"
    result = run_cli(app, "backup", str(target))
    assert result.exit_code == 0, result.output
    assert "Backed up 3 responses" in result.output
    copy = sqlite3.connect(target)
    assert copy.execute("pragma journal_mode").fetchone()[0] == "delete"
    assert copy.execute("select count(*) from ratings").fetchone()[0] == 6
    assert copy.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert not (tmp_path / "backup.sqlite3.partial").exists()


def test_restore_refuses_to_overwrite_data_without_force(make_app, tmp_path):
    app = make_app(WTF_CSRF_ENABLED=True)
    fill(app, 2)
    backup = tmp_path / "b.sqlite3"
    run_cli(app, "backup", str(backup))
    fill_more = Tablet(app, "IND desk 2")
    fill_more.post(payload())
    refused = run_cli(app, "restore", str(backup))
    assert refused.exit_code != 0
    assert "already holds data (3 responses)" in refused.output and "--force" in refused.output
    assert store.response_count(database(app)) == 3

    forced = run_cli(app, "restore", str(backup), "--force")
    assert forced.exit_code == 0, forced.output
    assert "Restored 2 responses" in forced.output
    assert store.response_count(database(app)) == 2
    saved = [p for p in (tmp_path / "instance").iterdir() if "before-restore" in p.name]
    assert len(saved) == 1  # the overwritten database was kept aside
    assert sqlite3.connect(saved[0]).execute("select count(*) from responses").fetchone()[0] == 3
    assert store.audit_rows(database(app), "database.restored")


def test_restore_into_an_empty_instance_needs_no_force(make_app, tmp_path, monkeypatch):
    app = make_app(WTF_CSRF_ENABLED=True)
    fill(app, 2)
    backup = tmp_path / "b.sqlite3"
    run_cli(app, "backup", str(backup))
    monkeypatch.setenv("SURVEY_INSTANCE_PATH", str(tmp_path / "other"))
    fresh = make_app(DATABASE=str(tmp_path / "other" / "survey.sqlite3"))
    result = run_cli(fresh, "restore", str(backup))
    assert result.exit_code == 0, result.output
    assert store.table_counts(database(fresh))["ratings"] == 4


def test_restore_refuses_a_file_that_is_not_a_survey_backup(app, tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("create table t (x)")
    for path, message in ((junk, "not a SQLite database"), (other, "not a survey database")):
        result = run_cli(app, "restore", str(path), "--force")
        assert result.exit_code != 0 and message in result.output, result.output
    assert store.is_usable(database(app))


def test_purge_removes_old_free_text_and_keeps_ratings(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    old = clock.stamp(clock.now().replace(year=clock.now().year - 3))
    fill(app, 2, submitted_at=old)
    fill_recent = Tablet(app, "IND desk 2")
    fill_recent.post(payload(submitted_at=clock.stamp()))
    before = store.table_counts(database(app))
    assert before["comments"] == 3
    result = run_cli(app, "purge", "--older-than", "24")
    assert result.exit_code == 0, result.output
    assert "Deleted 2 comments" in result.output
    after = store.table_counts(database(app))
    assert after == {**before, "comments": 1}
    row = store.audit_rows(database(app), "comments.purged")[0]
    assert '"deleted": 2' in row["detail"] and '"older_than_months": 24' in row["detail"]


def test_purge_uses_retention_months_by_default(make_app):
    app = make_app(WTF_CSRF_ENABLED=True, RETENTION_MONTHS=60)
    old = clock.stamp(clock.now().replace(year=clock.now().year - 3))
    fill(app, 1, submitted_at=old)
    result = run_cli(app, "purge")
    assert "Deleted 0 comments" in result.output
    assert store.table_counts(database(app))["comments"] == 1


def test_months_before_handles_short_months():
    from datetime import date

    from survey.periods import months_before

    assert months_before(date(2021, 3, 31), 1) == date(2021, 2, 28)
    assert months_before(date(2021, 1, 15), 13) == date(2019, 12, 15)
