"""Which characters of a document no font can draw, so they are reported instead of printed as
empty boxes.

A character is drawable when a packaged font (read with fontTools) or a font installed on the
machine has it. Installed fonts are asked through fontconfig, the library Pango itself uses to
find a fallback font, so the answer is the one the renderer would find; it is loaded with cffi
like WeasyPrint loads it, and asked only about the few characters the packaged fonts lack.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import icu
from fontTools.ttLib import TTFont

from competency_kit.core.errors import Problem
from competency_kit.core.resources import templates_dir
from competency_kit.pdf import fontconfig

NOT_DRAWN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
"""Controls and format characters (zero-width space, isolates): nothing to draw."""
FONT_SUFFIXES = (".ttf", ".otf")
PACKAGES = {
    "Han": "fonts-noto-cjk",
    "Hiragana": "fonts-noto-cjk",
    "Katakana": "fonts-noto-cjk",
    "Kana": "fonts-noto-cjk",
    "Hangul": "fonts-noto-cjk",
    "Bopomofo": "fonts-noto-cjk",
}
"""Debian/Ubuntu packages with a font for a script; the others are in fonts-noto-core."""


@dataclass(frozen=True)
class Undrawable:
    """Characters of one text that no font can draw."""

    place: str
    """The item the text belongs to, as people know it: ``module HOS101-M1 (title)``."""
    field: str
    characters: str
    scripts: tuple[str, ...]


def script_of(character: str) -> str:
    """The Unicode script name of a character: ``Han``, ``Arabic``, ``Latin``."""
    return str(icu.Script.getScript(ord(character)).getName())


def font_package(script: str) -> str:
    return PACKAGES.get(script, "fonts-noto-core")


def packaged_characters(folders: Iterable[Path] = ()) -> frozenset[str]:
    """Every character a font in the packaged ``fonts`` folder (or in ``folders``) has."""
    found: set[str] = set()
    for folder in (templates_dir() / "fonts", *folders):
        for path in sorted(folder.glob("*")):
            if path.suffix.lower() in FONT_SUFFIXES:
                found |= font_characters(path)
    return frozenset(found)


@lru_cache(maxsize=64)
def font_characters(path: Path) -> frozenset[str]:
    """The characters of one font file's character map (read once per process).

    Only the codes matter, so the glyphs get numbers for names: decoding the real names (the
    'post' table) took three quarters of the time."""
    with TTFont(path, lazy=True) as font:
        font.setGlyphOrder([f"glyph{n}" for n in range(font["maxp"].numGlyphs)])
        return frozenset(chr(code) for code in font.getBestCmap())


def missing_characters(text: str, packaged: frozenset[str]) -> str:
    """The characters of ``text`` that neither a packaged nor an installed font has, each once,
    in the order they first appear. ASCII text is answered without looking."""
    if text.isascii():
        return ""
    unknown = set(text) - packaged
    if not unknown:
        return ""
    return "".join(
        character
        for character in dict.fromkeys(text)
        if character in unknown and _drawn(character) and fontconfig.font_for(character) is None
    )


def _drawn(character: str) -> bool:
    return unicodedata.category(character) not in NOT_DRAWN_CATEGORIES


def undrawable(
    texts: Iterable[tuple[str, str, str]], packaged: frozenset[str]
) -> Iterator[Undrawable]:
    """For each ``(place, field, text)`` whose text has characters no font can draw, which."""
    for place, field, text in texts:
        if missing := missing_characters(text, packaged):
            scripts = tuple(dict.fromkeys(script_of(c) for c in missing))
            yield Undrawable(place, field, missing, scripts)


def font_problems(
    file: str, texts: Iterable[tuple[str, str, str]], folders: Iterable[Path] = ()
) -> list[Problem]:
    """A ``text.no-font`` warning for each text of ``file`` with characters no font can draw;
    ``folders`` are the user's template folders' ``fonts`` folders, besides the packaged one."""
    packaged = packaged_characters(folders)
    return [_problem(file, found) for found in undrawable(texts, packaged)]


def _problem(file: str, found: Undrawable) -> Problem:
    scripts = ", ".join(found.scripts)
    packages = ", ".join(dict.fromkeys(font_package(s) for s in found.scripts))
    return Problem(
        file=file,
        message=f"{found.place}: no font here can draw {_listed(found.characters)} "
        f"({scripts}); the documents print them as empty boxes",
        fix=f"install a font for {scripts}, e.g. {packages} (Debian/Ubuntu; Noto fonts for "
        "every system are at notofonts.github.io), then make the documents again",
        field=found.field,
        value=found.characters,
        severity="warning",
        code="text.no-font",
    )


def _listed(characters: str, shown: int = 8) -> str:
    quoted = " ".join(characters[:shown])
    more = len(characters) - shown
    return f"'{quoted}'" + (f" and {more} more" if more > 0 else "")
