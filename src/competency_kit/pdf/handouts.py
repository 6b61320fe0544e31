"""Trainer handouts: one short PDF per module, rendered in parallel when asked.

The HTML of every handout is made in the calling process (quick); only WeasyPrint runs in the
workers, each importing it once in its initializer and reusing one font configuration and one
set of stylesheets for all its documents. A module that fails is reported; the others are
still written.
"""

from __future__ import annotations

import concurrent.futures as futures
import multiprocessing
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from competency_kit.core.clock import build_time
from competency_kit.core.errors import InputError
from competency_kit.core.outputs import atomic_output, refuse_inputs
from competency_kit.models.curriculum import Course, Curriculum, Module
from competency_kit.models.framework import Framework
from competency_kit.models.profile import LocalProfile
from competency_kit.pdf.engine import engine_for
from competency_kit.pdf.filenames import unique_file_names
from competency_kit.pdf.metadata import w3c_date
from competency_kit.pdf.templating import Catalogue, TemplateSet
from competency_kit.pdf.views import module_view, translation_note

HANDOUT_TEMPLATE = "handout.html"
HANDOUT_STYLESHEETS = ("fonts.css", "base.css", "handout.css")

Progress = Callable[[int, int, str], None]
"""Called after each handout with (done, total, module id)."""


@dataclass(frozen=True)
class HandoutJob:
    module_id: str
    html: str
    target: Path


@dataclass
class HandoutBatch:
    """What a batch wrote, and which modules failed with what message."""

    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def write_handouts(
    framework: Framework,
    curriculum: Curriculum,
    out_dir: str | Path,
    jobs: int = 1,
    lang: str = "en",
    templates: str | Path | None = None,
    profile: LocalProfile | None = None,
    *,
    progress: Progress | None = None,
    created: datetime | None = None,
    inputs: tuple[str | Path | None, ...] = (),
) -> HandoutBatch:
    """Write one PDF per module into ``out_dir`` (created if needed), ``jobs`` at a time.

    ``inputs`` are the files the handouts are made from; no handout may overwrite one.
    """
    if jobs < 1:
        raise InputError.single(
            "jobs",
            f"the number of handouts made at once must be 1 or more (got {jobs})",
            "use 1, or the number of processor cores",
            code="handouts.bad-jobs",
        )
    out = _output_folder(out_dir)
    template_set = TemplateSet.shared(templates)
    batch = HandoutBatch()
    work = prepare_handouts(
        framework, curriculum, out, template_set, lang, profile, batch, created=created
    )
    # Every target is checked before the first PDF is written, so a refusal never leaves the
    # batch half done.
    for job in work:
        refuse_inputs(job.target, inputs)
    if jobs == 1 or len(work) < 2:
        _render_here(work, template_set, batch, progress)
    else:
        _render_in_pool(work, template_set, min(jobs, len(work)), batch, progress)
    order = {job.target: i for i, job in enumerate(work)}
    batch.written.sort(key=lambda p: order[p])
    return batch


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
) -> list[HandoutJob]:
    """The HTML and target file of every module's handout; a module whose HTML cannot be made
    is recorded in ``batch.failed``."""
    tr = templates.catalogue(lang).for_framework(framework)
    moment = w3c_date(build_time(created))
    # A template that cannot be compiled fails every module alike: one error for the batch.
    templates.template(HANDOUT_TEMPLATE)
    pairs = list(curriculum.modules())
    names = unique_file_names([m.id for _, m in pairs], ".pdf")
    work = []
    for (course, module), name in zip(pairs, names, strict=True):
        try:
            html = render_handout_html(
                framework, curriculum, course, module, templates, tr, profile, moment
            )
        except Exception as exc:  # a template failing on one module must not lose the others
            batch.failed.append((module.id, _describe(exc)))
            continue
        work.append(HandoutJob(module.id, html, out / name))
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


def _render_here(
    work: list[HandoutJob], templates: TemplateSet, batch: HandoutBatch, progress: Progress | None
) -> None:
    _start_worker(templates.user_dir)
    for done, job in enumerate(work, 1):
        _record(batch, job, _render_job(job))
        if progress:
            progress(done, len(work), job.module_id)


def _render_in_pool(
    work: list[HandoutJob],
    templates: TemplateSet,
    jobs: int,
    batch: HandoutBatch,
    progress: Progress | None,
) -> None:
    # Loading the engine here first turns a stylesheet the sandbox refuses into one clear
    # error, instead of an initializer failing in every worker and breaking the pool.
    engine_for(templates, HANDOUT_STYLESHEETS)
    # "spawn": WeasyPrint's native libraries are loaded fresh in each worker, never inherited
    # half-initialised through fork().
    context = multiprocessing.get_context("spawn")
    with futures.ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_start_worker, initargs=(templates.user_dir,)
    ) as pool:
        pending = {pool.submit(_render_job, job): job for job in work}
        for done, future in enumerate(futures.as_completed(pending), 1):
            job = pending[future]
            try:
                error = future.result()
            except Exception as exc:  # a worker that died takes only its own handout with it
                error = _describe(exc)
            _record(batch, job, error)
            if progress:
                progress(done, len(work), job.module_id)


def _record(batch: HandoutBatch, job: HandoutJob, error: str | None) -> None:
    if error is None:
        batch.written.append(job.target)
    else:
        batch.failed.append((job.module_id, error))


_worker_templates: TemplateSet | None = None


def _start_worker(user_dir: Path | None) -> None:
    """Load WeasyPrint, the fonts and the stylesheets once for this process."""
    global _worker_templates
    _worker_templates = TemplateSet.shared(user_dir)
    engine_for(_worker_templates, HANDOUT_STYLESHEETS)


def _render_job(job: HandoutJob) -> str | None:
    """Write one handout; the error message instead of an exception, so the batch goes on."""
    assert _worker_templates is not None
    try:
        engine = engine_for(_worker_templates, HANDOUT_STYLESHEETS)
        with atomic_output(job.target) as tmp:
            engine.write_pdf(job.html, tmp)
    except Exception as exc:
        return _describe(exc)
    return None
