"""Load and validate questions.yaml into frozen dataclasses.

The file is read once at start-up. Every problem is collected and reported at once, each with its
place in the file, so an admin fixes the whole file in one go instead of one error per restart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .vocabulary import TOPICS

KINDS = ("rating", "choice", "text")
# What a text question asks for, so that the comment tagger reads its answers right:
# "improvement" ("What can we do better?": "Nothing" is praise, a suggestion is no praise) and
# "praise" ("What are you most satisfied with?": naming something is praise for it).
ROLES = ("improvement", "praise")
# The words under a rating's five buttons: `quality` (Very poor ... Excellent) or `satisfaction`
# (Very dissatisfied ... Very satisfied). The labels themselves live with the kiosk's texts.
SCALES = ("quality", "satisfaction")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2}$")


class QuestionnaireError(ValueError):
    """questions.yaml is invalid; the message lists every problem, one per line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Option:
    id: str
    text: dict[str, str]


@dataclass(frozen=True)
class Desk:
    id: str
    name: dict[str, str]


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    text: dict[str, str]
    desks: tuple[str, ...] = ()  # empty: asked once per survey, not per desk
    comment: bool = False  # rating questions may carry an optional comment
    options: tuple[Option, ...] = ()
    position: int = 0
    role: str | None = None  # one of ROLES, on text questions only
    topic: str | None = None  # what the question is about (vocabulary.TOPICS), for its comments
    scale: str = "quality"  # rating questions: which words label the five buttons
    faces: bool = False  # rating questions: drawn faces above the words

    @property
    def per_desk(self) -> bool:
        """True when the question is asked once for every visited desk it applies to."""
        return bool(self.desks)

    def option_ids(self) -> tuple[str, ...]:
        """The ids of a choice question's options."""
        return tuple(option.id for option in self.options)


@dataclass(frozen=True)
class Questionnaire:
    languages: dict[str, str]  # code -> the language's own name, in display order
    desks: tuple[Desk, ...]
    questions: tuple[Question, ...]
    source: str = "questions.yaml"
    _by_id: dict[str, Question] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        self._by_id.update({q.id: q for q in self.questions})

    @property
    def default_language(self) -> str:
        """The first language in the file: the fallback for everything."""
        return next(iter(self.languages))

    def desk(self, desk_id: str) -> Desk | None:
        """The desk with this id, or None."""
        if not isinstance(desk_id, str):
            return None
        return next((d for d in self.desks if d.id == desk_id), None)

    def question(self, question_id: str) -> Question | None:
        """The active question with this id, or None (also for a non-string id)."""
        return self._by_id.get(question_id) if isinstance(question_id, str) else None

    def desk_questions(self, desk_id: str, kinds: tuple[str, ...] = KINDS) -> list[Question]:
        """Questions asked per desk that apply to this desk, in file order."""
        return [q for q in self.questions if desk_id in q.desks and q.kind in kinds]

    def general_questions(self) -> list[Question]:
        """Questions asked once per survey (the open questions)."""
        return [q for q in self.questions if not q.desks]

    def rating_questions(self) -> list[Question]:
        """All rating questions, in file order."""
        return [q for q in self.questions if q.kind == "rating"]

    def text(self, texts: dict[str, str], lang: str) -> str:
        """The text in `lang`, falling back to the default language."""
        return texts.get(lang) or texts[self.default_language]

    def desk_name(self, desk_id: str, lang: str) -> str:
        """A desk's name in `lang`; an unknown (retired) desk shows its id."""
        desk = self.desk(desk_id)
        return self.text(desk.name, lang) if desk else desk_id

    def role(self, question_id: str | None) -> str | None:
        """The role of a question (improvement / praise), or None."""
        question = self._by_id.get(question_id) if question_id else None
        return question.role if question else None

    def questions_with_role(self, role: str) -> list[str]:
        """Ids of the questions with this role."""
        return [q.id for q in self.questions if q.role == role]


def load(path: str | Path) -> Questionnaire:
    """Read and validate questions.yaml; raise QuestionnaireError listing every problem."""
    path = Path(path)
    name = path.name
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise QuestionnaireError([f"{path}: file not found"]) from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        detail = " ".join(str(error).split())
        raise QuestionnaireError([f"{name}: not valid YAML: {detail}"]) from None
    return parse(raw, name)


