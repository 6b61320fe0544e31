"""The layout of the mapping workbook, shared by the writer and the importer.

Both sides read the sheet names, header rows and columns from here, so a workbook written by one
version of the tool is read back by the same rules.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from competency_kit.models.curriculum import DEPTHS, Depth
from competency_kit.models.framework import Framework

FORMAT_VERSION = "1"
"""Bumped when the workbook layout changes in a way older readers cannot follow."""

INSTRUCTIONS = "Instructions"
PROGRAMME = "Programme"
COURSES = "Courses"
MODULES = "Modules"
MAPPING = "Mapping"
EVIDENCE = "Evidence"
FRAMEWORK = "Framework"
META = "_meta"


ASSESSED_MARK = "*"
MAPPING_VALUES = [*DEPTHS, *(d + ASSESSED_MARK for d in DEPTHS)]
"""What a mapping cell may hold: I, R, M, and the same with * when the module assesses it."""

# Programme sheet: one field per row, label in column A, value in column B.
PROGRAMME_FIELDS: list[tuple[str, str, str]] = [
    ("id", "Programme id", "Short code without spaces, e.g. DIP-HOSP (required)."),
    ("title", "Programme title", "Full name of the programme (required)."),
    ("institution", "Institution", "School or college that teaches it."),
    ("language", "Language", "Teaching language code, e.g. en, fr, es."),
    ("description", "Description", "A few sentences about the programme."),
    ("audiences", "Audiences", "Framework audience ids, separated by commas."),
    ("level", "Level", "Framework level the programme aims at."),
]
PROGRAMME_FIRST_ROW = 4

COURSE_COLUMNS = [
    ("id", "Course id", 16),
    ("title", "Course title", 40),
    ("description", "Course description", 70),
]
MODULE_COLUMNS = [
    ("course", "Course id", 14),
    ("id", "Module id", 16),
    ("title", "Module title", 34),
    ("hours", "Hours", 8),
    ("learning_outcomes", "Learning outcomes (one per line)", 48),
    ("assessment", "Assessment (one per line)", 36),
    ("key_messages", "Key messages (one per line)", 36),
    ("activity", "Activity", 36),
    ("discussion_questions", "Discussion questions (one per line)", 40),
]
LIST_FIELDS = {"learning_outcomes", "assessment", "key_messages", "discussion_questions"}
EVIDENCE_COLUMNS = [
    ("module", "Module id", 16),
    ("target", "Statement or competency id", 26),
    ("evidence", "Evidence: how the module assesses it", 80),
]
META_ORDER_ROW = 8
"""Hidden sheet: facts in rows 1-5, then from this row each module's mapping order."""
TABLE_HEADER_ROW = 3
"""Courses, Modules and Evidence: title in row 1, a hint in row 2, column headings in row 3."""

# Mapping sheet rows and fixed columns.
MAP_AREA_ROW = 2
MAP_COMPETENCY_ROW = 3
MAP_ID_ROW = 4
MAP_KIND_ROW = 5
MAP_FIRST_ROW = 6
MAP_MODULE_COLUMN = 1
MAP_TITLE_COLUMN = 2
MAP_FIRST_TARGET_COLUMN = 3


@dataclass(frozen=True)
class MatrixColumn:
    """One column of the mapping matrix: a competency, one of its statements, or a gap
    between areas (``target`` empty)."""

    index: int
    target: str
    kind: str
    """'competency', 'knowledge', 'skill', 'attitude', or 'gap'."""
    area_index: int


def matrix_columns(framework: Framework) -> list[MatrixColumn]:
    """Columns of the matrix: per area, each competency followed by its statements; a
    narrow gap column between areas keeps the areas' column groups apart."""
    columns: list[MatrixColumn] = []
    index = MAP_FIRST_TARGET_COLUMN
    for a, area in enumerate(framework.areas):
        if a:
            columns.append(MatrixColumn(index, "", "gap", a))
            index += 1
        for competency in area.competencies:
            columns.append(MatrixColumn(index, competency.id, "competency", a))
            index += 1
            for statement in competency.statements:
                columns.append(MatrixColumn(index, statement.id, statement.dimension, a))
                index += 1
    return columns


def framework_hash(framework: Framework) -> str:
    """sha256 of the framework's canonical JSON: changes whenever any of its content does.
    Empty lineage fields are left out, so workbooks made before frameworks recorded their
    lineage still match their framework; so are the source fingerprints a translation keeps,
    which record where a translation came from, not what the framework says."""
    data = _without_empty_lineage(framework.model_dump(mode="json"))
    for translation in (data.get("translations") or {}).values():
        translation.pop("sources", None)
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _without_empty_lineage(data: Any) -> Any:
    if isinstance(data, list):
        return [_without_empty_lineage(item) for item in data]
    if not isinstance(data, dict):
        return data
    empty: dict[str, Any] = {"retired": None, "replaces": []}
    return {
        key: _without_empty_lineage(value)
        for key, value in data.items()
        if not (key in empty and value == empty[key])
    }


def mapping_value(depth: Depth, assessed: bool) -> str:
    return depth + (ASSESSED_MARK if assessed else "")


_SPACES = re.compile(r"\s+")


def parse_mapping_value(value: Any) -> tuple[Depth, bool] | None:
    """'M*' → ('M', True); 'r' → ('R', False); None when the text is not a mapping value.
    Case and spaces are forgiven, since people type these by hand."""
    if not isinstance(value, str):
        return None
    text = _SPACES.sub("", value).upper()
    assessed = text.endswith(ASSESSED_MARK)
    depth = text[:-1] if assessed else text
    for known in DEPTHS:
        if depth == known:
            return known, assessed
    return None


def cell_value_text(value: Any) -> str | None:
    """A cell read as text: a number typed as an id becomes '2024'; a blank cell is None."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return text if text.strip() else None


def lines(items: list[str]) -> str | None:
    """A list written into one cell, one item per line."""
    return "\n".join(items) if items else None


def split_lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


CONTENT_FACT = "content_fingerprint"
"""The _meta fact with the fingerprint of what the workbook held when it was written."""
CONTENT_AREAS = (
    (PROGRAMME, PROGRAMME_FIRST_ROW, 2, ()),
    (COURSES, TABLE_HEADER_ROW + 1, len(COURSE_COLUMNS), ()),
    (MODULES, TABLE_HEADER_ROW + 1, len(MODULE_COLUMNS), ()),
    (MAPPING, MAP_FIRST_ROW, None, (MAP_TITLE_COLUMN,)),
    (EVIDENCE, TABLE_HEADER_ROW + 1, len(EVIDENCE_COLUMNS), ()),
)
"""Where people type: sheet, first row, last column (None: all), columns the tool fills with
formulas (not typed, so left out)."""


def content_fingerprint(workbook: Any) -> str:
    """sha256 of every value people can type, row by row: the same workbook, opened in memory
    while it is written or read back from its file, gives the same fingerprint, and any change
    to a typed value gives another."""
    digest = hashlib.sha256()
    for sheet, first_row, width, skipped in CONTENT_AREAS:
        if sheet not in workbook.sheetnames:
            digest.update(f"no {sheet}\n".encode())
            continue
        rows = workbook[sheet].iter_rows(min_row=first_row, max_col=width, values_only=True)
        for number, values in enumerate(rows, start=first_row):
            texts = [
                cell_value_text(value) if index + 1 not in skipped else None
                for index, value in enumerate(values)
            ]
            while texts and texts[-1] is None:
                texts.pop()
            if texts:
                digest.update(json.dumps([sheet, number, texts], ensure_ascii=False).encode())
    return digest.hexdigest()
