"""A small curriculum over the bundled framework, and the guide rendered once per session."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from competency_kit.models.curriculum import Curriculum

from .pdf_structure import PdfStructure, read_structure

EVIL_TITLE = "<script>alert('x')</script> & <b>Bold</b>"
SOURCE_DATE_EPOCH = "1700000000"  # 2023-11-14T22:13:20Z


def small_curriculum() -> Curriculum:
    return Curriculum.model_validate(
        {
            "programme": {
                "id": "DIP",
                "title": "Diploma in Hospitality",
                "institution": "Test School",
            },
            "courses": [
                {
                    "id": "HOS101",
                    "title": "Front Office Operations",
                    "modules": [
                        {
                            "id": "HOS101-M1",
                            "title": "Guest arrival and check-in",
                            "hours": 6,
                            "learning_outcomes": ["Welcome guests and check their identity"],
                            "assessment": ["Observed role-play"],
                            "key_messages": ["A child's safety comes before a sale."],
                            "activity": "Role-play a check-in where an adult arrives with an unrelated child.",
                            "discussion_questions": ["What would make you ask a second question?"],
                            "maps": [
                                {"to": "CP1.1-K1", "depth": "I"},
                                {
                                    "to": "CP1.1",
                                    "depth": "R",
                                    "assessed": True,
                                    "evidence": "Role-play, observed",
                                },
                            ],
                        },
                        {
                            "id": "HOS101-M2",
                            "title": EVIL_TITLE,
                            "hours": 4,
                            "maps": [{"to": "CP2.1", "depth": "I"}],
                        },
                    ],
                },
                {
                    "id": "HOS102",
                    "title": "Housekeeping",
                    "modules": [
                        {
                            "id": "HOS102-M1",
                            "title": "Room checks and signs of risk",
                            "hours": 5,
                            "maps": [{"to": "CP3.1", "depth": "M", "assessed": True}],
                        },
                        {"id": "HOS102-M2", "title": "Reporting a concern", "hours": 3, "maps": []},
                    ],
                },
            ],
        }
    )


@pytest.fixture(scope="session")
def curriculum() -> Curriculum:
    return small_curriculum()


@pytest.fixture(scope="session")
def report(framework, curriculum):
    from competency_kit.analysis import analyse

    return analyse(framework, curriculum)


class LogRecorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class RenderedGuide:
    path: Path
    weasyprint_logs: list[logging.LogRecord]
    _text: list[str] = field(default_factory=list)

    @property
    def reader(self):
        from pypdf import PdfReader

        return PdfReader(self.path)

    def pages_text(self) -> list[str]:
        """Extracted once: text extraction is the slow part of these tests."""
        if not self._text:
            self._text.extend(page.extract_text() for page in self.reader.pages)
        return self._text


@pytest.fixture(scope="session")
def rendered_guide(framework, curriculum, report, tmp_path_factory) -> RenderedGuide:
    """The guide, rendered once with SOURCE_DATE_EPOCH set and WeasyPrint's log recorded."""
    from competency_kit.pdf.guide import write_guide

    path = tmp_path_factory.mktemp("guide") / "guide.pdf"
    recorder = LogRecorder()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(recorder)
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    try:
        write_guide(framework, curriculum, report, path)
    finally:
        logger.removeHandler(recorder)
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    return RenderedGuide(path, recorder.records)


EXAMPLE_LANGUAGES = ("en", "fr", "es", "pt")


@dataclass
class ExampleDocuments:
    """The example diploma's guide and the demo's handouts (with the example profile), in one
    language; each is rendered the first time a test asks for it."""

    lang: str
    _render_guide: Callable[[], Path]
    _render_handouts: Callable[[], list[Path]]
    _made: dict[str, Any] = field(default_factory=dict)
    _structures: dict[Path, PdfStructure] = field(default_factory=dict)

    @property
    def guide(self) -> Path:
        if "guide" not in self._made:
            self._made["guide"] = self._render_guide()
        return self._made["guide"]

    @property
    def handouts(self) -> list[Path]:
        if "handouts" not in self._made:
            self._made["handouts"] = self._render_handouts()
        return self._made["handouts"]

    @property
    def documents(self) -> list[Path]:
        return [self.guide, *self.handouts]

    def structure(self, path: Path) -> PdfStructure:
        """The tagged structure of one of the documents, read once."""
        if path not in self._structures:
            self._structures[path] = read_structure(path)
        return self._structures[path]


@pytest.fixture(scope="session")
def example_documents(framework, tmp_path_factory) -> Callable[[str], ExampleDocuments]:
    """``example_documents(lang)``: the example's guide and handouts in ``lang``, kept for the
    session."""
    from competency_kit.app.inputs import load_curriculum
    from competency_kit.core.resources import examples_dir
    from competency_kit.documents.profile_io import load_profile
    from competency_kit.pdf.guide import write_guide
    from competency_kit.pdf.handouts import write_handouts

    diploma = load_curriculum(examples_dir() / "hospitality-diploma.yaml", framework)
    profile = load_profile(examples_dir() / "profile.yaml")
    made: dict[str, ExampleDocuments] = {}

    def render(lang: str) -> ExampleDocuments:
        if lang not in made:
            out = tmp_path_factory.mktemp(f"example-{lang}")

            def guide() -> Path:
                return write_guide(
                    framework, diploma, None, out / "guide.pdf", lang, profile=profile
                ).path

            def handouts() -> list[Path]:
                batch = write_handouts(
                    framework, diploma, out / "handouts", lang=lang, profile=profile
                )
                assert batch.failed == []
                return batch.written

            made[lang] = ExampleDocuments(lang, guide, handouts)
        return made[lang]

    return render
