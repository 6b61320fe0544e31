"""Trainer handouts: one PDF per module, parallel batches, a bad module loses only itself."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from markupsafe import escape
from pypdf import PdfReader

from competency_kit.core.errors import InputError
from competency_kit.core.resources import examples_dir
from competency_kit.documents.profile_io import load_profile
from competency_kit.models.curriculum import Curriculum
from competency_kit.pdf.handouts import write_handouts
from competency_kit.pdf.templating import TemplateSet

from .conftest import EVIL_TITLE, EXAMPLE_LANGUAGES, SOURCE_DATE_EPOCH
from .pdf_layout import Line, Word, lonely_first_words, overlapping_words, read_layout


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
    assert result.failed == [
        (
            "HOS101-M2",
            f"{templates / 'handout.html'}:1: template error: 'no_such_value' is undefined",
        )
    ]


def test_a_template_that_cannot_compile_fails_the_batch_before_any_pdf(
    framework, curriculum, tmp_path
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "handout.html").write_text("<p>\n{% for %}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        write_handouts(framework, curriculum, tmp_path / "out", templates=templates)
    problem = caught.value.problems[0]
    assert (problem.file, problem.line) == (str(templates / "handout.html"), 2)
    assert problem.message.startswith("template error: Expected an expression")
    assert list((tmp_path / "out").iterdir()) == []


def test_no_handout_is_written_when_one_would_overwrite_an_input(
    framework, curriculum, tmp_path
) -> None:
    source = tmp_path / "HOS102-M2.pdf"
    source.write_text("programme: {}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        write_handouts(framework, curriculum, tmp_path, inputs=(None, source))
    assert caught.value.problems[0].message == "the output would overwrite the command's own input"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["HOS102-M2.pdf"]
    assert source.read_text(encoding="utf-8") == "programme: {}\n"


def test_a_refused_stylesheet_is_one_clear_error_also_in_parallel(
    framework, curriculum, tmp_path
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "handout.css").write_text('@import url("http://127.0.0.1:9/x.css");\n')
    with pytest.raises(InputError) as caught:
        write_handouts(framework, curriculum, tmp_path / "out", templates=templates, jobs=2)
    [problem] = caught.value.problems
    assert "refers to 'http://127.0.0.1:9/x.css'" in problem.message
    assert list((tmp_path / "out").iterdir()) == []


def test_jobs_must_be_positive(framework, curriculum, tmp_path) -> None:
    with pytest.raises(InputError) as caught:
        write_handouts(framework, curriculum, tmp_path, jobs=0)
    (problem,) = caught.value.problems
    assert (problem.file, problem.code) == ("jobs", "handouts.bad-jobs")
    assert problem.message == (
        "the number of handouts made at once must be auto or a whole number of 1 or more (got 0)"
    )


def test_the_example_module_with_most_statements_fits_two_pages(framework, tmp_path) -> None:
    from competency_kit.app.inputs import load_curriculum
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


def example_handout(framework, module_id: str, folder, **options) -> Path:
    """The handout of one module of the example diploma."""
    from competency_kit.app.inputs import load_curriculum
    from competency_kit.models.curriculum import Curriculum

    diploma = load_curriculum(examples_dir() / "hospitality-diploma.yaml", framework)
    course, module = next((c, m) for c, m in diploma.modules() if m.id == module_id)
    single = Curriculum.model_validate(
        {
            "programme": diploma.programme.model_dump(),
            "courses": [{"id": course.id, "title": course.title, "modules": [module.model_dump()]}],
        }
    )
    result = write_handouts(framework, single, folder, **options)
    assert result.failed == []
    return result.written[0]


def text_pieces(path) -> list[tuple[int, float, float, str]]:
    """Every piece of text drawn: page, x, baseline y, text."""
    pieces: list[tuple[int, float, float, str]] = []
    for number, page in enumerate(PdfReader(path).pages):

        def visit(text, cm, tm, _font, _size, number=number) -> None:
            if text.strip():
                x, y = cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3]
                pieces.append((number, x, y, text.strip()))

        page.extract_text(visitor_text=visit)
    return pieces


def test_statement_texts_marks_and_title_lay_out_cleanly(framework, tmp_path) -> None:
    profile = load_profile(examples_dir() / "profile.yaml")
    path = example_handout(framework, "HOS202-M4", tmp_path, profile=profile)
    first = PdfReader(path).pages[0].extract_text()
    assert "role-play" in first  # the title wraps between words, not at the word's hyphen
    statements = first.split("WHAT LEARNERS SHOULD KNOW", 1)[1].split("KEY MESSAGES", 1)[0]
    broken = [
        line for line in statements.splitlines() if line.rstrip().endswith(("\u2010", "\u00ad"))
    ]
    assert not broken
    pieces = text_pieces(path)
    marks = [p for p in pieces if p[3] in ("I", "R", "M")]
    assert len(marks) >= 10
    for page, x, y, _ in marks:
        # A depth mark shares its line with the end of its statement's text.
        assert any(q[0] == page and abs(q[2] - y) < 2 and q[1] < x - 20 for q in pieces), (x, y)


def test_french_handout_prints_the_french_texts_and_breaks_words_the_french_way(
    framework, tmp_path
) -> None:
    import pyphen

    from competency_kit.models.base import localize

    path = example_handout(framework, "HOS101-M1", tmp_path, lang="fr")
    reader = PdfReader(path)
    assert len(reader.pages) <= 2
    text = "\n".join(page.extract_text() for page in reader.pages)
    lines = text.splitlines()
    assert any(line.rstrip().endswith(f"Page 1 sur {len(reader.pages)}") for line in lines)
    flat = " ".join(text.replace("\u00ad\n", "").replace("\u2010\n", "").split())
    assert f"version {framework.version}" in flat
    statement = next(s for _, _, s in framework.statements() if s.id == "CP3.1-K1")
    assert " ".join(localize(statement.text, "fr").split())[:60] in flat
    assert " ".join(statement.text["en"].split())[:60] not in flat
    french = pyphen.Pyphen(lang="fr")
    breaks = [
        (left.split()[-1][:-1], right.split()[0])
        for left, right in pairwise(lines)
        if left.rstrip().endswith("\u00ad") and right[:1].islower()  # a line-break hyphen
    ]
    for head, tail in breaks:
        word = (head + tail).strip(".,;:»«\u202f")
        assert len(head) in french.positions(word), (head, tail)


def test_untranslated_framework_text_is_marked_english(framework, tmp_path) -> None:
    from competency_kit.app.inputs import load_curriculum
    from competency_kit.pdf.handouts import render_handout_html
    from competency_kit.pdf.templating import TemplateSet

    diploma = load_curriculum(examples_dir() / "hospitality-diploma.yaml", framework)
    course, module = next(diploma.modules())
    # A framework whose French translation lacks this module's first statement.
    framework = framework.model_copy(deep=True)
    statement = next(s for _, _, s in framework.statements() if s.id == module.maps[0].to)
    del statement.text["fr"]
    templates = TemplateSet()
    html = {
        lang: render_handout_html(
            framework, diploma, course, module, templates, templates.catalogue(lang), None, "x"
        )
        for lang in ("en", "fr")
    }
    assert 'lang="en"' not in html["en"].split("<body", 1)[1]
    head = statement.text["en"].rpartition(" ")[0]
    assert f'<span class="text" lang="en">{escape(head)} ' in html["fr"]
    assert '<html lang="fr">' in html["fr"]


@pytest.mark.parametrize("lang", EXAMPLE_LANGUAGES)
def test_no_two_words_overprint_and_no_statement_starts_with_a_lonely_word(
    example_documents, lang
) -> None:
    for path in example_documents(lang).handouts:
        pages = read_layout(path)
        assert overlapping_words(pages) == [], path.name
        # "Distinguishes" alone on a line, the rest of the statement on the next.
        assert lonely_first_words(pages) == [], path.name


@pytest.mark.parametrize(
    ("lang", "key"),
    [
        ("en", "Key: I introduced R reinforced M mastered assessed"),
        ("fr", "Légende : I introduit R renforcé M maîtrisé évalué"),
    ],
)
def test_every_handout_explains_its_marks_in_its_language(example_documents, lang, key) -> None:
    documents = example_documents(lang)
    for path in documents.handouts:
        structure = documents.structure(path)
        assert key in " ".join(structure.page_text(1).split()), path.name
        # The tick beside the word "assessed" is decoration, not a second "assessed".
        assert structure.figures_without_alt() == [], path.name


def test_the_layout_checks_find_what_they_look_for() -> None:
    def line(*words: tuple[str, float, float, float]) -> Line:
        return Line(1, tuple(Word(1, text, x0, y, x1, y + 10) for text, x0, x1, y in words))

    lonely = [
        line(("CP1.2-K1", 50, 90, 100), ("Distinguishes", 95, 150, 100)),
        line(("sexual", 95, 120, 111), ("abuse,", 123, 150, 111), ("neglect.", 153, 400, 111)),
    ]
    assert lonely_first_words([lonely]) == ["page 1: CP1.2-K1 'Distinguishes'"]
    filled = [lonely[0], line(("sexual", 95, 120, 111), ("abuse.", 123, 140, 111))]
    assert lonely_first_words([filled]) == []  # "sexual" would not have fitted
    over = [line(("PROFONDEUR", 450, 506, 72)), line(("ÉVALUÉ", 493, 523, 72))]
    assert overlapping_words([over]) == ["page 1: 'PROFONDEUR' / 'ÉVALUÉ'"]
    assert overlapping_words([[line(("DEPTH", 450, 480, 72), ("ASSESSED", 490, 523, 72))]]) == []


# Re-runs: only what changed is rendered, and the result is the same as a full run.


def pdf_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.pdf"))}


def with_activity(curriculum: Curriculum, module_id: str, activity: str) -> Curriculum:
    data = curriculum.model_dump(exclude_none=True)
    for course in data["courses"]:
        for module in course["modules"]:
            if module["id"] == module_id:
                module["activity"] = activity
    return Curriculum.model_validate(data)


@pytest.fixture
def fixed_date(monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)


def test_a_rerun_renders_only_the_changed_module_and_equals_a_full_run(
    framework, curriculum, tmp_path, fixed_date
) -> None:
    out = tmp_path / "out"
    first = write_handouts(framework, curriculum, out, jobs=2)
    assert len(first.written) == 4 and first.unchanged == []
    again = write_handouts(framework, curriculum, out, jobs=2)
    assert again.written == [] and again.unchanged == first.written
    assert again.fingerprints == first.fingerprints
    edited = with_activity(curriculum, "HOS102-M1", "Walk through a room check with a colleague.")
    after_edit = write_handouts(framework, edited, out, jobs=2)
    assert [p.name for p in after_edit.written] == ["HOS102-M1.pdf"]
    assert len(after_edit.unchanged) == 3
    full = write_handouts(framework, edited, tmp_path / "full", jobs=1)
    assert len(full.written) == 4
    assert pdf_bytes(out) == pdf_bytes(tmp_path / "full")


def test_a_deleted_or_hand_edited_handout_is_made_again(
    framework, curriculum, tmp_path, fixed_date
) -> None:
    write_handouts(framework, curriculum, tmp_path, jobs=1)
    before = pdf_bytes(tmp_path)
    (tmp_path / "HOS101-M1.pdf").unlink()
    (tmp_path / "HOS102-M2.pdf").write_bytes(b"%PDF-1.7 edited by hand")
    batch = write_handouts(framework, curriculum, tmp_path, jobs=1)
    assert [p.name for p in batch.written] == ["HOS101-M1.pdf", "HOS102-M2.pdf"]
    assert pdf_bytes(tmp_path) == before


def test_a_changed_stylesheet_or_language_renders_all_and_force_renders_all(
    framework, curriculum, tmp_path, fixed_date
) -> None:
    out = tmp_path / "out"
    write_handouts(framework, curriculum, out, jobs=1)
    templates = tmp_path / "templates"
    templates.mkdir()
    own = TemplateSet().find("handout.css").read_text(encoding="utf-8") + "h1 { color: #222; }\n"
    (templates / "handout.css").write_text(own, encoding="utf-8")
    styled = write_handouts(framework, curriculum, out, templates=templates)
    assert len(styled.written) == 4
    assert write_handouts(framework, curriculum, out, templates=templates).written == []
    french = write_handouts(framework, curriculum, out, templates=templates, lang="fr")
    assert len(french.written) == 4
    forced = write_handouts(framework, curriculum, out, templates=templates, lang="fr", force=True)
    assert len(forced.written) == 4 and forced.unchanged == []


def test_without_a_fixed_date_an_unchanged_handout_is_still_recognised(
    framework, curriculum, tmp_path, monkeypatch
) -> None:
    from datetime import UTC, datetime

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    write_handouts(framework, curriculum, tmp_path, created=None)
    later = write_handouts(framework, curriculum, tmp_path)
    assert later.written == [] and len(later.unchanged) == 4
    # A moment given explicitly decides the bytes, so it is part of the fingerprint.
    dated = write_handouts(
        framework, curriculum, tmp_path, created=datetime(2024, 5, 1, tzinfo=UTC)
    )
    assert len(dated.written) == 4


def test_fingerprints_without_rendering_match_the_batch(framework, curriculum, tmp_path) -> None:
    from competency_kit.pdf.handouts import handout_fingerprints

    batch = write_handouts(framework, curriculum, tmp_path, jobs=1)
    assert handout_fingerprints(framework, curriculum) == {
        target.name: fingerprint for target, fingerprint in batch.fingerprints.items()
    }
    assert handout_fingerprints(framework, curriculum, lang="fr") != handout_fingerprints(
        framework, curriculum
    )
