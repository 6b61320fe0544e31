"""The texts a guide or handout shows from the user's files, each with the place it comes
from, so a problem with one (a character no font draws) can name where to look."""

from __future__ import annotations

from collections.abc import Iterator

from competency_kit.models.base import localize
from competency_kit.models.curriculum import Curriculum, Module
from competency_kit.models.framework import Framework
from competency_kit.models.profile import LocalProfile

Shown = tuple[str, str, str]
"""``(place, field, text)``: ``("module HOS101-M1 (Check-in)", "title", "Check-in")``."""


def curriculum_texts(curriculum: Curriculum) -> Iterator[Shown]:
    programme = curriculum.programme
    place = f"programme {programme.id}"
    for name in ("title", "institution", "description"):
        yield place, name, getattr(programme, name) or ""
    for course in curriculum.courses:
        place = f"course {course.id} ({course.title})"
        yield place, "title", course.title
        yield place, "description", course.description or ""
        for module in course.modules:
            yield from module_texts(module)


def module_texts(module: Module) -> Iterator[Shown]:
    place = f"module {module.id} ({module.title})"
    yield place, "title", module.title
    yield place, "activity", module.activity or ""
    for name in ("learning_outcomes", "assessment", "key_messages", "discussion_questions"):
        for index, text in enumerate(getattr(module, name)):
            yield place, f"{name}[{index}]", text
    for index, mapping in enumerate(module.maps):
        yield place, f"maps[{index}].evidence", mapping.evidence or ""


def profile_texts(profile: LocalProfile | None) -> Iterator[Shown]:
    if profile is None:
        return
    yield "profile", "country", profile.country or ""
    yield "profile", "institution", profile.institution or ""
    contacts = [
        (name, getattr(profile, name)) for name in ("national_hotline", "police", "focal_point")
    ]
    contacts += [(f"other[{i}]", contact) for i, contact in enumerate(profile.other)]
    for name, contact in contacts:
        if contact is None:
            continue
        for key, text in contact.model_dump().items():
            if isinstance(text, str):
                yield "profile", f"{name}.{key}", text


def framework_texts(framework: Framework, lang: str) -> Iterator[Shown]:
    """The framework's texts in the document's language (or the reference language they fall
    back to)."""

    def text(value: dict[str, str] | None) -> str:
        return localize(value, lang, framework.reference_language) if value else ""

    for area in framework.areas:
        yield f"area {area.id}", "title", text(area.title)
    for _, competency in framework.competencies():
        place = f"competency {competency.id}"
        yield place, "title", text(competency.title)
        guidance = competency.guidance
        if guidance is not None:
            yield place, "guidance.activity", text(guidance.activity)
            for index, message in enumerate(guidance.key_messages):
                yield place, f"guidance.key_messages[{index}]", text(message)
            for index, question in enumerate(guidance.discussion_questions):
                yield place, f"guidance.discussion_questions[{index}]", text(question)
    for _, _, statement in framework.statements():
        yield f"statement {statement.id}", "text", text(statement.text)
