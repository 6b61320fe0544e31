"""Whole-command figures for the printed documents, alternating A/B in one run.

    python bench/bench_documents.py [--pairs 3] [--many 200] [--mechanisms]

Prints, with the load average before and after:
- ``handouts --jobs 2`` against ``--jobs 1`` on the example diploma (27 modules) and on a
  synthetic programme of ``--many`` modules: speed-up of the wall time and ratio of the CPU time
  (of the command and every process it started);
- a re-run of ``handouts`` after one module's activity was edited (whole command, seconds),
  against a bare WeasyPrint process writing that one handout, its floor; ``guide`` with nothing
  changed, beside ``competency-kit --version``;
- bare WeasyPrint rendering the same 27 handouts' HTML in one process, the baseline;
- with ``--mechanisms``, the ways of spreading a batch over two processes that were tried, each
  as a whole process (start-up included) on the 27 handouts.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_pdf import make_curriculum
from competency_kit.core.resources import examples_dir
from competency_kit.documents.framework_io import load_framework

CLI = [sys.executable, "-m", "competency_kit"]
EXAMPLE = examples_dir() / "hospitality-diploma.yaml"


def run_timed(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, this command and every process it waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def compare(pairs: int, a: list[str], b: list[str]) -> dict[str, float]:
    """Median wall and CPU of A and B and the medians of the per-pair ratios A/B."""
    rows = []
    for _ in range(pairs):
        (wa, ca), (wb, cb) = run_timed(a), run_timed(b)
        rows.append((wa, wb, ca, cb, wa / wb, cb / ca))
    columns = list(zip(*rows, strict=True))
    names = ("wall_a", "wall_b", "cpu_a", "cpu_b", "speed_up", "cpu_ratio")
    return {n: statistics.median(c) for n, c in zip(names, columns, strict=True)}


def handouts(curriculum: Path, out: Path, jobs: str) -> list[str]:
    return [*CLI, "handouts", str(curriculum), "-o", str(out), "--jobs", jobs, "--force-render"]


def parallel(pairs: int, curriculum: Path, label: str, target: float, work: Path) -> None:
    figures = compare(
        pairs, handouts(curriculum, work / "j1", "1"), handouts(curriculum, work / "j2", "2")
    )
    print(
        f"handouts, {label}: --jobs 1 {figures['wall_a']:.2f}s ({figures['cpu_a']:.2f}s CPU)  "
        f"--jobs 2 {figures['wall_b']:.2f}s ({figures['cpu_b']:.2f}s CPU)  speed-up "
        f"{figures['speed_up']:.2f}x (target >= {target})  CPU ratio {figures['cpu_ratio']:.2f} "
        "(target <= 1.15)"
    )


def reruns(pairs: int, work: Path) -> None:
    curriculum = work / "diploma.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    curriculum.write_text(text, encoding="utf-8")
    out, guide = work / "rerun", work / "rerun" / "guide.pdf"
    run_timed([*CLI, "handouts", str(curriculum), "-o", str(out)])
    run_timed([*CLI, "guide", str(curriculum), "-o", str(guide)])
    edits, bares, guides, versions = [], [], [], []
    for n in range(pairs):
        # One module's activity changes: its handout (and the guide, which is not re-run here)
        # changes, the 26 others do not.
        start = text.index("activity: >-\n") + len("activity: >-\n")
        indent = len(text[start:]) - len(text[start:].lstrip(" "))
        edited = f"{text[: start + indent]}(variant {n}) {text[start + indent :]}"
        curriculum.write_text(edited, encoding="utf-8")
        edits.append(run_timed([*CLI, "handouts", str(curriculum), "-o", str(out)]))
        bares.append(run_timed(bare_one_handout(curriculum, work, f"(variant {n})")))
        curriculum.write_text(text, encoding="utf-8")
        run_timed([*CLI, "handouts", str(curriculum), "-o", str(out)])
        guides.append(run_timed([*CLI, "guide", str(curriculum), "-o", str(guide)]))
        versions.append(run_timed([*CLI, "--version"]))
    ratio = statistics.median(e[0] / b[0] for e, b in zip(edits, bares, strict=True))
    print(
        f"re-run of handouts after one activity was edited: {_median(edits)} (target <= 1.5 s); "
        f"bare WeasyPrint writing that one handout in a fresh process: {_median(bares)}; "
        f"ratio {ratio:.2f}\n"
        f"guide with nothing changed: {_median(guides)} (target <= 1.0 s)  "
        f"competency-kit --version: {_median(versions)}"
    )


BARE_ONE = """
import sys
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
html, base, out, *names = sys.argv[1:]
fonts = FontConfiguration()
sheets = [CSS(filename=base + name, font_config=fonts) for name in names]
HTML(filename=html, base_url=base).write_pdf(
    out, stylesheets=sheets, font_config=fonts, pdf_variant="pdf/ua-1")
