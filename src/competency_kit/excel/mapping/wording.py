"""The mapping workbook's words in one language: sheet names, headings, notes, prompts.

They come from the ``mapping_workbook`` section of the label catalogues
(``templates/i18n/LANG.yaml``). The writer puts them in the workbook; the reader, told by the
workbook's recorded language which words were used, finds its sheets and headings by them.
Inside the code every sheet keeps its English key (``Mapping``, ``Modules`` …); only what the
user sees is in the workbook's language.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from competency_kit.core.errors import Problem
from competency_kit.core.languages import base, folded
from competency_kit.core.resources import templates_dir
from competency_kit.documents.translation_texts import load_catalogue, section_labels
from competency_kit.excel.mapping import layout as L
from competency_kit.models.curriculum import DEPTHS, Depth

REFERENCE = "en"
SECTION = "mapping_workbook"
SHEET_KEYS = {
    L.INSTRUCTIONS: "instructions",
    L.PROGRAMME: "programme",
    L.COURSES: "courses",
    L.MODULES: "modules",
    L.MAPPING: "mapping",
    L.EVIDENCE: "evidence",
    L.FRAMEWORK: "framework",
}
"""Each sheet's English name and its key in the catalogue's ``sheets``."""
_PLAIN_SHEET = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CELL_LIKE = re.compile(r"[A-Za-z]{1,3}[0-9]+|[Rr][0-9]*[Cc][0-9]*")


def mapping_languages() -> list[str]:
    """The languages a mapping workbook can be written in: those whose catalogue words it."""
    found = []
    for path in sorted((templates_dir() / "i18n").glob("*.yaml")):
        if SECTION in load_catalogue(path):
            found.append(path.stem)
    return found


@dataclass(frozen=True)
class MappingWords:
    lang: str
    labels: dict[str, str]
    """Flat keys (``modules.hours``) to the words of this language."""
    depth_words: dict[str, Depth]
    """Depths written as words (``maîtrisé``, ``mastered``), folded, to their letters."""

    def __call__(self, key: str, **values: object) -> str:
        text = self.labels[key]
        return text.format(**values) if values else text

    def sheet(self, english: str) -> str:
        """The name of a sheet (given by its English name) in this language."""
        if english not in SHEET_KEYS:
            return english  # the hidden _meta sheet keeps its name in every language
        return self.labels[f"sheets.{SHEET_KEYS[english]}"]

    def ref(self, english: str) -> str:
        """The sheet's name as a formula or a defined name refers to it (quoted if need be)."""
        return formula_sheet_name(self.sheet(english))

    def sheet_names(self) -> dict[str, str]:
        """Every sheet name of the workbook (English key → name) with ``{programme}``-style
        keys for the texts that mention them."""
        return {key: self.sheet(english) for english, key in SHEET_KEYS.items()}

    def columns(
        self, section: str, columns: list[tuple[str, str, int]]
    ) -> list[tuple[str, str, int]]:
        """A table's columns (key, English heading, width) with the headings of this language."""
        return [(key, self.labels[f"{section}.{key}"], width) for key, _, width in columns]

    def programme_fields(self) -> list[tuple[str, str, str]]:
        return [
            (key, self.labels[f"programme.{key}"], self.labels[f"programme.{key}_help"])
            for key, _, _ in L.PROGRAMME_FIELDS
        ]

    def numbered(self, key: str, **values: object) -> list[str]:
        """The texts ``key.1``, ``key.2`` … in order."""
        found = []
        number = 1
        while f"{key}.{number}" in self.labels:
            found.append(self(f"{key}.{number}", **values))
            number += 1
        return found

    def depth(self, text: str) -> tuple[Depth, bool] | None:
        """A mark typed as a word (``Maîtrisé*``, ``reforzado``) read as its depth."""
        typed = folded(text)
        assessed = typed.endswith(L.ASSESSED_MARK)
        word = typed.rstrip(L.ASSESSED_MARK).strip()
        found = self.depth_words.get(word)
        return None if found is None else (found, assessed)


def formula_sheet_name(name: str) -> str:
    """``Modules`` as it is; ``'Preuves d''évaluation'`` quoted, as formulas need a name with
    spaces, apostrophes, letters beyond ASCII or the look of a cell reference."""
    if _PLAIN_SHEET.fullmatch(name) and not _CELL_LIKE.fullmatch(name):
        return name
    return "'" + name.replace("'", "''") + "'"


def table_name(sheet: str) -> str:
    """A table name made from a sheet name: letters and digits only (Excel refuses spaces,
    apostrophes and most punctuation in table names)."""
    plain = "".join(ch for ch in folded(sheet) if ch.isascii() and ch.isalnum())
    name = sheet if _PLAIN_SHEET.fullmatch(sheet) else plain.capitalize() or "Table"
    return name if not _CELL_LIKE.fullmatch(name) else f"{name}_"


@lru_cache(maxsize=8)
def mapping_words(lang: str = REFERENCE) -> MappingWords:
    """The words for ``lang`` (``fr-CA`` reads ``fr``); English where a catalogue lacks one."""
    reference = _catalogue(REFERENCE)
    catalogue = _catalogue(base(lang)) if base(lang) in mapping_languages() else reference
    labels = section_labels(reference, SECTION) | section_labels(catalogue, SECTION)
    words: dict[str, Depth] = {}
    for source in (reference, catalogue):
        for depth in DEPTHS:
            word = (source.get("depths") or {}).get(depth)
            if isinstance(word, str):
                words[folded(word)] = depth
    return MappingWords(base(lang) if catalogue is not reference else REFERENCE, labels, words)


def _catalogue(lang: str) -> dict[str, Any]:
    return load_catalogue(templates_dir() / "i18n" / f"{lang}.yaml")


class LocalSheets:
    """A workbook whose sheets are asked for by their English names, whatever language they
    are named in: the readers and the fingerprint keep one set of names."""

    def __init__(self, workbook: Any, words: MappingWords) -> None:
        self.workbook = workbook
        self.words = words
        self._english = {words.sheet(english): english for english in SHEET_KEYS}

    @property
    def sheetnames(self) -> list[str]:
        return [self._english.get(name, name) for name in self.workbook.sheetnames]

    def __getitem__(self, english: str) -> Any:
        return self.workbook[self.words.sheet(english)]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.workbook, name)


def in_workbook_words(problems: Iterable[Problem], words: MappingWords) -> list[Problem]:
    """Problems found under the English sheet names, naming the sheets as the workbook does."""
    if words.lang == REFERENCE:
        return list(problems)
    renamed = []
    for problem in problems:
        changes: dict[str, Any] = {}
        if problem.cell:
            sheet, _, place = problem.cell.rpartition("!")
            if sheet:
                changes["cell"] = f"{words.sheet(sheet)}!{place}"
        for field in ("message", "fix"):
            text = getattr(problem, field)
            for english in SHEET_KEYS:
                text = text.replace(f"the {english} sheet", f"the {words.sheet(english)} sheet")
            changes[field] = text
        renamed.append(dataclasses.replace(problem, **changes))
    return renamed
