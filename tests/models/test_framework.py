"""The framework model: translations and their review state."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from competency_kit.models.framework import Translation


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
