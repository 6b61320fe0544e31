"""``demo``: the whole pipeline on the bundled example, through the same task functions a user
runs, for a first look at what the tool makes."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from competency_kit.app.documents import (
    DocumentOptions,
    GuideRequest,
    HandoutsRequest,
    make_guide,
    make_handouts,
)
from competency_kit.app.frameworks import (
    ExportRequest,
    MappingExportRequest,
    export_framework_file,
    export_mapping,
)
from competency_kit.app.gap import GapRequest, run_gap
from competency_kit.app.mapping import TemplateRequest, make_template
from competency_kit.app.versions import (
    DiffRequest,
    MigrateRequest,
    diff_framework_files,
    migrate_with_report,
)
from competency_kit.core.errors import InputError
from competency_kit.core.outputs import write_text
from competency_kit.core.resources import examples_dir
from competency_kit.documents.framework_io import (
    framework_json,
    load_framework,
    resolve_framework_path,
)
from competency_kit.interop import ExportFormat
from competency_kit.models.base import localize
from competency_kit.models.framework import Framework

EXAMPLE_CURRICULUM = "hospitality-diploma.yaml"
EXAMPLE_PROFILE = "profile.yaml"
EXAMPLE_NEXT_FRAMEWORK = "framework-next/framework.yaml"


@dataclass(frozen=True)
class DemoExample:
    """The sample diploma every step works on, and its local profile when there is one."""

    curriculum: Path
    profile: Path | None
    force: bool = False
    """Replace earlier demo outputs even when someone has typed into them."""
    next_framework: Path | None = None
    """An example next version of the bundled framework, to show diff and migrate."""


DemoStep = Callable[[Framework, DemoExample | None, Path], list[Path]]


def find_example() -> DemoExample | None:
    """The bundled example, or None where the examples are not installed."""
    try:
        examples = examples_dir()
    except FileNotFoundError:
        return None
    if not (examples / EXAMPLE_CURRICULUM).is_file():
        return None
    profile = examples / EXAMPLE_PROFILE
    following = examples / EXAMPLE_NEXT_FRAMEWORK
    return DemoExample(
        examples / EXAMPLE_CURRICULUM,
        profile if profile.is_file() else None,
        next_framework=following if following.is_file() else None,
    )


def framework_step(framework: Framework, example: DemoExample | None, out: Path) -> list[Path]:
    """The framework as JSON, and its counts per area and dimension."""
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


def mapping_step(framework: Framework, example: DemoExample | None, out: Path) -> list[Path]:
    """A blank mapping workbook, and one pre-filled from the example diploma."""
    force = example is not None and example.force
    written = [make_template(TemplateRequest(out / "mapping-blank.xlsx", force=force)).path]
    if example is not None:
        request = TemplateRequest(
            out / "mapping-prefilled.xlsx", example.curriculum, force=example.force
        )
        written.append(make_template(request).path)
    return written


def gap_step(framework: Framework, example: DemoExample | None, out: Path) -> list[Path]:
    """The gap workbook and JSON report of the example diploma."""
    if example is None:
        return []
    request = GapRequest(
        example.curriculum, out / "gap.xlsx", json_path=out / "gap.json", force=example.force
    )
    run_gap(request)
    return [out / "gap.xlsx", out / "gap.json"]


def interop_step(framework: Framework, example: DemoExample | None, out: Path) -> list[Path]:
    """The framework as CASE 1.1, CASE 1.0 and Moodle CSV, and the example programme's map
    as a CASE document."""
    exports: tuple[tuple[str, ExportFormat], ...] = (
        ("framework-case.json", "case"),
        ("framework-case-1.0.json", "case-1.0"),
        ("framework-moodle.csv", "moodle"),
    )
    written = []
    force = example is not None and example.force
    for name, export_format in exports:
        export_framework_file(ExportRequest(out / name, export_format, force=force))
        written.append(out / name)
    if example is not None:
        request = MappingExportRequest(
            example.curriculum, out / "mapping-case.json", force=example.force
        )
        export_mapping(request)
        written.append(out / "mapping-case.json")
    return written


def documents_step(framework: Framework, example: DemoExample | None, out: Path) -> list[Path]:
    """guide.pdf and handouts/ for the example diploma."""
    if example is None:
        return []
    options = DocumentOptions(profile=example.profile)
    request = GuideRequest(example.curriculum, out / "guide.pdf", options, force=example.force)
    guide = make_guide(request)
    handouts = make_handouts(HandoutsRequest(example.curriculum, out / "handouts", options))
    if handouts.problems:
        raise InputError(handouts.problems)
    made = {*handouts.written, *handouts.unchanged}  # a demo run again keeps what is current
    return [guide.path, *(path for path in handouts.fingerprints if path in made)]


def versions_step(framework: Framework, example: DemoExample | None, out: Path) -> list[Path]:
    """What changes in the example next version of the framework (text and workbook), and the
    example diploma carried over to it with its migration report."""
    if example is None or example.next_framework is None:
        return []
    following, force = example.next_framework, example.force
    diff_framework_files(DiffRequest(None, following, out / "framework-diff.txt", force=force))
    diff_framework_files(
        DiffRequest(None, following, out / "framework-diff.xlsx", "xlsx", force=force)
    )
    request = MigrateRequest(
        example.curriculum,
        following,
        out / "curriculum-next.yaml",
        resolve_framework_path(None),
        force=force,
    )
    migrate_with_report(request, out / "migration-report.txt")
    return [
        out / "framework-diff.txt",
        out / "framework-diff.xlsx",
        out / "curriculum-next.yaml",
        out / "migration-report.txt",
    ]


STEPS: list[DemoStep] = [
    framework_step,
    mapping_step,
    gap_step,
    interop_step,
    documents_step,
    versions_step,
]
"""Each capability adds its outputs here, in pipeline order."""


def run_demo(out: str | Path, *, force: bool = False) -> list[Path]:
    """Run every demo step into folder ``out``; returns the files written. An earlier demo's
    file that someone has typed into is replaced only with ``force``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    framework = load_framework(strict=True)
    example = find_example()
    if example is not None:
        example = dataclasses.replace(example, force=force)
    written: list[Path] = []
    for step in STEPS:
        written += step(framework, example, out)
    return written
