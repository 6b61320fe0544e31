"""Every text a translator translates: the framework's texts and the document labels.

A text is named by an ``id`` and a ``field``: ``CP1.1-K1`` ``text`` (a statement),
``CP1.1`` ``guidance.key_messages.2`` (the second key message), ``level:foundation`` ``title``,
``glossary:grooming`` ``definition`` (a glossary term, by its reference-language term) and, for
the document labels of the catalogues (``templates/i18n/*.yaml``), ``guide.title`` ``label``
(an item of a list of labels: ``guide.how_to_use.paragraphs.2``). The translation workbook and the PO
file carry one row per text in this order; the framework records, per translated text, a
fingerprint of the reference text it was made from, so a changed source makes it stale.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from competency_kit.core.errors import InputError
from competency_kit.core.resources import templates_dir
from competency_kit.documents.sources import load_document
from competency_kit.models.framework import Framework

LABEL = "label"
"""The field of every document label."""

Status = Literal["missing", "stale", "done"]
STATUSES: tuple[Status, ...] = ("missing", "stale", "done")


def fingerprint(text: str) -> str:
    """8 hex digits of the SHA-256 of ``text`` with its spacing normalised (rewrapping a
    folded YAML text changes nothing)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]


def source_key(text_id: str, field: str) -> str:
    """How a text is named among a translation's fingerprints: ``"CP1.1-K1 text"``."""
    return f"{text_id} {field}"


@dataclass
class Text:
    """One translatable text of a framework (``value`` is its mapping of language to text,
    changed in place by an import) or one document label (``value`` None)."""

    id: str
    field: str
    value: dict[str, str] | None

    @property
    def key(self) -> str:
        return source_key(self.id, self.field)

    @property
    def is_label(self) -> bool:
        return self.field == LABEL


@dataclass(frozen=True)
class Row:
    """One row of a translation file: a text, its source, what the framework has now."""

    id: str
    field: str
    source: str
    current: str
    status: Status

    @property
    def key(self) -> str:
        return source_key(self.id, self.field)


def framework_texts(framework: Framework) -> Iterator[Text]:
    """Every text a reader of the framework sees, in the framework's order. The ``value``
    mappings are the framework's own: setting a language in one translates the framework."""
    yield from _own(framework.id, framework)
    for level in framework.levels:
        yield from _own(f"level:{level.id}", level)
    for audience in framework.audiences:
        yield from _own(f"audience:{audience.id}", audience)
    reference = framework.reference_language
    for term in framework.glossary:
        name = f"glossary:{term.term[reference]}"
        yield Text(name, "term", term.term)
        yield Text(name, "definition", term.definition)
    for area in framework.areas:
        yield from _own(area.id, area)
        for competency in area.competencies:
            yield from _own(competency.id, competency)
            guidance = competency.guidance
            if guidance is not None:
                for number, message in enumerate(guidance.key_messages, 1):
                    yield Text(competency.id, f"guidance.key_messages.{number}", message)
                if guidance.activity:
                    yield Text(competency.id, "guidance.activity", guidance.activity)
                for number, question in enumerate(guidance.discussion_questions, 1):
                    yield Text(competency.id, f"guidance.discussion_questions.{number}", question)
            for number, ref in enumerate(competency.references, 1):
                yield Text(competency.id, f"references.{number}.title", ref.title)
            for statement in competency.statements:
                yield Text(statement.id, "text", statement.text)


def _own(text_id: str, item: Any) -> Iterator[Text]:
    for name in ("title", "description"):
        value = getattr(item, name, None)
        if value:
            yield Text(text_id, name, value)


def framework_status(framework: Framework, text: Text, lang: str) -> Status:
    """``missing`` without a translation in ``lang``; ``stale`` when its recorded fingerprint
    is not that of today's reference text (or it has none: nobody can tell what it was made
    from); ``done`` otherwise."""
    assert text.value is not None
    if lang not in text.value:
        return "missing"
    translation = framework.translations.get(lang)
    made_from = translation.sources.get(text.key) if translation else None
    if made_from != fingerprint(text.value[framework.reference_language]):
        return "stale"
    return "done"


def framework_rows(framework: Framework, lang: str) -> list[Row]:
    reference = framework.reference_language
    rows = []
    for text in framework_texts(framework):
        assert text.value is not None
        rows.append(
            Row(
                text.id,
                text.field,
                text.value[reference],
                text.value.get(lang, ""),
                framework_status(framework, text, lang),
            )
        )
    return rows


@dataclass(frozen=True)
class Facts:
    """What a translation file says about itself."""

    framework_id: str
    framework_version: str
    language: str
    reference_language: str
    places: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per fact (``framework_id``, ``language``): where the file says it (``cell=`` or
    ``line=``)."""


@dataclass(frozen=True)
class Entry:
    """One translated (or untouched) row read back from a file."""

    id: str
    field: str
    source: str
    translation: str
    place: dict[str, Any]
    """``cell=...`` or ``line=...``: where a problem with this row is shown."""


# Document labels -----------------------------------------------------------------------------


def catalogue_path(lang: str, folder: Path | None = None) -> Path:
    return (folder or templates_dir()) / "i18n" / f"{lang}.yaml"


def read_labels(path: Path) -> dict[str, str]:
    """A label catalogue as ``dotted.key`` → label; a list of labels gives one key per item
    (``guide.how_to_use.paragraphs.2``, counted from 1)."""
    return dict(_flat_labels(load_catalogue(path), ""))


def section_labels(catalogue: dict[str, Any], section: str) -> dict[str, str]:
    """One section of a label catalogue as ``dotted.key`` → label, keys inside the section."""
    return dict(_flat_labels(catalogue.get(section) or {}, ""))


def load_catalogue(path: Path) -> dict[str, Any]:
    """A label catalogue as written: nested mappings of keys to labels."""
    data = load_document(path, "label catalogue").data
    if not isinstance(data, dict):
        raise InputError.single(
            str(path),
            "a label catalogue must be a mapping of keys to labels",
            "start from a copy of the built-in i18n/en.yaml",
            code="labels.not-a-mapping",
        )
    return data


def _flat_labels(data: Any, prefix: str) -> Iterator[tuple[str, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _flat_labels(value, f"{prefix}{key}.")
    elif isinstance(data, list):
        for number, value in enumerate(data, 1):
            yield from _flat_labels(value, f"{prefix}{number}.")
    elif data is not None:
        yield prefix.rstrip("."), str(data)


def label_rows(reference: dict[str, str], current: dict[str, str]) -> list[Row]:
    """A row per label of the reference catalogue; ``done`` when the language's catalogue
    has it. (The catalogues keep no fingerprints: a changed label is the maintainers' to
    see.)"""
    return [
        Row(key, LABEL, text, current.get(key, ""), "done" if current.get(key) else "missing")
        for key, text in reference.items()
    ]


def nested_labels(reference: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
    """The labels as a catalogue shaped like ``reference`` (the raw English catalogue):
    nested mappings, lists whole. A list with any item missing is left out (the English list
    is used); so is every key without a label."""
    shaped: dict[str, Any] = {}
    for key, value in reference.items():
        if isinstance(value, dict):
            inner = {k[len(key) + 1 :]: v for k, v in labels.items() if k.startswith(f"{key}.")}
            nested = nested_labels(value, inner)
            if nested:
                shaped[key] = nested
        elif isinstance(value, list):
            items = [labels.get(f"{key}.{n}") for n in range(1, len(value) + 1)]
            if all(items):
                shaped[key] = items
        elif labels.get(key):
            shaped[key] = labels[key]
    return shaped
