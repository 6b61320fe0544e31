"""Home (the three tasks, the framework in use) and the framework: browse it, or use another
one for this session (framework YAML, a CASE package or a Moodle CSV)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from competency_kit.app.frameworks import AdoptRequest, adopt_framework, show_framework
from competency_kit.app.translations import TranslationExportRequest, export_translations
from competency_kit.core.errors import InputError
from competency_kit.models.framework import Framework
from competency_kit.pdf.templating import Catalogue
from competency_kit.web.render import choose_language
from competency_kit.web.sessions import Stored
from competency_kit.web.state import Web, remember_session
from competency_kit.web.uploads import FRAMEWORK_SUFFIXES, Upload, download_name

FRAMEWORK = Upload("framework", FRAMEWORK_SUFFIXES)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def routes(web: Web) -> list[Route]:
    async def home(request: Request) -> Response:
        session = web.existing_session(request)
        fw = (await web.call(show_framework, web.framework(session), files=[])).current()
        counts = {
            "competencies": sum(1 for _ in fw.competencies()),
            "statements": len(fw.statement_ids()),
        }
        changed = request.query_params.get("framework") == "changed"
        return web.page(
            request, "home.html", {"framework": fw, "counts": counts, "request_changed": changed}
        )

    async def framework_page(request: Request) -> Response:
        session = web.existing_session(request)
        # What curricula map to: the items that have left the framework are not offered.
        fw = (await web.call(show_framework, web.framework(session), files=[])).current()
        query = request.query_params.get("q", "").strip()
        tr = web.pages.catalogue(choose_language(request))
        context = {
            "framework": fw,
            "areas": browse(fw, tr, query),
            "glossary": glossary(fw, tr, query),
            "q": query,
        }
        return web.page(request, "framework.html", context)

    async def use_framework(request: Request) -> Response:
        session = web.session(request)
        form = await web.form(request)
        if form.get("bundled"):
            with session.lock:
                session.framework = None
                _reset_work(session)
            return _back_home(request)
        folder = session.new_folder("framework")
        kept = await web.keep(form, folder, [FRAMEWORK])
        if "framework" not in kept:
            raise InputError.single(
                "framework",
                "no file was chosen",
                "choose a framework file, then press the button",
                code="upload.missing",
            )
        given = kept["framework"]
        adopted = await web.call(
            adopt_framework, AdoptRequest(given.path, folder / "framework.yaml"), files=[given]
        )
        with session.lock:
            session.framework = Stored(adopted.path, given.name)
            _reset_work(session)
        return _back_home(request)

    async def translation_workbook(request: Request) -> Response:
        """The translation workbook of the framework in use, for the language ``to``."""
        session = web.session(request)
        folder = session.new_folder("translations")
        task = TranslationExportRequest(
            request.query_params.get("to", ""),
            folder / "translations.xlsx",
            web.framework(session),
        )
        done = await web.call(export_translations, task, files=[])
        name = download_name(f"{done.framework.id}-translation-{done.lang}", ".xlsx")
        response = FileResponse(task.output, media_type=XLSX, filename=name)
        remember_session(request, response)
        return response

    return [
        Route("/", home),
        Route("/framework", framework_page),
        Route("/framework/translation.xlsx", translation_workbook),
        Route("/framework", use_framework, methods=["POST"]),
    ]


def _reset_work(session: Any) -> None:
    """A curriculum checked against another framework no longer holds."""
    session.curriculum = session.policy = session.review = None
    session.forget_results()


def _back_home(request: Request) -> Response:
    response = RedirectResponse("/?framework=changed", status_code=303)
    remember_session(request, response)
    return response


def browse(fw: Framework, tr: Catalogue, query: str) -> list[dict[str, Any]]:
    """Areas → competencies → statements in the chosen language, only those matching
    ``query`` (an id or words of a text) when one is given."""
    needle = query.casefold()
    levels = {level.id: tr.local(level.title) for level in fw.levels}
    audiences = {a.id: tr.local(a.title) for a in fw.audiences}
    areas = []
    for area in fw.areas:
        area_title = tr.local(area.title)
        competencies = []
        for competency in area.competencies:
            title = tr.local(competency.title)
            statements = [
                {"id": s.id, "dimension": s.dimension, "text": tr.local(s.text)}
                for s in competency.statements
            ]
            whole = f"{area.id} {area_title} {competency.id} {title}".casefold()
            if needle and needle not in whole:
                statements = [
                    s for s in statements if needle in f"{s['id']} {s['text']}".casefold()
                ]
                if not statements:
                    continue
            competencies.append(
                {
                    "id": competency.id,
                    "title": title,
                    "level": levels.get(competency.level or ""),
                    "audiences": [audiences[a] for a in competency.audiences if a in audiences],
                    "statements": statements,
                }
            )
        if competencies:
            areas.append({"id": area.id, "title": area_title, "competencies": competencies})
    return areas


def glossary(fw: Framework, tr: Catalogue, query: str) -> list[tuple[str, str]]:
    needle = query.casefold()
    terms = [(tr.local(g.term), tr.local(g.definition)) for g in fw.glossary]
    return [(t, d) for t, d in terms if not needle or needle in f"{t} {d}".casefold()]
