"""Benchmark of the PDF documents against bare WeasyPrint, in one run, alternating A/B.

    python bench/bench_pdf.py [--pairs 5] [--handouts 200] [--modules 40]

Prints median ratios (what to compare between machines) and absolute seconds (for information),
whether HarfBuzz-Subset is present, and the memory after each part of the handout batch.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from competency_kit.analysis import analyse
from competency_kit.documents.framework_io import load_framework
from competency_kit.models.curriculum import Curriculum
from competency_kit.models.framework import Framework
from competency_kit.pdf.guide import render_guide_html, write_guide
from competency_kit.pdf.handouts import (
    HANDOUT_STYLESHEETS,
    HandoutBatch,
    prepare_handouts,
    write_handouts,
)
from competency_kit.pdf.templating import TemplateSet


def make_curriculum(framework: Framework, modules: int, per_course: int = 5) -> Curriculum:
    """A synthetic programme: ``modules`` modules in courses of ``per_course``."""
    competencies = [c for _, c in framework.competencies()]
    courses = []
    for course_index in range(-(-modules // per_course)):
        items = []
        for slot in range(per_course):
            n = course_index * per_course + slot
            if n >= modules:
                break
            first, second = (
                competencies[n % len(competencies)],
                competencies[(n + 7) % len(competencies)],
            )
            items.append(
                {
                    "id": f"C{course_index + 1:02d}-M{slot + 1}",
                    "title": f"Module {n + 1}: safeguarding children in guest services",
                    "hours": 4 + n % 5,
                    "learning_outcomes": [
                        "Recognise the signs that a child may be at risk",
                        "Explain the reporting procedure of the workplace",
                    ],
                    "assessment": ["Observed role-play", "Short written case analysis"],
                    "maps": [
                        {
                            "to": first.id,
                            "depth": "IRM"[n % 3],
                            "assessed": n % 2 == 0,
                            "evidence": "Observed role-play",
                        },
                        {"to": second.statements[0].id, "depth": "I"},
                    ],
                }
            )
        courses.append(
            {
                "id": f"C{course_index + 1:02d}",
                "title": f"Course {course_index + 1}",
                "modules": items,
            }
        )
    return Curriculum.model_validate(
        {
            "programme": {
                "id": "BENCH",
                "title": "Benchmark Diploma",
                "institution": "Bench School",
            },
            "courses": courses,
        }
    )


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def alternate(
    pairs: int, a: Callable[[], object], b: Callable[[], object]
) -> tuple[float, float, float]:
    """Median seconds of A, of B, and the median of the per-pair ratios A/B."""
    times_a, times_b, ratios = [], [], []
    for _ in range(pairs):
        ta, tb = timed(a), timed(b)
        times_a.append(ta)
        times_b.append(tb)
        ratios.append(ta / tb)
    return statistics.median(times_a), statistics.median(times_b), statistics.median(ratios)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--handouts", type=int, default=200)
    parser.add_argument("--modules", type=int, default=40)
    args = parser.parse_args()

    from weasyprint import CSS, HTML
    from weasyprint.text import ffi
    from weasyprint.text.fonts import FontConfiguration

    from competency_kit.pdf.doctor import fast_subsetting_available

    print(f"HarfBuzz-Subset present: {fast_subsetting_available(ffi)}")
    framework = load_framework()
    out = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    templates = TemplateSet()

    guide_cur = make_curriculum(framework, args.modules)
    report = analyse(framework, guide_cur)
    final_html = render_guide_html(framework, guide_cur, report, templates, inline_styles=True)
    bare_fonts = FontConfiguration()

    def ours_guide() -> None:
        write_guide(framework, guide_cur, report, out / "guide.pdf")

    def bare_guide() -> None:
        HTML(string=final_html, base_url=str(templates.builtin_dir) + "/").write_pdf(
            out / "bare-guide.pdf", font_config=bare_fonts, pdf_variant="pdf/ua-1"
        )

    ours_guide(), bare_guide()  # warm both
    a, b, ratio = alternate(args.pairs, ours_guide, bare_guide)
    print(
        f"guide ({args.modules} modules): ours {a:.2f}s  bare {b:.2f}s  "
        f"ratio {ratio:.3f} (target <= 1.10)"
    )

    cur = make_curriculum(framework, args.handouts)
    batch = HandoutBatch()
    htmls = [
        job.html for job in prepare_handouts(framework, cur, out, templates, "en", None, batch)
    ]
    fonts = FontConfiguration()
    sheets = [CSS(filename=str(templates.find(n)), font_config=fonts) for n in HANDOUT_STYLESHEETS]
    memory = [rss_mb()]

    def ours_seq() -> None:
        write_handouts(framework, cur, out / "seq", jobs=1)
        memory.append(rss_mb())

    def bare_seq() -> None:
        (out / "bare").mkdir(exist_ok=True)
        for i, html in enumerate(htmls):
            HTML(string=html, base_url=str(templates.builtin_dir) + "/").write_pdf(
                out / "bare" / f"{i}.pdf",
                stylesheets=sheets,
                font_config=fonts,
                pdf_variant="pdf/ua-1",
            )

    def ours_par() -> None:
        write_handouts(framework, cur, out / "par", jobs=2)

    a, b, ratio = alternate(args.pairs, ours_seq, bare_seq)
    print(
        f"{args.handouts} handouts sequential: ours {a:.2f}s  bare {b:.2f}s  "
        f"ratio {ratio:.3f} (target <= 1.15)"
    )
    print(
        "peak RSS of this process after each sequential batch (MB, ours and bare together): "
        + ", ".join(f"{m:.0f}" for m in memory)
    )
    a, b, ratio = alternate(args.pairs, ours_seq, ours_par)
    print(
        f"{args.handouts} handouts: --jobs 1 {a:.2f}s  --jobs 2 {b:.2f}s  "
        f"speed-up {ratio:.2f}x (target >= 1.7 on 2 free cores)"
    )
    for label, bare in (("competency-kit", False), ("bare WeasyPrint", True)):
        print(
            f"memory of one handout batch alone ({label}), current RSS after every 50 handouts "
            f"(MB): {memory_over_batch(args.handouts, bare=bare)}"
        )
    sys.stdout.flush()


MEMORY_PROBE = """
import sys
from pathlib import Path
sys.path.insert(0, {bench!r})
from bench_pdf import make_curriculum
from competency_kit.documents.framework_io import load_framework
from competency_kit.pdf.handouts import write_handouts
from competency_kit.models.curriculum import Curriculum

