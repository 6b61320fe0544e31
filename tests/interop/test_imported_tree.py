"""The depth rule and code assignment shared by the CASE and Moodle imports."""

from __future__ import annotations

from competency_kit.interop.tree import (
    ImportOptions,
    ImportReport,
    SourceNode,
    build_framework,
    find_loops,
    level_id,
    slug,
)

HEAD = {"id": "t", "title": "T", "version": "1"}


def node(code: str, text: str, *children: SourceNode, typed: bool = False) -> SourceNode:
    return SourceNode(
        code=code,
        text={"en": text},
        place=f"item {text}",
        dimension="skill" if typed else None,
        children=list(children),
    )


def test_a_source_code_is_kept_even_when_a_generated_code_comes_first() -> None:
    # The first area has no code and would be A1, but a later item owns "A1" in the source.
    roots = [node("", "first"), node("A1", "second"), node("A1", "third")]
    report = ImportReport("src")
    result = build_framework(
        HEAD, roots, source="src", options=ImportOptions("skill"), report=report
    )
    assert [a.id for a in result.framework.areas] == ["A1-x2", "A1", "A3"]
    assert report.adjusted == [
        "given a code because it has no code — 1: item first → A1-x2",
        "given a code: its code is already used — 1: item third → A3 (was 'A1')",
    ]


def test_deeper_levels_become_statements_in_reading_order_with_their_path() -> None:
    deepest = node("S3", "three", typed=True)
    statements = node("S1", "one", node("S2", "two", deepest, typed=True), typed=True)
    tree = node("A", "area", node("C", "comp", statements, typed=True), typed=True)
    report = ImportReport("src")
    fw = build_framework(
        HEAD, [tree], source="src", options=ImportOptions(), report=report
    ).framework
    statements = fw.areas[0].competencies[0].statements
    assert [(s.id, s.note) for s in statements] == [
        ("S1", None),
        ("S2", "Path in the source framework: S1"),
        ("S3", "Path in the source framework: S1 › S2"),
    ]
    assert report.text().splitlines() == [
        "src: imported 1 area, 1 competency, 3 statements, 0 levels",
        "Not carried over (2):",
        "  - the skill type of items that became areas (only statements have one) — 1: item area",
        "  - the skill type of items that became competencies (only statements have one) — 1: "
        "item comp",
    ]


def test_slug_makes_a_level_or_framework_id_or_nothing() -> None:
    assert slug("  Foundation Level (1) ") == "foundation-level-1"
    assert slug("Übung") == "ubung"
    assert slug("Débutant") == "debutant" and slug("Intermédiaire") == "intermediaire"
    assert slug("Kỹ năng") == "ky-nang" and slug("Straße") == "strasse"
    assert slug("初級") == ""
    assert slug("!!!") == ""
    assert len(slug("word " * 40)) <= 63 and not slug("word " * 40).endswith("-")


def test_level_id_falls_back_to_the_position_when_unusable_or_taken() -> None:
    assert level_id("Advanced", []) == "advanced"
    assert level_id("Advanced", ["advanced"]) == "level-2"
    assert level_id("???", ["a", "b"]) == "level-3"
    assert level_id("初級", [], own="L1") == "l1"


def test_find_loops_gives_each_loop_once_closed() -> None:
    parents = {"a": "b", "b": "c", "c": "a", "d": "a", "e": "", "f": "f", "g": "missing"}
    assert find_loops(parents) == [["a", "b", "c", "a"], ["f", "f"]]
    assert find_loops({"x": "", "y": "x"}) == []


def test_find_loops_walks_a_long_chain_once() -> None:
    chain = {f"n{i}": f"n{i - 1}" for i in range(1, 50_000)}
    chain["n0"] = "n49999"
    (loop,) = find_loops(chain)
    assert len(loop) == 50_001 and loop[0] == loop[-1]
