"""The ways of spreading a batch of handouts over two processes that were tried for the
render pool, each timed as a whole process (start-up included) on the same handouts.

Used by ``bench_documents.py --mechanisms``; light at the top, since spawned helpers import it.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

MECHANISMS = {
    "one process (reference)": "one",
    "spawn pool, the calling process waits (before)": "spawn-pool",
    "spawn pool in chunks of 4": "spawn-chunks",
    "fork server preloading the engine, the calling process waits": "forkserver",
    "calling process renders + helper spawned after the HTML is made": "spawn-late",
    "calling process renders + helper spawned before the curriculum is read": "spawn-early",
    "calling process renders + helper forked with the engine loaded (kept)": "fork",
}


def _early_helper(link, counter, count) -> None:  # type: ignore[no-untyped-def]
    from competency_kit.pdf.handouts import HANDOUT_STYLESHEETS
    from competency_kit.pdf.lazy import engine_for
    from competency_kit.pdf.pool import _take
    from competency_kit.pdf.templating import TemplateSet

    engine_for(TemplateSet.shared(None), HANDOUT_STYLESHEETS)
    render = link.recv()
    while (index := _take(counter, count.value)) is not None:
        render(index)
    link.send("done")


def _render_pair(pair: tuple[str, Path]) -> str | None:
    from competency_kit.pdf.handouts import HandoutRenderer

    return HandoutRenderer([pair], None)(0)


def _warm() -> None:
    from competency_kit.pdf.handouts import HANDOUT_STYLESHEETS
    from competency_kit.pdf.lazy import engine_for
    from competency_kit.pdf.templating import TemplateSet

    engine_for(TemplateSet.shared(None), HANDOUT_STYLESHEETS)


def run_one(kind: str, curriculum: str, out: str) -> None:
    """One whole run of ``kind``, as a fresh process does it."""
    import multiprocessing

    early = None
    if kind == "spawn-early":
        context = multiprocessing.get_context("spawn")
        counter, count = context.Value("q", 0), context.Value("q", 1 << 30)
        ours, theirs = context.Pipe()
        early = context.Process(target=_early_helper, args=(theirs, counter, count))
        early.start()
    from competency_kit.app.inputs import load_curriculum
    from competency_kit.documents.framework_io import load_framework
    from competency_kit.pdf import handouts, pool
    from competency_kit.pdf.templating import TemplateSet

    framework = load_framework()
    cur = load_curriculum(curriculum, framework)
    templates = TemplateSet.shared(None)
    Path(out).mkdir(exist_ok=True)
    work = handouts.prepare_handouts(
        framework, cur, Path(out), templates, "en", None, handouts.HandoutBatch()
    )
    render = handouts.HandoutRenderer([(j.html, j.target) for j in work], None)
    if kind in ("one", "fork", "spawn-late"):
        if kind == "spawn-late":
            pool.start_method = lambda: "spawn"  # type: ignore[assignment]
        _warm()
        pool.render_batch(len(work), render, lambda i, e: None, 1 if kind == "one" else 2)
    elif kind == "spawn-early":
        assert early is not None
        with count.get_lock():
            count.value = len(work)
        ours.send(render)
        _warm()
        while (index := pool._take(counter, len(work))) is not None:
            render(index)
        ours.recv()
        early.join()
    else:
        import concurrent.futures as futures

        if kind == "forkserver":
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["competency_kit.pdf.engine", "bench_mechanisms"])
        else:
            context = multiprocessing.get_context("spawn")
        _warm()  # the stylesheets checked first, as the old code did
        with futures.ProcessPoolExecutor(2, mp_context=context, initializer=_warm) as executor:
            chunk = 4 if kind == "spawn-chunks" else 1
            pairs = [(j.html, j.target) for j in work]
            list(executor.map(_render_pair, pairs, chunksize=chunk))


def _timed(kind: str, curriculum: Path, out: Path) -> tuple[float, float]:
    code = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
        f"import bench_mechanisms as m; m.run_one({kind!r}, {str(curriculum)!r}, {str(out)!r})"
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compare_mechanisms(pairs: int, curriculum: Path, work: Path) -> None:
    times: dict[str, list[tuple[float, float]]] = {label: [] for label in MECHANISMS}
    for _ in range(pairs):
        for label, kind in MECHANISMS.items():
            times[label].append(_timed(kind, curriculum, work / f"mech-{kind}"))
    one_wall = statistics.median(w for w, _ in times["one process (reference)"])
    one_cpu = statistics.median(c for _, c in times["one process (reference)"])
    print(f"mechanisms, whole processes, 27 handouts, median of {pairs} rounds (load {_load()}):")
    for label, rows in times.items():
        wall = statistics.median(w for w, _ in rows)
        cpu = statistics.median(c for _, c in rows)
        print(
            f"  {label:74s} {wall:6.2f}s  speed-up {one_wall / wall:4.2f}x  "
            f"CPU {cpu:6.2f}s = {cpu / one_cpu:4.2f}x"
        )


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())
