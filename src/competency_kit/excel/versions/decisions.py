"""The migration decisions workbook: one row per successor of each split item a module maps;
a person chooses Yes or No (and the depth) from drop-downs, and ``migrate`` reads it back.

The hidden _meta sheet records the framework, both versions and a fingerprint of the curriculum,
so a workbook is never applied to a curriculum that changed since, or to another version.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from competency_kit._version import __version__
from competency_kit.analysis.migration import SplitDecisions, split_choices
from competency_kit.core.errors import InputError, Problem
from competency_kit.core.outputs import atomic_output
from competency_kit.excel.palette import INPUT_FILL, UNLOCKED
from competency_kit.excel.saving import save_workbook
from competency_kit.excel.versions.sheets import HEADER_ROW, META, meta_sheet, read_meta, table
from competency_kit.excel.workbook_input import read_workbook
from competency_kit.models.base import localize
from competency_kit.models.curriculum import DEPTHS, Curriculum, Depth
from competency_kit.models.framework import Framework

SHEET = "Decisions"
KIND = "migration-decisions"
FORMAT = "1"
COLUMNS = [
    ("Course", 12),
    ("Module", 14),
    ("Maps (item that was split)", 16),
    ("Its text", 40),
    ("Depth", 7),
    ("Successor", 14),
    ("Successor text", 48),
    ("Map to it?", 11),
    ("At depth", 9),
]
CHOICE_COLUMN, DEPTH_COLUMN = 8, 9
YES, NO = "Yes", "No"


def curriculum_fingerprint(curriculum: Curriculum) -> str:
    data = json.dumps(curriculum.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def write_decisions(
    curriculum: Curriculum,
    new: Framework,
    from_version: str,
    path: str | Path,
    *,
    inputs: tuple[str | Path | None, ...] = (),
) -> Path:
    """Write the decisions workbook for every split mapping; every successor starts as Yes at
    the mapping's depth (what migrate does without decisions)."""
    texts = {n.item.id: _text(n.item) for n in new.nodes()}
    rows = [
        [
            course,
            module,
            m.to,
            texts.get(m.to, ""),
            m.depth,
            successor,
            texts[successor],
            YES,
            m.depth,
        ]
        for course, module, m, successors in split_choices(curriculum, new)
        for successor in successors
    ]
    workbook = Workbook()
    ws = workbook.active
    ws.title = SHEET
    table(
        ws,
        "SplitDecisions",
        f"Split items to decide: {curriculum.programme.title}, {new.id} {from_version} → "
        f"{new.version}",
        "Each row is one successor of an item that was split. Choose Yes to map the module to it "
        "(at the depth you choose) or No to leave it out; then give this workbook to the migration "
        "again.",
        COLUMNS,
        rows,
    )
    _inputs(ws, len(rows))
    meta_sheet(
        workbook.create_sheet(META),
        [
            ("kind", KIND),
            ("format", FORMAT),
            ("generator", f"competency-kit {__version__}"),
            ("framework_id", new.id),
            ("from_version", from_version),
            ("to_version", new.version),
            ("curriculum", curriculum_fingerprint(curriculum)),
        ],
    )
    with atomic_output(path, inputs=inputs) as tmp:
        save_workbook(workbook, tmp)
    return Path(path)


def _text(item: Any) -> str:
    return localize(getattr(item, "text", None) or item.title)


def _inputs(ws: Any, count: int) -> None:
    """Drop-downs on the two columns a person fills; everything else locked."""
    first, last = HEADER_ROW + 1, HEADER_ROW + max(count, 1)
    choice = DataValidation(type="list", formula1=f'"{YES},{NO}"', allow_blank=False)
    depth = DataValidation(type="list", formula1=f'"{",".join(DEPTHS)}"', allow_blank=False)
    for validation, column in ((choice, "H"), (depth, "I")):
        validation.error = "Choose a value from the list."
        validation.showErrorMessage = True
        validation.add(f"{column}{first}:{column}{last}")
        ws.add_data_validation(validation)
        for row in range(first, last + 1):
            cell = ws[f"{column}{row}"]
            cell.protection, cell.fill = UNLOCKED, INPUT_FILL
    ws.protection.sheet = True
    ws.protection.autoFilter = False
    ws.protection.sort = False
    ws.protection.formatColumns = False


