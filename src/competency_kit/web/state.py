"""What every route shares: the server's settings, its sessions and jobs, its pages, and the
few steps every form takes (find the session, keep the uploads, show the problems)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from competency_kit.core.errors import InputError, Problem
from competency_kit.web.config import ServerConfig
from competency_kit.web.jobs import Jobs
from competency_kit.web.problems import problem_json, renamed
from competency_kit.web.render import Pages
from competency_kit.web.sessions import SESSION_COOKIE, Session, SessionStore, Stored
from competency_kit.web.uploads import Upload, UploadTooLarge, given, store

T = TypeVar("T")


class Web:
    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        root = config.root or Path(tempfile.mkdtemp(prefix="competency-kit-web-"))
        self.sessions = SessionStore(root, config.session_idle)
        self.jobs = Jobs(config.render_workers)
        self.pages = Pages()

    def session(self, request: Request) -> Session:
        """The visitor's session, made on the first visit (its cookie is set by ``page``)."""
        found = self.sessions.get(request.cookies.get(SESSION_COOKIE))
        if found is None:
            found = self.sessions.create()
            request.state.new_session = found.id
        return found

    def existing_session(self, request: Request) -> Session | None:
        return self.sessions.get(request.cookies.get(SESSION_COOKIE))

    def framework(self, session: Session | None) -> Path | None:
        """The framework this session uses: its own upload, else the server's."""
        if session is not None and session.framework is not None:
            return session.framework.path
        return self.config.framework

    def page(
        self, request: Request, name: str, context: dict[str, Any], status: int = 200
    ) -> HTMLResponse:
        session = self.existing_session(request)
        response = self.pages.render(
            request, name, {"session": session, "web": self, **context}, status
        )
        remember_session(request, response)
        return response

    def problems_page(
        self, request: Request, problems: list[Problem], back: str, status: int = 422
    ) -> HTMLResponse:
        return self.page(request, "problems.html", {"problems": problems, "back": back}, status)

    async def form(self, request: Request) -> FormData:
        return await request.form(
            max_files=self.config.files_per_form, max_fields=60, max_part_size=64 * 1024
        )

    async def keep(self, form: FormData, folder: Path, uploads: list[Upload]) -> dict[str, Stored]:
        """Every file the form gave for ``uploads``, kept in ``folder``; raises InputError
        (a wrong kind of file) or UploadTooLarge."""
        kept = {}
        for spec in uploads:
            upload = given(form.get(spec.field))
            if upload is not None:
                kept[spec.field] = await store(
                    upload, folder, spec.field, spec, self.config.file_bytes
                )
        return kept

    async def call(self, task: Callable[..., T], *args: Any, files: Sequence[Stored | None]) -> T:
        """Run an app task in a worker thread (the event loop keeps serving others); its
        problems name the user's files, not the server's folders."""
        try:
            return await run_in_threadpool(task, *args)
        except InputError as exc:
            raise InputError(renamed(exc.problems, files)) from None

    def close(self) -> None:
        self.jobs.close()
        self.sessions.close()


def remember_session(request: Request, response: Response) -> None:
    new = getattr(request.state, "new_session", None)
    if new:
        response.set_cookie(SESSION_COOKIE, new, httponly=True, samesite="strict")


def problems_json(problems: list[Problem], status: int = 422) -> JSONResponse:
    return JSONResponse(
        {"ok": False, "problems": [problem_json(p) for p in problems]}, status_code=status
    )


__all__ = ["UploadTooLarge", "Web", "problems_json", "remember_session"]
