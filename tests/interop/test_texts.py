"""Text from other systems made fit for a framework file, the same way for CASE and Moodle."""

from __future__ import annotations

import pytest

from competency_kit.interop.moodle import HEADER, is_moodle_header
from competency_kit.interop.texts import (
    ascii_letters,
    code_from,
    compact,
    fit_text,
    html_paragraphs,
    looks_like_html,
)


def test_fit_text_takes_out_what_a_yaml_file_cannot_hold() -> None:
    assert fit_text("a\u0098b\x01c\ud800d\ufffe") == (
        "abcd",
        ["U+0098", "U+0001", "U+D800", "U+FFFE"],
    )
    assert fit_text("one\r\ntwo\rthree\u2028four\ttab") == ("one\ntwo\nthree\nfour\ttab", [])
    assert fit_text("日本語 🌏 é") == ("日本語 🌏 é", [])


def test_html_becomes_plain_paragraphs() -> None:
    assert html_paragraphs(
        "<p>One <b>bold</b><br>line</p><ul><li>a</li><li>b &amp; c</li></ul>"
    ) == [
        "One bold\nline",
        "a",
        "b & c",
    ]
    assert html_paragraphs("x<sup>2</sup>, H<sub>2</sub>O, e<sup>iπ</sup>") == ["x², H₂O, e^(iπ)"]
    assert html_paragraphs('<img alt="Flow" src="http://x/f.png"> and <img src=\'y.png\'>') == [
        "[image: Flow (http://x/f.png)] and [image: y.png]"
    ]


@pytest.mark.parametrize(
    ("text", "html"),
    [("x < 5 and y > 3", False), ("a <b>bold</b>", True), ("<p>para</p>", True), ("1<2>0", False)],
)
def test_only_text_with_tags_counts_as_html(text: str, html: bool) -> None:
    assert looks_like_html(text) is html


def test_letters_keep_their_base_letter() -> None:
    assert ascii_letters("Débutant, Kỹ năng, Straße, Łódź") == "Debutant, Ky nang, Strasse, Lodz"
    assert code_from("Sécurité 2") == "Securite-2" and code_from("知識") == ""


def test_compact_leaves_out_empty_values_only() -> None:
    assert compact({"a": None, "b": "", "c": [], "d": {}, "e": 0, "f": False, "g": "x"}) == {
        "e": 0,
        "f": False,
        "g": "x",
    }


@pytest.mark.parametrize(
    "header",
    [
        HEADER,
        ["Parent id number", "Id number", "Shortname", *HEADER[3:]],
        [
            "Numéro d'identification du parent",
            "Numéro d'identification",
            "Nom abrégé",
            "Description",
            "Format de description",
            "Valeurs du barème",
            "Configuration du barème",
            "Type de règle (facultatif)",
            "Résultat de la règle (facultatif)",
            "Configuration de la règle (facultatif)",
            "Numéros d'identification des compétences liées",
            "ID exporté (facultatif)",
            "Est un référentiel",
            "Taxonomie",
        ],
        [
            "ID-Nummer der übergeordneten Kompetenz",
            "ID-Nummer",
            "Kurzname",
            "Beschreibung",
            "Beschreibungsformat",
            "Skalenwerte",
            "Skalenkonfiguration",
            "Regeltyp (optional)",
            "Regelergebnis (optional)",
            "Regelkonfiguration (optional)",
            "Querverweis-ID-Nummern verwandter Kompetenzen",
            "Exportierte ID (optional)",
            "Ist Kompetenzrahmen",
            "Taxonomie",
        ],
        [
            "Número ID del padre",
            "Número ID",
            "Nombre corto",
            "Descripción",
            "Formato de descripción",
            "Valores de escala",
            "Configuración de escala",
            "Tipo de regla (opcional)",
            "Resultado de la regla (opcional)",
            "Configuración de la regla (opcional)",
            "Números ID de competencias relacionadas",
            "ID exportado (opcional)",
            "Es marco",
            "Taxonomía",
        ],
        [
            "Número de ID do pai",
            "Número de ID",
            "Nome curto",
            "Descrição",
            "Formato da descrição",
            "Valores da escala",
            "Configuração da escala",
            "Tipo de regra (opcional)",
            "Resultado da regra (opcional)",
            "Configuração da regra (opcional)",
            "Números de ID de competências relacionadas",
            "ID exportado (opcional)",
            "É quadro",
            "Taxonomia",
        ],
    ],
)
def test_moodle_headers_in_its_languages_are_recognised(header: list[str]) -> None:
    assert is_moodle_header(header)


def test_other_headers_are_not_moodle_s() -> None:
    assert not is_moodle_header([f"Column {n}" for n in range(1, 15)])