def parse(raw: Any, name: str = "questions.yaml") -> Questionnaire:
    """Validate an already-parsed YAML document (see load)."""
    problems: list[str] = []

    def problem(place: str, message: str) -> None:
        problems.append(f"{name}: {place}: {message}")

    if not isinstance(raw, dict):
        raise QuestionnaireError(
            [f"{name}: expected a mapping with languages, desks and questions"]
        )
    for key in sorted(set(raw) - {"languages", "desks", "questions"}):
        problem(str(key), "unknown key (expected languages, desks, questions)")

    languages = raw.get("languages")
    if not isinstance(languages, dict) or not languages:
        problem("languages", "must map language codes to their names, e.g. en: English")
        languages = {"en": "English"}
    for code, label in languages.items():
        if not isinstance(code, str) or not LANGUAGE_PATTERN.match(code):
            problem(f"languages.{code}", "a language code is two lowercase letters")
        if not isinstance(label, str) or not label.strip():
            problem(f"languages.{code}", "needs a display name")
    codes = [str(c) for c in languages]

    def texts(value: Any, place: str) -> dict[str, str]:
        if isinstance(value, str) and len(codes) == 1:
            return {codes[0]: value}
        if not isinstance(value, dict):
            problem(place, f"must give a text per language ({', '.join(codes)})")
            return {}
        for code in codes:
            if not isinstance(value.get(code), str) or not value[code].strip():
                problem(place, f"missing text for language '{code}'")
        for code in value:
            if code not in codes:
                problem(place, f"text for unknown language '{code}'")
        return {str(k): str(v) for k, v in value.items() if isinstance(v, str)}

    def checked_id(value: Any, place: str, seen: set[str], what: str) -> str:
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            problem(place, f"{what} id {value!r} must be lowercase letters, digits and _")
            return str(value)
        if value in seen:
            problem(place, f"duplicate {what} id '{value}'")
        seen.add(value)
        return value

    def rating_flag(item: dict, place: str, key: str, only_rating: str) -> bool:
        """An optional true/false key that only a rating question may switch on."""
        value = item.get(key, False)
        if not isinstance(value, bool):
            problem(f"{place}.{key}", "must be true or false")
        elif value and item.get("kind") != "rating":
            problem(f"{place}.{key}", only_rating)
        return value is True

    desks: list[Desk] = []
    raw_desks = raw.get("desks")
    if not isinstance(raw_desks, list) or not raw_desks:
        problem("desks", "must be a non-empty list")
        raw_desks = []
    desk_ids: set[str] = set()
    for i, item in enumerate(raw_desks):
        place = f"desks[{i}]"
        if not isinstance(item, dict):
            problem(place, "must be a mapping with id and name")
            continue
        desk_id = checked_id(item.get("id"), f"{place}.id", desk_ids, "desk")
        desks.append(Desk(desk_id, texts(item.get("name"), f"{place}.name")))

    questions: list[Question] = []
    raw_questions = raw.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        problem("questions", "must be a non-empty list")
        raw_questions = []
    question_ids: set[str] = set()
    allowed = {
        "id",
        "kind",
        "text",
        "desks",
        "comment",
        "options",
        "scale",
        "faces",
        "role",
        "topic",
    }
    for i, item in enumerate(raw_questions):
        place = f"questions[{i}]"
        if not isinstance(item, dict):
            problem(place, "must be a mapping with id, kind and text")
            continue
        for key in sorted(set(item) - allowed):
            problem(f"{place}.{key}", f"unknown key (expected {', '.join(sorted(allowed))})")
        question_id = checked_id(item.get("id"), f"{place}.id", question_ids, "question")
        kind = item.get("kind")
        if kind not in KINDS:
            problem(f"{place}.kind", f"unknown kind {kind!r} (expected {', '.join(KINDS)})")
        question_desks = item.get("desks", [])
        if not isinstance(question_desks, list):
            problem(f"{place}.desks", "must be a list of desk ids")
            question_desks = []
        for desk_id in question_desks:
            if desk_id not in desk_ids:
                problem(f"{place}.desks", f"unknown desk '{desk_id}'")
        if kind == "rating" and not question_desks:
            problem(f"{place}.desks", "a rating question must name the desks it rates")
        comment = rating_flag(
            item, place, "comment", "only rating questions carry an extra comment"
        )
        faces = rating_flag(item, place, "faces", "only rating questions show faces")
        scale = item.get("scale", "quality")
        if scale not in SCALES:
            problem(f"{place}.scale", f"unknown scale {scale!r} (expected {', '.join(SCALES)})")
        elif "scale" in item and kind != "rating":
            problem(f"{place}.scale", "only rating questions have a scale")
        role = item.get("role")
        if role is not None and role not in ROLES:
            problem(f"{place}.role", f"unknown role {role!r} (expected {', '.join(ROLES)})")
        elif role is not None and kind in KINDS and kind != "text":
            problem(f"{place}.role", "only text questions have a role")
        topic = item.get("topic")
        if topic is not None and topic not in TOPICS:
            problem(f"{place}.topic", f"unknown topic {topic!r} (expected {', '.join(TOPICS)})")
        options: list[Option] = []
        raw_options = item.get("options")
        if kind == "choice":
            if not isinstance(raw_options, list) or len(raw_options) < 2:
                problem(f"{place}.options", "a choice question needs at least two options")
                raw_options = []
            option_ids: set[str] = set()
            for j, option in enumerate(raw_options):
                option_place = f"{place}.options[{j}]"
                if not isinstance(option, dict):
                    problem(option_place, "must be a mapping with id and text")
                    continue
                option_id = checked_id(option.get("id"), f"{option_place}.id", option_ids, "option")
                options.append(Option(option_id, texts(option.get("text"), f"{option_place}.text")))
        elif raw_options is not None:
            problem(f"{place}.options", "only choice questions have options")
        questions.append(
            Question(
                id=question_id,
                kind=str(kind),
                text=texts(item.get("text"), f"{place}.text"),
                desks=tuple(str(d) for d in question_desks),
                comment=comment,
                options=tuple(options),
                position=i,
                role=role if role in ROLES else None,
                topic=topic if topic in TOPICS else None,
                scale=str(scale),
                faces=faces,
            )
        )

    if problems:
        raise QuestionnaireError(problems)
    return Questionnaire(
        languages={str(k): str(v) for k, v in languages.items()},
        desks=tuple(desks),
        questions=tuple(questions),
        source=name,
    )
