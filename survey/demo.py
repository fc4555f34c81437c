"""Plausible demo data for the pilot: three desks, July 2019 to June 2021.

Shaped after the pilot's public overview: very high ratings, no visits while the
desks were closed (16 March - 15 June 2020), the overview's operational figures and its quotes.
Written with batch inserts so that a million ratings take seconds, not hours of HTTP calls.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from . import clock, store, submission, tagging
from .questionnaire import Questionnaire

DEMO_TABLET = "Demo One Stop Shop"
DEMO_USER = "coordinator"  # a coordinator: reads, curates, arms surveys
DEMO_ADMIN = "admin"  # also manages tablets, users and tokens
FIRST_DAY, LAST_DAY = date(2019, 7, 1), date(2021, 6, 30)
CLOSED = (date(2020, 3, 16), date(2020, 6, 14))  # reopened on 15 June 2020
CLOSURE_NOTE = (
    "Due to the corona virus pandemic, Expat and IND desks were closed from 16 March to 15 June "
    "2020. On 15 June 2020 services reopened under certain restrictions."
)
# Weights of the values 1..5: means near the overview's 4.8-4.95.
WEIGHTS = {
    "clarity_written_info": (0.5, 0.5, 3, 11, 85),
    "front_desk_staff": (0.2, 0.3, 1, 3, 95.5),
}
DEFAULT_WEIGHTS = (1, 1, 4, 16, 78)
COMMENTS = {
    "en": {
        "info_living_working": [
            "Straightforward process and friendly people.",
            "Very warm and welcoming service.",
            "Useful tips about housing and registration.",
            "The information about health insurance was a bit confusing.",
        ],
        "permit_processing": [
            "The procedure is simple and well organised.",
            "Very efficient and fast.",
            "I waited two hours before my appointment.",
            "My appointment was cancelled twice.",
        ],
        "most_satisfied": [
            "Clear instruction of steps of how things work.",
            "Services and friendly staff.",
            "Everything in one place, very convenient.",
            "The staff spoke English and were patient.",
        ],
        "better": [
            "No issues yet.",
            "Not sure, all was good.",
            "The waiting area was too crowded.",
            "Send the appointment confirmation by e-mail.",
        ],
    },
    "nl": {
        "info_living_working": ["Duidelijke uitleg, dank u wel.", "Prima informatie."],
        "permit_processing": ["Snel en goed geregeld.", "Lange wachttijd."],
        "most_satisfied": ["Vriendelijke medewerkers.", "Alles op één plek."],
        "better": ["Niets, alles was goed.", "Meer zitplaatsen in de wachtruimte."],
    },
}
# The overview's figures: (desk, metric, first day, last day, value).
FIGURES = [
    ("expat_centre", "clients", "2019-01-01", "2019-12-31", 548),
    ("expat_centre", "clients", "2020-01-01", "2020-12-31", 1769),
    ("expat_centre", "clients", "2021-01-01", "2021-06-30", 1005),
    ("ind", "documents_issued", "2019-01-01", "2019-12-31", 3932),
    ("ind", "documents_issued", "2020-01-01", "2020-12-31", 4630),
    ("ind", "documents_issued", "2021-01-01", "2021-06-30", 2947),
    ("ind", "oss_appointments", "2020-01-01", "2020-12-31", 193),
    ("ind", "oss_non_eu", "2020-01-01", "2020-12-31", 144),
    ("ind", "oss_appointments", "2021-01-01", "2021-06-30", 206),
    ("ind", "oss_non_eu", "2021-01-01", "2021-06-30", 148),
    ("ind", "service_biometrics", "2020-01-01", "2021-06-30", 1620),
    ("ind", "service_residence_permit", "2020-01-01", "2021-06-30", 1540),
    ("ind", "service_return_visa", "2020-01-01", "2021-06-30", 410),
]


def open_days() -> list[date]:
    """Working days in the demo period on which the desks were open."""
    days, day = [], FIRST_DAY
    while day <= LAST_DAY:
        if day.weekday() < 5 and not CLOSED[0] <= day <= CLOSED[1]:
            days.append(day)
        day += timedelta(days=1)
    return days


def generate(
    questionnaire: Questionnaire, responses: int, seed: int = 2020
) -> Iterator[tuple[dict, list, list, list]]:
    """Yield (response, ratings, choices, comments) rows for `responses` surveys."""
    rng = random.Random(seed)
    days = open_days()
    zone = ZoneInfo("Europe/Amsterdam")
    desks = [d.id for d in questionnaire.desks]
    tagged: dict[tuple[str, str], dict] = {}  # tag each distinct demo text once
    for _ in range(responses):
        day = rng.choice(days)
        moment = datetime.combine(day, time(9), zone) + timedelta(minutes=rng.randrange(8 * 60))
        at = clock.stamp(moment)
        lang = "en" if rng.random() < 0.75 else "nl"
        visited = rng.sample(desks, 2 if rng.random() < 0.12 else 1)
        ratings, choices, comments = [], [], []
        for desk in visited:
            for question in questionnaire.desk_questions(desk):
                if question.kind == "rating" and rng.random() < 0.97:
                    weights = WEIGHTS.get(question.id, DEFAULT_WEIGHTS)
                    ratings.append((desk, question.id, rng.choices((1, 2, 3, 4, 5), weights)[0]))
                elif question.kind == "choice" and question.options:
                    choices.append((desk, question.id, rng.choice(question.option_ids())))
                if question.comment and rng.random() < 0.2:
                    comments.append(_comment(rng, lang, desk, question, tagged))
        for question in questionnaire.general_questions():
            if question.kind == "text" and rng.random() < 0.15:
                comments.append(_comment(rng, lang, None, question, tagged))
        response = {
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "submitted_at": at,
            "started_at": clock.stamp(moment - timedelta(seconds=rng.randrange(30, 240))),
            "received_at": at,
            "language": lang,
            "desks": json.dumps(visited),
            "tablet": DEMO_TABLET,
            "source": "demo",
            "fingerprint": uuid.UUID(int=rng.getrandbits(128)).hex,
            "visit_id": None,
        }
        yield response, ratings, choices, comments


def _comment(rng, lang, desk, question, tagged) -> dict:
    text = rng.choice(COMMENTS[lang].get(question.id) or COMMENTS["en"][question.id])
    key = (lang, question.id, text)
    if key not in tagged:
        row = submission.comment_row(desk, question.id, text, lang)
        tagged[key] = {**row, **tagging.tag_columns(row["text"], lang, question)}
    return {**tagged[key], "desk_id": desk}


def load(db, questionnaire: Questionnaire, responses: int, seed: int = 2020) -> None:
    """Write demo responses, the overview's figures and the closure note."""
    store.insert_responses(db, generate(questionnaire, responses, seed))
    for desk, metric, first, last, value in FIGURES:
        if questionnaire.desk(desk):
            store.set_figure(db, desk, metric, first, last, value, "demo")
    # The overview's quotes (the first two per question) start out selected, as curated.
    for question_id, texts in COMMENTS["en"].items():
        for text in texts[:2]:
            for comment_id in store.comment_ids_with_text(db, question_id, text)[:1]:
                store.set_comment_status(db, comment_id, "selected", "demo")
    store.add_note(db, CLOSED[0].isoformat(), CLOSED[1].isoformat(), None, CLOSURE_NOTE, "demo")
