"""The depth rule every import shares, so a tree of any depth arrives without loss.

Top level → areas; second level → competencies; everything deeper → statements of their
second-level ancestor, in reading order, with the path between them kept in the statement's note.
Importers (CASE, Moodle) turn their input into ``SourceNode`` trees and leave the rest to this module.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from competency_kit.core import limits
from competency_kit.core.errors import InputError, Problem
from competency_kit.interop.texts import ascii_letters, code_from, compact, fit_text, slug
from competency_kit.models.base import REFERENCE_LANGUAGE, localize
from competency_kit.models.framework import CODE_PATTERN, DIMENSIONS, Dimension, Framework

_CODE = re.compile(CODE_PATTERN)
Text = dict[str, str]

_DIMENSION_NAMES: dict[Dimension, tuple[str, ...]] = {
    "knowledge": (
        "knowledge", "knowledges",  # en
        "connaissance", "connaissances", "savoir", "savoirs",  # fr
        "conocimiento", "conocimientos",  # es
        "conhecimento", "conhecimentos",  # pt
        "wissen", "kenntnis", "kenntnisse",  # de
        "知識", "知识",  # ja, zh
        "kien thuc", "ความรู้", "pengetahuan",  # vi, th, id
    ),
    "skill": (
        "skill", "skills", "skill/competence",
        "habilete", "habiletes", "savoir-faire",
        "habilidad", "habilidades", "destreza", "destrezas",
        "habilidade", "habilidades",
        "fertigkeit", "fertigkeiten", "fahigkeit", "fahigkeiten",
        "技能", "スキル",
        "ky nang", "ทักษะ", "keterampilan",
    ),
    "attitude": (
        "attitude", "attitudes",
        "savoir-etre",
        "actitud", "actitudes",
        "atitude", "atitudes",
        "einstellung", "einstellungen", "haltung", "haltungen",
        "態度", "态度",
        "thai do", "เจตคติ", "ทัศนคติ", "sikap",
    ),
}  # fmt: skip
"""Names of the knowledge, skill and attitude types in other systems' languages."""


def type_key(name: str) -> str:
    """How type names are compared: case, accents and spacing do not count."""
    return " ".join(ascii_letters(unicodedata.normalize("NFKC", name)).casefold().split())


KNOWN_TYPES: dict[str, Dimension] = {
    type_key(name): dimension for dimension, names in _DIMENSION_NAMES.items() for name in names
}


def check_item_count(count: int, source: str, what: str) -> None:
    """Refuse files too large to be a real framework before any work is done on them."""
    if count > limits.IMPORT_ITEMS:
        raise InputError.single(
            source,
            f"the file holds {count:,} {what}; an import takes at most {limits.IMPORT_ITEMS:,}",
            "split the framework, or check that this is the right file",
            code="import.too-many-items",
        )


def dimension_map(entries: Collection[str]) -> dict[str, Dimension]:
    """``TYPE=knowledge`` entries as type → dimension; raises InputError on a malformed one."""
    found: dict[str, Dimension] = {}
    problems = []
    for entry in entries:
        name, sep, value = entry.rpartition("=")
        dimension = value.strip().lower()
        if sep and name.strip() and dimension in DIMENSIONS:
            found[type_key(name)] = dimension
            continue
        problems.append(
            Problem(
                file="dimension map",
                value=entry,
                message="a type is given its dimension as TYPE=knowledge, TYPE=skill or "
                "TYPE=attitude",
                fix="write the type as the file names it, an equals sign and the dimension, "
                "e.g. Kenntnis=knowledge",
                code="import.bad-dimension-map",
            )
        )
    if problems:
        raise InputError(problems)
    return found


def level_id(name: str, taken: Collection[str], own: str = "") -> str:
    """The id of the next level from its name, else from the source's own identifier for it
    (``own``), else ``level-N`` (its position), never one an earlier level already has."""
    for found in (slug(name), slug(own)):
        if found and found not in taken:
            return found
    return f"level-{len(taken) + 1}"


