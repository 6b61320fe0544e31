"""Tasks that prepare a machine or an editor: JSON Schemas, templates to customise, and what
the PDF engine finds."""

from __future__ import annotations

from competency_kit.documents.schemas import write_schemas
from competency_kit.pdf.doctor import Check, environment_checks
from competency_kit.pdf.templating import copy_templates

__all__ = ["Check", "copy_templates", "environment_checks", "write_schemas"]
