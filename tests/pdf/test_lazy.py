"""Loading the PDF engine: its native libraries by their Linux names, without searching."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys
from types import ModuleType

import pytest

from competency_kit.pdf import lazy

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the search is skipped on Linux only"
)


@linux_only
def test_no_library_is_searched_while_the_engine_loads_and_the_search_comes_back() -> None:
    search = ctypes.util.find_library
    with lazy.libraries_loaded_by_name():
        assert ctypes.util.find_library("c") is None
    assert ctypes.util.find_library is search


@linux_only
def test_the_engine_loaded_so_finds_the_same_libraries_as_with_the_search() -> None:
    probe = (
        "import ctypes.util, sys\n"
        "searched = []\n"
        "real = ctypes.util.find_library\n"
        "ctypes.util.find_library = lambda name: searched.append(name) or real(name)\n"
        "if sys.argv[1] == 'lazy':\n"
        "    from competency_kit.pdf.lazy import _engine_module; _engine_module()\n"
        "else:\n"
        "    import competency_kit.pdf.engine\n"
        "from weasyprint.text import ffi\n"
        "print(ffi.harfbuzz_subset is not None, ffi.pango.pango_version() > 0, len(searched))\n"
    )

    def loaded(way: str) -> list[str]:
        run = subprocess.run(
            [sys.executable, "-c", probe, way], capture_output=True, text=True, check=True
        )
        return run.stdout.split()

    *lazy_libraries, lazy_searches = loaded("lazy")
    *plain_libraries, plain_searches = loaded("plain")
    assert lazy_libraries == plain_libraries
    assert int(lazy_searches) == 0 < int(plain_searches)


def test_an_engine_that_cannot_load_so_is_loaded_with_the_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engine = ModuleType("engine")
    attempts: list[object] = []

    def import_module(name: str) -> ModuleType:
        attempts.append(ctypes.util.find_library)
        if len(attempts) == 1:
            raise OSError("cannot load library 'libpango-1.0.so.0'")
        return engine

    monkeypatch.delitem(sys.modules, "competency_kit.pdf.engine", raising=False)
    monkeypatch.setattr(lazy.importlib, "import_module", import_module)
    assert lazy._engine_module() is engine
    assert attempts[-1] is ctypes.util.find_library
