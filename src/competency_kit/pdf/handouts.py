"""Trainer handouts: one short PDF per module, on several cores when the batch pays for it.

The HTML of every handout is made in the calling process (quick), and with it the handout's
fingerprint; a handout whose fingerprint and bytes are those recorded in the folder's manifest
is left as it is. Only the others are rendered, by the calling process and the helpers of
:mod:`competency_kit.pdf.pool`, which reuse one font configuration and one set of stylesheets
per process. A module that fails is reported; the others are still written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Literal

from competency_kit.core.clock import build_time
from competency_kit.core.errors import InputError
from competency_kit.core.manifest import Manifest
from competency_kit.core.outputs import atomic_output, refuse_inputs
from competency_kit.models.curriculum import Course, Curriculum, Module
from competency_kit.models.framework import Framework
from competency_kit.models.profile import LocalProfile
from competency_kit.pdf.filenames import unique_file_names
from competency_kit.pdf.fingerprints import (
    document_fingerprint,
    fingerprint_moment,
    resources_digest,
)
from competency_kit.pdf.lazy import engine_for
from competency_kit.pdf.metadata import w3c_date
from competency_kit.pdf.pool import auto_processes, available_cores, render_batch, start_method
from competency_kit.pdf.templating import Catalogue, TemplateSet
from competency_kit.pdf.views import module_view, translation_note

HANDOUT_TEMPLATE = "handout.html"
HANDOUT_STYLESHEETS = ("fonts.css", "base.css", "handout.css")
AUTO: Literal["auto"] = "auto"
Jobs = int | Literal["auto"]
"""Processes that render at once, or "auto": as many as pay for the batch and the cores."""

Progress = Callable[[int, int, str], None]
"""Called after each handout rendered with (done, total to render, module id)."""
Unchanged = Callable[[Path, str], bool]
"""Whether the file at a path is current for a fingerprint (and need not be rendered)."""


@dataclass(frozen=True)
class HandoutJob:
    module_id: str
    html: str
    target: Path
    fingerprint: str = ""


@dataclass
class HandoutBatch:
    """What a batch wrote, left as it was, and which modules failed with what message."""

    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    """Handouts whose fingerprint and bytes were already those in the folder's manifest."""
    fingerprints: dict[Path, str] = field(default_factory=dict)
    """Every handout of the batch (also unchanged and failed ones) and its fingerprint."""


def write_handouts(
    framework: Framework,
    curriculum: Curriculum,
    out_dir: str | Path,
    jobs: Jobs = AUTO,
    lang: str = "en",
    templates: str | Path | None = None,
    profile: LocalProfile | None = None,
    *,
    progress: Progress | None = None,
    created: datetime | None = None,
    inputs: tuple[str | Path | None, ...] = (),
    force: bool = False,
) -> HandoutBatch:
    """Write one PDF per module into ``out_dir`` (created if needed), ``jobs`` at a time.

    A handout already there, unchanged since this folder's manifest recorded it and made from
    the same fingerprint, is left as it is unless ``force``. ``inputs`` are the files the
    handouts are made from; no handout may overwrite one.
    """
    _check_jobs(jobs)
    out = _output_folder(out_dir)
    template_set = TemplateSet.shared(templates)
    batch = HandoutBatch()
    manifest = Manifest.read(out)
    work = prepare_handouts(
        framework,
        curriculum,
        out,
        template_set,
        lang,
        profile,
        batch,
        created=created,
        unchanged=None if force else manifest.is_current,
    )
    # Every target is checked before the first PDF is written, so a refusal never leaves the
    # batch half done.
    for target in batch.fingerprints:
        refuse_inputs(target, inputs)
    if work:
        _render(work, template_set, jobs, batch, progress)
    _update(manifest, work, batch)
    order = {target: i for i, target in enumerate(batch.fingerprints)}
    batch.written.sort(key=lambda p: order[p])
    return batch


def handout_fingerprints(
    framework: Framework,
    curriculum: Curriculum,
    lang: str = "en",
    templates: str | Path | None = None,
    profile: LocalProfile | None = None,
    *,
    created: datetime | None = None,
) -> dict[str, str]:
    """The fingerprint each handout's PDF would have, by file name, without rendering any."""
    batch = HandoutBatch()
    prepare_handouts(
        framework,
        curriculum,
        Path(),
        TemplateSet.shared(templates),
        lang,
        profile,
        batch,
        created=created,
        unchanged=lambda _target, _fingerprint: True,
    )
    return {target.name: fingerprint for target, fingerprint in batch.fingerprints.items()}


def _check_jobs(jobs: Jobs) -> None:
    if jobs != AUTO and (not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1):
        raise _bad_jobs(jobs)


def jobs_from_text(value: str) -> Jobs:
    """``auto`` (any case) or a whole number of 1 or more, as a person types it."""
    text = value.strip()
    if text.lower() == AUTO:
        return AUTO
    if text.isdigit() and int(text) >= 1:
        return int(text)
    raise _bad_jobs(value)


def _bad_jobs(value: object) -> InputError:
    return InputError.single(
        "jobs",
        "the number of handouts made at once must be auto or a whole number of 1 or more "
        f"(got {value!r})",
        "use auto, 1, or the number of processor cores",
        code="handouts.bad-jobs",
    )


