"""The readable texts of a diff and of a migration report."""

from __future__ import annotations

from pathlib import Path

from competency_kit.analysis.diff import diff_frameworks
from competency_kit.analysis.migration import migrate_curriculum
from competency_kit.analysis.version_reports import diff_text, migration_text
from competency_kit.documents.curriculum_io import load_curriculum_document
from competency_kit.documents.framework_io import load_framework

from ..versions_example import write_versions


def test_diff_text_has_a_section_per_kind_of_change(tmp_path: Path) -> None:
    old, new, _ = write_versions(tmp_path)
    text = diff_text(diff_frameworks(load_framework(old), load_framework(new)))
    assert text.startswith("Framework demo: version 1.0.0 → 2.0.0\nSuggested version step: major")
    for line in (
        "Added (10)",
        "Split (1)\n  statement CP1.2-S1 → CP1.2-S3, CP1.2-S4: Spots warning signs.",
        "Merged (1)\n  statement CP2.1-K1 + CP2.1-K2 → CP2.1-K3:",
        "Moved (1)\n  statement CP1.2-S2: from CP1.2 to CP2.1",
        "Retired (nothing replaces them) (1)\n  statement CP1.2-A1:",
        "    translations now out of date: fr",
    ):
        assert line in text


def test_a_version_number_that_steps_too_little_is_pointed_out(tmp_path: Path) -> None:
    old, new, _ = write_versions(tmp_path)
    new.write_text(new.read_text().replace("version: 2.0.0", "version: 1.0.1"))
    text = diff_text(diff_frameworks(load_framework(old), load_framework(new)))
    assert "Suggested version step: major — but the version numbers take a patch step only" in text


def test_migration_text_counts_and_lists_the_changed_mappings(tmp_path: Path) -> None:
    old, new, curriculum = write_versions(tmp_path)
    source = load_curriculum_document(curriculum, load_framework(old))
    _, report = migrate_curriculum(source, load_framework(new), "1.0.0")
    text = migration_text(report)
    assert (
        "Mappings expected to migrate: 7\nMappings migrated: 6 (3 unchanged, 3 re-pointed)" in text
    )
    assert "Missing mappings: no successor in 2.0.0 for CP1.2-A1" in text
    assert "  C1 M1: 3 / 2 / 1 / 1\n  C1 M2: 4 / 4 / 0 / 0" in text
    assert "M1: CP1.2-S1 (R) → CP1.2-S3, CP1.2-S4 [split] — for review" in text
