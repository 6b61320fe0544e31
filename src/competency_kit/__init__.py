"""competency-kit: child-protection competencies for tourism and hospitality education.

The public API is imported on first use, so that ``competency-kit --version`` and other light
commands start without loading pydantic, openpyxl or WeasyPrint.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from competency_kit._version import __version__

_EXPORTS = {
    "InputError": "core.errors",
    "Problem": "core.errors",
    "load_framework": "documents.framework_io",
    "check_framework": "documents.framework_io",
    "framework_json": "documents.framework_io",
    "load_curriculum": "app.inputs",
    "write_curriculum": "documents.curriculum_yaml",
    "write_mapping_workbook": "excel.mapping.workbook",
    "read_mapping_workbook": "excel.mapping.reader",
    "write_schemas": "documents.schemas",
    "run_demo": "app.demo",
    "Framework": "models.framework",
    "Curriculum": "models.curriculum",
    "GapReport": "models.report",
    "analyse": "analysis",
    "Policy": "analysis",
    "load_policy": "documents.policy_io",
    "write_gap_workbook": "excel.gap.workbook",
    "read_review": "excel.gap.review",
    "load_review": "documents.review_io",
    "write_review": "documents.review_io",
    "run_gap": "app.gap",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'competency_kit' has no attribute '{name}'")
    return getattr(import_module(f".{module}", __name__), name)
