"""Moodle competency frameworks as the CSV of Moodle's admin tool "Import competency framework"
(tool_lpimportcsv), both ways.

Moodle reads the 14 columns by position, never by header text. The first data row is the
framework (scale, taxonomy); then one row per area, competency and statement, parents before
children, each naming its parent's ID number. Statements carry their dimension as a ``K: ``,
``S: `` or ``A: `` prefix of the short name.

Spreadsheet safety: a cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return could run as a formula when the file is opened in a spreadsheet, so such a cell is written
with one extra leading apostrophe (``'=…``). A cell that already starts with apostrophes followed by
one of those characters gets one more, so reading the file back (``read_moodle``) removes exactly
one and every text returns unchanged. Descriptions are HTML and always start with ``<``.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

from competency_kit.core.errors import InputError, Problem
from competency_kit.interop.tree import (
    ImportReport,
    ImportResult,
    SourceNode,
    build_framework,
    check_item_count,
    find_loops,
    level_id,
)
from competency_kit.models.base import REFERENCE_LANGUAGE
from competency_kit.models.framework import CODE_PATTERN, Dimension, Framework

HEADER = [
    "Parent ID number",
    "ID number",
    "Short name",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type (optional)",
    "Rule outcome (optional)",
    "Rule config (optional)",
    "Cross-referenced competency ID numbers",
    "Exported ID (optional)",
    "Is framework",
    "Taxonomy",
]
COLUMNS = len(HEADER)
MAX_NAME = 100
"""Moodle cuts ID numbers and short names at 100 characters."""
FORMAT_HTML = "1"
TAXONOMY = "domain,competency,indicator"
"""Moodle's terms for our three depths: area, competency, statement."""
FALLBACK_SCALE = ["Not yet competent", "Competent"]
PREFIXES: dict[Dimension, str] = {"knowledge": "K: ", "skill": "S: ", "attitude": "A: "}

