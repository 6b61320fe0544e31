"""What every task reads the same way: the framework in use, a curriculum in any of its
formats, and the files an output must never replace."""

from __future__ import annotations

from pathlib import Path

from competency_kit.core.errors import Problem
from competency_kit.documents.curriculum_io import WORKBOOK_SUFFIXES, load_curriculum_document
from competency_kit.documents.framework_io import resolve_framework_path
from competency_kit.documents.sniff import KINDS, WORKBOOK_KINDS, sniff, wrong_file
from competency_kit.models.curriculum import Curriculum
from competency_kit.models.framework import Framework

PathLike = str | Path
Inputs = tuple[PathLike | None, ...]


def load_curriculum(
    path: PathLike, framework: Framework, notes: list[Problem] | None = None
) -> Curriculum:
    """The curriculum at ``path`` (YAML, JSON, or a filled mapping workbook, known by its
    content whatever its name), checked against ``framework``. Raises InputError listing
    every problem with its place; warnings (such as mappings to retired items) go to
    ``notes`` when given. A mapping workbook shows the framework's current items only, so it
    is read against those."""
    kind = sniff(path)
    if kind in WORKBOOK_KINDS or (kind is None and Path(path).suffix.lower() in WORKBOOK_SUFFIXES):
        # openpyxl (0.1 s to import) only for a workbook: a YAML curriculum's re-run skips it.
        from competency_kit.excel.mapping.reader import read_mapping_workbook

        return read_mapping_workbook(path, framework.current(), notes)
    if kind in KINDS:
        raise wrong_file(path, kind, "curriculum")
    return load_curriculum_document(path, framework, notes)


def task_inputs(framework: PathLike | None, *files: PathLike | None) -> Inputs:
    """Every file a task reads, the framework resolved to its file (a folder names its
    framework.yaml, no path the bundled one): none of them may be replaced by an output."""
    return (*files, resolve_framework_path(framework))
