"""The fingerprint of a document: everything that decides its bytes, in one digest.

A document's final HTML already holds its data (the module, the framework texts it shows, the
profile, the labels of its language and the templates that laid it out); beside it the
fingerprint takes the files the engine reads while rendering (stylesheets, fonts, images), the
versions of competency-kit and WeasyPrint, the PDF variant, and the version of the finishing
step that tags the PDF for screen readers (:mod:`competency_kit.pdf.tagging`) with that of
pydyf, the library it edits the PDF with. The HTML is made with a fixed stand-in for the moment
of the run, so that the clock alone never makes a document "changed"; with
``SOURCE_DATE_EPOCH`` set, the moment is part of the HTML and of the fingerprint.

Making a long document's HTML takes a while, so a writer may also record the fingerprint of its
sources (:func:`sources_fingerprint`) and, when the sources are those recorded, trust the
fingerprint recorded with them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from functools import cache
from importlib.metadata import version
from pathlib import Path

from competency_kit._version import __version__
from competency_kit.core.cache import code_identity
from competency_kit.core.clock import build_time, source_date
from competency_kit.pdf.metadata import PDF_VARIANT
from competency_kit.pdf.tagging import FINISHER_VERSION
from competency_kit.pdf.templating import TemplateSet

FINGERPRINT_FORMAT = "1"
STAND_IN_MOMENT = datetime(2000, 1, 1, tzinfo=UTC)
"""The moment written into the HTML a fingerprint is taken from, when the run's own moment
would change every time."""
RENDERED_THROUGH_HTML = (".html", ".htm", ".yaml", ".yml")
"""Template files that reach a document only through its HTML, which is fingerprinted whole."""


def fingerprint_moment(created: datetime | None) -> datetime:
    """The moment to make a document's HTML with for its fingerprint: the run's own moment
    when it is fixed (``SOURCE_DATE_EPOCH``, or given), else the stand-in."""
    if created is None and source_date() is None:
        return STAND_IN_MOMENT
    return build_time(created)


def document_fingerprint(html: str, resources: str) -> str:
    """The fingerprint of a document made from ``html`` (with :func:`fingerprint_moment`)."""
    return _fingerprint(resources, [html])


def sources_fingerprint(data: Iterable[str], templates: TemplateSet) -> str:
    """A fingerprint of what a document is made from, taken before its HTML is made: its data
    (the models' JSON, the language, the moment), every file of the template folders and the
    kit's own code. Equal sources make equal HTML, so a document recorded with these sources
    is current without making its HTML again (the guide's takes a quarter of a second)."""
    return _fingerprint(templates_digest(templates), [code_identity(), *data])


def _fingerprint(resources: str, content: list[str]) -> str:
    digest = hashlib.sha256()
    parts = (
        FINGERPRINT_FORMAT,
        __version__,
        engine_version(),
        PDF_VARIANT,
        FINISHER_VERSION,
        finisher_tool_version(),
        resources,
    )
    for part in parts:
        digest.update(part.encode("utf-8") + b"\0")
    for piece in content:
        digest.update(piece.encode("utf-8") + b"\0")
    return digest.hexdigest()


@cache
def engine_version() -> str:
    """WeasyPrint's version, read from its package data once (without importing it)."""
    return version("weasyprint")


@cache
def finisher_tool_version() -> str:
    """The version of pydyf, through which the finishing step edits the PDF objects."""
    return version("pydyf")


def resources_digest(templates: TemplateSet) -> str:
    """One digest of every file the engine may read from the template folders: stylesheets,
    fonts, images (the user's folder and the built-in one, by name and content)."""
    return _files_digest(templates, _read_by_engine)


def templates_digest(templates: TemplateSet) -> str:
    """One digest of every file of the template folders, templates and labels too."""
    return _files_digest(templates, _template_file)


def _files_digest(templates: TemplateSet, chosen: Callable[[Path, Path], bool]) -> str:
    digest = hashlib.sha256()
    for folder in templates.search_path:
        for path in sorted(p for p in folder.rglob("*") if chosen(p, folder)):
            digest.update(f"{folder}\0{path.relative_to(folder).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _template_file(path: Path, folder: Path) -> bool:
    parts = path.relative_to(folder).parts
    return path.is_file() and "__pycache__" not in parts and not path.name.startswith(".")


def _read_by_engine(path: Path, folder: Path) -> bool:
    return _template_file(path, folder) and path.suffix.lower() not in RENDERED_THROUGH_HTML
