"""The questionnaire's desks and questions as rows: synced from questions.yaml, read by id."""

from __future__ import annotations

import json

from sqlite_utils import Database

from ..questionnaire import Option, Question, Questionnaire


def sync_questionnaire(db: Database, questionnaire: Questionnaire) -> None:
    """Mirror questions.yaml into desks/questions; removed items stay, marked inactive."""
    with db.atomic():
        db.execute("update desks set active = 0")
        db.execute("update questions set active = 0")
        db.table("desks").upsert_all(
            [
                {"id": d.id, "name": json.dumps(d.name), "position": i, "active": 1}
                for i, d in enumerate(questionnaire.desks)
            ],
            pk="id",
        )
        db.table("questions").upsert_all(
            [
                {
                    "id": q.id,
                    "kind": q.kind,
                    "text": json.dumps(q.text),
                    "desks": json.dumps(list(q.desks)),
                    "comment": int(q.comment),
                    "options": json.dumps([{"id": o.id, "text": o.text} for o in q.options]),
                    "position": q.position,
                    "active": 1,
                }
                for q in questionnaire.questions
            ],
            pk="id",
        )


def known_question_ids(db: Database) -> set[str]:
    """Every question id ever synced, active or not (imports may refer to retired ones)."""
    return {row[0] for row in db.execute("select id from questions").fetchall()}


def known_desk_ids(db: Database) -> set[str]:
    """Every desk id ever synced, active or not."""
    return {row[0] for row in db.execute("select id from desks").fetchall()}


def question_kinds(db: Database) -> dict[str, str]:
    """Question id -> kind, for every question ever synced."""
    return dict(db.execute("select id, kind from questions").fetchall())


def question_desks(db: Database) -> dict[str, tuple[str, tuple[str, ...], bool]]:
    """Question id -> (kind, desks it is asked at, takes a comment), for every synced question."""
    return {
        row[0]: (row[1], tuple(json.loads(row[2] or "[]")), bool(row[3]))
        for row in db.execute("select id, kind, desks, comment from questions").fetchall()
    }


def retired_questions(db: Database) -> dict[str, Question]:
    """Questions removed from questions.yaml (inactive here), as they were last synced.

    A tablet's queue may still hold answers to them; those answers are stored, not refused.
    """
    return {
        row["id"]: Question(
            id=row["id"],
            kind=row["kind"],
            text=json.loads(row["text"]),
            desks=tuple(json.loads(row["desks"] or "[]")),
            comment=bool(row["comment"]),
            options=tuple(
                Option(option["id"], option.get("text", {}))
                for option in json.loads(row["options"] or "[]")
            ),
        )
        for row in db.query("select * from questions where active = 0")
    }
