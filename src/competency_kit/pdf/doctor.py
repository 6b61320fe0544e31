"""What the PDF engine finds on this machine: fonts, HarfBuzz-Subset, Pango, versions."""

from __future__ import annotations

import platform
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from competency_kit.core.resources import templates_dir

SLOW_SUBSETTING_WARNING = (
    "HarfBuzz-Subset is not installed, so PDF fonts are prepared the slow way "
    "(about 4 times slower for handouts). Install the system package libharfbuzz-subset0 "
    "(Debian/Ubuntu) or harfbuzz (Homebrew, MSYS2)."
)
PANGO_ADVICE = (
    "WeasyPrint needs Pango 1.44 or newer: install the system packages libpango-1.0-0 and "
    "libpangoft2-1.0-0 (Debian/Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0; "
    "Homebrew: brew install pango)"
)
SCRIPTS = ("Thai", "Khmer", "Lao", "Myanmar")
"""The scripts with a packaged Noto Sans font of their own, besides Latin."""


def fast_subsetting_available(ffi: Any) -> bool:
    """False when WeasyPrint (whose ``weasyprint.text.ffi`` is given) would silently fall back
    to fontTools to subset fonts."""
    return ffi.harfbuzz_subset is not None and bool(ffi.harfbuzz.hb_version_atleast(4, 1, 0))


@dataclass(frozen=True)
class Check:
    name: str
    value: str
    ok: bool = True
    advice: str = ""
    required: bool = True
    """A failed required check means documents cannot be made; others only slow them down."""


def environment_checks() -> list[Check]:
    """Everything ``competency-kit doctor`` prints, in order. Imports WeasyPrint."""
    versions = [
        Check("Python", platform.python_version()),
        Check("competency-kit", _version("competency-kit")),
        Check("WeasyPrint", _version("weasyprint")),
        Check("openpyxl", _version("openpyxl")),
    ]
    # WeasyPrint loads Pango as it is imported; a machine without it is what doctor is for.
    try:
        from weasyprint.text import ffi
    except (OSError, ImportError) as exc:
        failed = Check("Pango", f"cannot be loaded: {exc}", ok=False, advice=PANGO_ADVICE)
        return [*versions, failed, *font_checks()]
    pango = ffi.pango.pango_version()
    return [
        *versions,
        Check(
            "Pango",
            f"{pango // 10000}.{pango // 100 % 100}.{pango % 100}",
            ok=pango >= 14400,
            advice=PANGO_ADVICE,
        ),
        Check(
            "HarfBuzz-Subset",
            "found" if fast_subsetting_available(ffi) else "missing",
            ok=fast_subsetting_available(ffi),
            advice=SLOW_SUBSETTING_WARNING,
            required=False,
        ),
        *font_checks(),
    ]


def font_checks() -> list[Check]:
    folder = templates_dir() / "fonts"
    expected = (
        "NotoSans-Regular.ttf",
        "NotoSans-Bold.ttf",
        "NotoSans-Italic.ttf",
        "NotoSans-BoldItalic.ttf",
        *(f"NotoSans{script}-{weight}.ttf" for script in SCRIPTS for weight in ("Regular", "Bold")),
    )
    missing = [name for name in expected if not (folder / name).is_file()]
    licences = ("OFL.txt", *(f"OFL-NotoSans{script}.txt" for script in SCRIPTS))
    licence = all((folder / name).is_file() for name in licences)
    return [
        Check(
            "Fonts",
            f"Noto Sans (regular, bold, italic, bold italic) and Noto Sans "
            f"{', '.join(SCRIPTS[:-1])} and {SCRIPTS[-1]} (regular, bold) in {folder}"
            if not missing
            else f"missing: {', '.join(missing)}",
            ok=not missing,
            advice="reinstall competency-kit; its fonts are part of the package",
        ),
        Check(
            "Font licence",
            "SIL Open Font License 1.1 (fonts/OFL*.txt)" if licence else "missing",
            ok=licence,
            advice="reinstall competency-kit",
            required=False,
        ),
    ]


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"
