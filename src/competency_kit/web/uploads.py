"""Files from forms: kept under a name of the app's choosing, with the user's name for showing
only, each refused past the size limit."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from starlette.datastructures import UploadFile

from competency_kit.core.errors import InputError
from competency_kit.web.sessions import Stored

CHUNK = 256 * 1024

CURRICULUM_SUFFIXES = (".xlsx", ".yaml", ".yml", ".json")
FRAMEWORK_SUFFIXES = (".yaml", ".yml", ".json", ".csv")
YAML_SUFFIXES = (".yaml", ".yml", ".json")
REVIEW_SUFFIXES = (".xlsx", ".yaml", ".yml")


class UploadTooLarge(Exception):
    def __init__(self, name: str, limit: int) -> None:
        super().__init__(name)
        self.name = name
        self.limit = limit


@dataclass(frozen=True)
class Upload:
    """What one file field of a form asks for."""

    field: str
    suffixes: tuple[str, ...]


def given(upload: object) -> UploadFile | None:
    """The file of a form field, or None when the field was left empty."""
    if isinstance(upload, UploadFile) and (upload.filename or upload.size):
        return upload
    return None


async def store(upload: UploadFile, folder: Path, kind: str, spec: Upload, limit: int) -> Stored:
    """Copy ``upload`` into ``folder`` as ``kind`` + its ending; the user's file name is kept
    only to be shown. Raises UploadTooLarge past ``limit`` bytes, InputError for an ending the
    field does not take."""
    shown = display_name(upload.filename or kind)
    suffix = PurePosixPath(shown).suffix.lower()
    if suffix not in spec.suffixes:
        raise InputError.single(
            shown,
            f"this kind of file cannot be used here (it ends in '{suffix or 'nothing'}')",
            f"choose a file ending in {', '.join(spec.suffixes)}",
            code="upload.wrong-type",
            field=spec.field,
        )
    target = folder / f"{kind}{suffix}"
    written = 0
    with target.open("wb") as out:
        while chunk := await upload.read(CHUNK):
            written += len(chunk)
            if written > limit:
                out.close()
                target.unlink(missing_ok=True)
                raise UploadTooLarge(shown, limit)
            out.write(chunk)
    return Stored(target, shown)


UNSAFE = re.compile(r"[^\w.() +-]+", re.UNICODE)


def display_name(name: str, limit: int = 100) -> str:
    """A file name as the user gave it, reduced to its last part and to printable characters."""
    last = PureWindowsPath(PurePosixPath(name).name).name
    text = unicodedata.normalize("NFC", "".join(ch for ch in last if ch.isprintable()))
    text = UNSAFE.sub("_", text).strip(" .") or "file"
    if len(text) > limit:
        stem, dot, suffix = text.rpartition(".")
        text = (stem[: limit - len(suffix) - 2] + "…" + dot + suffix) if dot else text[:limit]
    return text


SAFE_DOWNLOAD = re.compile(r"[^A-Za-z0-9._-]+")


def download_name(stem: str, suffix: str) -> str:
    """A name for a file to download, made of letters, digits, dots, dashes and underscores."""
    clean = re.sub(r"-{2,}", "-", SAFE_DOWNLOAD.sub("-", stem)).strip(".-")[:80] or "download"
    return f"{clean}{suffix}"
