"""Writing output files safely: all or nothing, never over an input."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from competency_kit.core.errors import InputError, system_refusal

PART_SUFFIX = ".part"


@contextlib.contextmanager
def atomic_output(
    path: str | Path, *, inputs: tuple[str | Path | None, ...] = ()
) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path`` in one step.

    An interrupted or failed run leaves any previous file untouched and no partial file.
    Refuses to write over one of the command's own ``inputs``.
    """
    target = Path(path)
    refuse_inputs(target, inputs)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError.single(
            str(target),
            f"the folder '{folder}' does not exist",
            "create the folder first or choose another output path",
            code="output.no-folder",
        )
    if target.is_dir():
        raise InputError.single(
            str(target),
            "a folder of that name exists",
            "give a file name for the output",
            code="output.is-folder",
        )
    _sweep_stale_parts(folder, target.name)
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{target.name}.{os.getpid()}.", suffix=PART_SUFFIX, dir=folder
        )
    except OSError as exc:
        raise system_refusal(str(target), exc, "write") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        _flush_to_disk(tmp)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        raise system_refusal(str(target), exc, "write") from None
    finally:
        tmp.unlink(missing_ok=True)


def _flush_to_disk(path: Path) -> None:
    """Make the new content durable before it takes the old file's place."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sweep_stale_parts(folder: Path, name: str) -> None:
    """Remove temporary files left by a run that was killed outright (kill -9, power loss)."""
    for part in folder.glob(f".{name}.*{PART_SUFFIX}"):
        pid = part.name[len(name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            part.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_bytes(path: str | Path, data: bytes, **kwargs: tuple[str | Path | None, ...]) -> None:
    with atomic_output(path, **kwargs) as tmp:
        tmp.write_bytes(data)


def write_text(path: str | Path, text: str, **kwargs: tuple[str | Path | None, ...]) -> None:
    write_bytes(path, text.encode("utf-8"), **kwargs)


def refuse_inputs(target: str | Path, inputs: tuple[str | Path | None, ...]) -> None:
    """An InputError when ``target`` is one of the command's own input files."""
    target = Path(target)
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
                code="output.is-input",
            )


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
