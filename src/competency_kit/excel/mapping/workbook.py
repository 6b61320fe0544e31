"""Writing the mapping workbook: blank, or pre-filled from a curriculum.

Sheets, in the order an educator meets them: Instructions, Programme, Courses, Modules,
Mapping (the matrix), Evidence, Framework (read-only), and a hidden _meta sheet that ties the
workbook to one framework version and keeps the order of each module's mappings.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from competency_kit._version import __version__
from competency_kit.core import limits
from competency_kit.core.errors import InputError, dotted
from competency_kit.core.outputs import atomic_output
from competency_kit.excel.cells import LINE_HEIGHT, put, set_widths, wrapped_lines
from competency_kit.excel.mapping import layout as L
from competency_kit.excel.mapping.instructions import write_instructions
from competency_kit.excel.mapping.wording import (
    LocalSheets,
    MappingWords,
    mapping_words,
    table_name,
)
from competency_kit.excel.palette import (
    BOLD,
    BOX,
    CENTER,
    GAP_COLUMN,
    HINT,
    LEFT_EDGE,
    LEFT_EDGE_BOX,
    MARK_COLOURS,
    MIDDLE_SHRINK,
    MUTED,
    MUTED_GREY,
    NAVY_HEADER,
    NAVY_TITLE,
    SIDEWAYS,
    SMALL_BOLD,
    SMALL_WHITE,
    UNLOCKED,
    WHITE_BOLD,
    WRAP,
    WRAP_MIDDLE_LEFT,
    area_colour,
    area_strong_colour,
    highlight,
    solid,
)
from competency_kit.excel.printing import PAGE_NUMBERS, keep_columns_together, print_setup
from competency_kit.excel.saving import describe, save_workbook
from competency_kit.excel.tables import add_table
from competency_kit.models.base import localize
from competency_kit.models.curriculum import Curriculum, Module
from competency_kit.models.framework import Framework

KIND_LABELS = {
    "competency": "whole",
    "knowledge": "knowledge",
    "skill": "skill",
    "attitude": "attitude",
}
"""The catalogue key of the label under each kind of matrix column."""
SPARE_ROWS_BLANK = 60
SPARE_ROWS_FILLED = 30
FRAMEWORK_HEADINGS = [("id", 12), ("type", 13), ("text", 90), ("audiences", 28), ("level", 14)]
"""The read-only Framework sheet's columns (keys of their headings) and their widths."""
MAPPING_SCALE = 80
"""Percent: the matrix prints smaller than life, as many pages across as it needs."""
TITLE_LINE_CHARS = 42
"""Characters of the 14-point title counted to a line of the module columns: about 45 fit
there in LibreOffice and Excel, fewer where a long word moves to the next line."""
TITLE_LINE_HEIGHT = 19
"""Points per line of the 14-point title."""
SIDE_MARGINS = 0.4
"""Inches left and right: narrow, so the tables keep their width on the page."""


def write_mapping_workbook(
    framework: Framework,
    path: str | Path,
    curriculum: Curriculum | None = None,
    *,
    inputs: tuple[str | Path | None, ...] = (),
    lang: str = "en",
) -> Path:
    """Write the mapping workbook for ``framework`` to ``path``, pre-filled from
    ``curriculum`` when given, with its words and the framework's texts in ``lang``.
    Returns the path written."""
    _check_cell_sizes(curriculum, path)
    workbook = build_mapping_workbook(framework, curriculum, lang)
    with atomic_output(path, inputs=inputs) as tmp:
        save_workbook(workbook, tmp)
    return Path(path)


