"""``framework diff``: what changed from one version of a framework to the next. Pure.

Items are matched by id (ids are never reused); what left is followed along the new version's
``replaces`` lists to tell a split, a merge and a one-for-one replacement from a retirement.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from competency_kit.models.base import REFERENCE_LANGUAGE, localize
from competency_kit.models.framework import Framework, Node
from competency_kit.models.versions import (
    BUMPS,
    CHANGE_KINDS,
    Bump,
    Change,
    ChangedItem,
    ChangeKind,
    FrameworkDiff,
)

_SEMVER = re.compile(r"^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$")
_TEXT_FIELDS = {"area": ("title", "description"), "competency": ("title", "description")}


def diff_frameworks(old: Framework, new: Framework) -> FrameworkDiff:
    """Every change from ``old`` to ``new``, the version step they call for, and the step the
    version numbers take."""
    old_nodes = {n.item.id: n for n in old.nodes()}
    new_nodes = {n.item.id: n for n in new.nodes()}
    changes = [
        *_added(old_nodes, new_nodes),
        *_departures(new, old_nodes, new_nodes),
        *_kept(old_nodes, new_nodes),
        *_catalogues(old, new),
    ]
    changes.sort(key=lambda c: CHANGE_KINDS.index(c.kind))
    return FrameworkDiff(
        framework=new.id,
        old_version=old.version,
        new_version=new.version,
        suggested_bump=max((c.bump for c in changes), key=BUMPS.index, default="none"),
        version_bump=version_step(old.version, new.version),
        changes=changes,
    )


def version_step(old: str, new: str) -> Bump | None:
    """The step from version ``old`` to ``new`` (``1.2.0`` → ``2.0.0`` is major); None when
    either is not a version number of that shape or ``new`` is not later."""
    a, b = _SEMVER.match(old.strip()), _SEMVER.match(new.strip())
    if not a or not b:
        return None
    before = tuple(int(part or 0) for part in a.groups())
    after = tuple(int(part or 0) for part in b.groups())
    if after < before:
        return None
    for index, step in enumerate(("major", "minor", "patch")):
        if after[index] != before[index]:
            return step  # type: ignore[return-value]
    return "none"


def _text(node: Node) -> str:
    item: Any = node.item
    return localize(item.text if node.kind == "statement" else item.title)


def _added(old: dict[str, Node], new: dict[str, Node]) -> Iterator[Change]:
    for item_id, node in new.items():
        if not node.retired and item_id not in old:
            yield Change(
                kind="added",
                item=node.kind,
                id=item_id,
                field="parent",
                after=_text(node),
                before=node.parent or None,
                bump="minor",
            )


def _departures(new: Framework, old: dict[str, Node], new_nodes: dict[str, Node]) -> list[Change]:
    """Items current in the old version and not in the new: retired, removed, replaced, split
    or merged (a merge is reported once, under the item the others became)."""
    leaving = {
        item_id: new.successors(item_id)
        for item_id, node in old.items()
        if not node.retired and (item_id not in new_nodes or new_nodes[item_id].retired)
    }
    sources: dict[str, list[str]] = {}
    for item_id, successors in leaving.items():
        for successor in successors:
            sources.setdefault(successor, []).append(item_id)
    changes = []
    for item_id, successors in leaving.items():
        node = old[item_id]
        if not successors:
            kind: ChangeKind = "retired" if item_id in new_nodes else "removed"
        elif len(successors) > 1:
            kind = "split"
        elif len(sources[successors[0]]) == 1:
            kind = "replaced"
        else:
            continue  # part of a merge, reported under what it became
        changes.append(
            Change(
                kind=kind,
                item=node.kind,
                id=item_id,
                new_ids=list(successors),
                before=_text(node),
                bump="major",
            )
        )
    for successor, olds in sources.items():
        if len(olds) > 1:
            node = new_nodes[successor]
            changes.append(
                Change(
                    kind="merged",
                    item=node.kind,
                    id=successor,
                    old_ids=olds,
                    after=_text(node),
                    bump="major",
                )
            )
    return changes


def _kept(old: dict[str, Node], new: dict[str, Node]) -> Iterator[Change]:
    """Items current in both versions: moved, reworded, or changed in another field."""
    for item_id, after in new.items():
        before = old.get(item_id)
        if before is None or before.retired or after.retired:
            continue
        if before.parent != after.parent:
            yield Change(
                kind="moved",
                item=after.kind,
                id=item_id,
                field="parent",
                before=before.parent,
                after=after.parent,
                bump="major",
            )
        yield from _reworded(after.kind, item_id, before.item, after.item)
        yield from _changed_fields(after.kind, item_id, before.item, after.item)


def _reworded(kind: ChangedItem, item_id: str, before: Any, after: Any) -> Iterator[Change]:
    for name in _TEXT_FIELDS.get(kind, ("text",)):
        change = _rewording(kind, item_id, name, getattr(before, name), getattr(after, name))
        if change is not None:
            yield change


def _rewording(
    kind: ChangedItem,
    item_id: str,
    name: str,
    old_text: dict[str, str] | None,
    new_text: dict[str, str] | None,
) -> Change | None:
    """A change of the reference text, with the translations left as they were (now stale)."""
    old_text, new_text = old_text or {}, new_text or {}
    if old_text.get(REFERENCE_LANGUAGE) == new_text.get(REFERENCE_LANGUAGE):
        return None
    stale = [
        lang
        for lang, text in new_text.items()
        if lang != REFERENCE_LANGUAGE and old_text.get(lang) == text
    ]
    return Change(
        kind="reworded",
        item=kind,
        id=item_id,
        field=name,
        before=old_text.get(REFERENCE_LANGUAGE),
        after=new_text.get(REFERENCE_LANGUAGE),
        stale_languages=stale,
        bump="patch",
    )


def _changed_fields(kind: ChangedItem, item_id: str, before: Any, after: Any) -> Iterator[Change]:
    """A statement's dimension changes what it means (major); a competency's level or
    audiences change who it is for (minor)."""
    checks: tuple[tuple[str, Bump], ...] = (
        (("dimension", "major"),)
        if kind == "statement"
        else (("level", "minor"), ("audiences", "minor"))
        if kind == "competency"
        else ()
    )
    for name, bump in checks:
        old_value, new_value = getattr(before, name), getattr(after, name)
        if old_value != new_value:
            yield Change(
                kind="changed",
                item=kind,
                id=item_id,
                field=name,
                before=_shown(old_value),
                after=_shown(new_value),
                bump=bump,
            )


def _shown(value: Any) -> str | None:
    if isinstance(value, list):
        return ", ".join(value)
    return value if value is None else str(value)


def _catalogues(old: Framework, new: Framework) -> Iterator[Change]:
    """Levels, audiences and glossary terms: added, removed, reworded."""
    yield from _entries("level", old.levels, new.levels, lambda e: e.id, "title", "major")
    yield from _entries("audience", old.audiences, new.audiences, lambda e: e.id, "title", "major")
    yield from _entries(
        "glossary", old.glossary, new.glossary, lambda e: localize(e.term), "definition", "minor"
    )


def _entries(
    item: ChangedItem,
    old: Iterable[Any],
    new: Iterable[Any],
    key: Callable[[Any], str],
    text_field: str,
    removal: Bump,
) -> Iterator[Change]:
    before = {key(e): e for e in old}
    after = {key(e): e for e in new}
    for name, entry in after.items():
        if name not in before:
            text = localize(getattr(entry, text_field))
            yield Change(kind="added", item=item, id=name, after=text, bump="minor")
        else:
            old_text, new_text = getattr(before[name], text_field), getattr(entry, text_field)
            change = _rewording(item, name, text_field, old_text, new_text)
            if change is not None:
                yield change
    for name, entry in before.items():
        if name not in after:
            text = localize(getattr(entry, text_field))
            yield Change(kind="removed", item=item, id=name, before=text, bump=removal)
