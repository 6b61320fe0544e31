"""The line that marks a text file competency-kit wrote, with a fingerprint of the rest.

A curriculum written by ``import``, a review file, a framework written by an import: each
starts (after the editor's schema line) with ``# Made by competency-kit from … · fingerprint
…``. While the text below that line is unchanged, nobody has edited the file and a later run
may replace it; once anyone edits it, the fingerprint no longer matches and the file is
treated as that person's work.
"""

from __future__ import annotations

import hashlib
import re

PREFIX = "# Made by competency-kit"
_MARK = re.compile(rf"^{re.escape(PREFIX)}.*· fingerprint ([0-9a-f]{{16}})\b")
_SCHEMA_LINE = "# yaml-language-server:"


def fingerprint(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def with_mark(text: str, source: str | None = None) -> str:
    """``text`` with the mark line after its schema line (or first)."""
    head, body = _split_schema_line(text)
    made_from = f" from {' '.join(source.split())}" if source else ""
    mark = (
        f"{PREFIX}{made_from} · fingerprint {fingerprint(body)} "
        "(once edited, it is never replaced without being asked)\n"
    )
    return head + mark + body


def unedited(text: str) -> bool:
    """Whether ``text`` carries the mark and nothing below it changed since it was written."""
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines[:3]):
        found = _MARK.match(line)
        if found:
            return found.group(1) == fingerprint("".join(lines[index + 1 :]))
    return False


def _split_schema_line(text: str) -> tuple[str, str]:
    if text.startswith(_SCHEMA_LINE):
        first, _, rest = text.partition("\n")
        return first + "\n", rest
    return "", text