def build_mapping_workbook(
    framework: Framework, curriculum: Curriculum | None = None, lang: str = "en"
) -> Workbook:
    workbook = Workbook()
    words = mapping_words(lang)
    texts = FrameworkTexts(framework, lang)
    _describe(workbook, words, texts, curriculum)
    write_instructions(workbook.active, framework, words, texts.text)
    sheet = words.sheet
    _programme_sheet(workbook.create_sheet(sheet(L.PROGRAMME)), framework, curriculum, words)
    _courses_sheet(workbook.create_sheet(sheet(L.COURSES)), curriculum, words)
    _modules_sheet(workbook.create_sheet(sheet(L.MODULES)), curriculum, words)
    _mapping_sheet(workbook.create_sheet(sheet(L.MAPPING)), texts, curriculum, words)
    _evidence_sheet(workbook.create_sheet(sheet(L.EVIDENCE)), curriculum, words)
    _framework_sheet(workbook.create_sheet(sheet(L.FRAMEWORK)), texts, words)
    _page_footers(workbook, words)
    fingerprint = L.content_fingerprint(LocalSheets(workbook, words))
    _meta_sheet(workbook.create_sheet(L.META), framework, curriculum, fingerprint)
    workbook.active = 0
    return workbook


class FrameworkTexts:
    """The framework's texts in the workbook's language, each falling back to the framework's
    reference language when it has no translation."""

    def __init__(self, framework: Framework, lang: str) -> None:
        self.framework = framework
        self.lang = lang

    def text(self, value: dict[str, str] | None) -> str:
        return localize(value, self.lang, self.framework.languages[0])


def _page_footers(workbook: Workbook, words: MappingWords) -> None:
    """The printed footers ("page 2 of 5") in the workbook's language."""
    for ws in workbook.worksheets:
        if ws.oddFooter.center.text == PAGE_NUMBERS:
            ws.oddFooter.center.text = words("footer")


def _describe(
    workbook: Workbook, words: MappingWords, texts: FrameworkTexts, curriculum: Curriculum | None
) -> None:
    framework = texts.framework
    name = words(
        "properties.framework_name", title=texts.text(framework.title), version=framework.version
    )
    title = (
        words("properties.title_filled", programme=curriculum.programme.title)
        if curriculum
        else words("properties.title_blank")
    )
    describe(
        workbook,
        title=title,
        subject=words("properties.subject", framework=name),
        language=words.lang,
        kind="mapping-workbook",
    )


def _check_cell_sizes(curriculum: Curriculum | None, path: str | Path) -> None:
    """Every text must fit its cell: Excel would cut it short, and importing the workbook
    back would then give a different curriculum."""
    if curriculum is None:
        return
    for field_path, text in _cell_texts(curriculum.model_dump(mode="json", exclude_none=True)):
        if len(text) > limits.CELL_TEXT:
            raise InputError.single(
                str(path),
                f"the text is {len(text):,} characters long; one Excel cell holds at most "
                f"{limits.CELL_TEXT:,}",
                "shorten it, or keep this curriculum in YAML",
                field=dotted(field_path),
                code="curriculum.text-too-long",
            )


