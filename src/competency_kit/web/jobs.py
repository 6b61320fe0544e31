"""Rendering documents off the event loop: each job runs in a worker process of its own (at
most ``workers`` at once, the others wait their turn), reports its progress through a queue,
and is cancelled by ending its process. A page polls ``/api/jobs/ID`` for the progress.

Like the command line's manifest, the jobs remember the fingerprint of each document a session
was given: asked again for documents of the same fingerprint (same kind, language, curriculum,
framework, profile and templates), the session is handed the file it already has, unrendered,
as long as its bytes are still the ones made."""

from __future__ import annotations

import hashlib
import multiprocessing
import queue
import secrets
import shutil
import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from competency_kit.core.errors import InputError, Problem
from competency_kit.core.manifest import MANIFEST_NAME, file_digest

JobKind = Literal["guide", "handouts"]
JobState = Literal["waiting", "running", "done", "failed", "cancelled"]
FINISHED: tuple[JobState, ...] = ("done", "failed", "cancelled")


@dataclass
class Job:
    id: str
    session: str
    kind: JobKind
    folder: Path
    request: Any
    """The app request (GuideRequest or HandoutsRequest) the worker runs."""
    state: JobState = "waiting"
    done: int = 0
    total: int = 0
    current: str = ""
    started: float = field(default_factory=time.monotonic)
    result: Path | None = None
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    """Warnings of a job that succeeded (characters no font draws); the documents were made."""
    fingerprint: str | None = None
    """Of everything that decides the documents (None: not known, so never reused)."""
    reused: bool = False
    """True when the documents were made earlier in the session and handed over again."""
    cancel_asked: threading.Event = field(default_factory=threading.Event, repr=False)

    def status(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "state": self.state,
            "done": self.done,
            "total": self.total,
            "current": self.current,
            "seconds": round(time.monotonic() - self.started, 1),
            "finished": self.state in FINISHED,
            "reused": self.reused,
        }


@dataclass(frozen=True)
class Made:
    """A document a session was given: its file, the digest of the bytes handed over, and the
    warnings that came with it (shown again when it is handed over again)."""

    path: Path
    sha256: str
    notes: tuple[Problem, ...] = ()


class Jobs:
    def __init__(self, workers: int) -> None:
        self._slots = threading.Semaphore(workers)
        self._jobs: dict[str, Job] = {}
        self._processes: dict[str, multiprocessing.process.BaseProcess] = {}
        self._made: dict[tuple[str, str], Made] = {}
        """By session and fingerprint; a session is only ever handed its own files."""
        self._lock = threading.Lock()
        self._context = multiprocessing.get_context("spawn")
        self._closed = False

    def start(self, session: str, kind: JobKind, folder: Path, request: Any) -> Job:
        job = Job(secrets.token_urlsafe(12), session, kind, folder, request)
        with self._lock:
            self._jobs[job.id] = job
        threading.Thread(target=self._watch, args=(job,), daemon=True).start()
        return job

    def get(self, job_id: str, session: str) -> Job | None:
        """The job, only for the session that started it."""
        job = self._jobs.get(job_id)
        return job if job is not None and job.session == session else None

    def cancel(self, job: Job) -> None:
        job.cancel_asked.set()
        with self._lock:
            process = self._processes.get(job.id)
        if process is not None and process.is_alive():
            process.terminate()

    def forget_session(self, session: str) -> None:
        for job in [j for j in self._jobs.values() if j.session == session]:
            self.cancel(job)
            with self._lock:
                self._jobs.pop(job.id, None)
        with self._lock:
            for known in [k for k in self._made if k[0] == session]:
                del self._made[known]

    def close(self) -> None:
        self._closed = True
        for job in list(self._jobs.values()):
            self.cancel(job)
        with self._lock:
            processes = list(self._processes.values())
        for process in processes:
            process.join(5)
            if process.is_alive():
                process.kill()

    def _watch(self, job: Job) -> None:
        try:
            job.fingerprint = fingerprint_or_none(job.kind, job.request)
            if not self._reuse(job):
                self._run(job)
        except Exception as exc:  # the worker could not even start: say so on the job's page
            job.problems = [internal_problem(f"{type(exc).__name__}: {exc}")]
            job.state = "failed"

    def _reuse(self, job: Job) -> bool:
        """Hand the job the session's document of its fingerprint, when it has one whose bytes
        are unchanged; False when the documents must be made."""
        if job.fingerprint is None:
            return False
        with self._lock:
            made = self._made.get((job.session, job.fingerprint))
        if made is None or job.cancel_asked.is_set() or file_digest(made.path) != made.sha256:
            return False
        job.result, job.notes, job.reused = made.path, list(made.notes), True
        job.state = "done"
        return True

    def _remember(self, job: Job, result: Path) -> None:
        """Keep a complete result for the session's next job of the same fingerprint (a batch
        with a failed handout is not complete: it is made again)."""
        digest = file_digest(result)
        if job.fingerprint is not None and digest is not None and not job.problems:
            with self._lock:
                self._made[(job.session, job.fingerprint)] = Made(result, digest, tuple(job.notes))

    def _run(self, job: Job) -> None:
        with self._slots:
            if job.cancel_asked.is_set() or self._closed:
                job.state = "cancelled"
                return
            messages = self._context.Queue()
            process = self._context.Process(
                target=run_job, args=(job.kind, job.request, messages), daemon=True
            )
            with self._lock:
                self._processes[job.id] = process
            job.state = "running"
            process.start()
            if job.cancel_asked.is_set():  # asked between registering and starting
                process.terminate()
            try:
                self._follow(job, process, messages)
            finally:
                process.join(5)
                with self._lock:
                    self._processes.pop(job.id, None)
                messages.close()

    def _follow(self, job: Job, process: Any, messages: Any) -> None:
        outcome: tuple[str, Any] | None = None
        while outcome is None:
            try:
                kind, *values = messages.get(timeout=0.2)
            except queue.Empty:
                if not process.is_alive():
                    break
                continue
            if kind == "progress":
                job.done, job.total, job.current = values
            else:
                outcome = (kind, values)
        if job.cancel_asked.is_set():
            job.state = "cancelled"
        elif outcome is None:
            job.problems = [internal_problem("the rendering stopped unexpectedly")]
            job.state = "failed"
        elif outcome[0] == "problems":
            job.problems = outcome[1][0]
            job.state = "failed"
        else:
            self._finish(job, *outcome[1])

    def _finish(self, job: Job, problems: list[Problem], notes: list[Problem]) -> None:
        job.problems = problems
        job.notes = notes
        target = Path(job.request.output)
        if job.kind == "handouts":
            target = zip_folder(target, job.folder / "handouts.zip")
        self._remember(job, target)  # before "done": the next request may come at once
        job.result = target
        job.state = "done"


