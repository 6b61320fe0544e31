"""Printable documents: the curriculum guide and the trainer handouts (jinja2 → WeasyPrint).

Importing this package is cheap: WeasyPrint is loaded only when a PDF is actually written.
"""

from __future__ import annotations

from .guide import write_guide
from .handouts import HandoutBatch, write_handouts
from .profile import LocalProfile, load_profile

__all__ = ["HandoutBatch", "LocalProfile", "load_profile", "write_guide", "write_handouts"]
