"""Pages: the web's jinja2 templates (autoescaped, strict about unknown names) with the labels
of the same catalogues as the documents, in the language the user chose."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import HTMLResponse

from competency_kit._version import __version__
from competency_kit.pdf.templating import LANGUAGES, Catalogue, TemplateSet, percent
from competency_kit.web.hints import hint
from competency_kit.web.problems import grouped, place

LANG_COOKIE = "ck_lang"
WEB_TEMPLATES = Path(__file__).resolve().parent / "templates"


def choose_language(request: Request) -> str:
    """``?lang=`` first, then the user's earlier choice, then the browser's languages."""
    asked = request.query_params.get("lang", "").split("-")[0].lower()
    if asked in LANGUAGES:
        return asked
    chosen = request.cookies.get(LANG_COOKIE, "")
    if chosen in LANGUAGES:
        return chosen
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


class Pages:
    def __init__(self) -> None:
        self.templates = TemplateSet.shared()

    @cached_property
    def env(self) -> Environment:
        env = Environment(
            loader=FileSystemLoader(WEB_TEMPLATES),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.filters["percent"] = percent
        env.globals.update(
            version=__version__,
            languages=LANGUAGES,
            grouped=grouped,
            place=place,
        )
        return env

    def catalogue(self, lang: str) -> Catalogue:
        return self.templates.catalogue(lang)

    def render(
        self, request: Request | None, name: str, context: dict[str, Any], status: int = 200
    ) -> HTMLResponse:
        lang = choose_language(request) if request is not None else "en"
        tr = self.catalogue(lang)
        path = request.url.path if request is not None else "/"
        page = {
            "t": tr,
            "lang": lang,
            "path": path,
            "hint": lambda problem: hint(problem, tr),
            "language_names": {code: self.catalogue(code)("language_name") for code in LANGUAGES},
            **context,
        }
        response = HTMLResponse(self.env.get_template(name).render(page), status_code=status)
        response.headers["cache-control"] = "no-store"
        if request is not None and request.query_params.get("lang") == lang:
            response.set_cookie(LANG_COOKIE, lang, samesite="strict", max_age=365 * 86400)
        return response
