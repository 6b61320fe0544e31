"""The Instructions sheet of the mapping workbook: what to do, in plain language."""

from __future__ import annotations

from collections.abc import Callable

from openpyxl.worksheet.worksheet import Worksheet

from competency_kit.excel.cells import LINE_HEIGHT, put
from competency_kit.excel.mapping import layout as L
from competency_kit.excel.mapping.wording import MappingWords
from competency_kit.excel.palette import BOLD, HINT, NAVY_BANNER, NAVY_HEADING, SECTION_BAND, WRAP
from competency_kit.excel.printing import print_setup
from competency_kit.models.framework import Framework

DEPTH_KEYS = ("I", "R", "M", "assessed", "empty")
"""The rows of "What the letters mean", by their keys in the catalogue."""

TEXT_LINE = 95
"""Characters per line of the text column (B), for row heights."""


def write_instructions(
    ws: Worksheet,
    framework: Framework,
    words: MappingWords,
    text: Callable[[dict[str, str] | None], str],
) -> None:
    """The sheet in the words' language; ``text`` gives a framework text in that language."""
    ws.title = words.sheet(L.INSTRUCTIONS)
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 100
    put(ws["A1"], words("instructions.banner"), font=NAVY_BANNER)
    ws.row_dimensions[1].height = 28
    framework_line = words(
        "instructions.framework", title=text(framework.title), version=framework.version
    )
    put(ws["A2"], framework_line, font=HINT)
    put(ws["A3"], words("instructions.intro"), alignment=WRAP)
    ws.merge_cells("A3:B3")
    ws.row_dimensions[3].height = 32
    sheets = words.sheet_names()
    steps = [
        (words("instructions.step", number=number), step)
        for number, step in enumerate(words.numbered("instructions.steps", **sheets), start=1)
    ]
    depths = [
        (words(f"instructions.depths.{key}"), words(f"instructions.depths.{key}_text"))
        for key in DEPTH_KEYS
    ]
    good = [("•", item) for item in words.numbered("instructions.good", **sheets)]
    row = _section(ws, 5, words("instructions.what_to_do"), steps)
    row = _section(ws, row + 1, words("instructions.letters"), depths)
    _section(ws, row + 1, words("instructions.good_to_know"), good)
    ws.sheet_view.showGridLines = False
    print_setup(ws, orientation=None)
    ws.protection.sheet = True


def _section(ws: Worksheet, row: int, title: str, items: list[tuple[str, str]]) -> int:
    """A heading and its label/text rows; returns the next free row."""
    put(ws.cell(row, 1), title, font=NAVY_HEADING)
    for c in (1, 2):
        ws.cell(row, c).fill = SECTION_BAND
    row += 1
    for label, text in items:
        put(ws.cell(row, 1), label, font=BOLD, alignment=WRAP)
        put(ws.cell(row, 2), text, alignment=WRAP)
        ws.row_dimensions[row].height = LINE_HEIGHT * max(1, -(-len(text) // TEXT_LINE))
        row += 1
    return row
