"""A document's fingerprint changes with everything that decides its bytes, and only with that."""

from __future__ import annotations

from datetime import UTC, datetime

from competency_kit.pdf import fingerprints
from competency_kit.pdf.fingerprints import (
    STAND_IN_MOMENT,
    document_fingerprint,
    fingerprint_moment,
    resources_digest,
)
from competency_kit.pdf.templating import TemplateSet


def test_the_html_and_the_resources_decide_the_fingerprint() -> None:
    one = document_fingerprint("<p>a</p>", "r1")
    assert one == document_fingerprint("<p>a</p>", "r1")
    assert one != document_fingerprint("<p>b</p>", "r1")
    assert one != document_fingerprint("<p>a</p>", "r2")


def test_a_new_finishing_step_or_its_pdf_library_changes_every_fingerprint(monkeypatch) -> None:
    before = document_fingerprint("<p>a</p>", "r1")
    monkeypatch.setattr(fingerprints, "FINISHER_VERSION", fingerprints.FINISHER_VERSION + "+1")
    finished_anew = document_fingerprint("<p>a</p>", "r1")
    assert finished_anew != before
    monkeypatch.setattr(fingerprints, "finisher_tool_version", lambda: "0.0.1")
    assert document_fingerprint("<p>a</p>", "r1") not in (before, finished_anew)


def test_resources_are_the_files_the_engine_reads(tmp_path) -> None:
    builtin = resources_digest(TemplateSet())
    own = tmp_path / "templates"
    own.mkdir()
    # Templates and catalogues reach a document through its HTML, which is fingerprinted.
    (own / "handout.html").write_text("{% extends 'default:handout.html' %}", encoding="utf-8")
    (own / "i18n").mkdir()
    (own / "i18n" / "en.yaml").write_text("a: b\n", encoding="utf-8")
    assert resources_digest(TemplateSet(own)) == builtin
    (own / "handout.css").write_text("h1 { color: red }", encoding="utf-8")
    styled = resources_digest(TemplateSet(own))
    assert styled != builtin
    (own / "logo.svg").write_text("<svg/>", encoding="utf-8")
    assert resources_digest(TemplateSet(own)) not in (builtin, styled)


def test_the_clock_alone_never_changes_a_fingerprint(monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert fingerprint_moment(None) == STAND_IN_MOMENT
    given = datetime(2024, 5, 1, 12, 0, 0, 500, tzinfo=UTC)
    assert fingerprint_moment(given) == given.replace(microsecond=0)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert fingerprint_moment(None) == datetime.fromtimestamp(1700000000, tz=UTC)
