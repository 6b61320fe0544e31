"""What the packaged script fonts cost an English guide, in one run, alternating A/B.

    python bench/bench_fonts.py [--pairs 5] [--modules 40] [--coverage-pairs 3]

Renders the same English guide HTML with bare WeasyPrint twice: with today's font stack
(Noto Sans, then Thai, Khmer, Lao and Myanmar) and with the Latin font alone (as before the
script fonts shipped). Prints the median ratio (target <= 1.05), absolute seconds for
information, the cost of marking line breaks in Khmer text, and whether HarfBuzz-Subset is there.

Then makes the example diploma's guide with ``make_guide`` with and without the check for
characters no font draws (alternating, same run), prints the median ratio (target <= 1.02)
and the check's own time, cold (character maps read) and warm.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

from bench_pdf import alternate, make_curriculum, timed
from competency_kit.analysis import analyse
from competency_kit.app.inputs import load_curriculum
from competency_kit.documents.framework_io import load_framework
from competency_kit.pdf.guide import render_guide_html
from competency_kit.pdf.scripts import _segmented, add_break_opportunities
from competency_kit.pdf.templating import TemplateSet

STACK = '"Kit Sans", "Kit Sans Thai", "Kit Sans Khmer", "Kit Sans Lao", "Kit Sans Myanmar"'
SCRIPT_FACE = re.compile(r'@font-face \{ font-family: "Kit Sans (Thai|Khmer|Lao|Myanmar)";[^}]*\}')
KHMER = "ការការពារកុមារពីការកេងប្រវ័ញ្ចផ្លូវភេទក្នុងការធ្វើដំណើរនិងទេសចរណ៍គឺជាទំនួលខុសត្រូវ"


def latin_only(html: str) -> str:
    """The same document with the font stack as it was before the script fonts."""
    return SCRIPT_FACE.sub("", html).replace(STACK, '"Kit Sans"')


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--modules", type=int, default=40)
    parser.add_argument("--coverage-pairs", type=int, default=3)
    args = parser.parse_args()

    from weasyprint import HTML
    from weasyprint.text import ffi
    from weasyprint.text.fonts import FontConfiguration

    from competency_kit.pdf.doctor import fast_subsetting_available

    print(f"HarfBuzz-Subset present: {fast_subsetting_available(ffi)}")
    framework = load_framework()
    templates = TemplateSet()
    out = Path(tempfile.mkdtemp(prefix="bench-fonts-"))
    curriculum = make_curriculum(framework, args.modules)
    report = analyse(framework, curriculum)
    stacked = render_guide_html(framework, curriculum, report, templates, inline_styles=True)
    before = latin_only(stacked)
    assert before != stacked and 'font-family: "Kit Sans Khmer"' not in before
    base = str(templates.builtin_dir) + "/"

    def render(html: str, name: str) -> None:
        HTML(string=html, base_url=base).write_pdf(
            out / name, font_config=FontConfiguration(), pdf_variant="pdf/ua-1"
        )

    render(stacked, "a.pdf"), render(before, "b.pdf")  # warm both
    a, b, ratio = alternate(
        args.pairs, lambda: render(stacked, "a.pdf"), lambda: render(before, "b.pdf")
    )
    print(
        f"English guide ({args.modules} modules): with the script fonts {a:.2f}s, "
        f"Latin font only {b:.2f}s, ratio {ratio:.3f} (target <= 1.05)"
    )

    rounds = 2000
    start = time.perf_counter()
    for i in range(rounds):
        _segmented(KHMER + str(i % 10) + KHMER)  # digits split the run: a cache miss each time
        _segmented.cache_clear()
    khmer_us = (time.perf_counter() - start) / rounds * 1e6
    start = time.perf_counter()
    for _ in range(rounds):
        add_break_opportunities("Explains the best interests of the child in every decision")
    latin_us = (time.perf_counter() - start) / rounds * 1e6
    print(
        f"line breaks: {khmer_us:.1f} µs per Khmer sentence of {2 * len(KHMER)} letters; "
        f"{latin_us:.2f} µs per English sentence (no change)"
    )
    coverage_cost(args.coverage_pairs, out)


def coverage_cost(pairs: int, out: Path) -> None:
    """The font coverage check against the whole guide it runs for."""
    from competency_kit.app.documents import DocumentOptions, GuideRequest, make_guide
    from competency_kit.core.resources import examples_dir
    from competency_kit.documents.framework_io import load_framework
    from competency_kit.pdf import font_coverage, fontconfig

    example = examples_dir() / "hospitality-diploma.yaml"
    request = GuideRequest(example, out / "guide.pdf", force=True, force_render=True)
    framework = load_framework().current()
    curriculum = load_curriculum(example, framework)
    options = DocumentOptions()

    def check() -> list[object]:
        return list(options.font_notes(example, framework, curriculum, None))

    font_coverage.font_characters.cache_clear()
    fontconfig.installed_fonts.cache_clear()
    fontconfig.font_for.cache_clear()
    cold = timed(check)
    warm = min(timed(check) for _ in range(20))

    def without_check() -> None:
        saved = DocumentOptions.font_notes
        DocumentOptions.font_notes = lambda *_: []  # type: ignore[method-assign]
        try:
            make_guide(request)
        finally:
            DocumentOptions.font_notes = saved  # type: ignore[method-assign]

    make_guide(request)  # warm
    a, b, ratio = alternate(pairs, lambda: make_guide(request), without_check)
    print(
        f"font coverage check: {cold * 1000:.1f} ms cold, {warm * 1000:.2f} ms warm; example "
        f"guide with it {a:.2f}s, without {b:.2f}s, ratio {ratio:.3f} (target <= 1.02)"
    )


if __name__ == "__main__":
    main()
