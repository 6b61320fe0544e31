"""The JSON API, for scripts and tests: the same contracts as the command line's JSON."""

from __future__ import annotations

import json
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from competency_kit._version import __version__
from competency_kit.app.frameworks import (
    AdoptRequest,
    adopt_framework,
    framework_json,
    show_framework,
)
from competency_kit.app.gap import ReportRequest, gap_json, gap_report, load_decisions
from competency_kit.app.mapping import ValidateRequest, validate_curriculum
from competency_kit.core.errors import InputError
from competency_kit.web.sessions import Stored
from competency_kit.web.state import Web, problems_json
from competency_kit.web.uploads import (
    CURRICULUM_SUFFIXES,
    FRAMEWORK_SUFFIXES,
    YAML_SUFFIXES,
    Upload,
)

CURRICULUM = Upload("curriculum", CURRICULUM_SUFFIXES)
FRAMEWORK = Upload("framework", FRAMEWORK_SUFFIXES)
POLICY = Upload("policy", YAML_SUFFIXES)
REVIEW = Upload("review", (".xlsx", ".yaml", ".yml"))


def missing(field: str) -> InputError:
    return InputError.single(
        field,
        f"the form has no '{field}' file",
        f"send the file as the multipart field '{field}'",
        code="upload.missing",
        field=field,
    )


async def in_scratch(web: Web, answer: Callable[[Path], Awaitable[Response]]) -> Response:
    """The answer made in a scratch folder of its own, the folder removed once the answer is
    sent: removing a folder takes milliseconds on some disks, which the caller need not wait
    for. Should the answer fail, the folder goes at once."""
    folder = web.sessions.scratch()
    try:
        response = await answer(folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    response.background = BackgroundTask(shutil.rmtree, folder, ignore_errors=True)
    return response


def routes(web: Web) -> list[Route]:
    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__})

    async def framework(request: Request) -> Response:
        path = web.framework(web.existing_session(request))
        shown = await web.call(show_framework, path, files=[])
        body = json.dumps(framework_json(shown), ensure_ascii=False, indent=2)
        return Response(body, media_type="application/json")

    async def framework_for(folder: Path, kept: dict[str, Stored], request: Request) -> Path | None:
        if "framework" not in kept:
            return web.framework(web.existing_session(request))
        given = kept["framework"]
        adopted = await web.call(
            adopt_framework, AdoptRequest(given.path, folder / "imported.yaml"), files=[given]
        )
        return adopted.path

    async def validate(request: Request) -> Response:
        return await in_scratch(web, lambda folder: validated(request, folder))

    async def validated(request: Request, folder: Path) -> Response:
        try:
            form = await web.form(request)
            kept = await web.keep(form, folder, [CURRICULUM, FRAMEWORK])
            if "curriculum" not in kept:
                raise missing("curriculum")
            fw = await framework_for(folder, kept, request)
            task = ValidateRequest(kept["curriculum"].path, fw)
            await web.call(validate_curriculum, task, files=list(kept.values()))
            return JSONResponse({"ok": True, "problems": []})
        except InputError as exc:
            return problems_json(exc.problems)

    async def gap(request: Request) -> Response:
        return await in_scratch(web, lambda folder: gap_of(request, folder))

    async def gap_of(request: Request, folder: Path) -> Response:
        try:
            form = await web.form(request)
            kept = await web.keep(form, folder, [CURRICULUM, FRAMEWORK, POLICY, REVIEW])
            if "curriculum" not in kept:
                raise missing("curriculum")
            fw = await framework_for(folder, kept, request)
            files = list(kept.values())
            if "review" in kept:  # checked as gap --review checks it, though JSON has no decisions
                await web.call(load_decisions, kept["review"].path, files=files)
            policy = kept["policy"].path if "policy" in kept else None
            report = await web.call(
                gap_report, ReportRequest(kept["curriculum"].path, policy, fw), files=files
            )
            return Response(gap_json(report), media_type="application/json")
        except InputError as exc:
            return problems_json(exc.problems)

    async def job(request: Request) -> Response:
        session = web.existing_session(request)
        found = web.jobs.get(request.path_params["job"], session.id) if session else None
        if found is None:
            return JSONResponse({"error": "no such job"}, status_code=404)
        return JSONResponse(found.status())

    return [
        Route("/api/health", health),
        Route("/api/framework", framework),
        Route("/api/validate", validate, methods=["POST"]),
        Route("/api/gap", gap, methods=["POST"]),
        Route("/api/jobs/{job}", job),
    ]
