import copy

import pytest
import yaml

from survey import questionnaire
from survey.questionnaire import QuestionnaireError

from .helpers import QUESTIONS


@pytest.fixture
def raw():
    return yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))


def test_shipped_questionnaire_has_the_pilot_ids():
    loaded = questionnaire.load(QUESTIONS)
    assert [d.id for d in loaded.desks] == ["expat_centre", "gemeenteloket", "ind"]
    ids = {q.id for q in loaded.questions}
    assert {
        "clarity_written_info",
        "front_desk_staff",
        "info_living_working",
        "permit_processing",
        "most_satisfied",
        "better",
    } <= ids
    assert loaded.question("front_desk_staff").text["en"] == "Front desk staff"
    assert loaded.question("permit_processing").desks == ("ind",)
    assert loaded.question("permit_processing").comment is True
    assert loaded.question("better").kind == "text" and not loaded.question("better").desks
    assert set(loaded.question("service").option_ids()) >= {
        "biometrics",
        "residence_permit",
        "return_visa",
    }


def mutate(raw, change):
    broken = copy.deepcopy(raw)
    change(broken)
    return broken


@pytest.mark.parametrize(
    "change, message",
    [
        (
            lambda d: d["questions"][3].update(desks=["gemeente"]),
            "questions.yaml: questions[3].desks: unknown desk 'gemeente'",
        ),
        (
            lambda d: d["questions"][1].update(id="clarity_written_info"),
            "questions.yaml: questions[1].id: duplicate question id 'clarity_written_info'",
        ),
        (
            lambda d: d["questions"][0].update(kind="slider"),
            "questions.yaml: questions[0].kind: unknown kind 'slider'",
        ),
        (
            lambda d: d["questions"][0]["text"].pop("nl"),
            "questions.yaml: questions[0].text: missing text for language 'nl'",
        ),
        (
            lambda d: d["desks"][1]["name"].pop("en"),
            "questions.yaml: desks[1].name: missing text for language 'en'",
        ),
        (
            lambda d: d["questions"][4].update(options=[]),
            "questions.yaml: questions[4].options: a choice question needs at least two options",
        ),
        (
            lambda d: d["questions"][5].update(comment="yes"),
            "questions.yaml: questions[5].comment: must be true or false",
        ),
        (lambda d: d.pop("desks"), "questions.yaml: desks: must be a non-empty list"),
        (
            lambda d: d["questions"][0].update(scale="stars"),
            "questions.yaml: questions[0].scale: unknown scale 'stars'",
        ),
        (
            lambda d: d["questions"][5].update(scale="satisfaction"),
            "questions.yaml: questions[5].scale: only rating questions have a scale",
        ),
        (
            lambda d: d["questions"][0].update(faces="yes"),
            "questions.yaml: questions[0].faces: must be true or false",
        ),
        (
            lambda d: d["questions"][0].update(colour="red"),
            "questions.yaml: questions[0].colour: unknown key",
        ),
    ],
)
def test_invalid_files_name_the_place_of_the_problem(raw, change, message):
    with pytest.raises(QuestionnaireError) as caught:
        questionnaire.parse(mutate(raw, change))
    assert any(line.startswith(message) for line in caught.value.problems), caught.value.problems


def test_a_rating_question_names_its_scale_and_may_show_faces():
    loaded = questionnaire.load(QUESTIONS)
    assert loaded.question("front_desk_staff").scale == "quality"
    assert loaded.question("front_desk_staff").faces is False
    assert loaded.question("permit_processing").scale == "satisfaction"
    assert loaded.question("permit_processing").faces is True


def test_every_problem_is_reported_at_once(raw):
    def break_twice(d):
        d["questions"][0]["desks"] = ["nowhere"]
        d["questions"][5]["kind"] = "essay"

    with pytest.raises(QuestionnaireError) as caught:
        questionnaire.parse(mutate(raw, break_twice))
    assert len(caught.value.problems) == 2


def test_invalid_yaml_syntax_is_a_clear_error(tmp_path):
    bad = tmp_path / "questions.yaml"
    bad.write_text("desks: [unclosed\n", encoding="utf-8")
    with pytest.raises(QuestionnaireError, match="questions.yaml: not valid YAML"):
        questionnaire.load(bad)


def test_the_app_does_not_start_on_an_invalid_file(make_app, tmp_path, raw):
    bad = tmp_path / "bad.yaml"
    raw["questions"][0]["desks"] = ["gemeente"]
    bad.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(QuestionnaireError, match="unknown desk 'gemeente'"):
        make_app(QUESTIONS_FILE=str(bad))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["questions"][5].update(role="nice"), "questions[5].role: unknown role 'nice'"),
        (lambda d: d["questions"][0].update(role="praise"), "only text questions have a role"),
        (
            lambda d: d["questions"][2].update(topic="food"),
            "questions[2].topic: unknown topic 'food'",
        ),
    ],
)
def test_roles_and_topics_are_checked(raw, change, message):
    with pytest.raises(QuestionnaireError) as caught:
        questionnaire.parse(mutate(raw, change))
    assert message in str(caught.value)


def test_question_roles_and_topics_come_from_the_file():
    survey = questionnaire.load(QUESTIONS)
    assert survey.role("better") == "improvement" and survey.role("most_satisfied") == "praise"
    assert survey.questions_with_role("improvement") == ["better"]
    assert survey.question("permit_processing").topic == "processing"
