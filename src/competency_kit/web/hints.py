"""How to do, in this web app, what a problem's fix asks for: the buttons and pages to use,
by problem code, in the user's language (the ``web.hints`` labels of the catalogues). The
command line words its own (``cli/hints.py``)."""

from __future__ import annotations

from competency_kit.core.errors import Problem
from competency_kit.pdf.templating import Catalogue


def hint(problem: Problem, tr: Catalogue) -> str:
    """The web's hint for ``problem``, or "" when its fix says all there is."""
    label = tr.labels.get(f"web.hints.{problem.code}", "")
    return label if isinstance(label, str) else ""
