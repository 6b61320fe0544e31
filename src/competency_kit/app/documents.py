"""``guide`` and ``handouts``: the trainer's printable documents."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from competency_kit.analysis import analyse
from competency_kit.app.inputs import Inputs, PathLike, load_curriculum, task_inputs
from competency_kit.core.errors import Problem
from competency_kit.documents.framework_io import load_framework
from competency_kit.documents.profile_io import load_profile
from competency_kit.models.profile import LocalProfile
from competency_kit.pdf.guide import guide_fingerprint, write_guide
from competency_kit.pdf.handouts import AUTO, Jobs, Progress, handout_fingerprints, write_handouts


@dataclass(frozen=True)
class DocumentOptions:
    """What every printed document shares: its language, the user's templates, the profile
    with the local reporting pathways, and the framework."""

    lang: str = "en"
    templates: PathLike | None = None
    profile: PathLike | None = None
    framework: PathLike | None = None

    def load_profile(self) -> LocalProfile | None:
        return load_profile(self.profile) if self.profile is not None else None


@dataclass(frozen=True)
class GuideRequest:
    curriculum: PathLike
    output: PathLike
    options: DocumentOptions = DocumentOptions()
    html: bool = False
    """Standalone HTML for a browser preview instead of PDF."""
    force_render: bool = False
    """Render even when the guide there is current (same fingerprint, same bytes)."""

    def inputs(self) -> Inputs:
        return task_inputs(self.options.framework, self.curriculum, self.options.profile)


@dataclass(frozen=True)
class GuideResult:
    path: Path
    has_profile: bool
    """False when the guide asks its readers to fill in the local reporting pathways."""
    rendered: bool = True
    """False when the guide there was current and was left as it was."""
    fingerprint: str = ""
    """Of everything that decided the PDF: equal fingerprints, equal documents."""


def make_guide(request: GuideRequest) -> GuideResult:
    options = request.options
    framework = load_framework(options.framework)
    curriculum = load_curriculum(request.curriculum, framework)
    profile = options.load_profile()
    output = write_guide(
        framework,
        curriculum,
        analyse(framework, curriculum),
        request.output,
        lang=options.lang,
        templates=options.templates,
        profile=profile,
        html=request.html,
        inputs=request.inputs(),
        force=request.force_render,
    )
    return GuideResult(output.path, profile is not None, output.rendered, output.fingerprint)


def guide_fingerprint_for(request: GuideRequest) -> str:
    """The fingerprint ``make_guide`` would give the guide, without rendering it: a front end
    that keeps made documents serves one it has under this fingerprint instead."""
    options = request.options
    framework = load_framework(options.framework)
    curriculum = load_curriculum(request.curriculum, framework)
    return guide_fingerprint(
        framework,
        curriculum,
        analyse(framework, curriculum),
        options.lang,
        options.templates,
        options.load_profile(),
    )


@dataclass(frozen=True)
class HandoutsRequest:
    curriculum: PathLike
    output: PathLike
    """The folder for the handouts (created when missing)."""
    options: DocumentOptions = DocumentOptions()
    jobs: Jobs = AUTO
    """Processes rendering at once, or "auto" (what pays for the batch and the cores)."""
    force_render: bool = False
    """Render every handout, also those that are current."""

    def inputs(self) -> Inputs:
        return task_inputs(self.options.framework, self.curriculum, self.options.profile)


@dataclass(frozen=True)
class HandoutsResult:
    written: list[Path]
    problems: list[Problem]
    """One per module whose handout could not be made; the others were written."""
    unchanged: list[Path] = field(default_factory=list)
    """Handouts that were current (same fingerprint, same bytes) and were left as they were."""
    fingerprints: dict[Path, str] = field(default_factory=dict)
    """Every handout of the batch and the fingerprint of everything that decided it."""


def make_handouts(request: HandoutsRequest, progress: Progress | None = None) -> HandoutsResult:
    """One handout per module; a module that fails is reported and the batch goes on."""
    options = request.options
    framework = load_framework(options.framework)
    curriculum = load_curriculum(request.curriculum, framework)
    batch = write_handouts(
        framework,
        curriculum,
        request.output,
        jobs=request.jobs,
        lang=options.lang,
        templates=options.templates,
        profile=options.load_profile(),
        inputs=request.inputs(),
        progress=progress,
        force=request.force_render,
    )
    return HandoutsResult(
        batch.written,
        [_failure(m, error) for m, error in batch.failed],
        batch.unchanged,
        batch.fingerprints,
    )


def _failure(module_id: str, error: str) -> Problem:
    return Problem(
        file=module_id,
        message=f"this module's handout was not written: {error}",
        fix="fix the module or your templates; the other handouts were written",
        code="handout.failed",
    )


def handout_fingerprints_for(request: HandoutsRequest) -> dict[str, str]:
    """The fingerprint of each handout ``make_handouts`` would write, by file name, without
    rendering any (see :func:`guide_fingerprint_for`)."""
    options = request.options
    framework = load_framework(options.framework)
    curriculum = load_curriculum(request.curriculum, framework)
    return handout_fingerprints(
        framework, curriculum, options.lang, options.templates, options.load_profile()
    )
