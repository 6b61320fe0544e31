"""The palette: each area keeps its colour, repeated when a framework has more areas."""

from __future__ import annotations

from competency_kit.excel import palette


def test_area_colours_repeat_after_the_last() -> None:
    count = len(palette.AREA_COLOURS)
    assert len(palette.AREA_STRONG_COLOURS) == count
    assert palette.area_colour(0) == palette.area_colour(count) == "DCE9F7"
    assert palette.area_strong_colour(1) == palette.area_strong_colour(count + 1)


def test_depth_text_stays_readable_on_the_darkest_shade() -> None:
    assert palette.depth_font("M").color.rgb == "00" + palette.WHITE
    assert palette.depth_font("I").color.rgb == "00" + palette.BLACK
    assert set(palette.DEPTH_SHADES) == set(palette.MARK_COLOURS) == {"I", "R", "M"}


def test_conditional_fills_carry_the_colour_in_front_and_behind() -> None:
    fill = palette.highlight("FFE699")
    assert (fill.fgColor.rgb, fill.bgColor.rgb) == ("00FFE699", "00FFE699")
    assert palette.solid("FFE699").bgColor.rgb != "00FFE699"