def processes_for(jobs: Jobs, handouts: int) -> int:
    """How many processes render ``handouts`` handouts for ``--jobs``."""
    if jobs == AUTO:
        return auto_processes(handouts, available_cores(), start_method())
    return max(1, min(jobs, handouts))


def _render(
    work: list[HandoutJob],
    templates: TemplateSet,
    jobs: Jobs,
    batch: HandoutBatch,
    progress: Progress | None,
) -> None:
    # Loaded here first: a stylesheet the sandbox refuses is one clear error before any PDF,
    # and forked helpers inherit the loaded engine.
    engine_for(templates, HANDOUT_STYLESHEETS)
    finished = 0

    def done(index: int, error: str | None) -> None:
        nonlocal finished
        job = work[index]
        _record(batch, job, error)
        finished += 1
        if progress:
            progress(finished, len(work), job.module_id)

    render = HandoutRenderer([(job.html, job.target) for job in work], templates.user_dir)
    render_batch(len(work), render, done, processes_for(jobs, len(work)))


def _update(manifest: Manifest, work: list[HandoutJob], batch: HandoutBatch) -> None:
    """The manifest learns what was written and forgets what failed."""
    if not work:
        return
    written = set(batch.written)
    for job in work:
        if job.target in written:
            manifest.record(job.target, job.fingerprint)
        else:
            manifest.forget(job.target)
    manifest.save()


def _output_folder(out_dir: str | Path) -> Path:
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError.single(
            str(out),
            "this is a file, but handouts need a folder",
            "give the name of a folder (it is created if needed)",
            code="output.folder-is-file",
        )
    out.mkdir(parents=True, exist_ok=True)
    return out


def prepare_handouts(
    framework: Framework,
    curriculum: Curriculum,
    out: Path,
    templates: TemplateSet,
    lang: str,
    profile: LocalProfile | None,
    batch: HandoutBatch,
    *,
    created: datetime | None = None,
    unchanged: Unchanged | None = None,
) -> list[HandoutJob]:
    """The HTML, target file and fingerprint of every module's handout that is to be
    rendered. Every handout's fingerprint goes into ``batch.fingerprints``; one ``unchanged``
    judges current goes into ``batch.unchanged`` instead of the list; a module whose HTML
    cannot be made is recorded in ``batch.failed``."""
    tr = templates.catalogue(lang).for_framework(framework)
    stand_in = fingerprint_moment(created)
    moment = build_time(created)
    # A template that cannot be compiled fails every module alike: one error for the batch.
    templates.template(HANDOUT_TEMPLATE)
    resources = resources_digest(templates)
    pairs = list(curriculum.modules())
    names = unique_file_names([m.id for _, m in pairs], ".pdf")
    work = []
    for (course, module), name in zip(pairs, names, strict=True):
        target = out / name
        page = partial(
            render_handout_html, framework, curriculum, course, module, templates, tr, profile
        )
        try:
            html = page(w3c_date(stand_in))
            fingerprint = document_fingerprint(html, resources)
            batch.fingerprints[target] = fingerprint
            if unchanged is not None and unchanged(target, fingerprint):
                batch.unchanged.append(target)
                continue
            if moment != stand_in:
                html = page(w3c_date(moment))
        except Exception as exc:  # a template failing on one module must not lose the others
            batch.failed.append((module.id, _describe(exc)))
            continue
        work.append(HandoutJob(module.id, html, target, fingerprint))
    return work


def render_handout_html(
    framework: Framework,
    curriculum: Curriculum,
    course: Course,
    module: Module,
    templates: TemplateSet,
    tr: Catalogue,
    profile: LocalProfile | None,
    created: str,
) -> str:
    """One handout's final HTML, exactly as WeasyPrint receives it."""
    return templates.render(
        HANDOUT_TEMPLATE,
        {
            "t": tr,
            "lang": tr.lang,
            "created": created,
            "inline_css": "",
            "programme": curriculum.programme,
            "framework": framework,
            "fw_title": tr.local(framework.title),
            "module": module_view(framework, course, module, tr, curriculum.programme.language),
            "profile": profile,
            "pathways": profile.pathways() if profile else [],
            "translation_note": translation_note(framework, tr),
        },
    )


def _describe(exc: BaseException) -> str:
    if isinstance(exc, InputError):
        return "; ".join(
            f"{p.location}: {p.message}" if p.line is not None else p.message for p in exc.problems
        )
    return f"{type(exc).__name__}: {exc}"


def _record(batch: HandoutBatch, job: HandoutJob, error: str | None) -> None:
    if error is None:
        batch.written.append(job.target)
    else:
        batch.failed.append((job.module_id, error))


class HandoutRenderer:
    """Writes handout ``i`` of a batch in whichever process runs it (picklable, for helpers
    that are spawned)."""

    def __init__(self, jobs: list[tuple[str, Path]], user_dir: Path | None) -> None:
        self.jobs = jobs
        self.user_dir = user_dir

    def __call__(self, index: int) -> str | None:
        """Write one handout; the error message instead of an exception, so the batch goes on."""
        html, target = self.jobs[index]
        try:
            engine = engine_for(TemplateSet.shared(self.user_dir), HANDOUT_STYLESHEETS)
            with atomic_output(target) as tmp:
                engine.write_pdf(html, tmp)
        except Exception as exc:
            return _describe(exc)
        return None
