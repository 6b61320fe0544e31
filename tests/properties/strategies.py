"""Hypothesis strategies for valid frameworks and curricula."""

from __future__ import annotations

from hypothesis import strategies as st

from competency_kit.models.curriculum import Curriculum
from competency_kit.models.framework import Framework

DIMENSIONS = ("knowledge", "skill", "attitude")

words = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)
slugs = st.from_regex(r"[a-z][a-z0-9]{0,8}", fullmatch=True)


def localized() -> st.SearchStrategy[object]:
    return st.one_of(
        words,
        st.fixed_dictionaries({"en": words}, optional={"fr": words, "pt-BR": words}),
    )


@st.composite
def frameworks(draw: st.DrawFn) -> Framework:
    levels = draw(st.lists(slugs, min_size=1, max_size=3, unique=True))
    audiences = draw(st.lists(slugs, min_size=1, max_size=3, unique=True))
    areas = []
    for a in range(draw(st.integers(1, 4))):
        competencies = []
        for c in range(draw(st.integers(1, 3))):
            dims = draw(st.lists(st.sampled_from(DIMENSIONS), min_size=1, max_size=5))
            competencies.append(
                {
                    "id": f"A{a}.{c}",
                    "title": draw(localized()),
                    "audiences": draw(
                        st.lists(st.sampled_from(audiences), max_size=2, unique=True)
                    ),
                    "level": draw(st.sampled_from(levels)),
                    "statements": [
                        {
                            "id": f"A{a}.{c}-{d[0].upper()}{i}",
                            "dimension": d,
                            "text": draw(localized()),
                        }
                        for i, d in enumerate(dims)
                    ],
                }
            )
        areas.append({"id": f"A{a}", "title": draw(localized()), "competencies": competencies})
    return Framework.model_validate(
        {
            "id": "fw",
            "title": draw(localized()),
            "version": draw(st.from_regex(r"[0-9]\.[0-9]", fullmatch=True)),
            "levels": [{"id": lv, "title": draw(localized())} for lv in levels],
            "audiences": [{"id": au, "title": draw(localized())} for au in audiences],
            "glossary": [
                {"term": draw(words), "definition": draw(words)}
                for _ in range(draw(st.integers(0, 3)))
            ],
            "areas": areas,
        }
    )


@st.composite
def curricula(draw: st.DrawFn, framework: Framework) -> Curriculum:
    targets = framework.statement_ids() + [c.id for _, c in framework.competencies()]
    courses = []
    for c in range(draw(st.integers(1, 3))):
        modules = []
        for m in range(draw(st.integers(0, 4))):
            mapped = draw(st.lists(st.sampled_from(targets), max_size=6, unique=True))
            modules.append(
                {
                    "id": f"C{c}-M{m}",
                    "title": draw(words),
                    "hours": draw(
                        st.one_of(
                            st.none(),
                            st.integers(0, 40),
                            st.floats(0, 40, allow_nan=False).map(lambda h: round(h, 2)),
                        )
                    ),
                    "learning_outcomes": draw(st.lists(words, max_size=2)),
                    "assessment": draw(st.lists(words, max_size=2)),
                    "maps": [
                        {
                            "to": t,
                            "depth": draw(st.sampled_from("IRM")),
                            "assessed": draw(st.booleans()),
                            "evidence": draw(st.one_of(st.none(), words)),
                        }
                        for t in mapped
                    ],
                }
            )
        courses.append({"id": f"C{c}", "title": draw(words), "modules": modules})
    return Curriculum.model_validate(
        {
            "programme": {
                "id": "P1",
                "title": draw(words),
                "institution": draw(st.one_of(st.none(), words)),
            },
            "courses": courses,
        }
    )
