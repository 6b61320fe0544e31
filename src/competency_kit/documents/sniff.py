"""What a file is, by its content: the one place that names a file given in the wrong place.

People rename files, attach the wrong one, or save in the wrong format. Every reader asks here
before it reports a file it cannot read, so the answer is the same in every command: "this is a
LibreOffice spreadsheet (.ods)", "this is a gap-analysis workbook, not a mapping workbook".
Only the first bytes, a zip's list of parts and its workbook.xml are read (never a whole sheet),
so asking is cheap and safe on hostile files.
"""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from defusedxml import DefusedXmlException, ElementTree

from competency_kit.core.errors import InputError

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORKBOOK_XML_LIMIT = 1024 * 1024
KIND_PROPERTY = "competency-kit kind"
LANGUAGE_PROPERTY = "competency-kit language"
"""Custom document properties (docProps/custom.xml) of the workbooks the tool writes: what the
workbook is and the language of its sheets, headings and labels. Excel and LibreOffice keep
them when a person saves the file, and they do not depend on the words a sheet is named with."""
_CUSTOM_XML = "docProps/custom.xml"
_CUSTOM_LIMIT = 64 * 1024
_SHEET_NAME = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"')
_ODF_TYPES = {
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}


@dataclass(frozen=True)
class FileKind:
    """A kind of file, as the messages name it."""

    key: str
    name: str
    """'a LibreOffice spreadsheet (.ods)': what the message says the file is."""
    fix: str
    """What to do instead, in terms of files (a front end adds its commands by ``code``)."""
    format: bool = False
    """A file format that is never read (.ods, .xls, Word …), rather than one of our
    documents given in the wrong place."""

    @property
    def code(self) -> str:
        return f"file.is-{self.key}"


SAVE_AS_XLSX = "save it as 'Excel Workbook (.xlsx)' and give that file"
KINDS = {
    kind.key: kind
    for kind in (
        FileKind(
            "ods",
            "a LibreOffice spreadsheet (.ods)",
            "in LibreOffice choose File → Save As, file type 'Excel 2007-365 (.xlsx)', "
            "and give that file",
            True,
        ),
        FileKind(
            "xls",
            "an Excel 97-2003 workbook (.xls), an older format",
            f"open it in Excel or LibreOffice, {SAVE_AS_XLSX}",
            True,
        ),
        FileKind("word", "a Word document", "give the file itself, not a copy in a document", True),
        FileKind(
            "powerpoint",
            "a PowerPoint presentation",
            "give the file itself, not a presentation",
            True,
        ),
        FileKind(
            "odt", "an OpenDocument text", "give the file itself, not a copy in a document", True
        ),
        FileKind("odp", "an OpenDocument presentation", "give the file itself", True),
        FileKind("pdf", "a PDF document", "give the file the PDF was made from", True),
        FileKind(
            "csv",
            "a CSV table (values separated by commas)",
            "give the file itself; a table saved as CSV loses the sheets it needs",
            True,
        ),
        FileKind(
            "workbook",
            "an Excel workbook not made by competency-kit",
            "give a workbook made by competency-kit",
        ),
        FileKind(
            "gap-workbook",
            "a gap-analysis workbook (findings and reviewer decisions)",
            "give the file asked for; a gap-analysis workbook is made from a curriculum",
        ),
        FileKind(
            "mapping-workbook",
            "a mapping workbook (a curriculum filled in by an educator)",
            "give the file asked for; a mapping workbook holds a curriculum",
        ),
        FileKind(
            "diff-workbook",
            "a framework diff workbook (the changes between two framework versions)",
            "give the file asked for; a diff workbook is made from two framework files",
        ),
        FileKind(
            "decisions-workbook",
            "a migration decisions workbook (the successors chosen for split items)",
            "give the file asked for; a decisions workbook is read by the migration it was "
            "written for",
        ),
        FileKind(
            "curriculum",
            "a curriculum (programme, courses and modules)",
            "give the file asked for; this one is a curriculum",
        ),
        FileKind(
            "review",
            "a review file (reviewer decisions read from a gap workbook)",
            "give the file asked for; a review file only carries decisions between two audits",
        ),
        FileKind(
            "framework",
            "a competency framework (areas, competencies and statements)",
            "give the file asked for; a framework is what curricula are mapped to",
        ),
        FileKind(
            "policy",
            "a gap policy (rule settings)",
            "give the file asked for; a policy only changes how gaps are judged",
        ),
        FileKind(
            "profile",
            "a local profile (reporting pathways)",
            "give the file asked for; a local profile only adds reporting pathways to documents",
        ),
        FileKind(
            "case",
            "a CASE framework package (JSON)",
            "give the file asked for; a CASE package is a framework from another system",
        ),
        FileKind(
            "gap-report",
            "a gap report (JSON)",
            "give the file asked for; a gap report is written from a curriculum",
        ),
    )
}
WORKBOOK_KINDS = ("mapping-workbook", "gap-workbook", "workbook")


def sniff(path: str | Path) -> str | None:
    """The kind of the file at ``path`` from its first bytes and, for a zip, its list of
    parts: a key of KINDS, ``"workbook"`` (a workbook not made by competency-kit), or None
    (text, an unknown binary, a missing file)."""
    try:
        with Path(path).open("rb") as handle:
            head = handle.read(8)
    except OSError:
        return None
    if head.startswith(OLE2_MAGIC):
        return "word" if Path(path).suffix.lower() == ".doc" else "xls"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK"):
        return _zip_kind(Path(path))
    return None


