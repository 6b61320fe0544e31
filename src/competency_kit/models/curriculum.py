"""A curriculum: programme → courses → modules, each module mapping to framework statements."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from competency_kit.models.base import LANGUAGE_CODE, Identifier, StrictModel

Depth = Literal["I", "R", "M"]
DEPTHS: tuple[Depth, ...] = ("I", "R", "M")
DEPTH_NAMES = {"I": "introduced", "R": "reinforced", "M": "mastered"}
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"


_RANKS: dict[Depth | None, int] = {None: 0, "I": 1, "R": 2, "M": 3}


def depth_rank(depth: Depth | None) -> int:
    """0 for not covered, then 1, 2, 3 for I < R < M."""
    return _RANKS[depth]


class Programme(StrictModel):
    id: Identifier = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    institution: str | None = None
    language: str = Field(default="en", pattern=LANGUAGE_CODE.pattern)
    """The teaching language as a code (en, fr, pt-BR); readers turn a name into its code."""
    description: str | None = None
    audiences: list[Identifier] = Field(default_factory=list)
    """Audiences of the framework this programme prepares learners for (used by depth rules)."""
    level: Identifier | None = None
    """Proficiency level the programme aims at (used by depth rules)."""


class Mapping(StrictModel):
    """A module covers a statement (or every statement of a competency) to a depth."""

    to: Identifier = Field(min_length=1)
    depth: Depth
    assessed: bool = False
    evidence: str | None = None


class Module(StrictModel):
    id: Identifier = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    hours: float | int | None = Field(default=None, ge=0)
    learning_outcomes: list[str] = Field(default_factory=list)
    assessment: list[str] = Field(default_factory=list)
    key_messages: list[str] = Field(default_factory=list)
    activity: str | None = None
    discussion_questions: list[str] = Field(default_factory=list)
    maps: list[Mapping] = Field(default_factory=list)


class Course(StrictModel):
    id: Identifier = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    description: str | None = None
    modules: list[Module] = Field(default_factory=list)


class Curriculum(StrictModel):
    """A programme's curriculum; module order in the file is teaching order."""

    programme: Programme
    courses: list[Course] = Field(default_factory=list)

    def modules(self) -> Iterator[tuple[Course, Module]]:
        """Every module with its course, in teaching order."""
        for course in self.courses:
            for module in course.modules:
                yield course, module

    def module(self, module_id: str) -> Module | None:
        return next((m for _, m in self.modules() if m.id == module_id), None)