def _cell_texts(
    data: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Each text that becomes one cell, with its place in the curriculum."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, list) and path and path[-1] in L.LIST_FIELDS:
        yield path, L.lines(data) or ""  # the whole list goes into one cell, an item per line
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _cell_texts(item, (*path, index))
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _cell_texts(value, (*path, key))


def _title(ws: Worksheet, title: str, hint: str) -> None:
    put(ws["A1"], title, font=NAVY_TITLE)
    ws.row_dimensions[1].height = 24
    put(ws["A2"], hint, font=HINT)


def _protect(ws: Worksheet) -> None:
    """Headings locked, typing allowed in unlocked cells; no password, so a user who must
    can still unprotect (Review → Unprotect Sheet)."""
    protection = ws.protection
    protection.sheet = True
    # In openpyxl's terms False means "allowed while protected".
    protection.formatColumns = False
    protection.formatRows = False
    protection.formatCells = False
    protection.insertRows = False
    protection.deleteRows = False
    protection.sort = False
    protection.autoFilter = False


def _table(
    ws: Worksheet,
    title: str,
    hint: str,
    columns: list[tuple[str, str, int]],
    rows: list[list[str | int | float | None]],
    spare: int,
) -> None:
    """A titled table with locked headings and unlocked, wrapped input cells, named like its
    sheet."""
    _title(ws, title, hint)
    header = L.TABLE_HEADER_ROW
    for c, (_, label, width) in enumerate(columns, start=1):
        put(ws.cell(header, c), label, font=WHITE_BOLD, fill=NAVY_HEADER, alignment=WRAP)
        letter = get_column_letter(c)
        ws.column_dimensions[letter].width = width
        ws.column_dimensions[letter].protection = UNLOCKED
    for r in range(header + 1, header + 1 + len(rows) + spare):
        blank: list[str | int | float | None] = [None] * len(columns)
        values = rows[r - header - 1] if r - header - 1 < len(rows) else blank
        for c, value in enumerate(values, start=1):
            put(ws.cell(r, c), value, alignment=WRAP, protection=UNLOCKED, border=BOX)
        if any(isinstance(v, str) for v in values):
            ws.row_dimensions[r].height = _row_height(values, [w for _, _, w in columns])
    ws.freeze_panes = ws.cell(header + 1, 1)
    # A named table (called like its sheet): screen readers announce the column headings.
    labels = [label for _, label, _ in columns]
    add_table(
        ws, table_name(ws.title), labels, header_row=header, last_row=header + len(rows) + spare
    )
    ws.row_dimensions[header].height = 32
    print_setup(ws, f"{header}:{header}", page_numbers=True, side_margins=SIDE_MARGINS)
    _protect(ws)


def _row_height(values: Sequence[str | int | float | None], widths: Sequence[int]) -> float:
    """A height that shows every line of wrapped text in columns of ``widths`` (openpyxl
    cannot measure text, and not every spreadsheet program fits rows by itself)."""
    lines = 1
    for value, width in zip(values, widths, strict=False):
        if isinstance(value, str):
            lines = max(lines, wrapped_lines(value, max(1, int(width * 1.15))))
    return min(409.0, float(LINE_HEIGHT * lines))


def _programme_sheet(
    ws: Worksheet, framework: Framework, curriculum: Curriculum | None, words: MappingWords
) -> None:
    _title(ws, ws.title, words("programme.hint"))
    values = curriculum.programme.model_dump() if curriculum else {"language": words.lang}
    first = L.PROGRAMME_FIRST_ROW
    headings = (words("programme.field"), words("programme.value"), words("programme.what"))
    for label, column in zip(headings, "ABC", strict=True):
        put(ws[f"{column}{first - 1}"], label, font=WHITE_BOLD, fill=NAVY_HEADER)
    for row, (key, label, help_text) in enumerate(words.programme_fields(), start=first):
        put(ws.cell(row, 1), label, font=BOLD)
        value = values.get(key)
        if isinstance(value, list):
            value = ", ".join(value) or None
        put(ws.cell(row, 2), value, protection=UNLOCKED, alignment=WRAP, border=BOX)
        put(ws.cell(row, 3), help_text, font=HINT)
    longest = max(len(label) for _, label, _ in words.programme_fields())
    set_widths(ws, {"A": max(20, longest + 4), "B": 60, "C": 50})
    description_row = first + [f[0] for f in L.PROGRAMME_FIELDS].index("description")
    ws.row_dimensions[description_row].height = 60
    if framework.levels:
        levels = ",".join(level.id for level in framework.levels)
        validation = DataValidation(type="list", formula1=f'"{levels}"', allow_blank=True)
        validation.add(f"B{first + len(L.PROGRAMME_FIELDS) - 1}")
        ws.add_data_validation(validation)
    print_setup(ws, "1:3", orientation="portrait", page_numbers=True, side_margins=SIDE_MARGINS)
    _protect(ws)


def _courses_sheet(ws: Worksheet, curriculum: Curriculum | None, words: MappingWords) -> None:
    rows: list[list[str | int | float | None]] = [
        [course.id, course.title, course.description]
        for course in (curriculum.courses if curriculum else [])
    ]
    _table(
        ws,
        ws.title,
        words("courses.hint"),
        words.columns("courses", L.COURSE_COLUMNS),
        rows,
        spare=20,
    )


def _module_row(course_id: str, module: Module) -> list[str | int | float | None]:
    values: list[str | int | float | None] = []
    for key, _, _ in L.MODULE_COLUMNS:
        if key == "course":
            values.append(course_id)
        elif key in L.LIST_FIELDS:
            values.append(L.lines(getattr(module, key)))
        else:
            values.append(getattr(module, key))
    return values


def _modules_sheet(ws: Worksheet, curriculum: Curriculum | None, words: MappingWords) -> None:
    rows = [_module_row(c.id, m) for c, m in curriculum.modules()] if curriculum else []
    _table(
        ws,
        ws.title,
        words("modules.hint"),
        words.columns("modules", L.MODULE_COLUMNS),
        rows,
        spare=SPARE_ROWS_BLANK if not rows else SPARE_ROWS_FILLED,
    )
    last_row = L.TABLE_HEADER_ROW + max(len(rows), 1) + SPARE_ROWS_BLANK
    courses = DataValidation(
        type="list",
        formula1=f"{words.ref(L.COURSES)}!$A$4:$A$200",
        allow_blank=True,
        errorStyle="warning",
        error=words("modules.unknown_course", courses=words.sheet(L.COURSES)),
        showErrorMessage=True,
    )
    courses.add(f"A{L.TABLE_HEADER_ROW + 1}:A{last_row}")
    hours = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        error=words("modules.bad_hours"),
    )
    hours.add(f"D{L.TABLE_HEADER_ROW + 1}:D{last_row}")
    ws.add_data_validation(courses)
    ws.add_data_validation(hours)


