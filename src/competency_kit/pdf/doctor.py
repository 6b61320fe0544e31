"""What the PDF engine finds on this machine: fonts, HarfBuzz-Subset, Pango, versions."""

from __future__ import annotations

import platform
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from competency_kit.core.resources import templates_dir
from competency_kit.pdf import fontconfig
from competency_kit.pdf.font_coverage import FONT_SUFFIXES, font_characters, font_package

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
SCRIPT_SAMPLES = {
    "Latin": "Aaßñ",
    "Latin Extended/Vietnamese": "ĂơưẠệỹ",
    "Greek": "Ωαβ",
    "Cyrillic": "Жжя",
    "Arabic": "عربي",
    "Hebrew": "עברית",
    "Devanagari": "हिन्दी",
    "Thai": "ภาษาไทย",
    "Lao": "ພາສາລາວ",
    "Khmer": "ភាសាខ្មែរ",
    "Myanmar": "မြန်မာ",
    "Han": "中文漢字",
    "Kana": "かなカナ",
    "Hangul": "한국어",
}
"""A few letters of each script people may write a curriculum in: a font that has them all
draws the script."""


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
        return [*versions, failed, *font_checks(), *script_checks()]
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
        *script_checks(),
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


def script_checks() -> list[Check]:
    """Per script, the packaged or installed font that draws it, or which to install."""
    packaged = sorted(
        path for path in (templates_dir() / "fonts").glob("*") if path.suffix in FONT_SUFFIXES
    )
    checks = []
    for script, sample in SCRIPT_SAMPLES.items():
        shipped = next((p for p in packaged if set(sample) <= font_characters(p)), None)
        installed = None if shipped else fontconfig.font_for("".join(dict.fromkeys(sample)))
        if shipped is not None:
            value = f"{_family(shipped.stem)} (packaged)"
        elif installed is not None:
            value = f"{installed} (installed on this machine)"
        else:
            value = "no font can draw it: its letters would print as empty boxes"
        advice = f"install a font for {script}, e.g. {font_package(script.split()[0])}"
        checks.append(
            Check(
                f"Script {script}",
                value,
                ok=bool(shipped or installed),
                advice=advice,
                required=False,
            )
        )
    return checks


def _family(stem: str) -> str:
    """``NotoSansThai-Regular`` → ``Noto Sans Thai``."""
    name = stem.split("-")[0]
    return "".join(f" {c}" if c.isupper() and i else c for i, c in enumerate(name))


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"
