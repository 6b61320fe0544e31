"""Batches on several cores: every document once, a dead helper loses only its own, and no
process outlives the batch (on success, on a failure, on an interruption)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from competency_kit.pdf import pool
from competency_kit.pdf.pool import auto_processes, render_batch


def children() -> set[int]:
    """The processes this one started that still exist (zombies included)."""
    found: set[int] = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        text = (task / "children").read_text().split()
        found |= {int(pid) for pid in text}
    return found


needs_proc = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc")


class Slow:
    """Takes a little time per document and says which process did it."""

    def __init__(self, folder: Path, die_in_helper: int | None = None) -> None:
        self.folder = folder
        self.parent = os.getpid()
        self.die_in_helper = die_in_helper

    def __call__(self, index: int) -> str | None:
        if index == self.die_in_helper and os.getpid() != self.parent:
            os._exit(7)
        time.sleep(0.02)
        (self.folder / f"{index}.txt").write_text(str(os.getpid()))
        return None if index % 5 else f"failed {index}"


def test_auto_is_one_process_for_a_handful_and_at_most_the_cores() -> None:
    assert auto_processes(1, 8, "fork") == 1
    assert auto_processes(3, 2, "fork") == 1
    assert auto_processes(4, 2, "fork") == 2
    assert auto_processes(27, 2, "fork") == 2
    assert auto_processes(27, 16, "fork") == 13
    assert auto_processes(10, 2, "spawn") == 1
    assert auto_processes(16, 2, "spawn") == 2


@needs_proc
@pytest.mark.parametrize("processes", [1, 2, 3])
def test_every_document_is_done_once_and_no_helper_is_left(tmp_path, processes) -> None:
    before = children()
    results: dict[int, str | None] = {}

    def done(index: int, error: str | None) -> None:
        assert index not in results
        results[index] = error

    render_batch(40, Slow(tmp_path), done, processes)
    assert sorted(results) == list(range(40))
    assert {i for i, e in results.items() if e} == set(range(0, 40, 5))
    assert results[5] == "failed 5"
    workers = {p.read_text() for p in tmp_path.iterdir()}
    assert len(workers) == processes or pool.start_method() == "spawn"
    assert children() <= before


@needs_proc
def test_a_helper_that_dies_loses_only_the_document_it_was_writing(tmp_path) -> None:
    if pool.start_method() != "fork":
        pytest.skip("the dying renderer is inherited through fork")
    before = children()
    results: dict[int, str | None] = {}
    render_batch(30, Slow(tmp_path, die_in_helper=3), results.__setitem__, 2)
    assert sorted(results) == list(range(30))
    lost = [i for i, e in results.items() if e and e.startswith("the process")]
    # The helper died on document 3 if it took it; then the calling process did the rest.
    assert lost in ([], [3])
    if lost:
        assert results[3] == "the process rendering it stopped unexpectedly (exit code 7)"
    assert children() <= before


@needs_proc
def test_an_interruption_stops_the_batch_and_reaps_the_helpers(tmp_path) -> None:
    before = children()
    seen: list[int] = []

    def done(index: int, error: str | None) -> None:
        seen.append(index)
        if len(seen) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        render_batch(200, Slow(tmp_path), done, 2)
    assert children() <= before
    assert len(list(tmp_path.iterdir())) < 50  # the helpers stopped taking documents
