"""File names for generated documents, derived from user ids but safe on every system."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from competency_kit.core import limits

WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{device}{n}" for device in ("COM", "LPT") for n in "123456789¹²³"}
)
"""Names Windows treats as devices, whatever the extension (``CON.pdf`` is the console)."""


def safe_stem(identifier: str) -> str:
    """A file name stem from an id: only letters, digits, dot, dash and underscore; no leading
    dot (hidden files, ``..``), no trailing dot or space, no device name, never empty."""
    text = unicodedata.normalize("NFKD", identifier).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9._-]+", "-", text)
    text = re.sub(r"\.{2,}", ".", text)
    text = text.strip(".-_ ")[: limits.FILE_NAME_STEM].rstrip(".-_ ")
    if not text:
        return "module"
    if text.split(".")[0].upper() in WINDOWS_RESERVED:
        return f"{text}-module"
    return text


def unique_file_names(identifiers: Iterable[str], suffix: str) -> list[str]:
    """One safe name per id, in order; ids that would give the same name (also when compared
    without case, as on Windows and macOS) get ``-2``, ``-3``, … in order of appearance."""
    used: set[str] = set()
    names = []
    for identifier in identifiers:
        stem = safe_stem(identifier)
        candidate, number = stem, 2
        while candidate.casefold() in used:
            candidate, number = f"{stem}-{number}", number + 1
        used.add(candidate.casefold())
        names.append(candidate + suffix)
    return names
