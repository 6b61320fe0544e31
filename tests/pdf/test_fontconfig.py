"""The installed fonts, as fontconfig lists them."""

from __future__ import annotations

from competency_kit.pdf import fontconfig


def test_installed_fonts_have_names_and_character_sets() -> None:
    fonts = fontconfig.installed_fonts()
    assert fonts, "fontconfig lists no font on this machine"
    assert all(name for name, _ in fonts)


def test_a_font_is_found_for_latin_letters_and_none_for_an_unassigned_character() -> None:
    assert fontconfig.font_for("Ab") is not None
    assert fontconfig.font_for("\U000e0fff") is None
