"""A folder for what the kit could make again but need not: compiled templates, parsed
hyphenation patterns and checked frameworks, which every command would otherwise rebuild
(0.05–0.15 s each, on every run).

The folder is ``COMPETENCY_KIT_CACHE`` when that is set (``off`` turns the cache off), else the
platform's user cache folder (``~/.cache/competency-kit`` on Linux). Each release keeps its own
subfolder, so an upgrade never reads what another version wrote. Whatever is read from it is
checked against its source and made again when it does not match; a folder that cannot be
made or written is no error, only slower.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from platformdirs import user_cache_dir

from competency_kit._version import __version__

CACHE_ENV = "COMPETENCY_KIT_CACHE"
CACHE_FORMAT = "1"
"""Raised when what the cache holds changes meaning within a release."""
OFF = ("off", "no", "0", "false", "")


def cache_dir(kind: str) -> Path | None:
    """The cache subfolder for ``kind`` (made when missing, readable by its owner only), or
    None when the cache is off or the folder cannot be made."""
    setting = os.environ.get(CACHE_ENV)
    if setting is not None and setting.strip().lower() in OFF:
        return None
    root = Path(setting) if setting else Path(user_cache_dir("competency-kit", appauthor=False))
    folder = root / f"{__version__}-{CACHE_FORMAT}" / kind
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK | os.X_OK) else None


@cache
def code_identity() -> str:
    """A digest of the kit's own source files (names, sizes, times): what the cache keeps from
    parsing is made again after the code that parses changes, also within a release."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        try:
            stat = path.stat()
        except OSError:
            continue
        relative = path.relative_to(package).as_posix()
        digest.update(f"{relative}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()
