"""``guide`` and ``handouts``: the trainer's printable documents."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from competency_kit.analysis import analyse
from competency_kit.app.guard import guard_output
from competency_kit.app.inputs import Inputs, PathLike, load_curriculum, task_inputs
from competency_kit.core.errors import Problem
from competency_kit.core.languages import normalise
from competency_kit.core.outputs import refuse_inputs
from competency_kit.documents.framework_io import load_framework
from competency_kit.documents.profile_io import load_profile, profile_from_data, write_profile
from competency_kit.models.curriculum import Curriculum
from competency_kit.models.framework import Framework
from competency_kit.models.profile import LocalProfile
from competency_kit.pdf.font_coverage import font_problems
from competency_kit.pdf.guide import guide_fingerprint, write_guide
from competency_kit.pdf.handouts import (
    AUTO,
    Jobs,
    Progress,
    handout_fingerprints,
    write_handouts,
)
from competency_kit.pdf.handouts import (
    jobs_from_text as jobs_from_text,
)
from competency_kit.pdf.shown_texts import curriculum_texts, framework_texts, profile_texts
from competency_kit.pdf.templating import TemplateSet, available_languages

Stage = Callable[[str], None]
"""Hears each stage of a long task as it starts ("reading the curriculum", "writing 42 pages")."""


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

    def language(self) -> str:
        """The language asked for, written canonically (``FR`` → ``fr``, ``fr_ca`` →
        ``fr-CA``), when there are labels for it; otherwise a problem listing those there are."""
        return normalise(self.lang, available_languages(TemplateSet.shared(self.templates)))

    def font_notes(
        self,
        curriculum_file: PathLike,
        framework: Framework,
        curriculum: Curriculum,
        profile: LocalProfile | None,
    ) -> list[Problem]:
        """A warning for each text the documents show with characters no font here draws."""
        user = TemplateSet.shared(self.templates).user_dir
        fonts = [user / "fonts"] if user is not None and (user / "fonts").is_dir() else []
        sources = [
            (str(curriculum_file), curriculum_texts(curriculum)),
            (str(self.profile or "profile"), profile_texts(profile)),
            (str(self.framework or "framework"), framework_texts(framework, self.language())),
        ]
        return [problem for file, texts in sources for problem in font_problems(file, texts, fonts)]

    def profile_note(self, documents_ask: str) -> list[Problem]:
        """The note, the same for every document, that no local profile was given
        (``documents_ask``: "the guide asks its")."""
        if self.profile is not None:
            return []
        return [
            Problem(
                file="profile",
                message=f"no local profile was given, so {documents_ask} readers to write in "
                "the local reporting pathways (national hotline, police, focal point)",
                fix="give a local profile with those pathways (see examples/profile.yaml)",
                severity="warning",
                code="profile.not-given",
            )
        ]


@dataclass(frozen=True)
class GuideRequest:
    curriculum: PathLike
    output: PathLike
    options: DocumentOptions = DocumentOptions()
    html: bool = False
    """Standalone HTML for a browser preview instead of PDF."""
    force: bool = False
    """Replace the output even when it holds someone's work."""
    force_render: bool = False
    """Render even when the guide there is current (same fingerprint, same bytes)."""

    def inputs(self) -> Inputs:
        return task_inputs(self.options.framework, self.curriculum, self.options.profile)


@dataclass(frozen=True)
class GuideResult:
    path: Path
    has_profile: bool
    """False when the guide asks its readers to fill in the local reporting pathways."""
    notes: list[Problem] = field(default_factory=list)
    """Warnings about the inputs, and that no profile was given; the guide was written."""
    rendered: bool = True
    """False when the guide there was current and was left as it was."""
    fingerprint: str = ""
    """Of everything that decided the PDF: equal fingerprints, equal documents."""


