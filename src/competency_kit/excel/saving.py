"""Saving workbooks so that the same inputs give the same bytes.

openpyxl stamps the document properties and every zip entry with the current time. Here both
take the build time instead (``SOURCE_DATE_EPOCH`` when set), so two runs can be compared byte
for byte.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from openpyxl.packaging.custom import StringProperty
from openpyxl.workbook.workbook import Workbook
from openpyxl.writer.excel import ExcelWriter

from competency_kit.core.clock import build_time
from competency_kit.documents.sniff import KIND_PROPERTY, LANGUAGE_PROPERTY
from competency_kit.models.base import REFERENCE_LANGUAGE

_EARLIEST_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
CREATOR = "competency-kit"
"""The author of every workbook the tool writes, as a spreadsheet program's File → Properties
shows it."""


def describe(
    workbook: Workbook,
    *,
    title: str,
    subject: str,
    language: str = REFERENCE_LANGUAGE,
    kind: str | None = None,
) -> None:
    """The document properties a file manager, a search and a screen reader show: creator,
    title, subject and language (of the workbook's labels and texts). ``kind`` (a key of
    ``sniff.KINDS``) is recorded with the language as custom properties, which is how the
    workbook is recognised when it comes back, whatever language its sheets are named in."""
    properties = workbook.properties
    properties.creator = CREATOR
    properties.title = title
    properties.subject = subject
    properties.language = language
    if kind is not None:
        workbook.custom_doc_props.append(StringProperty(name=KIND_PROPERTY, value=kind))
        workbook.custom_doc_props.append(StringProperty(name=LANGUAGE_PROPERTY, value=language))


class _StampedZip(zipfile.ZipFile):
    """A zip archive whose entries all carry one fixed modification time."""

    def __init__(self, path: Path, date_time: tuple[int, int, int, int, int, int]) -> None:
        super().__init__(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self._date_time = date_time

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, date_time=self._date_time)
            zinfo_or_arcname.compress_type = zipfile.ZIP_DEFLATED
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        # write-only worksheets are streamed to a temporary file first
        self.writestr(str(arcname or filename), Path(filename).read_bytes())


def save_workbook(workbook: Workbook, path: str | Path) -> None:
    """Save ``workbook`` at ``path`` with the build time in its properties and zip entries."""
    moment = build_time().replace(tzinfo=None)
    workbook.properties.created = moment
    workbook.properties.modified = moment
    if workbook.write_only and not workbook.worksheets:
        workbook.create_sheet()
    stamp = max(moment.timetuple()[:6], _EARLIEST_ZIP_TIME)
    ExcelWriter(workbook, _StampedZip(Path(path), stamp)).save()  # closes the archive