"""


def bare_one_handout(curriculum: Path, work: Path, edit: str) -> list[str]:
    """The floor of a re-run: a process that imports WeasyPrint and writes the edited module's
    handout from the HTML the command made for it (the one holding ``edit``)."""
    from competency_kit.app.inputs import load_curriculum
    from competency_kit.pdf.handouts import HANDOUT_STYLESHEETS, HandoutBatch, prepare_handouts
    from competency_kit.pdf.templating import TemplateSet

    framework = load_framework()
    templates = TemplateSet()
    jobs = prepare_handouts(
        framework,
        load_curriculum(curriculum, framework),
        work,
        templates,
        "en",
        None,
        HandoutBatch(),
    )
    html = work / "one-handout.html"
    html.write_text(next(job.html for job in jobs if edit in job.html), encoding="utf-8")
    base = f"{templates.builtin_dir}/"
    return [
        sys.executable,
        "-c",
        BARE_ONE,
        str(html),
        base,
        str(work / "one.pdf"),
        *HANDOUT_STYLESHEETS,
    ]


def _median(runs: list[tuple[float, float]]) -> str:
    wall, cpu = (statistics.median(column) for column in zip(*runs, strict=True))
    return f"{wall:.2f}s ({cpu:.2f}s CPU)"


BARE = """
import sys, time
from pathlib import Path
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from competency_kit.app.inputs import load_curriculum
from competency_kit.documents.framework_io import load_framework
from competency_kit.pdf.handouts import HANDOUT_STYLESHEETS, HandoutBatch, prepare_handouts
from competency_kit.pdf.templating import TemplateSet
framework = load_framework()
curriculum = load_curriculum(sys.argv[1], framework)
templates = TemplateSet()
out = Path(sys.argv[2]); out.mkdir(exist_ok=True)
jobs = prepare_handouts(framework, curriculum, out, templates, "en", None, HandoutBatch())
fonts = FontConfiguration()
sheets = [CSS(filename=str(templates.find(n)), font_config=fonts) for n in HANDOUT_STYLESHEETS]
start = time.perf_counter()
for job in jobs:
    HTML(string=job.html, base_url=str(templates.builtin_dir) + "/").write_pdf(
        job.target, stylesheets=sheets, font_config=fonts, pdf_variant="pdf/ua-1")
print(time.perf_counter() - start)
"""


def bare_baseline(pairs: int, work: Path) -> None:
    walls = [run_timed([sys.executable, "-c", BARE, str(EXAMPLE), str(work / "bare")])[0]]
    walls += [run_timed([sys.executable, "-c", BARE, str(EXAMPLE), str(work / "bare")])[0]]
    ours = [run_timed(handouts(EXAMPLE, work / "ours", "1"))[0] for _ in range(max(1, pairs))]
    print(
        f"bare WeasyPrint, the same 27 handouts in one process (start-up included): "
        f"{statistics.median(walls):.2f}s;  handouts --jobs 1: {statistics.median(ours):.2f}s"
    )


def synthetic(modules: int, work: Path) -> Path:
    curriculum = make_curriculum(load_framework(), modules)
    path = work / f"synthetic-{modules}.json"
    path.write_text(json.dumps(curriculum.model_dump(mode="json", exclude_none=True)))
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--many", type=int, default=200)
    parser.add_argument("--mechanisms", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-documents-"))
    print(f"load average before: {load()}  (cores: {os.cpu_count()})")
    parallel(args.pairs, EXAMPLE, "example diploma (27)", 1.6, work)
    reruns(args.pairs, work)
    bare_baseline(args.pairs, work)
    if args.many:
        parallel(max(1, args.pairs - 1), synthetic(args.many, work), f"{args.many}", 1.85, work)
    if args.mechanisms:
        from bench_mechanisms import compare_mechanisms

        compare_mechanisms(args.pairs, EXAMPLE, work)
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
