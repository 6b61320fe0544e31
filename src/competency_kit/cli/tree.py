"""A rich tree view of a framework."""

from __future__ import annotations

from rich.markup import escape
from rich.tree import Tree

from competency_kit.models.base import localize
from competency_kit.models.framework import Framework, Retired

DIMENSION_STYLE = {"knowledge": "cyan", "skill": "green", "attitude": "magenta"}


def framework_tree(fw: Framework, lang: str = "en") -> Tree:
    root = Tree(
        f"[bold]{escape(localize(fw.title, lang))}[/] [dim]{escape(fw.id)} v{escape(fw.version)}[/]"
    )
    levels = {level.id: localize(level.title, lang) for level in fw.levels}
    for area in fw.areas:
        branch = root.add(
            f"[bold]{escape(area.id)}[/] {escape(localize(area.title, lang))}"
            f"{retired_mark(area.retired)}"
        )
        for comp in area.competencies:
            level = levels.get(comp.level or "", "no level")
            node = branch.add(
                f"[bold]{escape(comp.id)}[/] {escape(localize(comp.title, lang))} "
                f"[dim]({escape(level)}; {escape(', '.join(comp.audiences) or 'no audience')})[/]"
                f"{retired_mark(comp.retired)}"
            )
            for st in comp.statements:
                style = DIMENSION_STYLE[st.dimension]
                node.add(
                    f"[{style}]{st.dimension[0].upper()}[/] {escape(st.id)} "
                    f"{escape(localize(st.text, lang))}{retired_mark(st.retired)}"
                )
    return root


def retired_mark(retired: Retired) -> str:
    """A retired item stays in the file for its lineage; the tree says so, so nobody maps to it."""
    return "" if retired is None else f" [red](retired {retired.isoformat()})[/]"
