"""``make_guide`` and ``make_handouts``: the trainer's documents through the app layer."""

from __future__ import annotations

import re
import subprocess
import sys
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


def test_documents_over_a_yaml_curriculum_do_not_load_the_workbook_library() -> None:
    # openpyxl costs 0.1 s of every re-run; only a workbook to read or check needs it.
    code = (
        "import sys\n"
        "from competency_kit.app.documents import make_handouts, make_guide\n"
        "from competency_kit.app.inputs import load_curriculum\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'openpyxl'))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
