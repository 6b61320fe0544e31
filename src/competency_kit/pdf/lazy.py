"""The PDF engine, loaded when the first document is rendered.

Importing WeasyPrint costs 0.5–0.7 s, more than everything else a re-run does: when every
document is current (its fingerprint and bytes unchanged), nothing is rendered and WeasyPrint
is never imported. This is the one deferred import of the library (see
``tests/test_architecture.py``).

WeasyPrint asks for each native library under every platform's names, Windows' and macOS'
first. On Linux each name that is not there makes cffi call ``ctypes.util.find_library``,
which runs gcc, ld and ldconfig: some twenty searches, about 0.1 s of every command that
renders. The Linux names (``libpango-1.0.so.0``) load directly, so while the engine is
imported a search answers "not found" at once; should the import fail for want of a
library, it is made again with the real search.
"""

from __future__ import annotations

import ctypes.util
import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import TYPE_CHECKING

from competency_kit.pdf.templating import TemplateSet

if TYPE_CHECKING:
    from competency_kit.pdf.engine import PdfEngine


def engine_for(templates: TemplateSet, stylesheets: tuple[str, ...]) -> PdfEngine:
    """The process's engine for these templates and stylesheets, created on first use."""
    return _engine_module().engine_for(templates, stylesheets)


def _engine_module() -> ModuleType:
    name = "competency_kit.pdf.engine"
    if name in sys.modules:
        return sys.modules[name]
    try:
        with libraries_loaded_by_name():
            return importlib.import_module(name)
    except OSError:
        return importlib.import_module(name)


@contextmanager
def libraries_loaded_by_name() -> Iterator[None]:
    """On Linux, ``ctypes.util.find_library`` finds nothing while the block runs."""
    if not sys.platform.startswith("linux"):
        yield
        return
    search = ctypes.util.find_library
    ctypes.util.find_library = _not_searched
    try:
        yield
    finally:
        ctypes.util.find_library = search


def _not_searched(name: str) -> None:
    return None
