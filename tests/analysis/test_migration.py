"""``migrate_curriculum``: every mapping re-pointed along the lineage, counted per module."""

from __future__ import annotations

from pathlib import Path

from competency_kit.analysis.migration import migrate_curriculum, split_choices
from competency_kit.documents.curriculum_io import load_curriculum_document
from competency_kit.documents.framework_io import load_framework
from competency_kit.models.curriculum import Curriculum
from competency_kit.models.framework import Framework

from ..versions_example import write_versions


def inputs(tmp_path: Path) -> tuple[Curriculum, Framework]:
    old, new, curriculum = write_versions(tmp_path)
    return load_curriculum_document(curriculum, load_framework(old)), load_framework(new)


def maps(curriculum: Curriculum, module: str) -> list[tuple[str, str, bool, str | None]]:
    found = curriculum.module(module)
    assert found is not None
    return [(m.to, m.depth, m.assessed, m.evidence) for m in found.maps]


def test_each_kind_of_change_by_default(tmp_path: Path) -> None:
    curriculum, new = inputs(tmp_path)
    migrated, report = migrate_curriculum(curriculum, new, "1.0.0")
    assert maps(migrated, "M1") == [
        ("CP1.1-K1", "I", False, None),  # reworded: same id
        ("CP1.2-S3", "R", True, "Role-play"),  # split: every successor, same depth
        ("CP1.2-S4", "R", True, "Role-play"),
    ]  # CP1.2-A1 retired with no successor: removed
    assert maps(migrated, "M2") == [
        ("CP2.1-K3", "R", True, "Quiz"),  # merged: highest depth, assessed, evidence kept
        ("CP1.2-S2", "R", False, None),  # moved: same id
        ("CP2.1", "I", False, None),
    ]
    assert [(m.old, m.outcome) for m in report.moves] == [
        ("CP1.2-S1", "split"),
        ("CP1.2-A1", "removed"),
        ("CP2.1-K1", "re-pointed"),
        ("CP2.1-K2", "merged"),
    ]
    assert report.missing == ["CP1.2-A1"]


def test_counts_in_the_terms_of_moodles_migration_tool(tmp_path: Path) -> None:
    curriculum, new = inputs(tmp_path)
    _, report = migrate_curriculum(curriculum, new, "1.0.0")
    assert (report.expected, report.migrated, report.removed, report.unchanged, report.to_review) == (
        7, 6, 1, 3, 1,
    )  # fmt: skip
    assert [(m.module, m.expected, m.migrated, m.removed, m.to_review) for m in report.modules] == [
        ("M1", 3, 2, 1, 1),
        ("M2", 4, 4, 0, 0),
    ]
    assert (report.from_version, report.to_version) == ("1.0.0", "2.0.0")


def test_a_persons_split_decision_replaces_the_default(tmp_path: Path) -> None:
    curriculum, new = inputs(tmp_path)
    assert [(c, m, mapping.to, s) for c, m, mapping, s in split_choices(curriculum, new)] == [
        ("C1", "M1", "CP1.2-S1", ("CP1.2-S3", "CP1.2-S4"))
    ]
    migrated, report = migrate_curriculum(
        curriculum, new, "1.0.0", {("M1", "CP1.2-S1"): [("CP1.2-S4", "M")]}
    )
    assert maps(migrated, "M1")[1:] == [("CP1.2-S4", "M", True, "Role-play")]
    assert report.to_review == 0 and report.moves[0].decided
    dropped, report = migrate_curriculum(curriculum, new, "1.0.0", {("M1", "CP1.2-S1"): []})
    assert [m.to for m in dropped.module("M1").maps] == ["CP1.1-K1"]  # type: ignore[union-attr]
    assert report.removed == 2 and report.missing == ["CP1.2-A1"]


def test_the_input_curriculum_is_left_as_it_was(tmp_path: Path) -> None:
    curriculum, new = inputs(tmp_path)
    before = curriculum.model_dump()
    migrate_curriculum(curriculum, new, "1.0.0")
    assert curriculum.model_dump() == before


def test_a_curriculum_already_on_the_new_version_stays_the_same(tmp_path: Path) -> None:
    curriculum, new = inputs(tmp_path)
    migrated, _ = migrate_curriculum(curriculum, new, "1.0.0")
    again, report = migrate_curriculum(migrated, new, "2.0.0")
    assert again == migrated
    assert report.moves == [] and report.unchanged == report.expected == 6


def test_reviewer_decisions_follow_their_findings_along_the_lineage(tmp_path: Path) -> None:
    from competency_kit.analysis.migration import carry_decisions, retired_findings
    from competency_kit.models.review import Decision, Review

    _, new = inputs(tmp_path)
    review = Review(
        decisions=[
            Decision(
                finding="uncovered-statement:CP1.2-S1", status="Action planned", comment="Plan"
            ),
            Decision(finding="never-assessed:CP2.1-K1", status="Accepted"),
            Decision(finding="never-assessed:CP2.1-K2", status="Resolved"),
            Decision(finding="missing-dimension:CP1.2:attitude", status="Accepted"),
            Decision(finding="uncovered-statement:CP1.2-A1", status="Accepted"),
            Decision(finding="unmapped-module:M9", status="Accepted"),
        ]
    )
    assert retired_findings(review, new) == [
        "uncovered-statement:CP1.2-S1",
        "never-assessed:CP2.1-K1",
        "never-assessed:CP2.1-K2",
        "uncovered-statement:CP1.2-A1",
    ]
    carried, moved = carry_decisions(review, new)
    found = {d.finding: d for d in carried.decisions}
    assert list(found) == [
        "uncovered-statement:CP1.2-S3",
        "uncovered-statement:CP1.2-S4",
        "never-assessed:CP2.1-K3",
        "missing-dimension:CP1.2:attitude",
        "uncovered-statement:CP1.2-A1",
        "unmapped-module:M9",
    ]
    assert found["uncovered-statement:CP1.2-S4"].status == "Action planned"
    assert found["uncovered-statement:CP1.2-S4"].comment == (
        "Plan\nCarried over from uncovered-statement:CP1.2-S1 (CP1.2-S1 was replaced by CP1.2-S4)."
    )
    assert found["never-assessed:CP2.1-K3"].status == "Accepted"  # the first of a merge wins
    assert moved == [
        "uncovered-statement:CP1.2-S1",
        "never-assessed:CP2.1-K1",
        "never-assessed:CP2.1-K2",
    ]
