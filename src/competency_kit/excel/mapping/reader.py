"""Reading a filled mapping workbook back into a curriculum.

Every problem names its ``Sheet!Cell``; all of them are reported together, as for YAML input.
The workbook is checked against the framework it was made for (hidden _meta sheet) first,
since marks under the wrong framework's columns would be meaningless.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from pydantic import ValidationError

from competency_kit.core import limits
from competency_kit.core.errors import InputError, Problem, Severity, in_sheet_order
from competency_kit.documents.curriculum_io import curriculum_issues, prepare_curriculum_data
from competency_kit.documents.sniff import workbook_kind, wrong_file
from competency_kit.documents.validation import (
    FieldPath,
    data_path,
    explain,
    schema_code,
)
from competency_kit.excel.mapping import layout as L
from competency_kit.excel.mapping.matrix import Marks, ModuleRef, Row, read_matrix
from competency_kit.excel.mapping.meta import check_meta
from competency_kit.excel.mapping.structure import check_structure
from competency_kit.excel.mapping.wording import (
    REFERENCE,
    LocalSheets,
    MappingWords,
    in_workbook_words,
    mapping_words,
)
from competency_kit.excel.workbook_input import (
    merged_ranges,
    open_workbook,
    read_workbook,
    recorded_language,
)
from competency_kit.models.curriculum import Curriculum
from competency_kit.models.framework import Framework


def read_mapping_workbook(
    path: str | Path, framework: Framework, notes: list[Problem] | None = None
) -> Curriculum:
    """The curriculum recorded in the mapping workbook at ``path``. Raises InputError listing
    every problem found, each with its Sheet!Cell and a fix; warnings go to ``notes``."""
    path = Path(path)

    def read(workbook: Any) -> Curriculum:
        words = mapping_words(recorded_language(workbook) or REFERENCE)
        reader = WorkbookReader(str(path), LocalSheets(workbook, words), framework, words)
        try:
            curriculum = reader.curriculum()
        except InputError as error:
            raise InputError(in_workbook_words(error.problems, words)) from None
        if notes is not None:
            notes.extend(in_workbook_words(reader.problems, words))
        return curriculum

    return read_workbook(path, "mapping workbook", read)


def workbook_framework(path: str | Path) -> tuple[str | None, str | None]:
    """The id and version of the framework a mapping workbook was made for (its _meta sheet),
    or Nones when it records none."""
    path = Path(path)
    workbook = open_workbook(path, "mapping workbook")
    try:
        if L.META not in workbook.sheetnames:
            return None, None
        facts = {
            key: value
            for key, value, *_ in workbook[L.META].iter_rows(
                max_col=2, max_row=10, values_only=True
            )
            if isinstance(key, str)
        }
        made_id, made_version = facts.get("framework_id"), facts.get("framework_version")
        return (
            None if made_id is None else str(made_id),
            None if made_version is None else str(made_version),
        )
    finally:
        workbook.close()


class WorkbookReader:
    """Reads one workbook, collecting problems and the cell of every value it reads."""

    def __init__(
        self,
        name: str,
        workbook: Any,
        framework: Framework,
        words: MappingWords | None = None,
    ) -> None:
        """``workbook`` is asked for its sheets by their English names (``LocalSheets``);
        ``words`` are those it was written in (English when None)."""
        self.name = name
        self.workbook = workbook
        self.framework = framework
        self.words = words or mapping_words(REFERENCE)
        self.problems: list[Problem] = []
        self.cells: dict[FieldPath, str] = {}
        self.orphans: set[str] = set()
        """Modules whose course is missing (reported once, with the course)."""

    def problem(
        self,
        cell: str | None,
        message: str,
        fix: str,
        value: Any = None,
        *,
        code: str,
        severity: Severity = "error",
    ) -> None:
        self.problems.append(
            Problem(
                file=self.name,
                cell=cell,
                message=message,
                fix=fix,
                value=value,
                code=code,
                severity=severity,
            )
        )

    def curriculum(self) -> Curriculum:
        self._require_sheets()
        order = check_meta(self.name, self.workbook[L.META], self.framework)
        check_structure(self.name, self.workbook, self.framework, self.words)
        self._refuse_merged_marks()
        data: dict[str, Any] = {"programme": self._programme(), "courses": []}
        modules = self._courses_and_modules(data["courses"])
        marks = self._mapping(modules, order)
        self._evidence(marks)
        return self._validated(data)

    def _refuse_merged_marks(self) -> None:
        """Merging cells over the matrix keeps only the first mark; say so instead of
        importing a curriculum with marks silently missing."""
        merged = [
            ref
            for ref in merged_ranges(self.workbook, L.MAPPING)
            if int(re.sub(r"[A-Z]", "", ref.split(":")[1])) >= L.MAP_FIRST_ROW
        ]
        if merged:
            raise InputError(
                [
                    Problem(
                        file=self.name,
                        cell=f"{L.MAPPING}!{ref}",
                        message="these mapping cells are merged, which keeps only the first mark",
                        fix="select them and unmerge (Home → Merge & Center), then check the marks",
                        code="workbook.merged-cells",
                    )
                    for ref in merged
                ]
            )

    def _require_sheets(self) -> None:
        needed = [L.PROGRAMME, L.COURSES, L.MODULES, L.MAPPING, L.EVIDENCE, L.META]
        missing = [s for s in needed if s not in self.workbook.sheetnames]
        if L.META in missing and workbook_kind(set(self.workbook.sheetnames)) == "gap-workbook":
            raise wrong_file(self.name, "gap-workbook", "mapping workbook")
        if L.META in missing:
            raise InputError.single(
                self.name,
                f"the workbook has no hidden {L.META} sheet, so it is not a mapping workbook "
                "made by competency-kit",
                "make a mapping workbook with competency-kit and fill that one in",
                code="workbook.not-a-mapping-workbook",
            )
        if missing:
            raise InputError.single(
                self.name,
                f"the sheet(s) {', '.join(map(self.words.sheet, missing))} are missing "
                "(deleted or renamed)",
                "give the sheets back their original names, or start again from a new "
                "mapping workbook",
                code="workbook.missing-sheets",
            )

    def rows(self, sheet: str, first_row: int, width: int) -> Iterator[Row]:
        """Non-empty rows from ``first_row``, at most limits.MAPPING_ROWS of them."""
        ws = self.workbook[sheet]
        for offset, values in enumerate(
            ws.iter_rows(min_row=first_row, max_col=width, values_only=True)
        ):
            if offset >= limits.MAPPING_ROWS:
                self.problem(
                    f"{sheet}!A{first_row + offset}",
                    f"the {sheet} sheet has more than {limits.MAPPING_ROWS} rows; the rest were not read",
                    "remove the extra rows",
                    code="workbook.too-many-rows",
                )
                return
            padded = tuple(values) + (None,) * (width - len(values))
            if any(L.cell_value_text(v) is not None for v in padded):
                yield first_row + offset, padded

    def _programme(self) -> dict[str, Any]:
        fields = self.words.programme_fields()
        labels = {label: key for key, label, _ in fields}
        found: dict[str, Any] = {}
        for row, (label, value, *_) in self.rows(L.PROGRAMME, L.PROGRAMME_FIRST_ROW, 2):
            key = labels.get(str(label).strip()) if label is not None else None
            if key is None:
                continue
            self.cells[("programme", key)] = f"{L.PROGRAMME}!B{row}"
            text = L.cell_value_text(value)
            if key == "audiences":
                found[key] = [a.strip() for a in (text or "").split(",") if a.strip()]
            elif text is not None:
                found[key] = text
        for key, label, _ in fields:
            if ("programme", key) not in self.cells:
                self.problem(
                    f"{L.PROGRAMME}!A{L.PROGRAMME_FIRST_ROW}",
                    f"the row '{label}' is missing",
                    f"put the label '{label}' back in column A",
                    code="workbook.missing-programme-row",
                )
        return found

    def _courses_and_modules(self, courses: list[dict[str, Any]]) -> dict[str, ModuleRef]:
        """Fill ``courses`` from the Courses and Modules sheets; returns each module by id."""
        index: dict[str, int] = {}
        for row, values in self.rows(L.COURSES, L.TABLE_HEADER_ROW + 1, len(L.COURSE_COLUMNS)):
            course = self._record(
                L.COURSES, row, values, L.COURSE_COLUMNS, ("courses", len(courses))
            )
            course["modules"] = []
            index.setdefault(str(course.get("id", "")).strip(), len(courses))
            courses.append(course)
        modules: dict[str, ModuleRef] = {}
        unknown: dict[str, list[tuple[int, str]]] = {}
        for row, values in self.rows(L.MODULES, L.TABLE_HEADER_ROW + 1, len(L.MODULE_COLUMNS)):
            course_id = (L.cell_value_text(values[0]) or "").strip()
            if course_id not in index:
                module_id = (L.cell_value_text(values[1]) or "").strip()
                unknown.setdefault(course_id, []).append((row, module_id))
                self.orphans.add(module_id)
                continue
            c = index[course_id]
            path: FieldPath = ("courses", c, "modules", len(courses[c]["modules"]))
            module = self._record(L.MODULES, row, values, L.MODULE_COLUMNS, path)
            courses[c]["modules"].append(module)
            modules.setdefault(str(module.get("id", "")).strip(), (path, module))
        for course_id, rows in unknown.items():
            self._unknown_course(course_id, rows, list(index))
        return modules

    def _unknown_course(
        self, course_id: str, rows: list[tuple[int, str]], known: list[str]
    ) -> None:
        """One problem per missing course, naming its modules: the Mapping and Evidence
        sheets' rows of those modules are then left unread without a word."""
        names = [f"'{m}'" for _, m in rows if m]
        listed = (
            ", ".join(names[:-1])
            + (" and " if len(names) > 1 else "")
            + (names[-1] if names else "")
        )
        whose = (
            f"; its module{'s' if len(names) > 1 else ''} {listed} could not be read"
            if names
            else ""
        )
        if not course_id:
            message = f"these modules have no course id{whose}"
            fix = f"write the id of their course (from the {L.COURSES} sheet) in column A"
        else:
            message = f"the course '{course_id}' is not on the {L.COURSES} sheet{whose}"
            fix = (
                f"{_same_but_case(course_id, known)}add the course '{course_id}' on the "
                f"{L.COURSES} sheet (its row may have been deleted), or correct the course id "
                "in column A"
            )
        self.problem(
            f"{L.MODULES}!A{rows[0][0]}",
            message,
            fix,
            course_id or None,
            code="workbook.unknown-course",
        )

    def _record(
        self,
        sheet: str,
        row: int,
        values: tuple[Any, ...],
        columns: list[tuple[str, str, int]],
        path: FieldPath,
    ) -> dict[str, Any]:
        record: dict[str, Any] = {}
        for c, ((key, _, _), value) in enumerate(zip(columns, values, strict=False), start=1):
            if key == "course":
                continue
            self.cells[(*path, key)] = f"{sheet}!{get_column_letter(c)}{row}"
            if key == "hours":
                record[key] = _number(value)
            elif key in L.LIST_FIELDS:
                text = L.cell_value_text(value)
                record[key] = L.split_lines(text) if text else []
            elif (text := L.cell_value_text(value)) is not None:
                record[key] = text
        if path[-2:-1] == ("modules",):
            record["maps"] = []
        return record

    def _mapping(self, modules: dict[str, ModuleRef], order: dict[str, list[str]]) -> Marks:
        return read_matrix(self, modules, order)

    def _evidence(self, marks: Marks) -> None:
        seen: dict[tuple[str, str], int] = {}
        for row, (module, target, evidence) in self.rows(L.EVIDENCE, L.TABLE_HEADER_ROW + 1, 3):
            key = (
                (L.cell_value_text(module) or "").strip(),
                (L.cell_value_text(target) or "").strip(),
            )
            text = L.cell_value_text(evidence)
            if key[0] in self.orphans:
                continue
            if not all(key):
                column = "A" if not key[0] else "B"
                self.problem(
                    f"{L.EVIDENCE}!{column}{row}",
                    "the module id or the statement id of this evidence row is empty",
                    "fill in both ids, or delete the row",
                    code="workbook.evidence-without-ids",
                )
            elif key in seen:
                self.problem(
                    f"{L.EVIDENCE}!A{row}",
                    f"module '{key[0]}' already has evidence for '{key[1]}' on row {seen[key]}",
                    "keep one row per module and id; join the texts into one cell",
                    code="workbook.duplicate-evidence",
                )
            elif not self.framework.expand(key[1]) and self.framework.competency(key[1]) is None:
                self.problem(
                    f"{L.EVIDENCE}!B{row}",
                    f"'{key[1]}' is not a statement or competency of the framework",
                    "correct the id (the ids are the headings of the Mapping sheet), "
                    "or delete this evidence row",
                    key[1],
                    code="workbook.evidence-unknown-target",
                )
            elif key not in marks:
                self.problem(
                    f"{L.EVIDENCE}!B{row}",
                    f"module '{key[0]}' has no mark for '{key[1]}' on the {L.MAPPING} sheet",
                    f"mark the coverage (I, R "
                    f"or M) on the {L.MAPPING} sheet, or delete this evidence row",
                    code="workbook.evidence-without-mark",
                )
            elif text is not None:
                path, mapping = marks[key]
                mapping["evidence"] = text
                self.cells[(*path, "evidence")] = f"{L.EVIDENCE}!C{row}"
            seen.setdefault(key, row)

    def _validated(self, data: dict[str, Any]) -> Curriculum:
        curriculum = None
        read_as = prepare_curriculum_data(data)
        try:
            curriculum = Curriculum.model_validate(data)
        except ValidationError as exc:
            self._schema_problems(exc)
        for issue in read_as + curriculum_issues(data, self.framework):
            self.problem(
                self._cell_of(issue.path),
                issue.message,
                issue.fix,
                issue.value,
                code=issue.code,
                severity=issue.severity,
            )
        self.problems = in_sheet_order(self.problems, self.workbook.sheetnames)
        if curriculum is None or any(p.severity == "error" for p in self.problems):
            raise InputError(self.problems)
        return curriculum

    def _schema_problems(self, exc: ValidationError) -> None:
        """One problem per cell; for a value allowed several types (hours: whole number or
        number) pydantic reports each, and the last one is the most general."""
        by_place: dict[FieldPath, tuple[str, str, Any, str]] = {}
        errors = exc.errors(include_url=False)
        # For hours (a whole number or a number) the 'number' message is the one to keep.
        for error in sorted(errors, key=lambda e: e["loc"][-1:] == ("float",)):
            path = data_path(error["loc"])
            message, fix = explain(error, Curriculum, path)
            if error["type"] == "missing":
                message, fix = f"'{path[-1]}' is empty; it is required", "fill in this cell"
            value = error.get("input") if error["type"] != "missing" else None
            value = None if isinstance(value, dict | list) else value
            by_place[path] = (message, fix, value, schema_code(error))
        for path, (message, fix, value, code) in by_place.items():
            self.problem(self._cell_of(path), message, fix, value, code=code)

    def _cell_of(self, path: FieldPath) -> str | None:
        """The cell a value came from: the longest known prefix of its field path."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.cells:
                return self.cells[path[:end]]
        return None


def _same_but_case(course_id: str, known: list[str]) -> str:
    """ "did you mean 'FO1'? " for 'fo1' (ids like HOS101 and HOS201 are too alike to guess)."""
    same = [k for k in known if k.casefold() == course_id.casefold()]
    return f"did you mean '{same[0]}'? " if same else ""


def _number(value: Any) -> Any:
    """Hours as a number; text such as '6' is accepted, anything else is left for the
    model to reject with a clear message."""
    if isinstance(value, str):
        try:
            number = float(value.strip().replace(",", "."))
        except ValueError:
            return value
        return int(number) if number.is_integer() else number
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
