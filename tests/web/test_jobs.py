"""The documents a job hands over: the handouts in one zip, and documents the session was\ngiven before handed over again unrendered."""

from __future__ import annotations

import io
import time
import types
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from competency_kit.core.errors import Problem
from competency_kit.core.manifest import MANIFEST_NAME
from competency_kit.pdf.templating import TemplateSet
from competency_kit.web.config import ServerConfig
from competency_kit.web.jobs import Job, Jobs, zip_folder

from .conftest import client_for

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
    note = Problem(file="c.yaml", message="m", severity="warning", code="text.no-font")
    job = Job("j", "s", "guide", tmp_path, types.SimpleNamespace(output=tmp_path / "g.pdf"))
    Jobs(1)._follow(job, None, FinishedQueue([("done", [], [note])]))
    assert (job.state, job.problems, job.notes) == ("done", [], [note])


class FinishedQueue:
    def __init__(self, messages: list[object]) -> None:
        self.messages = messages

    def get(self, timeout: float) -> object:
        return self.messages.pop(0)


def test_documents_handed_over_again_bring_their_warnings(tmp_path: Path) -> None:
    note = Problem(file="c.yaml", message="m", severity="warning", code="text.no-font")
    guide = tmp_path / "g.pdf"
    guide.write_bytes(b"%PDF-1.7 a guide")
    jobs = Jobs(1)
    made = Job("a", "s", "guide", tmp_path, types.SimpleNamespace(output=guide))
    made.fingerprint, made.notes = "guide:f", [note]
    jobs._remember(made, guide)
    again = Job("b", "s", "guide", tmp_path, types.SimpleNamespace(output=guide))
    again.fingerprint = "guide:f"
    assert jobs._reuse(again)
    assert (again.state, again.reused, again.result, again.notes) == ("done", True, guide, [note])


REUSED = TemplateSet.shared().catalogue("en")("web.job_reused")


@pytest.fixture
def small_client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """A web app on the small framework, its session given the small curriculum; the kinds of
    the jobs it renders are counted in ``client.renders``."""
    renders: list[str] = []
    render = Jobs._run

    def counted(jobs: Jobs, job: Job) -> None:
        renders.append(f"{job.kind}-{job.request.options.lang}")
        render(jobs, job)

    monkeypatch.setattr(Jobs, "_run", counted)
    config = ServerConfig(root=tmp_path / "web", framework=SMALL / "framework.yaml")
    with client_for(config) as client:
        curriculum = (SMALL / "curriculum.yaml").read_bytes()
        assert client.post("/map/check", files={"curriculum": ("c.yaml", curriculum)}).is_success
        client.renders = renders  # type: ignore[attr-defined]
        yield client


def finished(client: TestClient, form: dict[str, str]) -> tuple[dict[str, object], str]:
    """Ask for documents and wait for them: the job's status and its page's text."""
    started = client.post("/documents", data=form, follow_redirects=False)
    job = started.headers["location"].rsplit("/", 1)[1]
    for _ in range(1200):
        status = client.get(f"/api/jobs/{job}").json()
        if status["finished"]:
            break
        time.sleep(0.1)
    assert status["state"] == "done", status
    return status, client.get(f"/documents/jobs/{job}").text


def download(client: TestClient, status: dict[str, object]) -> bytes:
    return client.get(f"/documents/jobs/{status['id']}/download").content


def test_the_same_guide_asked_again_is_handed_over_unrendered(small_client: TestClient) -> None:
    first, first_page = finished(small_client, {"kind": "guide", "doc_lang": "en"})
    again, again_page = finished(small_client, {"kind": "guide", "doc_lang": "en"})
    assert small_client.renders == ["guide-en"]  # type: ignore[attr-defined]
    assert (first["reused"], again["reused"]) == (False, True)
    assert REUSED not in first_page and REUSED in again_page
    guide = download(small_client, first)
    assert guide.startswith(b"%PDF") and download(small_client, again) == guide


def test_another_language_or_profile_is_rendered(small_client: TestClient) -> None:
    finished(small_client, {"kind": "guide", "doc_lang": "en"})
    french, _ = finished(small_client, {"kind": "guide", "doc_lang": "fr"})
    profiled, _ = finished(
        small_client, {"kind": "guide", "doc_lang": "en", "police.name": "Police (example)"}
    )
    assert small_client.renders == ["guide-en", "guide-fr", "guide-en"]  # type: ignore[attr-defined]
    assert (french["reused"], profiled["reused"]) == (False, False)
    assert download(small_client, french) != download(small_client, profiled)


def test_a_guide_changed_since_it_was_made_is_made_again(small_client: TestClient) -> None:
    first, _ = finished(small_client, {"kind": "guide", "doc_lang": "en"})
    web = small_client.app.state.web  # type: ignore[attr-defined]
    result = web.jobs.get(first["id"], web.sessions.get(small_client.cookies["ck_session"]).id)
    result.result.write_bytes(b"%PDF-1.7 not the guide")
    again, _ = finished(small_client, {"kind": "guide", "doc_lang": "en"})
    assert small_client.renders == ["guide-en", "guide-en"]  # type: ignore[attr-defined]
    assert again["reused"] is False and download(small_client, again).startswith(b"%PDF-1.")
    assert b"not the guide" not in download(small_client, again)


def test_the_same_handouts_asked_again_are_the_same_zip(small_client: TestClient) -> None:
    first, _ = finished(small_client, {"kind": "handouts", "doc_lang": "es"})
    again, _ = finished(small_client, {"kind": "handouts", "doc_lang": "es"})
    assert small_client.renders == ["handouts-es"]  # type: ignore[attr-defined]
    assert again["reused"] is True
    handouts = download(small_client, first)
    names = zipfile.ZipFile(io.BytesIO(handouts)).namelist()
    assert sorted(names) == ["FO101-M1.pdf", "FO101-M2.pdf"]
    assert download(small_client, again) == handouts
