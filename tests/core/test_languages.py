"""Language codes as people type them, normalised in one place."""

from __future__ import annotations

import pytest

from competency_kit.core.errors import InputError
from competency_kit.core.languages import canonical, code_for_name, normalise

LABELS = ["en", "es", "fr", "pt"]


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("fr", "fr"),
        ("FR", "fr"),
        ("fr-FR", "fr-FR"),
        ("fr_CA", "fr-CA"),
        ("fr-ca", "fr-CA"),
        ("French", "fr"),
        ("français", "fr"),
        ("Inglés", "en"),
        (" pt_br ", "pt-BR"),
    ],
)
def test_case_region_and_names_are_normalised(typed: str, code: str) -> None:
    assert normalise(typed, LABELS) == code


def test_a_language_without_labels_lists_those_there_are() -> None:
    with pytest.raises(InputError) as exc:
        normalise("de", LABELS)
    (problem,) = exc.value.problems
    assert (problem.file, problem.code, problem.message, problem.fix) == (
        "language",
        "lang.unknown",
        "'de' is not one of the available languages (en, es, fr, pt)",
        "use one of: en, es, fr, pt (a region such as fr-CA may follow the code)",
    )


def test_canonical_and_names() -> None:
    assert canonical("EN-gb") == "en-GB"
    assert canonical("English") is None
    assert canonical("fr-") is None
    assert code_for_name("Tiếng Việt") == "vi"
    assert code_for_name("tieng viet") == "vi"  # accents and case forgiven
    assert code_for_name("Klingon") is None
