"""Label catalogues, template overrides and CSS string escaping."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from competency_kit.core.errors import InputError
from competency_kit.core.resources import templates_dir
from competency_kit.documents.sources import load_document
from competency_kit.pdf.templating import (
    LANGUAGES,
    TemplateSet,
    copy_templates,
    css_string,
    flatten,
)


def catalogue(code: str) -> dict:
    return flatten(load_document(templates_dir() / "i18n" / f"{code}.yaml").data)


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "en"])
def test_every_catalogue_has_every_label_with_the_same_placeholders(code: str) -> None:
    english, other = catalogue("en"), catalogue(code)
    assert sorted(other) == sorted(english)
    for key, label in other.items():
        assert label, key
        if isinstance(label, str):
            assert set(re.findall(r"{(\w+)}", label)) == set(
                re.findall(r"{(\w+)}", english[key])
            ), key
        else:
            assert len(label) == len(english[key]), key


def test_catalogue_covers_every_gap_rule() -> None:
    from competency_kit.analysis import RULES

    actions = {k.rsplit(".", 1)[1] for k in catalogue("en") if k.startswith("guide.gaps.actions.")}
    assert {rule.id for rule in RULES} <= actions


def test_unknown_language_is_refused_with_the_available_ones() -> None:
    with pytest.raises(InputError) as caught:
        TemplateSet().catalogue("de")
    problem = caught.value.problems[0]
    assert problem.message == "there are no document labels for the language 'de'"
    assert problem.fix.startswith("use one of en, es, fr, pt")


def test_regional_language_uses_its_base_catalogue() -> None:
    assert TemplateSet().catalogue("pt-BR")("guide.contents") == "Sumário"


def test_user_folder_is_searched_first_and_default_reaches_the_builtin(tmp_path) -> None:
    (tmp_path / "_macros.html").write_text('{% extends "default:_macros.html" %}', encoding="utf-8")
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "en.yaml").write_text(
        "guide:\n  contents: Table of contents\n", encoding="utf-8"
    )
    templates = TemplateSet(tmp_path)
    assert templates.find("guide.css") == templates_dir().resolve() / "guide.css"
    assert templates.find("i18n/en.yaml") == tmp_path / "i18n" / "en.yaml"
    assert templates.env.get_template("_macros.html") is not None


def test_missing_templates_folder_is_an_input_error(tmp_path) -> None:
    with pytest.raises(InputError) as caught:
        TemplateSet(tmp_path / "nope")
    assert caught.value.problems[0].message == "the templates folder does not exist"


def test_css_string_cannot_end_the_string_or_the_style_element() -> None:
    assert css_string('a"b\\c</style>') == '"a\\22 b\\5C c\\3C /style\\3E "'
    assert css_string("Diploma — é") == '"Diploma — é"'


def test_an_unknown_label_is_an_input_error() -> None:
    with pytest.raises(InputError) as caught:
        TemplateSet().catalogue("en")("guide.no_such_label")
    problem = caught.value.problems[0]
    assert problem.message == "there is no label 'guide.no_such_label' in the label catalogues"
    assert "i18n/en.yaml" in problem.fix


@pytest.mark.parametrize(
    ("source", "line", "message"),
    [
        (
            "<p>\n{% if %}\n",
            2,
            "template error: Expected an expression, got 'end of statement block'",
        ),
        ("<p>\n\n{{ missing }}", 3, "template error: 'missing' is undefined"),
        ("{{ t('no.such') }}", 1, "there is no label 'no.such' in the label catalogues"),
        ('<p>\n{% include "nope.html" %}', 2, "the template 'nope.html' does not exist"),
        (
            "{{ ''.__class__.__mro__ }}",
            1,
            "template error: access to attribute '__class__' of 'str' object is unsafe.",
        ),
    ],
)
def test_a_broken_user_template_is_an_input_error_at_its_line(
    tmp_path, source: str, line: int, message: str
) -> None:
    (tmp_path / "mine.html").write_text(source, encoding="utf-8")
    templates = TemplateSet(tmp_path)
    with pytest.raises(InputError) as caught:
        templates.render("mine.html", {"t": templates.catalogue("en")})
    problem = caught.value.problems[0]
    assert (problem.file, problem.line, problem.message) == (
        str(tmp_path / "mine.html"),
        line,
        message,
    )


def test_copy_templates_refuses_a_file_in_the_way_even_with_force(tmp_path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "fonts").write_text("mine", encoding="utf-8")
    for destination, blocked in (
        (tmp_path / "notes.txt", tmp_path / "notes.txt"),
        (tmp_path / "notes.txt" / "sub", tmp_path / "notes.txt"),
        (tmp_path / "t", tmp_path / "t" / "fonts"),
    ):
        with pytest.raises(InputError) as caught:
            copy_templates(destination, force=True)
        assert caught.value.problems[0].file == str(blocked)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == ["fonts"]


def test_a_catalogue_that_is_not_a_mapping_is_one_problem_naming_it(tmp_path) -> None:
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "fr.yaml").write_text("- Sommaire\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        TemplateSet(tmp_path).catalogue("fr")
    [problem] = exc.value.problems
    assert problem.code == "labels.not-a-mapping"
    assert problem.file == str(tmp_path / "i18n" / "fr.yaml")


def test_isolate_puts_right_to_left_text_in_bdi_and_leaves_other_text_alone() -> None:
    from markupsafe import Markup

    from competency_kit.pdf.templating import isolate

    assert isolate("عنوان <الوحدة>") == "<bdi>عنوان &lt;الوحدة&gt;</bdi>"
    assert isolate("כותרת") == "<bdi>כותרת</bdi>"
    assert isolate("Guest <b>check-in</b>") == "Guest &lt;b&gt;check-in&lt;/b&gt;"
    assert isolate(Markup('<span class="x">עברית</span>')) == (
        '<bdi><span class="x">עברית</span></bdi>'
    )


def test_compiled_templates_are_kept_and_a_later_run_does_not_compile_them_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from jinja2.sandbox import SandboxedEnvironment

    from competency_kit.core.cache import CACHE_ENV

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    (tmp_path / "page.html").write_text("<p>{{ name }}</p>", encoding="utf-8")
    first = TemplateSet(tmp_path).render("page.html", {"name": "Amara"})
    assert list((tmp_path / "cache").rglob("*.cache"))

    def no_compile(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again although the cache holds it")

    with monkeypatch.context() as patch:
        patch.setattr(SandboxedEnvironment, "compile", no_compile)
        assert TemplateSet(tmp_path).render("page.html", {"name": "Amara"}) == first

    # A changed template is compiled afresh: the cache is checked against the source.
    (tmp_path / "page.html").write_text("<b>{{ name }}</b>", encoding="utf-8")
    assert TemplateSet(tmp_path).render("page.html", {"name": "Amara"}) == "<b>Amara</b>"


def test_a_damaged_or_unwritable_template_cache_is_passed_over(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from competency_kit.core.cache import CACHE_ENV
    from competency_kit.pdf.templating import QuietBytecodeCache

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    (tmp_path / "page.html").write_text("<p>{{ name }}</p>", encoding="utf-8")
    TemplateSet(tmp_path).render("page.html", {"name": "Amara"})
    for entry in (tmp_path / "cache").rglob("*.cache"):
        entry.write_bytes(entry.read_bytes()[:20] + b"\0garbage")
    assert TemplateSet(tmp_path).render("page.html", {"name": "Amara"}) == "<p>Amara</p>"

    templates = TemplateSet(tmp_path)
    templates.env.bytecode_cache = QuietBytecodeCache(str(tmp_path / "no" / "such" / "folder"))
    assert templates.render("page.html", {"name": "Amara"}) == "<p>Amara</p>"