def run_job(kind: JobKind, request: Any, messages: Any) -> None:
    """In the worker process: run the app task and send its progress and outcome."""
    from competency_kit.app.documents import make_guide, make_handouts

    try:
        if kind == "guide":  # one document: no count to show, the page shows the time
            guide = make_guide(request)
            messages.put(("done", [], shown_notes(guide.notes)))
        else:
            result = make_handouts(
                request,
                progress=lambda done, total, module: messages.put(
                    ("progress", done, total, module)
                ),
            )
            messages.put(("done", result.problems, shown_notes(result.notes)))
    except InputError as exc:
        messages.put(("problems", exc.problems))
    except Exception as exc:  # a bug: reported as one, never as a traceback on a page
        messages.put(("problems", [internal_problem(f"{type(exc).__name__}: {exc}")]))


SHOWN_NOTES = ("text.no-font",)
"""Warnings the job page lists; the documents page already asks for a missing profile."""


def shown_notes(notes: list[Problem]) -> list[Problem]:
    return [note for note in notes if note.code in SHOWN_NOTES]


def fingerprint_or_none(kind: JobKind, request: Any) -> str | None:
    """The fingerprint of everything that decides the job's documents; None when it cannot be
    taken (a file the rendering will report on): such documents are made, never reused."""
    from competency_kit.app.documents import guide_fingerprint_for, handout_fingerprints_for

    try:
        if kind == "guide":
            return "guide:" + guide_fingerprint_for(request)
        digest = hashlib.sha256()
        for name, fingerprint in sorted(handout_fingerprints_for(request).items()):
            digest.update(f"{name}\0{fingerprint}\n".encode())
        return "handouts:" + digest.hexdigest()
    except Exception:
        return None


def internal_problem(detail: str) -> Problem:
    return Problem(
        file="competency-kit",
        message=f"internal error while rendering: {detail}",
        fix="this is a bug in competency-kit, not in your files; please report it",
        code="internal.error",
    )


def zip_folder(folder: Path, target: Path) -> Path:
    """Every document of ``folder`` in one zip (not the run's manifest, which is bookkeeping
    for re-runs), the folder then removed."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if path.name == MANIFEST_NAME:
                continue
            archive.write(path, path.relative_to(folder).as_posix())
    shutil.rmtree(folder, ignore_errors=True)
    return target
