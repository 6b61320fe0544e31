"""Framework tasks: an import writes only a framework that reads back."""

from __future__ import annotations

from pathlib import Path

import pytest

from competency_kit.app import frameworks
from competency_kit.app.frameworks import FrameworkImportRequest, import_framework_file
from competency_kit.core.errors import InputError
from competency_kit.documents.framework_io import load_framework

FIXTURE = Path(__file__).parents[1] / "interop" / "fixtures" / "lookalike_case_ja_rubrics.json"


def test_a_control_character_in_the_source_does_not_reach_the_file(tmp_path: Path) -> None:
    out = tmp_path / "fw.yaml"
    result = import_framework_file(FrameworkImportRequest(FIXTURE, out))
    assert load_framework(out) == result.framework
    assert "\u0098" not in out.read_text(encoding="utf-8")


def test_output_that_would_not_read_back_is_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(frameworks, "framework_yaml", lambda fw: "id: x\ntitle: [\n")
    out = tmp_path / "fw.yaml"
    with pytest.raises(InputError) as caught:
        import_framework_file(FrameworkImportRequest(FIXTURE, out))
    (problem,) = caught.value.problems
    assert problem.code == "import.unreadable-output"
    assert problem.message.startswith("the imported framework would not read back: ")
    assert not out.exists()
