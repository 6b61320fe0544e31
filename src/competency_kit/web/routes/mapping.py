"""Map: a mapping workbook to fill in (blank or pre-filled), and a filled one (or a curriculum
file) read back: every problem with its cell or line, or a summary and the curriculum."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from competency_kit.app.mapping import (
    AcceptRequest,
    AcceptResult,
    TemplateRequest,
    accept_curriculum,
    make_template,
)
from competency_kit.web.render import choose_language
from competency_kit.web.sessions import Session, Stored
from competency_kit.web.state import Web, remember_session
from competency_kit.web.uploads import CURRICULUM_SUFFIXES, Upload, download_name

CURRICULUM = Upload("curriculum", CURRICULUM_SUFFIXES)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def accept(web: Web, session: Session, upload: Stored) -> Stored:
    """The upload checked and kept as this session's curriculum: as JSON, which the other
    tasks read fastest (a YAML copy is written when someone downloads it)."""
    result = await web.call(accept_curriculum, accept_request(web, session, upload), files=[upload])
    return keep_accepted(session, upload, result)


def accept_request(web: Web, session: Session, upload: Stored) -> AcceptRequest:
    return AcceptRequest(upload.path, upload.path.parent / "checked.json", web.framework(session))


def keep_accepted(session: Session, upload: Stored, result: AcceptResult) -> Stored:
    """The accepted curriculum as the session's own; what was worked out from the last one
    is forgotten."""
    stored = Stored(result.path, upload.name)
    with session.lock:
        session.curriculum = stored
        session.forget_results()
        session.cache["accepted"] = result
    return stored


def in_language(lang: str) -> str:
    """The end of a download's name that says its language (none for English, whose names
    stay as they always were)."""
    return "" if lang == "en" else f"-{lang}"


def routes(web: Web) -> list[Route]:
    async def page(request: Request) -> Response:
        return web.page(request, "map.html", {})

    async def blank(request: Request) -> Response:
        session = web.session(request)
        folder = session.new_folder("template")
        lang = choose_language(request)
        task = TemplateRequest(folder / "mapping.xlsx", None, web.framework(session), lang=lang)
        result = await web.call(make_template, task, files=[])
        name = download_name(f"mapping-blank{in_language(lang)}", ".xlsx")
        response = FileResponse(result.path, media_type=XLSX, filename=name)
        remember_session(request, response)
        return response

    async def prefilled(request: Request) -> Response:
        session = web.session(request)
        folder = session.new_folder("template")
        form = await web.form(request)
        kept = await web.keep(form, folder, [CURRICULUM])
        source = kept.get("curriculum") or session.curriculum
        if source is None:
            return RedirectResponse("/map?need=curriculum", status_code=303)
        lang = choose_language(request)
        task = TemplateRequest(
            folder / "mapping.xlsx", source.path, web.framework(session), lang=lang
        )
        result = await web.call(make_template, task, files=[source])
        name = download_name(f"mapping-{result.framework.id}-prefilled{in_language(lang)}", ".xlsx")
        response = FileResponse(result.path, media_type=XLSX, filename=name)
        remember_session(request, response)
        return response

    async def check(request: Request) -> Response:
        session = web.session(request)
        folder = session.new_folder("curriculum")
        form = await web.form(request)
        kept = await web.keep(form, folder, [CURRICULUM])
        if "curriculum" not in kept:
            return web.page(request, "map.html", {"need": "curriculum"}, status=422)
        await accept(web, session, kept["curriculum"])
        response = RedirectResponse("/map/result", status_code=303)
        remember_session(request, response)
        return response

    async def result(request: Request) -> Response:
        session = web.existing_session(request)
        checked = session.cache.get("accepted") if session is not None else None
        if not isinstance(checked, AcceptResult):
            return RedirectResponse("/map", status_code=303)
        context = {
            "checked": checked,
            "modules": sum(1 for _ in checked.curriculum.modules()),
            "total": len(checked.framework.statement_ids()),
        }
        return web.page(request, "map_result.html", context)

    async def curriculum_file(request: Request) -> Response:
        session = web.existing_session(request)
        if session is None or session.curriculum is None:
            return RedirectResponse("/map", status_code=303)
        stem = session.curriculum.name.rsplit(".", 1)[0]
        folder = session.new_folder("yaml")
        task = AcceptRequest(
            session.curriculum.path, folder / "curriculum.yaml", web.framework(session)
        )
        done = await web.call(accept_curriculum, task, files=[session.curriculum])
        return FileResponse(
            done.path,
            media_type="application/yaml",
            filename=download_name(f"{stem}-curriculum", ".yaml"),
        )

    return [
        Route("/map", page),
        Route("/map/blank.xlsx", blank),
        Route("/map/prefilled", prefilled, methods=["POST"]),
        Route("/map/check", check, methods=["POST"]),
        Route("/map/result", result),
        Route("/map/curriculum.yaml", curriculum_file),
    ]
