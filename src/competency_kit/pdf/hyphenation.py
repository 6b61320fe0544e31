"""Hyphenation patterns parsed once per machine, not once per command.

WeasyPrint hyphenates through pyphen, which parses a language's pattern file the first time a
process needs it: 0.12 s for English (11,000 patterns), the largest part of laying out the
first page of a run. The parsed patterns are kept in the cache folder as JSON, checked on
reading against pyphen's version and the pattern file's size and time, and handed to pyphen
through its per-process dictionary cache (``pyphen.hdcache``), which it consults before parsing.
Reading them back takes a fifth of the parse.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

import pyphen

from competency_kit.core.cache import cache_dir
from competency_kit.core.errors import InputError
from competency_kit.core.outputs import write_bytes

LOG = logging.getLogger(__name__)


class PatternsOnDisk(dict[Any, Any]):
    """pyphen's dictionary cache, which looks in the cache folder for what the process has not
    parsed yet and keeps there what pyphen has just parsed."""

    def __init__(self, folder: Path, parsed: dict[Any, Any]) -> None:
        super().__init__(parsed)
        self.folder = folder

    def __contains__(self, path: object) -> bool:
        if super().__contains__(path):
            return True
        patterns = read_patterns(self.folder, path)
        if patterns is None:
            return False
        super().__setitem__(path, patterns)
        return True

    def __setitem__(self, path: Any, patterns: pyphen.HyphDict) -> None:
        super().__setitem__(path, patterns)
        save_patterns(self.folder, path, patterns)


def use_pattern_cache() -> bool:
    """Hand pyphen the cache folder's patterns from now on, in this process; False when the
    cache is off or cannot be written."""
    if isinstance(pyphen.hdcache, PatternsOnDisk):
        return True
    folder = cache_dir("hyphenation")
    if folder is None:
        return False
    pyphen.hdcache = PatternsOnDisk(folder, pyphen.hdcache)
    return True


def read_patterns(folder: Path, path: object) -> pyphen.HyphDict | None:
    """The patterns of the pattern file ``path`` as pyphen parsed them, when the cache holds
    them for this very file and this pyphen; None otherwise."""
    try:
        stamp = _stamp(Path(str(path)))
        saved = json.loads(_entry(folder, path).read_bytes())
        if saved.get("stamp") != stamp:
            return None
        patterns = {
            tag: (start, tuple(values)) for tag, (start, values) in saved["patterns"].items()
        }
        hyph = pyphen.HyphDict.__new__(pyphen.HyphDict)
        hyph.patterns = patterns
        hyph.cache = {}
        hyph.maxlen = max(len(tag) for tag in patterns)
        return hyph
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        # Missing, unreadable or from another layout: pyphen parses the file as before.
        return None


def save_patterns(folder: Path, path: object, hyph: pyphen.HyphDict) -> None:
    """Keep ``hyph`` for the next process, unless it holds pyphen's non-standard hyphenation
    data (plain numbers only survive JSON)."""
    try:
        patterns = {tag: [start, list(values)] for tag, (start, values) in hyph.patterns.items()}
        if any(type(v) is not int for _, values in patterns.values() for v in values):
            return
        record = {"stamp": _stamp(Path(str(path))), "patterns": patterns}
        write_bytes(_entry(folder, path), json.dumps(record, ensure_ascii=False).encode("utf-8"))
    except (OSError, InputError, AttributeError, TypeError, ValueError) as exc:
        LOG.debug("hyphenation patterns of %s not cached: %s", path, exc)


def _stamp(path: Path) -> list[Any]:
    stat = path.stat()
    return [pyphen.__version__, path.name, stat.st_size, stat.st_mtime_ns]


def _entry(folder: Path, path: object) -> Path:
    key = hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:16]
    return folder / f"{Path(str(path)).stem}-{key}.json"
