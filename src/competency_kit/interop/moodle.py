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
from competency_kit.interop.texts import ascii_letters, code_from, compact, html_paragraphs
from competency_kit.interop.tree import (
    ImportOptions,
    ImportReport,
    ImportResult,
    SourceNode,
    build_framework,
    check_item_count,
    find_loops,
    framework_id,
    level_id,
    source_language,
)
from competency_kit.models.base import localize
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
"""Moodle needs a scale; a framework without levels gets Moodle's own default one, and the
framework row's facts say so (``Levels: none``), so reading the file back sets no levels."""
FACTS = ("Version", "Publisher", "Licence", "Language", "Levels")
"""What the last paragraph of the framework row's description says, one ``Name: value`` a line:
the framework's facts that Moodle has no column for."""
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
    language = framework.reference_language
    title = localize(framework.title, language)
    rows = [
        HEADER,
        [
            "",
            framework.id,
            _short(title),
            _html(
                title if len(title) > MAX_NAME else None, localize(framework.description, language)
            )
            + _facts(framework),
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
                _html(full if len(name) > MAX_NAME else None, more),
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
        area_title = localize(area.title, language)
        add("", area.id, area_title, area_title, localize(area.description, language))
        for competency in area.competencies:
            comp_title = localize(competency.title, language)
            add(
                area.id,
                competency.id,
                comp_title,
                comp_title,
                localize(competency.description, language),
            )
            for statement in competency.statements:
                text = localize(statement.text, language)
                add(
                    competency.id,
                    statement.id,
                    PREFIXES[statement.dimension] + text,
                    text,
                    statement.note,
                )
    return rows


def _short(name: str) -> str:
    return name if len(name) <= MAX_NAME else name[: MAX_NAME - 1].rstrip() + "…"


def _html(full: str | None, more: str | None) -> str:
    """Description HTML: the full name when the short name had to be cut, then the text."""
    parts = [full] if full else []
    if more:
        parts.append(more)
    paragraphs = [p for part in parts for p in re.split(r"\n\s*\n", part) if p.strip()]
    return "".join(
        "<p>" + html.escape(p.strip(), quote=False).replace("\n", "<br>") + "</p>"
        for p in paragraphs
    )


def _facts(framework: Framework) -> str:
    """The framework's version, publisher, licence, language and level ids as a last paragraph
    of its description (``Version: 2025.03<br>…``): readable in Moodle, and read back on import."""
    facts = {
        "Version": framework.version,
        "Publisher": framework.publisher,
        "Licence": framework.licence,
        "Language": framework.reference_language,
        "Levels": ", ".join(level.id for level in framework.levels) or "none",
    }
    lines = [f"{name}: {html.escape(value, quote=False)}" for name, value in facts.items() if value]
    return "<p>" + "<br>".join(lines) + "</p>"


def _scale(framework: Framework) -> tuple[str, str]:
    """Scale values from the levels (lowest first) and a configuration: the first is the
    default and every level counts as proficient (not yet rated means not yet proficient)."""
    titles = [localize(level.title, framework.reference_language) for level in framework.levels]
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


_COLUMN_WORDS: list[tuple[str, ...]] = [
    ("parent", "ubergeordnet", "eltern", "padre", "pai", "superior", "mere"),
    ("idnumber", "id", "identif", "numero", "nummer", "kennung", "codigo"),
    ("shortname", "short", "name", "nom", "kurz", "nombre", "nome", "abrev", "corto", "curto"),
    ("descri", "beschreib"),
    ("format",),
    ("scale", "bareme", "echelle", "skal", "bewertung", "escala"),
    ("config", "konfig", "einstell", "parametr"),
    ("rule", "regle", "regel", "regla", "regra"),
    ("outcome", "result", "ergebnis", "folge", "efecto"),
    ("config", "konfig", "einstell", "parametr"),
    ("cross", "related", "associe", "lie", "verwandt", "verknupf", "bezug", "relacion", "cruz",
     "referenc", "vinculad"),
    ("export",),
    ("framework", "referentiel", "rahmen", "marco", "quadro", "estrutura", "cadre"),
    ("taxonom",),
]  # fmt: skip
"""Words (without accents, lower case) of each column's header in the wordings of Moodle's
language packs (en, fr, de, es, pt): a header is Moodle's when each column has one of its words.
Moodle itself reads the columns by position and only shows the header."""


@dataclass
class _Row:
    row: int
    """The row a spreadsheet shows it on (the header is row 1), not a line of the file: a cell
    may hold line breaks."""
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
        return f"row {self.row} ({self.idnumber})" if self.idnumber else f"row {self.row}"

    def cell(self, column: int) -> str:
        return f"{chr(ord('A') + column)}{self.row}"


@dataclass
class _Sheet:
    source: str
    report: ImportReport
    rows: list[_Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_moodle(text: str, source: str, options: ImportOptions | None = None) -> ImportResult:
    """The framework in a Moodle competency CSV, by the shared depth rule."""
    options = options or ImportOptions()
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
    framework_row = framework_rows[0]
    paragraphs = html_paragraphs(framework_row.cells[3])
    title = _full_name(framework_row.cells[2].strip(), paragraphs)
    facts = _facts_of(paragraphs)
    language = source_language(facts.get("Language"), options.language)
    competencies = [r for r in sheet.rows if r is not framework_row]
    taxonomy = [t.strip() for t in framework_row.cells[13].split(",")]
    roots = _tree(sheet, competencies, taxonomy, language)
    if sheet.problems:
        raise InputError(sheet.problems)
    head = _head(framework_row, title, paragraphs, facts, language, sheet)
    if "Language" not in facts and options.language is None:
        sheet.report.adjust(
            f"Moodle files do not say their language; the texts were taken as '{language}'"
        )
    return build_framework(head, roots, source=source, options=options, report=sheet.report)


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
    if not is_moodle_header(header):
        sheet.report.adjust(
            "the header wording is not Moodle's; the columns were read by position, as Moodle does"
        )
    line = reader.line_num
    for row, cells in enumerate(reader, 2):
        start, line = line + 1, reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != COLUMNS:
            sheet.problems.append(
                Problem(
                    file=source,
                    line=start,
                    value=len(cells),
                    message=f"spreadsheet row {row} has {len(cells)} fields; every row needs "
                    f"{COLUMNS}, like the header",
                    fix="check for a missing or extra delimiter or an unclosed quote in this row",
                    code="moodle.row-width",
                )
            )
            continue
        sheet.rows.append(_Row(row, start, [restore(c) for c in cells]))
    if sheet.problems:
        raise InputError(sheet.problems)
    return sheet


def is_moodle_header(header: list[str]) -> bool:
    """Whether each header names its column, in any of the wordings Moodle has used (``Id
    number``, ``ID number``) or its language packs give (``Nom abrégé``, ``Kurzname``)."""
    simple = [re.sub(r"[^a-z]", "", ascii_letters(h).lower()) for h in header]
    return all(
        any(word in text for word in words)
        for text, words in zip(simple, _COLUMN_WORDS, strict=True)
    )


def _is_true(value: str) -> bool:
    return value.strip().lower() not in ("", "0", "false", "no")


def _tree(sheet: _Sheet, rows: list[_Row], taxonomy: list[str], language: str) -> list[SourceNode]:
    """Rows become nodes under their parent's ID number; unusable rows are reported."""
    by_id: dict[str, _Row] = {}
    usable = []
    for row in rows:
        if not row.idnumber or not row.cells[2].strip():
            sheet.report.drop(
                "rows with no ID number or no short name (Moodle skips such a row and "
                "everything under it)",
                f"row {row.row}",
            )
            continue
        if row.idnumber in by_id:
            sheet.problems.append(
                Problem(
                    file=sheet.source,
                    cell=row.cell(1),
                    field="ID number",
                    value=row.idnumber,
                    message=f"the ID number is already used on row {by_id[row.idnumber].row}",
                    fix="give every competency its own ID number",
                    code="moodle.duplicate-id",
                )
            )
            continue
        by_id[row.idnumber] = row
        usable.append(row)
    nodes = {row.idnumber: _node(row, language) for row in usable}
    _report_unused_columns(sheet.report, usable)
    roots = []
    for row in usable:
        if not row.parent:
            roots.append(nodes[row.idnumber])
        elif row.parent not in by_id:
            sheet.problems.append(
                Problem(
                    file=sheet.source,
                    cell=row.cell(0),
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
    if not sheet.problems:
        _name_kinds(roots, taxonomy)
    return roots


def _name_kinds(roots: list[SourceNode], taxonomy: list[str]) -> None:
    """Each item's type is the framework's taxonomy term for its depth (``skill``, ``value``)."""
    level = roots
    for depth in range(len(taxonomy)):
        for node in level:
            node.kind = taxonomy[depth]
        level = [child for node in level for child in node.children]


def _check_loops(sheet: _Sheet, by_id: dict[str, _Row]) -> None:
    for loop in find_loops({idnumber: row.parent for idnumber, row in by_id.items()}):
        sheet.problems.append(
            Problem(
                file=sheet.source,
                cell=by_id[loop[0]].cell(0),
                field="Parent ID number",
                message="these competencies are each other's parents: " + " → ".join(loop),
                fix="a competency cannot be its own ancestor; correct one parent ID number",
                code="moodle.parent-loop",
            )
        )


def _report_unused_columns(report: ImportReport, rows: list[_Row]) -> None:
    """One line per Moodle feature our model has no place for, naming the rows that use it."""
    for column, what in (
        (5, "own scales of competencies"),
        (7, "completion rules"),
        (10, "cross-references to related competencies"),
    ):
        for row in rows:
            if row.cells[column].strip():
                report.drop(what, row.place)


def _node(row: _Row, language: str) -> SourceNode:
    name = row.cells[2].strip()
    dimension: Dimension | None = None
    marked = ""
    for dim, prefix in PREFIXES.items():
        if name.startswith(prefix):
            dimension, name, marked = dim, name[len(prefix) :].strip(), prefix
    paragraphs = html_paragraphs(row.cells[3])
    name = _full_name(name, paragraphs, marked)
    notes = "\n\n".join(paragraphs)
    return SourceNode(
        code=row.idnumber,
        text={language: name},
        place=row.place,
        notes={language: notes} if notes else None,
        dimension=dimension,
    )


def _full_name(name: str, paragraphs: list[str], prefix: str = "") -> str:
    """Undo ``_short``: a name cut with "…" (after its dimension ``prefix``) is the first
    paragraphs of the description (as many as it takes to give that short name), which are then
    taken out of ``paragraphs``."""
    if not name.endswith("…"):
        return name
    cut = _spaced(prefix + name[:-1])
    for count in range(1, len(paragraphs) + 1):
        full = "\n\n".join(paragraphs[:count])
        if _spaced(prefix + full).startswith(cut) and len(prefix + full) >= MAX_NAME:
            del paragraphs[:count]
            return full
    return name


def _spaced(text: str) -> str:
    return " ".join(text.split())


def _facts_of(paragraphs: list[str]) -> dict[str, str]:
    """The facts paragraph our export ends the framework description with, taken out of
    ``paragraphs``; {} when there is none."""
    if not paragraphs:
        return {}
    facts = {}
    for line in paragraphs[-1].split("\n"):
        name, sep, value = line.partition(": ")
        if not sep or name not in FACTS:
            return {}
        facts[name] = value.strip()
    if "Version" not in facts:
        return {}
    paragraphs.pop()
    return facts


def _head(
    row: _Row,
    title: str,
    paragraphs: list[str],
    facts: dict[str, str],
    language: str,
    sheet: _Sheet,
) -> dict[str, Any]:
    code = row.idnumber if _CODE.match(row.idnumber) else code_from(row.idnumber)
    if not _CODE.match(code):
        code, how = framework_id([(title, "from its short name")], row.idnumber)
        sheet.report.adjust(f"the framework was given the id '{code}' {how}")
    elif code != row.idnumber:
        sheet.report.adjust(f"the framework was given the id '{code}' from its ID number")
    if "Version" not in facts:
        sheet.report.adjust("Moodle files carry no framework version; version '1' was set")
    description = "\n\n".join(paragraphs)
    head: dict[str, Any] = {
        "id": code,
        "version": facts.get("Version") or "1",
        "publisher": facts.get("Publisher"),
        "licence": facts.get("Licence"),
        "languages": [language],
        "description": description,
        "levels": _levels(row.cells[5], facts.get("Levels"), language, sheet.report),
    }
    head["title"] = {language: title}
    head["description"] = {language: description} if description else None
    return compact(head)


def _levels(
    scale_values: str, ids: str | None, language: str, report: ImportReport
) -> list[dict[str, Any]]:
    """The framework row's scale values as levels; with the ids our export noted, or none when
    it noted that the framework has none (the scale is then only Moodle's required default)."""
    if ids == "none":
        return []
    values = [v.strip() for v in scale_values.split(",") if v.strip()]
    given = [i.strip() for i in ids.split(",")] if ids else []
    levels: list[dict[str, Any]] = []
    for index, value in enumerate(values):
        taken = [lv["id"] for lv in levels]
        own = given[index] if len(given) == len(values) else ""
        level = own if own and own not in taken and level_id(own, []) == own else ""
        levels.append({"id": level or level_id(value, taken), "title": {language: value}})
    if not levels:
        report.adjust("the framework row has no scale values, so no levels were set")
    return levels
