"""The PDF engine, loaded when the first document is rendered.

Importing WeasyPrint costs 0.5–0.7 s, more than everything else a re-run does: when every
document is current (its fingerprint and bytes unchanged), nothing is rendered and WeasyPrint
is never imported. This is the one deferred import of the library (see
``tests/test_architecture.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from competency_kit.pdf.templating import TemplateSet

if TYPE_CHECKING:
    from competency_kit.pdf.engine import PdfEngine


def engine_for(templates: TemplateSet, stylesheets: tuple[str, ...]) -> PdfEngine:
    """The process's engine for these templates and stylesheets, created on first use."""
    from competency_kit.pdf import engine

    return engine.engine_for(templates, stylesheets)
