"""Characters no packaged or installed font draws become ``text.no-font`` warnings."""

from __future__ import annotations

import pytest

from competency_kit.pdf import fontconfig
from competency_kit.pdf.font_coverage import (
    font_problems,
    missing_characters,
    packaged_characters,
    script_of,
)
from competency_kit.pdf.shown_texts import curriculum_texts

from .conftest import small_curriculum

CHINESE = "接待客人"
no_cjk_font = pytest.mark.skipif(
    fontconfig.font_for("接") is not None, reason="a CJK font is installed on this machine"
)


@pytest.fixture(scope="module")
def packaged() -> frozenset[str]:
    return packaged_characters()


@pytest.mark.parametrize(
    "text",
    [
        "Guest arrival and check-in",
        "Accueil des clients : sécurité, œuvre, façade",
        "Tiếp đón khách và bảo vệ trẻ em",
        "การคุ้มครองเด็ก",
        "ការការពារកុមារ",
        "ການປົກປ້ອງເດັກ",
        "ကလေးသူငယ်ကာကွယ်ရေး",
        "line\u200bbreak \u2068isolated\u2069",
    ],
)
def test_packaged_fonts_draw_latin_vietnamese_and_the_four_scripts(packaged, text) -> None:
    assert missing_characters(text, packaged) == ""


def test_the_packaged_character_maps_hold_the_scripts_fonts(packaged) -> None:
    assert {"A", "ệ", "ก", "ក", "ກ", "က"} <= packaged
    assert "接" not in packaged


@no_cjk_font
def test_chinese_characters_are_missing_each_once_in_order(packaged) -> None:
    assert missing_characters(f"Module {CHINESE} 客", packaged) == CHINESE


def test_a_character_an_installed_font_has_is_drawn(packaged) -> None:
    arabic = fontconfig.font_for("ع")
    if arabic is None:
        pytest.skip("no Arabic font is installed on this machine")
    assert missing_characters("عنوان الوحدة", packaged) == ""


def test_scripts_are_named_as_unicode_names_them() -> None:
    assert [script_of(c) for c in "a接عกက"] == ["Latin", "Han", "Arabic", "Thai", "Myanmar"]


@no_cjk_font
def test_a_chinese_module_title_is_a_warning_naming_module_field_and_script() -> None:
    curriculum = small_curriculum()
    curriculum.courses[0].modules[0].title = CHINESE
    problems = font_problems("curriculum.yaml", curriculum_texts(curriculum))
    assert [(p.code, p.severity, p.file, p.field, p.value) for p in problems] == [
        ("text.no-font", "warning", "curriculum.yaml", "title", CHINESE)
    ]
    message, fix = problems[0].message, problems[0].fix
    assert message.startswith(f"module HOS101-M1 ({CHINESE}): no font here can draw '接 待 客 人'")
    assert "(Han)" in message and "empty boxes" in message
    assert fix.startswith("install a font for Han, e.g. fonts-noto-cjk")


def test_a_latin_curriculum_has_no_warning() -> None:
    assert font_problems("curriculum.yaml", curriculum_texts(small_curriculum())) == []