def _evidence_sheet(ws: Worksheet, curriculum: Curriculum | None, words: MappingWords) -> None:
    rows: list[list[str | int | float | None]] = []
    for _, module in curriculum.modules() if curriculum else []:
        rows += [[module.id, m.to, m.evidence] for m in module.maps if m.evidence is not None]
    _table(
        ws,
        ws.title,
        words("evidence.hint", mapping=words.sheet(L.MAPPING)),
        words.columns("evidence", L.EVIDENCE_COLUMNS),
        rows,
        spare=40,
    )


def _framework_sheet(ws: Worksheet, texts: FrameworkTexts, words: MappingWords) -> None:
    framework, text = texts.framework, texts.text
    _title(
        ws,
        words("framework.title", title=text(framework.title), version=framework.version),
        words("framework.hint"),
    )
    for c, (key, width) in enumerate(FRAMEWORK_HEADINGS, start=1):
        put(ws.cell(3, c), words(f"framework.{key}"), font=WHITE_BOLD, fill=NAVY_HEADER)
        ws.column_dimensions[get_column_letter(c)].width = width
    row = 4
    for a, area in enumerate(framework.areas):
        strong, light = solid(area_strong_colour(a)), solid(area_colour(a))
        area_row: list[str | None] = [area.id, words("framework.area"), text(area.title)]
        _framework_row(ws, row, area_row, strong, WHITE_BOLD)
        row += 1
        for competency in area.competencies:
            values = [
                competency.id,
                words("framework.competency"),
                text(competency.title),
                ", ".join(competency.audiences),
                competency.level,
            ]
            _framework_row(ws, row, values, light, BOLD)
            row += 1
            for statement in competency.statements:
                kind = words(f"framework.{statement.dimension}")
                _framework_row(ws, row, [statement.id, kind, text(statement.text)], None, None)
                row += 1
    ws.freeze_panes = "A4"
    print_setup(ws, "3:3", orientation="portrait", page_numbers=True, side_margins=SIDE_MARGINS)
    ws.protection.sheet = True


def _framework_row(
    ws: Worksheet, row: int, values: list[str | None], fill: PatternFill | None, font: Font | None
) -> None:
    for c in range(1, 6):
        value = values[c - 1] if c <= len(values) else None
        put(ws.cell(row, c), value, alignment=WRAP, border=BOX, fill=fill, font=font)
    # Tall enough for the wrapped text: a printed row of the default height shows one line.
    height = _row_height(values, [width for _, width in FRAMEWORK_HEADINGS])
    if height > LINE_HEIGHT:
        ws.row_dimensions[row].height = height