_RISKY = re.compile(r"^'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"^'+[=+\-@\t\r]")
_CODE = re.compile(CODE_PATTERN)


def neutralise(cell: str) -> str:
    """The cell as a spreadsheet will show it as text, never run it as a formula."""
    return "'" + cell if _RISKY.match(cell) else cell


def restore(cell: str) -> str:
    """Undo ``neutralise``: one leading apostrophe before a formula character is removed."""
    return cell[1:] if _ESCAPED.match(cell) else cell


# ---------------------------------------------------------------- export


def moodle_csv(framework: Framework) -> str:
    """The framework as Moodle competency CSV text (UTF-8 when written). Retired items are
    left out and the others keep their codes as ID numbers, so Moodle's own migration tool
    matches the unchanged items of two versions and lists the retired ones as unmapped."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    for row in moodle_rows(framework.current()):
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


def moodle_rows(framework: Framework) -> list[list[str]]:
    """Header, framework row, then areas, competencies and statements in reading order."""
    _check_ids(framework)
    values, config = _scale(framework)
    title = framework.title[REFERENCE_LANGUAGE]
    rows = [
        HEADER,
        [
            "",
            framework.id,
            _short(title),
            _html(title if len(title) > MAX_NAME else None, framework.description),
            FORMAT_HTML,
            values,
            config,
            "",
            "",
            "",
            "",
            "",
            "1",
            TAXONOMY,
        ],
    ]
    exported = 0

    def add(parent: str, code: str, name: str, full: str, more: str | None) -> None:
        nonlocal exported
        exported += 1
        rows.append(
            [
                parent,
                code,
                _short(name),
                _html(
                    full if len(name) > MAX_NAME else None,
                    {REFERENCE_LANGUAGE: more} if more else None,
                ),
                FORMAT_HTML,
                "",
                "",
                "",
                "0",
                "null",
                "",
                str(exported),
                "",
                "",
            ]
        )

    for area in framework.areas:
        area_title = area.title[REFERENCE_LANGUAGE]
        add("", area.id, area_title, area_title, _en(area.description))
        for competency in area.competencies:
            comp_title = competency.title[REFERENCE_LANGUAGE]
            add(area.id, competency.id, comp_title, comp_title, _en(competency.description))
            for statement in competency.statements:
                text = statement.text[REFERENCE_LANGUAGE]
                add(
                    competency.id,
                    statement.id,
                    PREFIXES[statement.dimension] + text,
                    text,
                    statement.note,
                )
    return rows


def _en(text: dict[str, str] | None) -> str | None:
    return text[REFERENCE_LANGUAGE] if text else None


def _short(name: str) -> str:
    return name if len(name) <= MAX_NAME else name[: MAX_NAME - 1].rstrip() + "…"


def _html(full: str | None, more: dict[str, str] | None) -> str:
    """Description HTML: the full name when the short name had to be cut, then the text."""
    parts = [full] if full else []
    if more:
        parts.append(more[REFERENCE_LANGUAGE])
    paragraphs = [p for part in parts for p in re.split(r"\n\s*\n", part) if p.strip()]
    return "".join(
        "<p>" + html.escape(p.strip(), quote=False).replace("\n", "<br>") + "</p>"
        for p in paragraphs
    )


def _scale(framework: Framework) -> tuple[str, str]:
    """Scale values from the levels (lowest first) and a configuration: the first is the
    default and every level counts as proficient (not yet rated means not yet proficient)."""
    titles = [level.title[REFERENCE_LANGUAGE] for level in framework.levels]
    proficient = list(range(1, len(titles) + 1))
    if not titles:
        titles, proficient = FALLBACK_SCALE, [2]
    bad = [t for t in titles if "," in t]
    if bad:
        raise InputError(
            [
                Problem(
                    file="framework",
                    field="levels",
                    value=t,
                    message="a level title used as a Moodle scale value may not contain a comma",
                    fix="write the level title without a comma",
                    code="moodle.comma-in-level",
                )
                for t in bad
            ]
        )
    config: list[dict[str, Any]] = [{"scaleid": "1"}]
    config += [
        {"id": i, "scaledefault": int(i == 1), "proficient": int(i in proficient)}
        for i in range(1, len(titles) + 1)
    ]
    return ",".join(titles), json.dumps(config, separators=(",", ":"))


def _check_ids(framework: Framework) -> None:
    seen: set[str] = set()
    problems = []
    codes = [framework.id, *(area.id for area in framework.areas)]
    codes += [c.id for _, c in framework.competencies()]
    codes += [s.id for _, _, s in framework.statements()]
    for code in codes:
        if code in seen:
            problems.append(
                Problem(
                    file="framework",
                    field="id",
                    value=code,
                    message="Moodle needs every ID number to be unique, including the framework's",
                    fix="give the framework or this item a different id",
                    code="moodle.duplicate-id",
                )
            )
        seen.add(code)
    if problems:
        raise InputError(problems)


# ---------------------------------------------------------------- import


@dataclass
class _Row:
    line: int
    cells: list[str]

    @property
    def parent(self) -> str:
        return self.cells[0].strip()

    @property
    def idnumber(self) -> str:
        return self.cells[1].strip()

    @property
    def place(self) -> str:
        return f"row {self.line} ({self.idnumber})" if self.idnumber else f"row {self.line}"


@dataclass
class _Sheet:
    source: str
    report: ImportReport
    rows: list[_Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_moodle(
    text: str, source: str, *, default_dimension: Dimension | None = None
) -> ImportResult:
    """The framework in a Moodle competency CSV, by the shared depth rule."""
    sheet = _parse(text, source)
    check_item_count(len(sheet.rows), source, "rows")
    framework_rows = [r for r in sheet.rows if _is_true(r.cells[12])]
    if len(framework_rows) != 1:
        raise InputError.single(
            source,
            f"a Moodle framework file has exactly one framework row (Is framework = 1); "
            f"this one has {len(framework_rows)}",
            "export the framework again from Moodle (Site administration → Competencies → "
            "Export competency framework)",
            code="moodle.framework-rows",
        )
    competencies = [r for r in sheet.rows if r is not framework_rows[0]]
    roots = _tree(sheet, competencies)
    if sheet.problems:
        raise InputError(sheet.problems)
    head = _head(framework_rows[0], sheet)
    return build_framework(
        head, roots, source=source, default_dimension=default_dimension, report=sheet.report
    )


def _parse(text: str, source: str) -> _Sheet:
    first_line = text.splitlines()[0] if text else ""
    reader = None
    try:
        # Sniffing reads the header line, so it fails as the full read would on a bad header
        # (a field over the csv module's size limit): both give the same message.
        delimiter = max(
            (",", ";", "\t"), key=lambda d: len(next(csv.reader([first_line], delimiter=d)))
        )
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return _read_rows(reader, source)
    except csv.Error as exc:
        raise InputError.single(
            source,
            f"the CSV cannot be read: {exc}",
            "save the file again as CSV (UTF-8) from Moodle or a spreadsheet",
            line=reader.line_num if reader is not None else 1,
            code="moodle.csv-unreadable",
        ) from None


def _read_rows(reader: Any, source: str) -> _Sheet:
    sheet = _Sheet(source, ImportReport(source))
    header: list[str] = next(reader, [])
    if len(header) != COLUMNS:
        raise InputError.single(
            source,
            f"this is not a Moodle competency framework file: its header has "
            f"{len(header)} columns, Moodle's has {COLUMNS}",
            "give a CSV exported by Moodle's 'Export competency framework', or a CASE JSON package",
            line=1,
            code="moodle.not-moodle",
        )
    # Older Moodle versions spell a few headers differently ("Shortname", "Id number"); only
    # the letters are compared, so both spellings match.
    if [_simplify(h) for h in header] != [_simplify(h) for h in HEADER]:
        sheet.report.adjusted.append(
            "the header wording is not Moodle's; the columns were read by position, as Moodle does"
        )
    line = reader.line_num
    for cells in reader:
        start, line = line + 1, reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != COLUMNS:
            sheet.problems.append(
                Problem(
                    file=source,
                    line=start,
                    value=len(cells),
                    message=f"this row has {len(cells)} fields; every row needs {COLUMNS}, like the "
                    "header",
                    fix="check for a missing or extra delimiter or an unclosed quote in this row",
                    code="moodle.row-width",
                )
            )
            continue
        sheet.rows.append(_Row(start, [restore(c) for c in cells]))
    if sheet.problems:
        raise InputError(sheet.problems)
    return sheet


def _simplify(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def _is_true(value: str) -> bool:
    return value.strip().lower() not in ("", "0", "false", "no")


def _tree(sheet: _Sheet, rows: list[_Row]) -> list[SourceNode]:
    """Rows become nodes under their parent's ID number; unusable rows are reported."""
    by_id: dict[str, _Row] = {}
    usable = []
    for row in rows:
        if not row.idnumber or not row.cells[2].strip():
            sheet.report.not_mapped.append(
                f"row {row.line}: no ID number or no short name (Moodle skips such a row and "
                "everything under it)"
            )
            continue
        if row.idnumber in by_id:
            sheet.problems.append(
                Problem(
                    file=sheet.source,
                    line=row.line,
                    field="ID number",
                    value=row.idnumber,
                    message=f"the ID number is already used on row {by_id[row.idnumber].line}",
                    fix="give every competency its own ID number",
                    code="moodle.duplicate-id",
                )
            )
            continue
        by_id[row.idnumber] = row
        usable.append(row)
    nodes = {row.idnumber: _node(row) for row in usable}
    _report_unused_columns(sheet.report, usable)
    roots = []
    for row in usable:
        if not row.parent:
            roots.append(nodes[row.idnumber])
        elif row.parent not in by_id:
            sheet.problems.append(
                Problem(
                    file=sheet.source,
                    line=row.line,
                    field="Parent ID number",
                    value=row.parent,
                    message="no row has this ID number, so this competency has no parent",
                    fix="correct the parent ID number, or leave it empty for a top-level competency",
                    code="moodle.unknown-parent",
                )
            )
        else:
            nodes[row.parent].children.append(nodes[row.idnumber])
    _check_loops(sheet, by_id)
    return roots


def _check_loops(sheet: _Sheet, by_id: dict[str, _Row]) -> None:
    for loop in find_loops({idnumber: row.parent for idnumber, row in by_id.items()}):
        sheet.problems.append(
            Problem(
                file=sheet.source,
                line=by_id[loop[0]].line,
                field="Parent ID number",
                message="these competencies are each other's parents: " + " → ".join(loop),
                fix="a competency cannot be its own ancestor; correct one parent ID number",
                code="moodle.parent-loop",
            )
        )


def _report_unused_columns(report: ImportReport, rows: list[_Row]) -> None:
    """One line per Moodle feature our model has no place for, naming the rows that use it."""
    for column, what in (
        (5, "own scales"),
        (7, "completion rules"),
        (10, "cross-references to related competencies"),
    ):
        places = [row.place for row in rows if row.cells[column].strip()]
        if places:
            shown = ", ".join(places[:5]) + (
                f" and {len(places) - 5} more" if len(places) > 5 else ""
            )
            report.not_mapped.append(f"{what} on {len(places)} rows: {shown}")


def _node(row: _Row) -> SourceNode:
    name = row.cells[2].strip()
    dimension: Dimension | None = None
    for dim, prefix in PREFIXES.items():
        if name.startswith(prefix):
            dimension, name = dim, name[len(prefix) :].strip()
    paragraphs = paragraphs_of(row.cells[3])
    name = _full_name(name, paragraphs)
    notes = "\n\n".join(paragraphs)
    return SourceNode(
        code=row.idnumber,
        text={REFERENCE_LANGUAGE: name},
        place=row.place,
        notes={REFERENCE_LANGUAGE: notes} if notes else None,
        dimension=dimension,
    )


def _full_name(name: str, paragraphs: list[str]) -> str:
    """Undo ``_short``: a name cut with "…" is the first paragraph of the description, which is
    then taken out of ``paragraphs``."""
    if name.endswith("…") and paragraphs and paragraphs[0].startswith(name[:-1].rstrip()):
        return paragraphs.pop(0)
    return name


def paragraphs_of(description: str) -> list[str]:
    """Plain-text paragraphs of a Moodle HTML description."""
    text = re.sub(r"(?i)<br\s*/?>", "\n", description)
    parts = re.split(r"(?i)</?(?:p|div|li|ul|ol|h\d)(?:\s[^>]*)?>", text)
    paragraphs = []
    for part in parts:
        plain = html.unescape(re.sub(r"<[^>]*>", "", part))
        lines = [" ".join(line.split()) for line in plain.split("\n")]
        cleaned = "\n".join(line for line in lines if line)
        if cleaned:
            paragraphs.append(cleaned)
    return paragraphs


def _head(row: _Row, sheet: _Sheet) -> dict[str, Any]:
    paragraphs = paragraphs_of(row.cells[3])
    title = _full_name(row.cells[2].strip(), paragraphs)
    code = row.idnumber if _CODE.match(row.idnumber) else ""
    if not code:
        code = re.sub(r"[^A-Za-z0-9._-]+", "-", row.idnumber).strip("-._")[:100] or "imported"
        sheet.report.adjusted.append(f"the framework was given the id '{code}'")
    sheet.report.adjusted.append("Moodle files carry no framework version; version '1' was set")
    description = "\n\n".join(paragraphs)
    return {
        "id": code,
        "title": title,
        "version": "1",
        **({"description": description} if description else {}),
        "levels": _levels(row.cells[5], sheet.report),
    }


def _levels(scale_values: str, report: ImportReport) -> list[dict[str, Any]]:
    levels: list[dict[str, Any]] = []
    for value in (v.strip() for v in scale_values.split(",")):
        if not value:
            continue
        levels.append({"id": level_id(value, [lv["id"] for lv in levels]), "title": value})
    if not levels:
        report.adjusted.append("the framework row has no scale values, so no levels were set")
    return levels
