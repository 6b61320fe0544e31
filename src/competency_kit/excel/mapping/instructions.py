"""The Instructions sheet of the mapping workbook: what to do, in plain language."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from competency_kit.excel.cells import LINE_HEIGHT, put
from competency_kit.excel.mapping import layout as L
from competency_kit.excel.palette import BOLD, HINT, NAVY_BANNER, NAVY_HEADING, SECTION_BAND, WRAP
from competency_kit.excel.printing import print_setup
from competency_kit.models.base import localize
from competency_kit.models.framework import Framework

STEPS = [
    (
        "Step 1",
        f"On the {L.PROGRAMME} sheet, write the programme id (a short code without spaces, "
        "e.g. DIP-HOSP) and its title. The other lines are optional.",
    ),
    (
        "Step 2",
        f"On the {L.COURSES} sheet, list the courses in the order they are taught: a short "
        "course id, the title and, if you like, a description.",
    ),
    (
        "Step 3",
        f"On the {L.MODULES} sheet, list every module in teaching order, with the id of its "
        "course, a module id, the title and the teaching hours. Write learning outcomes "
        "and assessment methods one per line inside the cell (Alt+Enter in Excel, "
        "Ctrl+Enter in LibreOffice).",
    ),
    (
        "Step 4",
        f"On the {L.MAPPING} sheet, type each module id in column A, one module per row. "
        "Its title appears by itself in column B.",
    ),
    (
        "Step 5",
        "Across the row, type a letter under every statement the module covers: I, R or M "
        "(see below). Add * when the module also assesses it: M* means mastered and "
        "assessed. Leave a cell empty when the module does not cover that statement. "
        "Every cell has a drop-down list with the allowed values.",
    ),
    (
        "Step 6",
        "If a module covers a whole competency, use the competency's own column (the "
        "first column of each competency, marked 'all') instead of marking each "
        "statement.",
    ),
    (
        "Step 7",
        f"Optional: on the {L.EVIDENCE} sheet, write how a module assesses a statement "
        "(for example 'Role-play, observed by the lecturer'), one row per module and id.",
    ),
    (
        "Step 8",
        "Save the workbook (keep the .xlsx format) and send it on, or check it yourself "
        "with: competency-kit validate mapping.xlsx",
    ),
]

DEPTHS = [
    (
        "I  — introduced",
        "The module presents the idea for the first time; learners meet it and can recognise it.",
    ),
    (
        "R  — reinforced",
        "The module returns to it and practises it; learners apply it with support.",
    ),
    (
        "M  — mastered",
        "Learners show they can do it on their own, to the level expected at the "
        "end of the programme.",
    ),
    (
        "*  — assessed",
        "Add * after the letter when the module checks it in an assessment "
        "(test, observed role-play, project). I*, R* and M* are all allowed.",
    ),
    ("empty", "The module does not cover this statement."),
]

GOOD_TO_KNOW = [
    f"The {L.FRAMEWORK} sheet lists the full text of every area, competency and statement. In "
    f"the {L.MAPPING} sheet, rest the mouse on a statement id to read its text.",
    "The heading rows are protected so the columns stay in place; you can type in every white "
    "cell and add rows. The protection has no password: Review → Unprotect Sheet if you must.",
    "Columns are grouped by area and competency: use the small + and − buttons above the "
    "columns to fold an area away (Excel may ask you to unprotect the sheet first).",
    "Do not rename the sheets or change the ids in the heading rows: the import checks them, "
    "and tells you the exact cell when something does not match.",
    "The workbook belongs to one version of the framework (named below). When the framework "
    "changes, make a new workbook: competency-kit template -o mapping.xlsx --curriculum "
    "curriculum.yaml",
]

TEXT_LINE = 95
"""Characters per line of the text column (B), for row heights."""


def write_instructions(ws: Worksheet, framework: Framework) -> None:
    ws.title = L.INSTRUCTIONS
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 100
    put(ws["A1"], "Curriculum mapping workbook", font=NAVY_BANNER)
    ws.row_dimensions[1].height = 28
    put(
        ws["A2"],
        f"Framework: {localize(framework.title)} — version {framework.version}",
        font=HINT,
    )
    put(
        ws["A3"],
        "This workbook records which modules of your programme teach which "
        "competencies, how deeply, and whether they are assessed. Fill in the sheets "
        "in this order:",
        alignment=WRAP,
    )
    ws.merge_cells("A3:B3")
    ws.row_dimensions[3].height = 32
    row = _section(ws, 5, "What to do", STEPS)
    row = _section(ws, row + 1, "What the letters mean", DEPTHS)
    _section(ws, row + 1, "Good to know", [("•", text) for text in GOOD_TO_KNOW])
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
