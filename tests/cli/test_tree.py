"""The framework tree that ``framework show`` prints."""

from __future__ import annotations

from rich.console import Console

from competency_kit.cli.tree import framework_tree
from competency_kit.core.resources import examples_dir
from competency_kit.documents.framework_io import load_framework


def printed(tree: object) -> list[str]:
    console = Console(width=400, record=True, color_system=None)
    console.print(tree)
    return console.export_text().splitlines()


def test_retired_items_are_marked_and_current_ones_are_not() -> None:
    framework = load_framework(examples_dir() / "framework-next" / "framework.yaml")
    lines = printed(framework_tree(framework))
    items = [node.item for node in framework.nodes()]
    retired = {item.id for item in items if item.retired is not None}
    assert retired, "the example next version retires items"
    for item in items:
        line = next(text for text in lines if f" {item.id} " in text)
        assert ("(retired 2026-01-31)" in line) == (item.id in retired), line
