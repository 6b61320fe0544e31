"""The handouts a document job hands over."""

from __future__ import annotations

import types
import zipfile
from pathlib import Path

import pytest

from competency_kit.core.manifest import MANIFEST_NAME
from competency_kit.web.jobs import zip_folder

SMALL = Path(__file__).resolve().parents[1] / "data" / "small"


def test_the_handouts_zip_holds_the_documents_and_not_the_manifest(tmp_path: Path) -> None:
    folder = tmp_path / "handouts"
    folder.mkdir()
    (folder / "HOS101-M1.pdf").write_bytes(b"%PDF-1.7")
    (folder / MANIFEST_NAME).write_text("{}", encoding="utf-8")
    target = zip_folder(folder, tmp_path / "handouts.zip")
    assert zipfile.ZipFile(target).namelist() == ["HOS101-M1.pdf"]
    assert not folder.exists()


class Messages(list):  # type: ignore[type-arg]
    """What a worker sends its job, kept in order."""

    def put(self, message: object) -> None:
        self.append(message)


def test_a_job_hands_over_the_warnings_of_characters_no_font_draws(tmp_path: Path) -> None:
    from competency_kit.app.documents import DocumentOptions, HandoutsRequest
    from competency_kit.pdf import fontconfig
    from competency_kit.web.jobs import run_job

    if fontconfig.font_for("接") is not None:
        pytest.skip("a CJK font is installed on this machine")
    source = (SMALL / "curriculum.yaml").read_text(encoding="utf-8")
    curriculum = tmp_path / "curriculum.yaml"
    curriculum.write_text(source.replace("Welcoming guests", "接待客人"), encoding="utf-8")
    options = DocumentOptions(framework=SMALL / "framework.yaml")
    messages = Messages()
    run_job("handouts", HandoutsRequest(curriculum, tmp_path / "out", options, jobs=1), messages)
    kind, problems, notes = messages[-1]
    assert (kind, problems) == ("done", [])
    assert [(n.code, n.field) for n in notes] == [("text.no-font", "title")]
    assert "module FO101-M1 (接待客人)" in notes[0].message


def test_a_finished_job_keeps_its_warnings_apart_from_its_failures(tmp_path: Path) -> None:
    from competency_kit.core.errors import Problem
    from competency_kit.web.jobs import Job, Jobs

    note = Problem(file="c.yaml", message="m", severity="warning", code="text.no-font")
    job = Job("j", "s", "guide", tmp_path, types.SimpleNamespace(output=tmp_path / "g.pdf"))
    Jobs(1)._follow(job, None, FinishedQueue([("done", [], [note])]))
    assert (job.state, job.problems, job.notes) == ("done", [], [note])


class FinishedQueue:
    def __init__(self, messages: list[object]) -> None:
        self.messages = messages

    def get(self, timeout: float) -> object:
        return self.messages.pop(0)
