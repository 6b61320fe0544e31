"""The guide PDF, checked by what a reader finds in it."""

from __future__ import annotations

import re

from markupsafe import escape
from pypdf.generic import NameObject

from competency_kit.pdf.guide import render_guide_html
from competency_kit.pdf.profile import Contact, LocalProfile
from competency_kit.pdf.templating import TemplateSet

from .conftest import EVIL_TITLE


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


CONTENTS_LINE = re.compile(r"^(?P<title>.+?)\s*(?:\.\s*){3,}(?P<page>\d+)\s*$")


def test_page_count_is_in_the_expected_range(rendered_guide) -> None:
    assert 12 <= len(rendered_guide.reader.pages) <= 60


def test_no_weasyprint_warning_was_logged(rendered_guide) -> None:
    assert [r.getMessage() for r in rendered_guide.weasyprint_logs] == []


def test_contents_page_numbers_match_where_sections_start(rendered_guide) -> None:
    pages = rendered_guide.pages_text()
    entries = [m for line in pages[1].splitlines() if (m := CONTENTS_LINE.match(line.strip()))]
    titles = [m["title"] for m in entries]
    assert "How to use this guide" in titles
    assert "Appendix: reporting pathways" in titles
    assert any(t.startswith("HOS102-M1") for t in titles)
    for entry in entries:
        page = int(entry["page"])
        heading = squash(entry["title"].replace(" · ", " "))
        assert heading[:25] in squash(pages[page - 1]), (heading, page)


def test_module_titles_and_statement_ids_are_in_the_text(rendered_guide, framework) -> None:
    text = " ".join(rendered_guide.pages_text())
    for title in ("Guest arrival and check-in", "Room checks and signs of risk", "Housekeeping"):
        assert title in text
    for statement in framework.competency("CP3.1").statements:
        assert statement.id in text
    assert "Role-play, observed" in text


def test_html_in_a_module_title_is_printed_as_text(rendered_guide) -> None:
    assert EVIL_TITLE in squash(" ".join(rendered_guide.pages_text()))


def test_bookmarks_follow_the_headings(rendered_guide) -> None:
    reader = rendered_guide.reader

    def titles(items) -> list[str]:
        found = []
        for item in items:
            found += titles(item) if isinstance(item, list) else [item.title]
        return found

    outline = titles(reader.outline)
    assert "Contents" in outline
    assert "Programme coverage" in outline
    assert "HOS101-M1 Guest arrival and check-in" in outline
    assert "Appendix: reporting pathways" in outline


def test_metadata_language_tags_and_creation_date(rendered_guide) -> None:
    reader = rendered_guide.reader
    info = reader.metadata
    assert info.title == "Diploma in Hospitality — Curriculum guide"
    assert info.author == "Test School"
    assert info["/CreationDate"].startswith("D:20231114221320")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/MarkInfo"]["/Marked"]
    assert NameObject("/StructTreeRoot") in root


def test_fonts_are_the_packaged_ones_and_embedded(rendered_guide) -> None:
    fonts = {}
    for page in rendered_guide.reader.pages[:4]:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            fonts[str(font["/BaseFont"])] = descendant["/FontDescriptor"].get_object()
    assert fonts and all("Kit-Sans" in name for name in fonts)  # the packaged family only
    assert all("/FontFile2" in d or "/FontFile3" in d for d in fonts.values())


def test_missing_profile_is_said_on_the_pathways_page(rendered_guide) -> None:
    last = rendered_guide.pages_text()[-1]
    assert "Local reporting pathways not yet filled in" in last
    assert "116" not in last


def test_profile_pathways_are_printed(framework, curriculum, report) -> None:
    profile = LocalProfile(national_hotline=Contact(name="Child Helpline", phone="116 111"))
    html = render_guide_html(framework, curriculum, report, TemplateSet(), profile=profile)
    assert "116 111" in html and "not yet filled in" not in html


def test_labels_follow_the_language_and_texts_fall_back_to_english(
    framework, curriculum, report
) -> None:
    html = render_guide_html(framework, curriculum, report, TemplateSet(), "fr")
    assert '<html lang="fr">' in html
    assert "Comment utiliser ce guide" in html and "Annexe : circuits de signalement" in html
    area = framework.areas[0]
    assert str(escape(area.title["fr"])) in html
    statement = framework.areas[0].competencies[0].statements[0]
    assert str(escape(statement.text.get("fr", statement.text["en"]))) in html


def test_html_preview_carries_its_styles_and_escapes_user_text(
    framework, curriculum, report
) -> None:
    html = render_guide_html(framework, curriculum, report, TemplateSet(), inline_styles=True)
    assert "@font-face" in html and "file://" in html
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;Bold&lt;/b&gt;" in html
