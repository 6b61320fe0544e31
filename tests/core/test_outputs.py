"""Outputs are written all or nothing, even when the process is killed half-way."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from competency_kit.core.errors import InputError
from competency_kit.core.outputs import atomic_output, write_text

SLOW_WRITER = """
import sys, time
from competency_kit.core.outputs import atomic_output
with atomic_output(sys.argv[1]) as tmp:
    with open(tmp, "w") as handle:
        handle.write("partial")
        handle.flush()
        print("writing", flush=True)
        time.sleep(60)
"""


def test_success_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    write_text(target, "new")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_failure_keeps_the_old_file_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_output(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("renderer failed")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["TERM", "KILL"])
def test_killed_process_leaves_the_old_file_intact(tmp_path: Path, sig: int) -> None:
    target = tmp_path / "guide.pdf"
    target.write_text("old")
    code = (
        "from competency_kit.cli.main import _terminate; import signal; "
        "signal.signal(signal.SIGTERM, _terminate)\n" + SLOW_WRITER
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    proc.send_signal(sig)
    proc.wait(timeout=30)
    assert target.read_text() == "old"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "guide.pdf"]
    if sig == signal.SIGTERM:
        assert leftovers == []
    else:  # nothing can run on kill -9; the next write in the folder removes the leftover
        write_text(target, "new")
        assert [p.name for p in tmp_path.iterdir()] == ["guide.pdf"]
        assert target.read_text() == "new"


def test_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    source = tmp_path / "curriculum.yaml"
    source.write_text("programme: {}")
    with pytest.raises(InputError) as exc, atomic_output(source, inputs=(source,)):
        pass
    assert exc.value.problems[0].message == "the output would overwrite the command's own input"
    assert source.read_text() == "programme: {}"


def test_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc, atomic_output(tmp_path / "nope" / "x.pdf"):
        pass
    assert "does not exist" in exc.value.problems[0].message


def test_live_writers_parts_are_not_swept(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    with atomic_output(target) as first:
        first.write_text("a")
        time.sleep(0.01)
        write_text(target, "b")  # a second writer in the same process must not remove ours
        assert first.exists()
    assert target.read_text() == "a"


def test_a_file_locked_by_another_program_is_a_clear_refusal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "gap.xlsx"
    target.write_text("the reviewer's copy")

    def locked(source: object, destination: object) -> None:
        raise PermissionError(13, "Permission denied")  # as Windows does for a file open in Excel

    monkeypatch.setattr("competency_kit.core.outputs.os.replace", locked)
    with pytest.raises(InputError) as exc:
        write_text(target, "new")
    problem = exc.value.problems[0]
    assert problem.file == str(target)
    assert problem.message == "cannot write the file: Permission denied"
    assert "Excel" in problem.fix
    assert target.read_text() == "the reviewer's copy"
    assert [p.name for p in tmp_path.iterdir()] == ["gap.xlsx"]


def test_an_unreadable_input_is_a_clear_refusal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from competency_kit.documents.sources import load_document
    from competency_kit.excel.workbook_input import open_workbook

    source, workbook = tmp_path / "curriculum.yaml", tmp_path / "mapping.xlsx"
    source.write_text("programme: {}\n")
    workbook.write_bytes(b"PK")
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self.parent == tmp_path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse)
    for read in (lambda: load_document(source), lambda: open_workbook(workbook)):
        with pytest.raises(InputError) as exc:
            read()
        assert exc.value.problems[0].message == "cannot read the file: Permission denied"
