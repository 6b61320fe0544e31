"""Label widths measured in the packaged typeface."""

from __future__ import annotations

import pytest

from competency_kit.pdf.measure import label_width_mm
from competency_kit.pdf.templating import TemplateSet


@pytest.fixture(scope="module")
def bold():
    return TemplateSet().find("fonts/NotoSans-Bold.ttf")


def test_a_longer_label_is_wider_and_capitals_and_tracking_add_width(bold) -> None:
    depth = label_width_mm("Depth", bold, 7.5)
    assert 5 < depth < 9
    assert label_width_mm("Profundidade", bold, 7.5) > 2 * depth
    assert label_width_mm("Depth", bold, 7.5, uppercase=True) > depth
    assert label_width_mm("Depth", bold, 7.5, tracking_em=0.05) == pytest.approx(
        depth + 5 * 0.05 * 7.5 * 25.4 / 72
    )
    assert label_width_mm("Depth", bold, 15) == pytest.approx(2 * depth)


def test_a_character_the_font_lacks_still_takes_room(bold) -> None:
    assert label_width_mm("ความลึก", bold, 7.5) > label_width_mm("Depth", bold, 7.5)
