"""The whole pipeline on the bundled example, for a first look at what the tool makes."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .analysis import analyse
from .curriculum_io import load_curriculum
from .excel.mapping_workbook import mapping_demo_step
from .framework_io import framework_json, load_framework
from .gap_pipeline import gap_demo_step
from .interop import interop_demo_step
from .models.base import localize
from .models.curriculum import Curriculum
from .models.framework import Framework
from .models.report import GapReport
from .outputs import write_text
from .pdf.demo_step import documents_demo_step
from .pdf.profile import LocalProfile, load_profile
from .resources import examples_dir

EXAMPLE_CURRICULUM = "hospitality-diploma.yaml"
EXAMPLE_PROFILE = "profile.yaml"


@dataclass(frozen=True)
class DemoExample:
    """The sample diploma every step works on, read and analysed once."""

    curriculum: Curriculum
    report: GapReport
    profile: LocalProfile | None


DemoStep = Callable[[Framework, DemoExample | None, Path], list[Path]]


def load_example(framework: Framework) -> DemoExample | None:
    """The bundled example, or None where the examples are not installed."""
    try:
        examples = examples_dir()
    except FileNotFoundError:
        return None
    if not (examples / EXAMPLE_CURRICULUM).is_file():
        return None
    curriculum = load_curriculum(examples / EXAMPLE_CURRICULUM, framework)
    profile_path = examples / EXAMPLE_PROFILE
    profile = load_profile(profile_path) if profile_path.is_file() else None
    return DemoExample(curriculum, analyse(framework, curriculum), profile)


def _framework_outputs(framework: Framework, example: DemoExample | None, out: Path) -> list[Path]:
    write_text(
        out / "framework.json",
        json.dumps(framework_json(framework), ensure_ascii=False, indent=2) + "\n",
    )
    write_text(out / "framework-summary.txt", framework_summary(framework))
    return [out / "framework.json", out / "framework-summary.txt"]


def framework_summary(framework: Framework) -> str:
    """Counts per area and per dimension, as plain text."""
    lines = [f"{localize(framework.title)} (version {framework.version})", ""]
    total: Counter[str] = Counter()
    for area in framework.areas:
        counts = Counter(s.dimension for c in area.competencies for s in c.statements)
        total.update(counts)
        lines.append(
            f"{area.id:<5} {len(area.competencies):>2} competencies  "
            f"K {counts['knowledge']:>2}  S {counts['skill']:>2}  A {counts['attitude']:>2}  "
            f"{localize(area.title)}"
        )
    competencies = sum(len(a.competencies) for a in framework.areas)
    lines += [
        "",
        f"Total: {len(framework.areas)} areas, {competencies} competencies, "
        f"{sum(total.values())} statements (K {total['knowledge']}, S {total['skill']}, "
        f"A {total['attitude']}), {len(framework.glossary)} glossary terms",
        "",
    ]
    return "\n".join(lines)


STEPS: list[DemoStep] = [
    _framework_outputs,
    mapping_demo_step,
    gap_demo_step,
    interop_demo_step,
    documents_demo_step,
]
"""Each capability adds its outputs here, in pipeline order."""


def run_demo(out: str | Path) -> list[Path]:
    """Run every demo step into folder ``out``; returns the files written."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    framework = load_framework(strict=True)
    example = load_example(framework)
    written: list[Path] = []
    for step in STEPS:
        written += step(framework, example, out)
    return written
