"""The lineage a framework file records: retired items and what replaces them."""

from __future__ import annotations

from pathlib import Path

import pytest

from competency_kit.documents.framework_io import check_framework, load_framework

from ..versions_example import NEW, write_versions


def codes(path: Path) -> list[tuple[str, str, int | None]]:
    return [(p.code, p.severity, p.line) for p in check_framework(path).problems]


def test_a_next_version_with_splits_merges_and_retirements_is_valid(tmp_path: Path) -> None:
    _, new, _ = write_versions(tmp_path)
    framework = load_framework(new)
    assert framework.retired_ids() == {"CP1.2-S1", "CP1.2-A1", "CP2.1-K1", "CP2.1-K2"}
    assert str(framework.competency("CP1.2").statements[1].retired) == "2026-01-31"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("old", "new", "code", "severity"),
    [
        (
            "{id: CP1.2-S3, dimension: skill, text: Spots warning signs at the front desk., replaces: [CP1.2-S1]}",
            "{id: CP1.2-S3, dimension: skill, text: Spots warning signs at the front desk., replaces: [CP1.2-S3]}",
            "framework.replaces-itself",
            "error",
        ),
        (
            "replaces: [CP1.2-S1]}\n          - {id: CP1.2-S4",
            "replaces: [CP9.9-S1]}\n          - {id: CP1.2-S4",
            "framework.replaces-unknown",
            "warning",
        ),
        (
            "replaces: [CP1.2-S1]}\n          - {id: CP1.2-S4",
            "replaces: [CP1.2-K1]}\n          - {id: CP1.2-S4",
            "framework.replaces-current",
            "error",
        ),
        (
            "replaces: [CP1.2-S1]}\n          - {id: CP1.2-S4",
            "replaces: [CP1.2]}\n          - {id: CP1.2-S4",
            "framework.replaces-other-kind",
            "error",
        ),
    ],
)
def test_each_bad_replaces_entry_is_placed_and_named(
    tmp_path: Path, old: str, new: str, code: str, severity: str
) -> None:
    assert old in NEW
    path = tmp_path / "framework.yaml"
    path.write_text(NEW.replace(old, new, 1), encoding="utf-8")
    found = codes(path)
    assert (code, severity, 34) in found, found  # the line of CP1.2-S3


def test_a_loop_of_replacements_is_refused(tmp_path: Path) -> None:
    text = NEW.replace(
        "text: Knows the national hotline., retired: 2026-01-31}",
        "text: Knows the national hotline., retired: 2026-01-31, replaces: [CP2.1-K2]}",
    ).replace(
        "text: Knows the internal focal point., retired: 2026-01-31}",
        "text: Knows the internal focal point., retired: 2026-01-31, replaces: [CP2.1-K1]}",
    )
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    problems = [p for p in check_framework(path).problems if p.code == "framework.replaces-loop"]
    assert len(problems) == 1
    assert "CP2.1-K1 → CP2.1-K2 → CP2.1-K1" in problems[0].message


def test_a_retired_date_must_be_a_date(tmp_path: Path) -> None:
    path = tmp_path / "framework.yaml"
    path.write_text(NEW.replace("retired: 2026-01-31}", "retired: soon}", 1), encoding="utf-8")
    problems = check_framework(path).errors
    assert [p.field for p in problems] == ["areas[0].competencies[1].statements[1].retired"]


def test_retired_items_need_no_completeness(tmp_path: Path) -> None:
    """CP1.2 loses its only attitude statement when A1 retires and A2 is taken away."""
    text = NEW.replace(
        "          - {id: CP1.2-A2, dimension: attitude, text: Puts the child's best interests first.}\n",
        "",
    )
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    missing = [
        p.message for p in check_framework(path).problems if p.code == "framework.missing-dimension"
    ]
    assert missing == ["competency CP1.2 has no attitude statement"]
