"""The competency framework: areas → competencies → statements, with levels, audiences, glossary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    Field,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_serializer,
    model_validator,
)

from competency_kit.models.base import (
    LANGUAGE_CODE,
    REFERENCE_LANGUAGE,
    Identifier,
    LocalizedText,
    StrictModel,
    reference_language,
)

CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"
"""Area, competency and statement codes: letters, digits, dot, dash, underscore (e.g. CP3.2-K1)."""
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}$"
"""Level and audience ids: lowercase words joined by dashes (e.g. front-line)."""

FINGERPRINT_PATTERN = r"^[0-9a-f]{8}$"
"""A translation's fingerprint of its source text: 8 hex digits of its SHA-256."""

Dimension = Literal["knowledge", "skill", "attitude"]
DIMENSIONS: tuple[Dimension, ...] = ("knowledge", "skill", "attitude")


def first_language(data: Any) -> str:
    """The reference language raw framework data names (``languages[0]``), or the default."""
    languages = data.get("languages") if isinstance(data, dict) else None
    first = languages[0] if isinstance(languages, list) and languages else None
    return first if isinstance(first, str) and LANGUAGE_CODE.match(first) else REFERENCE_LANGUAGE


class Level(StrictModel):
    """A proficiency level, lowest first in the framework's list."""

    id: Identifier = Field(pattern=SLUG_PATTERN)
    title: LocalizedText
    description: LocalizedText | None = None


class Audience(StrictModel):
    """A group of professionals a competency is meant for."""

    id: Identifier = Field(pattern=SLUG_PATTERN)
    title: LocalizedText
    description: LocalizedText | None = None


class GlossaryTerm(StrictModel):
    term: LocalizedText
    definition: LocalizedText
    see_also: list[str] = Field(default_factory=list)


class Reference(StrictModel):
    """A related instrument this competency corresponds to (a crosswalk target)."""

    scheme: str = Field(min_length=1)
    code: str | None = None
    title: LocalizedText


class Guidance(StrictModel):
    """Teaching guidance used by trainer handouts when a module gives none of its own."""

    key_messages: list[LocalizedText] = Field(default_factory=list)
    activity: LocalizedText | None = None
    discussion_questions: list[LocalizedText] = Field(default_factory=list)


Retired = Annotated[dt.date | None, Field(strict=False)]
"""The day an item left the framework (``retired: 2026-01-31``): it stays in the file and its
id is never reused."""
Replaces = Annotated[list[Identifier], Field(default_factory=list)]
"""Ids of the items an item takes the place of: retired items of this file or ids of the
previous version. One old id replaced by several is a split, several by one a merge."""


class Statement(StrictModel):
    id: Identifier = Field(pattern=CODE_PATTERN)
    dimension: Dimension
    text: LocalizedText
    note: str | None = None
    retired: Retired = None
    replaces: Replaces


class Competency(StrictModel):
    id: Identifier = Field(pattern=CODE_PATTERN)
    title: LocalizedText
    description: LocalizedText | None = None
    audiences: list[Identifier] = Field(default_factory=list)
    level: Identifier | None = None
    guidance: Guidance | None = None
    references: list[Reference] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    retired: Retired = None
    replaces: Replaces


class Area(StrictModel):
    id: Identifier = Field(pattern=CODE_PATTERN)
    title: LocalizedText
    description: LocalizedText | None = None
    competencies: list[Competency] = Field(default_factory=list)
    retired: Retired = None
    replaces: Replaces


ItemKind = Literal["area", "competency", "statement"]


@dataclass(frozen=True)
class Node:
    """One area, competency or statement with its place: the id of its parent (the area of a
    competency, the competency of a statement; "" for an area) and whether it is retired,
    by its own date or its parent's."""

    kind: ItemKind
    item: Area | Competency | Statement
    parent: str
    retired: bool


class Translation(StrictModel):
    """The state of one language's translation of the framework's texts."""

    status: Literal["draft", "reviewed"]
    """``draft``, or ``reviewed`` once a named reviewer has signed the translation off."""
    reviewer: str | None = None
    reviewed: dt.date | None = None
    sources: dict[str, Annotated[str, Field(pattern=FINGERPRINT_PATTERN)]] = Field(
        default_factory=dict
    )
    """Per text (``"CP1.1-K1 text"``: its id and field), a fingerprint of the reference text
    the translation was made from; a text whose reference text has changed since is stale."""

    @model_validator(mode="after")
    def _reviewed_by_someone(self) -> Translation:
        if self.status == "reviewed" and not self.reviewer:
            raise ValueError("a reviewed translation names its reviewer (reviewer: ...)")
        return self


