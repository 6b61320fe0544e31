"""Opening a workbook a user gives us, with limits that make hostile files harmless.

Workbooks arrive by email from many schools. Before openpyxl parses anything, the file is checked
as a zip archive: its size, the number of parts, how far they expand (decompression bombs), and
that no XML part declares a DTD (entity-expansion bombs; workbooks never need one). openpyxl then
parses with defusedxml as a second line of defence.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from openpyxl import load_workbook

from competency_kit.core import limits
from competency_kit.core.errors import InputError, system_refusal
from competency_kit.documents.sniff import (
    KINDS,
    LANGUAGE_PROPERTY,
    looks_like_csv,
    sniff,
    wrong_file,
)

_RATIO_FLOOR = 1024 * 1024
_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")
T = TypeVar("T")
SAVE_AGAIN = "open it in Excel or LibreOffice and save it again as an Excel Workbook (.xlsx)"


def open_workbook(path: str | Path, what: str = "workbook") -> Any:
    """The workbook opened read-only, or an InputError saying plainly why it cannot be."""
    path = Path(path)
    name = str(path)
    if not path.is_file():
        raise InputError.single(
            name, f"{what} file not found", "check the path and file name", code="file.not-found"
        )
    if path.stat().st_size > limits.WORKBOOK_FILE_BYTES:
        raise InputError.single(
            name,
            f"the file is larger than {limits.WORKBOOK_FILE_BYTES // 1048576} MiB",
            "check that this is the right file",
            code="file.too-large",
        )
    try:
        with path.open("rb"):  # is_zipfile below says "not a zip" for a file it cannot open
            pass
    except OSError as exc:
        raise system_refusal(name, exc, "read") from None
    if not zipfile.is_zipfile(path):
        _refuse_known_format(path, what)
        raise InputError.single(
            name,
            "this file is not an Excel workbook (.xlsx)",
            "in Excel or LibreOffice use Save As → 'Excel Workbook (.xlsx)'",
            code="workbook.not-xlsx",
        )
    kind = sniff(path)
    if kind in KINDS and KINDS[kind].format:
        raise wrong_file(path, kind, what)
    check_archive(path)
    try:
        return load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds of errors for a damaged file
        raise InputError.single(
            name,
            f"the workbook cannot be read ({type(exc).__name__})",
            SAVE_AGAIN,
            code="workbook.unreadable",
        ) from None


def _refuse_known_format(path: Path, what: str) -> None:
    """Name a file that is no zip at all when it is a format people save by mistake: an old
    .xls, a PDF, a CSV table."""
    kind = sniff(path)
    if kind is None:
        with path.open("rb") as handle:
            head = handle.read(8192)
        try:
            kind = "csv" if looks_like_csv(head.decode("utf-8-sig")) else None
        except UnicodeDecodeError:
            kind = None
    if kind in KINDS:
        raise wrong_file(path, kind, what)


def check_archive(path: Path) -> None:
    """Refuse zip archives that are not workbooks or that would expand without bound."""
    name = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            _check_parts(name, parts)
            for part in parts:
                if part.filename.endswith((".xml", ".rels")):
                    with archive.open(part) as handle:
                        head = handle.read(4096)
                    if any(marker in head for marker in _DTD_MARKERS):
                        raise InputError.single(
                            name,
                            f"the workbook part '{part.filename}' declares a DTD, which workbooks "
                            "never need (it can be used to make the reader run out of memory)",
                            SAVE_AGAIN,
                            code="workbook.dtd",
                        )
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
        raise InputError.single(
            name, f"the workbook is damaged ({exc})", SAVE_AGAIN, code="workbook.damaged"
        ) from None


def _check_parts(name: str, parts: list[zipfile.ZipInfo]) -> None:
    names = {p.filename for p in parts}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise InputError.single(
            name,
            "this is a zip archive without an Excel workbook in it",
            "give the .xlsx workbook itself (if it is inside this archive, unpack it first)",
            code="workbook.not-xlsx",
        )
    if len(parts) > limits.WORKBOOK_PARTS:
        raise InputError.single(
            name,
            f"the workbook holds {len(parts):,} parts; at most {limits.WORKBOOK_PARTS:,} are read",
            "check that this is the right file",
            code="workbook.too-many-parts",
        )
    expanded = sum(p.file_size for p in parts)
    if expanded > limits.WORKBOOK_EXPANDED_BYTES:
        raise InputError.single(
            name,
            f"the workbook would expand to {expanded / 1048576:,.0f} MiB when opened; "
            f"at most {limits.WORKBOOK_EXPANDED_BYTES // 1048576} MiB are read",
            "this is not a normal workbook; check where it came from",
            code="workbook.too-large-expanded",
        )
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > _RATIO_FLOOR and ratio > limits.WORKBOOK_RATIO:
            raise InputError.single(
                name,
                f"the workbook part '{part.filename}' is compressed {ratio:,.0f}:1, far beyond "
                f"any real workbook (at most {limits.WORKBOOK_RATIO}:1): a decompression bomb",
                "this is not a normal workbook; check where it came from",
                code="workbook.decompression-bomb",
            )


def read_guarded(path: Path, read: Callable[[], T]) -> T:
    """Run ``read`` over an open workbook; sheets are parsed lazily, so damage inside a sheet
    surfaces only while its rows are read."""
    try:
        return read()
    except InputError:
        raise
    except Exception as exc:  # a damaged sheet fails in the XML parser, zip or openpyxl
        raise InputError.single(
            str(path),
            f"a sheet of the workbook is damaged ({type(exc).__name__})",
            SAVE_AGAIN,
            code="workbook.damaged-sheet",
        ) from None


def read_workbook(path: str | Path, what: str, read: Callable[[Any], T]) -> T:
    """``read`` over the workbook at ``path``, opened read-only and closed after; damage found
    inside a sheet while reading is an input problem like any other."""
    path = Path(path)
    workbook = open_workbook(path, what)
    try:
        return read_guarded(path, lambda: read(workbook))
    finally:
        workbook.close()


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def merged_ranges(workbook: Any, title: str) -> list[str]:
    """The merged cell ranges of a sheet of a read-only workbook (e.g. ``['C6:F8']``).

    Read-only mode does not expose merges, and a merge silently drops every value but the
    first, so they are read from the sheet's XML."""
    sheet = workbook[title]
    part = getattr(sheet, "_worksheet_path", None)
    archive = getattr(workbook, "_archive", None)
    if part is None or archive is None:
        return []
    with archive.open(part) as handle:
        return [m.decode() for m in _MERGE.findall(handle.read())]


def recorded_language(workbook: Any) -> str | None:
    """The language a workbook the tool wrote records for its sheets and labels (a custom
    document property), or None for a workbook that records none (older ones are English)."""
    for prop in workbook.custom_doc_props:
        if prop.name == LANGUAGE_PROPERTY and isinstance(prop.value, str):
            return prop.value
    return None