def _meta_sheet(
    ws: Worksheet, framework: Framework, curriculum: Curriculum | None, fingerprint: str
) -> None:
    """Hidden facts the importer checks: which framework the columns belong to, and the
    order of each module's mappings (the matrix alone would only give framework order);
    and the fingerprint of what the workbook holds, which tells later whether anyone typed
    into it."""
    facts = [
        ("format", L.FORMAT_VERSION),
        ("generator", f"competency-kit {__version__}"),
        ("framework_id", framework.id),
        ("framework_version", framework.version),
        ("framework_hash", L.framework_hash(framework)),
        (L.CONTENT_FACT, fingerprint),
    ]
    for row, (key, value) in enumerate(facts, start=1):
        put(ws.cell(row, 1), key)
        put(ws.cell(row, 2), value)
    put(ws.cell(L.META_ORDER_ROW, 1), "mapping_order")
    row = L.META_ORDER_ROW + 1
    for _, module in curriculum.modules() if curriculum else []:
        if module.maps:
            put(ws.cell(row, 1), module.id)
            put(ws.cell(row, 2), " ".join(m.to for m in module.maps))
            row += 1
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


def _mapping_sheet(
    ws: Worksheet, texts: FrameworkTexts, curriculum: Curriculum | None, words: MappingWords
) -> None:
    columns = L.matrix_columns(texts.framework)
    modules = [m for _, m in curriculum.modules()] if curriculum else []
    last_row = (
        L.MAP_FIRST_ROW + len(modules) + (SPARE_ROWS_FILLED if modules else SPARE_ROWS_BLANK) - 1
    )
    _mapping_widths(ws, columns)
    page_ends = keep_columns_together(
        ws,
        _competency_groups(columns),
        orientation="landscape",
        side_margins=SIDE_MARGINS,
        scale=MAPPING_SCALE,
        title_columns=L.MAP_TITLE_COLUMN,
    )
    _mapping_headings(ws, texts, columns, words, page_ends)
    _mapping_rows(ws, columns, modules, last_row, words)
    _mapping_rules(ws, columns, last_row, words)
    _mapping_layout(ws)


def _mapping_headings(
    ws: Worksheet,
    texts: FrameworkTexts,
    columns: list[L.MatrixColumn],
    words: MappingWords,
    page_ends: list[int],
) -> None:
    framework, text = texts.framework, texts.text
    _matrix_title(ws, words("mapping.title"))
    for row, label in (
        (L.MAP_AREA_ROW, words("mapping.area")),
        (L.MAP_COMPETENCY_ROW, words("mapping.competency")),
        (L.MAP_ID_ROW, words("mapping.module_id")),
        (L.MAP_KIND_ROW, ""),
    ):
        for c, value in ((L.MAP_MODULE_COLUMN, label), (L.MAP_TITLE_COLUMN, None)):
            put(ws.cell(row, c), value, font=WHITE_BOLD, fill=NAVY_HEADER, alignment=WRAP)
    put(ws.cell(L.MAP_ID_ROW, L.MAP_TITLE_COLUMN), words("mapping.module_title"))
    put(
        ws.cell(L.MAP_KIND_ROW, L.MAP_MODULE_COLUMN),
        words("mapping.legend"),
        font=SMALL_WHITE,
        alignment=WRAP,
    )
    ws.merge_cells(start_row=L.MAP_KIND_ROW, start_column=1, end_row=L.MAP_KIND_ROW, end_column=2)
    notes = {s.id: text(s.text) for _, _, s in framework.statements()}
    notes |= {c.id: text(c.title) for _, c in framework.competencies()}
    for column in columns:
        _heading_cells(ws, column, notes, words)
    _merge_bands(ws, texts, columns, page_ends)


def _matrix_title(ws: Worksheet, title: str) -> None:
    """The title wrapped within the module columns: pages after the first print those columns
    and the matrix's next ones, so a title running on over the matrix would be cut there."""
    put(ws.cell(1, 1), title, font=NAVY_TITLE, alignment=WRAP)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=L.MAP_TITLE_COLUMN)
    ws.row_dimensions[1].height = TITLE_LINE_HEIGHT * wrapped_lines(title, TITLE_LINE_CHARS) + 6


