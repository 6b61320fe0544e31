"""Writing output files safely: all or nothing, never over an input."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import InputError


@contextlib.contextmanager
def atomic_output(
    path: str | Path, *, inputs: tuple[str | Path | None, ...] = ()
) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path`` in one step.

    An interrupted or failed run leaves any previous file untouched and no partial file.
    Refuses to write over one of the command's own ``inputs``.
    """
    target = Path(path)
    _refuse_inputs(target, inputs)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError.single(
            str(target),
            f"the folder '{folder}' does not exist",
            "create the folder first or choose another output path",
        )
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, 0o644 & ~_umask())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def write_bytes(path: str | Path, data: bytes, **kwargs: tuple[str | Path | None, ...]) -> None:
    with atomic_output(path, **kwargs) as tmp:
        tmp.write_bytes(data)


def write_text(path: str | Path, text: str, **kwargs: tuple[str | Path | None, ...]) -> None:
    write_bytes(path, text.encode("utf-8"), **kwargs)


def _refuse_inputs(target: Path, inputs: tuple[str | Path | None, ...]) -> None:
    for source in inputs:
        if (
            source is not None
            and Path(source).exists()
            and target.exists()
            and os.path.samefile(source, target)
        ):
            raise InputError.single(
                str(target),
                "the output would overwrite the command's own input",
                "choose a different output file name",
            )


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
