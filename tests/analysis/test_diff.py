"""``diff_frameworks``: each kind of change between two versions, and the version step."""

from __future__ import annotations

from pathlib import Path

import pytest

from competency_kit.analysis.diff import diff_frameworks, version_step
from competency_kit.documents.framework_io import load_framework
from competency_kit.models.framework import Framework
from competency_kit.models.versions import FrameworkDiff

from ..versions_example import NEW, OLD, write_versions


def frameworks(tmp_path: Path, old: str = OLD, new: str = NEW) -> tuple[Framework, Framework]:
    (tmp_path / "a.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(new, encoding="utf-8")
    return load_framework(tmp_path / "a.yaml"), load_framework(tmp_path / "b.yaml")


@pytest.fixture()
def diff(tmp_path: Path) -> FrameworkDiff:
    old, new, _ = write_versions(tmp_path)
    return diff_frameworks(load_framework(old), load_framework(new))


def ids(diff: FrameworkDiff, kind: str) -> list[str]:
    return [c.id for c in diff.changes if c.kind == kind]


def test_added_items_and_catalogue_entries(diff: FrameworkDiff) -> None:
    assert ids(diff, "added") == [
        "CP1.2-S3", "CP1.2-S4", "CP1.2-A2", "CP2.1-K3",
        "CP2.2", "CP2.2-K1", "CP2.2-S1", "CP2.2-A1", "advanced", "Focal point",
    ]  # fmt: skip
    added = diff.of_kind("added")
    assert (added[0].before, added[0].bump) == ("CP1.2", "minor")
    assert [c.item for c in added[-2:]] == ["level", "glossary"]


def test_split_merge_and_retirement(diff: FrameworkDiff) -> None:
    (split,) = diff.of_kind("split")
    assert (split.id, split.new_ids, split.bump) == ("CP1.2-S1", ["CP1.2-S3", "CP1.2-S4"], "major")
    (merged,) = diff.of_kind("merged")
    assert (merged.id, merged.old_ids) == ("CP2.1-K3", ["CP2.1-K1", "CP2.1-K2"])
    assert ids(diff, "retired") == ["CP1.2-A1"]
    assert ids(diff, "replaced") == ids(diff, "removed") == []


def test_moved_and_reworded_with_stale_translations(diff: FrameworkDiff) -> None:
    (moved,) = diff.of_kind("moved")
    assert (moved.id, moved.before, moved.after) == ("CP1.2-S2", "CP1.2", "CP2.1")
    (reworded,) = diff.of_kind("reworded")
    assert reworded.id == "CP1.1-K1"
    assert reworded.after == "Explains who counts as a child (anyone under 18)."
    assert (reworded.stale_languages, reworded.bump) == (["fr"], "patch")


def test_the_suggested_step_and_the_version_numbers(diff: FrameworkDiff) -> None:
    assert (diff.suggested_bump, diff.version_bump) == ("major", "major")


def test_a_one_for_one_replacement_and_an_item_gone_from_the_file(tmp_path: Path) -> None:
    new = (
        OLD.replace("version: 1.0.0", "version: 1.1.0")
        .replace(
            "          - {id: CP2.1-S1, dimension: skill, text: Records facts without judging.}\n",
            "          - {id: CP2.1-S1, dimension: skill, text: Records facts., retired: 2026-02-01}\n"
            "          - {id: CP2.1-S2, dimension: skill, text: Records facts exactly., replaces: [CP2.1-S1]}\n",
        )
        .replace(
            "          - {id: CP2.1-A1, dimension: attitude, text: Keeps information confidential.}\n",
            "",
        )
    )
    diff = diff_frameworks(*frameworks(tmp_path, OLD, new))
    (replaced,) = diff.of_kind("replaced")
    assert (replaced.id, replaced.new_ids) == ("CP2.1-S1", ["CP2.1-S2"])
    assert ids(diff, "removed") == ["CP2.1-A1"]
    assert (diff.suggested_bump, diff.version_bump) == ("major", "minor")


@pytest.mark.parametrize(
    ("old", "new", "kind", "field", "bump"),
    [
        (
            "text: Uses current terminology.}",
            "text: Uses the current terminology.}",
            "reworded",
            "text",
            "patch",
        ),
        (
            "id: CP1.1-S1, dimension: skill",
            "id: CP1.1-S1, dimension: knowledge",
            "changed",
            "dimension",
            "major",
        ),
        ("title: Core terms", "title: Core terms and rights", "reworded", "title", "patch"),
        (
            "definition: Anyone under 18.",
            "definition: Every person under 18.",
            "reworded",
            "definition",
            "patch",
        ),
    ],
)
def test_single_changes_and_the_step_they_call_for(
    tmp_path: Path, old: str, new: str, kind: str, field: str, bump: str
) -> None:
    assert old in OLD
    diff = diff_frameworks(*frameworks(tmp_path, OLD, OLD.replace(old, new, 1)))
    assert [(c.kind, c.field, c.bump) for c in diff.changes] == [(kind, field, bump)]
    assert diff.suggested_bump == bump


def test_only_additions_call_for_a_minor_step_and_no_change_for_none(tmp_path: Path) -> None:
    added = OLD.replace(
        "          - {id: CP2.1-A1,",
        "          - {id: CP2.1-S9, dimension: skill, text: Writes it down.}\n          - {id: CP2.1-A1,",
    )
    assert diff_frameworks(*frameworks(tmp_path, OLD, added)).suggested_bump == "minor"
    same = diff_frameworks(*frameworks(tmp_path, OLD, OLD))
    assert (same.changes, same.suggested_bump, same.version_bump) == ([], "none", "none")


@pytest.mark.parametrize(
    ("old", "new", "step"),
    [("1.0.0", "2.0.0", "major"), ("1.0", "1.1", "minor"), ("v1.2.3", "1.2.4", "patch"),
     ("1.2.0", "1.1.0", None), ("2024-01", "2025-01", None)],
)  # fmt: skip
def test_version_step(old: str, new: str, step: str | None) -> None:
    assert version_step(old, new) == step
