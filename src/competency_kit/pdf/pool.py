"""A batch of documents rendered on several cores, with no process left behind.

The calling process renders too. Its helpers are forked from it once WeasyPrint, the fonts and
the stylesheets are loaded, so they start rendering at once instead of loading it all again
(a spawned helper spends about a second on that, as long as four handouts). Every process takes
the next document from one shared counter, so no core waits while documents remain. Where
forking is not safe (another thread is running, or the system is not Linux) the helpers are
spawned and load the engine themselves.

Helpers ignore Ctrl-C: the calling process stops the batch, lets each helper finish the
document it is writing and reaps it before the call returns, on success, on a failed document
and on an interruption alike.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any, Literal

Render = Callable[[int], str | None]
"""Renders document ``i`` of the batch; returns the error message, or None when written.
A helper started by "spawn" receives it pickled: a module-level class instance."""
Done = Callable[[int, str | None], None]
"""Told in the calling process about each document as it is finished."""

StartMethod = Literal["fork", "spawn"]
STOP_GRACE_SECONDS = 10.0
"""How long a stopped helper may take to finish the document it is writing."""
MIN_PER_PROCESS: dict[StartMethod, int] = {"fork": 2, "spawn": 8}
"""Documents each process must have before one more process pays for itself: a forked helper
costs a few milliseconds, a spawned one about a second (four handouts' worth)."""
HELPER_DIED = "the process rendering it stopped unexpectedly (exit code {code})"


def start_method() -> StartMethod:
    """Fork where it is safe: on Linux, from a process running a single thread."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return "spawn"


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every system
        return os.cpu_count() or 1


def auto_processes(documents: int, cores: int, method: StartMethod) -> int:
    """The number of processes that pays for a batch of ``documents``: one for a handful,
    never more than the cores."""
    return max(1, min(cores, documents // MIN_PER_PROCESS[method]))


def render_batch(count: int, render: Render, done: Done, processes: int) -> None:
    """Render documents ``0 .. count-1`` with ``processes`` processes (this one included)."""
    helpers = min(processes, count) - 1
    if helpers < 1:
        for alone in range(count):
            done(alone, render(alone))
        return
    context = multiprocessing.get_context(start_method())
    counter = context.Value("q", 0)
    with _helpers(context, helpers, counter, count, render) as pool:
        while (index := _take(counter, count)) is not None:
            done(index, render(index))
            pool.collect(done, block=False)
        pool.collect(done, block=True)


def _take(counter: Any, count: int) -> int | None:
    """The next document nobody has taken yet, or None when all are taken."""
    with counter.get_lock():
        index = int(counter.value)
        if index >= count:
            return None
        counter.value = index + 1
    return index


class _Pool:
    def __init__(self) -> None:
        self.processes: list[BaseProcess] = []
        self.links: dict[Connection, BaseProcess] = {}
        self.started: dict[Connection, int] = {}
        """The document each helper is writing."""

    def collect(self, done: Done, *, block: bool) -> None:
        """Tell ``done`` about the documents the helpers finished; with ``block``, until every
        helper has ended. A helper that died takes only the document it was writing."""
        while self.links:
            ready = wait(list(self.links), timeout=None if block else 0)
            if not ready:
                return
            for link in ready:
                self._read(link, done)

    def _read(self, link: Any, done: Done) -> None:
        try:
            kind, index, error = link.recv()
        except (EOFError, OSError):
            process = self.links.pop(link)
            link.close()
            process.join()
            if link in self.started:
                done(self.started.pop(link), HELPER_DIED.format(code=process.exitcode))
            return
        if kind == "start":
            self.started[link] = index
        else:
            self.started.pop(link, None)
            done(index, error)


@contextmanager
def _helpers(
    context: BaseContext, helpers: int, counter: Any, count: int, render: Render
) -> Iterator[_Pool]:
    pool = _Pool()
    try:
        with _ctrl_c_ignored():
            gc.freeze()  # a forked helper then shares, not copies, what exists already
            for _ in range(helpers):
                ours, theirs = context.Pipe(duplex=False)
                process = context.Process(  # type: ignore[attr-defined]
                    target=_helper, args=(theirs, counter, count, render), daemon=True
                )
                process.start()
                theirs.close()
                pool.processes.append(process)
                pool.links[ours] = process
        yield pool
    finally:
        gc.unfreeze()
        _stop(pool, counter, count)


@contextmanager
def _ctrl_c_ignored() -> Iterator[None]:
    """Helpers are born ignoring Ctrl-C (a terminal sends it to all of them): the calling
    process alone decides what an interruption stops."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _stop(pool: _Pool, counter: Any, count: int) -> None:
    """No helper takes another document; each finishes the one it writes and is reaped."""
    with counter.get_lock():
        counter.value = count
    for process in pool.processes:
        process.join(STOP_GRACE_SECONDS)
        if process.is_alive():
            process.kill()
            process.join()
        process.close()
    for link in pool.links:
        link.close()


def _helper(link: Connection, counter: Any, count: int, render: Render) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        while (index := _take(counter, count)) is not None:
            link.send(("start", index, None))
            link.send(("done", index, render(index)))
    finally:
        link.close()
