"""WeasyPrint behind a fence: packaged fonts, no network, tagged PDF, reproducible metadata.

This is the only module that imports WeasyPrint (``doctor`` tries it, to report a missing
Pango); the command line imports the writers only in the commands that make documents.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import mimetypes
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint import CSS, HTML
from weasyprint.text import ffi
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from competency_kit.core.errors import InputError, Problem
from competency_kit.pdf.doctor import SLOW_SUBSETTING_WARNING, fast_subsetting_available
from competency_kit.pdf.hyphenation import use_pattern_cache
from competency_kit.pdf.metadata import PDF_VARIANT
from competency_kit.pdf.tagging import finish_pdf, mark_passage_languages
from competency_kit.pdf.templating import TemplateSet

LOG = logging.getLogger("competency_kit.pdf")


_warned = False


def warn_if_slow_subsetting() -> None:
    """Say once per process that rendering will be slow, instead of letting it be a mystery."""
    global _warned
    if not _warned and not fast_subsetting_available(ffi):
        LOG.warning(SLOW_SUBSETTING_WARNING)
    _warned = True


class RefusedResource(ValueError):
    """A document asked for something outside the allowed folders."""


class SandboxFetcher(URLFetcher):
    """Serves files from the allowed folders only; refuses web addresses and any other file.

    WeasyPrint would otherwise fetch ``http://`` links or ``file://`` paths named in a template,
    so a shared template could read local files into a PDF or call out to the network.
    """

    def __init__(self, roots: tuple[Path, ...]) -> None:
        super().__init__(allowed_protocols=("file", "data"))
        self.roots = tuple(root.resolve() for root in roots)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file" and parts.netloc in ("", "localhost"):
            path = Path(url2pathname(parts.path)).resolve()
            if path.is_file() and any(path.is_relative_to(root) for root in self.roots):
                kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})
        self.refused.append(url)
        raise RefusedResource(f"refused to load {url}: outside the templates folders")


def refused_problem(templates: TemplateSet, url: str) -> Problem:
    where = str(templates.user_dir or templates.builtin_dir)
    return Problem(
        file=where,
        message=f"a template or stylesheet refers to '{url}', which is not a file in the "
        "templates folder; documents are made without the network and read only their own "
        "templates and fonts",
        fix="copy the image or font into your templates folder and refer to it by its "
        "file name (for example: logo.svg)",
        code="template.refused-resource",
    )


class PdfEngine:
    """One per process and template set: the fonts and stylesheets are loaded once and reused
    for every document, which is faster and keeps memory flat over a batch."""

    def __init__(self, templates: TemplateSet, stylesheets: tuple[str, ...]) -> None:
        warn_if_slow_subsetting()
        mark_passage_languages()
        use_pattern_cache()
        self.templates = templates
        self.font_config = FontConfiguration()
        fetcher = SandboxFetcher(templates.allowed_roots)
        self.stylesheets = [
            CSS(
                filename=str(templates.find(name)),
                url_fetcher=fetcher,
                font_config=self.font_config,
            )
            for name in stylesheets
        ]
        if fetcher.refused:
            raise InputError([refused_problem(templates, url) for url in fetcher.refused])

    def write_pdf(
        self, html: str, target: Path, progress: Callable[[str], None] | None = None
    ) -> None:
        """Render ``html`` into ``target``; raises InputError when it reached outside.

        ``progress`` hears of the two long stages: laying out the pages, then writing them."""
        fetcher = SandboxFetcher(self.templates.allowed_roots)
        base = self.templates.search_path[0].as_uri() + "/"
        with collector_paused():
            if progress is not None:
                progress("laying out the pages")
            document = HTML(string=html, base_url=base, url_fetcher=fetcher).render(
                stylesheets=self.stylesheets, font_config=self.font_config, pdf_variant=PDF_VARIANT
            )
            if progress is not None:
                progress(f"writing {len(document.pages)} pages")
            document.write_pdf(
                target,
                finisher=finish_pdf,
                pdf_variant=PDF_VARIANT,
                pdf_identifier=hashlib.md5(html.encode("utf-8"), usedforsecurity=False)
                .hexdigest()
                .encode("ascii"),
            )
            del document
        if fetcher.refused:
            raise InputError([refused_problem(self.templates, url) for url in fetcher.refused])


_rendering = 0
"""Documents being rendered now, in all threads."""
_collector_was_on = True
_rendering_lock = threading.Lock()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector waits while documents are laid out and written.

    Laying out a guide makes millions of objects, nearly all freed by reference counting the
    moment they are done with; with the collector on, each of its full passes walks every
    object still alive (the whole tree of boxes) again, a cost that grows faster than the
    document: more for a longer text, such as the same guide in French. When the last document
    in progress (web requests render side by side) is done, the collector resumes and frees
    whatever cycles the documents left behind, so memory stays flat over a batch."""
    global _rendering, _collector_was_on
    with _rendering_lock:
        if _rendering == 0:
            _collector_was_on = gc.isenabled()
            gc.disable()
        _rendering += 1
    try:
        yield
    finally:
        with _rendering_lock:
            _rendering -= 1
            if _rendering == 0 and _collector_was_on:
                gc.enable()


_engines: dict[tuple[Path | None, tuple[str, ...]], PdfEngine] = {}


def engine_for(templates: TemplateSet, stylesheets: tuple[str, ...]) -> PdfEngine:
    """The process's engine for these templates and stylesheets, created on first use."""
    key = (templates.user_dir, stylesheets)
    if key not in _engines:
        _engines[key] = PdfEngine(templates, stylesheets)
    return _engines[key]
