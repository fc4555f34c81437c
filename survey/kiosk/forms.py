"""The survey form, composed per visit from the questionnaire and the visited desks."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectChoice, TextAreaField
from wtforms.validators import Length, Optional

from ..questionnaire import Question, Questionnaire
from ..submission import MAX_TEXT

# The words under the five buttons, per `scale:` in questions.yaml.
SCALE_LABELS = {
    "quality": {
        1: _l("Very poor"),
        2: _l("Poor"),
        3: _l("Fair"),
        4: _l("Good"),
        5: _l("Excellent"),
    },
    "satisfaction": {
        1: _l("Very dissatisfied"),
        2: _l("Dissatisfied"),
        3: _l("Neutral"),
        4: _l("Satisfied"),
        5: _l("Very satisfied"),
    },
}
RATING_VALUES = (1, 2, 3, 4, 5)
STEPS = ("ratings", "open")  # per-desk questions first, then the open questions


@dataclass(frozen=True)
class Slot:
    """Where one form field's answer goes: field name, desk (or None), question, role."""

    name: str
    desk: str | None
    question: Question
    role: str  # rating, comment, choice or text


def field_name(desk: str | None, question_id: str) -> str:
    """`d_<desk>_q_<id>` for per-desk questions, `q_<id>` for questions asked once."""
    return f"d_{desk}_q_{question_id}" if desk else f"q_{question_id}"


def _field(question: Question, role: str, label: str, lang: str, questionnaire: Questionnaire):
    if role == "rating":
        return RadioField(
            label,
            choices=[SelectChoice(v, str(v)) for v in RATING_VALUES],
            coerce=int,
            validators=[Optional()],
        )
    if role == "choice":
        choices = [SelectChoice(o.id, questionnaire.text(o.text, lang)) for o in question.options]
        return RadioField(label, choices=choices, validators=[Optional()])
    message = _l("Please keep it under %(max)s characters.", max=MAX_TEXT)
    return TextAreaField(label, validators=[Optional(), Length(max=MAX_TEXT, message=message)])


def visit_answers(questionnaire: Questionnaire, visit: dict | None) -> dict[str, str]:
    """Field name -> option id for what an armed visit already tells: the service the clerk chose.

    A choice question of the visit's desk that offers the visit's service is answered by the
    visit, so the client is not asked it again.
    """
    if not visit or not visit.get("service"):
        return {}
    return {
        field_name(visit["desk_id"], question.id): visit["service"]
        for question in questionnaire.desk_questions(visit["desk_id"], ("choice",))
        if visit["service"] in question.option_ids()
    }


def build_survey_form(
    questionnaire: Questionnaire,
    desks: list[str],
    lang: str,
    preset: dict[str, str] | None = None,
) -> type[FlaskForm]:
    """A FlaskForm class with one field per answer this visit can give.

    The class carries `slots` (step -> list of Slot) so views can show one step at a time and
    turn the answers into the API payload. Answers in `preset` (see visit_answers) become hidden
    fields in `preset_slots`: carried along and stored, never asked.
    """
    preset = preset or {}

    class SurveyForm(FlaskForm):
        response_id = HiddenField()
        started_at = HiddenField()
        visit_id = HiddenField()  # armed mode: the visit the desk staff armed
        step = HiddenField()

    slots: dict[str, list[Slot]] = {step: [] for step in STEPS}
    preset_slots: list[Slot] = []

    def add(step: str, desk: str | None, question: Question, role: str) -> None:
        name = field_name(desk, question.id) + ("_comment" if role == "comment" else "")
        if name in preset:
            setattr(SurveyForm, name, HiddenField(default=preset[name]))
            preset_slots.append(Slot(name, desk, question, role))
            return
        # A rating's comment box sits right under its question: repeating the question as its
        # label read like a second question on the tablet.
        if role == "comment":
            label = _l("Comment (optional)")
        else:
            label = questionnaire.text(question.text, lang)
        setattr(SurveyForm, name, _field(question, role, label, lang, questionnaire))
        slots[step].append(Slot(name, desk, question, role))

    for desk in desks:
        for question in questionnaire.desk_questions(desk):
            role = "rating" if question.kind == "rating" else question.kind
            add("ratings", desk, question, role)
            if question.comment:
                add("ratings", desk, question, "comment")
    for question in questionnaire.general_questions():
        add("open", None, question, question.kind)

    SurveyForm.slots = {step: found for step, found in slots.items() if found}
    SurveyForm.preset_slots = preset_slots
    return SurveyForm


def answer_slots(form: FlaskForm) -> list[Slot]:
    """Every slot whose answer goes into the payload: the asked ones, then the preset ones."""
    return [slot for slots in form.slots.values() for slot in slots] + form.preset_slots


def form_payload(form: FlaskForm, lang: str, desks: list[str]) -> dict:
    """The form's answers in the JSON shape of POST /api/v1/responses."""
    payload = {
        "id": form.response_id.data,
        "language": lang,
        "desks": desks,
        "ratings": [],
        "answers": [],
        "choices": [],
        "started_at": form.started_at.data or None,
    }
    if form.visit_id.data:
        # A tampered value is refused by validate(), which wants a JSON integer.
        visit = form.visit_id.data
        payload["visit_id"] = int(visit) if visit.isdigit() and len(visit) < 19 else visit
    for slot in answer_slots(form):
        data = form[slot.name].data
        if data in (None, ""):
            continue
        item = {"desk": slot.desk, "question": slot.question.id}
        if slot.role == "rating":
            payload["ratings"].append({**item, "value": data})
        elif slot.role == "choice":
            payload["choices"].append({**item, "value": data})
        else:
            payload["answers"].append({**item, "text": data})
    return payload


def script_fields(form: FlaskForm) -> dict[str, dict]:
    """Field name -> desk, question and role: lets the kiosk's script build the same payload."""
    return {
        slot.name: {"desk": slot.desk, "question": slot.question.id, "role": slot.role}
        for slot in answer_slots(form)
    }
