"""What the templates show, prepared from the models: localised, ordered, merged.

Templates stay simple (loops and labels); every decision about content is made here, in plain
functions that tests can call without rendering anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from competency_kit.models.base import REFERENCE_LANGUAGE
from competency_kit.models.curriculum import Course, Curriculum, Module, depth_rank
from competency_kit.models.framework import DIMENSIONS, Framework, Guidance
from competency_kit.pdf.templating import Catalogue, LocalText


@dataclass
class StatementView:
    id: str
    dimension: str
    text: str
    lang: str
    """The language ``text`` is written in (English when the framework has no translation)."""
    depth: str | None = None
    assessed: bool = False
    evidence: list[str] = field(default_factory=list)


@dataclass
class ModuleView:
    id: str
    anchor: str
    title: str
    course_id: str
    course_title: str
    lang: str
    """The language of the curriculum's own texts (title, outcomes, assessment...)."""
    hours: float | None
    learning_outcomes: list[str]
    assessment: list[str]
    statements: dict[str, list[StatementView]]
    """Covered statements grouped by dimension (knowledge, skill, attitude), framework order."""
    key_messages: list[LocalText]
    activity: LocalText
    discussion_questions: list[LocalText]

    @property
    def statement_count(self) -> int:
        return sum(len(group) for group in self.statements.values())


@dataclass
class CourseView:
    id: str
    anchor: str
    title: str
    description: str
    lang: str
    """The language of the curriculum's own texts."""
    modules: list[ModuleView]

    @property
    def hours(self) -> float:
        return sum(m.hours or 0 for m in self.modules)


def anchor(kind: str, identifier: str) -> str:
    """An HTML id for a section; module and course ids are already safe id characters."""
    return f"{kind}-{identifier}"


def module_statements(
    framework: Framework, module: Module, tr: Catalogue
) -> dict[str, list[StatementView]]:
    """The statements a module reaches, merged over its mappings: deepest depth, assessed if
    any mapping is assessed, every piece of evidence once."""
    reached: dict[str, StatementView] = {}
    texts = {s.id: (s.dimension, tr.local(s.text)) for _, _, s in framework.statements()}
    for mapping in module.maps:
        for statement_id in framework.expand(mapping.to):
            dimension, text = texts[statement_id]
            view = reached.setdefault(
                statement_id, StatementView(statement_id, dimension, text, text.lang)
            )
            if depth_rank(mapping.depth) > depth_rank(view.depth):  # type: ignore[arg-type]
                view.depth = mapping.depth
            view.assessed = view.assessed or mapping.assessed
            if mapping.evidence and mapping.evidence not in view.evidence:
                view.evidence.append(mapping.evidence)
    order = {sid: i for i, sid in enumerate(texts)}
    grouped: dict[str, list[StatementView]] = {d: [] for d in DIMENSIONS}
    for view in sorted(reached.values(), key=lambda v: order[v.id]):
        grouped[view.dimension].append(view)
    return grouped


def module_view(
    framework: Framework, course: Course, module: Module, tr: Catalogue, lang: str = "en"
) -> ModuleView:
    """``lang`` is the language the curriculum is written in (its programme's language)."""
    statements = module_statements(framework, module, tr)
    guidance = _guidance_of(framework, statements)

    def own(texts: list[str]) -> list[LocalText]:
        return [LocalText(text, lang) for text in texts]

    return ModuleView(
        id=module.id,
        anchor=anchor("module", module.id),
        title=module.title,
        course_id=course.id,
        course_title=course.title,
        lang=lang,
        hours=module.hours,
        learning_outcomes=module.learning_outcomes,
        assessment=module.assessment,
        statements=statements,
        key_messages=own(module.key_messages)
        or _unique(tr.local(m) for g in guidance for m in g.key_messages)[:6],
        activity=LocalText(module.activity, lang)
        if module.activity
        else next((tr.local(g.activity) for g in guidance if g.activity), LocalText("", lang)),
        discussion_questions=own(module.discussion_questions)
        or _unique(tr.local(q) for g in guidance for q in g.discussion_questions)[:5],
    )


def _guidance_of(
    framework: Framework, statements: dict[str, list[StatementView]]
) -> list[Guidance]:
    """The guidance of the competencies a module touches, in framework order."""
    reached = {v.id for group in statements.values() for v in group}
    return [
        c.guidance
        for _, c in framework.competencies()
        if c.guidance is not None and any(s.id in reached for s in c.statements)
    ]


def _unique(items: Iterable[LocalText]) -> list[LocalText]:
    return list(dict.fromkeys(items))


def course_views(framework: Framework, curriculum: Curriculum, tr: Catalogue) -> list[CourseView]:
    return [
        CourseView(
            id=course.id,
            anchor=anchor("course", course.id),
            title=course.title,
            description=course.description or "",
            lang=curriculum.programme.language,
            modules=[
                module_view(framework, course, m, tr, curriculum.programme.language)
                for m in course.modules
            ],
        )
        for course in curriculum.courses
    ]


def translation_note(framework: Framework, tr: Catalogue) -> LocalText | None:
    """The colophon's word on the framework's translation into the document's language: a
    draft not yet reviewed, or who reviewed it; None for the reference language (or a language
    the framework has no texts in)."""
    lang = tr.lang.split("-")[0]
    state = framework.translations.get(tr.lang) or framework.translations.get(lang)
    if lang == framework.reference_language.split("-")[0] or state is None:
        return None
    own = "colophon.draft" in tr.own
    note_lang = tr.lang if own else REFERENCE_LANGUAGE
    if state.status == "draft":
        return LocalText(tr("colophon.draft"), note_lang)
    if state.reviewed is not None:
        text = tr("colophon.reviewed_on", reviewer=state.reviewer, date=state.reviewed.isoformat())
    else:
        text = tr("colophon.reviewed", reviewer=state.reviewer)
    return LocalText(text, note_lang)
