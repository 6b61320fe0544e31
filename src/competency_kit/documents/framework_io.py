"""Loading and checking a framework file: schema errors, cross-references, completeness."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from competency_kit.core.errors import InputError, Problem
from competency_kit.core.resources import bundled_framework
from competency_kit.documents.framework_cache import checked_once
from competency_kit.documents.framework_lineage import lineage_problems
from competency_kit.documents.sources import Document, load_document, parse_document
from competency_kit.documents.validation import (
    FieldPath,
    dict_items,
    did_you_mean,
    problem_at,
    top_level_mapping,
    validate_document,
)
from competency_kit.models.framework import DIMENSIONS, Framework


@dataclass
class FrameworkCheck:
    """The outcome of checking a framework: the model (when it loaded) and every problem."""

    path: Path
    framework: Framework | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def resolve_framework_path(path: str | Path | None) -> Path:
    """The framework file to read: the bundled one by default; a folder means its framework.yaml."""
    if path is None:
        return bundled_framework()
    path = Path(path)
    return path / "framework.yaml" if path.is_dir() else path


def check_framework(path: str | Path | None = None, *, strict: bool = False) -> FrameworkCheck:
    """Check a framework file and report every problem; completeness gaps are warnings
    unless ``strict``. Raises InputError only when the file cannot be parsed at all."""
    return _check(load_document(resolve_framework_path(path), "framework"), strict)


def check_framework_text(text: str, path: str | Path) -> FrameworkCheck:
    """Check framework YAML text as ``check_framework`` checks the file ``path`` holding it."""
    return _check(parse_document(Path(path), text, "framework"), strict=False)


def _check(doc: Document, strict: bool) -> FrameworkCheck:
    top_level_mapping(
        doc,
        f"the top level must be a mapping of keys (id, title, areas, ...), not {_kind(doc.data)}",
        "start the file with 'id:', 'title:', 'version:' and 'areas:'",
        code="framework.not-a-mapping",
        kind="framework",
    )
    framework, problems = validate_document(doc, Framework)
    problems.extend(_reference_problems(doc))
    problems.extend(lineage_problems(doc, list(walk_nodes(doc.data))))
    problems.extend(_completeness_problems(doc, "error" if strict else "warning"))
    has_errors = any(p.severity == "error" for p in problems)
    return FrameworkCheck(doc.path, None if has_errors else framework, problems)


_loaded: dict[tuple[str, int, int, bool], Framework] = {}
"""Frameworks already read in this process, by file identity: batch work reads one many times."""


def load_framework(path: str | Path | None = None, *, strict: bool = False) -> Framework:
    """The framework at ``path`` (default: the bundled one). Raises InputError listing every
    problem; completeness gaps only count as errors when ``strict``."""
    resolved = resolve_framework_path(path)
    try:
        stat = resolved.stat()
        key = (str(resolved.resolve()), stat.st_mtime_ns, stat.st_size, strict)
    except OSError:
        key = None
    if key is not None and key in _loaded:
        return _loaded[key].model_copy(deep=True)
    framework = checked_once(resolved, strict, lambda: _checked(resolved, strict))
    if key is not None:
        _loaded[key] = framework.model_copy(deep=True)
    return framework


def _checked(path: Path, strict: bool) -> Framework:
    check = check_framework(path, strict=strict)
    if check.framework is None:
        raise InputError(check.problems)
    return check.framework


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a piece of text"
    return "a number" if isinstance(value, int | float) else type(value).__name__


def walk_nodes(data: Any) -> Iterator[tuple[str, FieldPath, dict[str, Any]]]:
    """Every area, competency and statement in raw data, with its kind and path."""
    for a, area in dict_items(data, "areas"):
        yield "area", ("areas", a), area
        for c, comp in dict_items(area, "competencies"):
            yield "competency", ("areas", a, "competencies", c), comp
            for s, stmt in dict_items(comp, "statements"):
                yield "statement", ("areas", a, "competencies", c, "statements", s), stmt


def _reference_problems(doc: Document) -> list[Problem]:
    problems = _duplicates(doc, [(p, n.get("id")) for _, p, n in walk_nodes(doc.data)], "code")
    for key in ("levels", "audiences"):
        entries = [((key, i), e.get("id")) for i, e in dict_items(doc.data, key)]
        problems += _duplicates(doc, entries, key[:-1] + " id")
    levels = [e.get("id") for _, e in dict_items(doc.data, "levels")]
    audiences = [e.get("id") for _, e in dict_items(doc.data, "audiences")]
    for kind, path, node in walk_nodes(doc.data):
        if kind != "competency":
            continue
        level = node.get("level")
        if level is not None and level not in levels:
            problems.append(_dangling(doc, (*path, "level"), level, levels, "level"))
        for i, audience in enumerate(node.get("audiences") or []):
            if audience not in audiences:
                problems.append(
                    _dangling(doc, (*path, "audiences", i), audience, audiences, "audience")
                )
    return problems


def _duplicates(
    doc: Document, entries: Sequence[tuple[FieldPath, Any]], what: str
) -> list[Problem]:
    first: dict[str, FieldPath] = {}
    problems = []
    for path, value in entries:
        if not isinstance(value, str):
            continue
        if value in first:
            line, _ = doc.position((*first[value], "id"))
            problems.append(
                problem_at(
                    doc,
                    (*path, "id"),
                    f"duplicate {what} '{value}' (first used on line {line})",
                    "every id must be unique in the framework; give this one a new id",
                    value,
                    code="framework.duplicate-id",
                )
            )
        else:
            first[value] = path
    return problems


def _dangling(doc: Document, path: FieldPath, value: Any, known: list[Any], what: str) -> Problem:
    names = [k for k in known if isinstance(k, str)]
    return problem_at(
        doc,
        path,
        f"unknown {what} '{value}'",
        f"{did_you_mean(value, names)}use one of the {what}s defined at the top of the file: "
        f"{', '.join(names) or 'none'}",
        value,
        code="framework.unknown-reference",
    )


def _completeness_problems(doc: Document, severity: Any) -> list[Problem]:
    problems = []
    gone: list[FieldPath] = []
    for kind, path, node in walk_nodes(doc.data):
        if node.get("retired") is not None or any(path[: len(p)] == p for p in gone):
            gone.append(path)  # retired items are not taught any more: nothing to complete
            continue
        name = node.get("id", "?")
        if kind == "area" and not node.get("competencies"):
            problems.append(
                problem_at(
                    doc,
                    path,
                    f"area {name} has no competencies",
                    "add its competencies",
                    severity=severity,
                    code="framework.area-without-competencies",
                )
            )
        if kind != "competency":
            continue
        present = {
            s.get("dimension")
            for _, s in dict_items(node, "statements")
            if s.get("retired") is None
        }
        missing = [d for d in DIMENSIONS if d not in present]
        if missing:
            problems.append(
                problem_at(
                    doc,
                    path,
                    f"competency {name} has no {' or '.join(missing)} statement",
                    "every competency needs at least one knowledge, one skill and one attitude "
                    "statement",
                    severity=severity,
                    code="framework.missing-dimension",
                )
            )
        if not node.get("audiences"):
            problems.append(
                problem_at(
                    doc,
                    path,
                    f"competency {name} names no audience",
                    "add 'audiences: [...]'",
                    severity=severity,
                    code="framework.no-audience",
                )
            )
        if not node.get("level"):
            problems.append(
                problem_at(
                    doc,
                    path,
                    f"competency {name} has no level",
                    "add 'level: ...' with a level id",
                    severity=severity,
                    code="framework.no-level",
                )
            )
    return problems


def framework_json(framework: Framework) -> dict[str, Any]:
    """The framework as JSON data (``framework show --format json``): the model dumped.
    Text fields are a string, or language code → text where translations exist."""
    return framework.model_dump(mode="json", exclude_none=True)
