"""Where the example guide's time goes, phase by phase, beside bare WeasyPrint on the same HTML.

    python bench/bench_guide_phases.py [--runs 3] [--lang en]

Renders the example diploma's guide (with its local profile) through ``write_guide``, and the
same final HTML through bare WeasyPrint, taking turns. Each phase is timed by wrapping the
function that does it in the installed WeasyPrint (70.x); prints the median seconds of each
phase, its share of the whole, and the ratio ours/bare.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from competency_kit.analysis import analyse
from competency_kit.app.inputs import load_curriculum
from competency_kit.documents.framework_io import load_framework
from competency_kit.documents.profile_io import load_profile
from competency_kit.pdf import engine, guide
from competency_kit.pdf.templating import TemplateSet

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
MOMENT = datetime(2026, 1, 1, tzinfo=UTC)

Clock = dict[str, float]


@contextmanager
def timing(owner: Any, name: str, clock: Clock, phase: str) -> Iterator[None]:
    """While inside, every outermost call of ``owner.name`` adds its seconds to ``clock[phase]``
    (a recursive call is not counted twice)."""
    original = getattr(owner, name)
    depth = [0]

    def timed(*args: Any, **kwargs: Any) -> Any:
        depth[0] += 1
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            depth[0] -= 1
            if depth[0] == 0:
                clock[phase] += time.perf_counter() - start

    setattr(owner, name, timed)
    try:
        yield
    finally:
        setattr(owner, name, original)


@contextmanager
def phases(clock: Clock) -> Iterator[None]:
    """Times WeasyPrint's stages (and ours around them) into ``clock``."""
    import pydyf
    import weasyprint
    import weasyprint.document
    import weasyprint.pdf

    wrapped = [
        (engine.PdfEngine, "write_pdf", "engine"),
        (weasyprint.HTML, "__init__", "HTML parse"),
        (weasyprint.document, "get_all_computed_styles", "style cascade"),
        (weasyprint.document, "build_formatting_structure", "box building"),
        (weasyprint.document.Document, "_render", "render"),
        (weasyprint.document.Page, "paint", "drawing"),
        (weasyprint.pdf, "add_tags", "tag tree"),
        (weasyprint.document, "generate_pdf", "generate"),
        (engine, "finish_pdf", "our PDF finishing"),
        (pydyf.PDF, "write", "PDF write"),
    ]
    with ExitStack() as stack:
        for owner, name, phase in wrapped:
            stack.enter_context(timing(owner, name, clock, phase))
        yield


PHASES = (
    "our section building",
    "HTML parse",
    "style cascade",
    "box building",
    "layout",
    "drawing",
    "tag tree",
    "fonts and PDF objects",
    "our PDF finishing",
    "PDF write",
)


def breakdown(clock: Clock) -> dict[str, float]:
    """The phases of one run; what is not timed directly is what is left of its enclosing
    stage (layout: the render without cascade and boxes; fonts and PDF objects: generate_pdf
    without drawing and tags, which is mostly embedding the font subsets)."""
    cascade_and_boxes = clock["style cascade"] + clock["box building"]
    split = {
        "our section building": clock["whole"] - clock["engine"] if clock["engine"] else 0.0,
        "layout": clock["render"] - cascade_and_boxes,
        "fonts and PDF objects": clock["generate"] - clock["drawing"] - clock["tag tree"],
    }
    return {phase: split.get(phase, clock[phase]) for phase in PHASES} | {"whole": clock["whole"]}


def measured(action: Callable[[], object]) -> dict[str, float]:
    clock: Clock = defaultdict(float)
    cpu, wall = time.process_time(), time.perf_counter()
    with phases(clock):
        action()
    clock["whole"] = time.perf_counter() - wall
    return breakdown(clock) | {"cpu": time.process_time() - cpu}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()

    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    framework = load_framework()
    curriculum = load_curriculum(EXAMPLES / "hospitality-diploma.yaml", framework)
    profile = load_profile(EXAMPLES / "profile.yaml")
    report = analyse(framework, curriculum)
    templates = TemplateSet.shared(None)
    out = Path(tempfile.mkdtemp(prefix="bench-guide-"))
    html = guide.render_guide_html(
        framework, curriculum, report, templates, args.lang, profile, created=MOMENT
    )
    fonts = FontConfiguration()
    sheets = [
        CSS(filename=str(templates.find(n)), font_config=fonts) for n in guide.GUIDE_STYLESHEETS
    ]
    base = templates.search_path[0].as_uri() + "/"

    def ours() -> None:
        guide.write_guide(
            framework,
            curriculum,
            report,
            out / "guide.pdf",
            args.lang,
            None,
            profile,
            created=MOMENT,
            force=True,
        )

    def bare() -> None:
        HTML(string=html, base_url=base).write_pdf(
            out / "bare.pdf", stylesheets=sheets, font_config=fonts, pdf_variant="pdf/ua-1"
        )

    ours(), bare()  # warm both
    runs = [(measured(ours), measured(bare)) for _ in range(args.runs)]
    report_phases(runs, args.lang)


def report_phases(runs: list[tuple[dict[str, float], dict[str, float]]], lang: str) -> None:
    def median(side: int, phase: str) -> float:
        return statistics.median(run[side][phase] for run in runs)

    whole_ours, whole_bare = median(0, "whole"), median(1, "whole")
    print(f"example guide ({lang}), median of {len(runs)} alternating runs")
    print(f"{'phase':24} {'ours s':>8} {'%':>6} {'bare s':>8} {'%':>6} {'ours/bare':>10}")
    for phase in PHASES:
        a, b = median(0, phase), median(1, phase)
        ratio = f"{a / b:10.2f}" if b > 0.0005 else f"{'-':>10}"
        print(
            f"{phase:24} {a:8.2f} {100 * a / whole_ours:6.1f} "
            f"{b:8.2f} {100 * b / whole_bare:6.1f} {ratio}"
        )
    ratios = [o["whole"] / b["whole"] for o, b in runs]
    print(
        f"{'whole (wall)':24} {whole_ours:8.2f} {100.0:6.1f} {whole_bare:8.2f} {100.0:6.1f} "
        f"{statistics.median(ratios):10.2f}  (ratio spread {min(ratios):.2f}-{max(ratios):.2f})"
    )
    print(f"{'whole (CPU)':24} {median(0, 'cpu'):8.2f} {'':6} {median(1, 'cpu'):8.2f}")


if __name__ == "__main__":
    main()