class Framework(StrictModel):
    """A whole framework file. Cross-references are checked by the loader, with positions."""

    id: Identifier = Field(pattern=CODE_PATTERN)
    title: LocalizedText
    version: str = Field(min_length=1)
    publisher: str | None = None
    licence: str | None = None
    languages: list[str] = Field(default_factory=lambda: [REFERENCE_LANGUAGE], min_length=1)
    """The first is the reference language: every text has it, translations fall back to it,
    exports declare it."""
    translations: dict[str, Translation] = Field(default_factory=dict)
    """Per language other than the reference one: draft, or reviewed by whom."""
    description: LocalizedText | None = None
    levels: list[Level] = Field(default_factory=list)
    audiences: list[Audience] = Field(default_factory=list)
    glossary: list[GlossaryTerm] = Field(default_factory=list)
    areas: list[Area] = Field(default_factory=list)

    @model_validator(mode="wrap")
    @classmethod
    def _texts_in_reference_language(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        with reference_language(first_language(data)):
            return handler(data)

    @model_serializer(mode="wrap")
    def _dump_in_reference_language(
        self, handler: SerializerFunctionWrapHandler, info: SerializationInfo
    ) -> Any:
        with reference_language(self.reference_language):
            return handler(self)

    @field_validator("languages")
    @classmethod
    def _language_codes(cls, value: list[str]) -> list[str]:
        for code in value:
            if not LANGUAGE_CODE.match(code):
                raise ValueError(
                    f"'{code}' is not a language code; use codes such as en, fr, es, pt-BR"
                )
        if len(set(value)) != len(value):
            raise ValueError("a language is listed twice; list each language once")
        return value

    @property
    def reference_language(self) -> str:
        """The framework's first language, in which every text is written."""
        return self.languages[0]

    def nodes(self) -> Iterator[Node]:
        """Every area, competency and statement in reading order, retired ones included."""
        for area in self.areas:
            gone = area.retired is not None
            yield Node("area", area, "", gone)
            for competency in area.competencies:
                c_gone = gone or competency.retired is not None
                yield Node("competency", competency, area.id, c_gone)
                for statement in competency.statements:
                    yield Node(
                        "statement",
                        statement,
                        competency.id,
                        c_gone or statement.retired is not None,
                    )

    def retired_ids(self) -> set[str]:
        """Ids of the items that have left the framework (with their area or competency)."""
        return {n.item.id for n in self.nodes()} - self.current_ids

    def current(self) -> Framework:
        """The framework without its retired items: what curricula map to, coverage counts and
        documents show. The framework itself when nothing is retired."""
        if not any(n.item.retired is not None for n in self.nodes()):
            return self
        areas = [
            area.model_copy(
                update={
                    "competencies": [
                        c.model_copy(
                            update={"statements": [s for s in c.statements if s.retired is None]}
                        )
                        for c in area.competencies
                        if c.retired is None
                    ]
                }
            )
            for area in self.areas
            if area.retired is None
        ]
        fields = {name: getattr(self, name) for name in type(self).model_fields}
        return Framework.model_construct(self.model_fields_set, **{**fields, "areas": areas})

    @cached_property
    def current_ids(self) -> frozenset[str]:
        """Ids of the areas, competencies and statements that have not left the framework."""
        return frozenset(n.item.id for n in self.nodes() if not n.retired)

    @cached_property
    def replacers(self) -> dict[str, tuple[str, ...]]:
        """Every id named in a ``replaces:`` list → the items that name it, in reading order."""
        found: dict[str, list[str]] = {}
        for node in self.nodes():
            for old in node.item.replaces:
                found.setdefault(old, []).append(node.item.id)
        return {old: tuple(ids) for old, ids in found.items()}

    def successors(self, item_id: str) -> tuple[str, ...]:
        """The current items that ``item_id`` leads to along the lineage: itself when it is
        current, what replaces it (followed through items retired since), or () when nothing
        does. An id this file does not know but some item replaces leads to that item."""
        current = self.current_ids
        found: list[str] = []
        seen: set[str] = set()
        todo = [item_id]
        while todo:
            node = todo.pop(0)
            if node in seen:
                continue
            seen.add(node)
            if node in current:
                found.append(node)
            else:
                todo.extend(self.replacers.get(node, ()))
        return tuple(dict.fromkeys(found))

    def competencies(self) -> Iterator[tuple[Area, Competency]]:
        for area in self.areas:
            for competency in area.competencies:
                yield area, competency

    def statements(self) -> Iterator[tuple[Area, Competency, Statement]]:
        for area, competency in self.competencies():
            for statement in competency.statements:
                yield area, competency, statement

    def statement_ids(self) -> list[str]:
        return [s.id for _, _, s in self.statements()]

    @cached_property
    def statements_by_id(self) -> dict[str, Statement]:
        """Every statement by its id: finding sentences quote them one finding at a time."""
        return {s.id: s for _, _, s in self.statements()}

    def competency(self, competency_id: str) -> Competency | None:
        return next((c for _, c in self.competencies() if c.id == competency_id), None)

    def expand(self, target: str) -> list[str]:
        """The statement ids a mapping ``to: target`` reaches (a competency reaches all its own)."""
        return list(self.expansions.get(target, ()))

    @cached_property
    def expansions(self) -> dict[str, tuple[str, ...]]:
        """Every mapping target (competency or statement id) → the statement ids it reaches.
        Built once: curricula look targets up thousands of times."""
        found: dict[str, tuple[str, ...]] = {}
        for _, competency in self.competencies():
            found[competency.id] = tuple(s.id for s in competency.statements)
            for statement in competency.statements:
                found[statement.id] = (statement.id,)
        return found
