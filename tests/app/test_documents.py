"""``make_guide`` and ``make_handouts``: the trainer's documents through the app layer."""

from __future__ import annotations

import re
from pathlib import Path

from competency_kit.app.documents import DocumentOptions, GuideRequest, make_guide
from competency_kit.core.resources import examples_dir


def test_the_guide_reports_its_stages_and_pages(tmp_path: Path) -> None:
    stages: list[str] = []
    options = DocumentOptions(lang="PT", profile=examples_dir() / "profile.yaml")
    request = GuideRequest(examples_dir() / "hospitality-diploma.yaml", tmp_path / "g.pdf", options)
    result = make_guide(request, progress=stages.append)
    assert stages[:4] == [
        "reading the curriculum",
        "analysing coverage",
        "writing the sections",
        "laying out the pages",
    ]
    assert len(stages) == 5 and re.fullmatch(r"writing [0-9]{2,3} pages", stages[4])
    assert result.notes == []  # a profile was given, and the example is complete
    assert (tmp_path / "g.pdf").read_bytes().startswith(b"%PDF-")
