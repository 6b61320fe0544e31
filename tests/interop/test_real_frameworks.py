"""Frameworks published by others (and look-alikes of what could not be kept) import
faithfully: after an import, the framework validates, shows, exports to every format and comes
back the same; whatever is not carried over is in the report. See fixtures/SOURCES.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from competency_kit.app.frameworks import FrameworkImportRequest, import_framework_file
from competency_kit.core.errors import InputError
from competency_kit.documents.framework_io import check_framework, framework_json, load_framework
from competency_kit.interop import ExportFormat, export_framework, import_framework

FIXTURES = Path(__file__).parent / "fixtures"

# file: (options, areas, competencies, statements, levels)
CASES: dict[str, tuple[dict[str, Any], int, int, int, int]] = {
    "opensalt_ItemTypeTestFramework.json": ({}, 1, 0, 0, 0),
    "opensalt_MarkdownFramework.json": ({}, 2, 0, 0, 0),
    "opensalt_Ordering.json": ({"default_dimension": "knowledge"}, 1, 1, 26, 0),
    "opensalt_SequenceNumberFramework.json": ({}, 2, 0, 0, 0),
    "opensalt_SmartLevelFramework.json": ({}, 2, 12, 0, 0),
    "opensalt_Utf8TestFramework.json": ({}, 1, 0, 0, 0),
    "opensalt_sample_framework_20c5134f.json": (
        {"dimension_map": ("Component=skill",)},
        2,
        6,
        8,
        0,
    ),
    "lookalike_case_ja_rubrics.json": ({}, 1, 2, 5, 3),
    "lookalike_moodle_fr.csv": ({"language": "fr"}, 2, 2, 4, 3),
    "lookalike_moodle_de.csv": (
        {"dimension_map": ("concept=knowledge",), "language": "de"},
        1,
        1,
        2,
        2,
    ),
}


def imported(tmp_path: Path, name: str, source: Path | None = None, **options: Any) -> Path:
    out = tmp_path / f"{name}.yaml"
    import_framework_file(FrameworkImportRequest(source or FIXTURES / name, out, **options))
    return out


def spaces(value: Any) -> Any:
    """Moodle descriptions are HTML, where runs of spaces are one space."""
    if isinstance(value, str):
        return "\n".join(" ".join(line.split()) for line in value.split("\n"))
    if isinstance(value, dict):
        return {k: spaces(v) for k, v in value.items()}
    if isinstance(value, list):
        return [spaces(v) for v in value]
    return value


@pytest.mark.parametrize("name", sorted(CASES))
def test_import_then_validate_show_export_and_import_again(name: str, tmp_path: Path) -> None:
    options, areas, competencies, statements, levels = CASES[name]
    path = imported(tmp_path, name, **options)
    check = check_framework(path)
    assert check.errors == []
    framework = load_framework(path)
    shown = framework_json(framework)
    assert (
        len(shown["areas"]),
        sum(len(a.get("competencies", [])) for a in shown["areas"]),
        len(framework.statement_ids()),
        len(shown.get("levels", [])),
    ) == (areas, competencies, statements, levels)
    formats: list[tuple[ExportFormat, str]] = [
        ("case", "json"),
        ("case-1.0", "json"),
        ("moodle", "csv"),
    ]
    for export_format, suffix in formats:
        exported = tmp_path / f"out.{export_format}.{suffix}"
        export_framework(framework, exported, export_format)
        back = framework_json(import_framework(exported).framework)
        expected = dict(shown)
        if export_format == "case-1.0":  # 1.0 has no place for the framework id
            back.pop("id"), expected.pop("id")
        if export_format == "moodle":
            back, expected = spaces(back), spaces(expected)
        assert back == expected, export_format


def test_every_fixture_is_listed_in_sources() -> None:
    sources = (FIXTURES / "SOURCES.md").read_text(encoding="utf-8")
    kept = sorted(p.name for p in FIXTURES.iterdir() if p.suffix in (".json", ".csv"))
    assert kept == sorted(CASES)
    assert all(f"`{name}`" in sources for name in kept)


def test_untyped_fixtures_stop_with_the_types_named(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        imported(tmp_path, "opensalt_Ordering.json")
    assert caught.value.problems[0].message == (
        "26 statements have no knowledge, skill or attitude type; the types in the file: "
        "no type (26)"
    )
    assert not (tmp_path / "opensalt_Ordering.json.yaml").exists()


def test_japanese_case_package_keeps_its_language_types_rubrics_and_text(tmp_path: Path) -> None:
    path = imported(tmp_path, "lookalike_case_ja_rubrics.json")
    text = path.read_text(encoding="utf-8")
    assert "languages:\n  - ja\n" in text and "\u0098" not in text
    assert "title: 観光における子どもの保護 能力基準\n" in text  # plain: the reference language
    fw = load_framework(path)
    assert fw.reference_language == "ja"
    assert fw.id == "5c0a1e2b-7d3f-4a6b-9c8d-0e1f2a3b4c5d"  # the document's own identifier
    assert [(lv.id, lv.title) for lv in fw.levels] == [
        ("level-1", {"ja": "初級"}),
        ("level-2", {"ja": "中級"}),
        ("level-3", {"ja": "上級"}),
    ]
    rights = fw.competency("1.1")
    assert rights is not None and rights.description is not None
    assert rights.description["ja"] == (
        "Rubric 到達度ルーブリック — 達成度:\n- 初級: 権利を知っている\n- 中級: 権利を説明できる\n"
        "- 上級: 権利を他者に教えられる"
    )
    knows, does, cares = rights.statements
    assert [knows.dimension, does.dimension, cares.dimension] == ["knowledge", "skill", "attitude"]
    assert knows.note == "国連総会 1989 年採択（注記）"
    assert does.text == {"ja": "懸念を¹安全に報告する手順を実行できる"}
    assert does.note == "手順図: [image: 報告の流れ (http://case.example.jp/img/flow.png)]"
    co2 = fw.competency("1.2")
    assert co2 is not None and co2.title == {"ja": "CO₂ と観光の責任"}
    package = json.loads(_export(fw, tmp_path, "case"))
    assert package["CFDocument"]["language"] == "ja"
    assert {item["language"] for item in package["CFItems"]} == {"ja"}


def test_japanese_report_lists_what_was_not_carried_over() -> None:
    report = import_framework(FIXTURES / "lookalike_case_ja_rubrics.json").report
    kinds = [line.split(" — ")[0] for line in report.not_mapped]
    assert kinds == [
        "1 isRelatedTo association (only isChildOf and hasSkillLevel are part of the "
        "framework model)",
        "rubric scores and weights",
        "CFDocument field adoptionStatus",
        "CFItem field abbreviatedStatement",
        "CFItem field educationLevel",
        "CASE identifiers and URIs (an export gives the items new ones)",
    ]
    assert "removed the invisible control character U+0098 — 1: item " in "\n".join(report.adjusted)


def test_french_moodle_file_keeps_accents_in_ids_and_its_header_is_moodle_s(tmp_path: Path) -> None:
    result = import_framework(FIXTURES / "lookalike_moodle_fr.csv", language="fr")
    fw = result.framework
    assert [lv.id for lv in fw.levels] == ["debutant", "intermediaire", "competent"]
    assert [a.id for a in fw.areas] == ["D1", "Securite-2"]
    assert fw.reference_language == "fr" and fw.title == {
        "fr": "Protection de l'enfance dans le tourisme"
    }
    assert fw.description == {"fr": "Référentiel régional.\n\nRévisé en 2024 🌍"}
    assert not any("header" in line for line in result.report.adjusted)
    # the taxonomy names depth 3 and 4 "skill"; a K: prefix wins
    statements = {s.id: s for _, _, s in fw.statements()}
    assert statements["D1.1.a"].dimension == "skill"
    assert statements["S2.1.a"].dimension == "knowledge"
    assert statements["D1.1.b"].note == "appeler\n\nnoter"
    assert statements["D1.1.a.i"].note == "Niveau profond\n\nPath in the source framework: D1.1.a"
    competency = fw.competency("D1.1")
    assert competency is not None and competency.description == {
        "fr": "Première ligne\nseconde ligne\n\nParagraphe"
    }


def test_german_moodle_file_with_semicolons_needs_its_types_mapped() -> None:
    with pytest.raises(InputError) as caught:
        import_framework(FIXTURES / "lookalike_moodle_de.csv")
    assert caught.value.problems[0].message.endswith("the types in the file: 'concept' (2)")


def test_moodle_fixture_of_moodle_itself(interop_dir: Path, tmp_path: Path) -> None:
    source = interop_dir / "moodle_lpimportcsv_example.csv"
    path = imported(tmp_path, "oecd", source, default_dimension="knowledge")
    framework = load_framework(path)
    assert len(framework.statement_ids()) == 54
    back = import_framework(_csv(framework, tmp_path))
    assert spaces(framework_json(back.framework)) == spaces(framework_json(framework))


def _csv(framework: Any, tmp_path: Path) -> Path:
    out = tmp_path / "back.csv"
    export_framework(framework, out, "moodle")
    return out


def _export(framework: Any, tmp_path: Path, export_format: ExportFormat) -> str:
    out = tmp_path / f"export.{export_format}"
    export_framework(framework, out, export_format)
    return out.read_text(encoding="utf-8")
