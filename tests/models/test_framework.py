"""The framework model: translations and their review state; its view of its lineage
(current items, retired ones, successors)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from competency_kit.documents.framework_io import load_framework
from competency_kit.models.framework import Translation

from ..versions_example import write_versions


def test_a_reviewed_translation_names_its_reviewer() -> None:
    assert Translation.model_validate({"status": "reviewed", "reviewer": "A. Diallo"}).reviewer
    with pytest.raises(ValidationError, match="names its reviewer"):
        Translation.model_validate({"status": "reviewed"})


def test_the_bundled_translations_are_drafts_until_reviewed(framework) -> None:
    assert {lang: t.status for lang, t in framework.translations.items()} == {
        "fr": "draft",
        "es": "draft",
        "pt": "draft",
    }


def test_successors_follow_splits_merges_and_chains(tmp_path: Path) -> None:
    _, new, _ = write_versions(tmp_path)
    framework = load_framework(new)
    assert framework.successors("CP1.1-K1") == ("CP1.1-K1",)
    assert framework.successors("CP1.2-S1") == ("CP1.2-S3", "CP1.2-S4")
    assert framework.successors("CP2.1-K2") == ("CP2.1-K3",)
    assert framework.successors("CP1.2-A1") == ()
    assert framework.successors("XX-unknown") == ()


def test_current_leaves_retired_items_out_and_keeps_the_rest(tmp_path: Path) -> None:
    _, new, _ = write_versions(tmp_path)
    framework = load_framework(new)
    current = framework.current()
    assert set(framework.statement_ids()) - set(current.statement_ids()) == framework.retired_ids()
    assert current.current() is current
    assert current.expand("CP2.1") == ["CP2.1-K3", "CP1.2-S2", "CP2.1-S1", "CP2.1-A1"]
    assert framework.expand("CP2.1")[:2] == ["CP2.1-K1", "CP2.1-K2"]


def test_a_retired_competency_takes_its_statements_with_it(tmp_path: Path) -> None:
    _, new, _ = write_versions(tmp_path)
    framework = load_framework(new)
    framework.areas[1].competencies[1].retired = (
        framework.areas[0].competencies[1].statements[1].retired
    )
    assert {"CP2.2", "CP2.2-K1", "CP2.2-S1", "CP2.2-A1"} <= framework.retired_ids()
