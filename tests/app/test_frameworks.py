"""Framework tasks as library calls: validate, export, import (an import writes only a framework
that reads back), the programme's map as CASE."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from competency_kit.app import frameworks
from competency_kit.app.frameworks import (
    ExportRequest,
    FrameworkImportRequest,
    MappingExportRequest,
    export_framework_file,
    export_mapping,
    import_framework_file,
    validate_framework,
)
from competency_kit.core.errors import InputError
from competency_kit.core.resources import examples_dir
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


def test_the_bundled_framework_validates_strictly_without_problems() -> None:
    check = validate_framework(strict=True)
    assert check.framework is not None and check.problems == []


def test_export_then_import_gives_back_the_statements(tmp_path: Path, framework) -> None:
    export_framework_file(ExportRequest(tmp_path / "case.json", "case"))
    result = import_framework_file(
        FrameworkImportRequest(tmp_path / "case.json", tmp_path / "back.yaml")
    )
    back = load_framework(tmp_path / "back.yaml")
    assert result.framework == back
    assert back.statement_ids() == framework.statement_ids()


def test_the_mapping_export_counts_its_links_to_the_framework(tmp_path: Path) -> None:
    curriculum = examples_dir() / "tour-guide-certificate.yaml"
    result = export_mapping(MappingExportRequest(curriculum, tmp_path / "map.json"))
    package = json.loads((tmp_path / "map.json").read_text(encoding="utf-8"))
    related = [a for a in package["CFAssociations"] if a["associationType"] == "isRelatedTo"]
    mappings = sum(len(m.maps) for _, m in result.curriculum.modules())
    assert result.links == len(related) == mappings