def make_guide(request: GuideRequest, progress: Stage | None = None) -> GuideResult:
    """The guide; ``progress`` hears each stage as it starts (the PDF takes a while)."""
    stage = progress or (lambda _: None)
    options = request.options
    lang = options.language()
    refuse_inputs(request.output, request.inputs())
    guard_output(request.output, force=request.force)
    stage("reading the curriculum")
    framework = load_framework(options.framework)
    notes: list[Problem] = []
    curriculum = load_curriculum(request.curriculum, framework, notes)
    framework = framework.current()
    profile = options.load_profile()
    stage("analysing coverage")
    report = analyse(framework, curriculum)
    output = write_guide(
        framework,
        curriculum,
        report,
        request.output,
        lang=lang,
        templates=options.templates,
        profile=profile,
        html=request.html,
        inputs=request.inputs(),
        progress=progress,
        force=request.force_render,
    )
    notes += options.font_notes(request.curriculum, framework, curriculum, profile)
    return GuideResult(
        output.path,
        profile is not None,
        notes + options.profile_note("the guide asks its"),
        output.rendered,
        output.fingerprint,
    )


def guide_fingerprint_for(request: GuideRequest) -> str:
    """The fingerprint ``make_guide`` would give the guide, without rendering it: a front end
    that keeps made documents serves one it has under this fingerprint instead."""
    options = request.options
    lang = options.language()
    framework = load_framework(options.framework)
    curriculum = load_curriculum(request.curriculum, framework)
    return guide_fingerprint(
        framework,
        curriculum,
        analyse(framework, curriculum),
        lang,
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
    notes: list[Problem] = field(default_factory=list)
    """Warnings about the inputs, and that no profile was given."""
    unchanged: list[Path] = field(default_factory=list)
    """Handouts that were current (same fingerprint, same bytes) and were left as they were."""
    fingerprints: dict[Path, str] = field(default_factory=dict)
    """Every handout of the batch and the fingerprint of everything that decided it."""


def make_handouts(request: HandoutsRequest, progress: Progress | None = None) -> HandoutsResult:
    """One handout per module; a module that fails is reported and the batch goes on."""
    options = request.options
    lang = options.language()
    framework = load_framework(options.framework)
    notes: list[Problem] = []
    curriculum = load_curriculum(request.curriculum, framework, notes)
    framework = framework.current()
    profile = options.load_profile()
    notes += options.font_notes(request.curriculum, framework, curriculum, profile)
    batch = write_handouts(
        framework,
        curriculum,
        request.output,
        jobs=request.jobs,
        lang=lang,
        templates=options.templates,
        profile=profile,
        inputs=request.inputs(),
        progress=progress,
        force=request.force_render,
    )
    return HandoutsResult(
        batch.written,
        [_failure(m, error) for m, error in batch.failed],
        notes + options.profile_note("the handouts ask their"),
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


@dataclass(frozen=True)
class ContactFields:
    name: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    hours: str = ""


@dataclass(frozen=True)
class ProfileRequest:
    """The reporting pathways as a person fills them in on a form; blank fields are left out."""

    output: PathLike
    country: str = ""
    institution: str = ""
    reviewed: str = ""
    """When the contacts were checked, as 2025-03-01."""
    national_hotline: ContactFields = ContactFields()
    police: ContactFields = ContactFields()
    focal_point: ContactFields = ContactFields()


@dataclass(frozen=True)
class ProfileResult:
    path: Path
    profile: LocalProfile


PATHWAYS = ("national_hotline", "police", "focal_point")


def make_profile(request: ProfileRequest) -> ProfileResult:
    """A local profile file from form fields; raises InputError naming each bad field (a
    contact with a phone but no name, a date that is not one)."""
    data: dict[str, object] = {
        "country": request.country,
        "institution": request.institution,
        "reviewed": request.reviewed,
    }
    for kind in PATHWAYS:
        data[kind] = dataclasses.asdict(getattr(request, kind))
    profile = profile_from_data(data, "profile form")
    return ProfileResult(write_profile(profile, request.output), profile)


def handout_fingerprints_for(request: HandoutsRequest) -> dict[str, str]:
    """The fingerprint of each handout ``make_handouts`` would write, by file name, without
    rendering any (see :func:`guide_fingerprint_for`)."""
    options = request.options
    lang = options.language()
    framework = load_framework(options.framework)
    curriculum = load_curriculum(request.curriculum, framework)
    return handout_fingerprints(
        framework, curriculum, lang, options.templates, options.load_profile()
    )
