"""The translation workbook: one row per text, only the ``translation`` column open to typing.

Columns (fixed): ``id``, ``field``, ``source`` (the reference-language text), ``current`` (the
translation the framework has now), ``translation`` (for the translator), ``status``
(``missing``, ``stale``, ``done``). A hidden ``_meta`` sheet records the framework, the
language and the rows in the order they were written, so a workbook is recognised by its
content and a row that was moved is found.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from competency_kit.core import limits
from competency_kit.core.errors import InputError, Problem
from competency_kit.core.outputs import atomic_output
from competency_kit.documents.translation_texts import Entry, Facts, Row
from competency_kit.excel.cells import LINE_HEIGHT, put, wrapped_lines
from competency_kit.excel.palette import (
    BLUE_HEADER,
    BOX,
    HINT,
    NAVY_TITLE,
    SEVERITY_COLOURS,
    TOP,
    UNLOCKED,
    WHITE_BOLD,
    WRAP,
    solid,
)
from competency_kit.excel.printing import print_setup
from competency_kit.excel.saving import describe, save_workbook
from competency_kit.excel.tables import STRIPED, add_table
from competency_kit.excel.workbook_input import read_workbook

SHEET = "Translations"
HOW_TO = "How to"
META = "_meta"
KIND = "competency-kit translations"
FORMAT_VERSION = "1"
COLUMNS = ("id", "field", "source", "current", "translation", "status")
WIDTHS = {"A": 22, "B": 28, "C": 48, "D": 40, "E": 48, "F": 10}
TRANSLATION_COLUMN = "E"
MAX_LINES = 27
"""The tallest row: 27 lines is about the 409 points a spreadsheet row can be."""
ROWS_FROM = 8
"""The ``_meta`` row of the first text's id and field."""
STATUS_FILLS: dict[str, PatternFill] = {
    "missing": solid(SEVERITY_COLOURS["high"]),
    "stale": solid(SEVERITY_COLOURS["medium"]),
    "done": solid(SEVERITY_COLOURS["low"]),
}
INPUT_FILL = solid("FFFFF2")
"""A pale yellow: the cells to type in."""

HOW_TO_LINES = (
    "Translate the texts of the column 'source' into the column 'translation'.",
    "'current' is the translation the framework has now. Leave 'translation' empty to keep it; "
    "write a new text to replace it. Copy it into 'translation' to confirm that it still says "
    "what the source says (a 'stale' text: its source changed after it was translated).",
    "Rows with the field 'label' are the labels of the printed documents (headings, captions). "
    "Keep every {placeholder} in curly brackets exactly as it is.",
    "Only the column 'translation' can be typed in. Do not move, sort or delete rows.",
    "Save the workbook as .xlsx and give it back to be imported into the framework.",
)


def write_translation_workbook(
    path: str | Path,
    rows: Sequence[Row],
    facts: Facts,
    *,
    title: str,
    inputs: tuple[str | Path | None, ...] = (),
) -> None:
    workbook = Workbook()
    ws = workbook.active
    ws.title = SHEET
    _rows_sheet(ws, rows)
    _how_to_sheet(workbook.create_sheet(HOW_TO), facts, title)
    _meta_sheet(workbook.create_sheet(META), rows, facts)
    describe(
        workbook,
        title=f"{title} — translation into {facts.language}",
        subject="Texts of a competency framework and its documents to translate",
        language=facts.reference_language,
    )
    with atomic_output(path, inputs=inputs) as tmp:
        save_workbook(workbook, tmp)


def _rows_sheet(ws: Worksheet, rows: Sequence[Row]) -> None:
    for column, width in WIDTHS.items():
        ws.column_dimensions[column].width = width
    for number, name in enumerate(COLUMNS, 1):
        put(ws.cell(1, number), name, font=WHITE_BOLD, fill=BLUE_HEADER, alignment=WRAP)
    for index, row in enumerate(rows, 2):
        values = (row.id, row.field, row.source, row.current or None, None, row.status)
        for number, value in enumerate(values, 1):
            cell = ws.cell(index, number)
            put(cell, value, alignment=WRAP if number in (3, 4, 5) else TOP, border=BOX)
        put(ws.cell(index, 5), None, protection=UNLOCKED, fill=INPUT_FILL)
        put(ws.cell(index, 6), row.status, fill=STATUS_FILLS[row.status])
        lines = max(
            wrapped_lines(row.source, _per_line("C")), wrapped_lines(row.current, _per_line("D"))
        )
        if lines > 1:
            ws.row_dimensions[index].height = min(lines, MAX_LINES) * LINE_HEIGHT
    add_table(ws, "Translations", COLUMNS, last_row=len(rows) + 1, style=STRIPED)
    ws.freeze_panes = "C2"
    print_setup(ws, "1:1", page_numbers=True)
    protection = ws.protection
    protection.sheet = True
    # False means "allowed while protected"; no password, as in the mapping workbook.
    protection.formatColumns = False
    protection.formatRows = False
    protection.autoFilter = False


def _per_line(column: str) -> int:
    """Characters a wrapped line of ``column`` holds, with room for wide letters and words
    that do not break where the estimate would."""
    return int(WIDTHS[column] * 0.9)


