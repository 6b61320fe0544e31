"""Shared building blocks for the strict data models."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainSerializer, WithJsonSchema

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")
REFERENCE_LANGUAGE = "en"
"""The reference language of a framework that names no languages (and of the bundled one)."""

_reference: ContextVar[str] = ContextVar("reference_language", default=REFERENCE_LANGUAGE)


@contextmanager
def reference_language(code: str) -> Iterator[None]:
    """Texts read or written inside this block have ``code`` as their reference language: a
    plain string is text in ``code``, and every text must have it. The framework model sets it
    from its first language while it is validated and dumped."""
    token = _reference.set(code)
    try:
        yield
    finally:
        _reference.reset(token)


def current_reference_language() -> str:
    return _reference.get()


class StrictModel(BaseModel):
    """Base of every model: a misspelt key is an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid", strict=True, validate_default=True)


def _coerce_text(value: Any) -> Any:
    """Accept a plain string (text in the reference language) or a mapping of language code
    to text that includes the reference language."""
    reference = _reference.get()
    if isinstance(value, str):
        value = {reference: value}
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
    if reference not in value:
        raise ValueError(_missing_reference(reference))
    return {code: text.strip() for code, text in value.items()}


def _missing_reference(reference: str) -> str:
    if reference == REFERENCE_LANGUAGE:
        return "the English text is missing; add an 'en:' entry (other languages are optional)"
    return (
        f"the text in '{reference}', the framework's first language, is missing; add a "
        f"'{reference}:' entry (other languages are optional)"
    )


def _compact_text(value: dict[str, str]) -> str | dict[str, str]:
    """Text only in the reference language is written back as a plain string, as a person
    would write it."""
    reference = _reference.get()
    if set(value) == {reference}:
        return value[reference]
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
                    "minProperties": 1,
                    "propertyNames": {"pattern": LANGUAGE_CODE.pattern},
                    "additionalProperties": {"type": "string", "minLength": 1},
                },
            ],
            "description": "Text in the framework's first language, or language codes mapped "
            "to text (the first language required).",
        }
    ),
]
"""Text with optional translations: ``"Explains..."`` or ``{en: "Explains...", fr: "..."}``."""


def localize(
    text: dict[str, str] | None, lang: str = REFERENCE_LANGUAGE, fallback: str = REFERENCE_LANGUAGE
) -> str:
    """The text in ``lang`` (or its base language), else in ``fallback`` (give the framework's
    reference language), else the first there is."""
    if not text:
        return ""
    if lang in text:
        return text[lang]
    base = lang.split("-")[0]
    if base in text:
        return text[base]
    return text.get(fallback, next(iter(text.values())))


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


Identifier = Annotated[str, BeforeValidator(_strip)]
