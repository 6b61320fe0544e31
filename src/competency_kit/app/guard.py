"""The output guard: one rule, for every task, before anything is written.

A file that holds a person's work — a filled mapping workbook, a gap workbook with reviewer
decisions, a curriculum, a review file, a framework, a policy, a local profile, or any
spreadsheet or document competency-kit did not make — is never replaced unless the request
says ``force``. A file competency-kit wrote and nobody has edited since (a blank or untouched
pre-filled mapping workbook, a gap workbook without decisions, a marked curriculum or review
file whose fingerprint still matches) may be replaced: it can be made again.

The workbook readers (and openpyxl, 0.1 s to import) are imported only when a workbook is there
to be read: the guard runs before every document is written, most often over PDFs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from competency_kit.core.errors import InputError, Problem
from competency_kit.documents.made_by import unedited
from competency_kit.documents.sniff import KINDS, data_kind, sniff
from competency_kit.documents.sources import load_document
from competency_kit.models.review import Decision, Review

PathLike = str | Path
KEEP_IT = "keep it: choose another output name, or move the file somewhere else first"
FOREIGN = ("workbook", "ods", "xls", "word", "powerpoint", "odt", "odp")
"""Spreadsheets and documents someone made elsewhere."""
TEXT_SUFFIXES = (".yaml", ".yml", ".json")


def guard_output(
    path: PathLike | None, *, force: bool = False, review: Review | None = None
) -> None:
    """Raise InputError when ``path`` holds a person's work and ``force`` is not set.

    ``review`` holds the decisions this run was given: a gap workbook whose decisions are
    all among them loses nothing when it is replaced."""
    if force or path is None:
        return
    target = Path(path)
    if not target.is_file():
        return
    problem = holding(target, review)
    if problem is not None:
        raise InputError([problem])


def holding(path: Path, review: Review | None = None) -> Problem | None:
    """The problem of replacing ``path``, or None when it holds nothing a person typed."""
    kind = sniff(path)
    if kind == "mapping-workbook":
        return _mapping_workbook(path)
    if kind == "gap-workbook":
        return _gap_workbook(path, review)
    if kind == "diff-workbook":
        return _diff_workbook(path)
    if kind == "decisions-workbook":
        return _problem(
            path,
            "this migration decisions workbook holds the successors chosen for split items; "
            "replacing it could lose those choices",
            code="output.holds-split-decisions",
        )
    if kind in FOREIGN:
        return _problem(
            path,
            f"this file is {KINDS[kind].name}; replacing it could lose someone's work",
            code="output.foreign-file",
        )
    if kind is None and _starts_with(path, b"PK"):
        return _problem(
            path,
            "this file is a zip archive or a damaged workbook, not one competency-kit can "
            "read; replacing it could lose someone's work",
            code="output.foreign-file",
        )
    if kind is None:
        return _text_file(path)
    return None  # a PDF: competency-kit's guides and handouts are made again at will


def _mapping_workbook(path: Path) -> Problem | None:
    from competency_kit.excel.mapping.contents import mapping_contents

    try:
        contents = mapping_contents(path)
    except InputError:
        return _problem(
            path,
            "this mapping workbook cannot be opened to see what it holds; replacing it "
            "could lose an educator's work",
            code="output.holds-marks",
        )
    if not contents.edited:
        return None
    return _problem(
        path,
        f"this mapping workbook holds {contents.summary()} that someone typed in; replacing "
        "it would lose them",
        f"{KEEP_IT}; its curriculum can be read out of it and pre-fill a new workbook",
        code="output.holds-marks",
    )


def _gap_workbook(path: Path, review: Review | None) -> Problem | None:
    from competency_kit.excel.gap.review import read_review

    try:
        existing = read_review(path)
    except InputError as exc:
        return _problem(
            path,
            "this gap workbook cannot be read to see which reviewer decisions it holds "
            f"({exc.problems[0].message}); replacing it could lose a reviewer's work",
            code="output.not-a-gap-workbook",
        )
    given = review.by_finding() if review else {}
    unread = [d for d in existing.decisions if not _same(d, given.get(d.finding))]
    if not unread:
        return None
    return _problem(
        path,
        f"the workbook already holds reviewer decisions on {len(unread)} "
        f"finding(s) that this run was not given (e.g. '{unread[0].finding}'); "
        "replacing it would lose them",
        "save its decisions to a review file and give them to this run, "
        "or choose another output name",
        code="output.holds-decisions",
    )


def _diff_workbook(path: Path) -> Problem | None:
    from competency_kit.excel.versions.diff_workbook import committee_notes

    try:
        notes = committee_notes(path)
    except InputError:
        notes = 1  # cannot be read: assume it holds something
    if not notes:
        return None  # made again from the two framework files
    return _problem(
        path,
        f"this framework diff workbook holds committee notes on {_count(notes, 'change')}; "
        "replacing it would lose them",
        code="output.holds-committee-notes",
    )


def _same(decision: Decision, other: Decision | None) -> bool:
    fields = ("status", "action", "owner", "due", "comment")
    return other is not None and all(getattr(decision, f) == getattr(other, f) for f in fields)


def _text_file(path: Path) -> Problem | None:
    try:
        doc = load_document(path, "output")
    except InputError:
        if path.suffix.lower() in (".yaml", ".yml"):
            return _problem(
                path,
                "this file holds YAML text that competency-kit did not write (it cannot be "
                "read as a curriculum or any other file competency-kit knows); replacing "
                "it could lose someone's work",
                code="output.holds-text",
            )
        return None  # not a text competency-kit reads, and not a document people keep
    if unedited(doc.text):
        return None
    kind = data_kind(doc.data)
    what = _described(kind, doc.data)
    if what is None:
        return None  # a gap report or a CASE package: made again from its sources
    return _problem(
        path,
        f"this file holds {what}, written or edited by someone; replacing it would lose that work",
        code=f"output.holds-{kind}",
    )


def _described(kind: str | None, data: Any) -> str | None:
    """'a curriculum with 6 courses and 21 modules' for the kinds people write."""
    if kind == "curriculum":
        courses = _items(data, "courses")
        modules = sum(len(_items(c, "modules")) for c in courses)
        return f"a curriculum with {_count(len(courses), 'course')} and {_count(modules, 'module')}"
    if kind == "review":
        return f"a review file with {_count(len(_items(data, 'decisions')), 'reviewer decision')}"
    if kind == "framework":
        return f"a competency framework with {_count(len(_items(data, 'areas')), 'area')}"
    if kind == "policy":
        rules = data.get("rules")
        return f"a gap policy with {_count(len(rules) if isinstance(rules, dict) else 0, 'rule setting')}"
    if kind == "profile":
        return "a local profile with reporting pathways"
    return None


def _items(data: Any, key: str) -> list[Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def _starts_with(path: Path, magic: bytes) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(magic)) == magic
    except OSError:
        return False


def _problem(path: Path, message: str, fix: str = KEEP_IT, *, code: str) -> Problem:
    return Problem(file=str(path), message=message, fix=fix, code=code)
