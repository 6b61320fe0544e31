"""The tagged PDF as a screen reader meets it, checked on the example guide and on every handout
of the demo: PDF/UA-1 (Matterhorn) checkpoints walked with pikepdf."""

from __future__ import annotations

import re

import pytest

from .conftest import ExampleDocuments


@pytest.fixture(scope="module")
def english(example_documents) -> ExampleDocuments:
    return example_documents("en")


def test_every_marked_content_sequence_is_in_the_tree_or_an_artifact(english) -> None:
    for path in english.documents:
        structure = english.structure(path)
        assert structure.unreached_mcids() == [], path.name
        assert structure.untagged_text == [], path.name
        assert structure.parent_tree_mismatches() == [], path.name


def test_running_headers_and_footers_are_artifacts(english) -> None:
    guide = english.structure(english.guide)
    pages = len(guide.page_of)
    artifacts = guide.artifact_text
    assert f"Page 3 of {pages}" in artifacts
    assert artifacts.count("Curriculum guide") >= pages - 1  # every page but the cover
    tagged = "".join(guide.content.values())
    assert "Page 3 of" not in tagged
    handout = english.structure(english.handouts[0])
    assert any(
        text.startswith("Core competencies for child protection") for text in handout.artifact_text
    )
    assert "Trainer handout" in handout.artifact_text


def test_the_cover_and_the_body_text_stay_tagged(english) -> None:
    guide = english.structure(english.guide)
    headings = [title for _, title in guide.headings()]
    assert "How to use this guide" in headings
    assert "Diploma in Hospitality Management" in " ".join(headings)


def test_every_figure_has_alternative_text(english) -> None:
    for path in english.documents:
        assert english.structure(path).figures_without_alt() == [], path.name


def test_charts_describe_their_values(english, framework) -> None:
    alts = [e.alt or "" for e in english.structure(english.guide).elements if e.tag == "/Figure"]
    by_area = next(a for a in alts if a.startswith("Coverage by area: "))
    first = framework.areas[0]
    statements = sum(len(c.statements) for c in first.competencies)
    described = re.search(
        rf"{first.id} {re.escape(first.title['en'])} (\d+)% \((\d+) of (\d+)\)", by_area
    )
    assert described, by_area
    percent, taught, total = map(int, described.groups())
    assert total == statements and 0 < taught <= total
    assert percent == round(100 * taught / total)
    assert "CP9 " in by_area
    assert any(a.startswith("Coverage by dimension: Knowledge ") for a in alts)
    heatmap = next(a for a in alts if a.startswith("Every statement at a glance: "))
    assert "CP1.1-K1 " in heatmap and "(assessed)" in heatmap
    assert "Key: not covered, introduced, reinforced, mastered" in " ".join(alts)
    assert alts.count("assessed") >= 10  # the ticks


def test_heading_levels_never_skip(english) -> None:
    for path in english.documents:
        structure = english.structure(path)
        assert structure.heading_skips() == [], path.name
        assert structure.headings()[0][0] == 1, path.name
    levels = {title: level for level, title in english.structure(english.guide).headings()}
    assert levels["Proficiency levels"] == 2
    assert levels["CP1.1 Children's rights and the best interests of the child"] == 3
    assert levels["NATIONAL CHILD HELPLINE"] == 2


def test_contents_entries_are_one_link_each_in_reading_order(english, framework) -> None:
    guide = english.structure(english.guide)
    entries = [guide.text(link) for link in guide.links_on_page(2)]
    titles = [re.sub(r" \d+$", "", entry) for entry in entries]
    pages = [int(entry.rsplit(" ", 1)[1]) for entry in entries]
    assert titles[:4] == [
        "How to use this guide",
        "The framework at a glance",
        "Programme coverage",
        "Courses and modules",
    ]
    assert titles[-1] == "Appendix: reporting pathways"
    assert "HOS101-M1 · The tourism system and its stakeholders" in titles
    assert pages == sorted(pages) and pages[0] == 3
    assert all(link.annotations == 1 for link in guide.links_on_page(2))
    assert guide.nested_links() == []
    # The leader is a drawn rule, not text: no run of dots for a screen reader to read.
    assert ". ." not in guide.page_text(2) and "..." not in guide.page_text(2)


def test_cross_references_are_one_link_with_their_page(english) -> None:
    guide = english.structure(english.guide)
    texts = [guide.text(link) for link in guide.links_on_page(3)]
    contents = [guide.text(link) for link in guide.links_on_page(2)]
    page = next(e.rsplit(" ", 1)[1] for e in contents if e.startswith("Programme coverage "))
    assert f"Programme coverage (page {page})" in texts


def test_data_tables_have_header_cells_and_none_is_empty(english) -> None:
    for path in english.documents:
        structure = english.structure(path)
        assert structure.tables_without_th() == [], path.name
        headers = [e for e in structure.elements if e.tag == "/TH"]
        assert all(structure.text(th) for th in headers), path.name
    guide = english.structure(english.guide)
    # The key to the marks is a list, not a table laid out for looks.
    key = "I introduced R reinforced M mastered assessed"
    assert any(guide.text(e) == key for e in guide.elements if e.tag == "/L")
    assert not any(key in guide.text(table) for table in guide.tables())


def test_line_break_hyphens_are_soft_so_words_stay_whole(english) -> None:
    guide = english.structure(english.guide)
    tagged = "".join(guide.content.values())
    assert "\u2010" not in tagged
    # Hyphenation still breaks long words: the drawn hyphen reads as a soft hyphen.
    broken = [t for t in guide.content.values() if t.endswith("\u00ad")]
    assert len(broken) > 20
    # ... and only where a line ends.
    assert all(t.count("\u00ad") == t.endswith("\u00ad") for t in guide.content.values())
    for path in english.handouts:
        assert "\u2010" not in "".join(english.structure(path).content.values()), path.name
