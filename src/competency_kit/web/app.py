"""The web application: routes, the guard in front of them, and one place that turns every
error into a page (or JSON) — a problem with the user's files is never a traceback."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import AsyncIterator
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from competency_kit.core.errors import InputError
from competency_kit.web.config import ServerConfig
from competency_kit.web.routes import api, coverage, documents, home, mapping
from competency_kit.web.security import Guard, Refusal
from competency_kit.web.state import Web, problems_json
from competency_kit.web.uploads import UploadTooLarge

STATIC = Path(__file__).resolve().parent / "static"
SWEEP_SECONDS = 60.0
REFUSAL_STATUS: dict[Refusal, int] = {"host": 400, "token": 403, "origin": 403, "too-large": 413}


def create_app(config: ServerConfig | None = None) -> Starlette:
    config = config or ServerConfig()
    web = Web(config)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        sweeper = asyncio.create_task(_sweep(web))
        try:
            yield
        finally:
            sweeper.cancel()
            web.close()

    async def refuse(scope: Scope, refusal: Refusal) -> Response:
        request = Request(scope)
        status = REFUSAL_STATUS[refusal]
        mb = config.file_bytes // (1024 * 1024)
        if _is_api(request):
            return JSONResponse({"ok": False, "refused": refusal, "limit_mb": mb}, status)
        return web.pages.render(
            request, "refused.html", {"refusal": refusal, "limit_mb": mb, "session": None}, status
        )

    async def input_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, InputError)
        if _is_api(request):
            return problems_json(exc.problems)
        return web.problems_page(request, exc.problems, _page_of(request))

    async def too_large(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, UploadTooLarge)
        return await refuse(request.scope, "too-large")

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if _is_api(request):
            return JSONResponse({"ok": False, "error": exc.detail}, exc.status_code)
        context = {"status": exc.status_code, "detail": exc.detail}
        return web.page(request, "error.html", context, exc.status_code)

    async def internal_error(request: Request, exc: Exception) -> Response:
        print(f"internal error: {type(exc).__name__} on {request.url.path}", file=sys.stderr)
        if _is_api(request):
            return JSONResponse({"ok": False, "error": "internal error"}, 500)
        return web.page(request, "error.html", {"status": 500, "detail": ""}, 500)

    app = Starlette(
        routes=[
            *home.routes(web),
            *mapping.routes(web),
            *coverage.routes(web),
            *documents.routes(web),
            *api.routes(web),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        middleware=[Middleware(Guard, config=config, refuse=refuse)],
        exception_handlers={
            InputError: input_error,
            UploadTooLarge: too_large,
            HTTPException: http_error,
            Exception: internal_error,
        },
        lifespan=lifespan,
    )
    app.state.web = web
    return app


async def _sweep(web: Web) -> None:
    while True:
        await asyncio.sleep(SWEEP_SECONDS)
        for session_id in web.sessions.expire():
            web.jobs.forget_session(session_id)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _page_of(request: Request) -> str:
    """The page a form was sent from, for the way back from a list of problems."""
    first = request.url.path.strip("/").split("/")[0]
    return f"/{first}" if first in ("map", "coverage", "documents", "framework") else "/"
