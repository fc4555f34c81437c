"""Store unit tests on an in-memory database."""

import json

import pytest

from survey import store


def response(rid, at="2021-01-05T10:00:00Z"):
    return {
        "id": rid,
        "submitted_at": at,
        "language": "en",
        "desks": json.dumps(["ind"]),
        "tablet": "t",
        "source": "test",
        "fingerprint": rid,
    }


def seed_questionnaire(db):
    from survey import questionnaire

    from .helpers import QUESTIONS

    store.sync_questionnaire(db, questionnaire.load(QUESTIONS))


def test_migrations_are_idempotent(fresh_db):
    store.migrate(fresh_db)
    store.migrate(fresh_db)
    assert {"desks", "questions", "responses", "ratings", "comments", "figures", "notes"} <= set(
        fresh_db.table_names()
    )


def test_save_response_is_all_or_nothing(fresh_db):
    seed_questionnaire(fresh_db)
    bad = [("ind", "front_desk_staff", 5), ("ind", "no_such_question", 3)]
    with pytest.raises(store.IntegrityError):
        store.save_response(fresh_db, response("a"), bad)
    assert store.table_counts(fresh_db)["responses"] == 0
    assert store.table_counts(fresh_db)["ratings"] == 0


def test_removed_question_is_hidden_but_its_answers_stay(fresh_db):
    from survey import questionnaire

    from .helpers import QUESTIONS

    seed_questionnaire(fresh_db)
    store.save_response(fresh_db, response("a"), [("ind", "permit_processing", 4)])
    loaded = questionnaire.load(QUESTIONS)
    shorter = questionnaire.Questionnaire(
        loaded.languages,
        loaded.desks,
        tuple(q for q in loaded.questions if q.id != "permit_processing"),
    )
    store.sync_questionnaire(fresh_db, shorter)
    active = dict(fresh_db.execute("select id, active from questions").fetchall())
    assert active["permit_processing"] == 0 and active["front_desk_staff"] == 1
    assert store.table_counts(fresh_db)["ratings"] == 1


def test_selected_quotes_respect_period_and_four_eyes(fresh_db):
    seed_questionnaire(fresh_db)
    comment = {
        "desk_id": None,
        "question_id": "better",
        "text": "No issues yet.",
        "redactions": 0,
        "language": "en",
        "polarity": None,
        "subjectivity": None,
        "label": "positive",
    }
    store.save_response(fresh_db, response("a"), [], [], [comment])
    store.save_response(fresh_db, response("b", "2022-01-01T00:00:00Z"), [], [], [comment])
    for comment_id in store.comment_ids_with_text(fresh_db, "better", "No issues yet."):
        store.set_comment_status(fresh_db, comment_id, "selected", "anna")
    # The same text selected twice under one question is one quote: its earliest copy.
    [quote] = store.selected_quotes(fresh_db)
    assert quote["submitted_at"] < "2022"
    assert len(store.selected_quotes(fresh_db, "2021-01-01T00:00:00Z", "2021-12-31T23:00:00Z")) == 1
    assert store.selected_quotes(fresh_db, require_approval=True) == []


def test_where_drops_unset_filters_and_expands_lists():
    assert store.where(("a = ?", None), ("b in (?)", []), ("c", False)) == ("", [])
    clause, params = store.where(
        ("t >= ?", "2021-01-01"),
        ("d in (?)", ["ind", "expat_centre"]),
        ("(x in (?) or y in (?))", ["a"]),
        ("approved", True),
        ("id > ?", 0),
    )
    assert clause == (
        "where t >= ? and d in (?, ?) and (x in (?) or y in (?)) and approved and id > ?"
    )
    assert params == ["2021-01-01", "ind", "expat_centre", "a", "a", 0]
