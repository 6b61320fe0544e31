"""What the PDF engine finds on this machine: fonts, HarfBuzz-Subset, Pango, versions."""

from __future__ import annotations

import platform
from dataclasses import dataclass
from importlib import metadata

from ..resources import templates_dir
from .engine import SLOW_SUBSETTING_WARNING


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
    from weasyprint.text import ffi

    from .engine import fast_subsetting_available

    pango = ffi.pango.pango_version()
    return [
        Check("Python", platform.python_version()),
        Check("competency-kit", _version("competency-kit")),
        Check("WeasyPrint", _version("weasyprint")),
        Check("openpyxl", _version("openpyxl")),
        Check(
            "Pango",
            f"{pango // 10000}.{pango // 100 % 100}.{pango % 100}",
            ok=pango >= 14400,
            advice="WeasyPrint needs Pango 1.44 or newer",
        ),
        Check(
            "HarfBuzz-Subset",
            "found" if fast_subsetting_available() else "missing",
            ok=fast_subsetting_available(),
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
    )
    missing = [name for name in expected if not (folder / name).is_file()]
    licence = (folder / "OFL.txt").is_file()
    return [
        Check(
            "Fonts",
            f"Noto Sans (regular, bold, italic, bold italic) in {folder}"
            if not missing
            else f"missing: {', '.join(missing)}",
            ok=not missing,
            advice="reinstall competency-kit; its fonts are part of the package",
        ),
        Check(
            "Font licence",
            "SIL Open Font License 1.1 (fonts/OFL.txt)" if licence else "missing",
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
