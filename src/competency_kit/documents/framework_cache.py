"""Frameworks checked once per machine, not once per command.

Parsing and checking the bundled framework (600 KB of YAML with every translation) takes
0.12 s, and every command needs it. A framework file that loaded without errors is kept in the
cache folder as the model's JSON, under a digest of the file's bytes, of the strictness it was
checked with and of the kit's code; reading it back through the model takes a tenth of the time
and is as strict as the first load. Only the most recently used frameworks are kept.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from competency_kit.core.cache import cache_dir, code_identity
from competency_kit.core.errors import InputError
from competency_kit.core.outputs import write_bytes
from competency_kit.models.framework import Framework

LOG = logging.getLogger(__name__)
KEPT = 8
"""Frameworks kept: the bundled one, and a few a school is working on."""


def checked_once(path: Path, strict: bool, load: Callable[[], Framework]) -> Framework:
    """The framework in ``path`` as ``load`` reads it, from the cache folder when it holds this
    very file; ``load`` raises InputError for a framework with errors, which is never kept."""
    folder = cache_dir("frameworks")
    if folder is None:
        return load()
    try:
        entry = folder / f"{_key(path.read_bytes(), strict)}.json"
    except OSError:
        return load()
    kept = _read(entry)
    if kept is not None:
        return kept
    framework = load()
    _keep(entry, framework)
    return framework


def _key(content: bytes, strict: bool) -> str:
    digest = hashlib.sha256(f"{code_identity()}\0{strict}\0".encode())
    digest.update(content)
    return digest.hexdigest()


def _read(entry: Path) -> Framework | None:
    try:
        framework = Framework.model_validate_json(entry.read_bytes())
    except (OSError, ValueError):
        # Missing, unreadable or cut short: the file is parsed and checked as before.
        return None
    with suppress(OSError):
        os.utime(entry)  # recently used: kept the longest
    return framework


def _keep(entry: Path, framework: Framework) -> None:
    try:
        write_bytes(entry, framework.model_dump_json().encode("utf-8"))
        _prune(entry.parent)
    except (OSError, InputError) as exc:
        LOG.debug("framework not cached in %s: %s", entry, exc)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for stale in entries[KEPT:]:
        stale.unlink(missing_ok=True)
