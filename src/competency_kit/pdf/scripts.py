"""Line breaks for the scripts written without spaces between words: Thai, Khmer, Lao, Myanmar.

Pango breaks Thai lines (through libthai) but not Khmer, Lao or Burmese, so a long title in a
narrow table cell would run out of its cell and off the page. ICU's line breaker knows the words
of all four (dictionary segmentation); a zero-width space (U+200B) is put at each place ICU may
break, inside runs of these scripts only, so Latin text is handed to the engine unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache

import icu

ZERO_WIDTH_SPACE = "\u200b"
NO_SPACE_SCRIPTS = re.compile(
    "[\u0e00-\u0e7f"  # Thai
    "\u0e80-\u0eff"  # Lao
    "\u1000-\u109f\uaa60-\uaa7f\ua9e0-\ua9ff"  # Myanmar and its extensions
    "\u1780-\u17ff\u19e0-\u19ff"  # Khmer and Khmer symbols
    "]+"
)


def add_break_opportunities(text: str) -> str:
    """``text`` with a zero-width space wherever a line may break inside a run of Thai, Khmer,
    Lao or Myanmar; any other text is returned as it is."""
    if not NO_SPACE_SCRIPTS.search(text):
        return text
    return NO_SPACE_SCRIPTS.sub(lambda run: _segmented(run.group()), text)


@lru_cache(maxsize=4096)
def _segmented(run: str) -> str:
    breaker = _breaker()
    breaker.setText(run)
    parts, start = [], 0
    for end in breaker:
        parts.append(run[start:end])
        start = end
    return ZERO_WIDTH_SPACE.join(parts)


@lru_cache(maxsize=1)
def _breaker() -> icu.BreakIterator:
    return icu.BreakIterator.createLineInstance(icu.Locale.getRoot())
