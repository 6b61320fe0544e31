"""The hidden _meta sheet: which framework a workbook was made for, and mapping order."""

from __future__ import annotations

from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from competency_kit.core import limits
from competency_kit.core.errors import InputError
from competency_kit.excel.mapping import layout as L
from competency_kit.models.framework import Framework

FIX_FRAMEWORK = (
    "read it with the framework it was made for, or make a new mapping workbook for this "
    "framework (pre-filled from your curriculum) and copy the marks into it"
)


def check_meta(name: str, ws: Worksheet, framework: Framework) -> dict[str, list[str]]:
    """Raise InputError when the workbook was made for another framework or version;
    otherwise return each module's mapping order recorded when the workbook was written."""
    facts: dict[str, tuple[str, Any]] = {}
    order: dict[str, list[str]] = {}
    in_order = False
    for row, (key, value) in enumerate(
        ws.iter_rows(max_col=2, max_row=limits.MAPPING_ROWS, values_only=True), start=1
    ):
        if key == "mapping_order":
            in_order = True
        elif in_order and isinstance(key, str) and isinstance(value, str):
            order[key] = value.split()
        elif isinstance(key, str):
            facts[key] = (f"{L.META}!B{row}", value)
    _check_format(name, facts)
    _check_framework(name, facts, framework)
    return order


def _check_format(name: str, facts: dict[str, tuple[str, Any]]) -> None:
    cell, value = facts.get("format", (f"{L.META}!B1", None))
    if str(value) != L.FORMAT_VERSION:
        raise InputError.single(
            name,
            f"the workbook layout (format {value}) is not one this version of "
            f"competency-kit reads (format {L.FORMAT_VERSION})",
            "make a new mapping workbook with this version and copy the marks into it",
            cell=cell,
            code="workbook.layout-version",
        )


def _check_framework(name: str, facts: dict[str, tuple[str, Any]], framework: Framework) -> None:
    id_cell, made_id = facts.get("framework_id", (f"{L.META}!B3", None))
    version_cell, made_version = facts.get("framework_version", (f"{L.META}!B4", None))
    hash_cell, made_hash = facts.get("framework_hash", (f"{L.META}!B5", None))
    if made_id != framework.id:
        raise InputError.single(
            name,
            f"this workbook was made for the framework '{made_id}' version "
            f"{made_version}, not for '{framework.id}' version {framework.version}",
            FIX_FRAMEWORK,
            cell=id_cell,
            code="workbook.other-framework",
        )
    if made_version != framework.version:
        raise InputError.single(
            name,
            f"this workbook was made for version {made_version} of the framework "
            f"'{framework.id}'; the framework in use is version {framework.version}",
            "carry the curriculum it records over to this version along the framework's "
            "lineage, or read it with the version it was made for",
            cell=version_cell,
            code="workbook.other-framework-version",
        )
    if made_hash != L.framework_hash(framework):
        raise InputError.single(
            name,
            f"this workbook was made from a different text of the framework "
            f"'{framework.id}' version {framework.version} (its content has changed since, "
            "without a new version number)",
            FIX_FRAMEWORK,
            cell=hash_cell,
            code="workbook.framework-changed",
        )