def framework_id(candidates: Sequence[tuple[str, str]], source_key: str) -> tuple[str, str]:
    """A framework id and where it came from: the first candidate ``(text, "from its title")``
    with Latin letters or digits to make one; else a stable one made from ``source_key`` (the
    source's own code), so every import of the file gives the same id."""
    for text, how in candidates:
        found = slug(text)[:60].strip("-")
        if found:
            return found, how
    digest = hashlib.sha256(source_key.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"framework-{digest}", "from its code in the source"


def find_loops(parent_of: Mapping[str, str]) -> list[list[str]]:
    """Each loop in the parent links once, as the path that closes it: ``[a, b, c, a]``.

    A chain is followed up to a root, a missing parent or a node already walked, so every node
    is walked once however long the chains are (a broken file may hold thousands)."""
    loops: list[list[str]] = []
    done: set[str] = set()
    for start in parent_of:
        path: dict[str, int] = {}
        node = start
        while node in parent_of and node not in done and node not in path:
            path[node] = len(path)
            node = parent_of[node]
        if node in path:
            loops.append([*list(path)[path[node] :], node])
        done.update(path)
    return loops


@dataclass
class SourceNode:
    """One item of the imported tree, before it becomes an area, competency or statement."""

    code: str
    """The code the source gave it (CASE humanCodingScheme, Moodle ID number); may be unusable."""
    text: Text
    place: str
    """Where it came from, for the report: ``item 3f2a… (CCSS.6.RP)`` or ``row 7``."""
    notes: Text | None = None
    dimension: Dimension | None = None
    """The dimension our own exports mark (a ``Knowledge`` item type, a ``K: `` prefix)."""
    kind: str = ""
    """The source's name for the item's type (CASE CFItemType, Moodle taxonomy term)."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Competency fields carried by our own exports (audiences, guidance, references, level)."""
    children: list[SourceNode] = field(default_factory=list)


@dataclass
class _Entry:
    what: str
    places: list[str] = field(default_factory=list)

    def line(self) -> str:
        if not self.places:
            return self.what
        shown = ", ".join(self.places[:3])
        more = len(self.places) - 3
        return f"{self.what} — {len(self.places)}: {shown}" + (
            f" and {more} more" if more > 0 else ""
        )


@dataclass
class ImportReport:
    """What the import did beyond a one-to-one copy: what it did not carry over, and what it
    renamed, cleaned or completed, each kind once with its count and a few places."""

    source: str
    counts: dict[str, int] = field(default_factory=dict)
    _dropped: dict[str, _Entry] = field(default_factory=dict)
    _adjusted: dict[str, _Entry] = field(default_factory=dict)

    def drop(self, what: str, place: str = "") -> None:
        """Record something of the source the framework does not carry (``place``: where)."""
        _add(self._dropped, what, place)

    def adjust(self, what: str, place: str = "") -> None:
        """Record something the import changed or completed."""
        _add(self._adjusted, what, place)

    @property
    def not_mapped(self) -> list[str]:
        return [entry.line() for entry in self._dropped.values()]

    @property
    def adjusted(self) -> list[str]:
        return [entry.line() for entry in self._adjusted.values()]

    def text(self) -> str:
        parts = [
            _plural(self.counts.get(key, 0), singular, plural)
            for key, singular, plural in (
                ("areas", "area", "areas"),
                ("competencies", "competency", "competencies"),
                ("statements", "statement", "statements"),
                ("levels", "level", "levels"),
            )
        ]
        lines = [f"{self.source}: imported {', '.join(parts)}"]
        for title, entries in (("Not carried over", self.not_mapped), ("Adjusted", self.adjusted)):
            if entries:
                lines.append(f"{title} ({len(entries)}):")
                lines += [f"  - {line}" for line in entries]
        return "\n".join(lines)


def _add(entries: dict[str, _Entry], what: str, place: str) -> None:
    entry = entries.setdefault(what, _Entry(what))
    if place and (not entry.places or entry.places[-1] != place):
        entry.places.append(place)


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


@dataclass
class ImportResult:
    framework: Framework
    report: ImportReport


@dataclass(frozen=True)
class ImportOptions:
    """What the person importing says about the file."""

    default_dimension: Dimension | None = None
    """The dimension of statements whose type gives none."""
    dimensions: Mapping[str, Dimension] = field(default_factory=dict)
    """Type name in the source (as ``type_key`` gives it) → dimension, before the known names."""
    language: str | None = None
    """The language of the texts, where the file does not say."""


@dataclass
class _Context:
    source: str
    options: ImportOptions
    report: ImportReport
    language: str
    used_codes: set[str] = field(default_factory=set)
    owners: dict[str, int] = field(default_factory=dict)
    """Usable source code → the node (by id) that has it first; others with it get a new code."""
    untyped: list[str] = field(default_factory=list)
    untyped_kinds: Counter[str] = field(default_factory=Counter)


def build_framework(
    head: dict[str, Any],
    roots: list[SourceNode],
    *,
    source: str,
    options: ImportOptions,
    report: ImportReport,
) -> ImportResult:
    """The framework from framework-level fields (``head``, whose ``languages`` are those of the
    texts) and the item tree, by the depth rule.

    Raises InputError when statements lack a dimension and no default was given, or when the
    result is not a valid framework.
    """
    ctx = _Context(source, options, report, (head.get("languages") or [REFERENCE_LANGUAGE])[0])
    head = _fit(head, "the framework", report)
    for node in _walk(roots):
        _fit_node(node, report)
        if _CODE.match(node.code):
            ctx.owners.setdefault(node.code, id(node))
    areas = [_area(node, index, ctx) for index, node in enumerate(roots, 1)]
    if ctx.untyped and options.default_dimension is None:
        raise _untyped(ctx)
    data = {**head, "areas": areas}
    report.counts = {
        "areas": len(areas),
        "competencies": sum(len(a.get("competencies", [])) for a in areas),
        "statements": sum(
            len(c.get("statements", [])) for a in areas for c in a.get("competencies", [])
        ),
        "levels": len(head.get("levels", [])),
    }
    return ImportResult(_validated(data, source), report)


def _untyped(ctx: _Context) -> InputError:
    count = len(ctx.untyped)
    kinds = ", ".join(
        f"'{kind}' ({n})" if kind else f"no type ({n})"
        for kind, n in ctx.untyped_kinds.most_common()
    )
    return InputError.single(
        ctx.source,
        f"{count} statement{'s' if count != 1 else ''} ha{'ve' if count != 1 else 's'} no "
        f"knowledge, skill or attitude type; the types in the file: {kinds}",
        "say which dimension each of these types is (TYPE=knowledge, skill or attitude), give "
        "the statements a knowledge, skill or attitude type in the source, or import them all "
        "as one dimension",
        value=ctx.untyped[0] if count == 1 else None,
        code="import.no-dimension",
    )


def _fit(value: Any, place: str, report: ImportReport) -> Any:
    """``value`` with every text fit for a framework file; what was taken out is reported."""
    if isinstance(value, str):
        text, removed = fit_text(value)
        for name in removed:
            report.adjust(f"removed the invisible control character {name}", place)
        return text
    if isinstance(value, dict):
        return {key: _fit(item, place, report) for key, item in value.items()}
    if isinstance(value, list):
        return [_fit(item, place, report) for item in value]
    return value


def _fit_node(node: SourceNode, report: ImportReport) -> None:
    node.code = _fit(node.code, node.place, report)
    node.text = _fit(node.text, node.place, report)
    node.notes = _fit(node.notes, node.place, report)
    node.extra = _fit(node.extra, node.place, report)


def _walk(nodes: list[SourceNode]) -> Iterator[SourceNode]:
    """Every node in reading order (iterative: a broken file may nest very deeply)."""
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


def _area(node: SourceNode, index: int, ctx: _Context) -> dict[str, Any]:
    code = _claim(node, f"A{index}", ctx)
    _warn_dimension(node, "area", ctx)
    competencies = [_competency(child, code, i, ctx) for i, child in enumerate(node.children, 1)]
    return compact(
        {"id": code, "title": node.text, "description": node.notes, "competencies": competencies}
    )


def _competency(node: SourceNode, area: str, index: int, ctx: _Context) -> dict[str, Any]:
    code = _claim(node, f"{area}.{index}", ctx)
    _warn_dimension(node, "competency", ctx)
    statements: list[dict[str, Any]] = []
    for child in node.children:
        _collect_statements(child, code, (), statements, ctx)
    data = {
        "id": code,
        "title": node.text,
        "description": node.notes,
        **node.extra,
        "statements": statements,
    }
    return compact(data)


def _dimension(node: SourceNode, ctx: _Context) -> Dimension | None:
    """The statement's dimension: marked by our own exports, else its type as the person
    importing maps it, else a known type name, else the default (None: not known)."""
    if node.dimension is not None:
        return node.dimension
    key = type_key(node.kind)
    found = ctx.options.dimensions.get(key) or KNOWN_TYPES.get(key)
    if found is None:
        ctx.untyped.append(node.place)
        ctx.untyped_kinds[node.kind.strip()] += 1
        return ctx.options.default_dimension
    return found


def _collect_statements(
    node: SourceNode,
    competency: str,
    path: tuple[str, ...],
    out: list[dict[str, Any]],
    ctx: _Context,
) -> None:
    """The node and everything under it as statements of ``competency``, depth first."""
    if len(path) > limits.IMPORT_DEPTH:
        raise too_deep(ctx.source)
    code = _claim(node, f"{competency}-{len(out) + 1}", ctx)
    dimension = _dimension(node, ctx)
    language = ctx.language
    note = localize(node.notes, language, language)
    if path:
        trail = "Path in the source framework: " + " › ".join(path)
        note = f"{note}\n\n{trail}" if note else trail
    if node.notes and set(node.notes) != {language}:
        ctx.report.drop("translations of statement notes (a note has one language)", node.place)
    out.append(compact({"id": code, "dimension": dimension, "text": node.text, "note": note}))
    label = node.code or localize(node.text, language)[:40]
    for child in node.children:
        _collect_statements(child, competency, (*path, label), out, ctx)


def too_deep(source: str) -> InputError:
    return InputError.single(
        source,
        f"the framework is nested more than {limits.IMPORT_DEPTH} levels deep",
        "check the parent links in the file: real frameworks have a few levels",
        code="import.too-deep",
    )


def _claim(node: SourceNode, fallback: str, ctx: _Context) -> str:
    """The node's own code when usable and free; else the code with its letters made plain
    (``Sécurité 1`` → ``Securite-1``) when that is usable and free; else a generated one."""
    if ctx.owners.get(node.code) == id(node):
        ctx.used_codes.add(node.code)
        return node.code
    plain = code_from(node.code)
    if plain and not _CODE.match(node.code) and _CODE.match(plain) and not _taken(plain, ctx):
        ctx.used_codes.add(plain)
        ctx.report.adjust(
            "given a code without the characters a code may not have", f"{node.place} → {plain}"
        )
        return plain
    code = fallback[:100]
    suffix = 2
    while _taken(code, ctx) or not _CODE.match(code):
        code = f"{fallback[:90]}-x{suffix}"
        suffix += 1
    ctx.used_codes.add(code)
    reason = (
        "no code"
        if not node.code
        else "its code is already used"
        if _CODE.match(node.code)
        else "its code has characters a code may not have"
    )
    what = "given a code because it has no code" if not node.code else f"given a code: {reason}"
    ctx.report.adjust(
        what, f"{node.place} → {code}" + (f" (was '{node.code}')" if node.code else "")
    )
    return code


def _taken(code: str, ctx: _Context) -> bool:
    return code in ctx.used_codes or code in ctx.owners


def _warn_dimension(node: SourceNode, role: str, ctx: _Context) -> None:
    if node.dimension is not None:
        became = "areas" if role == "area" else "competencies"
        ctx.report.drop(
            f"the {node.dimension} type of items that became {became} (only statements have one)",
            node.place,
        )


def source_language(code: object, fallback: str | None) -> str:
    """The language code a source gives (``ja``, ``EN-us`` → ``en-US``) when usable, else
    ``fallback``, else English."""
    if isinstance(code, str) and code.strip():
        main, _, region = code.strip().replace("_", "-").partition("-")
        found = main.lower() + (f"-{region.upper()}" if region else "")
        if re.fullmatch(r"[a-z]{2,3}(-[A-Z]{2})?", found):
            return found
    return fallback or REFERENCE_LANGUAGE


def given_language(code: str) -> str:
    """The language code a person gave for the texts (``fr``, ``pt-BR``, ``FR``), checked."""
    found = source_language(code, "?")
    if found == "?":
        raise InputError.single(
            "language",
            f"'{code}' is not a language code",
            "give a code such as en, fr, es, pt-BR, ja or vi",
            value=code,
            code="import.bad-language",
        )
    return found


def _validated(data: dict[str, Any], source: str) -> Framework:
    try:
        return Framework.model_validate(data)
    except ValidationError as exc:
        problems = [
            Problem(
                file=source,
                field=".".join(str(part) for part in error["loc"]),
                message=f"the imported framework is not valid: {error['msg']}",
                fix="check this field in the file being imported",
                code="import.invalid-framework",
            )
            for error in exc.errors()
        ]
        raise InputError(problems) from None
