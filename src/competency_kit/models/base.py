"""Shared building blocks for the strict data models."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainSerializer, WithJsonSchema

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")
REFERENCE_LANGUAGE = "en"


class StrictModel(BaseModel):
    """Base of every model: a misspelt key is an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid", strict=True, validate_default=True)


def _coerce_text(value: Any) -> Any:
    """Accept a plain string (English) or a mapping of language code to text."""
    if isinstance(value, str):
        value = {REFERENCE_LANGUAGE: value}
    if not isinstance(value, dict):
        raise ValueError(
            "expected text; write text, or language codes with text (en: ..., fr: ...)"
        )
    for code, text in value.items():
        if not isinstance(code, str) or not LANGUAGE_CODE.match(code):
            raise ValueError(
                f"'{code}' is not a language code; use codes such as en, fr, es, pt-BR"
            )
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"the '{code}' text is empty; write the text or remove the entry")
    if REFERENCE_LANGUAGE not in value:
        raise ValueError(
            "the English text is missing; add an 'en:' entry (other languages are optional)"
        )
    return {code: text.strip() for code, text in value.items()}


def _compact_text(value: dict[str, str]) -> str | dict[str, str]:
    """English-only text is written back as a plain string, as a person would write it."""
    if set(value) == {REFERENCE_LANGUAGE}:
        return value[REFERENCE_LANGUAGE]
    return value


LocalizedText = Annotated[
    dict[str, str],
    BeforeValidator(_coerce_text),
    PlainSerializer(_compact_text, return_type=str | dict[str, str]),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "required": ["en"],
                    "propertyNames": {"pattern": LANGUAGE_CODE.pattern},
                    "additionalProperties": {"type": "string", "minLength": 1},
                },
            ],
            "description": "Text in English, or language codes mapped to text (en required).",
        }
    ),
]
"""Text with optional translations: ``"Explains..."`` or ``{en: "Explains...", fr: "..."}``."""


def localize(text: dict[str, str] | None, lang: str = REFERENCE_LANGUAGE) -> str:
    """The text in ``lang`` (or its base language), falling back to English."""
    if not text:
        return ""
    if lang in text:
        return text[lang]
    base = lang.split("-")[0]
    if base in text:
        return text[base]
    return text.get(REFERENCE_LANGUAGE, next(iter(text.values())))


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


Identifier = Annotated[str, BeforeValidator(_strip)]
