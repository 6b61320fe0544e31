"""A framework's first language is its reference language; English is not required."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from competency_kit.models.base import localize
from competency_kit.models.framework import Framework


def data_for(languages: list[str] | None, title: Any, area_title: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": "fw", "title": title, "version": "1"}
    if languages is not None:
        data["languages"] = languages
    data["areas"] = [{"id": "A1", "title": area_title}]
    return data


def test_plain_text_is_in_the_first_language() -> None:
    fw = Framework.model_validate(data_for(["ja"], "児童保護", {"ja": "知識", "en": "Knowledge"}))
    assert fw.reference_language == "ja"
    assert fw.title == {"ja": "児童保護"}
    assert localize(fw.areas[0].title, "fr", fw.reference_language) == "知識"


def test_dump_writes_reference_only_texts_as_plain_strings() -> None:
    fw = Framework.model_validate(data_for(["vi", "en"], "Bảo vệ trẻ em", {"vi": "A", "en": "B"}))
    data = fw.model_dump(mode="json", exclude_defaults=True)
    assert data["title"] == "Bảo vệ trẻ em"
    assert data["areas"][0]["title"] == {"vi": "A", "en": "B"}
    assert Framework.model_validate(data) == fw


def test_every_text_needs_the_reference_language() -> None:
    with pytest.raises(ValidationError) as exc:
        Framework.model_validate(data_for(["ja"], "題", {"en": "Knowledge"}))
    (error,) = exc.value.errors()
    assert error["loc"][:3] == ("areas", 0, "title")
    assert "the text in 'ja', the framework's first language, is missing" in error["msg"]
    assert "add a 'ja:' entry" in error["msg"]


def test_without_languages_english_is_the_reference_as_before() -> None:
    fw = Framework.model_validate(data_for(None, "Title", {"en": "Area", "fr": "Domaine"}))
    assert fw.languages == ["en"]
    assert fw.model_dump(mode="json")["title"] == "Title"
    with pytest.raises(ValidationError, match="the English text is missing"):
        Framework.model_validate(data_for(None, "Title", {"fr": "Domaine"}))


@pytest.mark.parametrize(
    ("languages", "message"),
    [
        ([], "at least 1 item"),
        (["english"], "'english' is not a language code"),
        (["fr", "fr"], "a language is listed twice"),
    ],
)
def test_languages_are_checked(languages: list[str], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Framework.model_validate(data_for(languages, "Titre", "Domaine"))


def test_bundled_framework_keeps_english_first(framework: Framework) -> None:
    assert framework.reference_language == "en"