def _heading_cells(
    ws: Worksheet, column: L.MatrixColumn, notes: dict[str, str], words: MappingWords
) -> None:
    if column.kind == "gap":
        for row in range(L.MAP_AREA_ROW, L.MAP_KIND_ROW + 1):
            ws.cell(row, column.index).fill = GAP_COLUMN
        return
    light = solid(area_colour(column.area_index))
    is_competency = column.kind == "competency"
    id_cell = put(
        ws.cell(L.MAP_ID_ROW, column.index), column.target, font=SMALL_BOLD, alignment=SIDEWAYS
    )
    id_cell.comment = Comment(
        f"{column.target}: {notes[column.target]}", "competency-kit", height=120, width=260
    )
    kind_font = Font(bold=is_competency, size=9, color=MUTED_GREY)
    put(
        ws.cell(L.MAP_KIND_ROW, column.index),
        words(f"mapping.{KIND_LABELS[column.kind]}"),
        font=kind_font,
        alignment=CENTER,
    )
    for row in (L.MAP_ID_ROW, L.MAP_KIND_ROW):
        cell = ws.cell(row, column.index)
        cell.fill = light
        cell.border = LEFT_EDGE_BOX if is_competency else BOX


def _merge_bands(
    ws: Worksheet, texts: FrameworkTexts, columns: list[L.MatrixColumn], page_ends: list[int]
) -> None:
    """Area names over their columns (strong colour), competency titles over theirs. An area
    printed over several pages has a band, and its name, on each."""
    framework = texts.framework
    by_target = {c.target: c.index for c in columns if c.target}
    for a, area in enumerate(framework.areas):
        first = by_target[area.competencies[0].id] if area.competencies else None
        if first is None:
            continue
        last_competency = area.competencies[-1]
        last = (
            by_target[last_competency.statements[-1].id]
            if last_competency.statements
            else by_target[last_competency.id]
        )
        for start, end in _split_at(first, last, page_ends):
            _band(
                ws,
                L.MAP_AREA_ROW,
                start,
                end,
                f"{area.id} · {texts.text(area.title)}",
                solid(area_strong_colour(a)),
                WHITE_BOLD,
            )
        light = solid(area_colour(a))
        for competency in area.competencies:
            start = by_target[competency.id]
            end = start + len(competency.statements)
            _band(
                ws,
                L.MAP_COMPETENCY_ROW,
                start,
                end,
                f"{competency.id} {texts.text(competency.title)}",
                light,
                SMALL_BOLD,
            )


def _split_at(first: int, last: int, page_ends: list[int]) -> list[tuple[int, int]]:
    """``first``–``last`` cut after each page's last column that falls inside it."""
    ends = [end for end in page_ends if first <= end < last] + [last]
    starts = [first] + [end + 1 for end in ends[:-1]]
    return list(zip(starts, ends, strict=True))


def _band(
    ws: Worksheet, row: int, first: int, last: int, text: str, fill: PatternFill, font: Font
) -> None:
    for c in range(first, last + 1):
        ws.cell(row, c).fill = fill
    put(ws.cell(row, first), text, font=font, alignment=WRAP_MIDDLE_LEFT, border=LEFT_EDGE)
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def _mapping_rows(
    ws: Worksheet,
    columns: list[L.MatrixColumn],
    modules: list[Module],
    last_row: int,
    words: MappingWords,
) -> None:
    targets = [c for c in columns if c.kind != "gap"]
    for offset, row in enumerate(range(L.MAP_FIRST_ROW, last_row + 1)):
        module = modules[offset] if offset < len(modules) else None
        marks = {m.to: L.mapping_value(m.depth, m.assessed) for m in module.maps} if module else {}
        module_id = module.id if module else None
        put(
            ws.cell(row, L.MAP_MODULE_COLUMN),
            module_id,
            protection=UNLOCKED,
            border=BOX,
            font=BOLD,
        )
        title = ws.cell(row, L.MAP_TITLE_COLUMN)
        # A formula of ours, not user text: written as a formula on purpose.
        sheet = words.ref(L.MODULES)
        title.value = f'=IFERROR(INDEX({sheet}!$C:$C,MATCH($A{row},{sheet}!$B:$B,0)),"")'
        title.font, title.border, title.alignment = MUTED, BOX, MIDDLE_SHRINK
        for column in targets:
            edge = LEFT_EDGE_BOX if column.kind == "competency" else BOX
            put(
                ws.cell(row, column.index),
                marks.get(column.target),
                protection=UNLOCKED,
                alignment=CENTER,
                border=edge,
                font=BOLD,
            )
        for column in columns:
            if column.kind == "gap":
                ws.cell(row, column.index).fill = GAP_COLUMN


