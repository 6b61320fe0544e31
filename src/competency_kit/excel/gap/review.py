"""Reading reviewer decisions back out of a gap workbook (``competency-kit review``).

Columns are found by their heading, so a reviewer who reorders or adds columns loses nothing.
Sheets, headings and statuses are read in the language the workbook records (English for a
workbook that records none), and English words are understood in any of them. Every problem is
reported with its cell (``gap.xlsx!Findings!F7``), all at once.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel

from competency_kit.core import limits
from competency_kit.core.errors import InputError, Problem, in_sheet_order
from competency_kit.core.languages import folded
from competency_kit.documents.sniff import workbook_kind, wrong_file
from competency_kit.excel.gap.wording import GapWording, gap_wording
from competency_kit.excel.workbook_input import read_workbook, recorded_language
from competency_kit.models.review import Decision, Review, ReviewStatus

FIELDS = {
    "finding_id": "finding",
    "finding": "about",
    "status": "status",
    "action": "action",
    "owner": "owner",
    "due": "due",
    "comment": "comment",
}
"""Column key in the catalogue → decision field."""
REQUIRED = ("finding", "status")


def read_review(path: str | Path) -> Review:
    """Every decision recorded in the gap workbook at ``path``: rows of the Findings sheet
    where a reviewer changed the status or wrote something, and every row of the Closed
    decisions sheet. Raises InputError listing each bad cell."""
    path = Path(path)
    # Formulas are read as typed (data_only=False): a reviewer's "=..." is their text, and a
    # file saved by a program that does not calculate has no cached value to read instead.
    return read_workbook(path, "gap workbook", lambda wb: _decisions(path, wb))


def _decisions(path: Path, wb: Any) -> Review:
    w = gap_wording(recorded_language(wb) or "en")
    findings_sheet, closed_sheet = w.sheet("findings"), w.sheet("closed")
    if findings_sheet not in wb.sheetnames:
        if workbook_kind(set(wb.sheetnames)) == "mapping-workbook":
            raise wrong_file(path, "mapping-workbook", "gap workbook")
        raise InputError.single(
            str(path),
            f"this workbook has no '{findings_sheet}' sheet",
            "give a gap-analysis workbook made by competency-kit",
            code="review.no-findings-sheet",
        )
    problems: list[Problem] = []
    decisions: list[Decision] = []
    seen: dict[str, str] = {}
    for sheet in (findings_sheet, closed_sheet):
        if sheet in wb.sheetnames:
            closed = sheet == closed_sheet
            decisions += _read_sheet(path, wb[sheet], w, closed, problems, seen)
    if problems:
        raise InputError(in_sheet_order(problems, wb.sheetnames))
    return Review(source=path.name, decisions=decisions)


def _read_sheet(
    path: Path,
    ws: Any,
    w: GapWording,
    closed: bool,
    problems: list[Problem],
    seen: dict[str, str],
) -> list[Decision]:
    rows = ws.iter_rows(values_only=True)
    head_row, columns, labels = _find_header(rows, _headings(w))
    if columns is None:
        wanted = "' and '".join(w.columns(("finding_id", "status")))
        problems.append(
            Problem(
                file=str(path),
                cell=f"{ws.title}!A1",
                message=f"the '{ws.title}' sheet has no heading row with '{wanted}'",
                fix="keep the heading row as the tool wrote it",
                code="review.no-heading-row",
            )
        )
        return []
    reader = _RowReader(str(path), ws.title, columns, problems, seen, labels, w)
    decisions = []
    for number, values in enumerate(rows, head_row + 1):
        if number > limits.REVIEW_ROWS:
            problems.append(
                Problem(
                    file=str(path),
                    cell=f"{ws.title}!A{number}",
                    message=f"the '{ws.title}' sheet has more than {limits.REVIEW_ROWS:,} rows; "
                    "the rest were not read",
                    fix="check that this is a gap-analysis workbook made by competency-kit",
                    code="review.too-many-rows",
                )
            )
            break
        decision = reader.decision(number, values)
        if decision is not None and (closed or decision.has_content()):
            decisions.append(decision)
    return decisions


def _headings(w: GapWording) -> dict[str, str]:
    """Column heading, compared loosely, → decision field: the workbook language's headings
    and the English ones."""
    english = gap_wording("en")
    return {
        folded(wording(f"columns.{key}")): name
        for wording in (english, w)
        for key, name in FIELDS.items()
    }


def _find_header(
    rows: Any, headings: dict[str, str]
) -> tuple[int, dict[str, int] | None, dict[str, str]]:
    """The heading row (one of the first three), field → column index, and field → the
    heading as the sheet writes it (messages name the column so)."""
    for number, values in enumerate(rows, 1):
        texts = [str(v).strip() if v is not None else "" for v in values]
        fields = [headings.get(folded(text)) for text in texts]
        if all(required in fields for required in REQUIRED):
            found = {name: i for i, name in enumerate(fields) if name is not None}
            return number, found, {field: texts[i] for field, i in found.items()}
        if number == 3:
            break
    return 0, None, {}


@dataclass
class _RowReader:
    """Turns the rows of one sheet into decisions, recording each bad cell as a problem."""

    file: str
    sheet: str
    columns: dict[str, int]
    problems: list[Problem]
    seen: dict[str, str]
    """Finding id → the cell where it was first seen (across both sheets)."""
    labels: dict[str, str]
    """Field → its column heading as the sheet writes it ('Due date')."""
    wording: GapWording

    def place(self, name: str, row: int) -> str:
        return f"{self.sheet}!{get_column_letter(self.columns[name] + 1)}{row}"

    def problem(
        self, name: str, row: int, message: str, fix: str, value: Any = None, *, code: str
    ) -> None:
        self.problems.append(
            Problem(
                file=self.file,
                cell=self.place(name, row),
                field=self.labels.get(name, name),
                message=message,
                fix=fix,
                value=value,
                code=code,
            )
        )

    def decision(self, row: int, values: tuple[Any, ...]) -> Decision | None:
        cells = {name: values[i] if i < len(values) else None for name, i in self.columns.items()}
        texts = {name: _text(cells.get(name)) for name in FIELDS.values()}
        status, due = _status(cells.get("status"), self.wording), _date(cells.get("due"))
        finding = texts["finding"]
        if not finding or not self._first_time(finding, row):
            if not finding and _written(texts, status):
                self.problem(
                    "finding",
                    row,
                    "this row has reviewer notes but no finding id",
                    "write the notes on the row of the finding they are about",
                    code="review.notes-without-finding",
                )
            return None
        if status is False:
            self.problem(
                "status",
                row,
                f"unknown status '{cells['status']}'",
                f"choose one of: {', '.join(self.wording.statuses)} (use the dropdown)",
                code="review.unknown-status",
            )
        if due is False:
            self.problem(
                "due",
                row,
                f"'{_text(cells['due'])}' is not a date in a form that can be read",
                _date_fix(str(cells["due"]).strip()),
                code="review.bad-date",
            )
        if not isinstance(status, str | None) or not isinstance(due, dt.date | None):
            return None
        return Decision(
            finding=finding,
            status=status or "Open",
            action=texts["action"],
            owner=texts["owner"],
            due=due,
            comment=texts["comment"],
            about=texts["about"],
        )

    def _first_time(self, finding: str, row: int) -> bool:
        if finding in self.seen:
            self.problem(
                "finding",
                row,
                f"finding '{finding}' appears twice (also at {self.seen[finding]})",
                "keep one row per finding; merge the notes into one of them",
                finding,
                code="review.duplicate-finding",
            )
            return False
        self.seen[finding] = self.place("finding", row)
        return True


_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def _date_fix(text: str) -> str:
    """How to write the date, with the reading of a day/month/year date when it can only
    mean one day."""
    accepted = "write it as year-month-day, such as 2027-03-31, or enter it as a date cell"
    found = _DAY_MONTH_YEAR.match(text)
    if not found:
        return accepted
    first, second, year = (int(part) for part in found.groups())
    readings = {
        (year, month, day)
        for day, month in ((first, second), (second, first))
        if _is_date(year, month, day)
    }
    if len(readings) == 1:
        (year, month, day), *_ = readings
        return f"write it as year-month-day: {year:04d}-{month:02d}-{day:02d}"
    if readings:
        options = " or ".join(f"{y:04d}-{m:02d}-{d:02d}" for y, m, d in sorted(readings))
        return f"write it as year-month-day: {options}, whichever you meant"
    return accepted


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _written(texts: dict[str, str | None], status: ReviewStatus | bool | None) -> bool:
    """Whether a reviewer typed anything in the row's reviewer columns (a status other than
    Open, or one that is none)."""
    return bool(
        any(texts.get(n) for n in ("action", "owner", "comment", "due"))
        or (status is not None and status != "Open")
    )


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _status(value: Any, w: GapWording) -> ReviewStatus | bool | None:
    """The status as written in the dropdown (any case, accents or spacing, in the workbook's
    language or English); False when unknown."""
    text = _text(value)
    if text is None:
        return None
    return w.status_code(text) or False


def _date(value: Any) -> dt.date | bool | None:
    """A date cell, or text such as 2026-03-31; False when it is not a date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        # A date typed into a cell without a date format arrives as Excel's day number.
        return from_excel(value).date()
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return False
