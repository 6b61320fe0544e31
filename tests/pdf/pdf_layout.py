"""Where the words of a PDF are printed, from poppler's ``pdftotext -bbox-layout``, to find
words printed over each other (a column heading too long for its column) and lines that
hold a single word where more would fit."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

NS = "{http://www.w3.org/1999/xhtml}"
OVERLAP_PT = 0.5
"""Words may touch (italics lean into the next word); more than this is printing over."""


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    def same_row(self, other: Word) -> bool:
        """Printed on the same line of the page: most of their heights coincide."""
        shared = min(self.y1, other.y1) - max(self.y0, other.y0)
        return shared > 0.6 * min(self.y1 - self.y0, other.y1 - other.y0)


@dataclass(frozen=True)
class Line:
    """A line as pdftotext groups it (within one block of text)."""

    page: int
    words: tuple[Word, ...]

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)


def read_layout(path: str | Path) -> list[list[Line]]:
    """Every page's lines with the boxes of their words."""
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext (poppler-utils) is needed to check the layout of documents"
    xml = subprocess.run(
        [tool, "-bbox-layout", str(path), "-"], capture_output=True, check=True
    ).stdout
    pages = []
    for number, page in enumerate(ET.fromstring(xml).iter(f"{NS}page"), 1):
        lines = []
        for line in page.iter(f"{NS}line"):
            words = tuple(
                Word(
                    number,
                    w.text or "",
                    *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")),
                )
                for w in line.iter(f"{NS}word")
            )
            if words:
                lines.append(Line(number, words))
        pages.append(lines)
    return pages


def overlapping_words(pages: list[list[Line]]) -> list[str]:
    """ "page 16: 'PROFONDEUR' / 'ÉVALUÉ'" for every two words printed over each other on one
    line of a page (whatever block pdftotext put them in)."""
    found = []
    for lines in pages:
        words = sorted((w for line in lines for w in line.words), key=lambda w: w.y0)
        for i, word in enumerate(words):
            for other in words[i + 1 :]:
                if other.y0 >= word.y1:
                    break  # sorted by top: no later word reaches this one's height
                crossing = min(word.x1, other.x1) - max(word.x0, other.x0)
                if crossing > OVERLAP_PT and word.same_row(other):
                    found.append(f"page {word.page}: {word.text!r} / {other.text!r}")
    return found


STATEMENT_ID = re.compile(r"^CP\d+\.\d+-[KSA]\d+$")
WORD_GAP_PT = 6
"""Wider than any space between two words of a line: a larger gap is another column."""


def lonely_first_words(pages: list[list[Line]]) -> list[str]:
    """ "page 1: CP1.2-K1 'Distinguishes'" for every statement whose text starts with a line
    of one word although the next word would fit beside it (the text's widest line shows how
    wide its column is)."""
    found = []
    for lines in pages:
        words = [w for line in lines for w in line.words]
        for label in (w for w in words if STATEMENT_ID.match(w.text)):
            first = _run_of_words(label, words, first_gap=42)
            if len(first) != 1:
                continue
            head = first[0]
            height = head.y1 - head.y0
            below = [
                w
                for w in words
                if abs(w.x0 - head.x0) < 1 and head.y1 - 1 < w.y0 < head.y1 + 0.8 * height
            ]
            if not below:
                continue
            start = min(below, key=lambda w: w.y0)
            widest = max(w.x1 for w in [start, *_run_of_words(start, words)])
            if head.x1 + 0.3 * height + (start.x1 - start.x0) <= widest:
                found.append(f"page {head.page}: {label.text} {head.text!r}")
    return found


def _run_of_words(start: Word, words: list[Word], first_gap: float = WORD_GAP_PT) -> list[Word]:
    """The words right of ``start`` on its row, up to the first gap wider than a space (the
    first step may be wider: from a label to the text it heads)."""
    row = sorted(
        (w for w in words if w is not start and w.x0 > start.x1 - OVERLAP_PT and w.same_row(start)),
        key=lambda w: w.x0,
    )
    run: list[Word] = []
    for word in row:
        gap = word.x0 - (run[-1].x1 if run else start.x1)
        if gap > (WORD_GAP_PT if run else first_gap):
            break
        run.append(word)
    return run
