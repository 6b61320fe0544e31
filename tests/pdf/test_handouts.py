"""Trainer handouts: one PDF per module, parallel batches, a bad module loses only itself."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from competency_kit.errors import InputError
from competency_kit.pdf import load_profile, write_handouts
from competency_kit.resources import examples_dir

from .conftest import EVIL_TITLE


def text_of(path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)


@pytest.fixture(scope="module")
def batch(framework, curriculum, tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    profile = load_profile(examples_dir() / "profile.yaml")
    return write_handouts(framework, curriculum, out, profile=profile)


def test_one_short_pdf_per_module_named_by_id(batch) -> None:
    assert [p.name for p in batch.written] == [
        "HOS101-M1.pdf",
        "HOS101-M2.pdf",
        "HOS102-M1.pdf",
        "HOS102-M2.pdf",
    ]
    assert batch.failed == []
    assert all(1 <= len(PdfReader(p).pages) <= 2 for p in batch.written)


def test_handout_content_from_the_module(batch, framework) -> None:
    text = text_of(batch.written[0])
    assert "HOS101-M1 Guest arrival and check-in" in text
    assert "FRONT OFFICE OPERATIONS" in text  # the course line is set in capitals
    assert "WHAT LEARNERS SHOULD KNOW" in text and "CP1.1-K1" in text
    assert "A child's safety comes before a sale." in text
    assert "Role-play a check-in" in text
    assert "116 111" in text  # the profile's hotline
    assert framework.version in text


def test_guidance_fills_in_when_the_module_has_none(batch, framework) -> None:
    text = text_of(batch.written[2])
    guidance = framework.competency("CP3.1").guidance
    assert guidance is not None and guidance.key_messages
    assert " ".join(guidance.key_messages[0]["en"].split())[:40] in text


def test_module_title_markup_is_printed_as_text(batch) -> None:
    assert EVIL_TITLE in text_of(batch.written[1])


def test_a_bad_module_does_not_lose_the_others(framework, curriculum, tmp_path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "handout.html").write_text(
        '{% extends "default:handout.html" %}{% block title %}'
        '{% if module.id == "HOS101-M2" %}{{ no_such_value }}{% endif %}{{ super() }}'
        "{% endblock %}",
        encoding="utf-8",
    )
    result = write_handouts(framework, curriculum, tmp_path / "out", templates=templates, jobs=2)
    assert [p.name for p in result.written] == ["HOS101-M1.pdf", "HOS102-M1.pdf", "HOS102-M2.pdf"]
    assert result.failed == [("HOS101-M2", "UndefinedError: 'no_such_value' is undefined")]


def test_jobs_must_be_positive(framework, curriculum, tmp_path) -> None:
    with pytest.raises(InputError) as caught:
        write_handouts(framework, curriculum, tmp_path, jobs=0)
    assert caught.value.problems[0].message == "--jobs must be 1 or more (got 0)"


def test_the_example_module_with_most_statements_fits_two_pages(framework, tmp_path) -> None:
    from competency_kit.curriculum_io import load_curriculum
    from competency_kit.models.curriculum import Curriculum

    diploma = load_curriculum(examples_dir() / "hospitality-diploma.yaml", framework)
    course, module = max(
        diploma.modules(),
        key=lambda pair: sum(len(framework.expand(m.to)) for m in pair[1].maps),
    )
    assert sum(len(framework.expand(m.to)) for m in module.maps) >= 15
    single = Curriculum.model_validate(
        {
            "programme": diploma.programme.model_dump(),
            "courses": [{"id": course.id, "title": course.title, "modules": [module.model_dump()]}],
        }
    )
    profile = load_profile(examples_dir() / "profile.yaml")
    result = write_handouts(framework, single, tmp_path, profile=profile)
    assert len(PdfReader(result.written[0]).pages) == 2
