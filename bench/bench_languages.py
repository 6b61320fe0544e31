"""Benchmark of the example's guide in French against the same guide in English, in one run.

    python bench/bench_languages.py [--pairs 5] [--lang fr]

Both guides are also timed against bare WeasyPrint writing their own final HTML, so the figures
compare between machines: what the language costs is the French guide's ratio over the English
one's (target <= 1.10), and how much of it is ours rather than the engine's longer text.
Each figure is the median of the pairs, with the spread of the pair ratios (the machine may be
shared); the time of the kit's PDF finishing step (tagging.finish_pdf) is given apart.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import competency_kit.pdf.engine as engine
from bench_pdf import timed
from competency_kit.analysis import analyse
from competency_kit.app.inputs import load_curriculum
from competency_kit.core.resources import examples_dir
from competency_kit.documents.framework_io import load_framework
from competency_kit.pdf.guide import render_guide_html, write_guide
from competency_kit.pdf.templating import TemplateSet

FINISHING: list[float] = []
"""Seconds each call of the finishing step took."""


def timed_finisher(finish: Callable[[Any, Any], None]) -> Callable[[Any, Any], None]:
    def finish_timed(document: Any, pdf: Any) -> None:
        start = time.perf_counter()
        finish(document, pdf)
        FINISHING.append(time.perf_counter() - start)

    return finish_timed


def alternate(
    pairs: int, a: Callable[[], object], b: Callable[[], object]
) -> tuple[float, float, float, float, float]:
    """Median seconds of A and of B; median, lowest and highest of the per-pair ratios A/B."""
    times_a, times_b, ratios = [], [], []
    for _ in range(pairs):
        ta, tb = timed(a), timed(b)
        times_a.append(ta)
        times_b.append(tb)
        ratios.append(ta / tb)
    return (
        statistics.median(times_a),
        statistics.median(times_b),
        statistics.median(ratios),
        min(ratios),
        max(ratios),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--lang", default="fr")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # each figure as soon as it is measured

    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    framework = load_framework()
    curriculum = load_curriculum(examples_dir() / "hospitality-diploma.yaml", framework)
    report = analyse(framework, curriculum)
    templates = TemplateSet()
    out = Path(tempfile.mkdtemp(prefix="bench-lang-"))
    fonts = FontConfiguration()
    engine.finish_pdf = timed_finisher(engine.finish_pdf)

    def ours(lang: str) -> None:
        # force: the manifest would otherwise leave an unchanged guide as it is
        write_guide(framework, curriculum, report, out / f"guide-{lang}.pdf", lang, force=True)

    def bare(lang: str) -> None:
        html = render_guide_html(framework, curriculum, report, templates, lang, inline_styles=True)
        HTML(string=html, base_url=str(templates.builtin_dir) + "/").write_pdf(
            out / f"bare-{lang}.pdf", font_config=fonts, pdf_variant="pdf/ua-1"
        )

    lang = args.lang
    for action in (ours, bare):  # warm both, in both languages
        action("en")
        action(lang)
    FINISHING.clear()
    t_lang, t_en, ratio, low, high = alternate(args.pairs, lambda: ours(lang), lambda: ours("en"))
    print(
        f"example guide: {lang} {t_lang:.2f}s  en {t_en:.2f}s  ratio {lang}/en {ratio:.3f} "
        f"(spread {low:.3f}-{high:.3f}; target <= 1.10)"
    )
    print(
        f"finishing step: median {statistics.median(FINISHING) * 1000:.0f} ms per guide "
        f"({statistics.median(FINISHING) / statistics.median([t_lang, t_en]):.1%} of a guide)"
    )
    _, _, bare_ratio, low, high = alternate(args.pairs, lambda: bare(lang), lambda: bare("en"))
    print(
        f"bare WeasyPrint on the same two HTML files: ratio {lang}/en {bare_ratio:.3f} "
        f"(spread {low:.3f}-{high:.3f})"
    )
    for code in ("en", lang):
        a, b, r, low, high = alternate(args.pairs, lambda c=code: ours(c), lambda c=code: bare(c))
        print(f"guide {code}: ours {a:.2f}s  bare {b:.2f}s  ratio {r:.3f} ({low:.3f}-{high:.3f})")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
