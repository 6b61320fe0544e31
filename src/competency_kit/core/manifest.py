"""What the tool last wrote into a folder: a small manifest beside the outputs.

For each file it records the fingerprint of everything that decided the file (computed by the
writer) and a digest of the bytes written. A later run skips a file whose fingerprint is the
same and whose bytes are still the ones written; a file edited by hand, replaced or deleted is
made again. A writer may also record the fingerprint of the file's sources, which is quicker to
take: the same sources, the same fingerprint. A manifest that is missing, unreadable or from
another version is simply ignored: it can only cause work, never a wrong file.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from competency_kit.core.outputs import write_text

MANIFEST_NAME = ".competency-kit-manifest.json"
FORMAT = 1


def file_digest(path: Path) -> str | None:
    """SHA-256 of the file's bytes, or None when there is no such file."""
    try:
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


@dataclass
class Manifest:
    """The entries of one output folder, by file name."""

    folder: Path
    entries: dict[str, dict[str, str]] = field(default_factory=dict)
    forgotten: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, folder: str | Path) -> Manifest:
        folder = Path(folder)
        try:
            data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(folder)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return cls(folder)
        files = data.get("files")
        if not isinstance(files, dict):
            return cls(folder)
        entries = {
            name: entry
            for name, entry in files.items()
            if isinstance(entry, dict)
            and isinstance(entry.get("fingerprint"), str)
            and isinstance(entry.get("sha256"), str)
        }
        return cls(folder, entries)

    def is_current(self, path: Path, fingerprint: str) -> bool:
        """True when ``path`` was written from this fingerprint and is unchanged since."""
        entry = self.entries.get(path.name)
        return (
            path.parent.resolve() == self.folder.resolve()
            and entry is not None
            and entry["fingerprint"] == fingerprint
            and file_digest(path) == entry["sha256"]
        )

    def current_fingerprint(self, path: Path, sources: str) -> str | None:
        """The fingerprint ``path`` was written from, when it was recorded with these
        ``sources`` and the file is unchanged since; None otherwise."""
        entry = self.entries.get(path.name)
        if entry is None or entry.get("sources") != sources:
            return None
        return entry["fingerprint"] if self.is_current(path, entry["fingerprint"]) else None

    def record(self, path: Path, fingerprint: str, sources: str | None = None) -> None:
        """Remember that ``path`` was just written from ``fingerprint`` (and ``sources``)."""
        digest = file_digest(path)
        if digest is None:
            self.forget(path)
            return
        self.entries[path.name] = {"fingerprint": fingerprint, "sha256": digest}
        if sources is not None:
            self.entries[path.name]["sources"] = sources

    def forget(self, path: Path) -> None:
        self.entries.pop(path.name, None)
        self.forgotten.add(path.name)

    def save(self) -> None:
        """Written whole, merged with what another run recorded meanwhile for other files."""
        latest = Manifest.read(self.folder).entries
        latest.update(self.entries)
        for name in self.forgotten - set(self.entries):
            latest.pop(name, None)
        text = json.dumps({"format": FORMAT, "files": dict(sorted(latest.items()))}, indent=1)
        write_text(self.folder / MANIFEST_NAME, text + "\n")
