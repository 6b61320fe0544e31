"""The texts documents show, with their places."""

from __future__ import annotations

from competency_kit.models.profile import LocalProfile
from competency_kit.pdf.shown_texts import curriculum_texts, framework_texts, profile_texts

from .conftest import small_curriculum


def test_curriculum_texts_name_module_and_field() -> None:
    texts = list(curriculum_texts(small_curriculum()))
    place = "module HOS101-M1 (Guest arrival and check-in)"
    assert (place, "title", "Guest arrival and check-in") in texts
    assert (place, "maps[1].evidence", "Role-play, observed") in texts
    assert (place, "discussion_questions[0]", "What would make you ask a second question?") in texts
    assert ("course HOS102 (Housekeeping)", "title", "Housekeeping") in texts
    assert ("programme DIP", "institution", "Test School") in texts


def test_profile_texts_name_the_contact_field() -> None:
    profile = LocalProfile.model_validate({"police": {"name": "Police", "hours": "24 h"}})
    assert ("profile", "police.hours", "24 h") in list(profile_texts(profile))
    assert list(profile_texts(None)) == []


def test_framework_texts_are_in_the_documents_language(framework) -> None:
    statement = next(s for _, _, s in framework.statements())
    texts = dict(((p, f), t) for p, f, t in framework_texts(framework, "fr"))
    assert texts[(f"statement {statement.id}", "text")] == statement.text["fr"]