def _target_ranges(columns: list[L.MatrixColumn], last_row: int) -> list[str]:
    """The matrix's input cells as one range per area (gap columns excluded)."""
    ranges = []
    run: list[int] = []
    for column in [*columns, L.MatrixColumn(0, "", "gap", -1)]:
        if column.kind != "gap":
            run.append(column.index)
        elif run:
            ranges.append(
                f"{get_column_letter(run[0])}{L.MAP_FIRST_ROW}:"
                f"{get_column_letter(run[-1])}{last_row}"
            )
            run = []
    return ranges


def _mapping_rules(
    ws: Worksheet, columns: list[L.MatrixColumn], last_row: int, words: MappingWords
) -> None:
    """Dropdowns on every mapping cell, a module-id dropdown, and the depth heatmap."""
    ranges = _target_ranges(columns, last_row)
    if not ranges:
        return
    choices = ",".join(L.MAPPING_VALUES)
    validation = DataValidation(
        type="list",
        formula1=f'"{choices}"',
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorTitle=words("mapping.error_title"),
        error=words("mapping.error"),
        promptTitle=words("mapping.prompt_title"),
        prompt=words("mapping.prompt"),
    )
    for cell_range in ranges:
        validation.add(cell_range)
    ws.add_data_validation(validation)
    modules = DataValidation(
        type="list",
        formula1=f"{words.ref(L.MODULES)}!$B$4:$B$2000",
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        error=words("mapping.unknown_module", modules=words.sheet(L.MODULES)),
    )
    modules.add(f"A{L.MAP_FIRST_ROW}:A{last_row}")
    ws.add_data_validation(modules)
    first = ranges[0].split(":")[0]
    for depth, colour in MARK_COLOURS.items():
        rule = FormulaRule(
            formula=[f'LEFT(UPPER(TRIM({first})),1)="{depth}"'],
            fill=highlight(colour),
        )
        ws.conditional_formatting.add(" ".join(ranges), rule)


def _mapping_widths(ws: Worksheet, columns: list[L.MatrixColumn]) -> None:
    """Widths and fold-able column groups (area, then each competency's statements)."""
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 40
    for column in columns:
        dimension = ws.column_dimensions[get_column_letter(column.index)]
        dimension.width = 1.5 if column.kind == "gap" else 5.2
        if column.kind == "competency":
            dimension.width = 6
            dimension.outline_level = 1
        elif column.kind != "gap":
            dimension.outline_level = 2
    ws.sheet_properties.outlinePr.summaryRight = False
    ws.sheet_format.outlineLevelCol = 2


def _mapping_layout(ws: Worksheet) -> None:
    """Heading heights, frozen headings, printing and protection."""
    ws.row_dimensions[L.MAP_AREA_ROW].height = 30
    ws.row_dimensions[L.MAP_COMPETENCY_ROW].height = 64
    ws.row_dimensions[L.MAP_ID_ROW].height = 58
    ws.row_dimensions[L.MAP_KIND_ROW].height = 24
    ws.freeze_panes = ws.cell(L.MAP_FIRST_ROW, L.MAP_FIRST_TARGET_COLUMN)
    print_setup(
        ws,
        f"1:{L.MAP_KIND_ROW}",
        title_columns="A:B",
        fit_width=False,
        page_numbers=True,
        side_margins=SIDE_MARGINS,
        scale=MAPPING_SCALE,
    )
    _protect(ws)


def _competency_groups(columns: list[L.MatrixColumn]) -> list[tuple[int, int]]:
    """Each competency's columns (its own and its statements'), the gap before an area with
    the competency before it: the columns a printed page keeps together."""
    groups: list[tuple[int, int]] = []
    for column in columns:
        if column.kind == "competency" or not groups:
            groups.append((column.index, column.index))
        else:
            groups[-1] = (groups[-1][0], column.index)
    return groups