def _zip_kind(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
                return _ODF_TYPES.get(archive.read("mimetype").strip())
            if any(n.startswith("word/") for n in names):
                return "word"
            if any(n.startswith("ppt/") for n in names):
                return "powerpoint"
            if "xl/workbook.xml" not in names:
                return None
            stamped = custom_properties(archive).get(KIND_PROPERTY)
            if stamped in KINDS and stamped.endswith("-workbook"):
                return stamped
            info = archive.getinfo("xl/workbook.xml")
            if info.file_size > _WORKBOOK_XML_LIMIT:
                return "workbook"
            sheets = {
                html.unescape(m.decode("utf-8", "replace"))
                for m in _SHEET_NAME.findall(archive.read(info))
            }
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, KeyError):
        return None
    return workbook_kind(sheets)


def custom_properties(archive: zipfile.ZipFile) -> dict[str, str]:
    """The text-valued custom document properties of an Office file (empty when it has none
    or they are too large to be ours)."""
    try:
        info = archive.getinfo(_CUSTOM_XML)
    except KeyError:
        return {}
    if info.file_size > _CUSTOM_LIMIT:
        return {}
    try:
        root = ElementTree.fromstring(archive.read(info))
    except (ElementTree.ParseError, DefusedXmlException):
        return {}
    return {
        prop.get("name", ""): value.text or ""
        for prop in root
        if prop.tag.endswith("}property")
        for value in prop
        if value.tag.endswith("}lpwstr")
    }


def workbook_kind(sheets: set[str]) -> str:
    """A workbook by its sheets: competency-kit's mapping workbook has a hidden _meta sheet
    beside Mapping, its gap workbook has Findings and Coverage, the version workbooks a hidden
    _meta sheet beside Summary and Changes (a framework diff) or Decisions (split choices)."""
    if {"_meta", "Mapping"} <= sheets:
        return "mapping-workbook"
    if {"Findings", "Coverage"} <= sheets:
        return "gap-workbook"
    if {"_meta", "Summary", "Changes"} <= sheets:
        return "diff-workbook"
    if {"_meta", "Decisions"} <= sheets:
        return "decisions-workbook"
    return "workbook"


MARKERS: dict[str, tuple[str, ...]] = {
    "gap-report": ("findings",),
    "curriculum": ("programme", "courses"),
    "framework": ("areas",),
    "review": ("decisions",),
    "policy": ("rules",),
    "case": ("CFDocument", "CFPackage", "CFItems"),
    "profile": ("national_hotline", "police", "focal_point", "country"),
}
"""Top-level keys that only one kind of document has, in the order they are asked about (a gap
report first: it repeats its curriculum's programme and its policy's rules beside its findings)."""


def data_kind(data: Any) -> str | None:
    """The kind of a parsed YAML or JSON document by its top-level keys, or None."""
    if not isinstance(data, dict):
        return None
    for kind, keys in MARKERS.items():
        if any(key in data for key in keys):
            return kind
    return None


def looks_like_csv(text: str) -> bool:
    """Two or more lines with the same number (one or more) of commas, semicolons or tabs,
    and nothing of YAML or JSON about the first line."""
    lines = [line for line in text.splitlines()[:5] if line.strip()]
    if len(lines) < 2 or lines[0].lstrip().startswith(("#", "{", "[", "-", "%")):
        return False
    if ": " in lines[0] or lines[0].rstrip().endswith(":"):
        return False
    for separator in (",", ";", "\t"):
        counts = {line.count(separator) for line in lines}
        if len(counts) == 1 and counts.pop() > 0:
            return True
    return False


WHAT = {
    "review": "review file",
    "profile": "local profile",
    "policy": "policy file",
    "gap workbook": "gap-analysis workbook",
}


def wrong_file(path: str | Path, kind: str, what: str) -> InputError:
    """The problem for a file of ``kind`` given where a ``what`` (``"curriculum"``,
    ``"mapping workbook"``) was expected."""
    found = KINDS[kind]
    expected = WHAT.get(what, what)
    renamed = ""
    suffix = Path(path).suffix.lower()
    if kind in ("word", "powerpoint", "ods", "odt", "odp", "pdf") and suffix in (".xlsx", ".xlsm"):
        renamed = f", though its name ends in {suffix}"
    article = "an" if expected[:1] in "aeiou" else "a"
    if found.format:
        message = f"this is {found.name}{renamed}; it cannot be read as {article} {expected}"
    else:
        message = f"this is {found.name}, not {article} {expected}"
    return InputError.single(str(path), message, found.fix, code=found.code)


def refuse_other_kind(path: str | Path, data: Any, expected: str, what: str) -> None:
    """Raise when the parsed ``data`` is plainly another kind of document than ``expected``
    (a key of KINDS): a review file given as a curriculum, a framework given as a policy."""
    if not isinstance(data, dict) or any(key in data for key in MARKERS[expected]):
        return  # it has the keys of what was asked for: the schema says what is wrong
    kind = data_kind(data)
    if kind is not None:
        raise wrong_file(path, kind, what)
