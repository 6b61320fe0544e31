"""Finding sentences worded from the label catalogues, in every language they are written in."""

from __future__ import annotations

from pathlib import Path

import pytest

from competency_kit.analysis import RULES, Policy, analyse
from competency_kit.app.inputs import load_curriculum
from competency_kit.documents.finding_text import finding_sentence, join_names
from competency_kit.documents.framework_io import load_framework
from competency_kit.models.base import localize
from competency_kit.models.report import Finding, GapReport
from competency_kit.pdf.templating import TemplateSet

EXAMPLE = Path(__file__).parents[2] / "examples" / "hospitality-diploma.yaml"
STRICT = {
    "rules": {
        "progression-order": {"require_introduction": True},
        "area-coverage": {"threshold": 1.0},
        "minimum-hours": {"min_hours": 40},
        "required-depth": {"levels": {"foundation": "M", "intermediate": "M", "advanced": "M"}},
    }
}


@pytest.fixture(scope="module")
def report() -> GapReport:
    framework = load_framework()
    curriculum = load_curriculum(EXAMPLE, framework)
    extra = {
        "id": "EXTRA-M1",
        "title": "Unmapped",
        "maps": [],
    }
    data = curriculum.model_dump(mode="json", exclude_none=True)
    data["courses"][0]["modules"].append(extra)
    data["courses"][0]["modules"].insert(
        0, {"id": "EARLY-M0", "title": "Early", "maps": [{"to": "CP1.1-K1", "depth": "M"}]}
    )
    cur = type(curriculum).model_validate(data)
    return analyse(framework, cur, Policy.model_validate(STRICT))


def labels(lang: str) -> dict:
    return TemplateSet().catalogue(lang).labels


def test_the_example_shows_every_rule(report: GapReport) -> None:
    assert {f.rule for f in report.findings} >= {r.id for r in RULES} - {"missing-dimension"}


def test_english_catalogue_words_exactly_the_json_message(report: GapReport) -> None:
    framework = load_framework()
    english = labels("en")
    for finding in report.findings:
        assert finding_sentence(finding, english, framework, "en") == finding.message


@pytest.mark.parametrize("lang", ["fr", "es", "pt"])
def test_every_finding_is_worded_in_the_language(report: GapReport, lang: str) -> None:
    framework = load_framework()
    own = labels(lang)
    for finding in report.findings:
        sentence = finding_sentence(finding, own, framework, lang)
        assert sentence is not None and sentence != finding.message
        assert finding.target in sentence
        if finding.rule != "unmapped-module":  # which quotes the module's own (English) title
            assert " and " not in sentence and "never" not in sentence


def test_french_sentences_quote_french_texts_and_words(report: GapReport) -> None:
    framework = load_framework()
    fr = labels("fr")
    uncovered = next(f for f in report.findings if f.rule == "uncovered-statement")
    statement = next(s for _, _, s in framework.statements() if s.id == uncovered.target)
    sentence = finding_sentence(uncovered, fr, framework, "fr")
    assert sentence == (
        f"{uncovered.target} ({fr[f'findings.dimensions.{statement.dimension}']}) n’est enseigné "
        f"dans aucun module\u202f: «\u202f{localize(statement.text, 'fr')}\u202f»"
    )
    early = next(f for f in report.findings if f.id == "progression-order:CP1.1-K1")
    assert finding_sentence(early, fr, framework, "fr").startswith(
        "CP1.1-K1 est maîtrisé dans EARLY-M0"
    )


def test_module_lists_join_in_the_language() -> None:
    fr = labels("fr")
    assert join_names(["A"], fr) == "A"
    assert join_names(["A", "B", "C"], fr) == "A, B et C"
    assert join_names([f"M{i}" for i in range(8)], labels("pt")) == "M0, M1, M2, M3, M4 e mais 3"


def test_a_catalogue_without_the_sentence_gives_none() -> None:
    finding = Finding(
        id="x:T",
        rule="x",
        title="X",
        severity="low",
        target="T",
        message="T is odd",
        message_code="x",
        params={},
    )
    assert finding_sentence(finding, labels("fr"), load_framework(), "fr") is None


def test_params_are_language_neutral(report: GapReport) -> None:
    depth = next(f for f in report.findings if f.rule == "required-depth")
    assert depth.params["required"] == "M" and depth.message_code == "required-depth"
    never = next(f for f in report.findings if f.message_code.endswith("never-introduced"))
    assert never.message_code == "progression-order.never-introduced"
    assessed = next(f for f in report.findings if f.rule == "never-assessed")
    assert isinstance(assessed.params["modules"], list)


def test_gap_json_keeps_its_keys_and_adds_code_and_params(report: GapReport) -> None:
    finding = report.model_dump(mode="json")["findings"][0]
    assert set(finding) == {
        "id",
        "rule",
        "title",
        "severity",
        "target",
        "message",
        "message_code",
        "params",
    }