def read_decisions(path: str | Path, curriculum: Curriculum, new: Framework) -> SplitDecisions:
    """The successors a person kept for each split mapping, read from the workbook at ``path``.
    Raises InputError naming every bad cell, or when the workbook was made for another
    curriculum or version."""
    path = Path(path)
    return read_workbook(
        path, "decisions workbook", lambda workbook: _read(path, workbook, curriculum, new)
    )


def _read(path: Path, workbook: Any, curriculum: Curriculum, new: Framework) -> SplitDecisions:
    name = str(path)
    if SHEET not in workbook.sheetnames or META not in workbook.sheetnames:
        raise InputError.single(
            name,
            "this is not a migration decisions workbook (it has no Decisions and _meta sheets)",
            "give the workbook the migration wrote, or a new name to write one",
            code="decisions.not-a-decisions-workbook",
        )
    _check_meta(name, read_meta(workbook[META]), curriculum, new)
    pending = {
        (module, m.to): (m.depth, successors)
        for _, module, m, successors in split_choices(curriculum, new)
    }
    problems: list[Problem] = []
    chosen: dict[tuple[str, str], list[tuple[str, Depth]]] = {}
    rows = workbook[SHEET].iter_rows(min_row=HEADER_ROW + 1, max_col=len(COLUMNS), values_only=True)
    for row, values in enumerate(rows, start=HEADER_ROW + 1):
        cells = [None if v is None else str(v).strip() for v in (*tuple(values), *[None] * 9)[:9]]
        if not any(cells):
            continue
        _read_row(name, row, cells, pending, chosen, problems)
    if problems:
        raise InputError(problems)
    return chosen


def _read_row(
    name: str,
    row: int,
    cells: list[str | None],
    pending: dict[tuple[str, str], tuple[Depth, tuple[str, ...]]],
    chosen: dict[tuple[str, str], list[tuple[str, Depth]]],
    problems: list[Problem],
) -> None:
    module, old, successor = cells[1] or "", cells[2] or "", cells[5] or ""
    known = pending.get((module, old))
    if known is None or successor not in known[1]:
        problems.append(
            Problem(
                file=name,
                cell=f"{SHEET}!B{row}",
                message=f"module {module or '?'} → {old or '?'} → {successor or '?'} is not a "
                "split of this curriculum",
                fix="keep the Course, Module, Maps and Successor cells as they were written",
                code="decisions.unknown-row",
            )
        )
        return
    choice = (cells[CHOICE_COLUMN - 1] or YES).capitalize()
    depth = (cells[DEPTH_COLUMN - 1] or known[0]).upper()
    if choice not in (YES, NO):
        problems.append(
            _bad(name, f"H{row}", choice, f"write {YES} or {NO}", "decisions.bad-choice")
        )
    elif depth not in DEPTHS:
        problems.append(_bad(name, f"I{row}", depth, "write I, R or M", "decisions.bad-depth"))
    else:
        kept = chosen.setdefault((module, old), [])
        if choice == YES:
            kept.append((successor, depth))


def _bad(name: str, cell: str, value: str, fix: str, code: str) -> Problem:
    return Problem(
        file=name,
        cell=f"{SHEET}!{cell}",
        message=f"'{value}' is not one of the choices",
        fix=f"{fix} (pick from the drop-down)",
        value=value,
        code=code,
    )


def _check_meta(
    name: str, facts: dict[str, tuple[str, Any]], curriculum: Curriculum, new: Framework
) -> None:
    cell, kind = facts.get("kind", (f"{META}!B1", None))
    if kind != KIND:
        raise InputError.single(
            name,
            "this is not a migration decisions workbook",
            "give the workbook the migration wrote, or a new name to write one",
            cell=cell,
            code="decisions.not-a-decisions-workbook",
        )
    made = (facts.get("framework_id", ("", None))[1], facts.get("to_version", ("", None))[1])
    if made != (new.id, new.version):
        raise InputError.single(
            name,
            f"these decisions were made for migrating to {made[0]} {made[1]}, not to "
            f"{new.id} {new.version}",
            "give a new name for the decisions workbook, so that one is written for this version",
            cell=facts.get("to_version", (cell, None))[0],
            code="decisions.other-version",
        )
    cell, fingerprint = facts.get("curriculum", (f"{META}!B7", None))
    if fingerprint != curriculum_fingerprint(curriculum):
        raise InputError.single(
            name,
            "the curriculum has changed since these decisions were written",
            "give a new name for the decisions workbook, so that one is written for the "
            "curriculum as it is now, and copy your choices into it",
            cell=cell,
            code="decisions.curriculum-changed",
        )