def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

framework = load_framework()
cur = make_curriculum(framework, {count})
out = Path({out!r})
readings = []
if {bare}:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from competency_kit.pdf.handouts import HANDOUT_STYLESHEETS, HandoutBatch, prepare_handouts
    from competency_kit.pdf.templating import TemplateSet
    templates = TemplateSet()
    jobs = prepare_handouts(framework, cur, out, templates, "en", None, HandoutBatch())
    fonts = FontConfiguration()
    sheets = [CSS(filename=str(templates.find(n)), font_config=fonts) for n in HANDOUT_STYLESHEETS]
    for i, job in enumerate(jobs, 1):
        HTML(string=job.html, base_url=str(templates.builtin_dir) + "/").write_pdf(
            job.target, stylesheets=sheets, font_config=fonts, pdf_variant="pdf/ua-1")
        if i % 50 == 0:
            readings.append(f"{{rss():.0f}}")
    print(", ".join(readings))
    raise SystemExit
for start in range(0, {count}, 50):
    part = Curriculum.model_validate({{"programme": cur.programme.model_dump(), "courses": [
        {{"id": c.id, "title": c.title, "modules": [m.model_dump() for m in c.modules]}}
        for c in cur.courses[start // 5 : (start + 50) // 5]]}})
    write_handouts(framework, part, out, jobs=1)
    readings.append(f"{{rss():.0f}}")
print(", ".join(readings))
"""


def memory_over_batch(count: int, *, bare: bool) -> str:
    """Current RSS of a fresh process after every 50 handouts: flat means no growth per
    document (the font configuration and stylesheets are shared, not rebuilt)."""
    import subprocess

    out = tempfile.mkdtemp(prefix="bench-pdf-memory-")
    code = MEMORY_PROBE.format(bench=str(Path(__file__).parent), count=count, out=out, bare=bare)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return result.stdout.strip() or result.stderr.strip().splitlines()[-1]


if __name__ == "__main__":
    main()
