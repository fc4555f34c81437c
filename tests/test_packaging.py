"""A built wheel carries its default questionnaire and, installed, never writes inside itself."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import survey

from .helpers import QUESTIONS, ROOT


def test_the_wheel_carries_the_default_questionnaire_and_the_translations(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("survey-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert archive.read("survey/questions.yaml") == QUESTIONS.read_bytes()
    assert "survey/translations/nl/LC_MESSAGES/messages.mo" in names
    assert not any(name.startswith(("tests/", "bench/", "instance/")) for name in names)


def test_installed_the_app_uses_the_packaged_questionnaire_and_an_instance_outside_it(
    tmp_path, monkeypatch
):
    # As in site-packages: the package's parent folder holds no pyproject.toml.
    monkeypatch.setattr(survey, "PROJECT_ROOT", tmp_path)
    monkeypatch.delenv("SURVEY_INSTANCE_PATH", raising=False)
    assert survey.default_questions_file() == str(survey.PACKAGE / "questions.yaml")
    folder = Path(survey.instance_path())
    assert folder == Path(sys.prefix) / "var" / "survey-instance"
    assert survey.PACKAGE not in folder.parents


def test_in_a_source_checkout_the_project_files_are_used(monkeypatch):
    monkeypatch.delenv("SURVEY_INSTANCE_PATH", raising=False)
    assert survey.default_questions_file() == str(QUESTIONS)
    assert survey.instance_path() == str(ROOT / "instance")
    monkeypatch.setenv("SURVEY_INSTANCE_PATH", "somewhere")
    assert survey.instance_path() == os.path.abspath("somewhere")