def _how_to_sheet(ws: Worksheet, facts: Facts, title: str) -> None:
    ws.column_dimensions["A"].width = 100
    put(ws["A1"], f"Translation of “{title}” into {facts.language}", font=NAVY_TITLE)
    put(
        ws["A2"],
        f"Framework {facts.framework_id} version {facts.framework_version}; source texts in "
        f"{facts.reference_language}.",
        font=HINT,
    )
    for number, line in enumerate(HOW_TO_LINES, 4):
        put(ws.cell(number, 1), f"{number - 3}. {line}", alignment=WRAP)
        ws.row_dimensions[number].height = wrapped_lines(line, 95) * LINE_HEIGHT
    print_setup(ws, orientation="portrait")


def _meta_sheet(ws: Worksheet, rows: Sequence[Row], facts: Facts) -> None:
    values = (
        ("kind", KIND),
        ("format", FORMAT_VERSION),
        ("framework_id", facts.framework_id),
        ("framework_version", facts.framework_version),
        ("language", facts.language),
        ("reference_language", facts.reference_language),
        ("rows", len(rows)),
    )
    for number, (key, value) in enumerate(values, 1):
        put(ws.cell(number, 1), key)
        put(ws.cell(number, 2), value)
    for number, row in enumerate(rows, ROWS_FROM):
        put(ws.cell(number, 1), row.id)
        put(ws.cell(number, 2), row.field)
    ws.sheet_state = "hidden"


# Reading back --------------------------------------------------------------------------------


def is_translation_workbook(sheets: Sequence[str]) -> bool:
    return SHEET in sheets and META in sheets


def read_translation_workbook(path: str | Path) -> tuple[Facts, list[Entry]]:
    """The facts and rows of a translation workbook; an InputError naming the cell of every
    problem (another kind of workbook, a row moved or changed)."""
    path = Path(path)
    name = str(path)
    return read_workbook(path, "translation workbook", lambda workbook: _read(name, workbook))


def _read(name: str, workbook: Any) -> tuple[Facts, list[Entry]]:
    if not is_translation_workbook(workbook.sheetnames):
        raise InputError.single(
            name,
            f"this workbook is not a translation workbook (it has no '{SHEET}' sheet made by "
            "competency-kit)",
            "give the translation workbook that was exported for translating",
            code="translations.not-a-translation-file",
        )
    facts, order = _read_meta(name, workbook[META])
    problems: list[Problem] = []
    entries: list[Entry] = []
    for number, values in enumerate(
        workbook[SHEET].iter_rows(min_row=2, max_col=6, values_only=True), 2
    ):
        if number - 2 >= limits.MAPPING_ROWS:
            break
        text_id, text_field, source, _current, translation, _status = (
            _text(v) for v in (*values, *([None] * 6))[:6]
        )
        if not (text_id or text_field or source or translation):
            continue
        expected = order[number - 2] if number - 2 < len(order) else None
        if expected != (text_id, text_field):
            problems.append(_moved(name, number, text_id, text_field, expected))
            continue
        entries.append(
            Entry(
                text_id,
                text_field,
                source,
                translation,
                {"cell": f"{SHEET}!{TRANSLATION_COLUMN}{number}"},
            )
        )
    if problems:
        raise InputError(problems)
    return facts, entries


def _moved(
    name: str, number: int, text_id: str, text_field: str, expected: tuple[str, str] | None
) -> Problem:
    was = f"'{expected[0]} {expected[1]}'" if expected else "no row"
    return Problem(
        file=name,
        cell=f"{SHEET}!A{number}",
        field="id",
        value=f"{text_id} {text_field}".strip(),
        message=f"this row was moved or changed: the workbook was exported with {was} here",
        fix="put the rows back in their exported order (undo the sort or the paste), or "
        "export a new workbook and copy the translations into it",
        code="translations.rows-moved",
    )


def _read_meta(name: str, ws: Any) -> tuple[Facts, list[tuple[str, str]]]:
    facts: dict[str, str] = {}
    order: list[tuple[str, str]] = []
    for number, (key, value) in enumerate(
        ws.iter_rows(max_col=2, max_row=limits.MAPPING_ROWS + ROWS_FROM, values_only=True), 1
    ):
        if number < ROWS_FROM:
            if key is not None:
                facts[str(key)] = _text(value)
        elif key is not None:
            order.append((_text(key), _text(value)))
    if facts.get("kind") != KIND or facts.get("format") != FORMAT_VERSION:
        raise InputError.single(
            name,
            "the workbook's hidden record of what it holds is missing or from another version "
            "of competency-kit",
            "export a new translation workbook and copy the translations into it",
            cell=f"{META}!B1",
            code="translations.not-a-translation-file",
        )
    return (
        Facts(
            facts.get("framework_id", ""),
            facts.get("framework_version", ""),
            facts.get("language", ""),
            facts.get("reference_language", ""),
            {"framework_id": {"cell": f"{META}!B3"}, "language": {"cell": f"{META}!B5"}},
        ),
        order,
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
