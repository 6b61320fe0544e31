"""competency-kit: child-protection competencies for tourism and hospitality education.

The public API is imported on first use, so that ``competency-kit --version`` and other light
commands start without loading pydantic, openpyxl or WeasyPrint.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from ._version import __version__

_EXPORTS = {
    "InputError": "errors",
    "Problem": "errors",
    "load_framework": "framework_io",
    "check_framework": "framework_io",
    "framework_json": "framework_io",
    "load_curriculum": "curriculum_io",
    "write_curriculum": "curriculum_yaml",
    "write_mapping_workbook": "excel.mapping_workbook",
    "read_mapping_workbook": "excel.mapping_import",
    "write_schemas": "schema",
    "run_demo": "demo",
    "Framework": "models.framework",
    "Curriculum": "models.curriculum",
    "GapReport": "models.report",
    "analyse": "analysis",
    "Policy": "analysis",
    "load_policy": "policy_io",
    "write_gap_workbook": "excel.gap_workbook",
    "read_review": "excel.review",
    "load_review": "review_io",
    "write_review": "review_io",
    "run_gap": "gap_pipeline",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'competency_kit' has no attribute '{name}'")
    return getattr(import_module(f".{module}", __name__), name)
