"""What the templates show, prepared from the models: localised, ordered, merged.

Templates stay simple (loops and labels); every decision about content is made here, in plain
functions that tests can call without rendering anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..models.curriculum import Course, Curriculum, Module, depth_rank
from ..models.framework import DIMENSIONS, Framework, Guidance
from .templating import Catalogue


@dataclass
class StatementView:
    id: str
    dimension: str
    text: str
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
    hours: float | None
    learning_outcomes: list[str]
    assessment: list[str]
    statements: dict[str, list[StatementView]]
    """Covered statements grouped by dimension (knowledge, skill, attitude), framework order."""
    key_messages: list[str]
    activity: str
    discussion_questions: list[str]

    @property
    def statement_count(self) -> int:
        return sum(len(group) for group in self.statements.values())


@dataclass
class CourseView:
    id: str
    anchor: str
    title: str
    description: str
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
    texts = {s.id: (s.dimension, tr.text(s.text)) for _, _, s in framework.statements()}
    for mapping in module.maps:
        for statement_id in framework.expand(mapping.to):
            dimension, text = texts[statement_id]
            view = reached.setdefault(statement_id, StatementView(statement_id, dimension, text))
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


def module_view(framework: Framework, course: Course, module: Module, tr: Catalogue) -> ModuleView:
    statements = module_statements(framework, module, tr)
    guidance = _guidance_of(framework, statements)
    return ModuleView(
        id=module.id,
        anchor=anchor("module", module.id),
        title=module.title,
        course_id=course.id,
        course_title=course.title,
        hours=module.hours,
        learning_outcomes=module.learning_outcomes,
        assessment=module.assessment,
        statements=statements,
        key_messages=module.key_messages
        or _unique(tr.text(m) for g in guidance for m in g.key_messages)[:6],
        activity=module.activity or next((tr.text(g.activity) for g in guidance if g.activity), ""),
        discussion_questions=module.discussion_questions
        or _unique(tr.text(q) for g in guidance for q in g.discussion_questions)[:5],
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


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def course_views(framework: Framework, curriculum: Curriculum, tr: Catalogue) -> list[CourseView]:
    return [
        CourseView(
            id=course.id,
            anchor=anchor("course", course.id),
            title=course.title,
            description=course.description or "",
            modules=[module_view(framework, course, m, tr) for m in course.modules],
        )
        for course in curriculum.courses
    ]
