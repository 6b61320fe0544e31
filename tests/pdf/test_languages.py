"""The guide and handouts in each language: framework texts, finding sentences and the note on
the translation's state in that language; a text missing from a translation marked as such."""

from __future__ import annotations

import random

import pytest
from markupsafe import escape

from competency_kit.analysis import analyse
from competency_kit.app.inputs import load_curriculum
from competency_kit.core.resources import examples_dir
from competency_kit.documents.framework_io import load_framework
from competency_kit.models.curriculum import Curriculum
from competency_kit.models.framework import Framework, Translation
from competency_kit.pdf.guide import render_guide_html, without_target
from competency_kit.pdf.handouts import render_handout_html
from competency_kit.pdf.templating import TemplateSet

LANGS = ["fr", "es", "pt"]


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework()


@pytest.fixture(scope="module")
def curriculum(framework: Framework) -> Curriculum:
    return load_curriculum(examples_dir() / "hospitality-diploma.yaml", framework)


def guide(framework: Framework, curriculum: Curriculum, lang: str) -> str:
    report = analyse(framework, curriculum)
    return render_guide_html(framework, curriculum, report, TemplateSet(), lang)


@pytest.mark.parametrize("lang", LANGS)
def test_guide_prints_statements_in_the_language_not_english(
    framework: Framework, curriculum: Curriculum, lang: str
) -> None:
    html = guide(framework, curriculum, lang)
    statements = [s for _, _, s in framework.statements()]
    for statement in random.Random(13).sample(statements, 60):
        assert str(escape(statement.text[lang])) in html, statement.id
        assert str(escape(statement.text["en"])) not in html, statement.id


@pytest.mark.parametrize("lang", LANGS)
def test_guide_prints_finding_sentences_in_the_language(
    framework: Framework, curriculum: Curriculum, lang: str
) -> None:
    html = guide(framework, curriculum, lang)
    tr = TemplateSet().catalogue(lang).for_framework(framework)
    for finding in analyse(framework, curriculum).findings:
        sentence = tr.finding(finding, framework)
        assert sentence.lang == lang
        assert str(escape(without_target(sentence, finding.target))) in html
        assert str(escape(finding.message)) not in html


DRAFT = {
    "fr": "Traduction française du référentiel\u202f: version provisoire, pas encore relue par un "
    "réviseur. En cas de doute, le texte de référence fait foi.",
    "es": "Traducción al español del marco: versión provisional, aún no revisada por una "
    "persona revisora. En caso de duda, prevalece el texto de referencia.",
    "pt": "Tradução da matriz para o português: versão provisória, ainda não revisada por um "
    "revisor. Em caso de dúvida, prevalece o texto de referência.",
}


@pytest.mark.parametrize("lang", LANGS)
def test_draft_translation_is_said_on_the_cover_and_every_handout(
    framework: Framework, curriculum: Curriculum, lang: str
) -> None:
    note = f'<p class="translation-note">{escape(DRAFT[lang])}</p>'
    assert note in guide(framework, curriculum, lang)
    templates = TemplateSet()
    tr = templates.catalogue(lang).for_framework(framework)
    course, module = next(iter(curriculum.modules()))
    handout = render_handout_html(framework, curriculum, course, module, templates, tr, None, "")
    assert note in handout


def test_english_guide_has_no_translation_note(
    framework: Framework, curriculum: Curriculum
) -> None:
    assert "translation-note" not in guide(framework, curriculum, "en")


def test_reviewed_translation_names_its_reviewer(
    framework: Framework, curriculum: Curriculum
) -> None:
    reviewed = framework.model_copy(
        update={
            "translations": framework.translations
            | {"fr": Translation(status="reviewed", reviewer="Aminata Diallo")}
        }
    )
    html = guide(reviewed, curriculum, "fr")
    assert (
        '<p class="translation-note">Traduction française du référentiel relue par '
        "Aminata Diallo.</p>"
    ) in html
    assert "provisoire" not in html


def test_a_missing_translation_falls_back_marked_with_its_language(
    framework: Framework, curriculum: Curriculum
) -> None:
    data = framework.model_dump(mode="json")
    statement = data["areas"][0]["competencies"][0]["statements"][0]
    del statement["text"]["fr"]
    partial = Framework.model_validate(data)
    html = guide(partial, curriculum, "fr")
    assert f'<td lang="en">{escape(statement["text"]["en"])}</td>' in html
    assert '<html lang="fr"' in html
