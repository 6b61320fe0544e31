"""The framework diff as a workbook for a curriculum committee: a summary, then one row per
change with a filter on every column and a column for the committee's notes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from competency_kit._version import __version__
from competency_kit.analysis.version_reports import HEADINGS
from competency_kit.core.outputs import atomic_output
from competency_kit.excel.cells import fit_height
from competency_kit.excel.palette import BOLD, INPUT_FILL, TITLE, UNLOCKED
from competency_kit.excel.printing import print_setup
from competency_kit.excel.saving import save_workbook
from competency_kit.excel.versions.sheets import HEADER_ROW, META, meta_sheet, put, table
from competency_kit.excel.workbook_input import read_workbook
from competency_kit.models.base import localize
from competency_kit.models.framework import Framework
from competency_kit.models.versions import Change, FrameworkDiff

SUMMARY, CHANGES = "Summary", "Changes"
KIND = "framework-diff"
NOTES_COLUMN = "Committee notes"
COLUMNS = [
    ("Change", 12),
    ("Item", 11),
    ("Id", 14),
    ("Field", 10),
    ("Before", 44),
    ("After", 44),
    ("Linked items", 22),
    ("Translations out of date", 14),
    ("Version step", 10),
    (NOTES_COLUMN, 36),
]


def write_diff_workbook(
    diff: FrameworkDiff,
    old: Framework,
    new: Framework,
    path: str | Path,
    *,
    inputs: tuple[str | Path | None, ...] = (),
) -> Path:
    workbook = Workbook()
    _summary(workbook.active, diff, old, new)
    changes = workbook.create_sheet(CHANGES)
    table(
        changes,
        "Changes",
        f"Changes from {diff.old_version} to {diff.new_version}",
        "One row per change; filter a column to see one kind. The last column is for the "
        "committee's notes.",
        COLUMNS,
        [_row(c) for c in diff.changes],
    )
    for row in range(HEADER_ROW + 1, HEADER_ROW + 1 + len(diff.changes)):
        cell = changes.cell(row, len(COLUMNS))
        cell.protection, cell.fill = UNLOCKED, INPUT_FILL
    meta_sheet(
        workbook.create_sheet(META),
        [
            ("kind", KIND),
            ("generator", f"competency-kit {__version__}"),
            ("framework_id", diff.framework),
            ("from_version", diff.old_version),
            ("to_version", diff.new_version),
        ],
    )
    with atomic_output(path, inputs=inputs) as tmp:
        save_workbook(workbook, tmp)
    return Path(path)


def _summary(ws: Any, diff: FrameworkDiff, old: Framework, new: Framework) -> None:
    ws.title = SUMMARY
    rows: Sequence[tuple[str, Any]] = [
        ("Framework", f"{localize(new.title)} ({diff.framework})"),
        ("From version", diff.old_version),
        ("To version", diff.new_version),
        ("Suggested version step", diff.suggested_bump),
        ("Step the version numbers take", diff.version_bump or "not x.y.z numbers"),
        ("Statements before", len(old.current().statement_ids())),
        ("Statements after", len(new.current().statement_ids())),
        *((heading, len(diff.of_kind(kind))) for kind, heading in HEADINGS.items()),
    ]
    put(ws, 1, 1, "Framework changes").font = TITLE
    for r, (label, value) in enumerate(rows, start=3):
        put(ws, r, 1, label).font = BOLD
        put(ws, r, 2, value)
    ws.column_dimensions["A"].width = 46
    ws.column_dimensions["B"].width = 60
    fit_height(ws, 3, {"B": rows[0][1]})
    print_setup(ws, orientation="portrait")


def _row(change: Change) -> list[Any]:
    linked = change.new_ids or change.old_ids
    arrow = "→ " if change.new_ids else "← " if change.old_ids else ""
    return [
        change.kind,
        change.item,
        change.id,
        change.field,
        change.before,
        change.after,
        arrow + ", ".join(linked) if linked else None,
        ", ".join(change.stale_languages) or None,
        change.bump,
        None,
    ]


def committee_notes(path: str | Path) -> int:
    """How many rows of a diff workbook's Changes sheet hold a committee note someone typed."""
    path = Path(path)
    return read_workbook(path, "framework diff workbook", _count_notes)


def _count_notes(workbook: Any) -> int:
    if CHANGES not in workbook.sheetnames:
        return 0
    rows = workbook[CHANGES].iter_rows(
        min_row=HEADER_ROW + 1, min_col=len(COLUMNS), max_col=len(COLUMNS), values_only=True
    )
    return sum(1 for (note,) in rows if note not in (None, ""))
