"""How wide a short label prints in the packaged typeface, so a table with a fixed layout
(faster to render than one laid out by its content) still gives each column room for its
heading in every language: "DEPTH" in English, "PROFUNDIDADE" in Portuguese.

Widths come from the font's advance widths; a character the font lacks counts as a wide one,
so a label in another script errs on the roomy side.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

MM_PER_PT = 25.4 / 72
FALLBACK_ADVANCE = 0.75
"""Width (in em) of a character the font cannot draw."""


@cache
def _metrics(font_path: Path) -> tuple[dict[int, int], int]:
    """Advance width of every character the font maps, in font units, and units per em."""
    font = TTFont(font_path, lazy=True)
    metrics = font["hmtx"].metrics
    advances = {code: metrics[name][0] for code, name in font.getBestCmap().items()}
    return advances, font["head"].unitsPerEm


def label_width_mm(
    text: str, font_path: Path, size_pt: float, *, tracking_em: float = 0, uppercase: bool = False
) -> float:
    """The printed width of ``text`` on one line, in millimetres, at ``size_pt`` with
    ``tracking_em`` letter-spacing (CSS ``letter-spacing`` in em), set in capitals when
    ``uppercase`` (CSS ``text-transform: uppercase``)."""
    advances, per_em = _metrics(font_path)
    if uppercase:
        text = text.upper()
    ems = sum(advances.get(ord(char), FALLBACK_ADVANCE * per_em) for char in text) / per_em
    return (ems + tracking_em * len(text)) * size_pt * MM_PER_PT
